"""Sign-in, the idle lock, a supervisor signing in for one action.

All of them check passwords on the store worker (argon2 takes a moment) and
show the core's Vietnamese message under the fields; the password field is
cleared after every refusal.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.dto import SetupState
from desktop.staff.identity import Actor, PermissionDenied
from desktop.staff.permissions import Permission, allowed
from ui.plumbing.errors import error_text
from ui.shell.quit_box import ask_quit_with_shift_open
from ui.widgets.common import message_label
from ui.widgets.inline_error import InlineError

if TYPE_CHECKING:  # the screen shows before the core has loaded (cold start, issue 31)
    from desktop.app import App
    from ui.shell.tasks import Tasks


class Mode(Enum):
    SIGN_IN = "sign_in"
    #: the idle screen: the same person or a supervisor
    UNLOCK = "unlock"
    #: a supervisor comes to the counter for one action, then leaves
    SUPERVISOR = "supervisor"


#: the result code of the lock screen when the person at the counter signs out
SIGNED_OUT = 2


class SignInDialog(QDialog):
    def __init__(self, app: App | None, runner: Tasks | None, mode: Mode = Mode.SIGN_IN,
                 actor: Actor | None = None, parent: QWidget | None = None, *,
                 hint: str = "") -> None:
        """``app`` and ``runner`` None: the program's first screen, shown while the core
        opens the store behind it (:meth:`attach` gives them); what is typed meanwhile
        stays, and an Enter pressed before is answered once the core is there."""
        super().__init__(parent)
        self.app, self.runner, self.mode, self.current = app, runner, mode, actor
        #: Enter was pressed before the core was there: the sign-in follows at attach
        self._submit_waiting = False
        #: Esc was pressed before the core was there: asked once whose shifts are open
        self._reject_waiting = False
        #: when the program's first screen was first on screen (the start's benchmark)
        self.first_shown_at: float | None = None
        self.hint = hint
        self.actor: Actor | None = None
        self.setObjectName(f"signIn_{mode.value}")
        # the lock says it is the lock (issue 29: "đăng nhập" over a locked screen)
        self.setWindowTitle(self.tr("QuayThu – màn hình đã khóa") if mode is Mode.UNLOCK
                            else self.tr("QuayThu – đăng nhập"))
        #: the sign-in and the lock are the counter's screen while nobody works: the whole
        #: window, the unit and counter named, large fields (a shared counter, not a box on
        #: grey); a supervisor's one action stays a dialog over the window
        self.full_window = mode is not Mode.SUPERVISOR
        card = QFrame()
        card.setObjectName("signInCard")
        card.setMinimumWidth(440)
        outer = QVBoxLayout(self)
        if self.full_window:
            self.setObjectName("signInDialog")
            self.setProperty("mode", mode.value)
            card.setMaximumWidth(560)
            outer.addStretch(2)
            middle = QHBoxLayout()
            middle.addStretch(1)
            middle.addWidget(card, 2)
            middle.addStretch(1)
            outer.addLayout(middle)
            outer.addStretch(3)
            self.setWindowState(Qt.WindowState.WindowMaximized)
        else:
            outer.setContentsMargins(0, 0, 0, 0)
            outer.addWidget(card)
        layout = QVBoxLayout(card)
        spacing = 16
        layout.setContentsMargins(spacing * 2, spacing * 2, spacing * 2, spacing * 2)
        layout.setSpacing(spacing // 2 + 4)
        self.unit_label = QLabel("QuayThu")
        self.unit_label.setObjectName("signInUnit")
        self.unit_label.setWordWrap(True)
        self.counter_label = QLabel("")
        self.counter_label.setObjectName("signInCounter")
        self.counter_label.setWordWrap(True)
        # on the program's first screen the line keeps its room until the store names the
        # counter (the fields moved down under the cashier's typing)
        self.counter_label.setVisible(app is None and mode is Mode.SIGN_IN)
        if app is None:
            self.counter_label.setText(" ")
        if self.full_window:
            layout.addWidget(self.unit_label)
            layout.addWidget(self.counter_label)
        intro = QLabel(self._intro())
        intro.setObjectName("signInIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLineEdit(actor.username if actor and mode is Mode.UNLOCK else "")
        self.username.setObjectName("username")
        self.username.setMaxLength(40)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(200)
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        # a refusal, red under the field it is about, the focus there (issue 29: it was
        # plain black text under the form)
        self.error = InlineError("signInError")
        form.addRow("", self.error)
        for field in (self.username, self.password):
            field.textEdited.connect(lambda _t: self.error.clear_message())
        layout.addLayout(form)
        # what is going on ("Đang kiểm tra…"), never a refusal
        self.message = message_label("signInMessage")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.ok = QPushButton(self.tr("Đăng nhập (Enter)") if mode is not Mode.UNLOCK
                              else self.tr("Mở khóa (Enter)"))
        self.ok.setObjectName("signInButton")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.submit)
        row.addStretch(1)
        row.addWidget(self.ok)
        if mode is Mode.UNLOCK:
            out = QPushButton(self.tr("Đăng xuất"))
            out.setObjectName("signOutButton")
            out.clicked.connect(lambda: self.done(SIGNED_OUT))
            row.addWidget(out)
        else:
            cancel = QPushButton(self.tr("Thoát (Esc)") if mode is Mode.SIGN_IN
                                 else self.tr("Hủy (Esc)"))
            cancel.clicked.connect(self.reject)
            row.addWidget(cancel)
        layout.addLayout(row)
        (self.password if self.username.text() else self.username).setFocus()
        #: whose shifts are open at this counter (quitting the sign-in screen asks then)
        self.open_shifts: tuple[str, ...] = ()
        self.quit_box: QMessageBox | None = None
        if app is not None and runner is not None:
            self.attach(app, runner)

    def attach(self, app: App, runner: Tasks) -> None:
        """The core is there: the screen names its unit and counter, knows whose shifts are
        open, and a sign-in asked for meanwhile goes on."""
        self.app, self.runner = app, runner
        if self._reject_waiting:
            self.message.setText("")
        if self.mode is Mode.SIGN_IN:
            runner.run(app.shifts.open_shifts, self._shifts_known, self._shifts_unknown)
        if self.full_window:
            runner.run(app.device.setup_state, self._where, lambda _e: None)
        if self._submit_waiting:
            self._submit_waiting = False
            self.submit()

    def _where(self, state: SetupState) -> None:
        """The unit and the counter this screen belongs to, for whoever walks up to it."""
        if not shiboken6.isValid(self) or not shiboken6.isValid(self.unit_label):
            return  # signed in (or closed) before the store answered
        if state.unit_name or state.unit_code:
            self.unit_label.setText(state.unit_name or state.unit_code)
        if state.device_code:
            self.counter_label.setText(self.tr("Quầy {0}").format(state.device_code))
            self.counter_label.setVisible(True)

    def _shifts_known(self, names: tuple[str, ...]) -> None:
        self.open_shifts = names
        if self._reject_waiting:  # the Esc pressed while the store opened, answered now
            self._reject_waiting = False
            self.reject()

    def _shifts_unknown(self, _exc: BaseException) -> None:
        if self._reject_waiting:
            self._reject_waiting = False
            self.reject()

    def reject(self) -> None:
        """Esc or "Thoát" on the sign-in screen: with a shift still open, ask first."""
        if self.app is None:
            # (whose shifts are open is not known until the store is: asked then)
            self._reject_waiting, self._submit_waiting = True, False  # the last key wins
            self.ok.setEnabled(True)
            self.message.setText(self.tr("Đang mở dữ liệu của quầy…"))
            return
        if self.mode is not Mode.SIGN_IN or not self.open_shifts:
            super().reject()
            return
        if self.quit_box is not None and self.quit_box.isVisible():
            return
        self.quit_box = ask_quit_with_shift_open(
            self, ", ".join(self.open_shifts), lambda: QDialog.reject(self),
            self.username.setFocus)

    def _intro(self) -> str:
        if self.mode is Mode.UNLOCK and self.current is not None:
            return self.tr("Màn hình đã khóa. {name} ({role}) đang làm việc: nhập mật khẩu của "
                           "người này, hoặc của giám sát.").format(
                name=self.current.full_name, role=self.current.role_label)
        if self.mode is Mode.SUPERVISOR:
            return self.tr("Việc này cần giám sát: giám sát đăng nhập tại đây.")
        text = self.tr("Đăng nhập để làm việc tại quầy.")
        return f"{text}\n{self.hint}" if self.hint else text

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        # the lock screen cannot be escaped
        if (self.mode is Mode.UNLOCK and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape):
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.error.show_for(self.password if username else self.username,
                                self.tr("Nhập tên đăng nhập và mật khẩu."))
            return
        self.error.clear_message()
        self.ok.setEnabled(False)
        self.message.setText(self.tr("Đang kiểm tra…"))
        if self.app is None or self.runner is None:
            # checked as soon as the store is open (an Esc before it is forgotten)
            self._submit_waiting, self._reject_waiting = True, False
            return
        auth, current, mode = self.app.auth, self.current, self.mode

        def work() -> Actor | None:
            if mode is Mode.UNLOCK:
                assert current is not None
                auth.unlock(current, username, password)
                return current
            actor = auth.sign_in(username, password)
            if mode is Mode.SUPERVISOR and not allowed(actor.role, Permission.GRANT_APPROVAL):
                auth.sign_out(actor)
                raise PermissionDenied("Người đăng nhập phải là giám sát.")
            return actor

        self.runner.run(work, self._done, self._failed)

    def _done(self, actor: Actor | None) -> None:
        self.actor = actor
        self.password.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.password.clear()
        self.message.setText("")
        self.error.show_for(self.password, error_text(exc))
