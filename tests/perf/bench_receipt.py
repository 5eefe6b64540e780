"""Render time per receipt: raster for ESC/POS (80 and 58 mm) and A5 PDF (JSON).

    python tests/perf/bench_receipt.py [--runs 50]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from desktop.printing.pdf import render_pdf
    from desktop.printing.receipts.escpos_out import receipt_bytes
    from desktop.printing.receipts.model import Receipt, receipt_document, verification_text
    from desktop.printing.receipts.profiles import profile
    from desktop.printing.receipts.sample import sample_receipt
    from desktop.words import amount_in_words

    base = sample_receipt()
    receipt_bytes(base, 80)  # fonts loaded once, as in a running counter

    def nth(i: int) -> Receipt:
        # every run a different receipt: its number, time, customer, amounts and QR
        # differ, so only what is the same on every real receipt can come from a cache
        lines = tuple(dataclasses.replace(x, amount=x.amount + 1_000 * i, kwh=x.kwh + i)
                      for x in base.lines)
        total = sum(x.amount for x in lines)
        no = f"PE0400D001-{i + 2:06d}"
        return dataclasses.replace(
            base, receipt_no=no, paid_at=base.paid_at + dt.timedelta(minutes=3 * i),
            customer_code=f"PE0400{12345 + 7 * i:07d}",
            customer_name=f"{base.customer_name} {i}", lines=lines, total=total,
            total_in_words=amount_in_words(total), tendered=total + 500 * (i % 7),
            change=500 * (i % 7), change_credit=0,
            verification=verification_text(no, f"PE0400{12345 + 7 * i:07d}", total, "bench"))

    out: dict[str, dict[str, float]] = {}
    for name, fn in (("escpos_80mm", lambda r: receipt_bytes(r, 80)),
                     ("escpos_58mm", lambda r: receipt_bytes(r, 58)),
                     # a printer that prints Vietnamese itself: text, the QR as an image
                     ("escpos_80mm_text_cp1258",
                      lambda r: receipt_bytes(r, 80, profile=profile("TM-T20II")))):
        times = []
        receipts = [nth(i) for i in range(args.runs)]
        for r in receipts:
            t0 = time.perf_counter()
            fn(r)
            times.append((time.perf_counter() - t0) * 1000)
        out[name] = {"median_ms": round(statistics.median(times), 2),
                     "p95_ms": round(statistics.quantiles(times, n=20)[18], 2),
                     "max_ms": round(max(times), 2)}
    receipt = base
    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for i in range(args.runs):
            t0 = time.perf_counter()
            render_pdf(receipt_document(receipt), Path(tmp) / f"r{i}.pdf", "a5")
            times.append((time.perf_counter() - t0) * 1000)
        out["pdf_a5"] = {"median_ms": round(statistics.median(times), 2),
                         "max_ms": round(max(times), 2)}
    print(json.dumps({"runs": args.runs, **out}, indent=1))


if __name__ == "__main__":
    main()
