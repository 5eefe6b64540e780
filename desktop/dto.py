"""Frozen data objects the core hands out: never a live ORM object or Session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.contract import QR_OPEN
from desktop.money.fees import FeeLine


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
    #: True when these are the best matches only, found at once, and the rest of the page
    #: comes from the same query without ``quick`` (LookupService.search)
    partial: bool = False


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
class UsageMonth:
    """One billing period on the consumption chart (derived from the account's bills)."""

    period_end: dt.date
    kwh: int
    #: đồng with VAT; None when no tariff table prices that month (older business tables)
    amount: int | None


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
    #: the last 24 months' bills as the chart shows them, oldest first
    usage: tuple[UsageMonth, ...] = ()
    #: price decisions that took effect inside that window: (date, "QĐ 1279")
    price_changes: tuple[tuple[dt.date, str], ...] = ()
    #: a registered usage alert's monthly threshold in kWh, drawn as a line (None: none);
    #: one set in đồng or per cent is converted as the months allow (see ``alert_label``)
    alert_kwh: int | None = None
    #: what the line says (the registration as typed, and how it became kWh)
    alert_label: str | None = None
    #: the fee a payment clearing the debt now takes besides the bills (the reconnection
    #: fee where the unit's rules have the counter collect it); None: none
    fee_due: FeeLine | None = None


# -- money ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MethodTotal:
    method: str
    count: int
    amount: int


@dataclass(frozen=True, slots=True)
class ZReport:
    """The shift report (báo cáo ca): what the drawer should and does hold."""

    key: str
    staff: str
    opened_at: dt.datetime
    closed_at: dt.datetime
    opening_float: int
    by_method: tuple[MethodTotal, ...]
    voided_count: int
    voided_amount: int
    drops: int
    expected_cash: int
    counted_cash: int
    over_short: int
    over_short_reason: str | None
    counts: Mapping[int, int]
    #: the first count's total when an approved recount replaced it (both are reported)
    first_counted: int | None = None


@dataclass(frozen=True, slots=True)
class LiveCheck:
    """Before cash changes hands: what central says of the bills the cache calls unpaid."""

    online: bool
    #: bill numbers central knows as paid while the cache says unpaid
    paid_elsewhere: tuple[str, ...]
    #: sentences for the cashier
    message: str

    @property
    def ok_to_take(self) -> bool:
        return not self.paid_elsewhere


@dataclass(frozen=True, slots=True)
class QrView:
    """A VietQR session as a screen shows it (desktop/money/qr_session.py).

    ``state`` is a :class:`desktop.contract.QrState`; ``payload`` is the string inside the
    QR (empty until central has answered); ``receipt_no`` is set once the payment is
    written."""

    key: str
    state: str
    account_id: int
    amount: int
    bills: tuple[str, ...]
    reference: str | None = None
    payload: str = ""
    expires_at: dt.datetime | None = None
    bank_ref: str | None = None
    payment_key: str | None = None
    receipt_no: str | None = None
    #: the cashier closed the dialog: central is asked to withdraw the intent
    withdrawn: bool = False
    #: why central would not make it, or what went wrong the last time it was asked
    note: str | None = None

    @property
    def open(self) -> bool:
        return self.state in QR_OPEN


# -- the link, as screens see it ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    central_url: str | None
    unit_code: str | None
    online: bool | None
    last_sync_at: dt.datetime | None
    last_error: str | None
    cursor: int
    #: business operations waiting (payments, voids…)
    pending: int
    rejected: int
    open_issues: int
    #: audit journal lines waiting (they travel the same way, counted apart)
    journal_pending: int = 0
    #: unreadable operations set aside for a supervisor (never sent, never deleted)
    quarantined: int = 0


@dataclass(frozen=True, slots=True)
class IssueView:
    """A sync issue (rejected operation, credit alert, quarantined row) for the list."""

    id: int
    op_key: str
    kind: str
    reason: str
    message: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SetupState:
    """Where the first run stands (the wizard resumes at the first page not done)."""

    enrolled: bool
    done: bool
    unit_code: str = ""
    unit_name: str = ""
    device_code: str = ""
    point_address: str = ""
    point_phone: str = ""
    printer_uri: str | None = None
    paper: int = 80
    central_url: str = ""
    ca_bundle: str | None = None
