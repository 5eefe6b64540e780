"""Benchmark of the whole-city store's size and what the consumption chart adds to it.

    python tests/perf/bench_store_size.py --accounts 200000 [--db PATH]

Prints JSON, passes or fails nothing. Generates a demo store of N accounts (the same
generator as the whole-city store, db/demo.py) unless ``--db`` names one, then reports:
its size; its bills per account; the bytes the chart's history takes (``accounts.usage``,
when the column exists); and the store's size with that history emptied (VACUUM INTO a
copy), i.e. before/after. Issue 30 asks the history to keep the store within +15 %.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.demo import generate_demo_store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--accounts", type=int, default=200_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        gen_s = None
        if path is None:
            path = Path(tmp) / "store.db"
            t0 = time.perf_counter()
            generate_demo_store(path, accounts=args.accounts, seed=args.seed,
                                as_of=dt.date(2026, 11, 27))
            gen_s = round(time.perf_counter() - t0, 1)
        con = sqlite3.connect(path)
        try:
            accounts = con.execute("SELECT count(*) FROM accounts").fetchone()[0]
            bills = con.execute("SELECT count(*) FROM bills").fetchone()[0]
            cols = {r[1] for r in con.execute("PRAGMA table_info(accounts)")}
            has_usage = "usage" in cols
            usage_bytes = con.execute(
                "SELECT coalesce(sum(length(CAST(usage AS BLOB))), 0), count(usage) "
                "FROM accounts").fetchone() if has_usage else (0, 0)
            stripped = Path(tmp) / "without_history.db"
            con.execute("VACUUM INTO ?", (str(stripped),))
        finally:
            con.close()
        compact = Path(tmp) / "with_history.db"
        src = sqlite3.connect(path)
        try:
            src.execute("VACUUM INTO ?", (str(compact),))
        finally:
            src.close()
        if has_usage:
            s2 = sqlite3.connect(stripped)
            try:
                s2.execute("UPDATE accounts SET usage = NULL")
                s2.commit()
                s2.execute("VACUUM")
            finally:
                s2.close()
        before, after = stripped.stat().st_size, compact.stat().st_size
        print(json.dumps({
            "accounts": accounts, "bills": bills,
            "bills_per_account": round(bills / max(1, accounts), 2),
            "generate_s": gen_s,
            "history_column": has_usage,
            "accounts_with_history": usage_bytes[1],
            "history_bytes": usage_bytes[0],
            "store_bytes_without_history": before,
            "store_bytes_with_history": after,
            "growth_percent": round(100 * (after - before) / before, 2),
        }, indent=2))


if __name__ == "__main__":
    main()
