"""Commit → at central: how long a cash payment waits before central holds it (JSON).

    python tests/perf/bench_push_latency.py [--payments 40]

A counter enrolled with a real central on loopback (SQLite), its link's loop
running with an hour between timed turns: whatever reaches central was sent
because the commit woke the loop. Each payment is taken, then central's
database is polled (every 2 ms) until the row is there; the next payment
follows. Budget (the core issue): an online counter pushes within 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--payments", type=int, default=40)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from sqlalchemy import select

    from central.models import Payment
    from central.seed import seed
    from db.demo import DEMO_PASSWORD
    from desktop.app import build_app
    from desktop.sim import accounts_with_unpaid_bills
    from tests.central_server import central_on, serving

    with tempfile.TemporaryDirectory() as tmp, central_on(f"{tmp}/central.db") as central:
        seed(central.sessions, accounts=3000, seed=2, as_of=dt.date(2026, 11, 27))
        with serving(central) as url:
            app = build_app(Path(tmp) / "counter" / "quaythu.db")
            app.link.enrol(url, central.issue_enrolment_code("PE1400"), "bench")
            app.link.sync_once()
            app.link.start(interval=3600)
            cashier = app.auth.sign_in("thungan", DEMO_PASSWORD)
            app.shifts.open(cashier, 0)
            waits = []
            for account_id in accounts_with_unpaid_bills(app)[: args.payments]:
                key = app.payments.take_cash(cashier, account_id).key
                committed = time.perf_counter()
                for _ in range(30_000):  # at most a minute
                    with central.sessions() as s:
                        if s.scalar(select(Payment).where(Payment.key == key)) is not None:
                            break
                    time.sleep(0.002)
                waits.append((time.perf_counter() - committed) * 1000)
            app.close()
    waits.sort()
    print(json.dumps({
        "payments": len(waits),
        "commit_to_central_ms": {"p50": round(statistics.median(waits), 1),
                                 "p95": round(waits[int(len(waits) * 0.95) - 1], 1),
                                 "max": round(waits[-1], 1)},
        "budget_ms": 2000,
    }, indent=1))


if __name__ == "__main__":
    main()
