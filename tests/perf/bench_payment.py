"""Confirm → committed for cash payments on a real store, p50/p95 (JSON).

    python tests/perf/bench_payment.py [--db STORE] [--payments 500]

The store is copied first (the benchmark writes to it). Each payment is the
counter's whole confirm: the staff member's session and role checked, the
shift found, the bills read, a gap-free receipt number, payment, allocations,
outbox row and journal line in one transaction with synchronous=FULL.
Then the receipt is read back and made into 80 mm ESC/POS bytes, as the
print queue does. Budget (DESIGN.md): confirm → receipt bytes ready p95 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--payments", type=int, default=500)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from db.demo import DEMO_PASSWORD
    from db.models import DeviceState
    from desktop.app import build_app
    from desktop.demo import generate_demo_store
    from desktop.receipts.escpos_out import receipt_bytes
    from desktop.receipts.model import receipt_for
    from desktop.sim import accounts_with_unpaid_bills

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "quaythu.db"
        if args.db is None:
            generate_demo_store(store, accounts=200_000, seed=1, as_of=dt.date(2026, 11, 27))
        else:
            shutil.copyfile(args.db, store)
        app = build_app(store, create=False)
        with app.writes() as s, s.begin():
            if s.get(DeviceState, 1) is None:
                s.add(DeviceState(id=1, central_url="http://127.0.0.1:9", device_id=1,
                                  unit_code="PE1400", device_code="PE1400D001",
                                  enrolled_at=dt.datetime.now(dt.UTC), receipt_seq=0))
        with app.sessions() as s:
            accounts_total = s.execute(__import__("sqlalchemy").text(
                "SELECT count(*) FROM accounts")).scalar()
        cashier = app.auth.sign_in("thungan", DEMO_PASSWORD)
        app.shifts.open(cashier, 1_000_000)
        candidates = accounts_with_unpaid_bills(app)[: args.payments]
        times, to_bytes = [], []
        for account_id in candidates:
            t0 = time.perf_counter()
            taken = app.payments.take_cash(cashier, account_id, tendered=None)
            times.append((time.perf_counter() - t0) * 1000)
            with app.sessions() as s:  # the receipt, as the print queue makes it
                receipt_bytes(receipt_for(s, taken.key, "qtd_bench"), 80)
            to_bytes.append((time.perf_counter() - t0) * 1000)
        app.close()
    times.sort()
    to_bytes.sort()
    print(json.dumps({
        "store_accounts": accounts_total, "payments": len(times),
        "confirm_to_committed_ms": {
            "p50": round(statistics.median(times), 2),
            "p95": round(times[int(len(times) * 0.95) - 1], 2),
            "max": round(times[-1], 2)},
        "confirm_to_receipt_bytes_ms": {
            "p50": round(statistics.median(to_bytes), 2),
            "p95": round(to_bytes[int(len(to_bytes) * 0.95) - 1], 2)},
        "budget_p95_ms_to_receipt_bytes": 100,
    }, indent=1))


if __name__ == "__main__":
    main()
