"""Native Vietnamese text for printers whose profile has CP1258; raster for every other one."""

from __future__ import annotations

import dataclasses
import os
import threading
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from desktop.app import App
from desktop.printing.emulator import Parser, PrinterEmulator, job_image
from desktop.printing.receipts.escpos_out import receipt_bytes
from desktop.printing.receipts.profiles import (
    RASTER,
    decode_cp1258,
    encode_cp1258,
    native_profiles,
    profile,
    profile_of,
)
from desktop.printing.receipts.sample import sample_receipt
from desktop.printing.testpage import TEST_LINE, choices, encoding_test_page
from desktop.printing.transport import send
from desktop.sim import accounts_with_unpaid_bills
from desktop.words import amount_in_words
from tests.staff import pretend_enrolled, sign_in

ALL_TONED = ("ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ đ Đ "
             "Ắ Ằ Ẳ Ẵ Ặ Ấ Ầ Ẩ Ẫ Ậ Ế Ề Ể Ễ Ệ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ Ứ Ừ Ử Ữ Ự Ý Ỳ Ỷ Ỹ Ỵ "
             "à á ả ã ạ è é ẻ ẽ ẹ ì í ỉ ĩ ị ò ó ỏ õ ọ ù ú ủ ũ ụ ơ ư ă â ê ô")


def test_every_vietnamese_letter_survives_cp1258() -> None:
    encoded = encode_cp1258(ALL_TONED)
    assert b"?" not in encoded
    assert decode_cp1258(encoded) == ALL_TONED


@pytest.mark.parametrize(("name", "paper", "dots", "columns"),
                         [("TM-T20II", 80, 576, 48), ("NT-5890K", 58, 384, 32)])
def test_a_cp1258_printer_prints_the_receipt_as_vietnamese_text(
        tmp_path: Path, name: str, paper: int, dots: int, columns: int) -> None:
    long_name = "Công ty TNHH Thương mại Dịch vụ Kỹ thuật Điện Lạnh Ánh Dương Phương Nam " * 3
    receipt = dataclasses.replace(sample_receipt(), customer_name=long_name.strip(),
                                  total=999_999_999_999,
                                  total_in_words=amount_in_words(999_999_999_999))
    native = receipt_bytes(receipt, paper, profile=profile(name))
    assert len(native) < len(receipt_bytes(receipt, paper)) / 2  # characters, not dots
    with PrinterEmulator(tmp_path / "paper", width=dots) as em:
        send(f"tcp://127.0.0.1:{em.port}?profile={name}", native)
        [path] = em.wait_for_jobs(1)
        [lines] = em.texts
    assert all(len(line) <= columns for line in lines), "a line is wider than the paper"
    flowing = " ".join(line.strip() for line in lines)
    for expected in ("PHIẾU THU TIỀN ĐIỆN", "Điện lực Gia Định", "Nguyễn Thị Thu Ngân",
                     long_name.strip(), ALL_TONED[:60].strip(), receipt.total_in_words,
                     "HD2610000123456"):
        assert " ".join(expected.split()) in flowing, expected
    assert "?" not in flowing and "\ufffd" not in flowing
    total_line = next(line for line in lines if line.startswith("TỔNG CỘNG"))
    assert total_line.endswith("999.999.999.999 đ") and len(total_line) == columns
    image = Image.open(path)
    assert image.width == dots
    [code] = zxingcpp.read_barcodes(image)
    assert code.text == receipt.verification
    assert em.drawer_kicks == 1


def test_unknown_or_non_vietnamese_profiles_print_raster() -> None:
    assert profile_of("tcp://10.0.0.5:9100?profile=NoSuchPrinter") == RASTER
    assert profile_of("tcp://10.0.0.5:9100") == RASTER
    assert profile_of(None) == RASTER
    unknown = receipt_bytes(sample_receipt(), 80, profile=profile("NoSuchPrinter"))
    assert unknown == receipt_bytes(sample_receipt(), 80)
    assert unknown.startswith(b"\x1b@\x1dv0")  # initialise, then the raster image
    # a known printer without a Vietnamese table: raster, at the profile's own width
    t88 = receipt_bytes(sample_receipt(), 80, profile=profile("TM-T88III"))
    parser = Parser()
    parser.feed(t88)
    [job] = parser.done
    assert job.text == [] and job_image(job).width == 512


def test_the_print_queue_uses_the_profile_in_the_printer_address(
        app: App, tmp_path: Path) -> None:
    pretend_enrolled(app, 8)
    cashier = sign_in(app)
    app.shifts.open(cashier, 0)
    with PrinterEmulator(tmp_path / "paper") as em:
        app.device.set_printer(sign_in(app, "quantri"), f"tcp://127.0.0.1:{em.port}?profile=TM-T20II",
                    80)
        taken = app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
        assert app.prints.print_pending().printed == 1
        em.wait_for_jobs(1)
        [lines] = em.texts
    assert f"Số phiếu: {taken.receipt_no}" in lines


def test_a_serial_printer_gets_the_whole_job(tmp_path: Path) -> None:
    """The serial/Bluetooth SPP path, through python-escpos, into a pseudo-terminal."""
    import termios
    import tty

    leader, follower = os.openpty()
    tty.setraw(follower)
    attrs = termios.tcgetattr(follower)
    termios.tcsetattr(follower, termios.TCSANOW, attrs)
    data = receipt_bytes(sample_receipt(), 58, profile=profile("NT-5890K"))
    received = bytearray()

    def read() -> None:
        import select

        deadline = 200  # × 0.05 s
        while deadline and len(received) < len(data):
            ready, _w, _x = select.select([leader], [], [], 0.05)
            if ready:
                received.extend(os.read(leader, 65536))
            else:
                deadline -= 1

    reader = threading.Thread(target=read)
    reader.start()
    try:
        send(f"serial://{os.ttyname(follower)}?baud=115200&profile=NT-5890K", data)
    finally:
        reader.join(15)
        os.close(follower)
        os.close(leader)
    assert bytes(received) == data
    parser = Parser(384)
    parser.feed(bytes(received))
    [job] = parser.done
    assert any("Trương Thị Ngọc Ánh" in line for line in job.text)


def test_every_vietnamese_letter_survives_tcvn3_on_a_printer_with_both_pages() -> None:
    """TCVN-3 keeps lower case on one page and upper case on the other (ESC t 30/31)."""
    data = profile("TM-T82", "tcvn3").encode(ALL_TONED)
    assert b"?" not in data and b"\x1bt\x1f" in data and b"\x1bt\x1e" in data
    parser = Parser()
    parser.feed(b"\x1b@" + data + b"\n\x1dVA\x00")
    [job] = parser.done
    assert job.text == [ALL_TONED]


def test_the_counters_printers_have_their_profiles_and_sources() -> None:
    for name, dots, columns in (("XP-58", 384, 32), ("XP-80", 576, 48), ("TM-T82", 512, 42)):
        found = profile(name)
        assert (found.pixels, found.columns) == (dots, columns)
        assert found.source and found.title.startswith(("Xprinter", "Epson"))
        assert not found.native  # a page number alone prints raster until someone picks
    assert "XP-80" in native_profiles()


@pytest.mark.parametrize(("name", "page_27", "right"),
                         [("XP-80", "cp1258", "cp1258"), ("XP-80", "tcvn-3-1", None),
                          ("TM-T82", None, "both")])
def test_the_test_page_shows_which_table_prints_right(
        tmp_path: Path, name: str, page_27: str | None, right: str | None) -> None:
    """The same line as raster, CP1258 and TCVN-3; the emulator plays the printer's tables."""
    pages = {27: page_27} if page_27 else None
    with PrinterEmulator(tmp_path / "paper", pages=pages) as em:
        send(f"tcp://127.0.0.1:{em.port}", encoding_test_page(name, 80))
        em.wait_for_jobs(1)
        [lines] = em.texts
    assert [c.number for c in choices(profile(name))] == [1, 2, 3]
    cp1258 = lines[lines.index(next(x for x in lines if x.startswith("2) CP1258"))) + 1]
    tcvn3 = lines[lines.index(next(x for x in lines if x.startswith("3) TCVN-3"))) + 1]
    if right == "cp1258":
        assert cp1258 == TEST_LINE and tcvn3 != TEST_LINE
    elif right == "both":
        assert cp1258 == TEST_LINE == tcvn3
    else:  # page 27 holds one TCVN-3 page: upper-case toned letters cannot print
        assert cp1258 != TEST_LINE and tcvn3 != TEST_LINE and "đã thu đủ ắ ặ ữ ỹ" in tcvn3


def test_the_picked_table_prints_the_receipt(tmp_path: Path) -> None:
    """``?text=cp1258`` on an Xprinter whose page 27 is CP1258: the receipt reads right."""
    with PrinterEmulator(tmp_path / "paper", pages={27: "cp1258"}) as em:
        uri = f"tcp://127.0.0.1:{em.port}?profile=XP-80&text=cp1258"
        send(uri, receipt_bytes(sample_receipt(), 80, profile=profile_of(uri)))
        em.wait_for_jobs(1)
        [lines] = em.texts
    assert any("Trương Thị Ngọc Ánh" in line for line in lines)
    assert profile_of(uri.replace("cp1258", "raster")) == profile("XP-80")
