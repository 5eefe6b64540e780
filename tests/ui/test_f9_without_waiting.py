"""F9 never waits on central: the dialog opens with the amount focused and says what it
waits for; central's answer (late, an error, none) shows when it comes, and a bill central
says is paid is still refused. Central's answers are held by a proxy and let go by the
test (events, never timers)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from central.models import Bill as CentralBill
from central.service import Central
from db.models import DeviceState, LocalPayment
from desktop.app import App, build_app
from desktop.sim import accounts_with_unpaid_bills
from tests.fault_proxy import HoldingProxy
from tests.staff import staff_of
from ui.counter.main_window import MainWindow
from ui.counter.payment_dialog import PaymentDialog

WAITING = "Đang chờ trung tâm"


@pytest.fixture
def proxy(url: str) -> Iterator[HoldingProxy]:
    p = HoldingProxy(int(url.rsplit(":", 1)[1]))
    yield p
    p.stop()


@pytest.fixture
def counter(tmp_path: Path, central: Central, url: str, proxy: HoldingProxy,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    # the live call's own timeout is not what these tests decide by: the proxy is
    monkeypatch.setattr("desktop.link.sync.client.LIVE_TIMEOUT", httpx.Timeout(60.0))
    app = build_app(tmp_path / "counter" / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    app.link.engine.sync_once()
    with app.sessions() as s, s.begin():
        device = s.get(DeviceState, 1)
        assert device is not None
        device.central_url = proxy.url  # from now on central is reached through the proxy
    app.link.active = True  # as in an enrolled counter's window (no sync loop here)
    yield app
    app.close()


def payments(app: App) -> int:
    with app.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(LocalPayment)) or 0)


def open_window(qtbot: QtBot, app: App) -> tuple[MainWindow, str, str]:
    cashier = staff_of(app)
    app.shifts.open(cashier, 0)
    window = MainWindow(app, actor=cashier, online=True)
    qtbot.addWidget(window)
    window.show()
    account_id = accounts_with_unpaid_bills(app)[0]
    con = sqlite3.connect(app.store_path)
    code, bill_no = con.execute(
        "SELECT a.code, b.bill_no FROM accounts a JOIN bills b ON b.account_id = a.id "
        "WHERE a.id = ? AND b.status = 'unpaid' ORDER BY b.id LIMIT 1", (account_id,)).fetchone()
    con.close()
    qtbot.keyClicks(window.search, code)
    with qtbot.waitSignal(window.account_opened, timeout=10_000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    return window, code, bill_no


def f9(qtbot: QtBot, window: MainWindow) -> PaymentDialog:
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    dialog = window.payment
    # shown, the amount field focused, and it says what it waits for: before any answer
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.focusWidget() is dialog.tendered
    assert WAITING in dialog.live_label.text()
    return dialog


@pytest.mark.parametrize("mode", ["hold", "error", "refuse"])
def test_f9_opens_at_once_whatever_central_does(qtbot: QtBot, counter: App,
                                                proxy: HoldingProxy, mode: str) -> None:
    window, _code, _bill = open_window(qtbot, counter)
    try:
        proxy.mode = mode
        dialog = f9(qtbot, window)
        if mode == "hold":
            # central has the question and does not answer: the cashier types meanwhile
            assert proxy.held.wait(10)
            assert dialog.live is None and WAITING in dialog.live_label.text()
            dialog.exact()  # F5 "đủ tiền": the total as the drawer holds it
            qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
            assert "Chờ trung tâm xác nhận" in dialog.message.text()
            assert payments(counter) == 0
            with qtbot.waitSignal(dialog.payment_committed, timeout=20_000):
                proxy.release()  # central answers (late): the held payment goes on
            assert payments(counter) == 1
            assert dialog.live is not None and dialog.live.online
        else:
            with qtbot.waitSignal(dialog.checked, timeout=20_000) as got:
                pass
            live = got.args[0]
            # no word from central: the cache is used, and the screen says so
            assert not live.online and live.ok_to_take
            assert "Không kiểm tra được với trung tâm" in dialog.live_label.text()
            dialog.exact()  # F5 "đủ tiền": the total as the drawer holds it
            with qtbot.waitSignal(dialog.payment_committed, timeout=20_000):
                qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
            assert payments(counter) == 1
        dialog.reject()
    finally:
        window.close()


def test_a_bill_paid_at_central_is_refused_when_the_late_answer_comes(
        qtbot: QtBot, counter: App, central: Central, proxy: HoldingProxy) -> None:
    window, _code, bill_no = open_window(qtbot, counter)
    try:
        with central.sessions() as s, s.begin():
            bill = s.scalar(select(CentralBill).where(CentralBill.bill_no == bill_no))
            assert bill is not None
            bill.status, bill.paid_at = "paid", dt.datetime.now(dt.UTC)
        proxy.mode = "hold"
        dialog = f9(qtbot, window)
        assert proxy.held.wait(10)
        # the cashier is faster than central: Enter is held, not a payment
        dialog.exact()  # F5 "đủ tiền": the total as the drawer holds it
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
        assert "Chờ trung tâm xác nhận" in dialog.message.text()
        with qtbot.waitSignal(dialog.checked, timeout=20_000):
            proxy.release()
        assert dialog.live is not None and dialog.live.paid_elsewhere == (bill_no,)
        assert "đã được thanh toán nơi khác" in dialog.live_label.text()
        assert not dialog.confirm.isEnabled() and not dialog.tendered.isEnabled()
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
        # nothing was taken, nor is on its way
        assert payments(counter) == 0
        dialog.reject()
    finally:
        window.close()
