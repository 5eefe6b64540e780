"""Fill central with the demo city of ``quaythu demo-data`` (same seed, same data).

The rows are made by the demo generator into a scratch SQLite file, then
copied here with a change-log entry for every unit, account, bill and
schedule, so that a device's first pull brings its whole unit.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from central.models import Account, Bill, Change, OutageSchedule, ReadingSchedule, Staff, Unit
from central.service import staff_data
from db.demo import CHUNK, DEMO_STAFF, chunk_accounts, demo_password_hash
from desktop.contract import canonical
from desktop.demo import generate_demo_store

BATCH = 5000
#: (stage, done, of): "generate" counts accounts made, "load" rows copied into central
Progress = Callable[[str, int, int], None]

# Core executemany, not the ORM's bulk insert: the ORM would fetch every new
# primary key of the change log, one statement per row.


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _ts(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def seed(sessions: sessionmaker[Session], *, accounts: int, seed: int,
         as_of: dt.date | None = None, one_unit: str | None = None,
         progress: Progress | None = None, chunk_size: int = CHUNK,
         chunks: Collection[int] | None = None,
         first_unit: str | None = None) -> dict[str, int]:
    """Generate and load the demo city; returns row counts.

    ``one_unit`` puts every account in that unit (a benchmark's unit of 2.6
    million accounts); otherwise each belongs to its district's power company.
    ``chunks``: only those chunks of the city's accounts (with every unit, staff member
    and schedule), and with ``first_unit`` only that unit's accounts of them;
    ``grow_chunk`` adds the rest later, each account once.
    """
    as_of = as_of or dt.date.today()
    with tempfile.TemporaryDirectory(prefix="quaythu-seed-") as tmp:
        path = Path(tmp) / "demo.db"
        generate_demo_store(path, accounts=accounts, seed=seed, as_of=as_of,
                            progress=(lambda done, n: progress("generate", done, n))
                            if progress else None, chunk_size=chunk_size, chunks=chunks,
                            # read here in id order only: no search index to build
                            indexed=False)
        src = sqlite3.connect(path)
        src.row_factory = sqlite3.Row
        try:
            return _copy(sessions, src, one_unit, progress,
                         keep=(lambda r: r["unit_code"] == first_unit) if first_unit else None)
        finally:
            src.close()


def _present(sessions: sessionmaker[Session], ids: range) -> set[int]:
    with sessions() as s:
        return set(s.scalars(select(Account.id).where(Account.id.between(ids.start + 1,
                                                                         ids.stop))))


def has_chunk(sessions: sessionmaker[Session], accounts: int, chunk_no: int,
              chunk_size: int = CHUNK) -> bool:
    """Whether central holds every account of that chunk of the city."""
    ids = chunk_accounts(accounts, chunk_no, chunk_size)
    with sessions() as s:
        held = s.scalar(select(func.count()).select_from(Account).where(
            Account.id.between(ids.start + 1, ids.stop)))
    return held == len(ids)


def grow_chunk(sessions: sessionmaker[Session], *, accounts: int, seed: int,
               as_of: dt.date, chunk_no: int, chunk_size: int = CHUNK) -> int:
    """Add one more chunk of the demo city to central, in one transaction, unless it is
    there already (a run stopped midway grows on from where it was; the first run put
    the counter's unit of it there); returns the accounts added."""
    present = _present(sessions, chunk_accounts(accounts, chunk_no, chunk_size))
    if len(present) == len(chunk_accounts(accounts, chunk_no, chunk_size)):
        return 0
    with tempfile.TemporaryDirectory(prefix="quaythu-grow-") as tmp:
        path = Path(tmp) / "part.db"
        generate_demo_store(path, accounts=accounts, seed=seed, as_of=as_of, processes=1,
                            chunk_size=chunk_size, chunks={chunk_no}, whole=False,
                            indexed=False)
        src = sqlite3.connect(path)
        src.row_factory = sqlite3.Row
        try:
            with sessions() as s, s.begin():
                return _copy(sessions, src, None, shared=s,
                             keep=lambda r: r["id"] not in present)["accounts"]
        finally:
            src.close()


@contextmanager
def _batch(sessions: sessionmaker[Session], shared: Session | None) -> Iterator[Session]:
    """A transaction of its own for each batch, or the caller's one for all."""
    if shared is not None:
        yield shared
        return
    with sessions() as s, s.begin():
        yield s


def _copy(sessions: sessionmaker[Session], src: sqlite3.Connection,
          one_unit: str | None, progress: Progress | None = None,
          shared: Session | None = None,
          keep: Callable[[sqlite3.Row], bool] | None = None) -> dict[str, int]:
    """Copy the scratch city ``src`` into central; ``keep`` chooses its accounts (their
    bills and payments follow them)."""
    counts = {"units": 0, "accounts": 0, "bills": 0, "changes": 0, "staff": 0}
    total = int(src.execute("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM "
                            "bills) + (SELECT count(*) FROM payment_history)").fetchone()[0])

    def copied() -> None:
        if progress is not None:
            progress("load", counts["accounts"] + counts["bills"] + history[0], total)

    history = [0]
    now = dt.datetime.now(dt.UTC)
    demo_hash = demo_password_hash()
    with _batch(sessions, shared) as s:
        for r in src.execute("SELECT * FROM units"):
            if s.get(Unit, r["code"]) is None:
                # demo collection account: Vietcombank's BIN, one account per company
                s.add(Unit(code=r["code"], name=r["name"], kind=r["kind"], created_at=now,
                           bank_bin="970436", bank_account=f"0071{r['code'][2:]}000888"))
                s.add(Change(unit_code=r["code"], entity="unit", entity_id=r["code"], op="upsert",
                             data=canonical({"code": r["code"], "name": r["name"],
                                             "kind": r["kind"]})))
                counts["units"] += 1
                s.flush()  # the unit first: staff rows point at it
                for username, full_name, role in DEMO_STAFF:
                    member = Staff(unit_code=r["code"], username=username, full_name=full_name,
                                   role=role, password_hash=demo_hash, updated_at=now)
                    s.add(member)
                    s.flush()
                    s.add(Change(unit_code=r["code"], entity="staff", entity_id=str(member.id),
                                 op="upsert", data=canonical(staff_data(member))))
                    counts["staff"] += 1
    unit_of: dict[int, str] = {}
    cur = src.execute("SELECT * FROM accounts ORDER BY id")
    while rows := cur.fetchmany(BATCH):
        accounts, changes = [], []
        for r in rows:
            if keep is not None and not keep(r):
                continue
            data: dict[str, Any] = {k: r[k] for k in r.keys()}  # noqa: SIM118 - sqlite3.Row
            data["credit"] = 0
            data["updated_at"] = _ts(r["updated_at"]).isoformat()  # type: ignore[union-attr]
            if one_unit:
                data["unit_code"] = one_unit
            unit_of[r["id"]] = data["unit_code"]
            accounts.append({**data, "updated_at": _ts(r["updated_at"])})
            changes.append({"unit_code": data["unit_code"], "entity": "account",
                            "entity_id": str(r["id"]), "op": "upsert", "data": canonical(data)})
        if not accounts:
            continue
        with _batch(sessions, shared) as s:
            s.connection().execute(insert(Account), accounts)
            s.connection().execute(insert(Change), changes)
        counts["accounts"] += len(accounts)
        counts["changes"] += len(changes)
        copied()
    # bills and their lines both in bill order, read side by side: the lines of a
    # 2.6-million-account city do not fit in memory as dictionaries
    line_rows = src.execute("SELECT * FROM bill_lines ORDER BY bill_id, seq")
    pending_line = line_rows.fetchone()
    cur = src.execute("SELECT * FROM bills ORDER BY id")
    while rows := cur.fetchmany(BATCH):
        bills, changes = [], []
        lines: dict[int, list[dict[str, Any]]] = {}
        last_id = rows[-1]["id"]
        while pending_line is not None and pending_line["bill_id"] <= last_id:
            lines.setdefault(pending_line["bill_id"], []).append(
                {"label": pending_line["label"], "kwh": pending_line["kwh"],
                 "unit_price": pending_line["unit_price"], "amount": pending_line["amount"]})
            pending_line = line_rows.fetchone()
        for r in rows:
            unit = unit_of.get(r["account_id"])
            if unit is None:  # an account left out by ``keep``
                continue
            row = {k: r[k] for k in r.keys()}  # noqa: SIM118
            payload = {**row, "lines": lines.get(r["id"], [])}
            if payload["paid_at"]:
                payload["paid_at"] = _ts(row["paid_at"]).isoformat()  # type: ignore[union-attr]
            bills.append({
                **row, "unit_code": unit, "paid_by": None,
                "period_start": _date(r["period_start"]), "period_end": _date(r["period_end"]),
                "issued_on": _date(r["issued_on"]), "due_on": _date(r["due_on"]),
                "paid_at": _ts(r["paid_at"]), "lines_json": json.dumps(payload["lines"]),
            })
            changes.append({"unit_code": unit, "entity": "bill", "entity_id": str(r["id"]),
                            "op": "upsert", "data": canonical(payload)})
        if not bills:
            continue
        with _batch(sessions, shared) as s:
            s.connection().execute(insert(Bill), bills)
            s.connection().execute(insert(Change), changes)
        counts["bills"] += len(bills)
        counts["changes"] += len(changes)
        copied()
    # Payments made before QuayThu (the legacy history): they exist only as
    # change-log entries, so that a counter can show an account's recent payments.
    cur = src.execute("SELECT * FROM payment_history ORDER BY id")
    while rows := cur.fetchmany(BATCH):
        changes = []
        for r in rows:
            if r["account_id"] not in unit_of:
                continue
            data = {k: r[k] for k in r.keys()}  # noqa: SIM118
            data["paid_at"] = _ts(r["paid_at"]).isoformat()  # type: ignore[union-attr]
            changes.append({"unit_code": unit_of[r["account_id"]], "entity": "payment_record",
                            "entity_id": str(r["id"]), "op": "upsert", "data": canonical(data)})
        if changes:
            with _batch(sessions, shared) as s:
                s.connection().execute(insert(Change), changes)
        counts["changes"] += len(changes)
        history[0] += len(changes)
        copied()
    with _batch(sessions, shared) as s:
        outages, changes = [], []
        for r in src.execute("SELECT * FROM outage_schedules"):
            row = {k: r[k] for k in r.keys()}  # noqa: SIM118
            outages.append({**row, "starts_at": _ts(r["starts_at"]), "ends_at": _ts(r["ends_at"])})
            data = {**row, "starts_at": _ts(r["starts_at"]).isoformat(),  # type: ignore[union-attr]
                    "ends_at": _ts(r["ends_at"]).isoformat()}  # type: ignore[union-attr]
            changes.append({"unit_code": r["unit_code"], "entity": "outage",
                            "entity_id": str(r["id"]), "op": "upsert", "data": canonical(data)})
        readings = []
        for r in src.execute("SELECT * FROM reading_schedules"):
            unit = r["route_code"].split("-")[0]
            readings.append({"unit_code": unit, "route_code": r["route_code"],
                             "reading_on": _date(r["reading_on"])})
            changes.append({"unit_code": unit, "entity": "reading",
                            "entity_id": f"{r['route_code']}/{r['reading_on']}", "op": "upsert",
                            "data": canonical({"route_code": r["route_code"],
                                               "reading_on": r["reading_on"]})})
        if outages:
            s.connection().execute(insert(OutageSchedule), outages)
        if readings:
            s.connection().execute(insert(ReadingSchedule), readings)
        if changes:
            s.connection().execute(insert(Change), changes)
        counts["changes"] += len(changes)
    return counts
