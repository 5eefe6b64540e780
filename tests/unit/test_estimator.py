"""The consumption estimator: kWh per appliance, the bill, what-if."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from desktop.errors import ValidationError
from desktop.tariff.billing import BillRequest, calculate
from desktop.tariff.estimator import Usage, appliance, catalogue, estimate, what_if

END = dt.date(2026, 11, 27)


def test_catalogue_has_the_usual_appliances() -> None:
    keys = {a.key for a in catalogue()}
    assert {"ac_1hp", "ac_1hp_inverter", "ac_15hp", "ac_15hp_inverter", "ac_2hp",
            "ac_2hp_inverter", "fridge", "tv", "fan", "water_heater", "washing_machine",
            "rice_cooker", "induction_hob", "led_light", "computer", "water_pump"} <= keys
    assert appliance("ac_15hp").watts > appliance("ac_15hp_inverter").watts


def test_kwh_per_month_is_watts_times_hours_times_days() -> None:
    u = Usage("Máy lạnh", 800, 2, 8, 30)
    assert u.kwh() == Fraction(800 * 2 * 8 * 30, 1000)  # 384 kWh
    assert Usage("Bàn ủi", 1000, 1, 0.5, 10).kwh() == 5


def test_the_estimate_goes_through_the_calculator() -> None:
    usages = [Usage.of("fridge"), Usage.of("tv"), Usage.of("fan", 2), Usage.of("led_light", 6)]
    e = estimate(usages, month_end=END)
    assert e.kwh == round(36 + 15 + 24 + 10.8)
    direct = calculate(BillRequest(END - dt.timedelta(days=29), END, kwh=e.kwh, today=END))
    assert e.bill.total == direct.total


def test_what_if_an_air_conditioner_is_added() -> None:
    base = estimate([Usage.of("fridge"), Usage.of("tv")], month_end=END)
    more = what_if(base, [*base.usages, Usage.of("ac_15hp_inverter")])
    assert more.kwh_difference == 192
    assert more.total_difference == more.after.bill.total - base.bill.total > 0
    # removing it again gives the difference back
    assert what_if(more.after, list(base.usages)).total_difference == -more.total_difference


def test_more_households_spread_the_tiers() -> None:
    usages = [Usage.of("ac_2hp", 2)]
    assert estimate(usages, households=2, month_end=END).bill.total < estimate(
        usages, households=1, month_end=END).bill.total


@pytest.mark.parametrize("usage", [Usage("x", 100, 1, 25, 30), Usage("x", 100, 1, 2, 40),
                                   Usage("x", -1, 1, 2, 3), Usage("x", 100, -1, 2, 3)])
def test_impossible_usage_is_refused(usage: Usage) -> None:
    with pytest.raises(ValidationError):
        usage.kwh()


def test_unknown_appliance() -> None:
    with pytest.raises(ValidationError):
        Usage.of("flux_capacitor")
