"""The day's collection list (bảng kê thu) as CSV and as an Excel workbook.

Amounts stay numbers (đồng), times are the counter's local time, and the
Vietnamese text survives: the CSV is UTF-8 with a byte-order mark so that
Excel on Windows opens it right.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from desktop import labels
from desktop.contract import PaymentStatus
from desktop.money.payments import CounterPayment

HEADERS = ("Số phiếu", "Thời gian", "Mã khách hàng", "Tên khách hàng", "Số tiền (đ)",
           "Hình thức", "Thu ngân", "Tình trạng", "Lý do hủy")


def rows(payments: Sequence[CounterPayment]) -> list[tuple[str | int, ...]]:
    return [(p.receipt_no, labels.local_datetime(p.paid_at), p.account_code, p.account_name,
             p.amount, labels.PAYMENT_METHOD.get(p.method, p.method), p.staff,
             "Đã hủy" if p.status == PaymentStatus.VOIDED else "Đã thu", p.void_reason or "")
            for p in payments]


def write_csv(payments: Sequence[CounterPayment], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        out.writerows(rows(payments))


def write_xlsx(payments: Sequence[CounterPayment], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Bảng kê thu"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(payments):
        sheet.append(list(row))
    for row_cells in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        for cell in row_cells:
            cell.number_format = "#,##0"
    taken = [p.amount for p in payments if p.status != PaymentStatus.VOIDED]
    sheet.append([])
    sheet.append(["Tổng đã thu", "", "", f"{len(taken)} phiếu", sum(taken)])
    for width, column in zip((20, 17, 16, 30, 14, 11, 22, 10, 30), "ABCDEFGHI", strict=True):
        sheet.column_dimensions[column].width = width
    book.save(path)
