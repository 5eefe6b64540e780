"""Money is an ``int`` of đồng; this is how it reads on screen."""

from __future__ import annotations


def group_digits(n: int) -> str:
    """``1234567`` → ``1.234.567`` (Vietnamese digit grouping)."""
    return f"{n:,}".replace(",", ".")


def format_vnd(amount: int) -> str:
    """``1234567`` → ``1.234.567 đ``."""
    return group_digits(amount) + " đ"
