"""The whole payment by keyboard: shift open → lookup → F9 cash → change → shift close."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from central.models import Bill as CentralBill
from central.service import Central
from db.models import LocalPayment
from desktop.app import App, build_app
from desktop.money.amounts import format_vnd, group_digits
from desktop.money.payments import tender_for_exact
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import pretend_enrolled, staff_of
from ui.counter.main_window import MainWindow
from ui.counter.payment_dialog import CHANGE_GUARD_S, PaymentDialog


def open_account(qtbot: QtBot, window: MainWindow, code: str) -> None:
    window.search.clear()
    qtbot.keyClicks(window.search, code)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)


def pay(qtbot: QtBot, window: MainWindow) -> PaymentDialog:
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    dialog = window.payment
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.live is not None, timeout=5000)
    return dialog


def test_cash_by_keyboard_and_the_shift_adds_up(qtbot: QtBot, app: App,
                                                window: MainWindow) -> None:
    pretend_enrolled(app, 5)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Chưa mở ca"), timeout=5000)
    # F10: open the shift with a 500 000 đ float
    qtbot.keyClick(window.search, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: window.shift_dialog is not None, timeout=5000)
    opening = window.shift_dialog
    opening.float_.clear()
    qtbot.keyClicks(opening.float_, "500.000")
    qtbot.keyClick(opening.float_, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca "), timeout=5000)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)

    con = sqlite3.connect(app.store_path)
    codes = [con.execute("SELECT code FROM accounts WHERE id = ?", (a,)).fetchone()[0]
             for a in accounts_with_unpaid_bills(app)[:2]]
    con.close()
    # first customer: exact money, and a double Enter
    open_account(qtbot, window, codes[0])
    due = window.panel.detail.unpaid_total
    dialog = pay(qtbot, window)
    assert dialog.live.message.startswith("Ngoại tuyến")  # no central here: the cache is used
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_F5)
    # exact money is what the drawer holds: up to the 500 đ note, the odd đồng credited
    exact = tender_for_exact(due, 500)
    assert dialog.tendered.text() == group_digits(exact)
    with qtbot.waitSignal(dialog.payment_committed, timeout=5000):
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
        dialog.submit()  # the second Enter of an impatient finger
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # ... and a third: the change stays
    assert dialog.isVisible() and dialog.change.text() == "TIỀN THỐI: 0 đ"
    qtbot.waitUntil(lambda: not window.panel.detail.unpaid_bills, timeout=5000)
    later = dialog.clock() + CHANGE_GUARD_S  # the change was read
    dialog.clock = lambda: later
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    # second customer: a short tender is refused, then notes and a pasted amount
    open_account(qtbot, window, codes[1])
    second_due = window.panel.detail.unpaid_total
    dialog = pay(qtbot, window)
    qtbot.keyClicks(dialog.tendered, "1.000")
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
    assert dialog.message.text().startswith("Khách đưa 1.000 đ, thiếu ")
    dialog.tendered.clear()
    tendered = (second_due // 1_000_000 + 1) * 1_000_000
    QApplication.clipboard().setText(f"{tendered:,} đ")  # pasted from a calculator
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(dialog.payment_committed, timeout=5000):
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
    later = dialog.clock() + CHANGE_GUARD_S
    dialog.clock = lambda: later
    # the change rounded down to the 500 đ note; the rest credited to the customer
    given = (tendered - second_due) // 500 * 500
    assert dialog.change.text() == f"TIỀN THỐI: {format_vnd(given)}"
    leftover = tendered - second_due - given
    if leftover:
        assert f"tiền lẻ {format_vnd(leftover)} ghi có" in dialog.message.text()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # "Xong"
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(LocalPayment)) == 2
    # Ctrl+F10: 100 000 đ to the safe mid-shift
    qtbot.keyClick(window.search, Qt.Key.Key_F10, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: type(window.shift_dialog).__name__ == "CashDropDialog", timeout=5000)
    drop = window.shift_dialog
    qtbot.keyClicks(drop.amount, "100000")
    with qtbot.waitSignal(drop.dropped, timeout=5000):
        qtbot.keyClick(drop.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    # F10 again: the blind count, then the report
    qtbot.keyClick(window.search, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: type(window.shift_dialog).__name__ == "CloseShiftDialog",
                    timeout=5000)
    closing = window.shift_dialog
    expected = 500_000 + exact + second_due + leftover - 100_000
    closing.counts[500_000].setValue(expected // 500_000)
    closing.counts[1_000].setValue(expected % 500_000 // 1_000)
    closing.counts[500].setValue(expected % 1_000 // 500)
    with qtbot.waitSignal(closing.closed, timeout=5000):
        qtbot.keyClick(closing.counts[1_000], Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    report = closing.report
    assert report.expected_cash == expected
    assert [(m.count, m.amount) for m in report.by_method] == [(2, due + second_due)]
    assert report.over_short == 0  # an exact payment closes to the đồng
    assert f"Phải có {format_vnd(expected)}" in closing.message.text()
    assert report.drops == 100_000
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Chưa mở ca"), timeout=5000)


@pytest.fixture
def synced(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    app = build_app(tmp_path / "counter" / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    app.link.engine.sync_once()
    yield app
    app.close()


def test_a_bill_paid_elsewhere_a_second_ago_stops_the_payment(
        qtbot: QtBot, synced: App, central: Central) -> None:
    cashier = staff_of(synced)
    synced.shifts.open(cashier, 0)
    window = MainWindow(synced, actor=cashier, online=True)
    qtbot.addWidget(window)
    window.show()
    try:
        account_id = accounts_with_unpaid_bills(synced)[0]
        con = sqlite3.connect(synced.store_path)
        code, bill_no = con.execute(
            "SELECT a.code, b.bill_no FROM accounts a JOIN bills b ON b.account_id = a.id "
            "WHERE a.id = ? AND b.status = 'unpaid' LIMIT 1", (account_id,)).fetchone()
        con.close()
        # another counter (or a bank app) was quicker
        with central.sessions() as s, s.begin():
            bill = s.scalar(select(CentralBill).where(CentralBill.bill_no == bill_no))
            bill.status, bill.paid_at = "paid", dt.datetime.now(dt.UTC)
        open_account(qtbot, window, code)
        dialog = pay(qtbot, window)
        assert not dialog.live.ok_to_take and dialog.live.paid_elsewhere == (bill_no,)
        assert "đã được thanh toán nơi khác" in dialog.live_label.text()
        assert not dialog.confirm.isEnabled()
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
        with synced.sessions() as s:
            assert s.scalar(select(func.count()).select_from(LocalPayment)) == 0
        dialog.reject()
    finally:
        window.close()


def test_vietqr_intent_then_the_bank_then_the_receipt(
        qtbot: QtBot, synced: App, central: Central, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from central.__main__ import main as central_main
    from desktop.money.vietqr import parse, split
    from ui.counter.customer_display import CustomerDisplay

    monkeypatch.setenv("QUAYTHU_BANK_SECRET", "bank-secret-for-tests")
    central.bank_secret = "bank-secret-for-tests"
    cashier = staff_of(synced)
    synced.shifts.open(cashier, 0)
    engine = synced.link.engine
    window = MainWindow(synced, actor=cashier, online=True)
    qtbot.addWidget(window)
    window.show()
    try:
        account_id = accounts_with_unpaid_bills(synced)[0]
        con = sqlite3.connect(synced.store_path)
        code = con.execute("SELECT code FROM accounts WHERE id = ?", (account_id,)).fetchone()[0]
        con.close()
        open_account(qtbot, window, code)
        due = window.panel.detail.unpaid_total
        dialog = pay(qtbot, window)
        assert dialog.live.online and dialog.live.ok_to_take
        with qtbot.waitSignal(dialog.qr_shown, timeout=5000, raising=False) as shown:
            qtbot.keyClick(dialog.tendered, Qt.Key.Key_F6)
        assert shown.signal_triggered, dialog.message.text()
        intent = shown.args[0]
        fields = parse(intent.payload)
        assert fields["54"] == str(due) and fields["01"] == "12"
        extra = split(fields["62"])
        assert extra["05"] == intent.reference and extra["08"] == f"TT dien {code}"
        display = next(w for w in QApplication.topLevelWidgets()
                       if isinstance(w, CustomerDisplay) and w.isVisible())
        assert display.amount.text() == format_vnd(due) and code in display.who.text()
        # with the QR in it the dialog still fits its screen (the form scrolls inside)
        qtbot.waitUntil(lambda: dialog.screen().availableGeometry().contains(
            dialog.frameGeometry()), timeout=5000)
        assert dialog.taken is None  # no confirmation, no receipt
        # the bank: a signed notification through central's webhook
        db = str(tmp_path / "central.db")
        assert central_main(["--db", db, "bank-notify", intent.reference, "--url",
                             engine.client.base_url, "--bank-ref", "FT26331999"]) == 0
        assert '"status": 200' in capsys.readouterr().out
        with qtbot.waitSignal(dialog.payment_committed, timeout=10000) as committed:
            pass
        taken = committed.args[0]
        assert (taken.method, taken.bank_ref, taken.amount) == ("vietqr", "FT26331999", due)
        assert "FT26331999" in dialog.message.text()
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
        assert not display.isVisible()
        # up to central at once (the commit wakes the sync loop): a VietQR payment
        from central.models import Payment

        def at_central() -> Payment | None:
            with central.sessions() as s:
                return s.scalar(select(Payment).where(Payment.key == taken.key))

        qtbot.waitUntil(lambda: at_central() is not None, timeout=15000)
        paid = at_central()
        assert paid is not None and paid.method == "vietqr" and paid.amount == due
        # closing the shift: no cash in the drawer, and central's totals agree
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        qtbot.keyClick(window.search, Qt.Key.Key_F10)
        qtbot.waitUntil(lambda: type(window.shift_dialog).__name__ == "CloseShiftDialog",
                        timeout=5000)
        closing = window.shift_dialog
        with qtbot.waitSignal(closing.reconciled, timeout=15000) as reconciled:
            qtbot.keyClick(closing.counts[500_000], Qt.Key.Key_Return,
                           Qt.KeyboardModifier.ControlModifier)
        assert reconciled.args[0] == ()
        assert "Đối soát với trung tâm: khớp." in closing.message.text()
        assert [(m.method, m.amount) for m in closing.report.by_method] == [("vietqr", due)]
    finally:
        window.close()


def test_offline_vietqr_is_unavailable_and_says_why(qtbot: QtBot, app: App,
                                                    window: MainWindow) -> None:
    pretend_enrolled(app, 6)
    app.shifts.open(window.actor, 0)
    con = sqlite3.connect(app.store_path)
    code = con.execute("SELECT code FROM accounts WHERE id = ?",
                       (accounts_with_unpaid_bills(app)[0],)).fetchone()[0]
    con.close()
    open_account(qtbot, window, code)
    dialog = pay(qtbot, window)
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: "Ngoại tuyến" in dialog.message.text(), timeout=5000)
    assert dialog.message.text().startswith("Ngoại tuyến: không thu qua VietQR được")
    assert dialog.intent is None and dialog.confirm.isEnabled()  # cash still works
    dialog.reject()


def test_ctrl_down_pays_only_the_oldest_bills(qtbot: QtBot, app: App,
                                              window: MainWindow) -> None:
    """A customer who pays part: the newest bill waits, the oldest is paid whole."""
    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 0)
    # the window hears of the shift through the core's event (F9 refuses without one)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca "), timeout=5000)
    con = sqlite3.connect(app.store_path)
    code, account_id = con.execute(
        "SELECT a.code, a.id FROM accounts a JOIN bills b ON b.account_id = a.id "
        "WHERE b.status = 'unpaid' GROUP BY a.id HAVING count(*) >= 2 LIMIT 1").fetchone()
    con.close()
    open_account(qtbot, window, code)
    bills = window.panel.detail.unpaid_bills
    dialog = pay(qtbot, window)
    for _ in range(len(bills)):  # more presses than bills: one bill stays chosen
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert dialog.total == bills[0].total
    assert dialog.total_label.text() == (f"Phải thu: {format_vnd(bills[0].total)} "
                                         f"(1/{len(bills)} hóa đơn)")
    model = dialog.bills_model
    assert [model.data(model.index(r, 0)) for r in range(len(bills))] == (
        ["✓"] + [""] * (len(bills) - 1))
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.total == bills[0].total + bills[1].total
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_F5)  # exact, for the chosen bills
    with qtbot.waitSignal(dialog.payment_committed, timeout=5000) as committed:
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
    assert committed.args[0].bill_nos == (bills[0].bill_no,)
    with app.sessions() as s:
        from db.models import Bill

        assert s.scalar(select(Bill.status).where(Bill.id == bills[0].id)) == "paid"
        assert s.scalar(select(func.count()).select_from(Bill).where(
            Bill.account_id == account_id, Bill.status == "unpaid")) == len(bills) - 1
    dialog.accept()
