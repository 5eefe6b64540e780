"""Frozen data objects the core hands out: never a live ORM object or Session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AccountHit:
    """One row of a lookup result."""

    id: int
    code: str
    name: str
    address: str
    phone: str | None
    meter: str
    status: str
    #: the district before July 2025, which people still say ("Quận Tân Bình")
    old_district: str | None
    unpaid_total: int
    unpaid_count: int
    #: why it matched: code, code_prefix, phone, meter, text
    matched_by: str


@dataclass(frozen=True, slots=True)
class LookupResult:
    query: str
    kind: str
    hits: tuple[AccountHit, ...]
    #: True when more rows matched than the page holds
    truncated: bool


@dataclass(frozen=True, slots=True)
class BillLineView:
    label: str
    kwh: int
    unit_price: int
    amount: int


@dataclass(frozen=True, slots=True)
class BillView:
    id: int
    bill_no: str
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    kwh: int
    subtotal: int
    vat_rate: int
    vat: int
    total: int
    status: str
    paid_at: dt.datetime | None
    overdue: bool
    lines: tuple[BillLineView, ...]


@dataclass(frozen=True, slots=True)
class PaymentView:
    paid_at: dt.datetime
    amount: int
    method: str
    place: str
    receipt_no: str


@dataclass(frozen=True, slots=True)
class OutageView:
    starts_at: dt.datetime
    ends_at: dt.datetime
    area: str
    reason: str


@dataclass(frozen=True, slots=True)
class RequestView:
    """A service request as the counter shows it."""

    key: str
    ref: str
    kind: str
    kind_label: str
    account_code: str | None
    customer_name: str
    created_at: dt.datetime
    status: str
    status_label: str
    status_note: str | None


@dataclass(frozen=True, slots=True)
class AccountDetail:
    """Everything the account panel shows."""

    id: int
    code: str
    name: str
    address: str
    ward: str
    old_ward: str | None
    old_district: str | None
    phone: str | None
    meter: str
    tariff_class: str
    voltage: str
    price_code: str
    households: int
    status: str
    unit_code: str
    unit_name: str
    route_code: str
    next_reading_on: dt.date | None
    unpaid_bills: tuple[BillView, ...]
    unpaid_total: int
    recent_payments: tuple[PaymentView, ...]
    outages: tuple[OutageView, ...]
    data_as_of: dt.datetime | None
    data_source: str
    #: the account's service requests and how far they got, newest first
    requests: tuple[RequestView, ...] = ()
