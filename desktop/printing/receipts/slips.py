"""The shift report (báo cáo ca, Z) and the cash-drop slip as documents."""

from __future__ import annotations

import datetime as dt

from desktop import labels
from desktop.dto import ZReport
from desktop.money.amounts import format_vnd, group_digits
from desktop.printing.documents import Document, Row


def shift_report_document(report: ZReport, unit_name: str, device_code: str) -> Document:
    rows = [Row(f"Thu ngân: {report.staff}"),
            Row(f"Mở ca: {labels.local_datetime(report.opened_at)}"),
            Row(f"Đóng ca: {labels.local_datetime(report.closed_at)}")]
    for i, m in enumerate(report.by_method):
        rows.append(Row(f"{labels.PAYMENT_METHOD.get(m.method, m.method)}: {m.count} phiếu",
                        format_vnd(m.amount), rule=i == 0))
    rows += [
        Row(f"Phiếu hủy: {report.voided_count}", format_vnd(report.voided_amount)),
        Row("Tiền đầu ca", format_vnd(report.opening_float), rule=True),
        Row("Đã nộp giữa ca", format_vnd(report.drops)),
        Row("Tiền mặt phải có", format_vnd(report.expected_cash), bold=True),
        Row("Tiền mặt đếm được", format_vnd(report.counted_cash), bold=True),
        Row("Chênh lệch", ("+" if report.over_short > 0 else "") + format_vnd(report.over_short),
            bold=True),
    ]
    if report.first_counted is not None:
        rows.append(Row("Lần đếm đầu (trước khi đếm lại)", format_vnd(report.first_counted)))
    if report.over_short_reason:
        rows.append(Row(f"Lý do: {report.over_short_reason}"))
    for denomination, count in sorted(report.counts.items(), reverse=True):
        rows.append(Row(f"{group_digits(denomination)} đ × {count}",
                        format_vnd(denomination * count),
                        rule=denomination == max(report.counts)))
    return Document("BÁO CÁO CA THU", (unit_name, f"Quầy {device_code}"), tuple(rows),
                    (f"Mã ca: {report.key}", "Thu ngân ký: ............  Giám sát ký: ............"))


def drop_slip_document(key: str, amount: int, to_whom: str, staff: str, unit_name: str,
                       device_code: str, at: dt.datetime) -> Document:
    return Document(
        "PHIẾU NỘP TIỀN GIỮA CA", (unit_name, f"Quầy {device_code}"),
        (Row(f"Số phiếu: {key[:8].upper()}"), Row(f"Thời gian: {labels.local_datetime(at)}"),
         Row(f"Người nộp: {staff}"), Row(f"Nộp cho: {to_whom}"),
         Row("Số tiền", format_vnd(amount), bold=True, rule=True)),
        ("Người nộp ký: ............  Người nhận ký: ............",))
