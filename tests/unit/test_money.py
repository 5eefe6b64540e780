"""Amounts as cashiers type and paste them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.errors import ValidationError
from desktop.money.amounts import MAX_AMOUNT, format_vnd, group_digits, parse_amount


@pytest.mark.parametrize("typed", ["1000000", "1.000.000", "1,000,000", "1 000 000 đ",
                                   "1 000 000đ", "1.000.000 VND", " 1000000 ", "1\u00a0000\u00a0000",
                                   "+1.000.000", "1.000.000 ₫"])
def test_the_usual_spellings_are_one_amount(typed: str) -> None:
    assert parse_amount(typed) == 1_000_000


@pytest.mark.parametrize("typed, why", [
    ("-50000", "lớn hơn 0"), ("0", "lớn hơn 0"), ("", "Nhập số tiền"), ("abc", "chữ số"),
    ("12a00", "chữ số"), ("1.5", "không có phần lẻ"), ("1.000,50", "không có phần lẻ"),
    ("1.000,000", "không có phần lẻ"), ("10.00", "không có phần lẻ"),
    ("1000000000001", "quá lớn"), ("1e6", "chữ số"),
])
def test_bad_amounts_are_refused_with_the_reason(typed: str, why: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_amount(typed)
    assert why in refused.value.user_message


def test_zero_when_allowed_and_the_largest_amount() -> None:
    assert parse_amount("0", allow_zero=True) == 0
    assert parse_amount(group_digits(MAX_AMOUNT)) == MAX_AMOUNT


@given(st.integers(min_value=1, max_value=MAX_AMOUNT))
def test_what_the_screen_shows_parses_back(n: int) -> None:
    assert parse_amount(format_vnd(n)) == n
    assert parse_amount(f"{n:,}") == n
