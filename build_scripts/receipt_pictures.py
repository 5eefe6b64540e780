"""Retakes docs/receipt-80mm.png, docs/receipt-58mm.png and docs/receipt-a5.png:
the sample receipt printed through the network into the printer emulator, and
its A5 PDF (pdftoppm, Debian's poppler-utils, turns that into a picture).

    python build_scripts/receipt_pictures.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.printing.emulator import PrinterEmulator  # noqa: E402
from desktop.printing.pdf import render_pdf  # noqa: E402
from desktop.printing.receipts.escpos_out import receipt_bytes  # noqa: E402
from desktop.printing.receipts.model import receipt_document  # noqa: E402
from desktop.printing.receipts.sample import sample_receipt  # noqa: E402
from desktop.printing.transport import send  # noqa: E402


def main() -> None:
    docs = ROOT / "docs"
    receipt = sample_receipt()
    with tempfile.TemporaryDirectory() as tmp:
        with PrinterEmulator(Path(tmp) / "paper") as printer:
            for n, paper in enumerate((80, 58), start=1):
                send(f"tcp://127.0.0.1:{printer.port}", receipt_bytes(receipt, paper))
                jobs = printer.wait_for_jobs(n)
                if len(jobs) < n:
                    raise SystemExit("the emulator printed nothing")
                shutil.copyfile(jobs[-1], docs / f"receipt-{paper}mm.png")
        pdf = render_pdf(receipt_document(receipt), Path(tmp) / "receipt.pdf", "a5")
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf),
                        str(docs / "receipt-a5")], check=True)
    print("saved docs/receipt-80mm.png, docs/receipt-58mm.png, docs/receipt-a5.png")


if __name__ == "__main__":
    main()
