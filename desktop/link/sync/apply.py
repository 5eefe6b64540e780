"""Applying a pulled page to the local store: upserts, tombstones, the index.

Everything of a page and its cursor go in one local transaction: a cut
connection or a crash leaves the store at the previous page, never between.
A bill that this counter has paid and whose payment is still waiting in the
outbox stays paid, whatever older state central sends meanwhile.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from db.search import index_accounts, unindex_accounts
from db.text import fold
from db.usage import parse_usage
from desktop.contract import REQUEST_STATUSES, STAFF_ROLES, BillStatus

logger = logging.getLogger(__name__)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, in hex: a snapshot's, as its manifest says it (both sides)."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


class BadChange(ValueError):
    """A change whose data does not fit the local schema."""


def _ts(value: str | None) -> str | None:
    if value is None:
        return None
    d = dt.datetime.fromisoformat(value)
    if d.tzinfo is None:
        raise BadChange("naive timestamp")
    # isoformat, not strftime: the same text, at a fraction of the cost per row
    return d.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _date(value: str) -> str:
    return dt.date.fromisoformat(value).isoformat()


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadChange(f"not an integer: {value!r}")
    return value


_INT_ONLY = {int}


def _ints(*values: Any) -> tuple[Any, ...]:
    """The values, all plain integers (not bools, not text), or BadChange."""
    if set(map(type, values)) != _INT_ONLY:
        raise BadChange(f"not all integers: {values!r}")
    return values


def index_texts(name: str, address: str, old_ward: str | None,
                old_district: str | None) -> tuple[str, str]:
    """The folded name and address the search index holds (see db.search)."""
    parts = [p.strip() for p in address.split(",")]
    if parts and fold(parts[-1]).startswith(("tp", "thanh pho")):
        parts = parts[:-1]  # the city matches everybody: leave it out
    indexed = " ".join([*parts, old_ward or "", old_district or ""])
    return fold(name), fold(indexed)


ACCOUNT_COLS = ("id", "code", "name", "address", "ward_code", "ward", "old_ward",
                "old_district", "phone", "meter_serial", "tariff_class", "voltage", "price_code",
                "households", "status", "unit_code", "route_code", "reading_day", "updated_at",
                "usage")
BILL_COLS = ("id", "account_id", "bill_no", "period_start", "period_end", "issued_on", "due_on",
             "old_reading", "new_reading", "multiplier", "kwh", "subtotal", "vat_rate", "vat",
             "total", "status", "paid_at")


def _upsert_sql(table: str, cols: tuple[str, ...], key: str = "id", *,
                positional: bool = False) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != key)
    values = ", ".join("?" * len(cols)) if positional else ", ".join(":" + c for c in cols)
    return (f"INSERT INTO {table} ({', '.join(cols)}) "  # noqa: S608 - constant names
            f"VALUES ({values}) ON CONFLICT({key}) DO UPDATE SET {updates}")


ACCOUNT_UPSERT = _upsert_sql("accounts", ACCOUNT_COLS)
#: rows as tuples in BILL_COLS order
BILL_UPSERT = _upsert_sql("bills", BILL_COLS, positional=True)


def _account_row(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": _int(d["id"]), "code": str(d["code"]), "name": str(d["name"]),
        "address": str(d["address"]), "ward_code": str(d["ward_code"]), "ward": str(d["ward"]),
        "old_ward": d.get("old_ward"), "old_district": d.get("old_district"),
        "phone": d.get("phone"), "meter_serial": str(d["meter_serial"]),
        "tariff_class": str(d["tariff_class"]), "voltage": str(d["voltage"]),
        "price_code": str(d["price_code"]), "households": _int(d["households"]),
        "status": str(d["status"]), "unit_code": str(d["unit_code"]),
        "route_code": str(d["route_code"]), "reading_day": _int(d["reading_day"]),
        "updated_at": _ts(d["updated_at"]),
        "usage": checked_usage(d.get("usage")),
    }


def checked_usage(value: object) -> str | None:
    """The account's consumption history as central sent it, or None; refused if garbled."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadChange("account usage is not text")
    try:
        parse_usage(value)
    except ValueError as exc:
        raise BadChange(str(exc)) from exc
    return value


def _existing(cur: sqlite3.Connection, table: str, ids: list[int]) -> list[tuple[int]]:
    """Which of ``ids`` the store has already (on a first sync: none, and nothing to clear)."""
    found: list[tuple[int]] = []
    for start in range(0, len(ids), 900):  # under SQLite's oldest limit on parameters
        chunk = ids[start:start + 900]
        found += cur.execute(f"SELECT id FROM {table} WHERE id IN "  # noqa: S608 - constant
                             f"({','.join('?' * len(chunk))})", chunk).fetchall()
    return found


def _accounts(cur: sqlite3.Connection, items: list[dict[str, Any]], _ctx: _Page) -> None:
    rows = [_account_row(d) for d in items]
    old = _existing(cur, "accounts", [r["id"] for r in rows])
    cur.executemany(ACCOUNT_UPSERT, rows)
    unindex_accounts(cur, [i for (i,) in old])
    index_accounts(cur, [(r["id"], *index_texts(r["name"], r["address"], r["old_ward"],
                                                r["old_district"])) for r in rows])


def _account_deletes(cur: sqlite3.Connection, ids: list[int]) -> None:
    unindex_accounts(cur, ids)
    cur.executemany("DELETE FROM accounts WHERE id = ?", [(i,) for i in ids])


def _bills(cur: sqlite3.Connection, items: list[dict[str, Any]], ctx: _Page) -> None:
    rows: list[tuple[Any, ...]] = []
    lines: list[tuple[Any, ...]] = []
    # a bill changed twice in one page (a void and a second payment): its last state only,
    # else its lines are inserted twice
    last = {str(d.get("id")): d for d in items}
    for d in last.values():
        status = d["status"]
        if status not in (BillStatus.PAID, BillStatus.UNPAID):
            raise BadChange(f"bill status {status!r}")
        bill_id, account_id = _ints(d["id"], d["account_id"])
        paid_at = _ts(d.get("paid_at"))
        if status == BillStatus.UNPAID and bill_id in ctx.ours_pending:
            # paid here, the payment still on its way to central: keep it paid
            status, paid_at = BillStatus.PAID, ctx.ours_pending[bill_id]
        # in BILL_COLS order
        rows.append((bill_id, account_id, str(d["bill_no"]), _date(d["period_start"]),
                     _date(d["period_end"]), _date(d["issued_on"]), _date(d["due_on"]),
                     *_ints(d["old_reading"], d["new_reading"], d["multiplier"], d["kwh"],
                            d["subtotal"], d["vat_rate"], d["vat"], d["total"]),
                     status, paid_at))
        for i, x in enumerate(d.get("lines") or (), start=1):
            lines.append((bill_id, i, str(x["label"]),
                          *_ints(x["kwh"], x["unit_price"], x["amount"])))
    old = _existing(cur, "bills", [r[0] for r in rows])
    cur.executemany(BILL_UPSERT, rows)
    cur.executemany("DELETE FROM bill_lines WHERE bill_id = ?", old)
    cur.executemany("INSERT INTO bill_lines (bill_id, seq, label, kwh, unit_price, amount) "
                    "VALUES (?, ?, ?, ?, ?, ?)", lines)


def _units(cur: sqlite3.Connection, items: list[dict[str, Any]], _ctx: _Page) -> None:
    limits = [d.get("collection_limit") for d in items]
    if any(x is not None and (isinstance(x, bool) or not isinstance(x, int)) for x in limits):
        raise BadChange("collection_limit is not an integer")
    cur.executemany(
        "INSERT INTO units (code, name, kind, collection_limit, unremitted) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
        "kind = excluded.kind, collection_limit = excluded.collection_limit, "
        "unremitted = excluded.unremitted",
        [(str(d["code"]), str(d["name"]), str(d["kind"]), d.get("collection_limit"),
          _int(d.get("unremitted", 0))) for d in items])


def _outages(cur: sqlite3.Connection, items: list[dict[str, Any]], _ctx: _Page) -> None:
    cur.executemany(
        "INSERT INTO outage_schedules (id, ward_code, unit_code, starts_at, ends_at, area, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "ward_code = excluded.ward_code, unit_code = excluded.unit_code, "
        "starts_at = excluded.starts_at, ends_at = excluded.ends_at, area = excluded.area, "
        "reason = excluded.reason",
        [(_int(d["id"]), str(d["ward_code"]), str(d["unit_code"]), _ts(d["starts_at"]),
          _ts(d["ends_at"]), str(d["area"]), str(d["reason"])) for d in items])


def _readings(cur: sqlite3.Connection, items: list[dict[str, Any]], _ctx: _Page) -> None:
    cur.executemany("INSERT OR IGNORE INTO reading_schedules (route_code, reading_on) "
                    "VALUES (?, ?)",
                    [(str(d["route_code"]), _date(d["reading_on"])) for d in items])


def _route_sheets(cur: sqlite3.Connection, items: list[dict[str, Any]], _ctx: _Page) -> None:
    cur.executemany(
        "INSERT INTO route_sheets (id, route_code, collector, day, stops) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET route_code = excluded.route_code, "
        "collector = excluded.collector, day = excluded.day, stops = excluded.stops",
        [(_int(d["id"]), str(d["route_code"]), str(d["collector"]), _date(d["day"]),
          json.dumps([_int(i) for i in d["stops"]])) for d in items])


def _payment_records(cur: sqlite3.Connection, items: list[dict[str, Any]], _ctx: _Page) -> None:
    cur.executemany(
        "INSERT INTO payment_history (id, account_id, paid_at, amount, method, place, receipt_no) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "account_id = excluded.account_id, paid_at = excluded.paid_at, "
        "amount = excluded.amount, method = excluded.method, place = excluded.place, "
        "receipt_no = excluded.receipt_no",
        [(_int(d["id"]), _int(d["account_id"]), _ts(d["paid_at"]), _int(d["amount"]),
          str(d["method"]), str(d["place"]), str(d["receipt_no"])) for d in items])




def _staff(cur: sqlite3.Connection, items: list[dict[str, Any]], _ctx: _Page) -> None:
    rows = []
    for d in items:
        if d["role"] not in STAFF_ROLES:
            raise BadChange(f"staff role {d['role']!r}")
        if not str(d["password_hash"]).startswith("$argon2"):
            raise BadChange("staff password hash is not argon2")
        rows.append((_int(d["id"]), str(d["username"]).lower(), str(d["full_name"]),
                     str(d["role"]), str(d["password_hash"]), bool(d["active"]),
                     _ts(d["updated_at"])))
    cur.executemany(
        "INSERT INTO staff (id, username, full_name, role, password_hash, active, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "username = excluded.username, full_name = excluded.full_name, role = excluded.role, "
        "password_hash = excluded.password_hash, active = excluded.active, "
        "updated_at = excluded.updated_at", rows)




def _service_requests(cur: sqlite3.Connection, items: list[dict[str, Any]], _ctx: _Page) -> None:
    """A request's progress; another counter's request of the unit arrives whole."""
    rows = []
    for d in items:
        if d["status"] not in REQUEST_STATUSES:
            raise BadChange(f"service request status {d['status']!r}")
        rows.append({"key": str(d["key"]), "ref": str(d["ref"]), "kind": str(d["kind"]),
                     "account_code": d.get("account_code"),
                     "customer_name": str(d["customer_name"]), "address": str(d["address"]),
                     "created_at": _ts(d["created_at"]), "status": d["status"],
                     "status_note": d.get("note"), "status_at": _ts(d["updated_at"]),
                     "due_on": d.get("due_on")})
    rows = _without_ref_clashes(cur, rows)
    cur.executemany(
        "INSERT INTO service_requests (key, ref, kind, account_id, customer_name, address, "
        "note, created_at, status, status_note, status_at, due_on) VALUES (:key, :ref, :kind, "
        "(SELECT id FROM accounts WHERE code = :account_code), :customer_name, :address, '', "
        ":created_at, :status, :status_note, :status_at, :due_on) ON CONFLICT(key) DO UPDATE "
        "SET status = excluded.status, status_note = excluded.status_note, "
        "status_at = excluded.status_at, due_on = COALESCE(service_requests.due_on, "
        "excluded.due_on)", rows)
    # the request list shows each step once, however often the same change comes down
    cur.executemany(
        "INSERT OR IGNORE INTO service_request_history (request_key, status, note, at) "
        "VALUES (:key, :status, :status_note, :status_at)", rows)


def _without_ref_clashes(cur: sqlite3.Connection,
                         rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows whose number this store does not hold under another key. A number the
    counter holds under its own key (a data folder put back by hand, its mark lost: the
    counter handed it out again, central refused it) keeps the counter's own row; the
    other is left out and a supervisor sees it as a sync issue — the pull never fails
    on it, at this sync or any later one."""
    kept = []
    for r in rows:
        mine = cur.execute("SELECT key FROM service_requests WHERE ref = ? AND key <> ?",
                           (r["ref"], r["key"])).fetchone()
        if mine is None:
            kept.append(r)
            continue
        logger.error("service request %s from central under key %s: this counter holds "
                     "the number under key %s; kept its own", r["ref"], r["key"], mine[0])
        if cur.execute("SELECT 1 FROM sync_issues WHERE op_key = ? AND reason = ?",
                       (mine[0], "request-ref-clash")).fetchone() is None:
            cur.execute(
                "INSERT INTO sync_issues (op_key, kind, reason, message, created_at) "
                "VALUES (?, 'clash', 'request-ref-clash', ?, ?)",
                (mine[0], f"Số yêu cầu {r['ref']} trên quầy trùng với một yêu cầu khác mà "
                          "trung tâm đã có (thư mục dữ liệu bị chép đè bằng tay?): quầy giữ "
                          "yêu cầu của mình; trưởng quầy đối chiếu với trung tâm và lập lại "
                          "yêu cầu bị trùng.",
                 dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")))
    return kept


@dataclass
class _Page:
    #: bills paid here whose payment is still pending in the outbox → local paid_at
    ours_pending: dict[int, str | None]


UPSERT: dict[str, Callable[[sqlite3.Connection, list[dict[str, Any]], _Page], None]] = {
    "account": _accounts, "bill": _bills, "unit": _units, "outage": _outages,
    "reading": _readings, "payment_record": _payment_records, "staff": _staff,
    "service_request": _service_requests, "route_sheet": _route_sheets,
}
DELETE = {
    "bill": ["DELETE FROM bill_lines WHERE bill_id = ?", "DELETE FROM bills WHERE id = ?"],
    "outage": ["DELETE FROM outage_schedules WHERE id = ?"],
    "payment_record": ["DELETE FROM payment_history WHERE id = ?"],
    # sessions, approvals and the journal name the staff member: keep the row, disabled
    "staff": ["UPDATE staff SET active = 0 WHERE id = ?"],
}


def apply_page(conn: Connection | sqlite3.Connection, changes: list[dict[str, Any]]) -> None:
    """Apply a page, in order, a run of same-kind changes at a time (executemany).

    ``conn`` must be in a transaction: the caller commits the page with its cursor.
    Central builds its first-sync snapshots with this same function (a bare
    ``sqlite3`` connection then), so a snapshot holds what the log would give.
    """
    cur: sqlite3.Connection = (conn if isinstance(conn, sqlite3.Connection)
                               else conn.connection.driver_connection)  # type: ignore[assignment]
    ours = dict(cur.execute(
        "SELECT a.bill_id, b.paid_at FROM payment_allocations a "
        "JOIN payments p ON p.key = a.payment_key JOIN outbox o ON o.key = p.key "
        "JOIN bills b ON b.id = a.bill_id WHERE p.status = 'taken' AND o.state = 'pending'"
    ).fetchall())
    ctx = _Page(ours)
    for (entity, op), group in groupby(changes, key=lambda c: (c["entity"], c["op"])):
        run = list(group)
        try:
            if op == "upsert":
                handler = UPSERT.get(entity)
                if handler is None:
                    logger.info("ignoring %d changes of unknown entity %r", len(run), entity)
                    continue
                handler(cur, [c["data"] for c in run], ctx)
            elif entity == "account":
                _account_deletes(cur, [_int(c["data"]["id"]) for c in run])
            else:
                ids = [(_int(c["data"]["id"]),) for c in run]
                for sql in DELETE.get(entity, []):
                    cur.executemany(sql, ids)
        except (KeyError, TypeError, ValueError, sqlite3.IntegrityError) as exc:
            raise BadChange(f"{entity} {op} at seq {run[0]['seq']}–{run[-1]['seq']}: "
                            f"{exc}") from exc
