"""Money is an ``int`` of đồng; this is how it reads on screen."""

from __future__ import annotations


def format_vnd(amount: int) -> str:
    """``1234567`` → ``1.234.567 đ`` (Vietnamese digit grouping)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " đ"
