"""F8: the day's receipts, and a void approved by a supervisor inside the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.demo import DEMO_PASSWORD
from db.models import Bill, LocalPayment, OutboxOp
from desktop.app import App
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import pretend_enrolled
from ui.counter.main_window import MainWindow


def test_a_void_from_the_days_receipts_needs_a_supervisor(qtbot: QtBot, app: App,
                                                          window: MainWindow) -> None:
    pretend_enrolled(app, 2)
    app.shifts.open(window.actor, 200_000)
    first, second = (app.payments.take_cash(window.actor, a)
                     for a in accounts_with_unpaid_bills(app)[:2])
    qtbot.keyClick(window.search, Qt.Key.Key_F8)
    dialog = window.receipts
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    assert dialog.model.data(dialog.model.index(0, 0)) == second.receipt_no  # newest first
    assert "2 phiếu đã thu" in dialog.summary.text()
    # Enter shows the receipt as it prints (80 mm: 576 dots)
    with qtbot.waitSignal(dialog.previewed, timeout=5000) as shown:
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert shown.args[0] == 576 and not dialog.preview.pixmap().isNull()
    dialog.view.selectRow(1)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    # (asked once the core says this receipt can be voided: its shift is open)
    qtbot.waitUntil(lambda: dialog.approval is not None and dialog.approval.isVisible(),
                    timeout=5000)
    approval = dialog.approval
    assert approval is not None and first.receipt_no in approval.findChild(
        type(dialog.summary)).text()
    approval.reason.setCurrentText("Thu sai số tiền")
    qtbot.keyClicks(approval.username, "thungan")  # a cashier cannot approve
    qtbot.keyClicks(approval.password, DEMO_PASSWORD)
    approval.submit()
    qtbot.waitUntil(lambda: approval.ok.isEnabled(), timeout=5000)
    # red, under the password, the keyboard there (issue 29, s16: plain black text)
    assert approval.error.text() == "Người phê duyệt phải là giám sát."
    assert approval.error.isVisible() and approval.error.property("role") == "error"
    assert approval.message.text() == "" and approval.focusWidget() is approval.password
    approval.username.clear()
    qtbot.keyClicks(approval.username, "giamsat")
    qtbot.keyClicks(approval.password, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.voided, timeout=5000):
        qtbot.keyClick(approval.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "1 phiếu đã hủy" in dialog.summary.text(), timeout=5000)
    texts = [dialog.model.data(dialog.model.index(r, 7)) for r in range(2)]
    assert texts == ["Đã thu", "ĐÃ HỦY"]
    assert dialog.model.data(dialog.model.index(1, 7), Qt.ItemDataRole.ToolTipRole) == (
        "Lý do hủy: Thu sai số tiền")
    # the voided receipt stays selected after the list reloads (not the top row), and the
    # right-hand panel shows it
    assert dialog.view.currentIndex().row() == 1
    # Del no longer offered on it (a copy still is); the next receipt can be voided
    qtbot.waitUntil(lambda: "Ctrl+P" in window.key_bar.visible_keys(), timeout=3000)
    assert "Del" not in window.key_bar.visible_keys()
    assert not dialog.void_button.isEnabled() and dialog.reprint_button.isEnabled()
    dialog.view.selectRow(0)
    assert "Del" in window.key_bar.visible_keys() and dialog.void_button.isEnabled()
    dialog.view.selectRow(1)
    qtbot.waitUntil(lambda: not dialog.preview.pixmap().isNull(), timeout=5000)
    with app.sessions() as s:
        assert set(s.scalars(select(Bill.status).where(Bill.bill_no.in_(first.bill_nos)))) == {
            "unpaid"}
        assert s.scalar(select(OutboxOp.data).where(OutboxOp.kind == "void")).count(
            first.key) == 1
    # the day's list, exported as the accountant will open it
    csv_path, xlsx_path = app.data_dir / "ke.csv", app.data_dir / "ke.xlsx"
    for path in (csv_path, xlsx_path):
        with qtbot.waitSignal(dialog.exported, timeout=5000):
            dialog.export(path)
    import csv

    from openpyxl import load_workbook

    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0][:4] == ["Số phiếu", "Thời gian", "Mã khách hàng", "Tên khách hàng"]
    assert [r[0] for r in table[1:]] == [second.receipt_no, first.receipt_no]
    assert table[2][7:] == ["Đã hủy", "Thu sai số tiền"] and table[1][4] == str(second.amount)
    sheet = load_workbook(xlsx_path).active
    assert sheet["A2"].value == second.receipt_no and sheet["E2"].value == second.amount
    assert sheet["D5"].value == "1 phiếu" and sheet["E5"].value == second.amount
    dialog.close()


@pytest.mark.parametrize("username", ["thungan", "giamsat"])
def test_a_receipt_of_a_closed_shift_is_refused_before_any_password(
        qtbot: QtBot, app: App, username: str) -> None:
    """Del on a receipt of a closed shift says at once that it cannot be voided: no
    supervisor types a password first only to read it afterwards (a walk found that). The
    core still refuses the void itself."""
    from desktop.errors import ValidationError
    from tests.integration.test_turn_ins import closed_shift
    from tests.staff import sign_in

    pretend_enrolled(app, 2)
    closed_shift(app, payments=1)  # the cashier's shift, closed
    window = MainWindow(app, actor=sign_in(app, username))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_F8)
    dialog = window.receipts
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    receipt = dialog.model.item(0)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: dialog.refusal.isVisible(), timeout=5000)
    assert dialog.refusal.text() == (
        f"Phiếu thu {receipt.receipt_no} thuộc ca đã đóng: chỉ hủy được phiếu trong ca đang "
        "mở (báo trung tâm để xử lý).")
    assert dialog.approval is None  # no password asked
    window.runner.wait(5000)
    assert dialog.approval is None and dialog.model.item(0).status != "voided"
    with pytest.raises(ValidationError, match="thuộc ca đã đóng"):
        app.payments.void(window.actor, receipt.key, "Thu sai số tiền", None)
    dialog.close()
    window.close()
    window.runner.wait(5000)


def test_a_printer_fault_after_confirm_keeps_the_payment_and_ctrl_p_prints_it(
        qtbot: QtBot, app: App, window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.printing.emulator import Faults, PrinterEmulator
    from tests.staff import sign_in

    pretend_enrolled(app, 2)
    with PrinterEmulator(tmp_path / "paper", faults=Faults(paper_out=True)) as printer:
        app.device.set_printer(sign_in(app, "quantri"), f"tcp://127.0.0.1:{printer.port}", 58)
        app.shifts.open(window.actor, 0)
        taken = app.payments.take_cash(window.actor, accounts_with_unpaid_bills(app)[0])
        with qtbot.waitSignal(window.printed, timeout=10000):
            window.print_now()  # what the payment window triggers after confirm
        assert window.printer_status.text().startswith("Máy in lỗi: Máy in hết giấy")
        assert "Ctrl+P" in window.printer_status.text()
        with app.sessions() as s:
            assert s.get(LocalPayment, taken.key).status == "taken"  # the money stands
        printer.faults.paper_out = False
        qtbot.keyClick(window.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        # the printer thread's own retry may answer first, with the fault it met before
        # the paper came back: the Ctrl+P attempt follows it
        qtbot.waitUntil(lambda: window.printer_status.text() == "Đã in 1 phiếu", timeout=10000)
        assert window.printer_status.text() == "Đã in 1 phiếu"
        # a copy from the day's list
        qtbot.keyClick(window.search, Qt.Key.Key_F8)
        dialog = window.receipts
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
        with qtbot.waitSignal(window.printed, timeout=10000):
            qtbot.keyClick(dialog.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: len(printer.jobs) == 2, timeout=10000)
        dialog.close()


def test_the_printer_page_saves_for_an_administrator_prints_a_test_and_reads_the_status(
        qtbot: QtBot, app: App, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.printing.emulator import PrinterEmulator
    from tests.staff import sign_in
    from ui.setup.printer_dialog import PrinterDialog
    from ui.shell.tasks import Tasks

    pretend_enrolled(app, 2)
    runner = Tasks(app)
    with PrinterEmulator(tmp_path / "paper") as printer:
        cashier = PrinterDialog(app, runner, sign_in(app))
        qtbot.addWidget(cashier)
        qtbot.keyClicks(cashier.uri, f"tcp://127.0.0.1:{printer.port}")
        cashier.save()
        qtbot.waitUntil(lambda: "không được" in cashier.message.text(), timeout=5000)
        assert app.device.printer() == (None, 80)
        admin = PrinterDialog(app, runner, sign_in(app, "quantri"))
        qtbot.addWidget(admin)
        qtbot.keyClicks(admin.uri, f"tcp://127.0.0.1:{printer.port}")
        admin.paper.setCurrentText("58")
        with qtbot.waitSignal(admin.saved, timeout=5000):
            admin.save()
        assert app.device.printer() == (f"tcp://127.0.0.1:{printer.port}", 58)
        with qtbot.waitSignal(admin.answered, timeout=10000) as answer:
            admin.check()
        assert answer.args[0] == "Máy in sẵn sàng."
        with qtbot.waitSignal(admin.answered, timeout=10000) as answer:
            admin.test_print()
        assert answer.args[0] == "Đã gửi phiếu in thử."
        qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=10000)
        printer.faults.paper_out = True
        with qtbot.waitSignal(admin.answered, timeout=10000) as answer:
            admin.check()
        assert answer.args[0] == "Máy in hết giấy."
    runner.wait()


def test_a_long_day_shows_its_newest_receipts_first_then_the_whole_list(
        qtbot: QtBot, app: App, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.counter import receipts_dialog

    monkeypatch.setattr(receipts_dialog, "FIRST_PAGE", 2)  # a busy day, in small
    pretend_enrolled(app, 2)
    app.shifts.open(window.actor, 200_000)
    taken = [app.payments.take_cash(window.actor, a)
             for a in accounts_with_unpaid_bills(app)[:3]]
    pages: list[int] = []
    qtbot.keyClick(window.search, Qt.Key.Key_F8)
    dialog = window.receipts
    assert dialog is not None
    dialog.model.modelReset.connect(lambda: pages.append(dialog.model.rowCount()))
    with qtbot.waitSignal(dialog.loaded, timeout=5000) as loaded:
        pass
    assert loaded.args == [3] and pages == [2, 3]  # the newest two painted first
    assert [dialog.model.data(dialog.model.index(r, 0)) for r in range(3)] == [
        t.receipt_no for t in reversed(taken)]
    assert "3 phiếu đã thu" in dialog.summary.text()  # the whole day, not the first page
    assert dialog.view.currentIndex().row() == 0


def test_an_empty_days_list_offers_neither_a_copy_nor_a_void(qtbot: QtBot, app: App,
                                                            window: MainWindow) -> None:
    """Nothing taken yet: Ctrl+P and Del would act on nothing, so the bar does not offer
    them (found by a walk in a real window, issue 31); the first payment brings them."""
    pretend_enrolled(app, 2)
    app.shifts.open(window.actor, 200_000)
    qtbot.keyClick(window.search, Qt.Key.Key_F8)
    dialog = window.receipts
    assert dialog is not None
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    qtbot.waitUntil(lambda: "Esc" in window.key_bar.visible_keys(), timeout=3000)
    shown = window.key_bar.visible_keys()
    assert "Ctrl+P" not in shown and "Del" not in shown, shown
    assert {"Ctrl+E", "Esc"} <= set(shown)
    assert not dialog.void_button.isEnabled() and not dialog.reprint_button.isEnabled()
    dialog.close()
    app.payments.take_cash(window.actor, accounts_with_unpaid_bills(app)[0])
    window.back_to_work()
    window.activateWindow()  # (what the platform does as the dialog closes)
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle(),
                    timeout=3000)
    qtbot.keyClick(window.search, Qt.Key.Key_F8)
    dialog = window.receipts
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: "Del" in window.key_bar.visible_keys(), timeout=3000)
    assert "Ctrl+P" in window.key_bar.visible_keys()
    dialog.close()
