"""VietQR: the NAPAS examples of DOMAIN.md byte for byte, and the QR image decoded back."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from desktop.errors import ValidationError
from desktop.money.vietqr import VietQR, ascii_text, bill_purpose, crc16, parse, qr_png, split

STATIC = ("00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA"
          "53037045802VN63049E6F")
DYNAMIC = ("00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
           "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E")


def test_the_static_example_of_the_specification() -> None:
    assert VietQR("970403", "0011012345678").payload() == STATIC


def test_the_dynamic_example_of_the_specification() -> None:
    q = VietQR("970403", "0011012345678", amount=180_000, bill_no="NPS6869",
               purpose="thanh toan don hang")
    assert q.payload() == DYNAMIC


def test_parse_checks_the_crc_and_reads_the_fields() -> None:
    fields = parse(DYNAMIC)
    assert fields["54"] == "180000" and fields["58"] == "VN"
    assert split(fields["62"]) == {"01": "NPS6869", "08": "thanh toan don hang"}
    with pytest.raises(ValidationError, match="CRC"):
        parse(DYNAMIC[:-1] + "F")
    assert crc16("123456789") == "29B1"  # the CRC-16/CCITT-FALSE check value


def test_an_electricity_bill_purpose_is_ascii() -> None:
    q = VietQR("970436", "0071000123456", amount=343_786, bill_no="HD2611000466230",
               purpose=bill_purpose("PE0400012345"))
    additional = split(parse(q.payload())["62"])
    assert additional["08"] == "TT tien dien PE0400012345"
    assert ascii_text("Tiền điện tháng 11 – Đặng") == "Tien dien thang 11 Dang"
    # Ho Chi Minh City's 13-character codes would pass 25 characters: shortened
    assert bill_purpose("PE14000000417") == "TT dien PE14000000417"


@pytest.mark.parametrize("kwargs, why", [
    ({"bank_bin": "97040"}, "BIN"), ({"account": "0011 0123"}, "tài khoản"),
    ({"amount": 0}, "lớn hơn 0"), ({"purpose": "x" * 26}, "dài quá"),
])
def test_bad_input_is_refused(kwargs: dict, why: str) -> None:
    base = {"bank_bin": "970403", "account": "0011012345678", "amount": 1000}
    with pytest.raises(ValidationError, match=why):
        VietQR(**{**base, **kwargs}).payload()


@pytest.mark.parametrize("payload", [STATIC, DYNAMIC])
def test_the_rendered_qr_decodes_to_the_same_payload(tmp_path: Path, payload: str) -> None:
    png = tmp_path / "qr.png"
    qr_png(payload, str(png))
    [barcode] = zxingcpp.read_barcodes(Image.open(png))
    assert barcode.text == payload


@pytest.mark.parametrize("empty", ["₫", "   ", "\u0300", "\u200b"])
def test_a_sub_field_with_nothing_left_is_left_out(empty: str) -> None:
    """No zero-length EMVCo sub-field (``0800``): lengths are 01–99, and outside parsers
    drop a field 62 that has one. With nothing else in it, field 62 goes too."""
    from desktop.money.vietqr import VietQR, parse, split

    only = VietQR("970403", "0011012345678", amount=1000, purpose=empty).payload()
    assert "62" not in parse(only)
    mixed = VietQR("970403", "0011012345678", amount=1000, bill_no="HD1", purpose=empty).payload()
    assert split(parse(mixed)["62"]) == {"01": "HD1"}
    assert "0800" not in mixed
