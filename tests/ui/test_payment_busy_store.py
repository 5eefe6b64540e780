"""A payment Entered while another program holds the store's write lock (issue 31, bad
input): the dialog says what it waits for and that the change is not to be given yet; the
payment is written once the lock is let go, once, and the change shows then. Decided by
events: the lock is let go when the screen says it waits."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import db.engine
from desktop.app import App
from desktop.money.payments import tender_for_exact
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import pretend_enrolled
from tests.ui.test_payment_flow import open_account, pay
from ui.counter.main_window import MainWindow


def test_a_payment_waiting_for_another_programs_write_says_so_then_is_written_once(
        qtbot: QtBot, app: App, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    # (the lock is let go by the test, never by SQLite's own give-up on a slow machine)
    monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_MS", 120_000)
    pretend_enrolled(app, 4)
    app.shifts.open(window.actor, 0)
    window.shifts.refresh()
    qtbot.waitUntil(lambda: window.shift is not None, timeout=5000)
    con = sqlite3.connect(app.store_path, isolation_level=None)
    (code,) = con.execute("SELECT code FROM accounts WHERE id = ?",
                          (accounts_with_unpaid_bills(app)[0],)).fetchone()
    open_account(qtbot, window, code)
    dialog = pay(qtbot, window)
    qtbot.keyClicks(dialog.tendered, str(tender_for_exact(dialog.total,
                                                          app.payments.drawer_unit)))
    con.execute("BEGIN IMMEDIATE")  # another program's long write
    try:
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Đang chờ ghi" in dialog.message.text(), timeout=20_000)
        assert "chưa thối tiền" in dialog.message.text()
        assert not dialog.change.text().startswith("TIỀN THỐI")
        assert con.execute("SELECT count(*) FROM payments").fetchone()[0] == 0
    finally:
        with qtbot.waitSignal(dialog.payment_committed, timeout=30_000):
            con.execute("ROLLBACK")
    assert dialog.change.text().startswith("TIỀN THỐI")
    assert dialog.message.text().startswith("Đã thu")
    assert con.execute("SELECT count(*) FROM payments").fetchone()[0] == 1
    con.close()
    dialog.reject()
