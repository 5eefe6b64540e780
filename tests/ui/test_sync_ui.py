"""Sync in the real window: status bar, sync now, issues (first run: test_setup_wizard.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from central.service import Central
from db.demo import DEMO_PASSWORD
from desktop.app import App, build_app
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import on_shift, staff_of
from ui.counter.main_window import MainWindow
from ui.shell.sync_issues_dialog import SyncIssuesDialog

UNIT = "PE1400"


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[App]:
    app = build_app(tmp_path / "counter" / "quaythu.db")
    yield app
    app.close()


def test_status_bar_sync_now_and_issues(qtbot: QtBot, fresh: App, central: Central,
                                        url: str) -> None:
    fresh.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    engine = fresh.link.engine
    engine.sync_once()  # the unit's staff come with the first sync
    window = MainWindow(fresh, actor=staff_of(fresh), online=True)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.sync_status.text().startswith("Trực tuyến"),
                        timeout=15000)
        assert "chờ gửi 0" in window.sync_status.text()
        # a payment whose account central has moved to another unit: rejected
        account_id = accounts_with_unpaid_bills(fresh)[0]
        taken = fresh.payments.take_cash(on_shift(fresh), account_id)
        with central.sessions() as s, s.begin():
            from central.models import Account

            s.scalar(select(Account).where(Account.code == taken.account_code)).unit_code = "PE0100"
        with qtbot.waitSignal(window.events.sync_finished, timeout=15000):
            qtbot.keyClick(window.search, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: "cần xử lý 1" in window.sync_status.text(), timeout=5000)
        with qtbot.waitSignal(window.runner.task_finished, timeout=5000):
            dialog = SyncIssuesDialog(fresh, window.runner, window.actor, window)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
        assert dialog.model.data(dialog.model.index(0, 1)) == "Bị từ chối"
        # a cashier cannot acknowledge: a supervisor signs in inside the dialog, for this
        dialog.acknowledge_selected()
        supervisor = dialog.supervisor
        qtbot.keyClicks(supervisor.username, "thungan2")  # another cashier: refused
        qtbot.keyClicks(supervisor.password, DEMO_PASSWORD)
        supervisor.submit()
        qtbot.waitUntil(lambda: supervisor.ok.isEnabled(), timeout=5000)
        assert supervisor.error.text() == "Người đăng nhập phải là giám sát."
        assert fresh.sync.status().open_issues == 1
        supervisor.username.clear()
        qtbot.keyClicks(supervisor.username, "giamsat")
        qtbot.keyClicks(supervisor.password, DEMO_PASSWORD)
        with qtbot.waitSignal(dialog.loaded, timeout=5000):
            qtbot.keyClick(supervisor.password, Qt.Key.Key_Return)
        assert dialog.model.rowCount() == 0
        assert not dialog.empty.isHidden()  # "Không có mục nào cần xử lý."
        assert fresh.sync.status().open_issues == 0
    finally:
        window.close()


def test_after_enrolment_only_the_pages_up_to_the_staff_come_before_sign_in(
        fresh: App, central: Central, url: str) -> None:
    """The sign-in screen waits for the staff, not for the whole unit (the sync thread
    brings the rest with the window open)."""
    fresh.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    engine = fresh.link.engine
    engine.pull_page = 25  # the smallest page: the unit takes many
    assert not fresh.auth.has_staff()
    assert fresh.link.pull_until_staff() is None
    assert fresh.auth.has_staff()
    first = engine.cursor()
    pulled, last = engine.pull_once()
    assert pulled > 0 and last > first  # most of the unit was left for the sync thread
    assert fresh.link.pull_until_staff() is None  # staff known: nothing to wait for
