"""The tools window in the real GUI: calculator, bill check, estimator (pytest-qt)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ui.counter.main_window import MainWindow
from ui.counter.tools_window import MODE_KWH, MODE_READINGS, ToolsWindow


def open_tools(qtbot: QtBot, window: MainWindow) -> ToolsWindow:
    qtbot.keyClick(window.search, Qt.Key.Key_F7)
    assert window.tools is not None
    qtbot.waitExposed(window.tools)
    return window.tools


def set_period(t: ToolsWindow, start: dt.date, end: dt.date) -> None:
    t.date_from.setDate(QDate(start.year, start.month, start.day))
    t.date_to.setDate(QDate(end.year, end.month, end.day))


def test_f7_opens_the_calculator_and_enter_computes_the_domain_example(
    qtbot: QtBot, window: MainWindow
) -> None:
    t = open_tools(qtbot, window)
    set_period(t, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    t.mode.setCurrentIndex(MODE_KWH)
    t.kwh.setFocus()
    t.kwh.selectAll()
    qtbot.keyClicks(t.kwh, "100")
    with qtbot.waitSignal(t.calculated, timeout=3000):
        qtbot.keyClick(t.kwh, Qt.Key.Key_Return)
    assert t.calc_totals.total.text() == "217.836 đ"
    assert t.lines_model.rowCount() == 2
    assert "Hai trăm mười bảy nghìn" in t.calc_totals.words.text()


def test_prefilled_from_the_open_account(
    qtbot: QtBot, window: MainWindow, demo_store: Path
) -> None:
    con = sqlite3.connect(demo_store)
    account_id, code, total = con.execute(
        "SELECT a.id, a.code, b.total FROM accounts a JOIN bills b ON b.account_id = a.id "
        "WHERE a.tariff_class = 'residential' ORDER BY b.period_end DESC, a.id LIMIT 1"
    ).fetchone()
    con.close()
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        window.open_account(account_id)
    t = open_tools(qtbot, window)
    qtbot.waitUntil(lambda: t.bill_result is not None, timeout=5000)
    assert code in t.header.text()
    assert t.mode.currentIndex() == MODE_READINGS
    assert t.bill_result is not None and t.bill_result.total == total
    assert t.bills_model.rowCount() >= 1


def test_bill_check_says_the_cached_bill_agrees(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        window.open_account(42)
    t = open_tools(qtbot, window)
    qtbot.waitUntil(lambda: t.bills_model.rowCount() > 0, timeout=5000)
    qtbot.keyClick(t, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert t.tabs.currentIndex() == 1
    with qtbot.waitSignal(t.checked, timeout=5000) as got:
        qtbot.mouseClick(t.findChild(QPushButton, "checkBill"), Qt.MouseButton.LeftButton)
    assert got.args[0].agrees
    assert "khớp" in t.verdict.text()


def test_a_reading_below_old_asks_and_then_computes_the_rollover(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = open_tools(qtbot, window)
    set_period(t, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    t.mode.setCurrentIndex(MODE_READINGS)
    t.old_reading.setValue(99_950)
    t.new_reading.setValue(30)
    asked: list[str] = []

    def answer_rollover(box: QMessageBox) -> int:
        asked.append(box.text())
        rolled = next(b for b in box.buttons() if b.text() == "Công tơ quay vòng")
        monkeypatch.setattr(QMessageBox, "clickedButton", lambda self: rolled)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer_rollover)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (5, True))
    t.calculate_now()
    assert asked and "quay vòng" in asked[0]
    assert t.bill_result is not None and t.bill_result.kwh == 80


def test_bad_input_is_said_on_screen(qtbot: QtBot, window: MainWindow) -> None:
    t = open_tools(qtbot, window)
    set_period(t, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    t.mode.setCurrentIndex(MODE_KWH)
    t.kwh.setValue(90_000_000)
    t.calculate_now()
    assert "bất thường" in t.error.text()
    assert t.bill_result is None and t.calc_totals.total.text() == ""


def test_a_hospital_on_22_kv_and_a_household_without_voltage_bands(
        qtbot: QtBot, window: MainWindow) -> None:
    t = open_tools(qtbot, window)
    set_period(t, dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    t.tariff_class.setCurrentIndex(t.tariff_class.findData("administrative"))
    assert t.voltage.isEnabled()
    t.voltage.setCurrentIndex(t.voltage.findData("mv22"))
    t.mode.setCurrentIndex(MODE_KWH)
    t.kwh.setValue(100)
    t.calculate_now()
    # 100 × 1 940 ("từ 6 kV trở lên") = 194 000; VAT 8 % 15 520; total 209 520
    assert t.calc_totals.total.text() == "209.520 đ"
    # back to a household: the voltage is "below 6 kV" and not a choice
    t.tariff_class.setCurrentIndex(t.tariff_class.findData("residential"))
    assert not t.voltage.isEnabled() and t.voltage.currentData() == "lv"


def test_estimator_add_what_if_and_remove(qtbot: QtBot, window: MainWindow) -> None:
    t = open_tools(qtbot, window)
    qtbot.keyClick(t, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    for key in ("fridge", "tv"):
        t.appliance.setCurrentIndex(t.appliance.findData(key))
        with qtbot.waitSignal(t.estimated, timeout=3000):
            qtbot.mouseClick(t.findChild(QPushButton, "addAppliance"), Qt.MouseButton.LeftButton)
    assert t.usage_model.rowCount() == 2
    t.remember_baseline()
    t.appliance.setCurrentIndex(t.appliance.findData("ac_15hp_inverter"))
    t.add_usage()
    assert t.what_if.text().startswith("So với phương án gốc: +192 kWh, +")
    t.usage_view.selectRow(2)
    t.remove_usage()
    assert t.what_if.text().startswith("So với phương án gốc: +0 kWh")
    assert "kWh/tháng" in t.estimate_summary.text()


def test_export_pdf_writes_the_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    t = open_tools(qtbot, window)
    set_period(t, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    t.kwh.setValue(150)
    t.calculate_now()
    target = tmp_path / "phieu.pdf"
    with qtbot.waitSignal(t.document_written, timeout=5000) as got:
        t.export_pdf(str(target))
    assert got.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")


def test_escape_closes_and_f7_from_the_tools_window_keeps_it(qtbot: QtBot, window: MainWindow) -> None:
    t = open_tools(qtbot, window)
    qtbot.keyClick(t, Qt.Key.Key_Escape)
    assert not t.isVisible()
    qtbot.keyClick(window.search, Qt.Key.Key_F7)
    assert t.isVisible()
    assert QApplication.activeModalWidget() is None


def test_ctrl_p_prints_on_the_counters_printer_and_says_so_either_way(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from desktop.printing.emulator import PrinterEmulator
    from tests.staff import pretend_enrolled, sign_in

    app = window.app
    pretend_enrolled(app, 11)
    t = open_tools(qtbot, window)
    set_period(t, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    t.kwh.setValue(150)
    t.calculate_now()
    # no printer configured: said, in red, never silent
    # (the button; offscreen Qt leaves the main window active, which owns its own Ctrl+P)
    with qtbot.waitSignal(t.slip_printed, timeout=5000) as failed:
        t.slip_button.click()
    assert failed.args == [False] and "chưa cấu hình máy in" in t.error.text()
    with PrinterEmulator(tmp_path / "paper") as printer:
        app.device.set_printer(sign_in(app, "quantri"), f"tcp://127.0.0.1:{printer.port}", 80)
        with qtbot.waitSignal(t.slip_printed, timeout=10000) as printed:
            t.slip_button.click()
        assert printed.args == [True] and t.status_line.text() == "Đã in phiếu ra máy in của quầy."
        assert len(printer.wait_for_jobs(1)) == 1


def test_the_save_dialog_speaks_vietnamese(qtbot: QtBot, window: MainWindow,
                                          tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    from ui.widgets.common import save_file_name

    seen: dict[str, str] = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        for label, name in ((QFileDialog.DialogLabel.Accept, "accept"),
                            (QFileDialog.DialogLabel.Reject, "reject"),
                            (QFileDialog.DialogLabel.FileName, "name"),
                            (QFileDialog.DialogLabel.LookIn, "look_in")):
            seen[name] = dialog.labelText(label)
        dialog.reject()

    QTimer.singleShot(200, inspect)
    assert save_file_name(window, "Lưu PDF", str(tmp_path / "a.pdf"), "Tệp PDF (*.pdf)") == ""
    assert seen == {"accept": "Lưu", "reject": "Hủy", "name": "Tên tệp:", "look_in": "Thư mục:"}


def test_f7_after_the_account_is_closed_shows_no_customer(
    qtbot: QtBot, window: MainWindow, demo_store: Path
) -> None:
    """Esc closed the account ("Chưa chọn khách hàng"), but F7 still said "Khách hàng:
    PE14…" with that customer's readings (tester's walk, issue 29)."""
    con = sqlite3.connect(demo_store)
    account_id, code = con.execute(
        "SELECT a.id, a.code FROM accounts a JOIN bills b ON b.account_id = a.id "
        "WHERE a.tariff_class = 'residential' ORDER BY b.period_end DESC, a.id LIMIT 1"
    ).fetchone()
    con.close()
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        window.open_account(account_id)
    t = open_tools(qtbot, window)
    qtbot.waitUntil(lambda: t.bill_result is not None, timeout=5000)
    assert code in t.header.text() and t.old_reading.value() > 0
    qtbot.keyClick(t, Qt.Key.Key_Escape)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)  # the account closes
    qtbot.waitUntil(lambda: window.panel.detail is None, timeout=5000)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    t = open_tools(qtbot, window)
    qtbot.waitUntil(t.isVisible, timeout=5000)
    assert code not in t.header.text() and "Khách hàng:" not in t.header.text()
    assert t.old_reading.value() == 0 and t.new_reading.value() == 0
    assert t.bills_model.rowCount() == 0
    assert t.mode.currentIndex() == MODE_KWH
    t.close()


def test_the_rollover_question_leaves_the_readings_in_view(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Centred on the tools window, the question hid the readings' right-aligned digits: the
    fields looked empty behind it (tester's walk, issue 29)."""
    from PySide6.QtCore import QPoint, QRect

    t = open_tools(qtbot, window)
    t.resize(1077, 700)  # as on the 1366×768 counter
    t.mode.setCurrentIndex(MODE_READINGS)
    t.old_reading.setValue(10_505)
    t.new_reading.setFocus()
    qtbot.keyClicks(t.new_reading, "300")
    placed: list[QRect] = []

    def look(box: QMessageBox) -> int:
        box.show()  # placed as exec() places it
        qtbot.waitExposed(box)
        placed.append(box.frameGeometry())
        box.hide()
        monkeypatch.setattr(QMessageBox, "clickedButton", lambda self: None)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", look)
    qtbot.keyClick(t.new_reading, Qt.Key.Key_Return)
    assert placed
    bottom = t.new_reading.mapToGlobal(QPoint(0, t.new_reading.height())).y()
    assert placed[0].top() >= bottom, (placed[0], bottom)  # below the readings
    for field in (t.old_reading, t.new_reading):
        rect = QRect(field.mapToGlobal(QPoint(0, 0)), field.size())
        assert not placed[0].intersects(rect), field.objectName()
    t.close()


def test_the_default_period_ends_on_the_vietnamese_day(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 20:00 UTC it is already the next day in Vietnam: F7's "Đến ngày" says that day,
    whatever the machine's own time zone (the walk found the UTC day on screen)."""
    import types

    from desktop import labels

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Clock:  # type: ignore[override]
            return cls(2030, 1, 1, 20, 0, tzinfo=dt.UTC).astimezone(tz)

    monkeypatch.setattr(labels, "dt", types.SimpleNamespace(datetime=Clock, UTC=dt.UTC))
    t = open_tools(qtbot, window)
    assert t.date_to.date() == QDate(2030, 1, 2)
    assert t.date_from.date() == QDate(2030, 1, 2).addDays(-29)
