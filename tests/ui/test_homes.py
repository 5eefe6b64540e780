"""Each person's home (issue 29, Build 3): the window the role that signs in gets, and
what works in it from the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from central.service import Central
from desktop.app import App
from desktop.money.amounts import format_vnd
from tests.integration.test_agent import unpaid_accounts
from tests.integration.test_turn_ins import closed_shift
from tests.staff import pretend_enrolled, sign_in
from ui.main import open_window
from ui.office.office_window import OfficeWindow
from ui.shell.tasks import Tasks


def office_with_a_closed_shift(
        qtbot: QtBot, app: App) -> tuple[OfficeWindow, Tasks, dict[int, int], int]:
    """The head cashier signed in on a counter with one closed shift waiting: the office
    window shown, the shift listed (its task runner, the shift's counts and total)."""
    pretend_enrolled(app, 11)
    _key, counts, counted = closed_shift(app)
    runner = Tasks(app)
    w = open_window(app, runner, sign_in(app, "thuquy"), online=False)
    assert isinstance(w, OfficeWindow)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    # no second sign-in: the closed shift is listed at once, blind
    qtbot.waitUntil(lambda: w.panel.shifts.count() == 1, timeout=5000)
    return w, runner, counts, counted


def test_the_head_cashier_signed_in_gets_the_office_and_takes_a_shift_over(
        qtbot: QtBot, app: App) -> None:
    w, runner, counts, counted = office_with_a_closed_shift(qtbot, app)
    panel = w.panel
    # (the keys show once they work: the shifts listed, Ctrl+Enter and Ctrl+D act)
    keys = w.key_bar.text()
    assert "Ctrl+D" in keys and "Ctrl+Enter" in keys and "F9" not in keys
    assert panel.pages.currentIndex() == 1
    assert "Nguyễn Thị Thu Ngân" in panel.shifts.item(0).text()
    for denomination, n in counts.items():
        panel.counts[denomination].setValue(n)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(panel.done_views), timeout=5000)
    assert panel.done_views[0].counted == counted and panel.shifts.count() == 0
    # the screen says so where the head cashier looks: above the count, never scrolled
    # out of view (the panel's own line sits under a count taller than the screen)
    said = f"Đã nhận bàn giao ca của Nguyễn Thị Thu Ngân: {format_vnd(counted)}."
    assert w.banner.text() == said and w.banner.property("kind") == "done"
    assert w.banner.isVisible() and not w.banner.visibleRegion().isEmpty()
    assert not w.pages_scroll.isAncestorOf(w.banner)
    # Ctrl+D: the deposit page, with the cash just taken over
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier)
    page = panel.deposit
    qtbot.waitUntil(lambda: page.items.count() == 1, timeout=5000)
    assert panel.pages.currentWidget() is page and page.isVisible()
    assert page.total.text().endswith(format_vnd(counted))
    # Esc closes nothing: the office is the window
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Escape)
    assert panel.isVisible() and w.isVisible()
    w.close()
    runner.wait(5000)


def test_a_cashier_at_the_same_pc_still_gets_the_counter(qtbot: QtBot, app: App) -> None:
    from ui.counter.main_window import MainWindow

    runner = Tasks(app)
    w = open_window(app, runner, sign_in(app, "thungan"), online=False)
    qtbot.addWidget(w)
    assert isinstance(w, MainWindow)
    assert "Ctrl+H" in w.key_bar.text()  # the hand-over is offered where it works
    w.close()
    runner.wait(5000)


def test_the_agent_opens_a_shift_takes_cash_and_closes_the_day(
        qtbot: QtBot, agent: App, central: Central) -> None:
    """F9 without a shift asks for one; F10 opens it; the day's closing, then the count."""
    from db.demo import demo_password_hash
    from tests.conftest import AGENT
    from tests.ui.test_agent_window import look_up, open_shift, pay
    from ui.agent.agent_window import AgentWindow
    from ui.counter.close_shift_dialog import CloseShiftDialog
    from ui.counter.open_shift_dialog import OpenShiftDialog

    app = agent
    (code, owed), (other, _owed) = unpaid_accounts(central, 2)
    # the shop's other agent took a receipt on the same PC today: not this agent's day
    central.add_staff(AGENT, "daily2", "Võ Minh Em", "agent", demo_password_hash())
    app.link.sync_once()
    someone = sign_in(app, "daily2")
    app.shifts.open(someone, 0)
    app.payments.take_cash(someone, app.agent.find(someone, other).detail.id)
    app.auth.sign_out(someone)
    runner = Tasks(app)
    w = open_window(app, runner, sign_in(app, "daily"), online=False)
    assert isinstance(w, AgentWindow)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: "F10 mở ca" in w.key_bar.text(), timeout=5000)
    assert "F9" not in w.key_bar.text()  # no shift: no cash key offered
    qtbot.waitUntil(lambda: "0 phiếu" in w.day_label.text(), timeout=5000)  # only its own
    look_up(qtbot, w, code)
    qtbot.keyClick(w.code, Qt.Key.Key_F9)  # no shift: asks to open one, takes nothing
    assert "Chưa mở ca" in w.message.text() and w.payment is None
    qtbot.waitUntil(lambda: isinstance(w.shifts.dialog, OpenShiftDialog)
                    and w.shifts.dialog.isVisible(), timeout=5000)
    assert w.shifts.dialog is not None
    w.shifts.dialog.reject()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    open_shift(qtbot, w, "50000")
    assert "F9 thu tiền" in w.key_bar.text()
    pay(qtbot, w)
    qtbot.waitUntil(lambda: f"1 phiếu, {format_vnd(owed)}" in w.day_label.text(),
                    timeout=5000)
    assert "F9" not in w.key_bar.text()  # the customer is gone: nothing to take
    look_up(qtbot, w, code)  # paid now: F9 would only say so
    assert "không còn nợ" in w.message.text() and "F9" not in w.key_bar.text()
    assert "Ctrl+K chốt ngày" in w.key_bar.text()
    qtbot.keyClick(w.code, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(w.closed_day, timeout=10_000):
        qtbot.keyClick(w.code, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    # the closing sent, the till's count comes next
    qtbot.waitUntil(lambda: isinstance(w.shifts.dialog, CloseShiftDialog)
                    and w.shifts.dialog.isVisible(), timeout=5000)
    closing = w.shifts.dialog
    assert isinstance(closing, CloseShiftDialog)
    cash = 50_000 + owed
    for d in sorted(closing.counts, reverse=True):
        closing.counts[d].setValue(cash // d)
        cash %= d
    with qtbot.waitSignal(closing.closed, timeout=10_000):
        qtbot.keyClick(closing, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.shifts.current(w.actor) is None, timeout=5000)
    # the day is closed: no new shift, no cash today, and the key bar offers neither
    if closing.isVisible():  # the Z report read, the dialog closed
        qtbot.keyClick(closing, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not closing.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: w.shifts.shift is None, timeout=5000)
    # the till is counted and the shift closed: the line asking for the count is gone
    # (it stayed under the closing's sentence, a walk found)
    assert "Đếm tiền trong két" not in w.message.text()
    assert "Đã gửi chốt ngày" in w.message.text()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    assert "F10" not in w.key_bar.text() and "F9" not in w.key_bar.text()
    # the closing is sent: a second Ctrl+K sends nothing, the bar no longer offers it;
    # what still works is offered (a look-up, the history, the lock, the sign-out)
    assert w.key_bar.visible_keys() == ["Enter", "F7", "Ctrl+L", "Ctrl+Shift+L"]
    qtbot.keyClick(w.code, Qt.Key.Key_F10)
    assert "Đã chốt ngày" in w.message.text()
    assert not isinstance(w.shifts.dialog, OpenShiftDialog) or not w.shifts.dialog.isVisible()
    look_up(qtbot, w, other)
    before = w.payment
    qtbot.keyClick(w.code, Qt.Key.Key_F9)
    assert "Đã chốt ngày" in w.message.text() and w.payment is before  # no new dialog
    w.close()
    runner.wait(5000)


@pytest.mark.parametrize("username, window", [
    ("thungan", "MainWindow"), ("thungan2", "MainWindow"), ("giamsat", "MainWindow"),
    ("quantri", "MainWindow"), ("thuquy", "OfficeWindow"), ("thuld", "CollectorWindow"),
    ("daily", "AgentWindow")])
def test_each_role_signed_in_at_the_counter_pc_gets_its_home(
        qtbot: QtBot, app: App, username: str, window: str) -> None:
    pretend_enrolled(app, 12)
    runner = Tasks(app)
    w = open_window(app, runner, sign_in(app, username), online=False)
    qtbot.addWidget(w)
    assert type(w).__name__ == window
    w.show()
    qtbot.waitExposed(w)
    assert w.key_bar.text()  # every home shows its keys
    assert "Ctrl+Shift+L" in w.key_bar.visible_keys()  # and the sign-out, which works in all
    from PySide6.QtGui import QShortcut

    keys = [s.key().toString() for s in w.findChildren(QShortcut) if s.isEnabled()]
    twice = {k for k in keys if keys.count(k) > 1}
    assert not twice, twice  # a key on two shortcuts fires neither (ambiguous)
    assert w.staff_status.text()  # and who works there
    w.close()
    runner.wait(5000)


def test_signing_out_of_the_office_leaves_nothing_for_the_cashier_who_signs_in(
        qtbot: QtBot, app: App) -> None:
    """The head cashier's count and pages go with them: the next person gets a fresh
    window of their own (``main.run_gui`` opens it), the office closes."""
    from db.demo import DEMO_PASSWORD
    from tests.ui.test_sign_in import type_in

    pretend_enrolled(app, 13)
    _key, counts, _counted = closed_shift(app)
    runner = Tasks(app)
    w = open_window(app, runner, sign_in(app, "thuquy"), online=False)
    assert isinstance(w, OfficeWindow)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    panel = w.panel
    qtbot.waitUntil(lambda: panel.shifts.count() == 1, timeout=5000)
    first = next(iter(counts))
    panel.counts[first].setValue(counts[first])  # half-way through a count
    with qtbot.waitSignal(w.signed_out, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_L,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.pages.currentIndex() == 1  # nothing of the office on screen
    assert all(box.value() == 0 for box in panel.counts.values())  # the count is gone
    dialog = w.lock_dialog
    assert dialog is not None
    type_in(qtbot, dialog, "thungan", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: w.next_actor is not None, timeout=5000)
    assert w.next_actor is not None and w.next_actor.username == "thungan"
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    runner.wait(5000)


def test_the_collectors_bar_offers_cash_only_at_a_stop_that_owes(
        qtbot: QtBot, synced_counter: App, central: Central) -> None:
    """Enter/F9 refuses without a shift and at a stop that owes nothing: the bar offers it
    only where it takes cash."""
    from tests.ui.test_collector_day import ROUTE, today
    from ui.collector.collector_window import CollectorWindow

    app = synced_counter
    sheet = central.issue_route("PE1400", ROUTE, "thuld", today())
    app.link.sync_once()
    actor = sign_in(app, "thuld")
    w = CollectorWindow(app, Tasks(app), actor=actor)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.row_count() == len(sheet["stops"]), timeout=10_000)
    stop = w.current_stop()
    assert stop is not None and stop.unpaid
    assert "Enter/F9" not in w.key_bar.visible_keys()  # no shift yet
    assert "Ctrl+Shift+L" in w.key_bar.visible_keys()
    app.shifts.open(actor, 0)
    qtbot.waitUntil(lambda: "Enter/F9" in w.key_bar.visible_keys(), timeout=5000)
    app.payments.take_cash(actor, stop.account_id)  # paid: the stop owes nothing now
    qtbot.waitUntil(lambda: (s := w.current_stop()) is not None
                    and s.account_id == stop.account_id and not s.unpaid, timeout=5000)
    assert "Enter/F9" not in w.key_bar.visible_keys()
    qtbot.keyClick(w.table, Qt.Key.Key_F9)
    assert w.message.text() == f"Khách hàng {stop.code} không còn nợ."
    assert w.sheet is not None
    w.table.selectRow(next(i for i, s in enumerate(w.sheet.stops) if s.unpaid))
    assert "Enter/F9" in w.key_bar.visible_keys()
    w.close()
    w.runner.wait(5000)
