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
from db.models import DeviceState, LocalPayment
from desktop.app import App, build_app
from desktop.device import enrol, sync_engine
from desktop.money import format_vnd
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import staff_of
from ui.main_window import MainWindow
from ui.payment_dialog import PaymentDialog


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
    with app.writes() as s, s.begin():
        s.add(DeviceState(id=1, central_url="http://127.0.0.1:9", device_id=5, unit_code="PE1400",
                          device_code="PE1400D005", enrolled_at=dt.datetime.now(dt.UTC),
                          receipt_seq=0))
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
    assert dialog.tendered.text() == format_vnd(due)[:-2]
    with qtbot.waitSignal(dialog.payment_committed, timeout=5000):
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
        dialog.submit()  # the second Enter of an impatient finger
    assert dialog.change.text() == "TIỀN THỐI: 0 đ"
    qtbot.waitUntil(lambda: not window.panel.detail.unpaid_bills, timeout=5000)
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
    assert dialog.change.text() == f"TIỀN THỐI: {format_vnd(tendered - second_due)}"
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # "Xong"
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(LocalPayment)) == 2
    # F10 again: the blind count, then the report
    qtbot.keyClick(window.search, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: type(window.shift_dialog).__name__ == "CloseShiftDialog",
                    timeout=5000)
    closing = window.shift_dialog
    expected = 500_000 + due + second_due
    closing.counts[500_000].setValue(expected // 500_000)
    closing.counts[1_000].setValue(expected % 500_000 // 1_000)
    with qtbot.waitSignal(closing.closed, timeout=5000):
        qtbot.keyClick(closing.counts[1_000], Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    report = closing.report
    assert report.expected_cash == expected
    assert [(m.count, m.amount) for m in report.by_method] == [(2, due + second_due)]
    assert f"Phải có {format_vnd(expected)}" in closing.message.text()
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Chưa mở ca"), timeout=5000)


@pytest.fixture
def synced(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    app = build_app(tmp_path / "counter" / "quaythu.db")
    enrol(app, url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    sync_engine(app).sync_once()
    yield app
    app.close()


def test_a_bill_paid_elsewhere_a_second_ago_stops_the_payment(
        qtbot: QtBot, synced: App, central: Central) -> None:
    cashier = staff_of(synced)
    synced.shifts.open(cashier, 0)
    window = MainWindow(synced, sync=sync_engine(synced), actor=cashier)
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
