"""The window's side of the screen lock: idle time or Ctrl+L, and the lock screen.

The lock itself is the core's (``AuthService.lock``: the session's row), so every service
refuses the session until the password is given again (``ScreenLocked``). This object
only keeps the lock screen in view while that is so: whatever closes it without the
password — Esc, ×, Alt+F4, ``hide()``, the dialog destroyed from outside — brings a new
one straight back, with its password box.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.app import App
from desktop.staff.auth import Actor
from ui.shell.idle import IdleWatcher
from ui.shell.sign_in_dialog import SIGNED_OUT, Mode, SignInDialog
from ui.shell.tasks import Tasks

logger = logging.getLogger(__name__)

#: how often the idle time is looked at (and a missing lock screen noticed, as a last resort)
CHECK_MS = 1000


class ScreenLock(QObject):
    screen_locked = Signal()
    screen_unlocked = Signal()
    #: "Đăng xuất" on the lock screen: the window ends the session and asks who is next
    sign_out_chosen = Signal()

    def __init__(self, window: QWidget, app: App, runner: Tasks,
                 actor: Callable[[], Actor], idle_minutes: int) -> None:
        super().__init__(window)
        self._window, self._app, self._runner, self._actor = window, app, runner, actor
        #: seconds without input before the screen locks (Settings.idle_lock_minutes)
        self.limit = max(1, idle_minutes) * 60.0
        self.idle = IdleWatcher(self)
        self.idle.install()
        self.dialog: SignInDialog | None = None
        self._locked = False
        #: off while nobody is signed in here (after a sign-out) and once the window closes
        self.armed = True
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @property
    def locked(self) -> bool:
        return self._locked

    def check(self) -> None:
        """The timer's turn (a test calls it after moving the idle clock on)."""
        if self._locked:
            self._ensure_dialog()
        elif self.armed and self.idle.idle_seconds() >= self.limit:
            self.lock()

    def lock(self) -> None:
        """Idle or Ctrl+L: the session is locked in the core, the window hides its data."""
        if self._locked or not self.armed:
            return
        self._locked = True
        auth, actor = self._app.auth, self._actor()
        # the store lane is serial: the unlock the lock screen asks for runs after this
        self._runner.run(lambda: auth.lock(actor))
        self.screen_locked.emit()  # the window hides what is on screen before the dialog
        self._show_dialog()

    def stop(self) -> None:
        """The window closes: no lock screen comes back any more."""
        self.armed = False
        self._locked = False
        self.timer.stop()
        self.idle.remove()
        dialog, self.dialog = self.dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.removeEventFilter(self)
            dialog.close()

    # -- the lock screen ------------------------------------------------------------------

    def _show_dialog(self) -> None:
        dialog = SignInDialog(self._app, self._runner, Mode.UNLOCK, self._actor(), self._window)
        dialog.finished.connect(lambda code, d=dialog: self._finished(d, code))
        dialog.destroyed.connect(lambda *_a, d=dialog: self._gone(d))
        dialog.installEventFilter(self)  # a hide() that no result follows
        self.dialog = dialog
        dialog.open()

    def _ensure_dialog(self) -> None:
        if not self._locked or not shiboken6.isValid(self):
            return
        dialog = self.dialog
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            return
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.removeEventFilter(self)
            dialog.deleteLater()
        logger.info("the lock screen went unanswered (closed, hidden or destroyed): a new one")
        self._show_dialog()

    def _later(self) -> None:
        # after the event that closed it has run to its end (done() hides, then finishes)
        QTimer.singleShot(0, self, self._ensure_dialog)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and watched is self.dialog and self._locked:
            self._later()
        return False

    def _gone(self, dialog: SignInDialog) -> None:
        if dialog is self.dialog and self._locked and shiboken6.isValid(self):
            self.dialog = None
            self._later()

    def _finished(self, dialog: SignInDialog, code: int) -> None:
        if dialog is not self.dialog or not self._locked:
            return
        if code == SIGNED_OUT:
            self._let_go(dialog)
            self.sign_out_chosen.emit()
        elif code == SignInDialog.DialogCode.Accepted:
            self._let_go(dialog)  # the core unlocked the session before the dialog accepted
            self.idle.touch()
            self.screen_unlocked.emit()
        else:
            # closed without the password: the session is still locked in the core
            self._later()

    def _let_go(self, dialog: SignInDialog) -> None:
        self._locked = False
        self.dialog = None
        dialog.removeEventFilter(self)
        dialog.deleteLater()
