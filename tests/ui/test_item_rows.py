"""The results' item model answers a view as RowsModel does (the same words, tooltips,
alignment and red rows) while it holds its cells in C++ (issue 31)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.widgets.table_model import ItemRows, RowsModel

ROWS = [("PE01", "Nguyễn Văn A", "12 Lê Lợi", "120.000 đ"),
        ("PE02", "Trần Thị B (Cắt điện do nợ)", "3 Hai Bà Trưng", "")]
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize("column", range(4))
def test_the_same_cells_as_rows_model(column: int) -> None:
    old, new = RowsModel(["a", "b", "c", "d"], (3,)), ItemRows(["a", "b", "c", "d"], (3,))
    for model in (old, new):
        model.set_rows(ROWS, ["first", "second"], [False, True])
    assert new.rowCount() == 2 and new.columnCount() == 4
    for row in range(2):
        for role in ROLES:
            assert new.index(row, column).data(role) == old.index(row, column).data(role)
        alignment = new.index(row, column).data(Qt.ItemDataRole.TextAlignmentRole)
        assert bool(alignment) == (column == 3)
        if column == 3:
            assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight
        red = new.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
        assert (red is not None) == (row == 1)
        if red is not None:
            assert red.color() == old.index(row, column).data(
                Qt.ItemDataRole.ForegroundRole).color()
    assert new.item(1) == "second" and new.texts(column) == [r[column] for r in ROWS]
    assert new.headerData(column, Qt.Orientation.Horizontal) == "abcd"[column]


def test_new_rows_replace_the_old_in_one_reset() -> None:
    model = ItemRows(["a", "b"])
    resets: list[int] = []
    changes: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    model.dataChanged.connect(lambda *_a: changes.append(1))
    model.rowsInserted.connect(lambda *_a: changes.append(1))
    model.set_rows([("1", "x"), ("2", "y"), ("3", "z")], [1, 2, 3])
    model.set_rows([("4", "w")], [4])
    assert resets == [3, 1] and changes == []
    assert model.index(0, 1).data() == "w" and model.item(0) == 4
    model.set_tooltip(0, "Lý do hủy: khác")
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Lý do hủy: khác"
    model.set_headers(["A", "B"])
    assert model.headerData(1, Qt.Orientation.Horizontal) == "B"
