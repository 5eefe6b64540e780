"""What every part of the status bar is: a label on one line that can turn to an alert,
and that gives way, cut with "…" and whole in its tooltip, when the bar is too narrow
(``bar.py`` decides who gives way first)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel


class Part(QLabel):
    #: how readily the part gives way on a narrow bar: the lowest first (an alert never
    #: before every quiet part has)
    priority = 50

    def __init__(self, name: str) -> None:
        super().__init__("")
        self.setObjectName(name)
        # one line, always: a wrapped part made the bar two lines tall (1366 px with
        # "Đã in N phiếu", the link and the shift); a part that must give way is cut
        # with "…" and says itself whole in its tooltip
        self.setWordWrap(False)
        #: the bar's "fit again" (its parts' widths follow their words)
        self.changed: Callable[[], None] | None = None

    def setText(self, text: str) -> None:
        super().setText(text)
        self._tip()
        if self.changed is not None:
            self.changed()

    def full_width(self) -> int:
        """The width the whole text needs on one line."""
        m = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(self.text()) + m.left() + m.right() \
            + 2 * self.margin() + 8

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.full_width()), hint.height())

    def minimumSizeHint(self) -> QSize:
        """Down to "…" (the whole in the tooltip): the bar cuts the part rather than grow
        past the window; the link's state stays in words on its badge beside it."""
        hint = super().minimumSizeHint()
        m = self.contentsMargins()
        few = self.fontMetrics().horizontalAdvance("…") + m.left() + m.right() + 8
        return QSize(min(self.full_width(), few), hint.height())

    def is_cut(self) -> bool:
        return bool(self.text()) and self.contentsRect().width() \
            < self.fontMetrics().horizontalAdvance(self.text())

    def shown_text(self) -> str:
        """The words on screen: the text, or its start and "…" when the part gave way."""
        if not self.is_cut():
            return self.text()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def _tip(self) -> None:
        self.setToolTip(self.text() if self.is_cut() else "")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # the large-text setting or an alert's bold: the same words need another width
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) \
                and self.changed is not None:
            self.changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._tip()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.is_cut():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(),
                                  int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                  self.palette(), self.isEnabled(), self.shown_text(),
                                  self.foregroundRole())
        painter.end()

    def set_alert(self, alert: bool) -> None:
        """Red and bold (the theme's ``[alert="true"]``) while something needs the person."""
        self.setProperty("alert", alert)
        self.style().unpolish(self)
        self.style().polish(self)
        self._tip()
        if self.changed is not None:
            self.changed()
