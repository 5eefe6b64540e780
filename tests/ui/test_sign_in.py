"""Sign-in, the idle lock and signing out, in the real window (pytest-qt, offscreen)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from db.demo import DEMO_PASSWORD
from desktop.app import App
from ui.counter.main_window import MainWindow
from ui.shell.sign_in_dialog import Mode, SignInDialog
from ui.shell.tasks import TaskRunner


def type_in(qtbot: QtBot, dialog: SignInDialog, username: str | None, password: str) -> None:
    if username is not None:
        dialog.username.clear()
        qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_a_wrong_password_is_said_and_the_right_one_signs_in(qtbot: QtBot, app: App) -> None:
    runner = TaskRunner()
    dialog = SignInDialog(app, runner, Mode.SIGN_IN)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.username, timeout=2000)
    type_in(qtbot, dialog, "thungan", "sai")
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=5000)
    # red, under the password, the keyboard there (issue 29: plain black under the form)
    assert dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu (còn 4 lần thử)."
    assert dialog.error.isVisible() and dialog.error.property("role") == "error"
    assert dialog.message.text() == ""
    assert dialog.password.text() == "" and QApplication.focusWidget() is dialog.password
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        type_in(qtbot, dialog, None, DEMO_PASSWORD)
    assert dialog.actor is not None and dialog.actor.role == "cashier"
    runner.wait()


def test_an_idle_screen_locks_hides_the_customer_and_opens_for_the_same_person(
        qtbot: QtBot, window: MainWindow) -> None:
    window.idle.last_input -= window.idle_limit  # nobody touched anything for that long
    with qtbot.waitSignal(window.screen_locked, timeout=5000):
        window.lock.check()  # the once-a-second look, now
    assert window.locked and window.pages.currentIndex() == 1
    lock = window.lock_dialog
    assert lock is not None and lock.username.text() == "thungan"
    qtbot.keyClick(lock, Qt.Key.Key_Escape)  # the lock screen cannot be escaped
    assert lock.isVisible()
    type_in(qtbot, lock, "thungan2", DEMO_PASSWORD)  # another cashier
    qtbot.waitUntil(lambda: lock.ok.isEnabled(), timeout=5000)
    # red, under the password, the keyboard there (issue 29, s21: plain black text)
    assert "giám sát" in lock.error.text() and window.locked
    assert lock.error.isVisible() and lock.error.property("role") == "error"
    assert lock.message.text() == "" and lock.focusWidget() is lock.password
    # the lock says it is the lock (s20: its title said "đăng nhập")
    assert "đã khóa" in lock.windowTitle() and "đăng nhập" not in lock.windowTitle()
    with qtbot.waitSignal(window.screen_unlocked, timeout=5000):
        type_in(qtbot, lock, "thungan", DEMO_PASSWORD)
    assert window.pages.currentIndex() == 0
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=2000)


def test_typing_keeps_the_screen_awake(qtbot: QtBot, window: MainWindow) -> None:
    window.idle.last_input -= 100
    assert window.idle.idle_seconds() >= 100
    qtbot.keyClicks(window.search, "ng")
    assert window.idle.idle_seconds() < 5
    window.idle.last_input -= 100
    qtbot.mouseClick(window.results, Qt.MouseButton.LeftButton)
    assert window.idle.idle_seconds() < 5


def test_ctrl_l_locks_and_signing_out_lets_a_supervisor_take_the_counter(
        qtbot: QtBot, window: MainWindow, demo_store: Path) -> None:
    con = sqlite3.connect(demo_store)
    phone, code = con.execute("SELECT phone, code FROM accounts WHERE phone IS NOT NULL "
                              "LIMIT 1").fetchone()
    con.close()
    qtbot.keyClicks(window.search, code)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.panel.fields["phone"].text() == f"{phone[:4]}***{phone[-3:]}"
    with qtbot.waitSignal(window.screen_locked, timeout=2000):
        qtbot.keyClick(window.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = window.lock_dialog
    assert lock is not None
    with qtbot.waitSignal(window.signed_out, timeout=5000):
        lock.findChild(type(lock.ok), "signOutButton").click()
    # the last customer is gone from the window, and the last person from its status bar
    assert window.panel.detail is None and window.results_model.rowCount() == 0
    assert window.staff_status.text() == "Chưa đăng nhập" and window.shift_status.text() == ""
    assert window.finder.result_info.text() == "" and window.search.text() == ""
    sign_in = window.lock_dialog
    assert sign_in is not None and sign_in.mode is Mode.SIGN_IN
    type_in(qtbot, sign_in, "giamsat", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: window.lock_dialog is None, timeout=5000)
    qtbot.waitUntil(lambda: window.actor.role == "supervisor", timeout=5000)
    assert window.staff_status.text() == "Giám sát: Trần Minh Giám"
    # nothing of the last person's search beside the empty box (issue 29)
    assert window.search.text() == "" and window.finder.result_info.text() == ""
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Chưa mở ca"), timeout=5000)
    assert window.actor.role == "supervisor"
    qtbot.keyClicks(window.search, code)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.panel.fields["phone"].text() == phone  # a supervisor sees it whole


def test_a_field_collector_who_signs_in_at_the_counter_window_gets_their_own(
        qtbot: QtBot, window: MainWindow) -> None:
    """The role decides the window, not the one that happened to be open: the counter
    window hands the collector to ui/main.run_gui, which opens the route."""
    with qtbot.waitSignal(window.signed_out, timeout=5000):
        window.sign_out()
    sign_in = window.lock_dialog
    assert sign_in is not None
    type_in(qtbot, sign_in, "thuld", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: window.next_actor is not None, timeout=5000)
    assert window.next_actor is not None and window.next_actor.role == "field_collector"
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_the_sign_in_after_a_sign_out_keeps_the_demos_hint(
        qtbot: QtBot, window: MainWindow) -> None:
    """Issue 29 (s31): the demo's accounts were said on the first sign-in screen only; the
    one after a sign-out says them too (``ui.main.run_gui`` gives the window its hint)."""
    hint = "Demo: thungan / giamsat / thuquy, mật khẩu demo"
    window.sign_in_hint = hint
    with qtbot.waitSignal(window.signed_out, timeout=5000):
        window.sign_out()
    qtbot.waitUntil(lambda: window.lock_dialog is not None, timeout=5000)
    sign_in = window.lock_dialog
    assert sign_in is not None and sign_in.mode is Mode.SIGN_IN
    intro = sign_in.findChild(QLabel, "signInIntro")
    assert intro is not None and hint in intro.text()
    assert "đăng nhập" in sign_in.windowTitle()
    sign_in.done(SignInDialog.DialogCode.Rejected)


def test_the_sign_in_after_a_sign_out_says_the_demo_city_as_it_is_then(
        qtbot: QtBot, window: MainWindow) -> None:
    """A walk found the screen after a sign-out still saying the demo city was growing,
    when the status bar had said for a while that it was whole: the hint is asked again
    each time the screen comes (``desktop/__main__.py`` gives one that reads the city)."""
    growing = ["Thành phố demo còn đang được tạo thêm phía sau."]
    window.sign_in_hint = lambda: "Demo: thungan, mật khẩu demo. " + " ".join(growing)
    growing.clear()  # the city is whole before the sign-out
    with qtbot.waitSignal(window.signed_out, timeout=5000):
        window.sign_out()
    qtbot.waitUntil(lambda: window.lock_dialog is not None, timeout=5000)
    sign_in = window.lock_dialog
    assert sign_in is not None
    intro = sign_in.findChild(QLabel, "signInIntro")
    assert intro is not None and "Demo: thungan" in intro.text()
    assert "tạo thêm" not in intro.text()
    sign_in.done(SignInDialog.DialogCode.Rejected)
