"""Ctrl+R: a service request from the open customer, its slip, and the panel's progress list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Account, OutboxOp, ServiceRequest
from desktop.app import App
from desktop.printing.emulator import PrinterEmulator
from tests.staff import pretend_enrolled, sign_in
from ui.counter.main_window import MainWindow


def test_ctrl_r_takes_a_request_prints_its_slip_and_lists_it(
        qtbot: QtBot, app: App, window: MainWindow, tmp_path: Path) -> None:
    pretend_enrolled(app, 2)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    with PrinterEmulator(tmp_path / "paper", width=384) as printer:
        app.device.set_printer(sign_in(app, "quantri"), f"tcp://127.0.0.1:{printer.port}", 58)
        window.open_account(account.id)
        qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=5000)
        assert window.panel.requests_model.rowCount() == 0
        qtbot.keyClick(window.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        dialog = window.request_dialog
        assert dialog is not None
        assert dialog.name.text() == account.name and dialog.address.text() == account.address
        # a new supply is reachable with a customer open (another place of theirs)
        assert dialog.kind.findData("new_supply") != -1
        assert dialog.kind.currentData() == "meter_inspection"
        qtbot.keyClicks(dialog.phone, "12345")
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
        # said once, red beside the phone (issue 29, c08: a second black copy stood under
        # the form)
        qtbot.waitUntil(lambda: "Số điện thoại" in dialog.errors["phone"].text(), timeout=5000)
        assert dialog.message.text() == "" and dialog.phone.hasFocus()
        dialog.phone.clear()
        qtbot.keyClicks(dialog.phone, "0909123456")
        qtbot.keyClicks(dialog.preferred, "31/02/2027")
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
        assert "ngày/tháng/năm" in dialog.errors["preferred_on"].text()
        assert dialog.message.text() == "" and dialog.preferred.hasFocus()
        dialog.preferred.clear()
        part = dialog.kind_forms["meter_inspection"]
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: part.errors["reason"].text() != "", timeout=5000)
        assert part.inputs["reason"].hasFocus() and dialog.phone.text() == "0909123456"
        assert dialog.message.text() == ""  # "Chọn lý do." once, beside the reason
        qtbot.keyClick(part.inputs["reason"], Qt.Key.Key_Down)  # the first reason
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Thiếu giấy tờ" in part.errors["papers"].text(), timeout=5000)
        assert part.paper_boxes["application"].hasFocus()
        qtbot.keyClick(part.paper_boxes["application"], Qt.Key.Key_Space)
        with qtbot.waitSignal(dialog.submitted, timeout=5000) as taken:
            qtbot.keyClick(dialog.phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        ref = taken.args[0].ref
        assert ref == "PE1400D002-YC000001"
        qtbot.waitUntil(lambda: "và in phiếu" in dialog.message.text(), timeout=10000)
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)  # a second Enter: still one request
        assert len(printer.wait_for_jobs(1)) == 1
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(ServiceRequest)) == 1
        assert s.scalar(select(func.count()).select_from(OutboxOp)
                        .where(OutboxOp.kind == "service_request")) == 1
    qtbot.waitUntil(lambda: window.panel.requests_model.rowCount() == 1, timeout=5000)
    model = window.panel.requests_model
    assert [model.data(model.index(0, c)) for c in (0, 1, 3)] == [
        ref, "Kiểm tra, kiểm định công tơ", "Chờ gửi về trung tâm"]
    dialog.reject()
