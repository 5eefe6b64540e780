"""The shell every window stands on: the cashier's, the agent's, the field collector's.

It holds what is the same everywhere, so that no window can forget it:

* the task lanes (``runner``) and the core's events as signals (``events``);
* the status bar (``ui/shell/statusbar/``): who works, the shift, the printer, the store,
  the link;
* the idle lock and ``Ctrl+L`` (``ui/shell/lock.py``; the lock is the core's, the same
  ``Settings.idle_lock_minutes`` everywhere): what is on screen is hidden and every other
  window of this one is closed while it holds;
* the sign-out (``Ctrl+Shift+L``, or "Đăng xuất" on the lock screen) and the sign-in of
  whoever comes next, who gets their role's window (``desktop.modes``);
* ``Ctrl+P`` (print what waits), ``Ctrl+Shift+E`` (the support bundle), ``F5`` (sync now),
  ``F6`` (what the sync set aside, online);
* the link and the printer thread started, and stopped with the window;
* the place for the keys at the bottom (``ui/shell/keys.py``).

A window puts its own content in with ``setCentralWidget`` and says, by overriding
:meth:`hide_customer` and :meth:`back_to_work`, what to clear at the lock and where the
keyboard goes afterwards.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app import App
from desktop.contract import QrState
from desktop.events import QrChanged
from desktop.modes import Mode as WindowMode
from desktop.modes import window_mode
from desktop.money.amounts import format_vnd
from desktop.staff.auth import Actor, ScreenLocked
from ui.plumbing import key_relay
from ui.plumbing.errors import error_text, presenter
from ui.shell.core_events import CoreEvents
from ui.shell.idle import IdleWatcher
from ui.shell.keys import KeyBar
from ui.shell.lock import ScreenLock
from ui.shell.quit_box import ask_quit_with_shift_open
from ui.shell.sign_in_dialog import Mode, SignInDialog
from ui.shell.statusbar.bar import StatusBar
from ui.shell.tasks import Tasks

logger = logging.getLogger(__name__)


class ShellWindow(QMainWindow):
    screen_locked = Signal()
    screen_unlocked = Signal()
    signed_out = Signal()

    #: which window this is; a person of another role signing in here gets theirs
    MODE: ClassVar[WindowMode] = WindowMode.COUNTER
    #: whether someone of the same window's role who signs in after a sign-out keeps this
    #: window (the counter), or gets a fresh one (a window tied to one person's day)
    SWITCHES_IN_PLACE: ClassVar[bool] = False

    def __init__(self, app: App, runner: Tasks | None = None, *, actor: Actor,
                 online: bool = False, shift_keys: bool = True, offline: str = "") -> None:
        super().__init__()
        self.app, self.actor = app, actor
        #: whether this window keeps the counter in step with central (app.link)
        self.online = online
        self.runner = runner or Tasks(app, self)
        self.events = CoreEvents(app, self)
        #: who signed in after a sign-out and needs another window than this one
        self.next_actor: Actor | None = None
        self._signed_out = False
        self._closing = False
        #: the person said "Thoát" to the question about their open shift
        self._quit_agreed = False
        self.quit_box: QMessageBox | None = None
        self._sign_in: SignInDialog | None = None
        # the line under the sign-in screen's intro (the demo's accounts), after a sign-out
        # too; a callable says it as it is then (the demo's city whole meanwhile)
        self.sign_in_hint: str | Callable[[], str] = ""
        # whether a modal dialog covers this window (its keys do not work meanwhile)
        self._blocked = False

        self.status = StatusBar(app, self.runner, self.events, online=online,
                                shift_keys=shift_keys, offline=offline)
        self.setStatusBar(self.status)
        # the parts by the names the screens (and their tests) have always used
        self.staff_status = self.status.staff
        self.shift_status = self.status.shift
        self.printer_status = self.status.printer
        self.store_status = self.status.store
        self.sync_status = self.status.sync
        self.printed = self.status.printer.printed
        self.status.staff.show_actor(actor)

        frame = QWidget()
        column = QVBoxLayout(frame)
        column.setContentsMargins(0, 0, 0, 0)
        # page 0: the window's own content; page 1: nothing of any customer
        self.pages = QStackedWidget()
        self.pages.addWidget(QWidget())
        self.locked_label = QLabel()
        self.locked_label.setObjectName("lockedPage")
        self.locked_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.locked_label)
        column.addWidget(self.pages, 1)
        #: what the start noticed, whole and wrapped above the keys (in the status bar's
        #: message area it was cut to half a sentence)
        self.start_notice = QLabel("")
        self.start_notice.setObjectName("startNotice")
        self.start_notice.setProperty("role", "error")
        self.start_notice.setWordWrap(True)
        self.start_notice.setVisible(False)
        column.addWidget(self.start_notice)
        self.key_bar = KeyBar()
        column.addWidget(self.key_bar)
        # a dialog or tool window of this one taking the keyboard: the bar says its keys
        qapp = QApplication.instance()
        if isinstance(qapp, QApplication):
            qapp.focusChanged.connect(self._focus_moved)
        super().setCentralWidget(frame)

        self.lock = ScreenLock(self, app, self.runner, lambda: self.actor,
                               app.settings.idle_lock_minutes)
        self.lock.screen_locked.connect(self._on_locked)
        self.lock.screen_unlocked.connect(self._on_unlocked)
        self.lock.sign_out_chosen.connect(self.sign_out)

        for keys, slot in (("Ctrl+L", self.lock_screen), ("Ctrl+Shift+L", self.sign_out),
                           ("Ctrl+P", self.print_now), ("Ctrl+Shift+E", self.export_support),
                           ("F5", self.sync_now), ("Ctrl+Q", self.quit_asking)):
            QShortcut(QKeySequence(keys), self, slot)
        if online:
            QShortcut(QKeySequence("F6"), self, self.show_sync_issues)
        # a VietQR the bank paid after its dialog was closed: the core recorded it
        self.events.qr_changed.connect(self._vietqr_settled)
        self.retranslate_shell()
        # what the start noticed (a data folder put back by hand, forged log lines, the
        # log's key missing): said on screen, where the cashier looks first. The key kept
        # in a file (no OS keyring) is the administrator's to know (settings, `quaythu
        # status`), not a red line on every window
        notices = app.start_notices()
        if notices:
            self.start_notice.setText(" ".join(notices))
            self.start_notice.setVisible(True)
        if online:
            app.link.start()
        # receipts a crash or a dead printer left behind print now, not at the next payment
        app.printer.start()

    # -- what a window says ------------------------------------------------------------

    def setCentralWidget(self, widget: QWidget) -> None:
        """The window's content goes above the keys, under the lock."""
        old = self.pages.widget(0)
        if old is not None:
            self.pages.removeWidget(old)
            old.deleteLater()
        self.pages.insertWidget(0, widget)
        self.pages.setCurrentIndex(1 if self.locked or self._signed_out else 0)

    def hide_customer(self) -> None:
        """The lock or a sign-out: forget the customer on screen (the window's own part)."""

    def back_to_work(self) -> None:
        """After the lock or a dialog: the keyboard goes where the next key is typed."""
        self.activateWindow()

    def notify(self, text: str, *, done: bool = False) -> None:
        """A refusal or a hint where this window's person looks (the status bar by default)."""
        self.status.showMessage(text, 15_000)

    def _vietqr_settled(self, event: QrChanged) -> None:
        """The bank paid a VietQR whose dialog had closed (Esc, the lock, a sign-out, a
        crash before): the core recorded it and its receipt waits in the print queue; the
        person at this window is told, wherever the screen is."""
        if event.unattended and event.state == QrState.RECORDED:
            self.notify(self.tr("Khách đã chuyển khoản VietQR {ref} sau khi đóng cửa sổ thu "
                                "tiền: đã thu {a}, phiếu {r} (in khi máy in sẵn sàng).").format(
                ref=event.reference, a=format_vnd(event.amount), r=event.receipt_no),
                done=True)

    def show_refusal(self, exc: BaseException) -> None:
        """A failure said where this window's person looks. The lock's refusal is not: the
        lock screen says it, and the window reads again once it is open."""
        if not isinstance(exc, ScreenLocked):
            self.notify(error_text(exc))

    def retranslate_shell(self) -> None:
        self.locked_label.setText(self.tr("Đã đăng xuất") if self._signed_out
                                  else self.tr("Màn hình đã khóa"))
        # the sign-out works in every window whose screen is open (the bar hides with the
        # lock and the sign-out): every window's bar offers it
        self.key_bar.set_shell_keys(self.tr("Ctrl+Shift+L đăng xuất"))

    # -- the keys that work now --------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.WindowBlocked, QEvent.Type.WindowUnblocked):
            self._blocked = kind == QEvent.Type.WindowBlocked
            relay = key_relay.relay()
            if relay is not None:
                # the keys typed before the dialog has the keyboard are its own; those typed
                # as it closes, before this window has it back, are this window's
                relay.arm() if self._blocked else relay.arm_back(self)
            if hasattr(self, "key_bar"):
                self.show_keys_now()
        return super().event(event)

    def _focus_moved(self, _old: QWidget | None, _new: QWidget | None) -> None:
        if shiboken6.isValid(self) and not self._closing:
            self.show_keys_now()

    def show_keys_now(self) -> None:
        """The bar says the keys that work now: this window's own; while a modal dialog
        covers it (F8, F9, an approval), the dialog's keys if it names them
        (``bar_keys()``), else none; while one of this window's non-modal tool windows has
        the keyboard (F7), that window's (its keys, not this one's, are the ones that act)."""
        over: QWidget | None = None
        if self._blocked:
            over = QApplication.activeModalWidget()
            if over is None:  # (blocked, the dialog not yet the application's modal one)
                self.key_bar.cover("")
                return
        else:
            active = QApplication.activeWindow()
            if active is not None and active is not self and active in self.other_windows():
                over = active
        if over is None:
            self.key_bar.cover(None)
            return
        said = getattr(over, "bar_keys", None)
        buttons = getattr(over, "bar_buttons", None)
        self.key_bar.cover(said() if callable(said) else "",
                           buttons() if callable(buttons) else None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "status"):
            self.retranslate_shell()
            self.status.retranslate()
        super().changeEvent(event)

    # -- the lock ----------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        """Whether the screen is locked (the core's session is, until the password)."""
        return self.lock.locked

    @property
    def lock_dialog(self) -> SignInDialog | None:
        """The lock screen, or the sign-in screen after a sign-out, while one is up."""
        return self.lock.dialog or self._sign_in

    @property
    def idle(self) -> IdleWatcher:
        return self.lock.idle

    @property
    def idle_limit(self) -> float:
        return self.lock.limit

    @idle_limit.setter
    def idle_limit(self, seconds: float) -> None:
        self.lock.limit = seconds

    @property
    def idle_check(self) -> QTimer:
        return self.lock.timer

    def lock_screen(self) -> None:
        """Idle or Ctrl+L: hide what is on screen until the password is given again."""
        self.lock.lock()

    def _on_locked(self) -> None:
        self._leave_screen()
        self.screen_locked.emit()

    def _on_unlocked(self) -> None:
        self._show_screen()
        self.screen_unlocked.emit()

    def _show_screen(self) -> None:
        self.pages.setCurrentIndex(0)
        self.key_bar.show()
        self.back_to_work()

    def _leave_screen(self) -> None:
        """Nothing of this window's work stays in view: its other windows close (a
        payment not confirmed is not taken; one confirmed is already committed), the
        customer goes, the content hides behind the lock page."""
        for other in self.other_windows():
            other.close()
        self.hide_customer()
        self.retranslate_shell()
        self.pages.setCurrentIndex(1)
        self.key_bar.hide()

    def other_windows(self) -> list[QWidget]:
        """This window's dialogs and tool windows that are on screen (not the lock's)."""
        found = []
        for widget in QApplication.topLevelWidgets():
            if widget is self or widget is self.lock_dialog or not widget.isVisible():
                continue
            owner = widget.parentWidget()
            while owner is not None and owner is not self:
                owner = owner.parentWidget()
            if owner is self:
                found.append(widget)
        return found

    # -- who works here ------------------------------------------------------------------

    def sign_out(self) -> None:
        """End the session (not the shift) and ask who works next."""
        if self._signed_out or self._closing:
            return
        self._signed_out = True
        self.lock.armed = False  # nobody to lock for until someone signs in
        self._leave_screen()
        # the status bar forgets who worked here and their shift (issue 29, found 7)
        self.status.staff.forget()
        self.status.shift.forget()
        auth, actor = self.app.auth, self.actor
        self.runner.run(lambda: auth.sign_out(actor), lambda _r: self._ask_sign_in())

    def _ask_sign_in(self) -> None:
        if self._closing:
            return
        self.signed_out.emit()
        hint = self.sign_in_hint
        dialog = SignInDialog(self.app, self.runner, Mode.SIGN_IN, None, self,
                              hint=hint() if callable(hint) else hint)
        self._sign_in = dialog

        def finished(code: int) -> None:
            self._sign_in = None
            if code != SignInDialog.DialogCode.Accepted or dialog.actor is None:
                self.close()
                return
            actor, sessions = dialog.actor, self.app.sessions
            self.runner.run(lambda: window_mode(sessions, actor),
                            lambda mode: self._signed_in_again(actor, mode))

        dialog.finished.connect(finished)
        dialog.open()

    def _signed_in_again(self, actor: Actor, mode: WindowMode) -> None:
        if mode is not self.MODE or not self.SWITCHES_IN_PLACE:
            # another role's window, or a window that is one person's day: main.run_gui
            # opens the right one for them
            self.next_actor = actor
            self.close()
            return
        self.actor = actor
        self._signed_out = False
        self.status.staff.show_actor(actor)
        self.lock.armed = True
        self.lock.idle.touch()
        self.actor_changed()
        self._show_screen()

    def actor_changed(self) -> None:
        """Someone else works at this window now (``SWITCHES_IN_PLACE``)."""

    # -- keys every window has -----------------------------------------------------------

    def print_now(self) -> None:
        """Ctrl+P: the printer thread tries what waits now (it also does after each payment)."""
        self.status.printer.printing()
        self.app.printer.kick()

    def sync_now(self) -> None:
        """F5: wake the sync loop instead of waiting for its next turn."""
        if self.online:
            self.status.sync.syncing()
            self.app.link.sync_now()
        else:
            self.notify(self.tr("Máy đang làm việc ngoại tuyến."))

    def show_sync_issues(self) -> None:
        """F6: what the sync set aside, until a supervisor acknowledges it."""
        from ui.shell.sync_issues_dialog import SyncIssuesDialog

        dialog = SyncIssuesDialog(self.app, self.runner, self.actor, self)
        dialog.acknowledged.connect(lambda _i: self.status.sync.refresh())
        dialog.open()

    def export_support(self) -> None:
        """Ctrl+Shift+E, "Xuất nhật ký hỗ trợ": the zip support asks for (logs redacted,
        versions, settings), where the person chooses; never the store or the token."""
        import datetime as dt
        from pathlib import Path

        from desktop.support import export_support_bundle
        from ui.widgets.common import save_file_name

        suggested = str(Path.home() / f"quaythu-hotro-{dt.datetime.now():%Y%m%d-%H%M}.zip")
        chosen = save_file_name(self, self.tr("Xuất nhật ký hỗ trợ"), suggested,
                                self.tr("Tệp zip (*.zip)"))
        if not chosen:
            return
        settings = dataclasses.asdict(self.app.settings)

        def written(path: Path) -> None:
            self.notify(self.tr("Đã ghi tệp hỗ trợ {path}: gửi tệp này cho bộ phận hỗ trợ.")
                        .format(path=path), done=True)

        self.runner.store.run(lambda: export_support_bundle(Path(chosen), settings=settings),
                              written, presenter(self))

    def open_shift(self) -> object | None:
        """This person's shift as last read (the counter's, the agent's, the collector's
        ``ShiftFlow``), None without one or in a window without a drawer."""
        flow = getattr(self, "shifts", None)
        return getattr(flow, "shift", None) if flow is not None else None

    def quit_asking(self) -> None:
        """Ctrl+Q: quit, asking first while this person's shift is open."""
        if not self._ask_before_quitting():
            self.close()

    def _ask_before_quitting(self) -> bool:
        """With a shift open, the question the sign-in screen asks too ("Ca … vẫn đang
        mở"), the stay key the default; True when it is asked (the window stays for now)."""
        if self._quit_agreed or self._closing or self.open_shift() is None:
            return False
        if self.quit_box is not None and shiboken6.isValid(self.quit_box) \
                and self.quit_box.isVisible():
            return True

        def agreed() -> None:
            self._quit_agreed = True
            self.close()

        self.quit_box = ask_quit_with_shift_open(self, self.actor.full_name, agreed)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        # Alt+F4 or the title bar's ✕ (a close from the window system: spontaneous) with a
        # shift open asks first, as Ctrl+Q does; a close by the program (a sign-out, the
        # end of a test) does not
        if event.spontaneous() and self._ask_before_quitting():
            event.ignore()
            return
        if not self._closing:
            self._closing = True
            qapp = QApplication.instance()
            if isinstance(qapp, QApplication):
                qapp.focusChanged.disconnect(self._focus_moved)
            self.lock.stop()
            # its dialogs and tool windows go with it: none outlives the window it serves
            for other in self.other_windows():
                other.close()
            if self._sign_in is not None and shiboken6.isValid(self._sign_in):
                self._sign_in.done(SignInDialog.DialogCode.Rejected)
            self.events.detach()
            if self.online:
                self.app.link.stop()
            if not self._signed_out:
                # the session is this window's: closing it is the person leaving
                auth, actor = self.app.auth, self.actor
                self.runner.run(lambda: auth.sign_out(actor))
            self.runner.wait(10_000)
        super().closeEvent(event)
