"""The printer: how many receipts printed, or the fault and what waits (Ctrl+P retries)."""

from __future__ import annotations

from PySide6.QtCore import Signal

from desktop.events import PrintFinished
from ui.shell.core_events import CoreEvents
from ui.shell.statusbar.part import Part


class PrinterPart(Part):
    priority = 30  # the bar's order of giving way (bar.py)

    #: each turn of the printer thread, as it ended (after this part showed it)
    printed = Signal(object)

    def __init__(self, events: CoreEvents) -> None:
        super().__init__("printerStatus")
        self.total = 0
        events.print_finished.connect(self._finished)

    def printing(self) -> None:
        self.setText(self.tr("Đang in…"))

    def _finished(self, outcome: PrintFinished) -> None:
        if outcome.error:
            self.setText(self.tr("Máy in lỗi: {e} · chờ in {w} · Ctrl+P in lại")
                         .format(e=outcome.error, w=outcome.waiting))
        elif outcome.printed:
            self.total += outcome.printed
            self.setText(self.tr("Đã in {n} phiếu").format(n=self.total))
        self.set_alert(bool(outcome.error))
        self.printed.emit(outcome)
