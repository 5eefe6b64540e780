"""Applying a pulled page to the local store: upserts, tombstones, the index.

Everything of a page and its cursor go in one local transaction: a cut
connection or a crash leaves the store at the previous page, never between.
A bill that this counter has paid and whose payment is still waiting in the
outbox stays paid, whatever older state central sends meanwhile.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, text

from db.search import add_words, words_of
from db.text import fold

logger = logging.getLogger(__name__)


class BadChange(ValueError):
    """A change whose data does not fit the local schema."""


def _ts(value: str | None) -> str | None:
    if value is None:
        return None
    d = dt.datetime.fromisoformat(value)
    if d.tzinfo is None:
        raise BadChange("naive timestamp")
    return d.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _date(value: str) -> str:
    return dt.date.fromisoformat(value).isoformat()


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadChange(f"not an integer: {value!r}")
    return value


def index_texts(name: str, address: str, old_ward: str | None,
                old_district: str | None) -> tuple[str, str]:
    """The folded name and address the search index holds (see db.search)."""
    parts = [p.strip() for p in address.split(",")]
    if parts and fold(parts[-1]).startswith(("tp", "thanh pho")):
        parts = parts[:-1]  # the city matches everybody: leave it out
    indexed = " ".join([*parts, old_ward or "", old_district or ""])
    return fold(name), fold(indexed)


def _account(conn: Connection, d: dict[str, Any]) -> None:
    row: dict[str, Any] = {
        "id": _int(d["id"]), "code": str(d["code"]), "name": str(d["name"]),
        "address": str(d["address"]), "ward_code": str(d["ward_code"]), "ward": str(d["ward"]),
        "old_ward": d.get("old_ward"), "old_district": d.get("old_district"),
        "phone": d.get("phone"), "meter_serial": str(d["meter_serial"]),
        "tariff_class": str(d["tariff_class"]), "voltage": str(d["voltage"]),
        "price_code": str(d["price_code"]), "households": _int(d["households"]),
        "status": str(d["status"]), "unit_code": str(d["unit_code"]),
        "route_code": str(d["route_code"]), "reading_day": _int(d["reading_day"]),
        "updated_at": _ts(d["updated_at"]),
    }
    cols = ", ".join(row)
    conn.execute(text(
        f"INSERT INTO accounts ({cols}) VALUES ({', '.join(':' + k for k in row)}) "  # noqa: S608
        f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{k} = excluded.{k}' for k in row if k != 'id')}"
    ), row)
    name_f, address_f = index_texts(str(d["name"]), str(d["address"]), d.get("old_ward"),
                                    d.get("old_district"))
    conn.execute(text("DELETE FROM account_fts WHERE rowid = :id"), {"id": row["id"]})
    conn.execute(text("INSERT INTO account_fts (rowid, name, address) VALUES (:id, :n, :a)"),
                 {"id": row["id"], "n": name_f, "a": address_f})
    add_words(conn, words_of(name_f, address_f))


def _bill(conn: Connection, d: dict[str, Any]) -> None:
    bill_id = _int(d["id"])
    status = d["status"]
    if status not in ("paid", "unpaid"):
        raise BadChange(f"bill status {status!r}")
    if status == "unpaid" and conn.execute(text(
        "SELECT 1 FROM payment_allocations a JOIN payments p ON p.key = a.payment_key "
        "JOIN outbox o ON o.key = p.key WHERE a.bill_id = :b AND p.status = 'taken' "
        "AND o.state = 'pending'"), {"b": bill_id}).first():
        status = "paid"  # ours, on its way to central: keep it paid
        paid_at = conn.execute(text("SELECT paid_at FROM bills WHERE id = :b"),
                               {"b": bill_id}).scalar()
    else:
        paid_at = _ts(d.get("paid_at"))
    row = {
        "id": bill_id, "account_id": _int(d["account_id"]), "bill_no": str(d["bill_no"]),
        "period_start": _date(d["period_start"]), "period_end": _date(d["period_end"]),
        "issued_on": _date(d["issued_on"]), "due_on": _date(d["due_on"]),
        "old_reading": _int(d["old_reading"]), "new_reading": _int(d["new_reading"]),
        "multiplier": _int(d["multiplier"]), "kwh": _int(d["kwh"]),
        "subtotal": _int(d["subtotal"]), "vat_rate": _int(d["vat_rate"]), "vat": _int(d["vat"]),
        "total": _int(d["total"]), "status": status, "paid_at": paid_at,
    }
    cols = ", ".join(row)
    conn.execute(text(
        f"INSERT INTO bills ({cols}) VALUES ({', '.join(':' + k for k in row)}) "  # noqa: S608
        f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{k} = excluded.{k}' for k in row if k != 'id')}"
    ), row)
    conn.execute(text("DELETE FROM bill_lines WHERE bill_id = :b"), {"b": bill_id})
    lines = d.get("lines") or []
    if lines:
        conn.execute(text("INSERT INTO bill_lines (bill_id, seq, label, kwh, unit_price, amount) "
                          "VALUES (:b, :s, :l, :k, :p, :a)"),
                     [{"b": bill_id, "s": i, "l": str(x["label"]), "k": _int(x["kwh"]),
                       "p": _int(x["unit_price"]), "a": _int(x["amount"])}
                      for i, x in enumerate(lines, start=1)])


def _unit(conn: Connection, d: dict[str, Any]) -> None:
    conn.execute(text("INSERT INTO units (code, name, kind) VALUES (:c, :n, :k) "
                      "ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind"),
                 {"c": str(d["code"]), "n": str(d["name"]), "k": str(d["kind"])})


def _outage(conn: Connection, d: dict[str, Any]) -> None:
    conn.execute(text(
        "INSERT INTO outage_schedules (id, ward_code, unit_code, starts_at, ends_at, area, reason) "
        "VALUES (:id, :w, :u, :s, :e, :a, :r) ON CONFLICT(id) DO UPDATE SET "
        "ward_code = excluded.ward_code, unit_code = excluded.unit_code, "
        "starts_at = excluded.starts_at, ends_at = excluded.ends_at, area = excluded.area, "
        "reason = excluded.reason"),
        {"id": _int(d["id"]), "w": str(d["ward_code"]), "u": str(d["unit_code"]),
         "s": _ts(d["starts_at"]), "e": _ts(d["ends_at"]), "a": str(d["area"]),
         "r": str(d["reason"])})


def _reading(conn: Connection, d: dict[str, Any]) -> None:
    conn.execute(text("INSERT OR IGNORE INTO reading_schedules (route_code, reading_on) "
                      "VALUES (:r, :d)"), {"r": str(d["route_code"]), "d": _date(d["reading_on"])})


UPSERT: dict[str, Callable[[Connection, dict[str, Any]], None]] = {
    "account": _account, "bill": _bill, "unit": _unit, "outage": _outage, "reading": _reading,
}
DELETE = {
    "account": ["DELETE FROM account_fts WHERE rowid = :id", "DELETE FROM accounts WHERE id = :id"],
    "bill": ["DELETE FROM bill_lines WHERE bill_id = :id", "DELETE FROM bills WHERE id = :id"],
    "outage": ["DELETE FROM outage_schedules WHERE id = :id"],
}


def apply_change(conn: Connection, change: dict[str, Any]) -> None:
    entity, op, data = change["entity"], change["op"], change["data"]
    try:
        if op == "upsert":
            handler = UPSERT.get(entity)
            if handler is None:
                logger.info("ignoring unknown entity %r", entity)
                return
            handler(conn, data)
        else:
            for sql in DELETE.get(entity, []):
                conn.execute(text(sql), {"id": _int(data["id"])})
    except (KeyError, TypeError, ValueError) as exc:
        raise BadChange(f"{entity} {op} at seq {change['seq']}: {exc}") from exc
