"""Render time per receipt: raster for ESC/POS (80 and 58 mm) and A5 PDF (JSON).

    python tests/perf/bench_receipt.py [--runs 50]
"""

from __future__ import annotations

import argparse
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
    from desktop.printing.receipts.model import receipt_document
    from desktop.printing.receipts.profiles import profile
    from desktop.printing.receipts.sample import sample_receipt

    receipt = sample_receipt()
    receipt_bytes(receipt, 80)  # fonts loaded once, as in a running counter
    out: dict[str, dict[str, float]] = {}
    for name, fn in (("escpos_80mm", lambda: receipt_bytes(receipt, 80)),
                     ("escpos_58mm", lambda: receipt_bytes(receipt, 58)),
                     # a printer that prints Vietnamese itself: text, the QR as an image
                     ("escpos_80mm_text_cp1258",
                      lambda: receipt_bytes(receipt, 80, profile=profile("TM-T20II")))):
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
        out[name] = {"median_ms": round(statistics.median(times), 2),
                     "max_ms": round(max(times), 2)}
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
