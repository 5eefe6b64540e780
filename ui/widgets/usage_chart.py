"""Consumption at a glance: the account's last 24 months of kWh as bars, drawn with QPainter.

No chart library: PySide6-Essentials has no QtCharts, and a bar per month, a dashed mark
per price change and one threshold line are a few dozen lines of painting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.dto import UsageMonth
from desktop.money.amounts import format_vnd, group_digits
from ui.theme import LIGHT

# the theme's tokens (ui/theme.py): the axis words are its secondary text, whose contrast
# the theme's test computes
BAR = QColor(LIGHT.primary)
#: the latest period stands out: it is the bill the customer asks about
LATEST = QColor(LIGHT.primary_dark)
PRICE_MARK = QColor(LIGHT.warning)
THRESHOLD = QColor(LIGHT.danger)
AXIS = QColor(LIGHT.text_secondary)

EMPTY_TEXT = "Chưa có dữ liệu tiêu thụ"


class UsageChart(QWidget):
    """Bars of kWh per billing period; the đồng of each in its tooltip and under the chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usageChart")
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.months: tuple[UsageMonth, ...] = ()
        self.price_changes: tuple[tuple[dt.date, str], ...] = ()
        self.threshold_kwh: int | None = None
        #: what the threshold line says (the registration, and how it became kWh)
        self.threshold_label = ""
        #: bar rectangles of the last paint (tests and tooltips read them)
        self.bars: list[QRectF] = []
        self.setAccessibleName("Biểu đồ điện tiêu thụ 24 tháng")

    def sizeHint(self) -> QSize:
        return QSize(520, 190)

    def set_usage(self, months: Sequence[UsageMonth],
                  price_changes: Sequence[tuple[dt.date, str]] = (),
                  threshold_kwh: int | None = None, threshold_label: str | None = None) -> None:
        self.months = tuple(months)
        self.price_changes = tuple(price_changes)
        self.threshold_kwh = threshold_kwh if threshold_kwh and threshold_kwh > 0 else None
        self.threshold_label = "" if self.threshold_kwh is None else (
            threshold_label or f"Ngưỡng cảnh báo {group_digits(self.threshold_kwh)} kWh")
        self.setToolTip(self.summary())
        self.update()

    def month_text(self, i: int) -> str:
        """One bar in words: what its tooltip says (the đồng of each month)."""
        m = self.months[i]
        return f"Kỳ {m.period_end:%m/%Y}: {group_digits(m.kwh)} kWh{_dong(m.amount, ' · ')}"

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            hit = next((i for i, r in enumerate(self.bars)
                        if r.left() <= e.pos().x() <= r.right()), None)
            QToolTip.showText(e.globalPos(),
                              self.month_text(hit) if hit is not None else self.summary(), self)
            return True
        return super().event(e)

    def summary(self) -> str:
        """The chart in words (tooltip, screen readers)."""
        if not self.months:
            return EMPTY_TEXT
        last = self.months[-1]
        avg = sum(m.kwh for m in self.months) // len(self.months)
        return (f"{len(self.months)} kỳ; kỳ gần nhất {last.period_end:%m/%Y}: "
                f"{group_digits(last.kwh)} kWh{_dong(last.amount)}; "
                f"trung bình {group_digits(avg)} kWh/kỳ"
                + (f"; {self.threshold_label}" if self.threshold_label else ""))

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            self._paint(p)
        finally:
            p.end()

    def _paint(self, p: QPainter) -> None:
        self.bars = []
        w, h = self.width(), self.height()
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        p.setFont(font)
        fm = p.fontMetrics()
        if not self.months:
            p.setPen(AXIS)
            p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, EMPTY_TEXT)
            return
        left, right, top = fm.horizontalAdvance("88.888") + 8, 8, fm.height() + 4
        bottom = 2 * fm.height() + 6
        plot = QRectF(left, top, max(10, w - left - right), max(10, h - top - bottom))
        peak = max([m.kwh for m in self.months] + [self.threshold_kwh or 0, 1])
        scale = plot.height() / (peak * 1.1)
        # axis and the peak's value
        p.setPen(AXIS)
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawText(QRectF(0, plot.top() - fm.height() / 2, left - 4, fm.height()),
                   Qt.AlignmentFlag.AlignRight, group_digits(peak))
        p.drawText(QRectF(0, plot.bottom() - fm.height(), left - 4, fm.height()),
                   Qt.AlignmentFlag.AlignRight, "0 kWh" if left > fm.horizontalAdvance("0 kWh")
                   else "0")
        n = len(self.months)
        slot = plot.width() / n
        gap = min(6.0, slot * 0.25)
        for i, m in enumerate(self.months):
            bar_h = max(1.0, m.kwh * scale)
            rect = QRectF(plot.left() + i * slot + gap / 2, plot.bottom() - bar_h,
                          slot - gap, bar_h)
            p.fillRect(rect, LATEST if i == n - 1 else BAR)
            self.bars.append(rect)
            # a month label under every bar that has room, always the first and the last
            every = max(1, int(fm.horizontalAdvance("12/26 ") // max(1.0, slot)) + 1)
            if (i % every == 0 and n - 1 - i >= every) or i == n - 1:
                p.setPen(AXIS)
                p.drawText(QRectF(plot.left() + i * slot - 10, plot.bottom() + 2, slot + 20,
                                  fm.height()), Qt.AlignmentFlag.AlignHCenter,
                           f"{m.period_end:%m/%y}")
        # price changes: a dashed mark before the first period ending on or after the change
        pen = QPen(PRICE_MARK, 1, Qt.PenStyle.DashLine)
        for on, name in self.price_changes:
            after = next((i for i, m in enumerate(self.months) if m.period_end >= on), None)
            if after is None:
                continue
            x = plot.left() + after * slot
            p.setPen(pen)
            p.drawLine(int(x), int(plot.top()), int(x), int(plot.bottom()))
            label = f"{name} ({on:%d/%m/%y})"
            p.drawText(QRectF(x + 2, plot.top() - fm.height(), fm.horizontalAdvance(label) + 4,
                              fm.height()), Qt.AlignmentFlag.AlignLeft, label)
        if self.threshold_kwh is not None:
            y = plot.bottom() - self.threshold_kwh * scale
            p.setPen(QPen(THRESHOLD, 2))
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            wide = min(plot.width(), fm.horizontalAdvance(self.threshold_label) + 4)
            p.drawText(QRectF(plot.right() - wide, y - fm.height(), wide, fm.height()),
                       Qt.AlignmentFlag.AlignRight, self.threshold_label)
        last = self.months[-1]
        p.setPen(AXIS)
        p.drawText(QRectF(0, h - fm.height(), w, fm.height()), Qt.AlignmentFlag.AlignLeft,
                   f"Kỳ {last.period_end:%m/%Y}: {group_digits(last.kwh)} kWh"
                   f"{_dong(last.amount, ' · ')}  ·  trung bình "
                   f"{group_digits(sum(m.kwh for m in self.months) // n)} kWh/kỳ")


def _dong(amount: int | None, sep: str = ", ") -> str:
    return "" if amount is None else f"{sep}{format_vnd(amount)}"
