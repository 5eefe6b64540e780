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
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central.models import (
    Account,
    Alert,
    AppliedOp,
    Bill,
    Change,
    Device,
    EnrolmentCode,
    Payment,
    Unit,
)
from central.problems import Problem
from central.security import hash_code, hash_token, new_enrolment_code, new_token
from desktop.money import format_vnd

logger = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
OP_KINDS = ("payment", "void")
MAX_PULL = 5000


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def payload_hash(kind: str, data: Any) -> str:
    return hashlib.sha256(canonical({"kind": kind, "data": data}).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class DeviceContext:
    device_id: int
    unit_code: str


class Rejected(Exception):
    """An operation the business rules refuse; stored so replays get the same answer."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


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


def payment_record_id(key: str) -> int:
    """A stable integer id for a payment's history row: 60 bits of its UUID."""
    return int(key.replace("-", "")[:15], 16)


def record_change(s: Session, unit_code: str, entity: str, entity_id: object, op: str,
                  data: dict[str, Any] | None) -> None:
    if s.get_bind().dialect.name == "postgresql":
        # Sequence values are handed out at insert but become visible at
        # commit; serialising the writers of the log keeps commit order equal
        # to seq order, so a pull never steps over a change committed late.
        s.execute(text("SELECT pg_advisory_xact_lock(7041)"))
    s.add(Change(unit_code=unit_code, entity=entity, entity_id=str(entity_id), op=op,
                 data=canonical(data or {})))


class Central:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utcnow) -> None:
        self.sessions = sessions
        self.clock = clock

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self.sessions() as s, s.begin():
            yield s

    # -- administration ------------------------------------------------------------

    def add_unit(self, code: str, name: str, kind: str = "power_company") -> None:
        if kind not in ("power_company", "agent", "route"):
            raise ValueError(f"unknown unit kind {kind!r}")
        with self._tx() as s:
            if s.get(Unit, code) is not None:
                raise ValueError(f"unit {code} exists")
            s.add(Unit(code=code, name=name, kind=kind, created_at=self.clock()))
            record_change(s, code, "unit", code, "upsert", {"code": code, "name": name,
                                                             "kind": kind})

    def issue_enrolment_code(self, unit_code: str, ttl: dt.timedelta = dt.timedelta(hours=24)) -> str:
        code = new_enrolment_code()
        with self._tx() as s:
            if s.get(Unit, unit_code) is None:
                raise ValueError(f"no unit {unit_code}")
            s.add(EnrolmentCode(code_hash=hash_code(code), unit_code=unit_code,
                                expires_at=self.clock() + ttl))
        return code

    def enrol(self, code: str, device_name: str) -> tuple[str, DeviceContext]:
        token = new_token()
        now = self.clock()
        with self._tx() as s:
            row = s.get(EnrolmentCode, hash_code(code), with_for_update=True)
            if row is None:
                raise Problem(400, "enrolment-code-invalid", "Unknown enrolment code")
            if row.used_at is not None:
                raise Problem(410, "enrolment-code-used", "Enrolment code already used")
            if row.expires_at <= now:
                raise Problem(410, "enrolment-code-expired", "Enrolment code expired")
            device = Device(unit_code=row.unit_code, name=device_name[:100],
                            token_hash=hash_token(token), enrolled_at=now)
            s.add(device)
            s.flush()
            row.used_at, row.device_id = now, device.id
            ctx = DeviceContext(device.id, row.unit_code)
        logger.info("device %s enrolled in unit %s", ctx.device_id, ctx.unit_code)
        return token, ctx

    def revoke(self, device_id: int) -> None:
        with self._tx() as s:
            device = s.get(Device, device_id)
            if device is None:
                raise ValueError(f"no device {device_id}")
            device.revoked_at = self.clock()

    def authenticate(self, token: str | None) -> DeviceContext:
        if not token:
            raise Problem(401, "unauthenticated", "A device token is required")
        with self.sessions() as s:
            device = s.scalar(select(Device).where(Device.token_hash == hash_token(token)))
        if device is None:
            raise Problem(401, "unauthenticated", "Unknown device token")
        if device.revoked_at is not None:
            raise Problem(401, "device-revoked", "This device was revoked")
        return DeviceContext(device.id, device.unit_code)

    # -- pull --------------------------------------------------------------------------

    def pull(self, ctx: DeviceContext, cursor: int, limit: int) -> dict[str, Any]:
        limit = max(1, min(limit, MAX_PULL))
        with self.sessions() as s:
            rows = s.execute(
                select(Change.seq, Change.entity, Change.op, Change.data)
                .where(Change.unit_code == ctx.unit_code, Change.seq > cursor)
                .order_by(Change.seq).limit(limit + 1)
            ).all()
        more = len(rows) > limit
        rows = rows[:limit]
        return {
            "changes": [{"seq": r.seq, "entity": r.entity, "op": r.op,
                         "data": json.loads(r.data)} for r in rows],
            "cursor": rows[-1].seq if rows else cursor,
            "more": more,
        }

    # -- push ----------------------------------------------------------------------------

    def push(self, ctx: DeviceContext, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Apply a batch in one transaction, each operation in a savepoint of its own.

        One commit per batch instead of one per operation (the disk's flush is
        the cost); a savepoint still keeps a refused or duplicate operation
        from touching the ones behind it.
        """
        with self._tx() as s:
            return [self._push_one(s, ctx, op) for op in ops]

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
        try:
            with s.begin_nested():
                result = self._apply(s, ctx, key, kind, data)
            status = "applied"
        except Rejected as r:
            result, status = {"reason": r.reason, "message": r.message}, "rejected"
        except IntegrityError:
            # e.g. a receipt number this device already used under another key
            result, status = {"reason": "conflict", "message": "Trùng dữ liệu với một thao "
                              "tác khác (số biên nhận?); không áp dụng."}, "rejected"
        applied = s.get(AppliedOp, key)
        assert applied is not None
        applied.status, applied.result = status, canonical(result)
        return {"key": key, "status": status, **result}

    def _replayed(self, s: Session, ctx: DeviceContext, key: str, digest: str) -> dict[str, Any]:
        prior = s.get(AppliedOp, key)
        if prior is None:  # an integrity error that was not the key: a real bug
            raise RuntimeError(f"integrity error on {key} without a prior operation")
        prior.replays += 1
        if prior.payload_hash != digest or prior.unit_code != ctx.unit_code:
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
        raise Rejected("unknown-kind", f"Loại thao tác không hỗ trợ: {kind}")

    def _lock(self, s: Session, stmt: Any) -> Any:
        if s.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        return s.scalar(stmt)

    def _apply_payment(self, s: Session, ctx: DeviceContext, key: str,
                       d: dict[str, Any]) -> dict[str, Any]:
        account = self._lock(s, select(Account).where(Account.code == d["account_code"]))
        if account is None:
            raise Rejected("unknown-account", f"Không có khách hàng {d['account_code']}.")
        if account.unit_code != ctx.unit_code:
            raise Rejected("other-unit", "Khách hàng thuộc đơn vị khác.")
        if sum(b["amount"] for b in d["bills"]) != d["amount"]:
            raise Rejected("amount-mismatch", "Tổng tiền các hóa đơn khác số tiền thu.")
        paid_at = dt.datetime.fromisoformat(d["paid_at"])
        settled, credited, alerts = [], 0, []
        for item in d["bills"]:
            bill = self._lock(s, select(Bill).where(Bill.bill_no == item["bill_no"]))
            if bill is None or bill.account_id != account.id:
                raise Rejected("unknown-bill", f"Hóa đơn {item['bill_no']} không thuộc khách hàng.")
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
        if credited:
            account.credit += credited
            record_change(s, ctx.unit_code, "account", account.id, "upsert",
                          account_data(account))
        s.add(Payment(key=key, device_id=ctx.device_id, unit_code=ctx.unit_code,
                      account_id=account.id, receipt_no=d["receipt_no"], method=d["method"],
                      amount=d["amount"], paid_at=paid_at, status="taken", credited=credited))
        s.flush()
        unit = s.get(Unit, ctx.unit_code)
        record_change(s, ctx.unit_code, "payment_record", payment_record_id(key), "upsert", {
            "id": payment_record_id(key), "account_id": account.id, "paid_at": paid_at.isoformat(),
            "amount": d["amount"], "method": d["method"], "receipt_no": d["receipt_no"],
            "place": f"Quầy thu {unit.name if unit else ctx.unit_code}"})
        return {"settled": settled, "credited": credited, "alerts": alerts}

    def _apply_void(self, s: Session, ctx: DeviceContext, key: str,
                    d: dict[str, Any]) -> dict[str, Any]:
        payment = self._lock(s, select(Payment).where(Payment.key == d["payment_key"]))
        if payment is None or payment.unit_code != ctx.unit_code:
            raise Rejected("unknown-payment", "Không có khoản thu cần hủy.")
        if payment.status == "settled":
            raise Rejected("already-settled",
                           "Khoản thu đã quyết toán với trung tâm; không hủy được tại quầy.")
        if payment.status == "voided":
            raise Rejected("already-voided", "Khoản thu này đã hủy.")
        payment.status = "voided"
        record_change(s, ctx.unit_code, "payment_record", payment_record_id(payment.key),
                      "delete", {"id": payment_record_id(payment.key)})
        reopened = []
        for bill in s.scalars(select(Bill).where(Bill.paid_by == payment.key)):
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
            if account is None:
                raise Problem(404, "account-not-found", "No such account")
            if account.unit_code != ctx.unit_code:
                raise Problem(403, "other-unit", "The account belongs to another unit")
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
