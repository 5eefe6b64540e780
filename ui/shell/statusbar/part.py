"""What every part of the status bar is: a label that can turn to an alert."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel


class Part(QLabel):
    def __init__(self, name: str) -> None:
        super().__init__("")
        self.setObjectName(name)
        # a narrow window (1366 px at 150 %) wraps a part onto a second line: never "F6 cần xử…"
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        """On one line when there is room (a wrapped label asks for less than its line)."""
        hint = super().sizeHint()
        m = self.contentsMargins()
        line = self.fontMetrics().horizontalAdvance(self.text()) + m.left() + m.right() \
            + 2 * self.margin() + 8
        return QSize(max(hint.width(), line), hint.height())

    def set_alert(self, alert: bool) -> None:
        """Red and bold (the theme's ``[alert="true"]``) while something needs the person."""
        self.setProperty("alert", alert)
        self.style().unpolish(self)
        self.style().polish(self)
