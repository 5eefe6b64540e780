"""Keys typed with the key that opens a dialog are the dialog's (issue 31).

When the window is busy, the key that opens a dialog (F9) and the keys typed after it
arrive together. Opened at once, the modal dialog blocks the window before those keys are
delivered, and Qt drops them: "F9 16000" typed at once gave an amount of 6 000 or 0. The
window instead chooses the dialog at the key, holds the keys that follow it for one turn
of the event loop (until everything already typed is delivered), then opens the dialog and
hands it those keys, in order. A shortcut among them does not act on the window below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True, slots=True)
class HeldKey:
    kind: QEvent.Type
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    autorepeat: bool


#: the dialog opened one turn of the event loop after its key (:meth:`TypeAhead.open_after`)
_OPEN = QEvent.Type(QEvent.registerEventType())


class TypeAhead(QObject):
    """Between :meth:`hold` and :meth:`give_to`, the application's key events are kept."""

    _KINDS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held: list[HeldKey] | None = None
        self._opening: Callable[[], QWidget | None] | None = None

    @property
    def holding(self) -> bool:
        return self._held is not None

    def hold(self) -> None:
        if self._held is None:
            self._held = []
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)

    def open_after(self, opening: Callable[[], QWidget | None]) -> bool:
        """Hold the keys; once everything typed with the key is delivered, ``opening()``
        opens the dialog and names the field that takes them (None: they are dropped).
        False, and nothing done, while a dialog is on its way already (F9 twice at once)."""
        if self._held is not None:
            return False
        self.hold()
        self._opening = opening
        QCoreApplication.postEvent(self, QEvent(_OPEN))
        return True

    def event(self, event: QEvent) -> bool:
        if event.type() == _OPEN:
            opening, self._opening = self._opening, None
            try:
                target = opening() if opening is not None else None
            except BaseException:
                self.give_to(None)  # never a window whose keys stay held
                raise
            self.give_to(target)
            return True
        return super().event(event)

    def give_to(self, target: QWidget | None) -> int:
        """Stop holding; the held keys to ``target`` (None: dropped). How many presses."""
        held, self._held = self._held or [], None
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if target is None:
            return 0
        for k in held:
            QCoreApplication.sendEvent(target, QKeyEvent(k.kind, k.key, k.modifiers, k.text,
                                                          k.autorepeat))
        return sum(k.kind == QEvent.Type.KeyPress for k in held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._held is None:
            return False
        kind = event.type()
        if kind == QEvent.Type.Shortcut:
            return True  # a key typed for the dialog never acts on the window below
        if kind in self._KINDS and isinstance(watched, QWidget) and isinstance(event, QKeyEvent):
            self._held.append(HeldKey(kind, event.key(), event.modifiers(), event.text(),
                                      event.isAutoRepeat()))
            return True
        return False
