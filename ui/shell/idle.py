"""How long nobody has touched the program: the idle lock's clock."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QMouseEvent


class IdleWatcher(QObject):
    """Notes the time of the last key press, click, wheel or real mouse movement, in any
    window of the program (an application event filter).

    ``clock`` is a monotonic clock in seconds; a test hands it a fake one and moves it on,
    instead of waiting for minutes to pass.
    """

    def __init__(self, parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self.last_input = clock()
        self._last_pos: object = None
        self._installed = False

    def install(self) -> None:
        qapp = QCoreApplication.instance()
        if qapp is not None and not self._installed:
            qapp.installEventFilter(self)
            self._installed = True

    def remove(self) -> None:
        qapp = QCoreApplication.instance()
        if qapp is not None and self._installed:
            qapp.removeEventFilter(self)
        self._installed = False

    def touch(self) -> None:
        """Someone is here (the password was just given): the idle time starts again."""
        self.last_input = self.clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.touch()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            # some platforms repeat a move without movement: only a real one counts
            pos = event.globalPosition().toPoint()
            if pos != self._last_pos:
                self._last_pos = pos
                self.touch()
        return False

    def idle_seconds(self) -> float:
        return self.clock() - self.last_input
