"""The key bar shows the keys that work now (issue 29, found by an outside tester): not the
window's keys while a modal dialog covers it (its keys do nothing then), the dialog's own
words for a key it gives another meaning (F8's Ctrl+Shift+E is the Excel export), and not
a key whose button is greyed out (the head cashier's Ctrl+P before a slip)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import App
from desktop.sim import accounts_with_unpaid_bills
from tests.integration.test_turn_ins import closed_shift
from tests.staff import pretend_enrolled, sign_in
from ui.counter.main_window import MainWindow
from ui.main import open_window
from ui.office.office_window import OfficeWindow
from ui.shell.tasks import Tasks


def test_f8_over_the_counter_puts_its_own_keys_on_the_bar(qtbot: QtBot, app: App,
                                                          window: MainWindow) -> None:
    pretend_enrolled(app, 2)
    app.shifts.open(window.actor, 200_000)
    app.payments.take_cash(window.actor, accounts_with_unpaid_bills(app)[0])
    assert "Ctrl+Shift+E nhật ký hỗ trợ" in window.key_bar.text()
    qtbot.keyClick(window.search, Qt.Key.Key_F8)
    dialog = window.receipts
    assert dialog is not None
    qtbot.waitUntil(lambda: "F2" not in window.key_bar.visible_keys(), timeout=3000)
    shown = window.key_bar.visible_keys()
    # the counter's keys do nothing under the dialog: none of them is offered
    assert not {"F2", "F9", "F10", "F8", "Ctrl+L", "Ctrl+Shift+L"} & set(shown), shown
    # the dialog's, with what they do there
    assert "Ctrl+Shift+E xuất Excel" in window.key_bar.text()
    assert "nhật ký hỗ trợ" not in window.key_bar.text()
    assert {"Ctrl+E", "Ctrl+Shift+E", "Esc"} <= set(shown)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    dialog.close()
    qtbot.waitUntil(lambda: "F2" in window.key_bar.visible_keys(), timeout=5000)
    assert "F2" in window.key_bar.visible_keys()
    assert "Ctrl+Shift+E nhật ký hỗ trợ" in window.key_bar.text()


def test_f9_over_the_counter_offers_the_payments_keys_then_the_counters_again(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 3)
    app.shifts.open(window.actor, 200_000)
    window.shifts.refresh()
    qtbot.waitUntil(lambda: window.shift is not None, timeout=5000)
    account = accounts_with_unpaid_bills(app)[0]
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        window.open_account(account)
    qtbot.waitUntil(lambda: "F9" in window.key_bar.visible_keys(), timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    dialog = window.payment
    assert dialog is not None
    qtbot.waitUntil(lambda: "F2" not in window.key_bar.visible_keys(), timeout=3000)
    shown = window.key_bar.visible_keys()
    assert not {"F2", "F9", "F10", "F8", "Ctrl+Shift+L"} & set(shown), shown
    assert {"F5", "Esc"} <= set(shown) and "F5 đủ tiền" in window.key_bar.text()
    dialog.reject()
    qtbot.waitUntil(lambda: "F2" in window.key_bar.visible_keys(), timeout=5000)
    assert {"F2", "F9", "F10"} <= set(window.key_bar.visible_keys())


def test_a_modal_question_that_names_no_keys_empties_the_bar(
        qtbot: QtBot, window: MainWindow) -> None:
    """A dialog that says no keys of its own: the window's would do nothing, none shows
    (the choice made: an empty bar rather than greyed caps)."""
    assert window.key_bar.visible_keys()
    box = QMessageBox(QMessageBox.Icon.Question, "QuayThu", "?", QMessageBox.StandardButton.Ok,
                      window)
    box.open()
    qtbot.waitUntil(lambda: "F2" not in window.key_bar.visible_keys(), timeout=3000)
    assert window.key_bar.visible_keys() == [] and window.key_bar.text() == ""
    box.done(0)
    qtbot.waitUntil(lambda: "F2" in window.key_bar.visible_keys(), timeout=5000)
    assert "F2" in window.key_bar.visible_keys()


def _office(qtbot: QtBot, app: App, enrolled: int | None) -> OfficeWindow:
    if enrolled is not None:
        pretend_enrolled(app, enrolled)
    w = open_window(app, Tasks(app), sign_in(app, "thuquy"), online=False)
    assert isinstance(w, OfficeWindow)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_head_cashiers_bar_follows_the_buttons(qtbot: QtBot, app: App) -> None:
    w = _office(qtbot, app, 14)
    panel = w.panel
    qtbot.waitUntil(lambda: panel.pages.currentIndex() == 1, timeout=5000)
    qtbot.waitUntil(lambda: "Không có ca" in panel.message.text(), timeout=5000)
    shown = w.key_bar.visible_keys()
    # no shift waiting: Ctrl+Enter takes nothing over (s32); no slip: no Ctrl+P, Ctrl+S (s33)
    assert "Ctrl+Enter" not in shown and "Ctrl+P" not in shown and "Ctrl+S" not in shown
    assert {"Ctrl+D", "Ctrl+L", "Ctrl+Shift+L"} <= set(shown)
    # the deposit page: Ctrl+Enter makes the slip; printing waits for one
    panel.show_deposit()
    qtbot.waitUntil(lambda: "Ctrl+Enter" in w.key_bar.visible_keys(), timeout=5000)
    assert not {"Ctrl+P", "Ctrl+S"} & set(w.key_bar.visible_keys())
    # a slip made: its print and PDF keys show
    panel.deposit.print_button.setEnabled(True)
    panel.deposit.pdf_button.setEnabled(True)
    assert {"Ctrl+P", "Ctrl+S"} <= set(w.key_bar.visible_keys())
    # back on the hand-over page, the deposit's keys go with it
    panel.show_deposit()
    assert not {"Ctrl+P", "Ctrl+S", "Ctrl+Enter"} & set(w.key_bar.visible_keys())
    w.close()
    w.runner.wait(5000)


def test_the_head_cashiers_ctrl_enter_shows_with_a_shift_waiting(qtbot: QtBot,
                                                                  app: App) -> None:
    pretend_enrolled(app, 15)
    closed_shift(app)
    w = _office(qtbot, app, None)
    qtbot.waitUntil(lambda: w.panel.shifts.count() == 1, timeout=5000)
    assert "Ctrl+Enter" in w.key_bar.visible_keys()
    w.close()
    w.runner.wait(5000)


def test_the_tools_window_is_not_modal_the_bar_follows_the_keyboard(
        qtbot: QtBot, window: MainWindow) -> None:
    """F7's tools are a window beside the counter (not modal): while they have the keyboard
    the counter's keys do nothing (they belong to the counter's window), the tools' do; back
    on the counter, its keys work again and show."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_F7)
    tools = window.tools
    assert tools is not None
    qtbot.waitUntil(tools.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: "F2" not in window.key_bar.visible_keys(), timeout=3000)
    assert "Ctrl+E lưu PDF" in window.key_bar.text()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: "F2" in window.key_bar.visible_keys(), timeout=3000)
    assert "Ctrl+Shift+E nhật ký hỗ trợ" in window.key_bar.text()
    tools.close()
