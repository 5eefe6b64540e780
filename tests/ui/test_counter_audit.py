"""The counter as a supervisor would audit it (issue: a lock that holds, the right customer,
no stray payment), in the real window by keyboard (pytest-qt, offscreen)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.demo import DEMO_PASSWORD
from db.models import LocalPayment
from desktop.app import App
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.auth import ScreenLocked
from tests.staff import pretend_enrolled, sign_in
from tests.ui.test_sign_in import type_in
from ui.counter.main_window import MainWindow


def codes(app: App, n: int) -> list[str]:
    con = sqlite3.connect(app.store_path)
    try:
        return [con.execute("SELECT code FROM accounts WHERE id = ?", (a,)).fetchone()[0]
                for a in accounts_with_unpaid_bills(app)[:n]]
    finally:
        con.close()


def open_code(qtbot: QtBot, window: MainWindow, code: str) -> None:
    window.search.clear()
    qtbot.keyClicks(window.search, code)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)


def payments(app: App) -> int:
    with app.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(LocalPayment)) or 0)


def on_duty(qtbot: QtBot, window: MainWindow, device_id: int) -> None:
    """An enrolled counter whose cashier's shift is open, as the window knows it."""
    pretend_enrolled(window.app, device_id)
    window.app.shifts.open(window.actor, 0)
    window.refresh_shift()
    qtbot.waitUntil(lambda: window.shift is not None, timeout=5000)


def lock(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.screen_locked, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.app.auth.is_locked(window.actor), timeout=5000)


@pytest.mark.parametrize("how", ["close()", "reject()", "Esc", "×/Alt+F4"])
def test_the_lock_screen_closed_without_a_password_stays_locked(
        qtbot: QtBot, app: App, window: MainWindow, how: str) -> None:
    [code] = codes(app, 1)
    open_code(qtbot, window, code)
    lock(qtbot, window)
    assert window.panel.detail is None  # the lock clears the customer
    first = window.lock_dialog
    assert first is not None
    if how == "close()":
        first.close()
    elif how == "reject()":
        first.reject()
    elif how == "Esc":
        qtbot.keyClick(first, Qt.Key.Key_Escape)
    else:  # what the title bar's × and Alt+F4 send
        QApplication.sendEvent(first, QCloseEvent())
    qtbot.waitUntil(lambda: window.lock_dialog is not None and window.lock_dialog.isVisible(),
                    timeout=5000)
    assert window.locked and window.pages.currentIndex() == 1
    # the core refuses the session too, whatever the screen shows
    with pytest.raises(ScreenLocked):
        app.lookup.account(accounts_with_unpaid_bills(app)[0], actor=window.actor)
    with qtbot.waitSignal(window.screen_unlocked, timeout=5000):
        type_in(qtbot, window.lock_dialog, "thungan", DEMO_PASSWORD)
    assert not window.locked and not app.auth.is_locked(window.actor)


def test_an_empty_enter_never_takes_money_and_f5_enter_still_does(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    on_duty(qtbot, window, 6)
    [code] = codes(app, 1)
    open_code(qtbot, window, code)  # the scan: code + Enter
    qtbot.keyClick(window.search, Qt.Key.Key_F9)  # key 1
    dialog = window.payment
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.live is not None, timeout=5000)
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)  # a stray Enter
    assert payments(app) == 0 and "F5" in dialog.message.text()
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_F5)  # key 2
    with qtbot.waitSignal(dialog.payment_committed, timeout=5000):
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)  # key 3
    assert payments(app) == 1
    assert code in dialog.windowTitle()  # whose money, in the title
    dialog.accept()


def test_f9_takes_money_for_the_highlighted_customer_not_the_last_one_opened(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    on_duty(qtbot, window, 7)
    first, second = codes(app, 2)
    open_code(qtbot, window, first)
    # another customer typed and highlighted in the list, not opened
    window.search.clear()
    qtbot.keyClicks(window.search, second)
    qtbot.waitUntil(lambda: window.results_model.rowCount() >= 1 and window.results_model.data(
        window.results_model.index(0, 0)) == second, timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.results.hasFocus()
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.results, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.payment is not None, timeout=5000)
    assert window.payment.detail.code == second and second in window.payment.windowTitle()
    assert window.panel.detail.code == second
    window.payment.reject()


def test_f9_is_refused_at_once_without_a_shift_or_for_a_role_that_takes_no_money(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 8)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Chưa mở ca"), timeout=5000)
    [code] = codes(app, 1)
    open_code(qtbot, window, code)
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    assert window.payment is None  # no dialog, nothing to type
    assert window.banner.isVisible() and "Chưa mở ca" in window.banner.text()
    window.actor = sign_in(app, "quantri")
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    assert window.payment is None and "không được thu tiền" in window.banner.text()


def test_esc_and_a_new_scan_close_the_customer(qtbot: QtBot, app: App,
                                              window: MainWindow) -> None:
    first, second = codes(app, 2)
    open_code(qtbot, window, first)
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.panel.detail is None and window.search.text() == ""
    assert window.results_model.rowCount() == 0
    assert first not in window.panel.subtitle.text()
    open_code(qtbot, window, first)
    window.search.clear()
    qtbot.keyClicks(window.search, second)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.panel.detail.code == second


def test_a_blind_count_once_submitted_cannot_be_tuned_until_a_supervisor_allows_a_recount(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 9)
    app.shifts.open(window.actor, 500_000)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca "), timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: type(window.shift_dialog).__name__ == "CloseShiftDialog",
                    timeout=5000)
    closing = window.shift_dialog
    closing.counts[200_000].setValue(2)  # 100 000 đ short
    qtbot.keyClick(closing.counts[200_000], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "thiếu 100.000 đ" in closing.message.text(), timeout=5000)
    # the count is final on screen as in the core: no field can be changed
    assert not any(box.isEnabled() for box in closing.counts.values())
    assert closing.recount_button.isVisible()
    # the core refuses a matching count sent behind the dialog's back, too
    from desktop.money.shifts import RecountNeedsApproval

    with pytest.raises(RecountNeedsApproval):
        app.shifts.close(window.actor, {500_000: 1})
    # a supervisor approves a recount inside the dialog
    qtbot.keyClick(closing, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    approval = closing.approval
    assert approval is not None
    qtbot.keyClicks(approval.username, "giamsat")
    qtbot.keyClicks(approval.password, DEMO_PASSWORD)
    qtbot.keyClick(approval.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: closing.recount_approval is not None, timeout=10000)
    assert all(box.isEnabled() for box in closing.counts.values())
    closing.counts[200_000].setValue(0)
    closing.counts[500_000].setValue(1)
    with qtbot.waitSignal(closing.closed, timeout=5000, raising=False) as closed:
        qtbot.keyClick(closing.counts[500_000], Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    assert closed.signal_triggered, closing.message.text()
    assert closing.report.first_counted == 400_000 and closing.report.over_short == 0
    assert "Lần đếm đầu 400.000 đ" in closing.message.text()
    assert closing.ok.isEnabled() and closing.ok.text() == "Xong (Enter)"
    qtbot.keyClick(closing.ok, Qt.Key.Key_Return)  # the cashier reads the slip and leaves
    qtbot.waitUntil(lambda: not closing.isVisible(), timeout=5000)


def test_esc_on_the_sign_in_screen_asks_before_quitting_with_a_shift_open(
        qtbot: QtBot, app: App) -> None:
    from ui.shell.sign_in_dialog import Mode, SignInDialog
    from ui.shell.tasks import Tasks

    pretend_enrolled(app, 10)
    app.shifts.open(sign_in(app), 0)
    runner = Tasks(app)
    dialog = SignInDialog(app, runner, Mode.SIGN_IN)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.open_shifts != (), timeout=5000)
    quits: list[bool] = []
    dialog.rejected.connect(lambda: quits.append(True))
    qtbot.keyClick(dialog.username, Qt.Key.Key_Escape)
    box = dialog.quit_box
    assert box is not None and box.isVisible() and "vẫn đang mở" in box.text()
    assert dialog.isVisible()  # not quit yet
    [stay] = [b for b in box.buttons() if b.text().startswith("Ở lại")]
    stay.click()
    assert dialog.isVisible() and quits == []
    qtbot.keyClick(dialog.username, Qt.Key.Key_Escape)
    [leave] = [b for b in dialog.quit_box.buttons() if b.text() == "Thoát"]
    with qtbot.waitSignal(dialog.rejected, timeout=5000):
        leave.click()
    runner.wait()


def test_a_lock_screen_hidden_by_any_means_comes_back(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    lock(qtbot, window)
    first = window.lock_dialog
    assert first is not None
    first.hide()  # not closed, not answered: just out of sight
    qtbot.waitUntil(lambda: window.lock_dialog is not None and window.lock_dialog is not first
                    and window.lock_dialog.isVisible(), timeout=5000)
    assert window.locked and app.auth.is_locked(window.actor)
