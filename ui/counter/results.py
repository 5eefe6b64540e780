"""The counter's results list: one row per account found, what it owes on the right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from desktop.dto import AccountHit
from desktop.labels import ACCOUNT_STATUS
from desktop.money.amounts import format_vnd
from ui.widgets.table_model import ItemRows, Rows, RowsModel, cell_margin, elide_addresses

CITY_SUFFIX = ", TP. Hồ Chí Minh"


def headers() -> list[str]:
    return [QCoreApplication.translate("MainWindow", "Mã KH"),
            # short, as "Mã KH" is: the column gives way to the address on a narrow screen,
            # and the header's word is never cut there (large text: "Tên khách hàng" ran
            # into the address's column)
            QCoreApplication.translate("MainWindow", "Tên KH"),
            QCoreApplication.translate("MainWindow", "Địa chỉ"),
            QCoreApplication.translate("MainWindow", "Còn nợ")]


def state_word(h: AccountHit) -> str:
    """What a row says after the name of an account that is not supplied: " (Cắt điện do
    nợ)"; "" for an active one."""
    return "" if h.status == "active" else f" ({ACCOUNT_STATUS.get(h.status, h.status)})"


def hit_row(h: AccountHit) -> tuple[str, ...]:
    name = h.name + state_word(h)
    address = h.address.removesuffix(CITY_SUFFIX)
    if h.old_district:
        address += " · " + QCoreApplication.translate("MainWindow", "{0} cũ").format(h.old_district)
    if h.matched_by == "phone" and h.phone:
        address += " · " + QCoreApplication.translate("MainWindow", "ĐT {0}").format(h.phone)
    elif h.matched_by == "meter":
        address += " · " + QCoreApplication.translate("MainWindow", "công tơ {0}").format(h.meter)
    return (h.code, name, address, format_vnd(h.unpaid_total) if h.unpaid_total else "")


def show_hits(model: Rows, hits: tuple[AccountHit, ...]) -> None:
    """The rows, a closed or suspended account's in red."""
    model.set_rows([hit_row(h) for h in hits], hits, [h.status != "active" for h in hits])


class NameWithState(QStyledItemDelegate):
    """The name's column: an account that is not supplied keeps its state's word whole and
    its name gives way ("Nguyễn Xuân… (Cắt điện do nợ)"): the red of the row is never the
    only sign (the walk found "Nguyễn Xuân Lâm (C…"); the whole in the cell's tooltip."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        o: Any = option
        width = o.rect.width()
        model = index.model()
        if width <= 0 or not isinstance(model, RowsModel | ItemRows):  # asked for its size, not drawn
            return
        hit = model.item(index.row())
        word = state_word(hit) if isinstance(hit, AccountHit) else ""
        if not word:
            return
        margin = cell_margin(o.widget)
        metrics: QFontMetrics = o.fontMetrics
        room = width - 2 * margin - metrics.horizontalAdvance(word)
        name = metrics.elidedText(hit.name, Qt.TextElideMode.ElideRight, max(room, 0))
        # a column too narrow even for the word: the word first, the name after it
        o.text = name + word if room > metrics.horizontalAdvance("N…") else word.strip() + \
            " " + hit.name


#: the results' columns: the name and the address share what the code and the amount leave
CODE, NAME, ADDRESS, OWED = 0, 1, 2, 3
#: at most this share of that room is the name's while the address shows
NAME_SHARE = 0.35


class ResultsView(QTableView):
    """The results: while the address shows, the name is as wide as its longest (at most
    ``NAME_SHARE`` of the room the code and the amount leave) and the address takes the
    rest, its end (the ward, the old district) kept in view (``elide_addresses``); once an
    account is open (``slim``) the address hides and the name takes the room."""

    def __init__(self, model: ItemRows) -> None:
        super().__init__()
        self.slim = False
        self._fitting = False
        #: the name's delegate, set for a result that needs it (fit_columns)
        self._name_delegate = NameWithState(self)
        self.setModel(model)
        self._rows = model
        model.modelReset.connect(self.fit_columns)
        # the code's and the amount's columns follow their contents: the name follows them
        self.horizontalHeader().sectionResized.connect(self._resized)

    def fit_columns(self) -> None:
        """The code's and the amount's columns as wide as their widest cell, that cell
        alone measured: Qt's fitting to contents asked every row's every role through the
        model, thousands of calls into Python at each result (issue 31: the results came
        late on a loaded machine). An amount is never cut."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        # the name's delegate (Python, at each painted cell) only for a result that has an
        # account not supplied: the others are painted by Qt's own
        rows = self._rows
        needed = any(isinstance(hit, AccountHit) and state_word(hit)
                     for hit in (rows.item(r) for r in range(rows.rowCount())))
        wanted = self._name_delegate if needed else None
        if self.itemDelegateForColumn(NAME) is not wanted:
            self.setItemDelegateForColumn(NAME, wanted)  # type: ignore[arg-type]
        self._fitting = True  # the name is fitted once, after both
        try:
            self._fit_code_and_amount(header, metrics)
        finally:
            self._fitting = False
        self.fit_name()

    def _fit_code_and_amount(self, header: QHeaderView, metrics: QFontMetrics) -> None:
        for column in (CODE, OWED):
            texts = self._rows.texts(column)
            width = header.sectionSizeHint(column)
            if texts:
                widest = max(range(len(texts)),
                             key=lambda r: metrics.horizontalAdvance(texts[r]))
                index = self._rows.index(widest, column)
                option = QStyleOptionViewItem()
                self.initViewItemOption(option)
                # (the grid's line too, as Qt's own fitting counts it)
                width = max(width, self.itemDelegateForIndex(index).sizeHint(
                    option, index).width() + (1 if self.showGrid() else 0))
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if column not in (NAME, ADDRESS) and not self._fitting:
            self.fit_name()

    def set_slim(self, slim: bool) -> None:
        self.slim = slim
        self.setColumnHidden(ADDRESS, slim)
        self.horizontalHeader().setSectionResizeMode(
            NAME, QHeaderView.ResizeMode.Stretch if slim else QHeaderView.ResizeMode.Interactive)
        self.fit_name()

    def fit_name(self) -> None:
        model = self.model()
        if self.slim or model is None:
            return
        header = self.horizontalHeader()
        rest = self.viewport().width() - sum(
            header.sectionSize(c) for c in range(header.count()) if c not in (NAME, ADDRESS))
        metrics = self.fontMetrics()
        longest = max([metrics.horizontalAdvance(text) for text in self._rows.texts(NAME)]
                      + [header_width(header, NAME)])
        # never narrower than its header (bold, padded by the sheet)
        header.resizeSection(NAME, max(80, header_width(header, NAME),
                                       min(longest + 24, int(rest * NAME_SHARE))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_name()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.LanguageChange):
            self.fit_columns()  # larger text, another sheet or the headers' words


def header_width(header: QHeaderView, column: int) -> int:
    """What a column's header needs: its word in the sheet's bold, with the sheet's padding
    (ui/theme.py: ``QHeaderView::section``) and a little air."""
    font = QFont(header.font())
    font.setBold(True)
    model = header.model()
    text = str(model.headerData(column, Qt.Orientation.Horizontal)) if model is not None else ""
    return QFontMetrics(font).horizontalAdvance(text) + 2 * 6 + 4


def results_view(model: ItemRows) -> ResultsView:
    view = ResultsView(model)
    view.setObjectName("results")
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    # the code's and the amount's widths are set to their widest cell (fit_columns)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)
    # long company names must not squeeze the address, which tells people apart
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(NAME, 190)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    # the address ends with the ward and the old district that tell two streets apart:
    # the street gives way, never its end (the whole in the tooltip)
    elide_addresses(view, ADDRESS)
    view.fit_columns()
    return view
