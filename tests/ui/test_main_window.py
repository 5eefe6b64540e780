"""The real window, driven by keyboard as a cashier would (pytest-qt, offscreen)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from db.text import fold
from desktop.money.amounts import format_vnd
from ui.counter.main_window import MainWindow


@pytest.fixture
def customer(demo_store: Path) -> sqlite3.Row:
    con = sqlite3.connect(demo_store)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(
            "SELECT a.*, (SELECT count(*) FROM bills b WHERE b.account_id = a.id "
            "AND b.status = 'unpaid') AS unpaid, (SELECT coalesce(sum(total), 0) FROM bills b "
            "WHERE b.account_id = a.id AND b.status = 'unpaid') AS owed FROM accounts a "
            "WHERE old_district = 'Quận Gò Vấp' AND tariff_class = 'residential' "
            "AND phone IS NOT NULL ORDER BY unpaid DESC, id LIMIT 1").fetchone()
    finally:
        con.close()


def test_search_box_has_focus_at_start(window: MainWindow) -> None:
    assert QApplication.focusWidget() is window.search


def test_typing_a_name_shows_results_without_diacritics(
    qtbot: QtBot, window: MainWindow, customer: sqlite3.Row
) -> None:
    words = fold(customer["name"]).split()
    qtbot.keyClicks(window.search, f"{words[0]} {words[-1]} go vap")
    qtbot.waitUntil(lambda: window.results_model.rowCount() > 0, timeout=5000)
    names = [window.results_model.data(window.results_model.index(r, 1))
             for r in range(window.results_model.rowCount())]
    assert all(fold(n).startswith(words[0]) for n in names)
    assert "kết quả" in window.result_info.text()


def test_down_then_enter_opens_the_account_panel(
    qtbot: QtBot, window: MainWindow, customer: sqlite3.Row
) -> None:
    qtbot.keyClicks(window.search, customer["phone"])
    qtbot.waitUntil(lambda: window.results_model.rowCount() > 0, timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.results
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.results, Qt.Key.Key_Return)
    panel = window.panel
    assert panel.title.text() == customer["name"]
    assert customer["code"] in panel.subtitle.text()
    assert panel.fields["meter"].text() == customer["meter_serial"]
    # a cashier does not need the whole number: masked (docs/permissions.md)
    phone = customer["phone"]
    assert panel.fields["phone"].text() == f"{phone[:4]}***{phone[-3:]}"
    assert "Quận Gò Vấp" in panel.fields["old_address"].text()
    assert panel.fields["unit"].text().startswith("Điện lực")
    assert panel.bills_model.rowCount() == customer["unpaid"]
    if customer["unpaid"]:
        assert panel.unpaid_total.text().startswith(f"Tổng nợ: {format_vnd(customer['owed'])}")
    assert "dữ liệu demo" in panel.cache_age.text()


def test_a_barcode_scan_opens_the_account_at_once(
    qtbot: QtBot, window: MainWindow, customer: sqlite3.Row
) -> None:
    with qtbot.waitSignal(window.account_opened, timeout=5000) as opened:
        qtbot.keyClicks(window.search, customer["code"])
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert opened.args == [customer["id"]]
    assert window.panel.title.text() == customer["name"]


def test_the_next_scan_replaces_the_code_that_opened_a_customer(
    qtbot: QtBot, window: MainWindow, customer: sqlite3.Row, demo_store: Path
) -> None:
    """Scan, Enter, then the next customer's bill: its code is the query, not appended to
    the last one (which found nobody, a walk found, unless F2 came first)."""
    con = sqlite3.connect(demo_store)
    try:
        (next_id, next_code) = con.execute(
            "SELECT id, code FROM accounts WHERE id != ? ORDER BY id LIMIT 1",
            (customer["id"],)).fetchone()
    finally:
        con.close()
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClicks(window.search, customer["code"])
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.search
    with qtbot.waitSignal(window.account_opened, timeout=5000) as opened:
        qtbot.keyClicks(window.search, next_code)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.search.text() == next_code
    assert opened.args == [next_id]
    # a name typed and searched with Enter keeps its text: Backspace mends a typo
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.keyClicks(window.search, "khong ai ten nay")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.result_info.text() == "Không tìm thấy", timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_Backspace)
    assert window.search.text() == "khong ai ten na"


def test_double_click_opens_the_account(
    qtbot: QtBot, window: MainWindow, customer: sqlite3.Row
) -> None:
    qtbot.keyClicks(window.search, customer["meter_serial"])
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 1, timeout=5000)
    view = window.results
    rect = view.visualRect(window.results_model.index(0, 1))
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        # a real double click: press, release, then the double-click event
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.panel.title.text() == customer["name"]


def test_f2_and_escape_return_to_the_search_box(
    qtbot: QtBot, window: MainWindow, customer: sqlite3.Row
) -> None:
    qtbot.keyClicks(window.search, customer["code"][:6])
    qtbot.waitUntil(lambda: window.results_model.rowCount() > 0, timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.results
    qtbot.keyClick(window.results, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.search
    window.results.setFocus()
    qtbot.keyClick(window.results, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is window.search
    assert window.search.selectedText() == window.search.text()


def test_nothing_found_is_said(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "zzqqxx")
    qtbot.waitUntil(lambda: window.result_info.text() == "Không tìm thấy", timeout=5000)
    assert window.results_model.rowCount() == 0


def test_a_newer_query_supersedes_one_still_running(
    qtbot: QtBot, window: MainWindow, customer: sqlite3.Row
) -> None:
    started, gate = threading.Event(), threading.Event()
    real_search = window.app.lookup.search
    calls: list[str] = []

    def slow_first(query: str, **kw: object):  # type: ignore[no-untyped-def]
        calls.append(query)
        if len(calls) == 1:
            started.set()
            gate.wait(5)  # still running when the second query is typed
        return real_search(query)

    window.app.lookup.search = slow_first  # type: ignore[method-assign]
    try:
        window.search.setText("nguyen")
        window._search_now()
        qtbot.waitUntil(started.is_set, timeout=5000)
        window.search.setText(customer["meter_serial"])
        window._search_now()
        gate.set()
        qtbot.waitUntil(lambda: window.runner.pending() == 0, timeout=5000)
    finally:
        window.app.lookup.search = real_search  # type: ignore[method-assign]
    assert calls == ["nguyen", customer["meter_serial"]]
    # the older answer (50 "nguyen" rows) arrived last-but-one and was dropped
    assert window.results_model.rowCount() == 1
    assert window.results_model.item(0).code == customer["code"]


def test_the_best_matches_come_first_and_the_row_chosen_among_them_stays_chosen(
    qtbot: QtBot, window: MainWindow, customer: sqlite3.Row
) -> None:
    """A name + place whose pairs find accounts shows them at once and the rest below them
    (issue 31); a row chosen meanwhile stays chosen, and the next query starts at its own
    first row, not at the row chosen in the last one (a walk found that)."""
    gate = threading.Event()
    real_search = window.app.lookup.search

    def whole_page_waits(query: str, **kw: object):  # type: ignore[no-untyped-def]
        if not kw.get("quick"):
            gate.wait(10)  # the rest of the page, still on its way
        return real_search(query, **kw)  # type: ignore[arg-type]

    words = fold(customer["name"]).split()
    query = f"{words[0]} {words[-1]} go va"  # the place's last letter still to come
    quick = real_search(query, quick=True)
    assert quick.partial and len(quick.hits) >= 2
    window.app.lookup.search = whole_page_waits  # type: ignore[method-assign]
    try:
        qtbot.keyClicks(window.search, query)
        qtbot.waitUntil(lambda: "đang tìm thêm" in window.result_info.text(), timeout=5000)
        assert [window.results_model.item(r).id for r in range(
            window.results_model.rowCount())] == [h.id for h in quick.hits]
        qtbot.keyClick(window.search, Qt.Key.Key_Down)
        qtbot.keyClick(window.results, Qt.Key.Key_Down)  # the second of the best
        chosen = window.results_model.item(1).id
        gate.set()
        qtbot.waitUntil(lambda: "đang tìm thêm" not in window.result_info.text(),
                        timeout=5000)
        assert window.results_model.rowCount() >= len(quick.hits)
        assert window.result_info.text().endswith("kết quả")
        assert window.results.currentIndex().row() == 1
        assert window.results_model.item(1).id == chosen
        # F2 and the same words again: a new query, from its first row
        gate.clear()
        qtbot.keyClick(window.results, Qt.Key.Key_F2)
        qtbot.keyClicks(window.search, query)
        qtbot.waitUntil(lambda: "đang tìm thêm" in window.result_info.text(), timeout=5000)
        assert window.results.currentIndex().row() == 0
        gate.set()
        qtbot.waitUntil(lambda: window.runner.pending() == 0, timeout=5000)
    finally:
        gate.set()
        window.app.lookup.search = real_search  # type: ignore[method-assign]


def test_a_superseded_query_still_queued_is_not_run(
    qtbot: QtBot, window: MainWindow, customer: sqlite3.Row
) -> None:
    gate = threading.Event()
    real_search = window.app.lookup.search
    calls: list[str] = []

    def record(query: str, **kw: object):  # type: ignore[no-untyped-def]
        calls.append(query)
        return real_search(query)

    window.app.lookup.search = record  # type: ignore[method-assign]
    try:
        # the worker is busy (say, opening an account) while two queries are typed
        window.runner.run(lambda: gate.wait(5), lambda _r: None, lambda _e: None)
        for text in ("ng", "nguyen", customer["meter_serial"]):
            window.search.setText(text)
            window._search_now()
        gate.set()
        qtbot.waitUntil(lambda: window.runner.pending() == 0, timeout=5000)
    finally:
        window.app.lookup.search = real_search  # type: ignore[method-assign]
    assert calls == [customer["meter_serial"]]
    assert window.results_model.item(0).code == customer["code"]


def test_search_never_runs_on_the_gui_thread(
    qtbot: QtBot, window: MainWindow, customer: sqlite3.Row
) -> None:
    threads: list[bool] = []
    real_search = window.app.lookup.search

    def record(query: str, **kw: object):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread() is threading.main_thread())
        return real_search(query)

    window.app.lookup.search = record  # type: ignore[method-assign]
    try:
        qtbot.keyClicks(window.search, customer["code"])
        qtbot.waitUntil(lambda: window.results_model.rowCount() == 1, timeout=5000)
    finally:
        window.app.lookup.search = real_search  # type: ignore[method-assign]
    assert threads and not any(threads)


def test_an_error_in_the_core_is_shown_not_raised(qtbot: QtBot, window: MainWindow) -> None:
    window.open_account(10_000_000)
    # other work of the window may finish first (its shift status): wait for the box
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=5000)
    box = window.findChild(QMessageBox, "errorBox")
    assert box.isVisible()
    assert "Không tìm thấy khách hàng" in box.text()


def test_ctrl_shift_e_writes_the_support_zip_with_personal_data_hidden(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import logging
    import zipfile
    from logging.handlers import RotatingFileHandler

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    from desktop.support import install_file_log

    monkeypatch.setenv("QUAYTHU_LOG_DIR", str(tmp_path / "logs"))
    log = install_file_log()
    assert log is not None
    root = logging.getLogger()
    try:
        logging.getLogger("desktop.counter").warning("khách gọi 0909123456 hỏi hóa đơn")
        target = tmp_path / "hotro.zip"

        def answer() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, QFileDialog)
            name = dialog.findChild(QLineEdit, "fileNameEdit")
            assert isinstance(name, QLineEdit)
            name.setText(str(target))  # typed, as the person would
            dialog.accept()

        QTimer.singleShot(300, answer)
        qtbot.keyClick(window.search, Qt.Key.Key_E,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: "Đã ghi tệp hỗ trợ" in window.banner.text(), timeout=10000)
    finally:
        for handler in list(root.handlers):
            if isinstance(handler, RotatingFileHandler):
                root.removeHandler(handler)
                handler.close()
    with zipfile.ZipFile(target) as bundle:
        names = bundle.namelist()
        text = bundle.read("logs/quaythu.log").decode("utf-8")
        about = json.loads(bundle.read("versions.json"))
    assert window.banner.property("kind") == "done"  # green: nothing went wrong
    assert "0909123456" not in text and "090***456" in text
    assert about["versions"]["quaythu"] and "settings.json" in names
    # support gets the logs, never the store, the operation log or the token
    assert not any(n.endswith((".db", "ops.log", "device.token")) for n in names)
