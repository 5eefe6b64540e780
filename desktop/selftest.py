"""``QuayThu --self-test``: what an installed copy must be able to do, checked headless.

Each check prints one line (``ok`` or ``FAIL`` with the reason, and how long it
took); the run exits 0 when all passed, 1 otherwise. It touches nothing of the
user's: the store is a temporary one. A bundle that lacks a data file, a
migration, a font or a Qt plugin fails here, on the machine that built it,
instead of at a counter.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    run: Callable[[], str]


def _store() -> str:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import text

    from db.engine import open_store
    from db.models import Base

    def ours(name: str | None, type_: str, _parent: object) -> bool:
        # the full-text index is SQLite's own (FTS5 shadow tables), not a model
        return not (type_ == "table" and (name or "").startswith("account_fts"))

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_store(Path(tmp) / "quaythu.db")
        try:
            with engine.connect() as conn:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                # a bundle that lost a migration builds an older schema without a word:
                # the tables must be the ones the code works with
                drift = compare_metadata(
                    MigrationContext.configure(conn, opts={"include_name": ours}),
                    Base.metadata)
        finally:
            engine.dispose()
    if drift:
        raise RuntimeError(f"kho ở {revision} khác mã nguồn: {str(drift[0])[:160]}")
    return f"kho tạm đã tạo và nâng cấp tới {revision}, khớp mã nguồn"


def _fonts() -> str:
    from importlib import resources

    from PIL import ImageFont

    fonts = resources.files("resources").joinpath("fonts")
    names = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    for name in names:
        with resources.as_file(fonts.joinpath(name)) as path:
            ImageFont.truetype(str(path), 20).getbbox("Tiền điện tháng 11 – Đã thu")
    return ", ".join(names)


def _data_files() -> str:
    from desktop.tariff.prices import decisions, rules, vat_rate_on

    found = decisions()
    rules()
    vat_rate_on(found[-1].effective_from)
    return f"{len(found)} quyết định giá, thuế GTGT, quy tắc"


def _receipt_bytes() -> str:
    from desktop.printing.receipts.escpos_out import receipt_bytes
    from desktop.printing.receipts.sample import sample_receipt

    data = receipt_bytes(sample_receipt(), 80)
    if not data.startswith(b"\x1b@") or len(data) < 1000:
        raise RuntimeError("luồng ESC/POS không như mong đợi")
    return f"phiếu 80 mm: {len(data)} byte ESC/POS"


def _receipt_pdf() -> str:
    from desktop.printing.pdf import render_pdf
    from desktop.printing.receipts.model import receipt_document
    from desktop.printing.receipts.sample import sample_receipt

    with tempfile.TemporaryDirectory() as tmp:
        pdf = render_pdf(receipt_document(sample_receipt()), Path(tmp) / "r.pdf", "a5")
        head = pdf.read_bytes()[:5]
        size = pdf.stat().st_size
    if head != b"%PDF-":
        raise RuntimeError("không phải tệp PDF")
    return f"phiếu A5: {size} byte PDF"


CORE_CHECKS = (
    Check("store", _store), Check("fonts", _fonts),
    Check("data", _data_files), Check("escpos", _receipt_bytes), Check("pdf", _receipt_pdf),
)


def run_checks(checks: Iterable[Check], out: TextIO) -> int:
    """Run every check (one failing does not stop the others); 0 when all passed."""
    failed = 0
    for check in checks:
        started = time.perf_counter()
        try:
            said = check.run()
        except Exception as exc:  # every failure is a line of the report, not a crash
            failed += 1
            said, mark = f"{type(exc).__name__}: {exc}", "FAIL"
        else:
            mark = "ok"
        took = (time.perf_counter() - started) * 1000
        print(f"{mark:4} {check.name:8} {took:7.0f} ms  {said}", file=out, flush=True)
    print("self-test: " + ("passed" if not failed else f"{failed} failed"), file=out, flush=True)
    return 0 if not failed else 1
