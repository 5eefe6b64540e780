"""VietQR (NAPAS 247) payloads: the EMVCo merchant-presented QR of DOMAIN.md.

Static (no amount: the customer types it) or dynamic (one amount, one
payment). Field 62 carries the bill number and an ASCII purpose such as
``TT tien dien PE0400012345``; field 63 is the CRC-16/CCITT-FALSE of all that
comes before it, ``6304`` included.
"""

from __future__ import annotations

import binascii
import re
import unicodedata
from dataclasses import dataclass

from desktop.errors import ValidationError
from desktop.money.amounts import MAX_AMOUNT

GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"
TO_CARD = "QRIBFTTC"
#: EMVCo's limit for each sub-field of the additional data (62)
MAX_SUBFIELD = 25


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValidationError(f"Trường {tag} của mã VietQR quá dài ({len(value)} ký tự).")
    return f"{tag}{len(value):02d}{value}"


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), four upper-case hex digits."""
    return f"{binascii.crc_hqx(data.encode('ascii'), 0xFFFF):04X}"


def ascii_text(text: str) -> str:
    """Vietnamese → the ASCII a bank app shows: ``Tiền điện`` → ``Tien dien``."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in unicodedata.normalize("NFD", text)
                       if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\x20-\x7e]", "", stripped).split())


@dataclass(frozen=True, slots=True)
class VietQR:
    bank_bin: str
    account: str
    amount: int | None = None
    bill_no: str | None = None
    purpose: str | None = None
    reference: str | None = None
    terminal: str | None = None
    to_card: bool = False

    def payload(self) -> str:
        """The string inside the QR code."""
        if not re.fullmatch(r"\d{6}", self.bank_bin):
            raise ValidationError("Mã BIN ngân hàng gồm đúng 6 chữ số.")
        if not re.fullmatch(r"[0-9A-Za-z]{1,19}", self.account):
            raise ValidationError("Số tài khoản/thẻ gồm 1–19 chữ và số, không dấu cách.")
        if self.amount is not None and not 0 < self.amount <= MAX_AMOUNT:
            raise ValidationError("Số tiền của mã VietQR phải lớn hơn 0 và hợp lý.")
        beneficiary = _tlv("00", self.bank_bin) + _tlv("01", self.account)
        merchant = (_tlv("00", GUID) + _tlv("01", beneficiary)
                    + _tlv("02", TO_CARD if self.to_card else TO_ACCOUNT))
        out = (_tlv("00", "01") + _tlv("01", "12" if self.amount is not None else "11")
               + _tlv("38", merchant) + _tlv("53", "704"))
        if self.amount is not None:
            out += _tlv("54", str(self.amount))
        out += _tlv("58", "VN")
        extra = ""
        for tag, value in (("01", self.bill_no), ("05", self.reference),
                           ("07", self.terminal), ("08", self.purpose)):
            if value:
                text = ascii_text(value)
                if not text:
                    # nothing left once diacritics and symbols go ("₫", "   "): EMVCo and
                    # NAPAS allow lengths 01–99 only, so the sub-field is left out
                    continue
                if len(text) > MAX_SUBFIELD:
                    raise ValidationError(f"“{text}” dài quá {MAX_SUBFIELD} ký tự cho mã VietQR.")
                extra += _tlv(tag, text)
        if extra:
            out += _tlv("62", extra)
        out += "6304"
        return out + crc16(out)


def parse(payload: str) -> dict[str, str]:
    """The top-level fields of a payload (62 and 38 kept whole); refuses a bad CRC."""
    if len(payload) < 8 or not payload[-8:-4] == "6304":
        raise ValidationError("Không phải mã VietQR (thiếu trường 63).")
    if crc16(payload[:-4]) != payload[-4:].upper():
        raise ValidationError("Mã VietQR sai mã kiểm tra (CRC).")
    return split(payload[:-8])


def split(data: str) -> dict[str, str]:
    fields, i = {}, 0
    while i < len(data):
        tag, length = data[i:i + 2], data[i + 2:i + 4]
        if not length.isdigit() or i + 4 + int(length) > len(data):
            raise ValidationError("Mã VietQR hỏng: độ dài trường không đúng.")
        fields[tag] = data[i + 4:i + 4 + int(length)]
        i += 4 + int(length)
    return fields


def bill_purpose(account_code: str) -> str:
    """The purpose a utility payment carries: ``TT tien dien PE0400012345``.

    Shortened to ``TT dien …`` when a long customer code (Ho Chi Minh City's
    13 characters) would pass EMVCo's 25 characters.
    """
    purpose = f"TT tien dien {account_code}"
    return purpose if len(purpose) <= MAX_SUBFIELD else f"TT dien {account_code}"[:MAX_SUBFIELD]


def qr_png(payload: str, path: str, *, scale: int = 8) -> None:
    """The QR image (error correction M), for screens, receipts and tests."""
    import segno

    segno.make(payload, error="m", micro=False).save(path, scale=scale, border=4)


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR's modules, for drawing it on screen without a file."""
    import segno

    return [[bool(m) for m in row] for row in segno.make(payload, error="m", micro=False).matrix]
