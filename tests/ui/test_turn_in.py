"""The head cashier's hand-over window (Ctrl+H), from the keyboard, against the real central."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from central.models import Deposit
from central.models import TurnIn as CentralTurnIn
from central.service import Central
from db.demo import DEMO_PASSWORD
from desktop.app import App
from desktop.money.amounts import format_vnd
from desktop.money.turnins import TurnInDifference
from desktop.printing.emulator import PrinterEmulator
from desktop.staff.permissions import ApprovalAction
from tests.integration.test_turn_ins import closed_shift
from tests.staff import sign_in
from ui.office.turn_in_dialog import TurnInDialog
from ui.shell.tasks import Tasks


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


def test_the_head_cashier_deposits_the_short_turn_in_prints_the_slip_and_records_the_ref(
        qtbot: QtBot, synced_counter: App, central: Central, tmp_path: Path) -> None:
    app = synced_counter
    key, counts, counted = closed_shift(app)
    head = sign_in(app, "thuquy")
    short = {**counts, 1_000: counts[1_000] - 2}
    with pytest.raises(TurnInDifference):
        app.turn_ins.accept(head, key, short)
    approval = app.auth.approve(head, ApprovalAction.TURN_IN_DIFFERENCE, key, "giamsat",
                                DEMO_PASSWORD, "Thiếu 2 tờ")
    app.turn_ins.accept(head, key, short, reason="Thiếu 2 tờ", approval_id=approval)
    app.auth.sign_out(head)
    runner = Tasks(app)
    with PrinterEmulator(tmp_path / "paper") as printer:
        app.device.set_printer(sign_in(app, "quantri"), f"tcp://127.0.0.1:{printer.port}", 80)
        dialog = TurnInDialog(app, runner)
        qtbot.addWidget(dialog)
        dialog.show()
        _sign_in_as(qtbot, dialog, "thuquy")
        qtbot.waitUntil(lambda: dialog.to_deposit.isEnabled(), timeout=5000)
        qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        page = dialog.deposit
        qtbot.waitUntil(lambda: page.items.count() == 1, timeout=5000)
        assert "Ngoại tuyến" in page.source.text()  # the link is not started: its own only
        assert page.total.text().endswith(format_vnd(counted - 2_000))
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "Ghi tên ngân hàng" in page.bank_error.text(), timeout=5000)
        assert page.made is None  # no bank named: no slip
        page.bank.insert("Vietcombank CN Tân Bình")
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: page.made is not None and page.waiting.count() == 1,
                        timeout=5000)
        assert page.made is not None and page.made.total == counted - 2_000
        assert page.items.count() == 0  # deposited: not offered again
        assert len(printer.wait_for_jobs(1)) == 1  # the slip, printed as it was made
        page.save_pdf(str(tmp_path / "slip.pdf"))
        qtbot.waitUntil(lambda: "slip.pdf" in page.message.text(), timeout=5000)
        text = PdfReader(tmp_path / "slip.pdf").pages[0].extract_text()
        assert page.made.slip_no in text and "Thủ quỹ" in text
        page.reference.insert("FT26336")
        qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "FT26336" in page.message.text(), timeout=5000)
        assert page.waiting.count() == 0
        dialog.close()
        runner.wait()
    app.link.sync_once()
    app.link.sync_once()
    today = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()
    position = central.cash_position("PE1400", today)
    assert (position["turned_in"], position["deposited"], position["deposited_confirmed"],
            position["in_hand"]) == ((counted - 2_000,) * 3 + (0,))
    with central.sessions() as s:
        assert s.scalar(select(Deposit.bank_ref)) == "FT26336"
