"""Every screen refreshes from the core's events, and nothing uncaught is silent."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop.app import App
from desktop.printing.emulator import PrinterEmulator
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import on_shift, pretend_enrolled, sign_in
from ui.counter.main_window import MainWindow
from ui.plumbing.crash import CrashReporter


def test_a_payment_taken_elsewhere_refreshes_the_list_the_panel_and_the_print_line(
        qtbot: QtBot, app: App, window: MainWindow, tmp_path: Path) -> None:
    """A payment this window did not take (another process, a scripted cashier, the core
    directly): the results list, the open account and "Đã in N phiếu" change at once."""
    pretend_enrolled(app, 4)
    account_id = accounts_with_unpaid_bills(app)[0]
    con = sqlite3.connect(app.store_path)
    code = con.execute("SELECT code FROM accounts WHERE id = ?", (account_id,)).fetchone()[0]
    con.close()
    with PrinterEmulator(tmp_path / "paper") as printer:
        app.device.set_printer(sign_in(app, "quantri"), f"tcp://127.0.0.1:{printer.port}", 80)
        qtbot.keyClicks(window.search, code)
        with qtbot.waitSignal(window.account_opened, timeout=5000):
            qtbot.keyClick(window.search, "\r")
        assert window.panel.detail is not None and window.panel.detail.unpaid_bills
        owed_cell = window.results_model.data(window.results_model.index(0, 3))
        assert owed_cell  # the list shows what is owed
        with qtbot.waitSignal(window.account_opened, timeout=10000):
            app.payments.take_cash(on_shift(app), account_id)  # not through this window
        assert not window.panel.detail.unpaid_bills
        qtbot.waitUntil(lambda: window.results_model.data(
            window.results_model.index(0, 3)) == "", timeout=5000)
        qtbot.waitUntil(lambda: window.printer_status.text() == "Đã in 1 phiếu", timeout=15000)
        assert len(printer.wait_for_jobs(1)) == 1


def test_an_uncaught_exception_is_logged_and_shown_and_the_form_stays(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    reporter = CrashReporter().install()
    form = QLineEdit()
    qtbot.addWidget(form)
    form.setText("1.250.000")
    form.show()
    try:
        with caplog.at_level(logging.CRITICAL, logger="ui.plumbing.crash"):
            # one from a worker thread (the sync loop, the printer…)
            worker = threading.Thread(target=lambda: 1 / 0, name="printer")
            worker.start()
            worker.join(10)
            qtbot.waitUntil(lambda: len(reporter.shown) == 1, timeout=5000)
            # one from a slot on the GUI thread

            def broken() -> None:
                raise KeyError("bill")

            QTimer.singleShot(0, broken)
            qtbot.waitUntil(lambda: len(reporter.shown) == 2, timeout=5000)
        assert "ZeroDivisionError" in reporter.shown[0] and "KeyError" in reporter.shown[1]
        assert "đã được lưu" in reporter.shown[0]
        assert reporter.box is not None and reporter.box.isVisible()
        assert reporter.box.objectName() == "crashBox"
        assert "Traceback" in caplog.text and "thread printer" in caplog.text
        assert form.isVisible() and form.text() == "1.250.000"  # what was typed stays
        reporter.box.close()
    finally:
        reporter.uninstall()


def test_the_gui_thread_guard_catches_a_store_read_from_ui_code(
        app: App, gui_thread_guard: list[str]) -> None:
    """The guard itself can fail: a store query made by ui/ code on the GUI thread is seen
    (code compiled as if it lived in ui/), while the test's own queries are not."""
    from tests.ui.conftest import UI

    app.lookup.search("nguyen")  # the test's own call: not the GUI's
    assert gui_thread_guard == []
    code = compile("app.lookup.search('nguyen')", UI + "pretend_view.py", "exec")
    exec(code, {"app": app})  # a stand-in for a widget that reads the store
    assert gui_thread_guard and gui_thread_guard[0].startswith("store query from pretend_view.py")
    gui_thread_guard.clear()


def test_an_open_payment_dialog_hears_of_a_payment_taken_elsewhere(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 12)
    cashier = on_shift(app)
    window.refresh_shift()
    qtbot.waitUntil(lambda: window.shift is not None, timeout=5000)
    account_id = accounts_with_unpaid_bills(app)[0]
    con = sqlite3.connect(app.store_path)
    code = con.execute("SELECT code FROM accounts WHERE id = ?", (account_id,)).fetchone()[0]
    con.close()
    qtbot.keyClicks(window.search, code)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.search, "\r")
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    dialog = window.payment
    assert dialog is not None and dialog.confirm.isEnabled()
    taken = app.payments.take_cash(cashier, account_id)  # another process, another window
    qtbot.waitUntil(lambda: "vừa được thu nơi khác" in dialog.message.text(), timeout=5000)
    assert taken.receipt_no in dialog.message.text()
    assert not dialog.confirm.isEnabled() and not dialog.tendered.isEnabled()
    dialog.reject()
