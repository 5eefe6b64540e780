"""A sample receipt full of Vietnamese for ``quaythu print-test``."""

from __future__ import annotations

import datetime as dt

from desktop.contract import PaymentMethod
from desktop.printing.receipts.model import UTILITY, Receipt, ReceiptLine, verification_text
from desktop.words import amount_in_words


def sample_receipt() -> Receipt:
    lines = (ReceiptLine(dt.date(2026, 9, 23), dt.date(2026, 10, 22), "HD2610000123456", 312,
                         897_214),
             ReceiptLine(dt.date(2026, 10, 23), dt.date(2026, 11, 22), "HD2611000123457", 287,
                         812_330))
    total = sum(x.amount for x in lines)
    return Receipt(
        utility=UTILITY, unit_name="Điện lực Gia Định", device_code="PE0400D001",
        receipt_no="PE0400D001-000001", paid_at=dt.datetime(2026, 11, 27, 3, 12, tzinfo=dt.UTC),
        cashier="Nguyễn Thị Thu Ngân", customer_code="PE04000012345",
        customer_name="Trương Thị Ngọc Ánh — Quán Cơm Tấm Bụi Sài Gòn Ưu Đãi",
        customer_address="12/3A Nguyễn Đình Chiểu, phường Đa Kao (Phường Đa Kao cũ, Quận 1), "
                         "TP. Hồ Chí Minh — ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ "
                         "ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ đ Đ",
        lines=lines, total=total, total_in_words=amount_in_words(total), method=PaymentMethod.CASH,
        # the change rounded down to the 500 đ note; the rest credited to the account
        tendered=2_000_000, change=(2_000_000 - total) // 500 * 500,
        change_credit=(2_000_000 - total) % 500, bank_ref=None,
        verification=verification_text("PE0400D001-000001", "PE04000012345", total, "sample"))
