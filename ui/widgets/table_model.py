"""A read-only table model over a short list of rows (a page, never a table)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.theme import LIGHT

_Index = QModelIndex | QPersistentModelIndex
_ALERT = QBrush(QColor(LIGHT.danger))  # the theme's, on the table's surface (checked 4.5:1)


class RowsModel(QAbstractTableModel):
    """Rows of display strings plus, per row, the object they stand for."""

    def __init__(self, headers: Sequence[str], right_aligned: Sequence[int] = ()) -> None:
        super().__init__()
        self._headers = list(headers)
        self._right = set(right_aligned)
        self._rows: list[tuple[str, ...]] = []
        self._items: list[Any] = []
        self._alert: list[bool] = []
        self._tips: dict[int, str] = {}

    def set_rows(
        self, rows: Sequence[tuple[str, ...]], items: Sequence[Any], alert: Sequence[bool] = ()
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._items = list(items)
        self._alert = list(alert) or [False] * len(self._rows)
        self._tips = {}
        self.endResetModel()

    def set_headers(self, headers: Sequence[str]) -> None:
        """New column titles (the language changed); the rows stay."""
        self._headers = list(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def set_tooltip(self, row: int, text: str) -> None:
        """A row's own tooltip (e.g. a void's reason), instead of its cells' text."""
        self._tips[row] = text

    def item(self, row: int) -> Any:
        return self._items[row]

    def texts(self, column: int) -> list[str]:
        """A column's words, read without a call through the view per cell."""
        return [row[column] for row in self._rows]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.row() in self._tips:
            return self._tips[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._alert[index.row()]:
            return _ALERT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


class ItemRows(QStandardItemModel):
    """:class:`RowsModel`'s rows held in Qt's own item model. A view asks each cell it
    paints eight questions (text, font, colours, alignment, tooltip…); asked of a Python
    model each is a call into Python, and on a machine whose other threads hold the
    interpreter every one of them waited for it: the search results, painted at each
    typing pause, came late (issue 31). Here the view's questions are answered in C++;
    Python sets the rows once per result. For short lists (a page of results): each cell
    is an object made at ``set_rows``, where RowsModel's thousands of rows cost nothing."""

    def __init__(self, headers: Sequence[str], right_aligned: Sequence[int] = ()) -> None:
        super().__init__(0, len(headers))
        self._right = set(right_aligned)
        self._rows: list[tuple[str, ...]] = []
        self._items: list[Any] = []
        self.set_headers(headers)

    def set_rows(
        self, rows: Sequence[tuple[str, ...]], items: Sequence[Any], alert: Sequence[bool] = ()
    ) -> None:
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        red = list(alert) or [False] * len(rows)
        self.beginResetModel()
        # one reset for the views, not a signal per cell set
        was_blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            self.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    cell = QStandardItem(text)
                    cell.setToolTip(text)
                    if c in self._right:
                        cell.setTextAlignment(right)
                    if red[r]:
                        cell.setForeground(_ALERT)
                    self.setItem(r, c, cell)
        finally:
            self.blockSignals(was_blocked)
        self._rows, self._items = list(rows), list(items)
        self.endResetModel()

    def set_headers(self, headers: Sequence[str]) -> None:
        """New column titles (the language changed); the rows stay."""
        self.setHorizontalHeaderLabels(list(headers))

    def set_tooltip(self, row: int, text: str) -> None:
        """A row's own tooltip, instead of its cells' text."""
        for column in range(self.columnCount()):
            self.setData(self.index(row, column), text, Qt.ItemDataRole.ToolTipRole)

    def item(self, row: int) -> Any:  # type: ignore[override]
        """The object a row stands for (not Qt's cell: the rows' API is RowsModel's)."""
        return self._items[row]

    def texts(self, column: int) -> list[str]:
        """A column's words, read without a call through the view per cell."""
        return [row[column] for row in self._rows]


#: either model of rows (the views and the delegates take both)
Rows = RowsModel | ItemRows


def table_view(model: Rows, name: str, *, stretch: int = -1,
               fit_to_rows: bool = False) -> QTableView:
    """A read-only, row-selecting view; column ``stretch`` (default: last) takes the rest."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch % model.columnCount(), QHeaderView.ResizeMode.Stretch)
    if fit_to_rows:
        # a short list inside a scrolling panel: as tall as its rows, no scroll bars
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setSizeAdjustPolicy(QTableView.SizeAdjustPolicy.AdjustToContents)
    return view


class AddressElided(QStyledItemDelegate):
    """An address column: its words matter at both ends (the house number; the ward and
    the old district at its end, which tell two streets apart). Where the cell is too
    narrow the street gives way ("239/13 Nguyễn…, phường Cầu Ông Lãnh · Quận 1 cũ"), then
    the ward ("239/13 Nguyễn Thị… · Quận 1 cũ"), then the house number's end ("239/… ·
    Quận 1 cũ"); the whole address is in the cell's tooltip (``RowsModel``)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        o: Any = option
        o.textElideMode = Qt.TextElideMode.ElideMiddle
        width = o.rect.width()
        if width <= 0:  # asked for its size, not drawn
            return
        o.text = elide_address(o.text, o.fontMetrics, width - 2 * cell_margin(o.widget))


def cell_margin(widget: QWidget | None) -> int:
    """The room a cell's text leaves on each side (as the style draws it): what a cell
    cut to its width must leave."""
    style = widget.style() if widget is not None else None
    return (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
            if style is not None else 3)


def elide_address(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` within ``width`` pixels, its end kept whole: the ward and what follows it
    where the house number and the street's first word fit before them, else the last part
    (the old district, or the phone or meter that matched) after the house number, else
    that last part after as much of the start as fits; the middle goes only when not even
    the last part fits."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    tries: list[tuple[str, str]] = []  # (the end kept whole, the least start before it)
    if ", " in text:
        tries.append((text[text.index(", "):], " ".join(words[:2]) + " …"))
    if " · " in text:
        last = text[text.rindex(" · "):]
        tries += [(last, words[0] + " …"), (last, words[0][:3] + "…")]
    for end, start in tries:
        room = width - metrics.horizontalAdvance(end)
        if room >= metrics.horizontalAdvance(start):
            head = text[:len(text) - len(end)]
            return metrics.elidedText(head, Qt.TextElideMode.ElideRight, room) + end
    return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)


def elide_addresses(view: QTableView, column: int) -> None:
    """``column`` holds addresses: cut as ``AddressElided`` cuts them."""
    view.setItemDelegateForColumn(column, AddressElided(view))
