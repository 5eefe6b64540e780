"""F9 shows a dialog built while the cashier read the customer (issue 31): it is the
customer on screen's, whoever was open before; central hears of a customer only when F9
opens, never for one merely looked at; a payment taken elsewhere meanwhile is said and
refused in it. Decided by events (the account opened, the dialog built), never by time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from central.service import Central
from db.models import DeviceState, LocalPayment
from desktop.app import App, build_app
from desktop.money.amounts import format_vnd
from desktop.sim import accounts_with_unpaid_bills
from tests.fault_proxy import HoldingProxy
from tests.staff import pretend_enrolled, staff_of
from ui.counter.main_window import MainWindow


def codes_owing(app: App, n: int) -> list[tuple[int, str]]:
    con = sqlite3.connect(app.store_path)
    try:
        return [(a, con.execute("SELECT code FROM accounts WHERE id = ?", (a,)).fetchone()[0])
                for a in accounts_with_unpaid_bills(app)[:n]]
    finally:
        con.close()


def unpaid_total(app: App, account_id: int) -> int:
    con = sqlite3.connect(app.store_path)
    try:
        return int(con.execute("SELECT SUM(total) FROM bills WHERE account_id = ? AND "
                               "status = 'unpaid'", (account_id,)).fetchone()[0])
    finally:
        con.close()


def open_code(qtbot: QtBot, window: MainWindow, code: str) -> None:
    window.search.clear()
    qtbot.keyClicks(window.search, code)
    with qtbot.waitSignal(window.account_opened, timeout=10_000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)


def prepared_for(qtbot: QtBot, window: MainWindow, code: str) -> None:
    """The next F9's dialog is there for ``code`` (built once its panel painted)."""
    qtbot.waitUntil(lambda: window.prepared_payment is not None
                    and window.prepared_payment.detail.code == code, timeout=10_000)


def payments(app: App) -> int:
    with app.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(LocalPayment)) or 0)


def test_f9_takes_money_for_the_customer_on_screen_not_the_one_before(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 0)
    window.refresh_shift()
    qtbot.waitUntil(lambda: window.shift is not None, timeout=10_000)
    (first_id, first), (second_id, second) = codes_owing(app, 2)
    open_code(qtbot, window, first)
    prepared_for(qtbot, window, first)
    open_code(qtbot, window, second)  # the next customer, before any F9
    prepared_for(qtbot, window, second)
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    dialog = window.payment
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)  # (the turn F9's keys are delivered in)
    assert dialog.focusWidget() is dialog.tendered
    assert second in dialog.windowTitle() and first not in dialog.windowTitle()
    assert dialog.total == unpaid_total(app, second_id)
    assert format_vnd(unpaid_total(app, second_id)) in dialog.total_label.text()
    dialog.exact()
    with qtbot.waitSignal(dialog.payment_committed, timeout=20_000) as got:
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
    assert got.args[0].account_code == second
    assert payments(app) == 1
    con = sqlite3.connect(app.store_path)
    still = con.execute("SELECT count(*) FROM bills WHERE account_id = ? AND "
                        "status = 'unpaid'", (first_id,)).fetchone()[0]
    con.close()
    assert still > 0  # the customer before kept their bills
    dialog.reject()
    # each dialog is one payment: the next F9 for another customer is a new one
    third = next(c for a, c in codes_owing(app, 3) if a not in (first_id, second_id))
    open_code(qtbot, window, third)
    prepared_for(qtbot, window, third)
    following = window.prepared_payment
    assert following is not None and following is not dialog and following.key != dialog.key


def test_a_payment_elsewhere_before_f9_is_said_and_refused(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 0)
    window.refresh_shift()
    qtbot.waitUntil(lambda: window.shift is not None, timeout=10_000)
    (account_id, code), = codes_owing(app, 1)
    open_code(qtbot, window, code)
    prepared_for(qtbot, window, code)
    stale = window.prepared_payment
    # another window (or process) of this counter takes the money for them meanwhile
    with qtbot.waitSignal(window.account_opened, timeout=10_000):
        app.payments.take_cash(window.actor, account_id)
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    # the panel shows them paid: F9 refuses and says why; nothing more is taken
    assert window.payment is None or not window.payment.isVisible() \
        or not window.payment.confirm.isEnabled()
    assert stale is not None
    assert window.payment is not stale or not stale.confirm.isEnabled()
    assert "không còn nợ" in window.banner.text()
    assert payments(app) == 1


@pytest.fixture
def proxy(url: str) -> Iterator[HoldingProxy]:
    p = HoldingProxy(int(url.rsplit(":", 1)[1]), mode="hold")
    yield p
    p.stop()


@pytest.fixture
def online(tmp_path: Path, central: Central, url: str, proxy: HoldingProxy,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    monkeypatch.setattr("desktop.link.sync.client.LIVE_TIMEOUT", httpx.Timeout(60.0))
    app = build_app(tmp_path / "counter" / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    app.link.engine.sync_once()
    with app.sessions() as s, s.begin():
        device = s.get(DeviceState, 1)
        assert device is not None
        device.central_url = proxy.url  # central from now on only through the proxy
    app.link.active = True
    yield app
    app.close()


def test_central_hears_of_a_customer_only_when_f9_opens(
        qtbot: QtBot, online: App, proxy: HoldingProxy) -> None:
    cashier = staff_of(online)
    online.shifts.open(cashier, 0)
    window = MainWindow(online, actor=cashier, online=True)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.shift is not None, timeout=10_000)
        (_id, code), = codes_owing(online, 1)
        open_code(qtbot, window, code)
        prepared_for(qtbot, window, code)
        # the dialog is built, and nobody asked central anything about this customer
        assert not [line for line in proxy.request_lines if code in line]
        qtbot.keyClick(window.search, Qt.Key.Key_F9)
        dialog = window.payment
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        assert "Đang chờ trung tâm" in dialog.live_label.text()
        # the live check, asked as the dialog opened
        qtbot.waitUntil(lambda: any(code in line for line in proxy.request_lines),
                        timeout=10_000)
        with qtbot.waitSignal(dialog.checked, timeout=20_000):
            proxy.release()
        assert dialog.live is not None and dialog.live.online
        dialog.reject()
    finally:
        window.close()


def test_a_new_scan_leaves_nothing_of_the_customer_before(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    """The panel keeps its frames a moment for the next customer (issue 31), never their
    contents: the total owed, the registrations, the bills of the one before go at once."""
    (account_id, code), = codes_owing(app, 1)
    open_code(qtbot, window, code)
    owed = format_vnd(unpaid_total(app, account_id))
    assert owed in window.panel.unpaid_total.text()
    window.search.clear()
    qtbot.keyClicks(window.search, "PE09999999999")  # no such customer
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    panel = window.panel
    assert panel.detail is None
    shown = [w.text() for w in panel.findChildren(QLabel) if w.isVisible()]
    assert not [t for t in shown if owed in t or code in t], shown
    assert panel.bills_model.rowCount() == 0 and panel.payments_model.rowCount() == 0
    # and the frames go once no customer came
    qtbot.waitUntil(lambda: not panel.bills_box.isVisible(), timeout=5000)
