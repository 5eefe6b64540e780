"""Tariff tables as data: decisions by date, VAT by date, rules."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.tariff.prices import NoTariffInForce, decision_on, decisions, rules, vat_of, vat_rate_on


def test_one_file_per_decision_in_date_order() -> None:
    names = [d.decision for d in decisions()]
    assert names == ["QĐ 2941/QĐ-BCT", "QĐ 2699/QĐ-BCT", "QĐ 1279/QĐ-BCT"]
    assert all(d.source for d in decisions())


@pytest.mark.parametrize(
    "on,decision,tier1",
    [(dt.date(2025, 5, 10), "QĐ 1279/QĐ-BCT", 1984), (dt.date(2025, 5, 9), "QĐ 2699/QĐ-BCT", 1893),
     (dt.date(2024, 10, 11), "QĐ 2699/QĐ-BCT", 1893), (dt.date(2024, 10, 10), "QĐ 2941/QĐ-BCT", 1806)],
)
def test_decision_in_force_on_its_effective_date(on: dt.date, decision: str, tier1: int) -> None:
    d = decision_on(on)
    assert d.decision == decision
    assert d.residential()[1][0] == tier1


def test_qd_1279_tables_of_domain_md() -> None:
    d = decision_on(dt.date(2026, 1, 1))
    assert d.residential() == ((50, 50, 100, 100, 100), (1984, 2050, 2380, 2998, 3350, 3460))
    assert d.prices("prepaid", "lv") == (2909,)
    assert d.prices("production", "hv") == (1811, 1146, 3266)
    assert d.prices("business", "lv") == (3152, 1918, 5422)
    assert d.prices("administrative", "mv6") == (1940,)
    assert d.prices("public", "lv") == (2226,)


def test_a_class_missing_from_an_older_decision_is_refused_not_guessed() -> None:
    with pytest.raises(NoTariffInForce, match="QĐ 2699"):
        decision_on(dt.date(2025, 1, 1)).prices("business", "lv")


def test_no_tariff_before_the_first_decision() -> None:
    with pytest.raises(NoTariffInForce):
        decision_on(dt.date(2020, 1, 1))


def test_vat_table_by_date() -> None:
    assert vat_rate_on(dt.date(2023, 6, 30)) == 10
    assert vat_rate_on(dt.date(2026, 12, 31)) == 8
    assert vat_rate_on(dt.date(2027, 1, 1)) == 10
    assert vat_of(201_700, 8) == 16_136
    assert vat_of(1_050, 10) == 105
    assert vat_of(1_045, 10) == 105  # 104.5 rounds half up


def test_rules_are_data() -> None:
    assert rules().persons_per_household == 4

