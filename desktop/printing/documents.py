"""Printable documents as plain data, before any renderer sees them.

A document is a title, rows of (left, right) text and a footer; the PDF
renderer (and, with the printing issue, ESC/POS) lays it out for a 58/80 mm
slip or an A4/A5 page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop import labels
from desktop.money.amounts import format_vnd, group_digits
from desktop.words import amount_in_words

if TYPE_CHECKING:  # the tariff's estimator (tomllib, its tables) loads with an estimate
    from desktop.tariff.billing import BillRequest, BillResult
    from desktop.tariff.estimator import Estimate


@dataclass(frozen=True, slots=True)
class Row:
    left: str
    right: str = ""
    bold: bool = False
    #: a rule above the row
    rule: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    subtitle: tuple[str, ...]
    rows: tuple[Row, ...]
    footer: tuple[str, ...]


def _kwh(n: int) -> str:
    return group_digits(n) + " kWh"


def _bill_rows(result: BillResult) -> list[Row]:
    rows = [Row(f"{line.label}: {_kwh(line.kwh)} × {format_vnd(line.unit_price)}",
                format_vnd(line.amount)) for line in result.lines]
    rows += [
        Row("Cộng tiền điện", format_vnd(result.subtotal), rule=True),
        Row(f"Thuế GTGT {result.vat_rate}%", format_vnd(result.vat)),
        Row("Tổng cộng", format_vnd(result.total), bold=True),
        Row(f"Bằng chữ: {amount_in_words(result.total)}"),
    ]
    return rows


def bill_calculation(
    req: BillRequest, result: BillResult, *, customer: str | None = None,
    printed_at: dt.datetime | None = None,
) -> Document:
    """The calculator's result as a slip: "PHIẾU TÍNH TIỀN ĐIỆN (tham khảo)"."""
    when = printed_at or dt.datetime.now(dt.UTC)
    sub = [f"Kỳ: {labels.local_date(req.period_from)} – {labels.local_date(req.period_to)} "
           f"({result.days} ngày)",
           f"Nhóm giá: {labels.TARIFF_CLASS.get(req.tariff_class, req.tariff_class)}"
           f" – {labels.VOLTAGE.get(req.voltage, req.voltage)}",
           f"Sản lượng: {_kwh(result.kwh)} · Số hộ: {result.households}"]
    if customer:
        sub.insert(0, customer)
    return Document(
        title="PHIẾU ƯỚC TÍNH TIỀN ĐIỆN (THAM KHẢO)" if result.estimate
        else "PHIẾU TÍNH TIỀN ĐIỆN (THAM KHẢO)",
        subtitle=tuple(sub),
        rows=tuple(_bill_rows(result)),
        footer=(*result.notes, f"In lúc {labels.local_datetime(when)}",
                "Phiếu tham khảo, không thay hóa đơn GTGT."),
    )


def consumption_estimate(est: Estimate, *, printed_at: dt.datetime | None = None) -> Document:
    """The estimator's result: appliances, kWh per month, the bill they make."""
    when = printed_at or dt.datetime.now(dt.UTC)
    rows = [Row(f"{u.quantity} × {u.name} ({u.watts} W, {u.hours_per_day:g} giờ/ngày, "
                f"{u.days_per_month} ngày)", f"{float(k):.1f} kWh".replace(".", ","))
            for u, k in zip(est.usages, est.line_kwh, strict=True)]
    rows.append(Row("Điện năng ước tính mỗi tháng", _kwh(est.kwh), bold=True, rule=True))
    rows += _bill_rows(est.bill)
    return Document(
        title="ƯỚC TÍNH ĐIỆN NĂNG TIÊU THỤ",
        subtitle=(f"Sinh hoạt, {est.bill.households} hộ, 30 ngày",),
        rows=tuple(rows),
        footer=(f"In lúc {labels.local_datetime(when)}",
                "Số liệu ước tính theo công suất điển hình; tiền điện thực tế theo công tơ."),
    )
