"""The push: operations applied at most once per device and key, set-based where
they allow it, one by one in savepoints otherwise."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from central.models import (
    Account,
    Alert,
    AppliedOp,
    AuditHead,
    Bill,
    Device,
    Payment,
)
from central.service.changelog import (
    pending_changes,
)
from central.service.common import (
    DEADLOCK_TRIES,
    DeviceContext,
    Rejected,
    _deadlocked,
)
from central.service.ops.audit import AuditRoom
from central.service.ops.payment import RECEIPTS_HELD, PaymentRoom
from desktop.contract import (
    PaymentMethod,
    PushStatus,
    bundle_mac,
    canonical,
    payload_hash,
)
from desktop.contract_schemas import checked_data

logger = logging.getLogger(__name__)




def _in_order(ops: list[dict[str, Any]],
              apply: Callable[[dict[str, Any]], dict[str, Any]]) -> list[dict[str, Any]]:
    """Apply a batch's journal lines first, then the rest, each in the batch's order; the
    answers in the batch's order."""
    answers: list[dict[str, Any] | None] = [None] * len(ops)
    for first in (True, False):
        for i, op in enumerate(ops):
            if (op["kind"] == "audit") == first:
                answers[i] = apply(op)
    return [a for a in answers if a is not None]


class PushRoom(PaymentRoom, AuditRoom):

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

        The journal lines of a batch are applied before its other operations
        (the answers keep the batch's order): a payment is applied only where
        its device's accepted journal records it (:meth:`_journaled`), and the
        counter writes the line after the payment in its outbox.
        """
        if ops and len({op["key"] for op in ops}) == len(ops) and all(
                op["kind"] == "audit" or (op["kind"] == "payment"
                                          and op["data"].get("method") == PaymentMethod.CASH)
                for op in ops):
            try:
                with self._tx() as s:
                    return self._push_batch(s, ctx, ops)
            except IntegrityError as exc:
                logger.info("a batch of %d hit a constraint (%s); applying it one by one",
                            len(ops), str(exc.orig).splitlines()[0] if exc.orig else exc)
        with self._tx() as s:
            return _in_order(ops, lambda op: self._push_one(s, ctx, op))

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
             "kind": op["kind"], "payload_hash": digest, "status": PushStatus.APPLIED, "result": "{}",
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
        if payments:
            # a receipt number already held is an alert, not a refusal: found in one go
            s.info[RECEIPTS_HELD] = set(s.scalars(select(Payment.receipt_no).where(
                Payment.device_id == ctx.device_id,
                Payment.receipt_no.in_({d["receipt_no"] for d in payments}))))
        head = None
        if any(op["kind"] == "audit" and op["key"] in fresh for op in ops):
            head = self._lock(s, select(AuditHead).where(AuditHead.device_id == ctx.device_id))
        outcomes: list[dict[str, Any]] = []
        by_key = dict(zip((op["key"] for op in ops), digests, strict=True))

        def one(op: dict[str, Any]) -> dict[str, Any]:
            nonlocal head
            key, data = op["key"], op["data"]
            if key not in fresh:
                return self._replayed(s, ctx, key, by_key[key])
            try:
                if op["kind"] == "payment":
                    result = self._settle(s, ctx, key, data, accounts.get(data["account_code"]),
                                          bills, unit)
                else:
                    result, head = self._chain(s, ctx, data, head, key)
                status = PushStatus.APPLIED
            except Rejected as r:
                result, status = {"reason": r.reason, "message": r.message}, PushStatus.REJECTED
                if r.alert:
                    s.add(Alert(unit_code=ctx.unit_code, kind=r.reason, op_key=key,
                                message=r.alert, created_at=now))
            outcomes.append({"key": key, "status": status, "result": canonical(result)})
            return {"key": key, "status": status, **result}

        results = _in_order(ops, one)
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
                                kind=kind, payload_hash=digest, status=PushStatus.APPLIED, result="{}",
                                applied_at=self.clock(), replays=0))
                s.flush()
        except IntegrityError:
            return self._replayed(s, ctx, key, digest)
        mark = len(pending_changes(s))
        try:
            with s.begin_nested():
                result = self._apply(s, ctx, key, kind, data)
            status = PushStatus.APPLIED
        except Rejected as r:
            del pending_changes(s)[mark:]  # the savepoint's changes went with it
            result, status = {"reason": r.reason, "message": r.message}, PushStatus.REJECTED
            if r.alert:
                s.add(Alert(unit_code=ctx.unit_code, kind=r.reason, op_key=key,
                            message=r.alert, created_at=self.clock()))
        except IntegrityError:
            del pending_changes(s)[mark:]
            result, status = {"reason": "conflict", "message": "Trùng dữ liệu với một thao "
                              "tác khác; không áp dụng."}, PushStatus.REJECTED
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
            return {"key": key, "status": PushStatus.REJECTED, "reason": "key-reused",
                    "message": "Khóa này đã dùng cho một thao tác khác; không áp dụng."}
        return {"key": key, "status": PushStatus.DUPLICATE, "original_status": prior.status,
                **json.loads(prior.result)}

    def _apply(self, s: Session, ctx: DeviceContext, key: str, kind: str,
               data: dict[str, Any]) -> dict[str, Any]:
        from central.service.ops import OPS  # the registry knows every room

        handler = OPS.get(kind)
        if handler is None:
            raise Rejected("unknown-kind", f"Loại thao tác không hỗ trợ: {kind}")
        return handler.apply(self, s, ctx, key, data)

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
        ctx = DeviceContext(device.id, device.unit_code, whole_city=device.whole_city)
        ops, refused = [], []
        for op in body.get("ops") or []:
            try:
                ops.append({"key": str(op["key"]), "kind": str(op["kind"]),
                            "data": checked_data(str(op["kind"]), op["data"])})
            except (ValueError, KeyError, TypeError) as exc:
                refused.append({"key": str(op.get("key", "?")), "reason": str(exc)[:200]})
        counts: dict[str, int] = {}
        start = 0
        while start < len(ops):
            end = start + 500
            while end < len(ops) and ops[end]["kind"] == "audit":
                end += 1  # a payment's journal line goes with it, as the counter sends them
            for result in self.push(ctx, ops[start:end]):
                counts[result["status"]] = counts.get(result["status"], 0) + 1
            start = end
        logger.info("bundle of device %s imported: %s", device.id, counts)
        return {"device_id": device.id, "results": counts, "malformed": refused}
