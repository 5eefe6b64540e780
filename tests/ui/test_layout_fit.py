"""The counter window at Windows' 150 % on a 1366×768 screen: Qt then lays the window out
in 911×512 logical pixels (QT_SCALE_FACTOR scales every size alike), so the same window
at that size in the test shows what the cashier would see. Nothing may be cut: the status
bar on one line (a part that gives way says itself whole in its tooltip), the key caps,
the bills table's headers. The key bar shows the keys that work now."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QLabel, QTableView
from pytestqt.qtbot import QtBot

from ui.counter.main_window import MainWindow
from ui.main import load_stylesheet

#: 1366×768 at 150 %, less a task bar and the title bar
AT_150 = (911, 470)


def _one_owing(demo_store: Path) -> str:
    con = sqlite3.connect(demo_store)
    try:
        row = con.execute("SELECT a.code FROM accounts a JOIN bills b ON b.account_id = a.id "
                          "WHERE b.status = 'unpaid' ORDER BY a.id LIMIT 1").fetchone()
    finally:
        con.close()
    return str(row[0])


def _open(qtbot: QtBot, window: MainWindow, code: str) -> None:
    window.search.clear()
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClicks(window.search, code)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)


def _label_fits(label: QLabel) -> bool:
    if label.isHidden() or not label.text():
        return True
    if label.wordWrap():
        return label.height() >= label.heightForWidth(label.width())
    return label.width() >= label.sizeHint().width() - 1


def test_counter_window_fits_150_percent_with_nothing_cut(
        qtbot: QtBot, window: MainWindow, demo_store: Path) -> None:
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    _open(qtbot, window, _one_owing(demo_store))
    # "Đã in 3 phiếu" made the status bar overflow once (Found 8)
    window.printer_status.setText("Đã in 3 phiếu")
    window.resize(*AT_150)
    qtbot.waitUntil(lambda: window.width() <= AT_150[0] + 1, timeout=3000)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= AT_150[0]
    # the status bar is one line: a part that gives way is cut with "…" and whole in its
    # tooltip (the store's name first), who works and the shift never
    parts = window.status.parts
    cut = [lab.objectName() or lab.text() for lab in window.status.findChildren(QLabel)
           if lab not in parts and not _label_fits(lab)]
    assert cut == []
    for part in parts:
        assert not part.is_cut() or part.toolTip() == part.text(), part.objectName()
    assert not window.staff_status.is_cut() and not window.shift_status.is_cut()
    assert window.status.height() < 2 * window.staff_status.fontMetrics().lineSpacing()
    for cap in window.key_bar.findChildren(QLabel):
        if cap.isHidden():
            continue
        assert _label_fits(cap), cap.text()
        assert window.key_bar.rect().contains(cap.geometry()), cap.text()
    # the bills' headers are whole (their columns are at least as wide as the word)
    for table in window.panel.findChildren(QTableView):
        header = table.horizontalHeader()
        if header.isHidden() or table.model() is None:
            continue
        for col in range(header.count()):
            if header.isSectionHidden(col) or \
                    header.sectionResizeMode(col) == QHeaderView.ResizeMode.Stretch:
                continue
            text = str(table.model().headerData(col, header.orientation()))
            wanted = header.fontMetrics().horizontalAdvance(text)
            assert header.sectionSize(col) >= wanted, text


def _one_paid_up(demo_store: Path) -> str:
    con = sqlite3.connect(demo_store)
    try:
        row = con.execute("SELECT a.code FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM "
                          "bills b WHERE b.account_id = a.id AND b.status = 'unpaid') "
                          "ORDER BY a.id LIMIT 1").fetchone()
    finally:
        con.close()
    return str(row[0])


def _with_shift(qtbot: QtBot, window: MainWindow) -> None:
    window.app.shifts.open(window.actor, 0)
    qtbot.waitUntil(lambda: window.shift is not None, timeout=5000)


def test_key_bar_shows_the_customers_keys_only_with_a_customer(
        qtbot: QtBot, window: MainWindow, demo_store: Path) -> None:
    _with_shift(qtbot, window)
    shown = window.key_bar.visible_keys()
    assert "F2" in shown and "F10" in shown
    assert "F9" not in shown and "Ctrl+R" not in shown
    _open(qtbot, window, _one_owing(demo_store))
    assert "F9" in window.key_bar.visible_keys()
    window.close_account()
    assert "F9" not in window.key_bar.visible_keys()
    window.lock_screen()
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    assert window.key_bar.isHidden()  # locked: no keys at all


def test_f9_is_on_the_bar_only_when_it_would_take_money(
        qtbot: QtBot, window: MainWindow, demo_store: Path) -> None:
    """The bar agrees with F9: where F9 refuses (no shift, a customer who owes nothing),
    the bar does not offer it (a walk found "F9 thu tiền" beside a paid-up account)."""
    _open(qtbot, window, _one_owing(demo_store))
    assert window.shift is None
    assert "F9" not in window.key_bar.visible_keys()  # no shift yet
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    assert "Chưa mở ca" in window.banner.text() and window.payment is None
    _with_shift(qtbot, window)
    assert "F9" in window.key_bar.visible_keys()  # a shift and a customer who owes
    paid_up = _one_paid_up(demo_store)
    _open(qtbot, window, paid_up)
    assert "F9" not in window.key_bar.visible_keys()
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    assert window.banner.text() == f"Khách hàng {paid_up} không còn nợ." \
        and window.payment is None
    # what F9 would do with the list's row chosen: that customer, who owes
    _open(qtbot, window, _one_owing(demo_store))
    assert "F9" in window.key_bar.visible_keys()
    window.results.setFocus()
    qtbot.waitUntil(lambda: window.results.hasFocus(), timeout=3000)
    assert "F9" in window.key_bar.visible_keys()
    window.close_account()
    assert window.finder.highlighted() is not None  # F9 opens that row and takes its money
    assert "F9" in window.key_bar.visible_keys()
    window.search.setFocus()
    qtbot.waitUntil(lambda: window.search.hasFocus(), timeout=3000)
    assert "F9" not in window.key_bar.visible_keys()  # no customer, no row chosen


def test_every_window_offers_the_sign_out_while_it_works(
        qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+L signs out of every window: its bar says so (it said it nowhere at the
    counter), and hides with the rest at the lock."""
    assert "Ctrl+Shift+L" in window.key_bar.visible_keys()
    assert "Ctrl+Shift+L đăng xuất" in window.key_bar.text()
    window.lock_screen()
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    assert window.key_bar.isHidden()


def test_an_overdue_account_says_so_in_words_beside_its_name(
        qtbot: QtBot, window: MainWindow, demo_store: Path) -> None:
    _open(qtbot, window, _one_owing(demo_store))
    detail = window.panel.detail
    assert detail is not None
    badge = window.panel.badge
    if any(b.overdue for b in detail.unpaid_bills):
        assert badge.text() == "QUÁ HẠN" and badge.property("badge") == "overdue"
    assert badge.isHidden() or badge.text()  # never a colour without its word
    window.close_account()
    assert badge.isHidden()


def test_results_slim_once_an_account_is_open(
        qtbot: QtBot, window: MainWindow, demo_store: Path) -> None:
    window.resize(1093, 560)  # 1366×768 at 125 %
    _open(qtbot, window, _one_owing(demo_store))
    QApplication.processEvents()
    results, panel = window.split.sizes()
    assert panel > results  # the account gets the room
    assert window.results.isColumnHidden(window.ADDRESS_COLUMN)
    # what is owed is whole in view, never scrolled off or cut (the name gives way)
    header = window.results.horizontalHeader()
    owed = 3
    assert header.sectionViewportPosition(owed) + header.sectionSize(owed) \
        <= window.results.viewport().width()
    window.close_account()
    results, panel = window.split.sizes()
    assert results > panel and not window.results.isColumnHidden(window.ADDRESS_COLUMN)


def test_the_settings_key_is_offered_to_the_administrator_only(
        qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+S opens settings for an administrator and only says so to anyone else:
    the bar does not offer it to the cashier, and offers it once the administrator works
    at the same window."""
    from desktop.app import App
    from tests.staff import sign_in

    assert "Ctrl+Shift+S" not in window.key_bar.visible_keys()  # the cashier
    app: App = window.app
    window.actor = sign_in(app, "quantri")
    window.actor_changed()
    assert "Ctrl+Shift+S" in window.key_bar.visible_keys()
    window.runner.wait(5000)
