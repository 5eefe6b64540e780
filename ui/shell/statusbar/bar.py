"""The status bar: who works, the shift, the printer, the store, the link — the same parts,
in the same places, in every window. One line, always: when the words do not fit, the
least needed part gives way first (cut with "…", whole in its tooltip) — the store's name,
the demo city, the printer's count, the link — and an alert only after every quiet part;
who works and the shift last."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QStyle, QWidget

from desktop.app import App
from ui.shell.core_events import CoreEvents
from ui.shell.statusbar.city import CityPart
from ui.shell.statusbar.part import Part
from ui.shell.statusbar.printer import PrinterPart
from ui.shell.statusbar.shift import ShiftPart
from ui.shell.statusbar.staff import StaffPart
from ui.shell.statusbar.store import StorePart
from ui.shell.statusbar.sync import SyncPart
from ui.shell.tasks import Tasks

#: Qt's widest width (QWIDGETSIZE_MAX): a part that need not give way
WHOLE = (1 << 24) - 1
#: the room a part takes beside its words in the bar's row (spacing, a frame's margin)
GAP = 8
#: at most this share of the bar is kept for a message shown in it (``showMessage``)
MESSAGE_SHARE = 0.45
#: the parts ranked below this give way to a message; an alert ranks 100 higher
MESSAGE_RANK = 60


def _rank(part: Part) -> int:
    """How much a part is needed now: the lowest gives way first."""
    return part.priority + (100 if part.property("alert") else 0)


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
        #: the parts, in their places from the left
        self.parts: tuple[Part, ...] = (self.staff, self.shift, self.printer, self.store,
                                        self.city, self.sync)
        for part in self.parts[:-1]:
            self.addPermanentWidget(part)
        self.addPermanentWidget(self.sync.badge)
        self.addPermanentWidget(self.sync)
        for each in self.parts:
            each.changed = self.fit
        self.messageChanged.connect(lambda _text: self.fit())
        self.sync.badge.installEventFilter(self)
        self.fit()

    def _others(self) -> list[QWidget]:
        """What shares the row and never gives way: the link's badge, the size grip."""
        found: list[QWidget] = [self.sync.badge]
        found += self.findChildren(QSizeGrip)
        return [w for w in found if not w.isHidden()]

    def fit(self) -> None:
        """Each part as wide as its words, unless the row is too narrow: then the part least
        needed gives way first (an alert counts as needed), down to "…". Only the widths
        that change are set (a part's new width asks the row to lay out again)."""
        parts = [p for p in self.parts if not p.isHidden() and p.text()]
        # what the row needs with every part whole: the words, the badge, the grip and the
        # row's spacing (from the widgets' own sizes, never the row's: see ``_spacing``)
        shown = [*(p for p in self.parts if not p.isHidden()), *self._others()]
        needed = sum(w.sizeHint().width() for w in shown) \
            + self._spacing() * (len(shown) + 1)
        short = needed - self.width()
        # a message shown in the bar (``showMessage``) takes the room of the quiet parts,
        # never that of who works, the shift or an alert
        message = self.currentMessage()
        wanted = min(self.fontMetrics().horizontalAdvance(message) + 2 * GAP,
                     int(self.width() * MESSAGE_SHARE)) if message else 0
        widths = dict.fromkeys(self.parts, WHOLE)
        for part in sorted(parts, key=_rank):
            room = short + wanted if _rank(part) < MESSAGE_RANK else short
            whole = part.sizeHint().width()
            give = min(room, whole - part.minimumSizeHint().width())
            if give > 0:
                widths[part] = whole - give
                short -= give
        for part, width in widths.items():
            if part.maximumWidth() != width:
                part.setMaximumWidth(width)

    def _spacing(self) -> int:
        """The spacing of the bar's row: the style's (QStatusBar builds its row anew on each
        change, and PySide can hand back a stale wrapper for ``layout()`` — a spacer item
        once — so the row itself is never asked)."""
        found = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
        return found if found >= 0 else GAP

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.fit()  # the link's badge came or went: the row's room changed
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def retranslate(self) -> None:
        self.store.retranslate()
        self.city.retranslate()
        self.shift.show_shift(self.shift.shift)
        self.sync.refresh()
