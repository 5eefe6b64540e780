"""Typed SQLAlchemy 2.0 models of the local store.

Tables replicated from central are read-only at the counter: accounts, bills
and their tier lines, recent payments, outage and meter-reading schedules,
and the sync state. Timestamps are stored as UTC; dates are calendar dates.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: PRAGMA application_id of a QuayThu store: ASCII "QTHU". A file with another
#: non-zero id belongs to some other program and is never touched.
APPLICATION_ID = 0x51544855


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime stored as naive UTC; refuses naive input."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    pass


class Unit(Base):
    """A unit that owns accounts: a district power company (Điện lực), an agent
    or a collector route. Replicated from central."""

    __tablename__ = "units"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="power_company")
    #: an agent's collection limit (hạn mức thu hộ), đồng; None = no limit
    collection_limit: Mapped[int | None] = mapped_column(Integer)
    #: cash the unit has collected and not yet remitted, as central last said
    unremitted: Mapped[int] = mapped_column(Integer, default=0)


class Account(Base):
    """A customer account (khách hàng), replicated from central."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(Text)
    #: Current address: house number, street, ward/commune, city.
    address: Mapped[str] = mapped_column(Text)
    ward_code: Mapped[str] = mapped_column(String(10), index=True)
    ward: Mapped[str] = mapped_column(Text)
    #: The ward and district before the 1 July 2025 reorganisation, where known.
    old_ward: Mapped[str | None] = mapped_column(Text)
    old_district: Mapped[str | None] = mapped_column(Text)
    #: National form, digits only (``0909123456``).
    phone: Mapped[str | None] = mapped_column(String(16), index=True)
    meter_serial: Mapped[str] = mapped_column(String(20), index=True)
    #: residential, business, production, administrative
    tariff_class: Mapped[str] = mapped_column(String(16))
    voltage: Mapped[str] = mapped_column(String(16))
    price_code: Mapped[str] = mapped_column(String(16))
    households: Mapped[int] = mapped_column(Integer)
    #: active, suspended, terminated
    status: Mapped[str] = mapped_column(String(12))
    unit_code: Mapped[str] = mapped_column(String(10), index=True)
    route_code: Mapped[str] = mapped_column(String(16))
    reading_day: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: the last 24 months' consumption as central sends it (desktop.usage: "YYYYMM kwh:đồng
    #: …", oldest first): the chart's months without a bill in the store (settled bills
    #: are not sent to a counter)
    usage: Mapped[str | None] = mapped_column(Text)

    bills: Mapped[list[Bill]] = relationship(back_populates="account")

    __table_args__ = (
        CheckConstraint("households >= 1", name="ck_accounts_households"),
        CheckConstraint("reading_day BETWEEN 1 AND 31", name="ck_accounts_reading_day"),
    )


class Bill(Base):
    """An electricity bill (hóa đơn tiền điện) with its tier lines."""

    __tablename__ = "bills"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    bill_no: Mapped[str] = mapped_column(String(24), unique=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    old_reading: Mapped[int] = mapped_column(Integer)
    new_reading: Mapped[int] = mapped_column(Integer)
    multiplier: Mapped[int] = mapped_column(Integer)
    kwh: Mapped[int] = mapped_column(Integer)
    subtotal: Mapped[int] = mapped_column(Integer)
    #: VAT in per cent, e.g. 8.
    vat_rate: Mapped[int] = mapped_column(Integer)
    vat: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    #: unpaid, paid
    status: Mapped[str] = mapped_column(String(8))
    paid_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    account: Mapped[Account] = relationship(back_populates="bills")
    lines: Mapped[list[BillLine]] = relationship(
        order_by="BillLine.seq", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_bills_account_status", "account_id", "status"),
        CheckConstraint("total = subtotal + vat", name="ck_bills_total"),
        CheckConstraint("status IN ('unpaid', 'paid')", name="ck_bills_status"),
    )


class BillLine(Base):
    """One tier (bậc) or price period of a bill: kWh × price = amount."""

    __tablename__ = "bill_lines"

    bill_id: Mapped[int] = mapped_column(
        ForeignKey("bills.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    kwh: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)

    # Lines are always read by bill: clustering them on (bill_id, seq) saves
    # the separate primary-key index of a rowid table.
    __table_args__ = {"sqlite_with_rowid": False}


class PaymentRecord(Base):
    """A payment already known to central, shown as the account's history."""

    __tablename__ = "payment_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    paid_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    amount: Mapped[int] = mapped_column(Integer)
    #: cash, vietqr, bank
    method: Mapped[str] = mapped_column(String(12))
    place: Mapped[str] = mapped_column(Text)
    receipt_no: Mapped[str] = mapped_column(String(24))


class OutageSchedule(Base):
    """A planned outage (lịch ngừng cung cấp điện) in one ward."""

    __tablename__ = "outage_schedules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ward_code: Mapped[str] = mapped_column(String(10), index=True)
    unit_code: Mapped[str] = mapped_column(String(10))
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    area: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class ReadingSchedule(Base):
    """A meter-reading date (lịch ghi chỉ số) of one route."""

    __tablename__ = "reading_schedules"

    route_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    reading_on: Mapped[dt.date] = mapped_column(Date, primary_key=True)

    __table_args__ = {"sqlite_with_rowid": False}


class SyncState(Base):
    """The single row that says how far the cache has caught up with central."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    #: When the cached data was last known to match central (or was generated).
    data_as_of: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: "central" for a synced cache, "demo" for generated data.
    source: Mapped[str] = mapped_column(String(16), default="central")
    #: where central's log stood when the first sync began: up to there, settled
    #: bills are left at central (``open_bills_until``); kept across restarts
    snapshot_seq: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("id = 1", name="ck_sync_state_single_row"),)


class DeviceState(Base):
    """The single row that says which central this counter belongs to."""

    __tablename__ = "device"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    central_url: Mapped[str] = mapped_column(Text)
    device_id: Mapped[int] = mapped_column(Integer)
    unit_code: Mapped[str] = mapped_column(String(16))
    #: printed in receipt numbers: ``<device code>-<6 digits>``
    device_code: Mapped[str] = mapped_column(String(16))
    enrolled_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: last receipt sequence handed out (gap-free, same transaction as the payment)
    receipt_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    #: a CA bundle that central's certificate is verified against (else the system's)
    ca_bundle: Mapped[str | None] = mapped_column(Text)
    #: the receipt printer (tcp://…, usb://…, serial://…, win32://…, file://…) and its paper
    printer_uri: Mapped[str | None] = mapped_column(Text)
    printer_paper: Mapped[int] = mapped_column(Integer, default=80)
    #: last service-request sequence handed out (``<device code>-YC<6 digits>``)
    request_seq: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("id = 1", name="ck_device_single_row"),)
    #: the key the receipts' QR is signed with (QT2); given by central at enrolment
    receipt_key: Mapped[str | None] = mapped_column(String(64))
    #: the collection point's address and phone, printed under the unit's name on receipts
    point_address: Mapped[str | None] = mapped_column(Text)
    point_phone: Mapped[str | None] = mapped_column(String(20))
    #: when the first-run setup finished (None: enrolled by the wizard, pages still to do)
    setup_done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

class LocalPayment(Base):
    """Money taken at this counter (phiếu thu). Its UUID is its key towards central."""

    __tablename__ = "payments"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(24), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    method: Mapped[str] = mapped_column(String(12))
    amount: Mapped[int] = mapped_column(Integer)
    tendered: Mapped[int | None] = mapped_column(Integer)
    #: the change handed back: rounded down to the smallest note the drawer gives
    change: Mapped[int | None] = mapped_column(Integer)
    #: what rounding the change left: kept as the customer's credit on the account
    change_credit: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    paid_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: taken, voided
    status: Mapped[str] = mapped_column(String(10))
    #: who took the money (nullable only for payments taken before staff sign-in existed)
    staff_id: Mapped[int | None] = mapped_column(Integer)
    #: the cash-drawer shift it went into (nullable: payments from before shifts)
    shift_id: Mapped[int | None] = mapped_column(Integer, index=True)
    #: the bank's reference of a VietQR payment
    bank_ref: Mapped[str | None] = mapped_column(String(64))
    voided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    void_reason: Mapped[str | None] = mapped_column(Text)
    #: fee lines taken besides the bills (JSON: kind, amount before VAT, vat_rate, vat);
    #: None for a payment of bills alone. ``amount`` includes them.
    fees: Mapped[str | None] = mapped_column(Text)


class QrIntent(Base):
    """A VietQR session (phiên thu VietQR): written before central is asked and followed by
    the core until it is paid (then its payment, once), expired, cancelled or refused.

    ``key`` is the counter's UUID, made first and sent as central's idempotency key: a
    crash between central's answer and this row's update loses nothing, the next ask
    with the same key answers the same intent. ``state`` is ``desktop.contract.QrState``.
    """

    __tablename__ = "qr_intents"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: central's reference (``QT…``), once central answered
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    account_code: Mapped[str] = mapped_column(String(20))
    #: the bills as asked, oldest first: ``[[bill_no, amount], …]`` (JSON)
    bills: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(Integer)
    #: who showed the QR, and the shift its payment belongs to
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), index=True)
    state: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: the string inside the QR, once central answered
    payload: Mapped[str | None] = mapped_column(Text)
    #: when no screen showed it any more (its dialog closed, or the program restarted):
    #: central is asked to cancel it, and its answer acted on
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    bank_ref: Mapped[str | None] = mapped_column(String(64))
    #: the one payment the bank's confirmation became (unique: one intent, one payment)
    payment_key: Mapped[str | None] = mapped_column(ForeignKey("payments.key"), unique=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: central's refusal, or what went wrong the last time it was asked
    note: Mapped[str | None] = mapped_column(Text)
    #: how often central was asked in a row without an answer (the loop's back-off)
    failures: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_qr_intents_open", "state"),
        CheckConstraint("state IN ('asking', 'pending', 'recorded', 'expired', 'cancelled', "
                        "'refused')", name="ck_qr_intents_state"),
    )


class PaymentAllocation(Base):
    """Which bill a payment paid, and how much of it."""

    __tablename__ = "payment_allocations"

    payment_key: Mapped[str] = mapped_column(ForeignKey("payments.key"), primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"), primary_key=True)
    amount: Mapped[int] = mapped_column(Integer)


class OutboxOp(Base):
    """An operation waiting to reach central, written with the business row."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: pending, rejected (kept until a supervisor acknowledges it)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    #: HMAC-SHA256 over key, kind and data under a key kept outside the data folder
    #: (desktop.rowseal); None on rows from before migration 0026 not proven genuine
    mac: Mapped[str | None] = mapped_column(String(64))


class SyncIssue(Base):
    """Something the sync brought back that a supervisor must see and acknowledge."""

    __tablename__ = "sync_issues"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_key: Mapped[str] = mapped_column(String(36), index=True)
    #: rejected, credit
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(Text)


class Shift(Base):
    """A cashier's shift at this counter's drawer (ca thu), from opening float to count."""

    __tablename__ = "shifts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    opening_float: Mapped[int] = mapped_column(Integer)
    #: open, closed
    status: Mapped[str] = mapped_column(String(8))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[int | None] = mapped_column(Integer)
    expected_cash: Mapped[int | None] = mapped_column(Integer)
    counted_cash: Mapped[int | None] = mapped_column(Integer)
    #: counted - expected: positive over (thừa), negative short (thiếu)
    over_short: Mapped[int | None] = mapped_column(Integer)
    over_short_reason: Mapped[str | None] = mapped_column(Text)
    #: the blind count, {"500000": 3, …}
    counts: Mapped[str | None] = mapped_column(Text)
    #: the first count submitted: final unless a supervisor approves a recount
    first_count: Mapped[str | None] = mapped_column(Text)
    first_counted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: the approved recount, kept beside the first (both in the report and the journal)
    recount: Mapped[str | None] = mapped_column(Text)


class PrintJob(Base):
    """A receipt waiting for the printer; kept until it printed, across restarts."""

    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    payment_key: Mapped[str] = mapped_column(ForeignKey("payments.key"), index=True)
    #: 0 for the original, 1, 2… for copies ("BẢN SAO")
    copy_no: Mapped[int] = mapped_column(Integer, default=0)
    #: pending, printed
    state: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    printed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ServiceRequest(Base):
    """A service request (yêu cầu dịch vụ): taken at this counter, or another counter's of
    the unit as central reports it. Its status comes down with the pull."""

    __tablename__ = "service_requests"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: what the customer is told: ``<device code>-YC<6 digits>``
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    #: new_supply, change_details, extension, termination, suspension, meter_inspection
    kind: Mapped[str] = mapped_column(String(24))
    #: the account concerned (none for a new supply contract)
    account_id: Mapped[int | None] = mapped_column(Integer, index=True)
    customer_name: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text)
    #: contact details: kept only for requests taken here (the slip is reprinted from them)
    phone: Mapped[str | None] = mapped_column(String(16))
    id_number: Mapped[str | None] = mapped_column(String(16))
    #: what the customer asked for, in their words; the date they would like
    note: Mapped[str] = mapped_column(Text, default="")
    preferred_on: Mapped[dt.date | None] = mapped_column(Date)
    staff_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: submitted (not yet at central), received, in_progress, done, refused
    status: Mapped[str] = mapped_column(String(12), default="submitted")
    status_note: Mapped[str | None] = mapped_column(Text)
    status_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: the kind's own details as JSON (a bank account number masked: the full one goes to
    #: central in the outbox only); the papers brought (JSON list of keys); the date the
    #: utility must act by (resources/services/<kind>.toml)
    details: Mapped[str | None] = mapped_column(Text)
    papers: Mapped[str | None] = mapped_column(Text)
    due_on: Mapped[dt.date | None] = mapped_column(Date)


class ServiceRequestHistory(Base):
    """A step of a request's progress as it came down with the sync (or was taken here)."""

    __tablename__ = "service_request_history"
    __table_args__ = (UniqueConstraint("request_key", "status", "at",
                                       name="uq_request_history_step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_key: Mapped[str] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class RequestDraft(Base):
    """A request form as it is being typed, kept so that a closed or killed program loses
    nothing; gone once the request is taken or the draft discarded. The CCCD and a bank
    account number are never kept here (re-typed from the card)."""

    __tablename__ = "request_drafts"

    #: the form's request key: the draft taken becomes that request
    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    account_id: Mapped[int | None] = mapped_column(Integer)
    customer_name: Mapped[str] = mapped_column(Text)
    #: the form's fields as typed, JSON
    data: Mapped[str] = mapped_column(Text)
    staff_id: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class CashDrop(Base):
    """Cash taken out of the drawer mid-shift to the safe or the head cashier (nộp tiền)."""

    __tablename__ = "cash_drops"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), index=True)
    amount: Mapped[int] = mapped_column(Integer)
    to_whom: Mapped[str] = mapped_column(Text)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class TurnIn(Base):
    """A closed shift's cash handed to the head cashier, counted blind (bàn giao tiền)."""

    __tablename__ = "turn_ins"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: one turn-in per shift
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), unique=True)
    #: what the cashier counted at the close (the shift's counted cash)
    declared: Mapped[int] = mapped_column(Integer)
    #: what the head cashier counted, blind, and by denomination ({"500000": 3, …})
    counted: Mapped[int] = mapped_column(Integer)
    counts: Mapped[str] = mapped_column(Text)
    #: counted (the first count is final, recorded at once), accepted
    status: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str | None] = mapped_column(Text)
    head_cashier_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: the bank deposit that took this cash; None while the head cashier holds it
    deposit_key: Mapped[str | None] = mapped_column(String(36))


class Deposit(Base):
    """Accepted turn-ins taken to the bank together under one slip (phiếu nộp tiền).

    The turn-ins may have been accepted at other counters of the unit (central
    lists them); ``items`` keeps what the slip shows of each, as JSON.
    """

    __tablename__ = "deposits"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    slip_no: Mapped[str] = mapped_column(String(40), unique=True)
    bank: Mapped[str] = mapped_column(String(120))
    total: Mapped[int] = mapped_column(Integer)
    #: [{"key", "cashier", "counted", "at"}, …]
    items: Mapped[str] = mapped_column(Text)
    head_cashier_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    bank_ref: Mapped[str | None] = mapped_column(String(40))
    bank_ref_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AgentClosing(Base):
    """An agent's daily closing as sent: one per local day; none is taken after it."""

    __tablename__ = "agent_closings"

    #: Ho Chi Minh City's day
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    count: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class RouteSheet(Base):
    """A field collector's route for one day, as central issued it (the stops in order)."""

    __tablename__ = "route_sheets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    route_code: Mapped[str] = mapped_column(String(16))
    collector: Mapped[str] = mapped_column(String(40))
    day: Mapped[dt.date] = mapped_column(Date)
    #: account ids, in reading-book order, as JSON
    stops: Mapped[str] = mapped_column(Text)


class Visit(Base):
    """The collector's mark at one stop: paid, not at home, refused, moved, meter problem."""

    __tablename__ = "visits"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    sheet_id: Mapped[int] = mapped_column(Integer, index=True)
    account_id: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    receipt_no: Mapped[str | None] = mapped_column(String(40))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Staff(Base):
    """A staff member of this unit, replicated from central (nhân viên).

    The argon2 hash is here so that sign-in works offline; the password never is.
    """

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(Text)
    #: cashier, supervisor, agent, field_collector, administrator
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class StaffSession(Base):
    """A sign-in at this counter; services accept an actor only while it is open."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    signed_in_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    signed_out_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: the screen is locked: only the password (the same person's or a supervisor's)
    #: ends it, never the closing of a dialog; every service refuses the session until then
    locked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class SignInGuard(Base):
    """Wrong-password count per user name, and the lock it may have caused."""

    __tablename__ = "sign_in_guard"

    username: Mapped[str] = mapped_column(String(40), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Approval(Base):
    """A supervisor's approval (phê duyệt) of one action on one subject, used once."""

    __tablename__ = "approvals"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    requested_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    granted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """One line of the append-only, hash-chained journal (nhật ký).

    ``hash`` = SHA-256 over ``prev_hash`` and the entry's canonical JSON; the
    store refuses UPDATE and DELETE on this table (triggers in the migration).
    """

    __tablename__ = "audit_journal"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    entry: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    #: HMAC-SHA256 over the line under a key kept outside the data folder
    #: (desktop.rowseal); set once, never changed (a trigger in migration 0026)
    mac: Mapped[str | None] = mapped_column(String(64))


class RefusedRow(Base):
    """A row found in the store that the counter did not write (its seal fails), moved
    out of the table it was planted in and kept as evidence (desktop.rowseal)."""

    __tablename__ = "refused_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: the table it was found in (``audit_journal``)
    source: Mapped[str] = mapped_column(String(24))
    key: Mapped[str] = mapped_column(String(64))
    #: the row as it was, canonical JSON
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


#: :class:`StoreMark` names: the highest deposit slip handed out (``<day>*1000 + n``)
LAST_SLIP = "last_slip"


class StoreMark(Base):
    """A named fact the store keeps about itself: ``log_signed`` (the operation log's lines
    are signed with the device's key: no unkeyed "legacy" line is ever signed again),
    ``last_slip`` (the highest deposit slip number handed out)."""

    __tablename__ = "store_marks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SearchTerm(Base):
    """A word that occurs in the search index (see :mod:`db.search`)."""

    __tablename__ = "search_terms"

    term: Mapped[str] = mapped_column(Text, primary_key=True)

    __table_args__ = {"sqlite_with_rowid": False}


class SearchPair(Base):
    """A word pair that occurs in the pair index (``account_fts_keys``, see :mod:`db.search`)."""

    __tablename__ = "search_pairs"

    term: Mapped[str] = mapped_column(Text, primary_key=True)

    __table_args__ = {"sqlite_with_rowid": False}


#: The full-text index over folded names and addresses. Not an ORM model:
#: FTS5 virtual tables are created in the migrations.
FTS_TABLE = "account_fts"
