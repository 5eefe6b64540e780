"""Receipts through the real network path into the printer emulator, and its faults."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from db.demo import DEMO_PASSWORD
from desktop.app import App
from desktop.contract import receipt_mac, token_hash
from desktop.printing.emulator import Faults, PrinterEmulator
from desktop.printing.receipts.escpos_out import receipt_bytes
from desktop.printing.receipts.model import receipt_for, verification_text
from desktop.printing.receipts.raster import render
from desktop.printing.receipts.sample import sample_receipt
from desktop.printing.transport import PrinterError, send
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.permissions import ApprovalAction
from tests.staff import pretend_enrolled, sign_in


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[PrinterEmulator]:
    with PrinterEmulator(tmp_path / "paper") as em:
        yield em


def printed(em: PrinterEmulator, n: int) -> list[Image.Image]:
    jobs = em.wait_for_jobs(n)
    assert len(jobs) == n
    return [Image.open(p) for p in jobs]


@pytest.mark.parametrize("paper, dots", [(80, 576), (58, 384)])
def test_a_receipt_prints_at_the_papers_width_with_a_readable_qr(
        emulator: PrinterEmulator, paper: int, dots: int) -> None:
    receipt = sample_receipt()
    send(f"tcp://127.0.0.1:{emulator.port}", receipt_bytes(receipt, paper))
    [image] = printed(emulator, 1)
    assert image.width == dots
    [code] = zxingcpp.read_barcodes(image)
    assert code.text == receipt.verification
    assert code.text.startswith(f"QT|{receipt.receipt_no}|{receipt.customer_code}|"
                                f"{receipt.total}|")
    assert emulator.drawer_kicks == 1  # cash: the drawer opens


def test_long_text_wraps_and_the_paper_grows() -> None:
    short = sample_receipt()
    long = dataclasses.replace(short, customer_name="Nguyễn " * 40,
                               customer_address="Đường Ỷ Lan Nguyên Phi " * 12)
    assert render(long, 384).height > render(short, 384).height + 200
    assert render(long, 384).width == 384


def test_a_copy_is_marked_and_does_not_open_the_drawer(emulator: PrinterEmulator) -> None:
    copy = dataclasses.replace(sample_receipt(), copy=True)
    send(f"tcp://127.0.0.1:{emulator.port}", receipt_bytes(copy, 80))
    printed(emulator, 1)
    assert emulator.drawer_kicks == 0
    assert render(copy, 576).height > render(sample_receipt(), 576).height  # "BẢN SAO" line


def test_a_connection_cut_mid_job_prints_nothing_and_the_retry_prints_once(
        emulator: PrinterEmulator) -> None:
    data = receipt_bytes(sample_receipt(), 80)
    emulator.faults.drop_after = len(data) // 2
    with pytest.raises(PrinterError, match="ngắt kết nối"):
        send(f"tcp://127.0.0.1:{emulator.port}", data)
    send(f"tcp://127.0.0.1:{emulator.port}", data)
    assert len(printed(emulator, 1)) == 1


def test_paper_out_and_a_printer_that_is_off_are_said(tmp_path: Path) -> None:
    with PrinterEmulator(tmp_path / "p", faults=Faults(paper_out=True)) as em:
        with pytest.raises(PrinterError, match="hết giấy"):
            send(f"tcp://127.0.0.1:{em.port}", receipt_bytes(sample_receipt(), 58))
        assert em.jobs == []
        port = em.port
    with pytest.raises(PrinterError) as off:
        send(f"tcp://127.0.0.1:{port}", b"x")
    assert "Phiếu thu đã được ghi" in off.value.user_message


def test_a_real_payment_becomes_a_receipt_and_a_file_printer_gets_the_bytes(
        app: App, tmp_path: Path) -> None:
    pretend_enrolled(app, 8)
    cashier = sign_in(app)
    app.shifts.open(cashier, 0)
    taken = app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0],
                                   tendered=10_000_000)
    with app.sessions() as s:
        receipt = receipt_for(s, taken.key, "qtd_token")
    change = 10_000_000 - taken.amount
    # the change rounded down to the 500 đ note, the rest the customer's credit
    assert (receipt.receipt_no, receipt.total, receipt.change, receipt.change_credit) == (
        taken.receipt_no, taken.amount, change - change % 500, change % 500)
    assert receipt.cashier == "Nguyễn Thị Thu Ngân" and receipt.unit_name.startswith("Điện lực")
    assert receipt.total_in_words.endswith("đồng")
    out = tmp_path / "receipt.bin"
    send(f"file://{out}", receipt_bytes(receipt, 80))
    assert out.read_bytes().startswith(b"\x1b@\x1dv0")


def test_print_test_and_words_on_the_command_line(emulator: PrinterEmulator,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main
    from desktop.words import amount_in_words

    assert main(["print-test", "--printer", f"tcp://127.0.0.1:{emulator.port}",
                 "--paper", "58"]) == 0
    [image] = printed(emulator, 1)
    assert image.width == 384
    assert main(["words", "1.709.544"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == amount_in_words(1_709_544)
    assert main(["print-test", "--printer", "lpt://nowhere"]) == 2


def test_the_a5_pdf_holds_the_vietnamese_exactly(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from desktop.printing.pdf import render_pdf
    from desktop.printing.receipts.model import receipt_document

    receipt = dataclasses.replace(sample_receipt(), copy=True)
    path = render_pdf(receipt_document(receipt), tmp_path / "phieu.pdf", "a5")
    reader = PdfReader(path)
    text = " ".join(p.extract_text() for p in reader.pages)
    for expected in ("PHIẾU THU TIỀN ĐIỆN", "BẢN SAO", "Trương Thị Ngọc Ánh",
                     "ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ đ Đ", receipt.total_in_words,
                     receipt.verification):
        assert expected in " ".join(text.split()), expected
    page = reader.pages[0]
    assert round(float(page.mediabox.width)) == 420  # A5, in points
    fonts = page["/Resources"]["/Font"]
    assert any("DejaVu" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_a_twelve_digit_amount_wraps_its_words_and_a_slow_printer_still_prints(
        tmp_path: Path) -> None:
    from desktop.words import amount_in_words

    huge = dataclasses.replace(sample_receipt(), total=999_999_999_999,
                               total_in_words=amount_in_words(999_999_999_999))
    assert render(huge, 384).height > render(sample_receipt(), 384).height
    with PrinterEmulator(tmp_path / "p", faults=Faults(slow=0.01)) as em:
        send(f"tcp://127.0.0.1:{em.port}", receipt_bytes(huge, 58))
        [image] = printed(em, 1)
    assert image.width == 384


def test_central_tells_a_genuine_receipt_from_a_forged_one(
        tmp_path: Path, central, url: str, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from central.__main__ import main as central_main
    from desktop.app import build_app
    from desktop.link.device import load_token

    counter = build_app(tmp_path / "c" / "quaythu.db")
    try:
        counter.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
        counter.link.engine.sync_once()
        cashier = sign_in(counter)
        counter.shifts.open(cashier, 0)
        taken = counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0])
        with counter.sessions() as s:
            text = receipt_for(s, taken.key, load_token(counter.data_dir)).verification
        # a 64-bit MAC keyed by the receipt key, which central's database does not hold
        assert text.startswith("QT2|") and len(text.rsplit("|", 1)[1]) == 16
        import sqlite3

        from db.models import DeviceState
        from desktop.vault import receipt_key

        key = receipt_key(counter.data_dir)  # beside the token, not in the store
        with counter.sessions() as s:
            assert s.get(DeviceState, 1).receipt_key is None
        dump = "\n".join(sqlite3.connect(tmp_path / "central.db").iterdump())
        assert key and key not in dump
        token_made = "QT2|" + "|".join(text.split("|")[1:4]) + "|" + receipt_mac(
            token_hash(load_token(counter.data_dir)), *text.split("|")[1:3], int(text.split("|")[3]),
            digits=16)
        assert central.verify_receipt(token_made)["reason"] == "forged"  # the token is not it
        # genuine MAC, but central does not hold the payment yet: not (yet) valid
        assert central.verify_receipt(text) == {"valid": False, "reason": "not-at-central",
                                                "payment": None}
        counter.link.engine.sync_once()
        answer = central.verify_receipt(text)
        assert answer["valid"] and answer["payment"]["amount"] == taken.amount
        receipt_no, customer, amount, mac = text.split("|")[1:]
        forged = f"QT2|{receipt_no}|{customer}|{int(amount) * 10}|{mac}"
        assert central.verify_receipt(forged) == {"valid": False, "reason": "forged"}
        db = str(tmp_path / "central.db")
        assert central_main(["--db", db, "verify-receipt", text]) == 0
        assert central_main(["--db", db, "verify-receipt", forged]) == 1
        assert '"forged"' in capsys.readouterr().out
        # a receipt made with the device's token for a payment that never existed
        made_up = verification_text(f"{receipt_no[:-6]}{int(receipt_no[-6:]) + 50:06d}",
                                    customer, 99_000, load_token(counter.data_dir))
        assert central.verify_receipt(made_up)["valid"] is False
        # voided: no longer a valid receipt
        approval = counter.auth.approve(cashier, ApprovalAction.VOID, taken.key, "giamsat",
                                        DEMO_PASSWORD, "thu nhầm")
        counter.payments.void(cashier, taken.key, "Thu nhầm khách hàng", approval)
        counter.link.engine.sync_once()
        assert central.verify_receipt(text)["reason"] == "voided"
        assert central.verify_receipt(text)["valid"] is False
        # a revoked device: nothing it signed counts any more
        device_id = int(receipt_no.split("-")[0].rpartition("D")[2])
        central.revoke(device_id)
        assert central.verify_receipt(text) == {"valid": False, "reason": "device-revoked"}
    finally:
        counter.close()


def test_a_restarted_emulator_numbers_on_and_keeps_earlier_paper(tmp_path: Path) -> None:
    for _ in range(2):
        with PrinterEmulator(tmp_path / "paper") as em:
            send(f"tcp://127.0.0.1:{em.port}", receipt_bytes(sample_receipt(), 58))
            assert len(em.wait_for_jobs(1)) == 1
    assert sorted(p.name for p in (tmp_path / "paper").glob("*.png")) == [
        "job-0001.png", "job-0002.png"]


def test_the_fast_raster_path_sends_what_python_escpos_would() -> None:
    # the receipt's bytes are built without python-escpos's image conversion and with
    # the glyphs of repeated lines from a cache: the printer must get the same dots
    from desktop.printing.receipts import escpos_out, raster
    from desktop.printing.receipts.layout import qr_image

    receipt = sample_receipt()
    for dots in (576, 384):
        raster._ink.cache_clear()
        image = render(receipt, dots)
        reference = escpos_out._printer(dots)
        reference.image(image, impl="bitImageRaster", center=False)
        fast = escpos_out._printer(dots)
        escpos_out._raster(fast, image)
        assert bytes(fast.output) == bytes(reference.output)
        # a second receipt drawn from the glyph cache is the same picture
        assert render(receipt, dots).tobytes() == image.tobytes()
    # the QR built from the matrix is the code: a scanner reads it back
    qr = qr_image(receipt.verification, 288)
    decoded = zxingcpp.read_barcodes(qr.convert("L"))
    assert [d.text for d in decoded] == [receipt.verification]
