"""The results' address column: a walk found the district cut from its end. The address
is cut in its middle where the column is too narrow, so that its end (the ward, the old
district) stays in view, and the whole address is in the cell's tooltip; at 1366 px and at
Windows' 150 % (911 px)."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from ui.counter.main_window import MainWindow
from ui.main import load_stylesheet

WIDTHS = {"100": 1366, "150": 911}


def _longest_street(demo_store: Path) -> str:
    """The street of the demo's longest address (several accounts live on it)."""
    con = sqlite3.connect(demo_store)
    try:
        (address,) = con.execute(
            "SELECT address FROM accounts ORDER BY length(address) DESC LIMIT 1").fetchone()
    finally:
        con.close()
    return str(address).split(",")[0].split(" ", 1)[1]  # "239/13 Nguyễn Thị Minh Khai"


def drawn_text(view: QTableView, index: QModelIndex) -> str:
    """The words the cell shows: its text cut as its delegate cuts it, to its width."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    delegate = view.itemDelegateForIndex(index)
    delegate.initStyleOption(option, index)  # type: ignore[attr-defined]
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    width = view.columnWidth(index.column()) - 2 * margin
    return view.fontMetrics().elidedText(option.text, option.textElideMode, width)


@pytest.mark.parametrize("scale", list(WIDTHS))
def test_the_address_keeps_its_district_in_view(
        qtbot: QtBot, window: MainWindow, demo_store: Path, scale: str) -> None:
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    window.resize(WIDTHS[scale], 600)
    qtbot.waitUntil(lambda: window.width() == WIDTHS[scale], timeout=3000)
    street = _longest_street(demo_store)
    # typed as a cashier types it, without the accents (the search needs none)
    plain = unicodedata.normalize("NFD", street.replace("Đ", "D").replace("đ", "d"))
    qtbot.keyClicks(window.search, "".join(c for c in plain if c.isascii()))
    model, view = window.results_model, window.results
    qtbot.waitUntil(lambda: model.rowCount() > 1 and street in str(
        model.data(model.index(0, window.ADDRESS_COLUMN))), timeout=5000)
    QApplication.processEvents()
    cut = 0
    for row in range(model.rowCount()):
        index = model.index(row, window.ADDRESS_COLUMN)
        whole = str(model.data(index))
        shown = drawn_text(view, index)
        # the end of the address (its old district) is on screen, and at 100 % its house
        # number too
        assert shown.endswith(" · " + whole.rsplit(" · ", 1)[-1]), (shown, whole)
        if scale == "100":
            assert shown.startswith(whole.split(" ", 1)[0] + " "), (shown, whole)
        assert model.data(index, Qt.ItemDataRole.ToolTipRole) == whole
        cut += shown != whole
    assert cut  # the case the walk found: the column is narrower than some addresses
