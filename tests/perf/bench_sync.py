"""Benchmark of sync: prints JSON, passes or fails nothing.

    python tests/perf/bench_sync.py --accounts 200000 [--payments 10000]
        [--devices 50] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]

1. central seeded with the demo city (timed);
2. first sync of the largest unit over loopback HTTP: time, changes/s, and the
   client's ingest rate beside a raw ``executemany`` of the same rows into the
   same local schema (the ratio says what the client's own work costs);
3. pushing ``--payments`` offline payments taken at one counter;
4. payments applied per second at central from ``--devices`` concurrent
   devices (threads, one HTTP client each), on SQLite and, with ``--pg``, on
   PostgreSQL; with ``--server-workers N`` the PostgreSQL central runs as its
   own ``quaythu-central serve --workers N`` process, as in production (else
   in this process, sharing its interpreter lock with the 50 clients).
The first sync is a snapshot's (built first, timed apart; ``--no-log`` leaves out the
change-log first sync beside it). ``--whole-city`` enrols a device that holds every
unit (``quaythu-central enrolment-code UNIT --whole-city``), ``--keep-store`` keeps its
store for ``bench_lookup.py --db``; ``counter_max_rss_mib`` is this process's peak after
the first sync (central builds the snapshot in its own process; a seeding in the same run
counts).
``--one-unit --accounts 2600000 --first-sync-only`` measures the budget's case:
one unit of 2.6 million accounts (``--central-db`` keeps the seeded central
for another run). Central runs as its own process.
Budgets (DESIGN.md): first sync of 2.6 M accounts ≤ 5 min; 10 000 payments
pushed ≤ 30 s; ≥ 2 000 payments/s at central on PostgreSQL from 50 devices.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from central.seed import seed  # noqa: E402
from central.service.snapshot import scope_of  # noqa: E402
from desktop.app import build_app  # noqa: E402
from desktop.contract import GENESIS  # noqa: E402
from desktop.sim import accounts_with_unpaid_bills  # noqa: E402
from tests.central_server import central_on, served_by_process, serving  # noqa: E402
from tests.journal import with_journal  # noqa: E402
from tests.staff import on_shift  # noqa: E402

AS_OF = dt.date(2026, 11, 27)
UNIT = "PE1000"


def _synced(url: str, central, path: Path, snapshot: bool,  # type: ignore[no-untyped-def]
            city: bool = False) -> tuple:
    """A new counter's first sync; with ``snapshot``, central is first asked for the
    snapshot (it builds one in its own process) and that wait is timed apart."""
    app = build_app(path)
    app.link.enrol(url, central.issue_enrolment_code(UNIT, whole_city=city), "bench")
    engine = app.link.engine
    build_seconds = None
    if snapshot:
        t_build = time.perf_counter()
        engine.client.snapshot()
        build_seconds = time.perf_counter() - t_build
    else:
        engine._store = None  # the change log only, as before snapshots
    t0 = time.perf_counter()
    report = engine.sync_once()
    return app, engine, report, time.perf_counter() - t0, build_seconds


def first_sync(url: str, central, tmp: Path, log_too: bool = True,  # type: ignore[no-untyped-def]
               city: bool = False) -> dict:
    """The first sync from a snapshot central has ready (its build timed apart: one per
    unit, shared by its counters), beside the change-log first sync and the raw limit.
    ``city``: a device that holds the whole city. ``counter_max_rss_mib`` is this
    process's peak after that sync: the counter's work (and a seeding in the same run)."""
    app, engine, report, seconds, build_seconds = _synced(
        url, central, tmp / "counter" / "quaythu.db", True, city)
    counter_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    app.engine.dispose()
    with sqlite3.connect(app.store_path) as done:
        done.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store_bytes = app.store_path.stat().st_size
    built = central._published(scope_of(UNIT, city))[-1]
    con = sqlite3.connect(app.store_path)
    accounts = con.execute("SELECT count(*) FROM accounts").fetchone()[0]
    bills = con.execute("SELECT count(*) FROM bills").fetchone()[0]
    # the same rows, raw, into an empty copy of the schema
    raw_path = tmp / "raw.db"
    build_app(raw_path).close()
    raw = sqlite3.connect(raw_path)
    rows_a = con.execute("SELECT * FROM accounts").fetchall()
    rows_b = con.execute("SELECT * FROM bills").fetchall()
    con.close()
    t1 = time.perf_counter()
    raw.execute("BEGIN")
    raw.executemany(f"INSERT INTO accounts VALUES ({','.join('?' * len(rows_a[0]))})", rows_a)
    raw.executemany(f"INSERT INTO bills VALUES ({','.join('?' * len(rows_b[0]))})", rows_b)
    raw.execute("COMMIT")
    raw_seconds = time.perf_counter() - t1
    raw.close()
    out = {
        "unit": UNIT, "whole_city": city, "accounts": accounts, "bills": bills,
        "changes": report.pulled, "store_mib": round(store_bytes / 2**20),
        "counter_max_rss_mib": round(counter_rss / 1024),
        "snapshot": {"id": built.id, "bytes": built.size, "central_build_seconds":
                     round(build_seconds or 0, 2)},
        "seconds": round(seconds, 2), "changes_per_s": round(report.pulled / seconds),
        "raw_executemany_seconds": round(raw_seconds, 3),
        "raw_rows_per_s": round((accounts + bills) / raw_seconds),
        "client_vs_raw_ratio": round(seconds / raw_seconds, 2),
        "app": app, "engine": engine,
    }
    if log_too:
        log_app, log_engine, _, log_seconds, _ = _synced(url, central,
                                                         tmp / "log" / "quaythu.db", False, city)
        log_engine.client.close()
        log_app.close()
        out["change_log_seconds"] = round(log_seconds, 2)
        out["change_log_vs_raw_ratio"] = round(log_seconds / raw_seconds, 2)
    return out


def push_offline(app, engine, n: int) -> dict:  # type: ignore[no-untyped-def]
    candidates = accounts_with_unpaid_bills(app)[:n]
    t0 = time.perf_counter()
    for a in candidates:
        app.payments.take_cash(on_shift(app), a)
    take_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    sent, applied, dup, rejected = engine.push_once()
    push_s = time.perf_counter() - t1
    # each payment also wrote a journal line: they travel in the same pushes
    return {"payments": len(candidates), "operations_sent": sent,
            "take_seconds": round(take_s, 2),
            "push_seconds": round(push_s, 2), "applied": applied, "duplicates": dup,
            "rejected": rejected, "pushed_per_s": round(applied / push_s) if push_s else None}


def concurrent_devices(url: str, central, devices: int, per_device: int) -> dict:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from central.models import Account, Bill

    with central.sessions() as s:
        rows = s.execute(select(Account.unit_code, Account.code, Bill.bill_no, Bill.total)
                         .join(Bill, Bill.account_id == Account.id)
                         .where(Bill.status == "unpaid")).all()
    by_unit: dict[str, list] = {}
    for r in rows:
        by_unit.setdefault(r.unit_code, []).append(r)
    units = sorted(by_unit, key=lambda u: -len(by_unit[u]))
    clients, work = [], []
    for i in range(devices):
        unit = units[i % len(units)]
        code = central.issue_enrolment_code(unit)
        token = httpx.post(f"{url}/v1/devices/enrol", json={"code": code,
                                                           "device_name": f"d{i}"}).json()["token"]
        clients.append(httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"},
                                    timeout=120))
        bills = by_unit[unit][i // len(units)::max(1, devices // len(units) + 1)][:per_device]
        paid_at = dt.datetime.now(dt.UTC).isoformat()
        work.append([{"key": str(uuid.uuid4()), "kind": "payment", "data": {
            "account_code": b.code, "receipt_no": f"B{i:03d}-{j:06d}", "method": "cash",
            "amount": b.total, "paid_at": paid_at,
            "bills": [{"bill_no": b.bill_no, "amount": b.total}]}} for j, b in enumerate(bills)])
        # each payment with the journal line that records it, as a counter sends them
        work[-1] = with_journal(0, GENESIS, work[-1])
    applied = [0] * devices

    def run(i: int) -> None:
        ops = work[i]
        payments = {op["key"] for op in ops if op["kind"] == "payment"}
        for k in range(0, len(ops), 200):
            r = clients[i].post("/v1/sync/push", json={"ops": ops[k:k + 200]})
            applied[i] += sum(1 for x in r.json()["results"]
                              if x["status"] == "applied" and x["key"] in payments)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(devices)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(900)
    seconds = time.perf_counter() - t0
    for c in clients:
        c.close()
    total = sum(applied)
    return {"devices": devices, "payments": total, "seconds": round(seconds, 2),
            "payments_per_s": round(total / seconds)}


def sqlite_figures(args: argparse.Namespace, tmp: Path, out: dict) -> None:
    db = args.central_db or tmp / "central.db"
    fresh = not db.exists()
    with central_on(str(db)) as central:
        if fresh:
            t0 = time.perf_counter()
            counts = seed(central.sessions, accounts=args.accounts, seed=1, as_of=AS_OF,
                          one_unit=UNIT if args.one_unit else None)
            out["central_seed"] = {**counts, "seconds": round(time.perf_counter() - t0, 1)}
        # central in its own process, as in production: the counter's work and
        # central's do not share one interpreter lock
        with served_by_process(str(db), 1) as url:
            fs = first_sync(url, central, tmp, log_too=not args.no_log, city=args.whole_city)
            if args.keep_store:
                shutil.copy(fs["app"].store_path, args.keep_store)
            app, engine = fs.pop("app"), fs.pop("engine")
            out["first_sync"] = fs
            if args.first_sync_only:
                engine.client.close()
                app.close()
                return
            out["push_offline"] = push_offline(app, engine, args.payments)
            engine.client.close()
            app.close()
            out["central_sqlite"] = concurrent_devices(url, central, args.devices,
                                                       args.per_device)


def postgresql_figures(args: argparse.Namespace, out: dict) -> None:
    admin = create_engine(args.pg)
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        sep = "&" if "?" in args.pg else "?"
        url_pg = f"{args.pg}{sep}options=-csearch_path%3D{schema}"
        with central_on(url_pg) as pg:
            seed(pg.sessions, accounts=min(args.accounts, 100_000), seed=1, as_of=AS_OF)
            server = (served_by_process(url_pg, args.server_workers) if args.server_workers
                      else serving(pg))
            with server as url:
                figures = concurrent_devices(url, pg, args.devices, args.per_device)
            out["central_postgresql"] = {**figures, "server_workers": args.server_workers or
                                         "in-process"}
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--accounts", type=int, default=100_000)
    ap.add_argument("--payments", type=int, default=10_000)
    ap.add_argument("--devices", type=int, default=50)
    ap.add_argument("--per-device", type=int, default=200)
    ap.add_argument("--pg", default=None, help="PostgreSQL URL for the concurrency figure")
    ap.add_argument("--server-workers", type=int, default=0,
                    help="run the PostgreSQL central as its own process with N workers")
    ap.add_argument("--skip-sqlite", action="store_true",
                    help="only the PostgreSQL concurrency figure")
    ap.add_argument("--one-unit", action="store_true",
                    help=f"every account in {UNIT}: the first sync of a unit of --accounts")
    ap.add_argument("--first-sync-only", action="store_true",
                    help="stop after the first sync (no push, no concurrency figures)")
    ap.add_argument("--whole-city", action="store_true",
                    help="the first sync of a device that holds every unit's accounts")
    ap.add_argument("--no-log", action="store_true",
                    help="leave out the change-log first sync beside the snapshot's")
    ap.add_argument("--keep-store", type=Path, default=None,
                    help="copy the synced counter's store there (for bench_lookup.py --db)")
    ap.add_argument("--central-db", type=Path, default=None,
                    help="a central SQLite file to keep between runs (seeded if absent)")
    args = ap.parse_args()
    out: dict = {"benchmark": "sync", "accounts": args.accounts}
    with tempfile.TemporaryDirectory(prefix="quaythu-bench-sync-") as tmp_name:
        if not args.skip_sqlite:
            sqlite_figures(args, Path(tmp_name), out)
        if args.pg:
            postgresql_figures(args, out)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
