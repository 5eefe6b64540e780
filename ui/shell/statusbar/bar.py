"""The status bar: who works, the shift, the printer, the store, the link — the same parts,
in the same places, in every window."""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar

from desktop.app import App
from ui.shell.core_events import CoreEvents
from ui.shell.statusbar.city import CityPart
from ui.shell.statusbar.printer import PrinterPart
from ui.shell.statusbar.shift import ShiftPart
from ui.shell.statusbar.staff import StaffPart
from ui.shell.statusbar.store import StorePart
from ui.shell.statusbar.sync import SyncPart
from ui.shell.tasks import Tasks


class StatusBar(QStatusBar):
    def __init__(self, app: App, runner: Tasks, events: CoreEvents, *, online: bool,
                 shift_keys: bool = True, offline: str = "") -> None:
        super().__init__()
        self.setObjectName("shellStatus")
        self.staff = StaffPart()
        self.shift = ShiftPart(keys=shift_keys)
        self.printer = PrinterPart(events)
        self.store = StorePart(app.store_path)
        self.sync = SyncPart(app, runner, events, online=online, offline=offline)
        self.city = CityPart(events, getattr(app, "demo_city", None))
        for part in (self.staff, self.shift, self.printer, self.store, self.city):
            self.addPermanentWidget(part)
        self.addPermanentWidget(self.sync.badge)
        self.addPermanentWidget(self.sync)

    def retranslate(self) -> None:
        self.store.retranslate()
        self.city.retranslate()
        self.shift.show_shift(self.shift.shift)
        self.sync.refresh()
