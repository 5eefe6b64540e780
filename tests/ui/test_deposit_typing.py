"""The head cashier's deposit typed as a person types it (tester's walk, issue 29): a refusal
puts the sentence beside the bank's field and the focus there, so the name typed next is
kept whole and no space reaches the list of turn-ins, where it would untick one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from db.demo import DEMO_PASSWORD
from desktop.app import App
from desktop.money.turnins import TurnInDifference
from desktop.staff.permissions import ApprovalAction
from tests.integration.test_turn_ins import closed_shift
from tests.staff import pretend_enrolled, sign_in
from ui.main import open_window
from ui.office.office_window import OfficeWindow
from ui.shell.tasks import Tasks


def type_as_a_person(qtbot: QtBot, window: QWidget, text: str) -> None:
    """Each key to whatever has the focus at that moment."""
    for ch in text:
        qtbot.keyClicks(QApplication.focusWidget() or window, ch)


def test_a_deposit_refused_for_its_bank_keeps_the_name_typed_and_the_turn_in_ticked(
        qtbot: QtBot, app: App) -> None:
    pretend_enrolled(app, 11)
    key, counts, _counted = closed_shift(app)
    head = sign_in(app, "thuquy")
    short = {**counts, 1_000: counts[1_000] - 1}
    with pytest.raises(TurnInDifference):
        app.turn_ins.accept(head, key, short)
    approval = app.auth.approve(head, ApprovalAction.TURN_IN_DIFFERENCE, key, "giamsat",
                                DEMO_PASSWORD, "Thiếu 1 tờ")
    app.turn_ins.accept(head, key, short, reason="Thiếu 1 tờ", approval_id=approval)
    runner = Tasks(app)
    w = open_window(app, runner, head, online=False)
    assert isinstance(w, OfficeWindow)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    page = w.panel.deposit
    qtbot.waitUntil(lambda: w.panel.to_deposit.isEnabled(), timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.items.count() == 1, timeout=5000)
    # the tester's focus: the list of turn-ins, as the page once left it
    page.items.setFocus()
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.bank_error.isVisibleTo(page), timeout=5000)
    assert "Ghi tên ngân hàng" in page.bank_error.text()
    assert page.bank_error.property("role") == "error"  # red, beside the field
    assert QApplication.focusWidget() is page.bank
    type_as_a_person(qtbot, w, "Vietcombank CN Tan Binh")
    assert page.bank.text() == "Vietcombank CN Tan Binh"
    assert page.items.item(0).checkState() == Qt.CheckState.Checked
    assert page.made is None
    # letters typed into the list go to the bank's field, not to a tick
    page.bank.clear()
    page.items.setFocus()
    type_as_a_person(qtbot, w, "BIDV CN 1")
    assert page.bank.text() == "BIDV CN 1"
    assert page.items.item(0).checkState() == Qt.CheckState.Checked
    w.close()
    runner.wait(5000)
