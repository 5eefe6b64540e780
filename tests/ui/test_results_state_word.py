"""The results list says a cut-off account's state in words, not by red only: the walk
found "Nguyễn Xuân Lâm (C…" once an account was open; the word stays whole and the name
gives way. And the name's header is never cut or run into the next column (large text:
"Tên khách hàng" overlapped the address's; the header is "Tên KH" now, as "Mã KH")."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.labels import ACCOUNT_STATUS
from tests.ui.test_address_column import drawn_text
from ui import theme
from ui.counter.main_window import MainWindow
from ui.counter.results import NAME


@pytest.fixture(params=[False, True], ids=["normal", "large"])
def look(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[bool]:
    theme.apply_to(qapp, large_text=request.param)
    yield request.param
    theme.apply_to(qapp)  # the next test finds the ordinary look


def _cut_off(demo_store: Path) -> tuple[str, str]:
    con = sqlite3.connect(demo_store)
    try:
        code, status = con.execute("SELECT code, status FROM accounts WHERE status != 'active' "
                                   "ORDER BY length(name) DESC LIMIT 1").fetchone()
    finally:
        con.close()
    return str(code), ACCOUNT_STATUS[str(status)]


def test_a_cut_off_rows_state_word_stays_whole(qtbot: QtBot, window: MainWindow,
                                               demo_store: Path, look: bool) -> None:
    code, word = _cut_off(demo_store)
    window.resize(1366, 700)
    qtbot.keyClicks(window.search, code)
    model, view = window.results_model, window.results
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    QApplication.processEvents()
    header = view.horizontalHeader()
    bold = QFont(header.font())
    bold.setBold(True)
    needed = QFontMetrics(bold).horizontalAdvance(str(model.headerData(
        NAME, Qt.Orientation.Horizontal))) + 12
    assert header.sectionSize(NAME) >= needed
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    # the account open: the results are narrow and the name's column is what is left
    QApplication.processEvents()
    index = model.index(0, NAME)
    shown = drawn_text(view, index)
    assert shown.endswith(f"({word})"), shown
    assert model.data(index, Qt.ItemDataRole.ToolTipRole).endswith(f"({word})")
