"""The counter's results list: one row per account found, what it owes on the right."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.dto import AccountHit
from desktop.labels import ACCOUNT_STATUS
from desktop.money.amounts import format_vnd
from ui.widgets.table_model import RowsModel

CITY_SUFFIX = ", TP. Hồ Chí Minh"


def headers() -> list[str]:
    return [QCoreApplication.translate("MainWindow", "Mã KH"),
            QCoreApplication.translate("MainWindow", "Tên khách hàng"),
            QCoreApplication.translate("MainWindow", "Địa chỉ"),
            QCoreApplication.translate("MainWindow", "Còn nợ")]


def hit_row(h: AccountHit) -> tuple[str, ...]:
    name = h.name if h.status == "active" else f"{h.name} ({ACCOUNT_STATUS.get(h.status, h.status)})"
    address = h.address.removesuffix(CITY_SUFFIX)
    if h.old_district:
        address += " · " + QCoreApplication.translate("MainWindow", "{0} cũ").format(h.old_district)
    if h.matched_by == "phone" and h.phone:
        address += " · " + QCoreApplication.translate("MainWindow", "ĐT {0}").format(h.phone)
    elif h.matched_by == "meter":
        address += " · " + QCoreApplication.translate("MainWindow", "công tơ {0}").format(h.meter)
    return (h.code, name, address, format_vnd(h.unpaid_total) if h.unpaid_total else "")


def show_hits(model: RowsModel, hits: tuple[AccountHit, ...]) -> None:
    """The rows, a closed or suspended account's in red."""
    model.set_rows([hit_row(h) for h in hits], hits, [h.status != "active" for h in hits])


def results_view(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setObjectName("results")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    # long company names must not squeeze the address, which tells people apart
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(1, 190)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view
