"""The change log: what devices receive, as central records it in each transaction."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from central.models import (
    Account,
    Bill,
    Change,
    ServiceRequest,
    Staff,
    Unit,
)
from desktop.contract import (
    canonical,
)


def account_data(a: Account) -> dict[str, Any]:
    return {
        "id": a.id, "code": a.code, "unit_code": a.unit_code, "name": a.name,
        "address": a.address, "ward_code": a.ward_code, "ward": a.ward,
        "old_ward": a.old_ward, "old_district": a.old_district, "phone": a.phone,
        "meter_serial": a.meter_serial, "tariff_class": a.tariff_class, "voltage": a.voltage,
        "price_code": a.price_code, "households": a.households, "status": a.status,
        "route_code": a.route_code, "reading_day": a.reading_day, "credit": a.credit,
        "updated_at": a.updated_at.isoformat(),
        # absent rather than null: accounts without a history send what they always sent
        **({"usage": a.usage} if a.usage else {}),
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
            "updated_at": r.updated_at.isoformat(), "due_on": d.get("due_on")}


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
