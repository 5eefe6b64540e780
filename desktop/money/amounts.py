"""Money is an ``int`` of đồng; this is how it reads on screen and how it is typed."""

from __future__ import annotations

import re

from desktop.errors import ValidationError

#: more than any counter takes at once (10¹² đ): a typo, not a payment
MAX_AMOUNT = 10**12

_CURRENCY = re.compile(r"\s*(?:đ|₫|vnđ|vnd|dong|đồng|d)\.?\s*$", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?:([.,\s])\d{3})?(?:\1\d{3})*")


def group_digits(n: int) -> str:
    """``1234567`` → ``1.234.567`` (Vietnamese digit grouping)."""
    return f"{n:,}".replace(",", ".")


def format_vnd(amount: int) -> str:
    """``1234567`` → ``1.234.567 đ``."""
    return group_digits(amount) + " đ"


def parse_amount(text: str, *, allow_zero: bool = False) -> int:
    """What a cashier typed or pasted, as đồng.

    ``1000000``, ``1.000.000``, ``1,000,000``, ``1 000 000 đ`` are one amount;
    a sign, a decimal part, letters, zero (unless allowed) and more than 10¹²
    are refused with a sentence saying why.
    """
    raw = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    raw = _CURRENCY.sub("", raw).strip()
    if not raw:
        raise ValidationError("Nhập số tiền.")
    if raw.startswith(("-", "−")):
        raise ValidationError("Số tiền phải lớn hơn 0.")
    raw = raw.lstrip("+").strip()
    if not re.fullmatch(r"[\d.,\s]+", raw):
        raise ValidationError(f"Số tiền chỉ gồm chữ số: “{text.strip()[:30]}”.")
    if not (raw.isdigit() or _GROUPED.fullmatch(raw)):
        raise ValidationError("Số tiền tính bằng đồng, không có phần lẻ "
                              "(viết 1.000.000 hoặc 1000000).")
    value = int(re.sub(r"\D", "", raw))
    if value == 0 and not allow_zero:
        raise ValidationError("Số tiền phải lớn hơn 0.")
    if value > MAX_AMOUNT:
        raise ValidationError(f"Số tiền quá lớn (tối đa {format_vnd(MAX_AMOUNT)}).")
    return value
