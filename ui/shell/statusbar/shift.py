"""The drawer's shift: open since when and whose, or not open (money is refused then)."""

from __future__ import annotations

import datetime as dt

from desktop import labels
from desktop.labels import VN_TZ
from desktop.money.shifts import ShiftView
from ui.shell.statusbar.part import Part


class ShiftPart(Part):
    priority = 80  # the bar's order of giving way (bar.py)

    def __init__(self, *, keys: bool = True) -> None:
        super().__init__("shiftStatus")
        #: whether F10 opens and closes the shift in this window (an agent's opens by itself)
        self.keys = keys
        self.shift: ShiftView | None = None
        self.show_shift(None)

    def show_shift(self, shift: ShiftView | None) -> None:
        self.shift = shift
        if shift is None:
            text = self.tr("Chưa mở ca")
            if self.keys:
                text += self.tr(" · F10 mở ca")
        else:
            opened = shift.opened_at.astimezone(VN_TZ)
            today = dt.datetime.now(VN_TZ).date()
            # a shift of today says its hour; one left open since another day says the day
            when = opened.strftime("%H:%M") if opened.date() == today \
                else labels.local_datetime(shift.opened_at)
            text = self.tr("Ca mở lúc {when} · {who}").format(when=when, who=shift.staff)
            if self.keys:
                text += self.tr(" · F10 đóng ca")
        self.setText(text)
        self.set_alert(shift is None)

    def forget(self) -> None:
        """Signed out: the last person's shift is not shown (the next one's is asked for)."""
        self.shift = None
        self.setText("")
        self.set_alert(False)
