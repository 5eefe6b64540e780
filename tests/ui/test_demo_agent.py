"""`quaythu demo --agent`: the demo's agent on a device of its own, a whole day from the
keyboard — the shift opened, cash taken, the day's closing sent (issue 29, Build 3)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from db.demo import DEMO_PASSWORD
from desktop.__main__ import DEMO_AGENT_UNIT
from desktop.cli import main
from tests.ui.test_agent_window import look_up, open_shift, pay
from ui.agent.agent_window import AgentWindow
from ui.counter.close_shift_dialog import CloseShiftDialog
from ui.shell.sign_in_dialog import SignInDialog


def _unpaid_code(central_db: Path) -> str:
    con = sqlite3.connect(central_db)
    try:
        [(code,)] = con.execute(
            "SELECT a.code FROM accounts a JOIN bills b ON b.account_id = a.id "
            "WHERE b.status = 'unpaid' GROUP BY a.id HAVING count(*) = 1 "
            "ORDER BY a.id LIMIT 1").fetchall()
    finally:
        con.close()
    return str(code)


def test_the_demo_agent_works_a_whole_day_on_its_own_device(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    days: list[tuple[int, int]] = []
    hints: list[str] = []

    def a_day(self: QApplication) -> int:
        [w] = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, AgentWindow) and w.isVisible()]
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=5000)
        qtbot.waitUntil(lambda: "F10 mở ca" in w.key_bar.text(), timeout=5000)
        look_up(qtbot, w, _unpaid_code(tmp_path / "demo" / "central.db"))
        open_shift(qtbot, w)
        pay(qtbot, w)
        qtbot.waitUntil(lambda: w.day_view is not None and w.day_view.count == 1,
                        timeout=5000)
        qtbot.keyClick(w.code, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        with qtbot.waitSignal(w.closed_day, timeout=10_000) as sent:
            qtbot.keyClick(w.code, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        days.append((sent.args[0].count, sent.args[0].total))
        qtbot.waitUntil(lambda: isinstance(w.shifts.dialog, CloseShiftDialog)
                        and w.shifts.dialog.isVisible(), timeout=5000)
        closing = w.shifts.dialog
        assert isinstance(closing, CloseShiftDialog)
        cash = sent.args[0].total
        for d in sorted(closing.counts, reverse=True):
            closing.counts[d].setValue(cash // d)
            cash %= d
        with qtbot.waitSignal(closing.closed, timeout=10_000):
            qtbot.keyClick(closing, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: w.app.shifts.current(w.actor) is None, timeout=5000)
        w.app.link.sync_once()  # the closing reaches the demo's central
        w.close()
        return 0

    def sign_in_as_agent(self: SignInDialog) -> int:
        self.show()
        intro = self.findChild(QLabel, "signInIntro")
        hints.append(intro.text() if intro is not None else "")
        qtbot.keyClicks(self.username, "daily")
        qtbot.keyClicks(self.password, DEMO_PASSWORD)
        qtbot.keyClick(self.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: self.result() == SignInDialog.DialogCode.Accepted, timeout=10000)
        return self.result()

    monkeypatch.setattr(QApplication, "exec", a_day)
    monkeypatch.setattr(SignInDialog, "exec", sign_in_as_agent)
    assert main(["demo", "--agent", "--accounts", "400", "--data-dir", str(tmp_path)]) == 0
    assert len(days) == 1 and days[0][0] == 1 and days[0][1] > 0
    assert "daily" in hints[0] and "F10" in hints[0]  # the sign-in screen says who and how
    # the agent's device is its own, enrolled to the agent's unit, beside the counter's
    con = sqlite3.connect(tmp_path / "demo" / "agent" / "quaythu.db")
    [(unit,)] = con.execute("SELECT unit_code FROM device").fetchall()
    con.close()
    assert unit == DEMO_AGENT_UNIT
    assert not (tmp_path / "demo" / "quaythu.db").exists()  # the counter's is untouched
    central = sqlite3.connect(tmp_path / "demo" / "central.db")
    [(count, total, status)] = central.execute(
        "SELECT count, total, status FROM agent_closings WHERE unit_code = ?",
        (DEMO_AGENT_UNIT,)).fetchall()
    central.close()
    assert (count, total, status) == (1, days[0][1], "matched")
