"""The results' code and amount columns are as wide as their widest cell, measured once
per result (issue 31: Qt's fitting to contents asked every cell of every row through
Python, and the results came late on a loaded machine): an amount in the billions, a
larger font or the other language never cuts a code or an amount."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from desktop.dto import AccountHit
from ui.counter import results
from ui.counter.main_window import MainWindow
from ui.widgets.table_model import RowsModel


def _hits(window: MainWindow, qtbot: QtBot) -> tuple[AccountHit, ...]:
    with qtbot.waitSignal(window.results_shown, timeout=5000):
        window.search.setText("nguyen")
        window.finder.search_now()
    model = window.finder.model
    return tuple(model.item(r) for r in range(model.rowCount()))


@pytest.mark.parametrize("point_size", [None, 16])
def test_a_code_and_an_amount_in_the_billions_show_whole(qtbot: QtBot, window: MainWindow,
                                                         point_size: int | None) -> None:
    window.resize(1366, 740)
    view = window.finder.results
    if point_size is not None:
        font = QFont(view.font())
        font.setPointSize(point_size)
        view.setFont(font)
    hits = _hits(window, qtbot)
    assert len(hits) > 3
    big = dataclasses.replace(hits[2], unpaid_total=12_345_678_900)
    model: RowsModel = window.finder.model
    results.show_hits(model, (hits[0], hits[1], big, *hits[3:]))
    header = view.horizontalHeader()
    for column in (results.CODE, results.OWED):
        # what Qt's own fitting to every cell would give, and never less
        assert header.sectionSize(column) >= view.sizeHintForColumn(column), column
    assert model.texts(results.OWED)[2] == "12.345.678.900 đ"
    # the column grew for it, and gives the room back when it is gone
    wide = header.sectionSize(results.OWED)
    results.show_hits(model, hits[:2])
    assert header.sectionSize(results.OWED) < wide
    assert header.sectionSize(results.OWED) >= view.sizeHintForColumn(results.OWED)
    results.show_hits(model, ())
    assert header.sectionSize(results.CODE) >= header.sectionSizeHint(results.CODE)
