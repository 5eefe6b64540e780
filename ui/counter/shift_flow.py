"""The drawer's shift as a window works it: F10 opens (with the float) or closes it (blind
count, Z report, central's reconciliation when online), Ctrl+F10 drops cash to the safe,
Ctrl+H hands closed shifts over to the head cashier. The counter's, the field
collector's and the agent's windows share it (the agent's opens and closes with F10 too).

The shift as last read is in :attr:`shift` (money is refused at once without one) and in
the status bar; the core's ``ShiftOpened``/``ShiftClosed`` read it again, whoever did it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from desktop.money.shifts import ShiftView
from ui.counter.cash_drop_dialog import CashDropDialog
from ui.counter.close_shift_dialog import CloseShiftDialog
from ui.counter.open_shift_dialog import OpenShiftDialog
from ui.shell.window import ShellWindow


class ShiftFlow(QObject):
    #: the shift as just read (a ``ShiftView``, or None when none is open)
    changed = Signal(object)

    def __init__(self, window: ShellWindow) -> None:
        super().__init__(window)
        self._window = window
        self.shift: ShiftView | None = None
        #: the shift, cash-drop or hand-over dialog last opened
        self.dialog: QDialog | None = None
        window.events.shift_opened.connect(lambda _e: self.refresh())
        window.events.shift_closed.connect(lambda _e: self.refresh())
        self.changed.connect(window.status.shift.show_shift)

    def refresh(self) -> None:
        w = self._window
        shifts, actor = w.app.shifts, w.actor
        w.runner.run(lambda: shifts.current(actor), self._read)

    def _read(self, shift: ShiftView | None) -> None:
        self.shift = shift
        self.changed.emit(shift)

    def open_or_close(self) -> None:
        """F10: the open-shift dialog without a shift, the close-shift one with it."""
        w = self._window
        shifts, actor = w.app.shifts, w.actor
        w.runner.run(lambda: shifts.current(actor), self._shift_dialog)

    def _shift_dialog(self, shift: ShiftView | None) -> None:
        w = self._window
        dialog: QDialog
        if shift is None:
            opening = OpenShiftDialog(w.app, w.runner, w.actor, w)
            opening.opened.connect(lambda _s: self.refresh())
            dialog = opening
        else:
            shifts, actor = w.app.shifts, w.actor

            def reconcile(shift_key: str) -> tuple[str, ...]:
                # off the GUI thread: push the report, then compare with central's totals
                return shifts.reconcile_with_central(actor, shift_key)

            dialog = CloseShiftDialog(w.app, w.runner, w.actor, shift, w,
                                      reconcile=reconcile if w.online else None)
        self._open(dialog)

    def cash_drop(self) -> None:
        """Ctrl+F10: cash from the drawer to the safe or the head cashier."""
        w = self._window
        shifts, actor = w.app.shifts, w.actor
        # no shift open: the dialog says so plainly, instead of a form refused on Enter
        w.runner.run(lambda: shifts.current(actor), lambda shift: self._open(
            CashDropDialog(w.app, w.runner, w.actor, w, shift_open=shift is not None)))

    def hand_over(self) -> None:
        """Ctrl+H: the head cashier takes this drawer's closed shifts over, counted blind."""
        from ui.office.turn_in_dialog import TurnInDialog

        w = self._window
        self._open(TurnInDialog(w.app, w.runner, w))

    def _open(self, dialog: QDialog) -> None:
        w = self._window
        if not w.isVisible() or w.locked:
            # the answer came after the window closed or locked: nothing of this person's
            # work may open over the lock screen or outlive the window
            dialog.deleteLater()
            return
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._window.back_to_work())
        dialog.open()
