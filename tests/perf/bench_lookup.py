"""Benchmark of the offline lookup: prints JSON, passes or fails nothing.

    python tests/perf/bench_lookup.py --accounts 2600000 [--db PATH] [--queries 200]

Generates a demo store of N accounts (timed), unless ``--db`` names an
existing one, then runs at least 200 queries of each kind through the lookup
service (the same call the window makes) and the same lookups as the plainest
raw SQL on the same file, and prints p50/p95/max of each and their ratio.
Each query is run once untimed on both sides first, so both are timed on warm
pages (a cold read measures the disk, not the lookup).
Budgets (DESIGN.md): code/phone/meter p95 ≤ 5 ms; name/address p95 ≤ 50 ms;
issue 19: exact lookups ≤ 5 × the bare indexed SELECT.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from db.text import fold  # noqa: E402
from desktop.app import build_app  # noqa: E402
from desktop.demo import generate_demo_store  # noqa: E402
from desktop.lookup import parse_query  # noqa: E402

KINDS = ("code", "code_prefix", "phone", "meter", "name_fragment", "address_fragment",
         "name_and_place", "no_match")


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    s = sorted(samples_ms)
    return {
        "p50": round(statistics.median(s), 3),
        "p95": round(s[max(0, int(len(s) * 0.95) - 1)], 3),
        "max": round(s[-1], 3),
    }


def make_queries(con: sqlite3.Connection, n: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    (max_id,) = con.execute("SELECT max(id) FROM accounts").fetchone()
    rows = []
    while len(rows) < n:
        ids = [rng.randint(1, max_id) for _ in range(n)]
        rows += con.execute(
            "SELECT code, phone, meter_serial, name, address, ward, old_district FROM accounts "
            f"WHERE id IN ({','.join('?' * len(ids))}) AND phone IS NOT NULL", ids
        ).fetchall()
    rows = rows[:n]
    queries: dict[str, list[str]] = {k: [] for k in KINDS}
    for code, phone, meter, name, address, ward, old_district in rows:
        queries["code"].append(code)
        queries["code_prefix"].append(code[: rng.randint(6, 10)])
        queries["phone"].append(rng.choice((
            phone, f"{phone[:4]} {phone[4:7]} {phone[7:]}", f"+84 {phone[1:4]} {phone[4:7]} {phone[7:]}",
            f"{phone[:4]}.{phone[4:7]}.{phone[7:]}",
        )))
        queries["meter"].append(meter)
        words = fold(name).split()
        queries["name_fragment"].append(f"{words[0]} {words[-1]}")
        street = fold(address.split(",")[0]).split(" ", 1)[1]
        queries["address_fragment"].append(f"{street} {fold(ward).split(' ', 1)[1]}")
        # the example shape: "nguyen chan tan binh"
        place = " ".join(fold(old_district).split()[-2:])
        queries["name_and_place"].append(f"{words[0]} {words[-1]} {place}")
        queries["no_match"].append(
            "".join(rng.choice("qwxzjf") for _ in range(6)) + " " + words[-1])
    return queries


def raw_sql(con: sqlite3.Connection, kind: str, query: str) -> Callable[[], list[tuple]]:
    """The plainest SQL that answers the same question on the same file."""
    parsed = parse_query(query)
    cols = "id, code, name, address, phone, meter_serial"
    if kind == "code":
        return lambda: con.execute(f"SELECT {cols} FROM accounts WHERE code = ?",
                                   (parsed.value,)).fetchall()
    if kind == "code_prefix":
        return lambda: con.execute(
            f"SELECT {cols} FROM accounts WHERE code LIKE ? ORDER BY code LIMIT 50",
            (parsed.value + "%",)).fetchall()
    if kind == "phone":
        return lambda: con.execute(f"SELECT {cols} FROM accounts WHERE phone = ?",
                                   (parsed.value,)).fetchall()
    if kind == "meter":
        return lambda: con.execute(
            f"SELECT {cols} FROM accounts WHERE meter_serial = ?", (parsed.value,)
        ).fetchall()
    expression = " AND ".join(f'"{t}"*' for t in parsed.terms) or '""'
    return lambda: con.execute(
        "SELECT rowid, name, address FROM account_fts WHERE account_fts MATCH ? LIMIT 50",
        (expression,)).fetchall()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--accounts", type=int, default=200_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", type=Path, help="reuse (or create and keep) this store")
    ap.add_argument("--processes", type=int, default=None)
    args = ap.parse_args()
    if args.queries < 200:
        ap.error("at least 200 queries of each kind")

    tmp = None
    path = args.db
    if path is None:
        tmp = tempfile.TemporaryDirectory(prefix="quaythu-bench-")
        path = Path(tmp.name) / "bench.db"
    generation_s = None
    if not path.exists():
        report = generate_demo_store(path, accounts=args.accounts, seed=args.seed,
                                     as_of=dt.date(2026, 11, 27), processes=args.processes)
        generation_s = round(report.seconds, 1)

    app = build_app(path, create=False)
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    raw.execute("PRAGMA mmap_size = 268435456")
    (n_accounts,) = raw.execute("SELECT count(*) FROM accounts").fetchone()
    queries = make_queries(raw, args.queries, args.seed)

    # warm the caches the way a counter's first minutes would
    for kind in KINDS:
        for q in queries[kind][:20]:
            app.lookup.search(q)

    results: dict[str, object] = {}
    for kind in KINDS:
        service_ms, raw_ms, hits = [], [], []
        for q in queries[kind]:
            run = raw_sql(raw, kind, q)
            # each side reads this query's pages once, untimed, into its own connection's
            # cache: both are then timed warm (before, the side timed second got its pages
            # read by the first for free, and the ratio measured the disk)
            run()
            app.lookup.search(q)
            t0 = time.perf_counter()
            result = app.lookup.search(q)
            service_ms.append((time.perf_counter() - t0) * 1000)
            hits.append(len(result.hits))
            t0 = time.perf_counter()
            run()
            raw_ms.append((time.perf_counter() - t0) * 1000)
        svc, base = percentiles(service_ms), percentiles(raw_ms)
        results[kind] = {
            "service_ms": svc,
            "raw_sql_ms": base,
            "ratio_p50": round(svc["p50"] / base["p50"], 2) if base["p50"] else None,
            "ratio_p95": round(svc["p95"] / base["p95"], 2) if base["p95"] else None,
            "mean_hits": round(sum(hits) / len(hits), 1),
            "queries": len(queries[kind]),
            "examples": queries[kind][:3],
        }
    app.close()
    raw.close()
    print(json.dumps({
        "benchmark": "lookup",
        "accounts": n_accounts,
        "generation_seconds": generation_s,
        "store_bytes": path.stat().st_size,
        # the most this process held in memory, store pages (mmap) included
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "cpu_count": os.cpu_count(),
        "kinds": results,
    }, ensure_ascii=False, indent=1))
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
