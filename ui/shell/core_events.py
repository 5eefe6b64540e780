"""The core's events as Qt signals, delivered on the GUI thread.

The core publishes from whichever thread did the work (the store lane, the
sync loop, the printer thread); a ``CoreEvents`` object lives in the GUI
thread, so each signal it emits from another thread is queued to the GUI
thread (Electrum's ``QtEventListener``). Screens connect to these signals
and refresh from them: a payment changes the results list, the account
panel, the print counter and the sync line at once, whoever took it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop import events as core
from desktop.app import App


class CoreEvents(QObject):
    payment_committed = Signal(object)
    payment_voided = Signal(object)
    shift_opened = Signal(object)
    shift_closed = Signal(object)
    cash_dropped = Signal(object)
    request_taken = Signal(object)
    sync_progressed = Signal(object)
    sync_finished = Signal(object)
    print_finished = Signal(object)
    printer_changed = Signal(object)
    account_changed = Signal(object)
    qr_changed = Signal(object)
    demo_city_grew = Signal(object)

    def __init__(self, app: App, parent: QObject | None = None) -> None:
        super().__init__(parent)
        routes: dict[type[core.Event], Any] = {
            core.PaymentCommitted: self.payment_committed,
            core.PaymentVoided: self.payment_voided,
            core.ShiftOpened: self.shift_opened,
            core.ShiftClosed: self.shift_closed,
            core.CashDropped: self.cash_dropped,
            core.RequestTaken: self.request_taken,
            core.SyncProgressed: self.sync_progressed,
            core.SyncFinished: self.sync_finished,
            core.PrintFinished: self.print_finished,
            core.PrinterChanged: self.printer_changed,
            core.AccountChanged: self.account_changed,
            core.QrChanged: self.qr_changed,
            core.DemoCityGrew: self.demo_city_grew,
        }
        self._routes = routes
        unsubscribe = app.events.subscribe(core.Event, self._relay)
        self._unsubscribe = unsubscribe
        # a signal emitted from another thread after this object is gone would crash
        self.destroyed.connect(lambda *_a: unsubscribe())

    def detach(self) -> None:
        """Stop relaying (the window closes; the core outlives it in tests)."""
        self._unsubscribe()

    def _relay(self, event: core.Event) -> None:
        signal = self._routes.get(type(event))
        if signal is not None:
            signal.emit(event)
