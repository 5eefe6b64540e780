"""``quaythu demo``'s city while it still grows behind the sign-in: how far, in the bar."""

from __future__ import annotations

from desktop.events import DemoCityGrew
from desktop.money.amounts import group_digits
from ui.shell.core_events import CoreEvents
from ui.shell.statusbar.part import Part


class CityPart(Part):
    """Hidden unless the demo city is growing; gone once it is whole."""

    priority = 20  # the bar's order of giving way (bar.py)

    def __init__(self, events: CoreEvents, now: DemoCityGrew | None) -> None:
        super().__init__("demoCityStatus")
        self._last = now
        events.demo_city_grew.connect(self.show_growth)
        self.show_growth(now)

    def show_growth(self, event: DemoCityGrew | None) -> None:
        self._last = event
        growing = event is not None and event.growing
        self.setVisible(growing)
        self.retranslate()

    def retranslate(self) -> None:
        event = self._last
        if event is None or not event.growing:
            self.setText("")
            return
        self.setText(self.tr("Thành phố demo đang được tạo thêm: {done}/{total} khách hàng")
                     .format(done=group_digits(event.done), total=group_digits(event.total)))
