"""The reference central system's own tables (SQLite embedded, PostgreSQL in production).

Every state the contract talks about lives here, so that the API itself is
stateless and runs as several workers (DESIGN.md, "Scale").
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLite's INTEGER PRIMARY KEY is its rowid; PostgreSQL wants BIGINT for a
# sequence that counts every change of a whole city.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UTC(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on both databases."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


class Unit(Base):
    """A district power company, an agent or a collector route."""

    __tablename__ = "units"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    #: power_company, agent, route
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UTC)
    #: the collection account VietQR payments go to (6-digit bank BIN, account number)
    bank_bin: Mapped[str | None] = mapped_column(String(6))
    bank_account: Mapped[str | None] = mapped_column(String(19))
    #: an agent's collection limit (hạn mức thu hộ); None = no limit
    collection_limit: Mapped[int | None] = mapped_column(BigInteger)
    #: cash collected by the unit's counters and not yet remitted to the utility
    unremitted: Mapped[int] = mapped_column(BigInteger, default=0)


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    name: Mapped[str] = mapped_column(Text)
    #: SHA-256 of the token; the token itself is never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[dt.datetime] = mapped_column(UTC)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTC)
    #: after this the device must be enrolled again (a lost laptop stops by itself)
    token_expires_at: Mapped[dt.datetime | None] = mapped_column(UTC)
    #: holds every unit's accounts and open bills and collects for any of them (a
    #: customer may pay at any counter); set by its enrolment code, for its life
    whole_city: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class EnrolmentCode(Base):
    """A one-time, expiring code an administrator hands to a new device."""

    __tablename__ = "enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"))
    expires_at: Mapped[dt.datetime] = mapped_column(UTC)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTC)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    #: SHA-256 of the key the enrolling device sent: the same key again, soon after (its
    #: answer was lost), gets the same device back instead of "code used"
    device_key_hash: Mapped[str | None] = mapped_column(String(64))
    #: the device it enrols holds the whole city (``Device.whole_city``)
    whole_city: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: attempts that named this code and failed (used, expired, another device's key):
    #: at ``CODE_FAILURES`` the code is locked and the administrator alerted
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_at: Mapped[dt.datetime | None] = mapped_column(UTC)


class Snapshot(Base):
    """A built first-sync snapshot: which is current and its hash are central's word, kept
    here, never read from a file beside the snapshot (anyone who can write that folder
    could plant one)."""

    __tablename__ = "snapshots"

    id: Mapped[str] = mapped_column(String(48), primary_key=True)
    scope: Mapped[str] = mapped_column(String(32), index=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    changes: Mapped[int] = mapped_column(BigInteger)
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    schema_rev: Mapped[str] = mapped_column(String(32))
    built_at: Mapped[dt.datetime] = mapped_column(UTC)


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text)
    ward_code: Mapped[str] = mapped_column(String(10))
    ward: Mapped[str] = mapped_column(Text)
    old_ward: Mapped[str | None] = mapped_column(Text)
    old_district: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(16))
    meter_serial: Mapped[str] = mapped_column(String(20))
    tariff_class: Mapped[str] = mapped_column(String(16))
    voltage: Mapped[str] = mapped_column(String(16))
    price_code: Mapped[str] = mapped_column(String(16))
    households: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    route_code: Mapped[str] = mapped_column(String(16))
    reading_day: Mapped[int] = mapped_column(Integer)
    #: money taken for bills that were already paid (conflict rule), in đồng
    credit: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(UTC)
    #: the last 24 months' consumption, sent with the account (desktop/usage.py's format)
    usage: Mapped[str | None] = mapped_column(Text)


class Bill(Base):
    __tablename__ = "bills"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    unit_code: Mapped[str] = mapped_column(String(16))
    bill_no: Mapped[str] = mapped_column(String(24), unique=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    old_reading: Mapped[int] = mapped_column(BigInteger)
    new_reading: Mapped[int] = mapped_column(BigInteger)
    multiplier: Mapped[int] = mapped_column(Integer)
    kwh: Mapped[int] = mapped_column(BigInteger)
    subtotal: Mapped[int] = mapped_column(BigInteger)
    vat_rate: Mapped[int] = mapped_column(Integer)
    vat: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(8))
    paid_at: Mapped[dt.datetime | None] = mapped_column(UTC)
    #: the key of the payment that settled it, if it was paid through QuayThu
    paid_by: Mapped[str | None] = mapped_column(String(36))
    #: the bill's tier lines as JSON text: they only ever travel with the bill
    lines_json: Mapped[str] = mapped_column(Text)


class OutageSchedule(Base):
    __tablename__ = "outage_schedules"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    ward_code: Mapped[str] = mapped_column(String(10))
    starts_at: Mapped[dt.datetime] = mapped_column(UTC)
    ends_at: Mapped[dt.datetime] = mapped_column(UTC)
    area: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class ReadingSchedule(Base):
    __tablename__ = "reading_schedules"

    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    route_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    reading_on: Mapped[dt.date] = mapped_column(Date, primary_key=True)


class Change(Base):
    """The change log: what a device pulls, in server-wide sequence order."""

    __tablename__ = "changes"

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    unit_code: Mapped[str] = mapped_column(String(16))
    #: account, bill, outage, reading, unit
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[str] = mapped_column(String(40))
    #: upsert or delete (a tombstone)
    op: Mapped[str] = mapped_column(String(8))
    data: Mapped[str] = mapped_column(Text)

    # AUTOINCREMENT on SQLite: a sequence value is never handed out twice
    __table_args__ = (Index("ix_changes_unit_seq", "unit_code", "seq"),
                      {"sqlite_autoincrement": True})


class AppliedOp(Base):
    """One pushed operation, at most once: the unique key *is* the guarantee."""

    __tablename__ = "applied_ops"

    # a key is the device's own: another device pushing it first takes nothing away
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True,
                                           index=True)
    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    #: SHA-256 of the canonical JSON of the operation's data
    payload_hash: Mapped[str] = mapped_column(String(64))
    #: applied or rejected
    status: Mapped[str] = mapped_column(String(10))
    result: Mapped[str] = mapped_column(Text)
    applied_at: Mapped[dt.datetime] = mapped_column(UTC)
    #: how many times the same key came again (answered "duplicate")
    replays: Mapped[int] = mapped_column(Integer, default=0)


class Payment(Base):
    __tablename__ = "payments"

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    receipt_no: Mapped[str] = mapped_column(String(24))
    method: Mapped[str] = mapped_column(String(12))
    amount: Mapped[int] = mapped_column(BigInteger)
    paid_at: Mapped[dt.datetime] = mapped_column(UTC)
    #: taken, voided, settled
    status: Mapped[str] = mapped_column(String(10))
    #: money that went to the account's credit instead of a bill
    credited: Mapped[int] = mapped_column(BigInteger, default=0)
    #: the counter's shift it was taken in (reconciliation)
    shift_key: Mapped[str | None] = mapped_column(String(36), index=True)
    #: fee lines taken besides the bills (JSON, as the counter sent them and central checked
    #: them against resources/services/_reconnection_fees.toml); None: bills alone
    fees: Mapped[str | None] = mapped_column(Text)

    # not unique: money is keyed by operation key; a receipt number that clashes (a
    # data folder put back by hand) is applied and alerted, never refused (issue 28)
    __table_args__ = (Index("ix_payments_receipt", "device_id", "receipt_no"),)


class Alert(Base):
    """Something a supervisor must see: credit taken for a paid bill, and so on."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    op_key: Mapped[str | None] = mapped_column(String(36))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTC)


class Staff(Base):
    """A staff member of a unit; the argon2 hash goes to the unit's devices."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    username: Mapped[str] = mapped_column(String(40))
    full_name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(Text)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UTC)
    updated_at: Mapped[dt.datetime] = mapped_column(UTC)

    # a user name is unique within its unit: that is where it signs in
    __table_args__ = (UniqueConstraint("unit_code", "username", name="uq_staff_username"),)


class AuditHead(Base):
    """The last journal line central holds for a device: where its chain must go on."""

    __tablename__ = "audit_heads"

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class AuditLine(Base):
    """A device's journal line as received (verified against the chain first)."""

    __tablename__ = "audit_lines"

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    entry: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(UTC)
    #: the key of the operation the line records (``entry.detail.key``): a payment is
    #: applied only where its device's accepted journal holds a line naming it
    op_key: Mapped[str | None] = mapped_column(String(36))
    #: when central last found what a payment or void line records done (the payment
    #: applied, the payment voided) or alerted that it was not; None: still to check.
    #: Lines that record no money are checked when received.
    checked_at: Mapped[dt.datetime | None] = mapped_column(UTC)

    __table_args__ = (Index("ix_audit_lines_op_key", "device_id", "op_key"),
                      Index("ix_audit_lines_unchecked", "received_at",
                            sqlite_where=text("checked_at IS NULL"),
                            postgresql_where=text("checked_at IS NULL")))


class ShiftClosing(Base):
    """A counter's shift report as it closed the shift (kept for reconciliation)."""

    __tablename__ = "shift_closings"

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True,
                                           index=True)
    shift_key: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    staff: Mapped[str] = mapped_column(String(40))
    closed_at: Mapped[dt.datetime] = mapped_column(UTC)
    data: Mapped[str] = mapped_column(Text)


class TurnIn(Base):
    """A closed shift's cash taken over by the head cashier at the counter, counted blind."""

    __tablename__ = "turn_ins"
    __table_args__ = (UniqueConstraint("device_id", "shift_key", name="uq_turn_ins_shift"),)

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    shift_key: Mapped[str] = mapped_column(String(36))
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    cashier: Mapped[str] = mapped_column(String(40))
    head_cashier: Mapped[str] = mapped_column(String(40))
    declared: Mapped[int] = mapped_column(BigInteger)
    counted: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTC)
    #: the bank deposit that took this cash (its key); None while in the head cashier's hands
    deposit_key: Mapped[str | None] = mapped_column(String(36), index=True)


class Deposit(Base):
    """Accepted turn-ins taken to the bank together, under one slip (phiếu nộp tiền)."""

    __tablename__ = "deposits"

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    slip_no: Mapped[str] = mapped_column(String(40), unique=True)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    head_cashier: Mapped[str] = mapped_column(String(40))
    bank: Mapped[str] = mapped_column(String(120))
    total: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[dt.datetime] = mapped_column(UTC)
    #: the bank's reference, once the stamped slip is back; recorded once
    bank_ref: Mapped[str | None] = mapped_column(String(40))
    bank_ref_at: Mapped[dt.datetime | None] = mapped_column(UTC)


class AgentClosing(Base):
    """An agent's daily closing (SAP's External Cash Desk Services): what the agent says it
    took on one day, reconciled against the payments central holds; differences are
    listed for the back office to assign, never absorbed."""

    __tablename__ = "agent_closings"
    __table_args__ = (UniqueConstraint("device_id", "day", name="uq_agent_closings_day"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    key: Mapped[str] = mapped_column(String(36), unique=True)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    day: Mapped[dt.date] = mapped_column(Date)
    staff: Mapped[str] = mapped_column(String(40))
    count: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(BigInteger)
    #: central's own count and total of the device's payments that day
    central_count: Mapped[int] = mapped_column(Integer)
    central_total: Mapped[int] = mapped_column(BigInteger)
    #: [{"receipt_no", "amount", "where": "closing-only" | "central-only" | "amount"}]
    differences: Mapped[str] = mapped_column(Text)
    #: matched, differences, assigned
    status: Mapped[str] = mapped_column(String(12))
    assigned_to: Mapped[str | None] = mapped_column(String(80))
    assignment_note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTC)


class RouteSheet(Base):
    """A field collector's route for one day: the accounts in reading-book order."""

    __tablename__ = "route_sheets"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    route_code: Mapped[str] = mapped_column(String(16))
    collector: Mapped[str] = mapped_column(String(40))
    day: Mapped[dt.date] = mapped_column(Date)
    #: the accounts' ids, in the order the collector walks them
    stops: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTC)


class Visit(Base):
    """A collector's visit to one account of a route sheet: its outcome, note and time."""

    __tablename__ = "visits"

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("route_sheets.id"), index=True)
    account_code: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    staff: Mapped[str] = mapped_column(String(40))
    receipt_no: Mapped[str | None] = mapped_column(String(40))
    at: Mapped[dt.datetime] = mapped_column(UTC)


class ServiceRequest(Base):
    """A service request a counter took; its status goes back down to the unit."""

    __tablename__ = "service_requests"

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    account_code: Mapped[str | None] = mapped_column(String(16))
    #: the request as the counter sent it (contact details included)
    data: Mapped[str] = mapped_column(Text)
    #: received, in_progress, done, refused
    status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTC)
    updated_at: Mapped[dt.datetime] = mapped_column(UTC)


class PaymentIntent(Base):
    """A VietQR payment a counter asked for: amount, bills, reference, expiry."""

    __tablename__ = "payment_intents"

    reference: Mapped[str] = mapped_column(String(20), primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    unit_code: Mapped[str] = mapped_column(String(16))
    account_code: Mapped[str] = mapped_column(String(20))
    bills_json: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(BigInteger)
    #: desktop.contract.IntentStatus: pending, paid, expired, cancelled
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(UTC)
    expires_at: Mapped[dt.datetime] = mapped_column(UTC)
    paid_at: Mapped[dt.datetime | None] = mapped_column(UTC)
    bank_ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: the counter's key for it (a UUID written before asking): one intent per key, so a
    #: counter asking again after a lost answer or a crash gets the same intent back
    key: Mapped[str | None] = mapped_column(String(36))
    #: when a supervisor was alerted that it was paid and no payment came for it
    alerted_at: Mapped[dt.datetime | None] = mapped_column(UTC)

    # a unique index, not a constraint: added to a running table without copying it
    __table_args__ = (Index("uq_payment_intents_key", "key", unique=True),)


class BankNotification(Base):
    """Every notification the bank sent, once: a replay fails on the primary key."""

    __tablename__ = "bank_notifications"

    bank_ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    reference: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[dt.datetime] = mapped_column(UTC)
    outcome: Mapped[str] = mapped_column(String(20))


class Remittance(Base):
    """Cash an agent handed over to the utility (nộp tiền thu hộ): frees its limit."""

    __tablename__ = "remittances"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[dt.datetime] = mapped_column(UTC)
    note: Mapped[str] = mapped_column(Text)


class Document(Base):
    """A document a counter attached to a service request (an ID card's scan, a rental
    contract): stored once per content hash in central's document folder
    (``QUAYTHU_DOCUMENT_DIR``; docs/operations.md), which this row describes."""

    __tablename__ = "documents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    #: the first device that sent it, and its unit (who may see it)
    device_id: Mapped[int] = mapped_column(Integer)
    unit_code: Mapped[str] = mapped_column(String(16), index=True)
    stored_at: Mapped[dt.datetime] = mapped_column(UTC)
