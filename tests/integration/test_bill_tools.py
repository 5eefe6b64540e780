"""Bill check on the real store, documents as real PDF files, `quaythu bill`."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.app import App, build_app
from desktop.printing import documents
from desktop.printing.pdf import render_pdf
from desktop.tariff.billing import BillRequest, calculate
from desktop.tariff.estimator import Usage, estimate
from tests.conftest import AS_OF


def test_every_demo_bill_checks_out(app: App, demo_store: Path) -> None:
    con = sqlite3.connect(demo_store)
    ids = [r[0] for r in con.execute(
        "SELECT b.id FROM bills b JOIN accounts a ON a.id = b.account_id "
        "GROUP BY a.tariff_class, b.status HAVING b.id = min(b.id)")]
    ids += [r[0] for r in con.execute("SELECT id FROM bills ORDER BY random() LIMIT 200")]
    con.close()
    assert len(ids) > 200
    for bill_id in ids:
        c = app.bill_check.check(bill_id, today=AS_OF)
        assert c.agrees, c
        assert c.difference == 0


def test_a_wrong_bill_shows_the_difference_line_by_line(tmp_path: Path, demo_store: Path) -> None:
    copy = tmp_path / "copy.db"
    src = sqlite3.connect(demo_store)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    bill_id, = dst.execute("SELECT b.id FROM bills b JOIN accounts a ON a.id = b.account_id "
                           "WHERE a.tariff_class = 'residential' AND b.kwh > 60 LIMIT 1").fetchone()
    # the bill charges tier 2 at a made-up price
    dst.execute("UPDATE bill_lines SET unit_price = unit_price + 100, amount = kwh * (unit_price + 100)"
                " WHERE bill_id = ? AND seq = 2", (bill_id,))
    dst.execute("UPDATE bills SET subtotal = (SELECT sum(amount) FROM bill_lines WHERE bill_id = ?),"
                " total = (SELECT sum(amount) FROM bill_lines WHERE bill_id = ?) + vat"
                " WHERE id = ?", (bill_id, bill_id, bill_id))
    dst.commit()
    dst.close()
    app = build_app(copy)
    try:
        c = app.bill_check.check(bill_id, today=AS_OF)
    finally:
        app.close()
    assert not c.agrees
    wrong = [x for x in c.lines if not x.agrees]
    assert [x.label for x in wrong] == ["Bậc 2"]
    assert wrong[0].billed_amount - wrong[0].computed_amount == wrong[0].billed_kwh * 100
    assert c.difference == wrong[0].billed_kwh * 100


def test_prefill_from_an_account_reproduces_its_latest_bill(app: App, demo_store: Path) -> None:
    con = sqlite3.connect(demo_store)
    account_id, total = con.execute(
        "SELECT account_id, total FROM bills WHERE id = (SELECT max(id) FROM bills "
        "WHERE account_id = 5)").fetchone()
    con.close()
    req = app.bill_check.request_for(account_id, today=AS_OF)
    assert calculate(req).total == total


@pytest.mark.parametrize("layout", ["slip80", "a5", "a4"])
def test_the_calculation_as_a_pdf_with_vietnamese_text(tmp_path: Path, layout: str) -> None:
    req = BillRequest(dt.date(2026, 10, 1), dt.date(2026, 10, 31), kwh=100, today=AS_OF)
    doc = documents.bill_calculation(req, calculate(req), customer="PE14000000001 · Đặng Thị Ánh")
    path = render_pdf(doc, tmp_path / f"{layout}.pdf", layout)
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "PHIẾU TÍNH TIỀN ĐIỆN" in text
    assert "Đặng Thị Ánh" in text
    assert "217.836 đ" in text
    assert "Hai trăm mười bảy nghìn tám trăm ba mươi sáu đồng" in text.replace("\n", " ")
    fonts = reader.pages[0]["/Resources"]["/Font"]
    base_fonts = [str(fonts[f].get_object()["/BaseFont"]) for f in fonts]
    assert any("DejaVuSans" in name for name in base_fonts), base_fonts
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert round(width_mm) == {"slip80": 80, "a5": 148, "a4": 210}[layout]


def test_the_estimate_as_a_pdf(tmp_path: Path) -> None:
    est = estimate([Usage.of("fridge"), Usage.of("ac_1hp_inverter", 2)], month_end=AS_OF)
    path = render_pdf(documents.consumption_estimate(est), tmp_path / "e.pdf", "a4")
    text = PdfReader(path).pages[0].extract_text()
    assert "ƯỚC TÍNH ĐIỆN NĂNG" in text and "Máy lạnh 1 HP Inverter" in text


def run_bill(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", "bill", *args],
                          capture_output=True, text=True, timeout=60)


def test_bill_command_json() -> None:
    done = run_bill("--kwh", "100", "--from", "2026-10-01", "--to", "2026-10-31", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["subtotal"], out["vat"], out["total"]) == (201_700, 16_136, 217_836)
    assert [(x["kwh"], x["unit_price"]) for x in out["lines"]] == [(50, 1984), (50, 2050)]


def test_bill_command_readings_and_split() -> None:
    done = run_bill("--old", "1000", "--new", "1300", "--from", "2025-05-01", "--to",
                    "2025-05-31", "--change-reading", "2025-05-10=1040", "--json")
    out = json.loads(done.stdout)
    assert sum(x["kwh"] for x in out["lines"] if "2699" in x["decision"]) == 40
    assert out["notes"]


def test_bill_command_asks_about_a_reading_below_old() -> None:
    done = run_bill("--old", "99950", "--new", "30", "--from", "2026-10-01", "--to", "2026-10-31")
    assert done.returncode == 2
    assert "quay vòng" in done.stderr and "--rollover-digits" in done.stderr
    again = run_bill("--old", "99950", "--new", "30", "--rollover-digits", "5", "--from",
                     "2026-10-01", "--to", "2026-10-31", "--json")
    assert json.loads(again.stdout)["kwh"] == 80


def test_bill_command_bad_input_is_a_message_not_a_traceback() -> None:
    done = run_bill("--kwh", "100", "--households", "0", "--from", "2026-10-01", "--to",
                    "2026-10-31")
    assert done.returncode == 2
    assert "Số hộ" in done.stderr and "Traceback" not in done.stderr


def test_bill_command_writes_a_slip(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"
    done = run_bill("--kwh", "250", "--from", "2026-10-01", "--to", "2026-10-31", "--pdf",
                    str(pdf), "--layout", "slip80")
    assert done.returncode == 0
    assert "Tổng cộng" in PdfReader(pdf).pages[0].extract_text()
