"""Bill pricing used by the demo data (the full calculator is issue 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.errors import ValidationError
from desktop.money import format_vnd
from desktop.tariff import (
    NoTariffInForce,
    price_non_residential,
    price_residential,
    vat_rate_on,
)

ON = dt.date(2026, 11, 1)


def test_worked_example_of_domain_md() -> None:
    # DOMAIN.md: one household, QĐ 1279, VAT 8 %, 100 kWh.
    bill = price_residential(100, 1, ON)
    assert [(line.kwh, line.unit_price) for line in bill.lines] == [(50, 1984), (50, 2050)]
    assert (bill.subtotal, bill.vat_rate, bill.vat, bill.total) == (201_700, 8, 16_136, 217_836)


def test_all_six_tiers_of_qd_1279() -> None:
    bill = price_residential(450, 1, ON)
    assert [line.kwh for line in bill.lines] == [50, 50, 100, 100, 100, 50]
    assert [line.unit_price for line in bill.lines] == [1984, 2050, 2380, 2998, 3350, 3460]


def test_households_multiply_tier_widths() -> None:
    bill = price_residential(200, 2, ON)
    assert [line.kwh for line in bill.lines] == [100, 100]


def test_older_decision_applies_to_older_dates() -> None:
    assert price_residential(50, 1, dt.date(2025, 1, 15)).lines[0].unit_price == 1893
    assert price_residential(50, 1, dt.date(2024, 1, 15)).lines[0].unit_price == 1806


def test_no_tariff_before_the_first_table() -> None:
    with pytest.raises(NoTariffInForce):
        price_residential(50, 1, dt.date(2020, 1, 1))


def test_vat_table_by_date() -> None:
    assert vat_rate_on(dt.date(2026, 12, 31)) == 8
    assert vat_rate_on(dt.date(2027, 1, 1)) == 10


def test_bad_households_refused() -> None:
    with pytest.raises(ValidationError):
        price_residential(100, 0, ON)


def test_time_of_use_lines() -> None:
    bill = price_non_residential("business", "lv", (600, 300, 100), ON)
    assert [line.amount for line in bill.lines] == [600 * 3152, 300 * 1918, 100 * 5422]


@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=1, max_value=6))
def test_lines_add_up_and_total_never_decreases(kwh: int, households: int) -> None:
    bill = price_residential(kwh, households, ON)
    assert sum(line.kwh for line in bill.lines) == kwh
    assert bill.subtotal == sum(line.amount for line in bill.lines)
    assert bill.total == bill.subtotal + bill.vat
    assert price_residential(kwh + 1, households, ON).total >= bill.total


def test_money_display() -> None:
    assert format_vnd(1_234_567) == "1.234.567 đ"
    assert format_vnd(0) == "0 đ"
    assert format_vnd(-5000) == "-5.000 đ"
