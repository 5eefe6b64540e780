"""The head cashier's hand-over window (Ctrl+H), from the keyboard, against the real central."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from central.models import TurnIn as CentralTurnIn
from central.service import Central
from db.demo import DEMO_PASSWORD
from desktop.app import App
from tests.integration.test_turn_ins import closed_shift
from ui.tasks import Tasks
from ui.turn_in_dialog import TurnInDialog


def _sign_in_as(qtbot: QtBot, dialog: TurnInDialog, username: str) -> None:
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_a_cashier_cannot_take_over_and_the_head_cashier_counts_blind(
        qtbot: QtBot, synced_counter: App, central: Central) -> None:
    app = synced_counter
    key, counts, counted = closed_shift(app)
    runner = Tasks(app)
    refused = TurnInDialog(app, runner)
    qtbot.addWidget(refused)
    refused.show()
    _sign_in_as(qtbot, refused, "thungan2")
    qtbot.waitUntil(lambda: "không được" in refused.message.text(), timeout=5000)
    assert refused.pages.currentIndex() == 0 and refused.head is None
    refused.close()

    dialog = TurnInDialog(app, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    _sign_in_as(qtbot, dialog, "thuquy")
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    assert dialog.shifts.count() == 1
    assert "Nguyễn Thị Thu Ngân" in dialog.shifts.item(0).text()
    assert str(counted) not in dialog.shifts.item(0).text().replace(".", "")  # blind
    short = {**counts, 1_000: counts[1_000] - 2}
    for denomination, n in short.items():
        dialog.counts[denomination].setValue(n)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "thiếu 2.000 đ" in dialog.message.text(), timeout=5000)
    assert not dialog.counts[1_000].isEnabled()  # the first count is final
    dialog.reason.insert("Thiếu 2 tờ 1.000 đ")  # Vietnamese comes through the input method
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.approval is not None and dialog.approval.isVisible(),
                    timeout=5000)
    approval = dialog.approval
    assert approval is not None
    qtbot.keyClicks(approval.username, "giamsat")
    qtbot.keyClicks(approval.password, DEMO_PASSWORD)
    qtbot.keyClick(approval.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.done_views), timeout=5000)
    assert dialog.done_views[0].difference == -2_000 and dialog.shifts.count() == 0
    dialog.close()
    runner.wait()
    app.link.sync_once()
    with central.sessions() as s:
        [there] = s.scalars(select(CentralTurnIn)).all()
    assert (there.shift_key, there.counted, there.head_cashier) == (key, counted - 2_000,
                                                                    "thuquy")
