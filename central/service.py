"""Central's behaviour, independent of HTTP: enrolment, pull, push, stats.

Exactly once: every pushed operation inserts its key into ``applied_ops``
(primary key) in the same transaction as its effect. A second delivery of the
key fails that insert, rolls back, and is answered from the stored result;
a key reused with different content is refused and logged. Each operation
has its own transaction, so a rejected one never blocks the ones behind it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central.models import (
    Account,
    Alert,
    AppliedOp,
    AuditHead,
    AuditLine,
    BankNotification,
    Bill,
    Change,
    Device,
    EnrolmentCode,
    Payment,
    PaymentIntent,
    Remittance,
    ServiceRequest,
    ShiftClosing,
    Staff,
    Unit,
)
from central.problems import Problem
from central.security import hash_code, hash_token, new_enrolment_code, new_token
from desktop.contract import (
    GENESIS,
    REQUEST_STATUSES,
    STAFF_ROLES,
    bundle_mac,
    canonical,
    chain_hash,
    checked_data,
    device_of_receipt,
    device_receipt_key,
    journal_lines_by_key,
    journal_mismatch,
    payload_hash,
    receipt_mac,
    vietqr_payment_key,
)
from desktop.money.amounts import format_vnd
from desktop.money.vietqr import bill_purpose

logger = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
MAX_PULL = 5000


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


#: how long after its first use an enrolment code answers the same device key again
ENROL_RETRY = dt.timedelta(minutes=30)

#: a payment stamped later than this after central's clock, or earlier than the longest
#: offline stretch a counter may work, raises a clock alert
CLOCK_AHEAD = dt.timedelta(minutes=10)
OFFLINE_AT_MOST = dt.timedelta(days=45)

#: how often a push is tried when PostgreSQL breaks a deadlock by rolling it back
DEADLOCK_TRIES = 3


def _deadlocked(exc: DBAPIError) -> bool:
    """PostgreSQL's "deadlock detected" (SQLSTATE 40P01) or a serialization failure."""
    state = getattr(getattr(exc.orig, "diag", None), "sqlstate", None) or getattr(
        exc.orig, "sqlstate", None)
    return state in ("40P01", "40001")


@dataclass(frozen=True, slots=True)
class DeviceContext:
    device_id: int
    unit_code: str
    #: when the presented token stops working (said back in X-Token-Expires)
    token_expires_at: dt.datetime | None = None


class Rejected(Exception):
    """An operation the business rules refuse; stored so replays get the same answer.

    ``alert`` is raised to the unit's supervisors as well (it survives the
    rollback of the operation's own savepoint).
    """

    def __init__(self, reason: str, message: str, alert: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.alert = alert


# -- entity payloads, as devices receive them ----------------------------------------


def account_data(a: Account) -> dict[str, Any]:
    return {
        "id": a.id, "code": a.code, "unit_code": a.unit_code, "name": a.name,
        "address": a.address, "ward_code": a.ward_code, "ward": a.ward,
        "old_ward": a.old_ward, "old_district": a.old_district, "phone": a.phone,
        "meter_serial": a.meter_serial, "tariff_class": a.tariff_class, "voltage": a.voltage,
        "price_code": a.price_code, "households": a.households, "status": a.status,
        "route_code": a.route_code, "reading_day": a.reading_day, "credit": a.credit,
        "updated_at": a.updated_at.isoformat(),
    }


def bill_data(b: Bill) -> dict[str, Any]:
    return {
        "id": b.id, "account_id": b.account_id, "bill_no": b.bill_no,
        "period_start": b.period_start.isoformat(), "period_end": b.period_end.isoformat(),
        "issued_on": b.issued_on.isoformat(), "due_on": b.due_on.isoformat(),
        "old_reading": b.old_reading, "new_reading": b.new_reading, "multiplier": b.multiplier,
        "kwh": b.kwh, "subtotal": b.subtotal, "vat_rate": b.vat_rate, "vat": b.vat,
        "total": b.total, "status": b.status,
        "paid_at": b.paid_at.isoformat() if b.paid_at else None,
        "lines": json.loads(b.lines_json),
    }


def unit_data(u: Unit) -> dict[str, Any]:
    return {"code": u.code, "name": u.name, "kind": u.kind,
            "collection_limit": u.collection_limit, "unremitted": u.unremitted or 0}


def staff_data(m: Staff) -> dict[str, Any]:
    return {"id": m.id, "username": m.username, "full_name": m.full_name, "role": m.role,
            "password_hash": m.password_hash, "active": m.disabled_at is None,
            "updated_at": m.updated_at.isoformat()}


def request_data(r: ServiceRequest) -> dict[str, Any]:
    """What the unit's counters learn of a request: its progress, not the contact details."""
    d = json.loads(r.data)
    return {"key": r.key, "ref": r.ref, "kind": r.kind, "account_code": r.account_code,
            "customer_name": d["customer_name"], "address": d["address"], "status": r.status,
            "note": r.note, "created_at": r.created_at.isoformat(),
            "updated_at": r.updated_at.isoformat()}


def payment_record_id(key: str, device_id: int) -> int:
    """A stable integer id for a payment's history row: 60 bits of (device, key).

    Keys are the device's own; two devices' payments under one key are two rows.
    """
    digest = hashlib.sha256(f"{device_id}:{key}".encode()).hexdigest()
    return int(digest[:15], 16)


def legacy_payment_record_id(key: str) -> int:
    """The id rows had before keys were per device (c0005); a void removes that one too."""
    return int(key.replace("-", "")[:15], 16)


def pending_changes(s: Session) -> list[dict[str, Any]]:
    """The change-log rows of the session's transaction, written at its commit."""
    changes: list[dict[str, Any]] = s.info.setdefault("changes", [])
    return changes


def record_change(s: Session, unit_code: str, entity: str, entity_id: object, op: str,
                  data: dict[str, Any] | None) -> None:
    pending_changes(s).append({"unit_code": unit_code, "entity": entity,
                               "entity_id": str(entity_id), "op": op,
                               "data": canonical(data or {})})


def write_changes(s: Session) -> None:
    """Insert the transaction's change-log rows, as the last thing before its commit.

    Sequence values are handed out at insert but become visible at commit; on
    PostgreSQL the writers of the log take one transaction-level lock so that
    commit order equals sequence order and a pull never steps over a change
    committed late. Writing the log last keeps that lock to the inserts and
    the commit itself, not the whole batch of work before them.
    """
    changes = s.info.pop("changes", None)
    if not changes:
        return
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(7041)"))
    s.execute(insert(Change), changes)


INTENT_TTL = dt.timedelta(minutes=10)
#: how far a bank notification's timestamp may be from central's clock
BANK_WINDOW = dt.timedelta(minutes=5)


def bank_signature(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 (hex) over ``timestamp + "." + body``: what the bank sends and we check."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


class Central:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utcnow,
                 token_ttl: dt.timedelta = dt.timedelta(days=365),
                 bank_secret: str | None = None, receipt_secret: str | None = None) -> None:
        self.sessions = sessions
        self.clock = clock
        self.token_ttl = token_ttl
        self.bank_secret = bank_secret
        #: what each device's receipt key is derived from; never in the database (a
        #: process without one configured makes its own, good for its own lifetime only)
        self.receipt_secret = receipt_secret or secrets.token_hex(32)

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self.sessions() as s, s.begin():
            yield s
            write_changes(s)

    # -- administration ------------------------------------------------------------

    def add_unit(self, code: str, name: str, kind: str = "power_company") -> None:
        if kind not in ("power_company", "agent", "route"):
            raise ValueError(f"unknown unit kind {kind!r}")
        with self._tx() as s:
            if s.get(Unit, code) is not None:
                raise ValueError(f"unit {code} exists")
            unit = Unit(code=code, name=name, kind=kind, created_at=self.clock(), unremitted=0)
            s.add(unit)
            record_change(s, code, "unit", code, "upsert", unit_data(unit))

    def set_collection_limit(self, code: str, limit: int | None) -> None:
        """An agent's collection limit (hạn mức thu hộ); None lifts it."""
        if limit is not None and limit < 0:
            raise ValueError("the limit is a positive amount of dong")
        with self._tx() as s:
            unit = s.get(Unit, code)
            if unit is None:
                raise ValueError(f"no unit {code}")
            unit.collection_limit = limit
            record_change(s, code, "unit", code, "upsert", unit_data(unit))

    def remit(self, code: str, amount: int, note: str = "") -> int:
        """Cash the unit handed over: frees that much of its limit; the new unremitted."""
        if amount <= 0:
            raise ValueError("a remittance is a positive amount of dong")
        with self._tx() as s:
            unit = s.get(Unit, code, with_for_update=True)
            if unit is None:
                raise ValueError(f"no unit {code}")
            if amount > unit.unremitted:
                raise ValueError(f"{code} holds only {unit.unremitted} dong not yet remitted")
            unit.unremitted -= amount
            s.add(Remittance(unit_code=code, amount=amount, at=self.clock(), note=note))
            record_change(s, code, "unit", code, "upsert", unit_data(unit))
            return unit.unremitted

    def set_unit_bank(self, code: str, bank_bin: str, account: str) -> None:
        if not (len(bank_bin) == 6 and bank_bin.isdigit()) or not (
                account.isalnum() and len(account) <= 19):
            raise ValueError("BIN is 6 digits; the account 1-19 letters and digits")
        with self._tx() as s:
            unit = s.get(Unit, code)
            if unit is None:
                raise ValueError(f"no unit {code}")
            unit.bank_bin, unit.bank_account = bank_bin, account

    def issue_enrolment_code(self, unit_code: str, ttl: dt.timedelta = dt.timedelta(hours=24)) -> str:
        code = new_enrolment_code()
        with self._tx() as s:
            if s.get(Unit, unit_code) is None:
                raise ValueError(f"no unit {unit_code}")
            s.add(EnrolmentCode(code_hash=hash_code(code), unit_code=unit_code,
                                expires_at=self.clock() + ttl))
        return code

    def issue_renewal_code(self, device_id: int,
                           ttl: dt.timedelta = dt.timedelta(hours=24)) -> str:
        """A one-time code that gives an existing device a new token (its old one expired
        with payments unsent): used like an enrolment code, it returns the same device."""
        code = new_enrolment_code()
        with self._tx() as s:
            device = s.get(Device, device_id)
            if device is None or device.revoked_at is not None:
                raise ValueError(f"no active device {device_id}")
            s.add(EnrolmentCode(code_hash=hash_code(code), unit_code=device.unit_code,
                                expires_at=self.clock() + ttl, device_id=device.id))
        return code

    def renew(self, ctx: DeviceContext) -> str:
        """A new token for a device whose token still works (before it expires)."""
        token = new_token()
        with self._tx() as s:
            device = s.get(Device, ctx.device_id)
            assert device is not None
            device.token_hash = hash_token(token)
            device.token_expires_at = self.clock() + self.token_ttl
        logger.info("device %s renewed its token", ctx.device_id)
        return token

    def token_expiry(self, ctx: DeviceContext) -> dt.datetime | None:
        with self.sessions() as s:
            device = s.get(Device, ctx.device_id)
            return device.token_expires_at if device else None

    def enrol(self, code: str, device_name: str,
              device_key: str | None = None) -> tuple[str, DeviceContext]:
        """A device for a one-time code. The same code with the same device key within
        ``ENROL_RETRY`` of its first use — the answer was lost on the way — gets the same
        device again, with a new token (the lost one stops working): no stranded counter,
        no orphan device."""
        token = new_token()
        now = self.clock()
        key_hash = hash_token(device_key) if device_key else None
        with self._tx() as s:
            row = s.get(EnrolmentCode, hash_code(code), with_for_update=True)
            if row is None:
                raise Problem(401, "enrolment-code-invalid", "Unknown enrolment code")
            if row.used_at is not None:
                device = s.get(Device, row.device_id) if row.device_id else None
                if (key_hash is not None and row.device_key_hash is not None
                        and hmac.compare_digest(key_hash, row.device_key_hash)
                        and now - row.used_at <= ENROL_RETRY and device is not None
                        and device.revoked_at is None):
                    device.token_hash = hash_token(token)
                    device.token_expires_at = now + self.token_ttl
                    ctx = DeviceContext(device.id, row.unit_code)
                    logger.info("device %s enrolled again (a lost answer)", device.id)
                    return token, ctx
                raise Problem(410, "enrolment-code-used", "Enrolment code already used")
            if row.expires_at <= now:
                raise Problem(410, "enrolment-code-expired", "Enrolment code expired")
            if row.device_id is not None:
                # a renewal code: the same device, a new token, nothing of its data touched
                renewed = s.get(Device, row.device_id)
                if renewed is None or renewed.revoked_at is not None:
                    raise Problem(410, "device-revoked", "This device was revoked")
                renewed.token_hash = hash_token(token)
                renewed.token_expires_at = now + self.token_ttl
                row.used_at, row.device_key_hash = now, key_hash
                logger.info("device %s renewed with a code", renewed.id)
                return token, DeviceContext(renewed.id, row.unit_code)
            device = Device(unit_code=row.unit_code, name=device_name[:100],
                            token_hash=hash_token(token), enrolled_at=now,
                            token_expires_at=now + self.token_ttl)
            s.add(device)
            s.flush()
            row.used_at, row.device_id, row.device_key_hash = now, device.id, key_hash
            ctx = DeviceContext(device.id, row.unit_code)
        logger.info("device %s enrolled in unit %s", ctx.device_id, ctx.unit_code)
        return token, ctx

    def revoke(self, device_id: int) -> None:
        with self._tx() as s:
            device = s.get(Device, device_id)
            if device is None:
                raise ValueError(f"no device {device_id}")
            device.revoked_at = self.clock()

    # -- staff -------------------------------------------------------------------------

    def add_staff(self, unit_code: str, username: str, full_name: str, role: str,
                  password_hash: str) -> int:
        username = username.strip().lower()
        if role not in STAFF_ROLES:
            raise ValueError(f"unknown role {role!r} (one of {', '.join(STAFF_ROLES)})")
        if not username or len(username) > 40 or not username.replace(".", "").replace(
                "_", "").isalnum() or not username.isascii():
            raise ValueError("user names are 1–40 ASCII letters, digits, '.' or '_'")
        with self._tx() as s:
            if s.get(Unit, unit_code) is None:
                raise ValueError(f"no unit {unit_code}")
            if s.scalar(select(Staff.id).where(Staff.unit_code == unit_code,
                                               Staff.username == username)) is not None:
                raise ValueError(f"user name {username} is taken in {unit_code}")
            member = Staff(unit_code=unit_code, username=username, full_name=full_name.strip(),
                           role=role, password_hash=password_hash, updated_at=self.clock())
            s.add(member)
            s.flush()
            record_change(s, unit_code, "staff", member.id, "upsert", staff_data(member))
            return member.id

    def set_staff_state(self, unit_code: str, username: str, *, disabled: bool | None = None,
                        password_hash: str | None = None) -> None:
        """Disable, enable or reset the password of a staff member (reaches devices on sync)."""
        with self._tx() as s:
            member = s.scalar(select(Staff).where(Staff.unit_code == unit_code,
                                                  Staff.username == username.strip().lower()))
            if member is None:
                raise ValueError(f"no staff member {username} in {unit_code}")
            if disabled is not None:
                member.disabled_at = self.clock() if disabled else None
            if password_hash is not None:
                member.password_hash = password_hash
            member.updated_at = self.clock()
            record_change(s, member.unit_code, "staff", member.id, "upsert", staff_data(member))

    def list_staff(self) -> list[dict[str, Any]]:
        with self.sessions() as s:
            return [{"unit": m.unit_code, "username": m.username, "full_name": m.full_name,
                     "role": m.role, "active": m.disabled_at is None}
                    for m in s.scalars(select(Staff).order_by(Staff.unit_code, Staff.username))]

    def authenticate(self, token: str | None) -> DeviceContext:
        if not token:
            raise Problem(401, "unauthenticated", "A device token is required")
        with self.sessions() as s:
            device = s.scalar(select(Device).where(Device.token_hash == hash_token(token)))
        if device is None:
            raise Problem(401, "unauthenticated", "Unknown device token")
        if device.revoked_at is not None:
            raise Problem(401, "device-revoked", "This device was revoked")
        if device.token_expires_at is not None and device.token_expires_at <= self.clock():
            raise Problem(401, "device-token-expired",
                          "The device token expired; an administrator issues a renewal code")
        return DeviceContext(device.id, device.unit_code, device.token_expires_at)

    # -- pull --------------------------------------------------------------------------

    def head(self) -> int:
        """The change log's last sequence value: where a first sync's snapshot ends."""
        with self.sessions() as s:
            return int(s.scalar(select(func.max(Change.seq))) or 0)

    def _changes_after(self, ctx: DeviceContext, cursor: int, limit: int,
                       open_bills_until: int | None = None) -> tuple[Sequence[Any], int, bool]:
        """A page of the unit's changes after ``cursor``, and the cursor after it.

        With ``open_bills_until`` (a first sync), a bill upsert at or before
        that sequence value is left out when the bill is paid now: a new
        counter needs the open bills, not years of settled ones, and any later
        change of such a bill comes after that value and is sent. The cursor
        is then the last change looked at, which may be one left out.
        """
        limit = max(1, min(limit, MAX_PULL))
        with self.sessions() as s:
            rows = s.execute(
                select(Change.seq, Change.entity, Change.entity_id, Change.op, Change.data)
                .where(Change.unit_code == ctx.unit_code, Change.seq > cursor)
                .order_by(Change.seq).limit(limit + 1)
            ).all()
            more = len(rows) > limit
            rows = rows[:limit]
            next_cursor = rows[-1].seq if rows else cursor
            if open_bills_until is not None:
                old_bills = [int(r.entity_id) for r in rows if r.entity == "bill"
                             and r.op == "upsert" and r.seq <= open_bills_until]
                paid = set(s.scalars(select(Bill.id).where(Bill.id.in_(old_bills),
                                                           Bill.status == "paid"))
                           ) if old_bills else set()
                rows = [r for r in rows if not (
                    r.entity == "bill" and r.op == "upsert" and r.seq <= open_bills_until
                    and int(r.entity_id) in paid)]
        return rows, next_cursor, more

    def pull(self, ctx: DeviceContext, cursor: int, limit: int,
             open_bills_until: int | None = None) -> dict[str, Any]:
        rows, cursor, more = self._changes_after(ctx, cursor, limit, open_bills_until)
        return {
            "changes": [{"seq": r.seq, "entity": r.entity, "op": r.op,
                         "data": json.loads(r.data)} for r in rows],
            "cursor": cursor,
            "more": more,
        }

    def pull_json(self, ctx: DeviceContext, cursor: int, limit: int,
                  open_bills_until: int | None = None) -> bytes:
        """The same page as :meth:`pull`, as the JSON body itself.

        The change log stores each change's data as canonical JSON already:
        the page is spliced from those texts instead of parsed and encoded
        again, which is most of a first sync's cost at central.
        """
        rows, cursor, more = self._changes_after(ctx, cursor, limit, open_bills_until)
        body = ",".join(f'{{"seq":{r.seq},"entity":{json.dumps(r.entity)},'
                        f'"op":{json.dumps(r.op)},"data":{r.data}}}' for r in rows)
        return (f'{{"changes":[{body}],"cursor":{cursor},'
                f'"more":{"true" if more else "false"}}}').encode()

    # -- push ----------------------------------------------------------------------------

    def push(self, ctx: DeviceContext, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Apply a batch; on PostgreSQL, again when the database chose it as a deadlock's
        victim (its transaction rolled back whole, so trying again is safe)."""
        for attempt in range(1, DEADLOCK_TRIES + 1):
            try:
                return self._push(ctx, ops)
            except DBAPIError as exc:
                if attempt == DEADLOCK_TRIES or not _deadlocked(exc):
                    raise
                logger.warning("push of %d operations from device %s was a deadlock victim; "
                               "try %d", len(ops), ctx.device_id, attempt + 1)
        raise AssertionError("unreachable")

    def _push(self, ctx: DeviceContext, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Apply a batch in one transaction.

        The usual batch — cash payments and journal lines — goes set-based
        (:meth:`_push_batch`): its keys claimed in one statement, its rows
        read and locked in one statement per table, written in one round trip
        per table. Anything else, or a batch that trips a constraint there,
        goes one operation at a time, each in savepoints of its own, so a
        refused operation never touches the ones behind it. The rules are the
        same functions on both paths.
        """
        lines = journal_lines_by_key(ops)
        mismatched = {op["key"]: why for op in ops if op["kind"] == "payment"
                      and op["key"] in lines
                      and (why := journal_mismatch(op["data"], lines[op["key"]])) is not None}
        if mismatched:
            logger.error("device %s pushed %d payments that disagree with their journal lines",
                         ctx.device_id, len(mismatched))
            with self._tx() as s:
                s.info["journal_mismatch"] = mismatched
                return [self._push_one(s, ctx, op) for op in ops]
        if ops and len({op["key"] for op in ops}) == len(ops) and all(
                op["kind"] == "audit" or (op["kind"] == "payment"
                                          and op["data"].get("method") == "cash")
                for op in ops):
            try:
                with self._tx() as s:
                    return self._push_batch(s, ctx, ops)
            except IntegrityError as exc:
                logger.info("a batch of %d hit a constraint (%s); applying it one by one",
                            len(ops), str(exc.orig).splitlines()[0] if exc.orig else exc)
        with self._tx() as s:
            return [self._push_one(s, ctx, op) for op in ops]

    def _push_batch(self, s: Session, ctx: DeviceContext,
                    ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        now = self.clock()
        digests = [payload_hash(op["kind"], op["data"]) for op in ops]
        dialect_insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
        # the keys first, all at once: a key already there (or being written by a
        # concurrent retry, which this waits for) is a duplicate, before any effect
        table = AppliedOp.__table__
        assert isinstance(table, Table)
        claim = (dialect_insert(table)
                 .on_conflict_do_nothing(index_elements=["device_id", "key"])
                 .returning(table.c.key))
        fresh = set(s.connection().execute(claim, [
            {"key": op["key"], "device_id": ctx.device_id, "unit_code": ctx.unit_code,
             "kind": op["kind"], "payload_hash": digest, "status": "applied", "result": "{}",
             "applied_at": now, "replays": 0} for op, digest in zip(ops, digests, strict=True)
        ]).scalars())
        payments = [op["data"] for op in ops if op["key"] in fresh and op["kind"] == "payment"]
        accounts: dict[str, Account] = {}
        bills: dict[str, Bill] = {}
        if payments:
            codes = {d["account_code"] for d in payments}
            accounts = {a.code: a for a in self._lock_all(
                s, select(Account).where(Account.code.in_(codes)).order_by(Account.id))}
            bill_nos = {b["bill_no"] for d in payments for b in d["bills"]}
            bills = {b.bill_no: b for b in self._lock_all(
                s, select(Bill).where(Bill.bill_no.in_(bill_nos)).order_by(Bill.id))}
        unit = self._load_unit(s, ctx) if payments else None
        head = None
        if any(op["kind"] == "audit" and op["key"] in fresh for op in ops):
            head = self._lock(s, select(AuditHead).where(AuditHead.device_id == ctx.device_id))
        results, outcomes = [], []
        for op, digest in zip(ops, digests, strict=True):
            key, data = op["key"], op["data"]
            if key not in fresh:
                results.append(self._replayed(s, ctx, key, digest))
                continue
            try:
                if op["kind"] == "payment":
                    result = self._settle(s, ctx, key, data, accounts.get(data["account_code"]),
                                          bills, unit)
                else:
                    result, head = self._chain(s, ctx, data, head)
                status = "applied"
            except Rejected as r:
                result, status = {"reason": r.reason, "message": r.message}, "rejected"
                if r.alert:
                    s.add(Alert(unit_code=ctx.unit_code, kind=r.reason, op_key=key,
                                message=r.alert, created_at=now))
            outcomes.append({"key": key, "status": status, "result": canonical(result)})
            results.append({"key": key, "status": status, **result})
        s.flush()
        if outcomes:
            for outcome in outcomes:
                outcome["device_id"] = ctx.device_id
            s.execute(update(AppliedOp), outcomes)  # by primary key, one round trip
        return results

    def _push_one(self, s: Session, ctx: DeviceContext, op: dict[str, Any]) -> dict[str, Any]:
        key, kind, data = op["key"], op["kind"], op["data"]
        digest = payload_hash(kind, data)
        try:
            with s.begin_nested():
                # the key first: a duplicate fails here, before any effect
                s.add(AppliedOp(key=key, device_id=ctx.device_id, unit_code=ctx.unit_code,
                                kind=kind, payload_hash=digest, status="applied", result="{}",
                                applied_at=self.clock(), replays=0))
                s.flush()
        except IntegrityError:
            return self._replayed(s, ctx, key, digest)
        mark = len(pending_changes(s))
        try:
            with s.begin_nested():
                why = s.info.get("journal_mismatch", {}).get(key)
                if why is not None:
                    raise Rejected(
                        "journal-mismatch",
                        f"Dữ liệu khoản thu khác dòng nhật ký của nó ({why}); không áp dụng.",
                        alert=f"Khoản thu {data.get('receipt_no', key)} của thiết bị "
                              f"{ctx.device_id} khác dòng nhật ký đã ký ({why}): kiểm tra máy "
                              "quầy.")
                result = self._apply(s, ctx, key, kind, data)
            status = "applied"
        except Rejected as r:
            del pending_changes(s)[mark:]  # the savepoint's changes went with it
            result, status = {"reason": r.reason, "message": r.message}, "rejected"
            if r.alert:
                s.add(Alert(unit_code=ctx.unit_code, kind=r.reason, op_key=key,
                            message=r.alert, created_at=self.clock()))
        except IntegrityError:
            del pending_changes(s)[mark:]
            # e.g. a receipt number this device already used under another key
            result, status = {"reason": "conflict", "message": "Trùng dữ liệu với một thao "
                              "tác khác (số biên nhận?); không áp dụng."}, "rejected"
        applied = s.get(AppliedOp, (ctx.device_id, key))
        assert applied is not None
        applied.status, applied.result = status, canonical(result)
        return {"key": key, "status": status, **result}

    def _replayed(self, s: Session, ctx: DeviceContext, key: str, digest: str) -> dict[str, Any]:
        prior = s.get(AppliedOp, (ctx.device_id, key))
        if prior is None:  # an integrity error that was not the key: a real bug
            raise RuntimeError(f"integrity error on {key} without a prior operation")
        # counted in the database (a concurrent duplicate through another worker must not
        # overwrite this one's count)
        s.execute(update(AppliedOp).where(AppliedOp.device_id == ctx.device_id,
                                          AppliedOp.key == key)
                  .values(replays=AppliedOp.replays + 1)
                  .execution_options(synchronize_session=False))
        if prior.payload_hash != digest:
            logger.error("key %s reused with different content (device %s)", key, ctx.device_id)
            return {"key": key, "status": "rejected", "reason": "key-reused",
                    "message": "Khóa này đã dùng cho một thao tác khác; không áp dụng."}
        return {"key": key, "status": "duplicate", "original_status": prior.status,
                **json.loads(prior.result)}

    def _apply(self, s: Session, ctx: DeviceContext, key: str, kind: str,
               data: dict[str, Any]) -> dict[str, Any]:
        if kind == "payment":
            return self._apply_payment(s, ctx, key, data)
        if kind == "void":
            return self._apply_void(s, ctx, key, data)
        if kind == "audit":
            return self._apply_audit(s, ctx, data)
        if kind == "shift_close":
            return self._apply_shift_close(s, ctx, data)
        if kind == "service_request":
            return self._apply_service_request(s, ctx, key, data)
        raise Rejected("unknown-kind", f"Loại thao tác không hỗ trợ: {kind}")

    def _lock(self, s: Session, stmt: Any) -> Any:
        if s.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        return s.scalar(stmt)

    def _lock_all(self, s: Session, stmt: Any) -> list[Any]:
        """Rows read to be written, locked on PostgreSQL (in the statement's order: id)."""
        if s.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        return list(s.scalars(stmt))

    def _apply_payment(self, s: Session, ctx: DeviceContext, key: str,
                       d: dict[str, Any]) -> dict[str, Any]:
        account = self._lock(s, select(Account).where(Account.code == d["account_code"]))
        bills = {b.bill_no: b for b in (
            self._lock(s, select(Bill).where(Bill.bill_no == item["bill_no"]))
            for item in d["bills"]) if b is not None}
        return self._settle(s, ctx, key, d, account, bills, self._load_unit(s, ctx))

    def _load_unit(self, s: Session, ctx: DeviceContext) -> Unit | None:
        """The device's unit into the session; locked only when it has a collection limit.

        Only an agent's running total (``unremitted``) is written by payments:
        locking every unit's row would queue all of a district's counters
        behind one another.
        """
        unit = s.get(Unit, ctx.unit_code)
        if (unit is not None and unit.collection_limit is not None
                and s.get_bind().dialect.name == "postgresql"):
            s.execute(select(Unit).where(Unit.code == ctx.unit_code).with_for_update()
                      .execution_options(populate_existing=True))
        # returned, and held by the caller: the session's identity map keeps
        # only weak references, and a second ``get`` would be a second query
        return unit

    def _settle(self, s: Session, ctx: DeviceContext, key: str, d: dict[str, Any],
                account: Account | None, bills: dict[str, Bill],
                unit: Unit | None) -> dict[str, Any]:
        """The payment rules, on rows the caller loaded (and locked on PostgreSQL).

        Everything that refuses the payment is checked before anything changes,
        so a refusal needs no rollback.
        """
        # another unit's account answers as an unknown one: a token holder cannot tell
        # which codes exist elsewhere
        if account is None or account.unit_code != ctx.unit_code:
            raise Rejected("unknown-account", f"Không có khách hàng {d['account_code']}.")
        if sum(b["amount"] for b in d["bills"]) != d["amount"]:
            raise Rejected("amount-mismatch", "Tổng tiền các hóa đơn khác số tiền thu.")
        if d["method"] == "vietqr":
            if key != vietqr_payment_key(d.get("intent_ref") or ""):
                # one intent, one key: a second payment citing the same paid intent under
                # another key would credit money the bank paid once
                raise Rejected("intent-key", "Khoản thu VietQR phải mang khóa của mã thanh toán "
                               "nó dẫn chiếu; không áp dụng.",
                               alert=f"Thiết bị {ctx.device_id} gửi khoản thu dẫn chiếu mã "
                                     f"VietQR {d.get('intent_ref')} dưới một khóa khác.")
            intent = s.get(PaymentIntent, d.get("intent_ref") or "")
            if (intent is None or intent.status != "paid" or intent.amount != d["amount"]
                    or intent.account_code != account.code or intent.device_id != ctx.device_id):
                raise Rejected("intent-not-paid", "Không có xác nhận của ngân hàng cho khoản "
                               "thu VietQR này.")
        for item in d["bills"]:
            bill = bills.get(item["bill_no"])
            if bill is None or bill.account_id != account.id:
                raise Rejected("unknown-bill", f"Hóa đơn {item['bill_no']} không thuộc khách hàng.")
        paid_at = dt.datetime.fromisoformat(d["paid_at"])
        settled, credited, alerts = [], 0, []
        now = self.clock()
        if paid_at > now + CLOCK_AHEAD or paid_at < now - OFFLINE_AT_MOST:
            # kept as it came (the money was taken), but a supervisor looks at that counter
            s.add(Alert(unit_code=ctx.unit_code, kind="clock-skew", op_key=key,
                        message=f"Khoản thu {d['receipt_no']} mang giờ {paid_at.isoformat()} "
                                f"khi trung tâm nhận lúc {now.isoformat(timespec='seconds')}: "
                                "đồng hồ của quầy có thể sai.", created_at=now))
        for item in d["bills"]:
            bill = bills[item["bill_no"]]
            if bill.status == "unpaid" and item["amount"] == bill.total:
                bill.status, bill.paid_at, bill.paid_by = "paid", paid_at, key
                record_change(s, ctx.unit_code, "bill", bill.id, "upsert", bill_data(bill))
                settled.append(bill.bill_no)
            else:
                # Paid elsewhere meanwhile (or not the bill's amount): the cash is
                # kept as credit on the account and a supervisor is alerted.
                credited += item["amount"]
                message = (f"Hóa đơn {bill.bill_no} đã được thanh toán nơi khác; "
                           f"{format_vnd(item['amount'])} ghi có cho khách hàng {account.code}.")
                s.add(Alert(unit_code=ctx.unit_code, kind="credit", op_key=key,
                            message=message, created_at=self.clock()))
                alerts.append(message)
        # the change rounded down to the drawer's smallest note: the rest is credit
        # (no alert: it is the rule, not a conflict)
        credited += int(d.get("change_credit") or 0)
        if credited:
            account.credit += credited
            record_change(s, ctx.unit_code, "account", account.id, "upsert",
                          account_data(account))
        s.add(Payment(key=key, device_id=ctx.device_id, unit_code=ctx.unit_code,
                      account_id=account.id, receipt_no=d["receipt_no"], method=d["method"],
                      amount=d["amount"], paid_at=paid_at, status="taken", credited=credited,
                      shift_key=d.get("shift_key")))
        if unit is not None and unit.collection_limit is not None and d["method"] == "cash":
            # the cash is in the unit's hands until remitted
            unit.unremitted += d["amount"]
            record_change(s, ctx.unit_code, "unit", unit.code, "upsert", unit_data(unit))
            if unit.unremitted > unit.collection_limit:
                s.add(Alert(unit_code=ctx.unit_code, kind="over-limit", op_key=key,
                            message=f"{unit.name}: tiền thu chưa nộp {format_vnd(unit.unremitted)}"
                                    f" vượt hạn mức {format_vnd(unit.collection_limit)}.",
                            created_at=self.clock()))
        record_id = payment_record_id(key, ctx.device_id)
        record_change(s, ctx.unit_code, "payment_record", record_id, "upsert", {
            "id": record_id, "account_id": account.id, "paid_at": paid_at.isoformat(),
            "amount": d["amount"], "method": d["method"], "receipt_no": d["receipt_no"],
            "place": f"Quầy thu {unit.name if unit else ctx.unit_code}"})
        return {"settled": settled, "credited": credited, "alerts": alerts}

    def _apply_void(self, s: Session, ctx: DeviceContext, key: str,
                    d: dict[str, Any]) -> dict[str, Any]:
        payment = self._lock(s, select(Payment).where(Payment.device_id == ctx.device_id,
                                                      Payment.key == d["payment_key"]))
        if payment is None:
            payment = s.scalar(select(Payment).where(Payment.key == d["payment_key"],
                                                     Payment.unit_code == ctx.unit_code)
                               .limit(1))
        if payment is None:
            raise Rejected("unknown-payment", "Không có khoản thu cần hủy.")
        if payment.device_id != ctx.device_id:
            # money is undone only where it was taken (or by a supervisor at central)
            raise Rejected("other-device", "Chỉ quầy đã thu khoản này mới hủy được; báo giám "
                           "sát để hủy tại trung tâm.",
                           alert=f"Thiết bị {ctx.device_id} tìm cách hủy khoản thu "
                                 f"{payment.receipt_no} của thiết bị {payment.device_id}.")
        if payment.status == "settled":
            raise Rejected("already-settled",
                           "Khoản thu đã quyết toán với trung tâm; không hủy được tại quầy.")
        if payment.status == "voided":
            raise Rejected("already-voided", "Khoản thu này đã hủy.")
        payment.status = "voided"
        unit = s.get(Unit, ctx.unit_code)
        if unit is not None and unit.collection_limit is not None and payment.method == "cash":
            unit.unremitted = max(0, unit.unremitted - payment.amount)
            record_change(s, ctx.unit_code, "unit", unit.code, "upsert", unit_data(unit))
        for record in {payment_record_id(payment.key, ctx.device_id),
                       legacy_payment_record_id(payment.key)}:
            record_change(s, ctx.unit_code, "payment_record", record, "delete", {"id": record})
        reopened = []
        # the bills this payment settled, not every bill another device's payment
        # under the same key may have settled
        applied = s.get(AppliedOp, (ctx.device_id, payment.key))
        settled = set(json.loads(applied.result).get("settled", [])) if applied else set()
        for bill in s.scalars(select(Bill).where(Bill.paid_by == payment.key,
                                                 Bill.bill_no.in_(settled))):
            bill.status, bill.paid_at, bill.paid_by = "unpaid", None, None
            record_change(s, ctx.unit_code, "bill", bill.id, "upsert", bill_data(bill))
            reopened.append(bill.bill_no)
        if payment.credited:
            account = s.get(Account, payment.account_id)
            assert account is not None
            account.credit -= payment.credited
            record_change(s, ctx.unit_code, "account", account.id, "upsert",
                          account_data(account))
        return {"reopened": reopened}

    def _apply_audit(self, s: Session, ctx: DeviceContext, d: dict[str, Any]) -> dict[str, Any]:
        head = self._lock(s, select(AuditHead).where(AuditHead.device_id == ctx.device_id))
        return self._chain(s, ctx, d, head)[0]

    def _chain(self, s: Session, ctx: DeviceContext, d: dict[str, Any],
               head: AuditHead | None) -> tuple[dict[str, Any], AuditHead]:
        """Accept a journal line only where the device's chain must go on (``head``, locked)."""
        seq, prev = (head.seq, head.hash) if head is not None else (0, GENESIS)
        entry = d["entry"]
        problem = None
        if entry.get("seq") != d["seq"] or chain_hash(d["prev_hash"], entry) != d["hash"]:
            problem = f"dòng {d['seq']} không khớp mã băm của chính nó (bị sửa)"
        elif d["seq"] != seq + 1 or d["prev_hash"] != prev:
            problem = (f"dòng {d['seq']} không nối tiếp dòng {seq} trung tâm đã nhận "
                       f"(nhật ký bị xóa, chèn, đảo hoặc viết lại)")
        if problem is not None:
            logger.error("audit chain of device %s broken at line %s", ctx.device_id, d["seq"])
            raise Rejected("audit-chain-broken", f"Nhật ký không hợp lệ: {problem}.",
                           alert=f"Thiết bị {ctx.device_id}: chuỗi nhật ký bị phá vỡ — {problem}.")
        if head is None:
            head = AuditHead(device_id=ctx.device_id, seq=d["seq"], hash=d["hash"])
            s.add(head)
        else:
            head.seq, head.hash = d["seq"], d["hash"]
        s.add(AuditLine(device_id=ctx.device_id, seq=d["seq"], prev_hash=d["prev_hash"],
                        hash=d["hash"], entry=canonical(entry), received_at=self.clock()))
        return {"seq": d["seq"]}, head

    def _apply_shift_close(self, s: Session, ctx: DeviceContext,
                           d: dict[str, Any]) -> dict[str, Any]:
        if s.get(ShiftClosing, (ctx.device_id, d["shift_key"])) is not None:
            raise Rejected("shift-already-closed", "Ca này đã được đóng và gửi trước đó.")
        s.add(ShiftClosing(shift_key=d["shift_key"], device_id=ctx.device_id,
                           unit_code=ctx.unit_code, staff=d["staff"],
                           closed_at=dt.datetime.fromisoformat(d["closed_at"]), data=canonical(d)))
        s.flush()
        return {"reconciliation": self._shift_totals(s, ctx, d["shift_key"])}

    def _apply_service_request(self, s: Session, ctx: DeviceContext, key: str,
                               d: dict[str, Any]) -> dict[str, Any]:
        code = d.get("account_code")
        if code is not None:
            account = s.scalar(select(Account).where(Account.code == code))
            if account is None or account.unit_code != ctx.unit_code:
                raise Rejected("unknown-account", f"Không có khách hàng {code}.")
        now = self.clock()
        request = ServiceRequest(key=key, ref=d["ref"], unit_code=ctx.unit_code,
                                 device_id=ctx.device_id, kind=d["kind"], account_code=code,
                                 data=canonical(d), status="received", note=None,
                                 created_at=dt.datetime.fromisoformat(d["created_at"]),
                                 updated_at=now)
        s.add(request)
        s.flush()
        record_change(s, ctx.unit_code, "service_request", key, "upsert", request_data(request))
        return {"ref": d["ref"], "request_status": "received"}

    def set_request_status(self, ref: str, status: str, note: str | None = None) -> dict[str, Any]:
        """The back office moves a request on; the unit's counters see it at their next pull."""
        if status not in REQUEST_STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(REQUEST_STATUSES)}")
        with self._tx() as s:
            request = s.scalar(select(ServiceRequest).where(ServiceRequest.ref == ref))
            if request is None:
                raise ValueError(f"no service request {ref}")
            request.status, request.note, request.updated_at = status, note, self.clock()
            record_change(s, request.unit_code, "service_request", request.key, "upsert",
                          request_data(request))
            return request_data(request)

    def list_requests(self, unit_code: str | None = None) -> list[dict[str, Any]]:
        with self.sessions() as s:
            q = select(ServiceRequest).order_by(ServiceRequest.created_at)
            if unit_code:
                q = q.where(ServiceRequest.unit_code == unit_code)
            return [{**request_data(r), "unit": r.unit_code} for r in s.scalars(q)]

    def _shift_totals(self, s: Session, ctx: DeviceContext, shift_key: str) -> dict[str, Any]:
        rows = s.execute(select(Payment.method, Payment.status, func.count(),
                                func.sum(Payment.amount))
                         .where(Payment.shift_key == shift_key,
                                Payment.device_id == ctx.device_id)
                         .group_by(Payment.method, Payment.status)).all()
        taken: dict[str, dict[str, int]] = {}
        voided = {"count": 0, "amount": 0}
        for method, status, n, amount in rows:
            if status == "voided":
                voided["count"] += int(n)
                voided["amount"] += int(amount)
            else:
                entry = taken.setdefault(method, {"count": 0, "amount": 0})
                entry["count"] += int(n)
                entry["amount"] += int(amount)
        return {"shift_key": shift_key, "by_method": taken, "voided": voided}

    def reconciliation(self, ctx: DeviceContext, shift_key: str) -> dict[str, Any]:
        """Central's totals of one of the device's shifts, for the counter to compare."""
        with self.sessions() as s:
            closing = s.get(ShiftClosing, (ctx.device_id, shift_key))
            totals = self._shift_totals(s, ctx, shift_key)
            totals["closing"] = json.loads(closing.data) if closing else None
            return totals

    # -- VietQR ---------------------------------------------------------------------------

    def create_intent(self, ctx: DeviceContext, account_code: str, bill_nos: list[str],
                      amount: int) -> dict[str, Any]:
        """A payment intent for the unit's collection account; the counter draws the QR."""
        now = self.clock()
        with self._tx() as s:
            unit = s.get(Unit, ctx.unit_code)
            if unit is None or not unit.bank_bin or not unit.bank_account:
                raise Problem(409, "vietqr-unavailable",
                              "The unit has no collection account for VietQR")
            account = s.scalar(select(Account).where(Account.code == account_code))
            if account is None or account.unit_code != ctx.unit_code:
                raise Problem(404, "account-not-found", "No such account")
            bills = s.scalars(select(Bill).where(Bill.bill_no.in_(bill_nos),
                                                 Bill.account_id == account.id)).all()
            if len(bills) != len(set(bill_nos)) or any(b.status != "unpaid" for b in bills):
                raise Problem(409, "bills-not-payable", "A bill is unknown or already paid")
            if sum(b.total for b in bills) != amount:
                raise Problem(409, "amount-mismatch", "The amount is not the bills' total")
            intent = PaymentIntent(
                reference="QT" + secrets.token_hex(5).upper(), device_id=ctx.device_id,
                unit_code=ctx.unit_code, account_code=account_code,
                bills_json=json.dumps(sorted(bill_nos)), amount=amount, status="pending",
                created_at=now, expires_at=now + INTENT_TTL)
            s.add(intent)
            s.flush()
            return self._intent_data(intent, unit)

    def intent(self, ctx: DeviceContext, reference: str, *, cancel: bool = False) -> dict[str, Any]:
        with self._tx() as s:
            intent = s.get(PaymentIntent, reference)
            if intent is None or intent.device_id != ctx.device_id:
                raise Problem(404, "intent-not-found", "No such payment intent")
            if intent.status == "pending" and intent.expires_at <= self.clock():
                intent.status = "expired"
            if cancel and intent.status == "pending":
                intent.status = "cancelled"
            return self._intent_data(intent, s.get(Unit, intent.unit_code))

    @staticmethod
    def _intent_data(intent: PaymentIntent, unit: Unit | None) -> dict[str, Any]:
        bills = json.loads(intent.bills_json)
        return {"reference": intent.reference, "status": intent.status,
                "amount": intent.amount, "account_code": intent.account_code, "bills": bills,
                "bank_bin": unit.bank_bin if unit else None,
                "bank_account": unit.bank_account if unit else None,
                "bill_no": bills[0] if len(bills) == 1 else intent.reference,
                "purpose": bill_purpose(intent.account_code),
                "expires_at": intent.expires_at.isoformat(),
                "paid_at": intent.paid_at.isoformat() if intent.paid_at else None,
                "bank_ref": intent.bank_ref}

    def bank_notification(self, body: bytes, timestamp: str | None,
                          signature: str | None) -> dict[str, Any]:
        """The bank says money arrived: signed, recent, once, for a pending intent."""
        if not self.bank_secret:
            raise Problem(503, "bank-not-configured", "No bank secret is configured")
        if not timestamp or not signature or not timestamp.isdigit():
            raise Problem(401, "bad-signature", "Signature and timestamp are required")
        expected = bank_signature(self.bank_secret, timestamp, body)
        if not hmac.compare_digest(expected, signature.lower()):
            logger.warning("bank notification with a bad signature refused")
            raise Problem(401, "bad-signature", "The signature does not match")
        # compared as numbers: a timestamp of 25 nines is stale, not an overflow
        if abs(self.clock().timestamp() - int(timestamp)) > BANK_WINDOW.total_seconds():
            raise Problem(401, "stale-notification", "The timestamp is outside the window")
        try:
            note = json.loads(body)
            reference, bank_ref = str(note["reference"]), str(note["bank_ref"])[:64]
            amount = note["amount"]
            if not isinstance(amount, int) or isinstance(amount, bool):
                raise TypeError("amount")
        except (ValueError, KeyError, TypeError) as exc:
            raise Problem(422, "invalid-notification", "Malformed notification") from exc
        now = self.clock()
        try:
            with self._tx() as s:
                s.add(BankNotification(bank_ref=bank_ref, reference=reference, amount=amount,
                                       received_at=now, outcome="received"))
                s.flush()
        except IntegrityError:
            logger.warning("bank notification %s replayed", bank_ref)
            raise Problem(409, "notification-replayed",
                          "This notification was already received") from None
        problem: Problem | None = None
        with self._tx() as s:  # the outcome and any alert are kept even when refused
            row = s.get(BankNotification, bank_ref)
            assert row is not None
            intent = s.get(PaymentIntent, reference, with_for_update=True)
            if intent is None:
                row.outcome = "unknown-reference"
                problem = Problem(404, "intent-not-found", "No such payment intent")
            elif intent.amount != amount:
                row.outcome = "amount-mismatch"
                s.add(Alert(unit_code=intent.unit_code, kind="vietqr-amount", op_key=reference,
                            message=f"Ngân hàng báo {format_vnd(amount)} cho mã {reference} "
                                    f"cần {format_vnd(intent.amount)}.", created_at=now))
                problem = Problem(409, "amount-mismatch", "The amount differs from the intent")
            elif intent.status != "pending" or intent.expires_at <= now:
                row.outcome = "late"
                s.add(Alert(unit_code=intent.unit_code, kind="vietqr-late", op_key=reference,
                            message=f"Tiền VietQR {format_vnd(amount)} ({bank_ref}) đến khi mã "
                                    f"{reference} không còn chờ: cần xử lý hoàn tiền.",
                            created_at=now))
                problem = Problem(409, "intent-closed", "The intent is no longer pending")
            else:
                intent.status, intent.paid_at, intent.bank_ref = "paid", now, bank_ref
                row.outcome = "paid"
        if problem is not None:
            raise problem
        return {"reference": reference, "status": "paid"}

    def verify_receipt(self, text: str) -> dict[str, Any]:
        """Is a receipt's verification QR genuine, and does central hold that payment?

        ``QT|<receipt no>|<customer code>|<amount>|<MAC>``: the MAC is HMAC-SHA256
        keyed with the SHA-256 of the issuing device's token (what central stores).
        """
        parts = text.strip().split("|")
        if len(parts) != 5 or parts[0] not in ("QT", "QT2") or not parts[3].isdigit():
            return {"valid": False, "reason": "not-a-receipt"}
        receipt_no, customer, amount, mac = parts[1], parts[2], int(parts[3]), parts[4].upper()
        issuer = device_of_receipt(receipt_no)
        if issuer is None:
            return {"valid": False, "reason": "not-a-receipt"}
        unit_code, number = issuer
        with self.sessions() as s:
            device = s.get(Device, number)
            if device is None or device.unit_code != unit_code:
                return {"valid": False, "reason": "unknown-device"}
            if parts[0] == "QT2":  # 64 bits, keyed by what only central's secret gives
                expected = receipt_mac(self.receipt_key(device.id), receipt_no, customer,
                                       amount, digits=16)
            else:  # the first format: 32 bits, keyed by the token's hash
                expected = receipt_mac(device.token_hash, receipt_no, customer, amount)
            if not hmac.compare_digest(expected, mac):
                return {"valid": False, "reason": "forged"}
            if device.revoked_at is not None:
                # a revoked device's token may be in anyone's hands: nothing it signs counts
                return {"valid": False, "reason": "device-revoked"}
            payment = s.scalar(select(Payment).where(Payment.device_id == device.id,
                                                     Payment.receipt_no == receipt_no))
            if payment is None:
                # a MAC alone proves only that someone held the device's key; a receipt is
                # valid when central holds its payment (a real one not yet synced is
                # checked again after the counter's next sync)
                return {"valid": False, "reason": "not-at-central", "payment": None}
            held = {"receipt_no": receipt_no, "amount": payment.amount,
                    "status": payment.status, "paid_at": payment.paid_at.isoformat()}
            if payment.status == "voided":
                return {"valid": False, "reason": "voided", "payment": held}
            if payment.amount != amount:
                return {"valid": False, "reason": "amount-differs", "payment": held}
            return {"valid": True, "reason": payment.status, "payment": held}

    def import_bundle(self, bundle: dict[str, Any]) -> dict[str, Any]:
        """Apply a counter's signed bundle of unsent operations (``quaythu export-unsent``)
        exactly once: the signature is the device's (keyed by the token hash central
        holds), every operation is checked against its schema, and the push path applies
        each key at most once."""
        body = {k: v for k, v in bundle.items() if k != "mac"}
        device_part = body.get("device")
        if body.get("format") != "quaythu-unsent/1" or not isinstance(device_part, dict):
            raise ValueError("not a QuayThu bundle of unsent operations")
        with self.sessions() as s:
            device = s.get(Device, int(device_part.get("device_id", 0)))
        if device is None or device.unit_code != device_part.get("unit_code"):
            raise ValueError("the bundle names a device central does not know")
        if device.revoked_at is not None:
            raise ValueError("the bundle's device was revoked")
        if not hmac.compare_digest(bundle_mac(device.token_hash, body),
                                   str(bundle.get("mac", ""))):
            raise ValueError("the bundle's signature does not match its device")
        ctx = DeviceContext(device.id, device.unit_code)
        ops, refused = [], []
        for op in body.get("ops") or []:
            try:
                ops.append({"key": str(op["key"]), "kind": str(op["kind"]),
                            "data": checked_data(str(op["kind"]), op["data"])})
            except (ValueError, KeyError, TypeError) as exc:
                refused.append({"key": str(op.get("key", "?")), "reason": str(exc)[:200]})
        counts: dict[str, int] = {}
        for start in range(0, len(ops), 500):
            for result in self.push(ctx, ops[start:start + 500]):
                counts[result["status"]] = counts.get(result["status"], 0) + 1
        logger.info("bundle of device %s imported: %s", device.id, counts)
        return {"device_id": device.id, "results": counts, "malformed": refused}

    def receipt_key(self, device_id: int) -> str:
        """The key a device signs its receipts with (``QT2``), given at enrolment and renewal."""
        return device_receipt_key(self.receipt_secret, device_id)

    def device_numbers(self, ctx: DeviceContext) -> dict[str, Any]:
        """What central holds of the calling device's numbering: the highest receipt number
        it pushed and its journal's head (a counter put back to an old copy compares)."""
        with self.sessions() as s:
            # receipt numbers have one width per device: the greatest text is the last
            last = s.scalar(select(func.max(Payment.receipt_no))
                            .where(Payment.device_id == ctx.device_id))
            head = s.get(AuditHead, ctx.device_id)
        seq = int(last.rsplit("-", 1)[1]) if last and last.rsplit("-", 1)[1].isdigit() else 0
        return {"device_id": ctx.device_id, "last_receipt_seq": seq,
                "audit_seq": head.seq if head else 0, "audit_hash": head.hash if head else GENESIS}

    def audit_head(self, ctx: DeviceContext) -> dict[str, Any]:
        with self.sessions() as s:
            head = s.get(AuditHead, ctx.device_id)
            return {"seq": head.seq, "hash": head.hash} if head else {"seq": 0, "hash": GENESIS}

    def alerts(self, unit_code: str | None = None) -> list[dict[str, Any]]:
        with self.sessions() as s:
            q = select(Alert).order_by(Alert.id)
            if unit_code:
                q = q.where(Alert.unit_code == unit_code)
            return [{"unit": a.unit_code, "kind": a.kind, "op_key": a.op_key,
                     "message": a.message, "created_at": a.created_at.isoformat()}
                    for a in s.scalars(q)]

    def settle(self, unit_code: str, before: dt.datetime) -> int:
        """Mark the unit's payments taken before ``before`` as settled (end of day)."""
        with self._tx() as s:
            rows = s.scalars(select(Payment).where(Payment.unit_code == unit_code,
                                                   Payment.status == "taken",
                                                   Payment.paid_at < before)).all()
            for p in rows:
                p.status = "settled"
            return len(rows)

    # -- live check and statistics -----------------------------------------------------------

    def bills_of(self, ctx: DeviceContext, account_code: str) -> dict[str, Any]:
        with self.sessions() as s:
            account = s.scalar(select(Account).where(Account.code == account_code))
            if account is None or account.unit_code != ctx.unit_code:
                raise Problem(404, "account-not-found", "No such account")
            bills = s.scalars(select(Bill).where(Bill.account_id == account.id)
                              .order_by(Bill.period_end)).all()
            return {"account": account_data(account), "bills": [bill_data(b) for b in bills],
                    "as_of": self.clock().isoformat()}

    def stats(self) -> list[dict[str, Any]]:
        with self.sessions() as s:
            units = s.scalars(select(Unit.code).order_by(Unit.code)).all()
            ops = dict(((u, st), n) for u, st, n in s.execute(
                select(AppliedOp.unit_code, AppliedOp.status, func.count())
                .where(AppliedOp.kind == "payment")
                .group_by(AppliedOp.unit_code, AppliedOp.status)))
            replays = dict(s.execute(select(AppliedOp.unit_code, func.sum(AppliedOp.replays))
                                     .group_by(AppliedOp.unit_code)).all())
            credits = dict(s.execute(select(Payment.unit_code, func.count())
                                     .where(Payment.credited > 0).group_by(Payment.unit_code)).all())
            return [{"unit": u, "payments_applied": ops.get((u, "applied"), 0),
                     "duplicates_refused": int(replays.get(u) or 0),
                     "payments_rejected": ops.get((u, "rejected"), 0),
                     "credits": credits.get(u, 0)} for u in units]
