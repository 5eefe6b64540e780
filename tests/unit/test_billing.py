"""The bill calculator against worked examples, properties and bad input."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.errors import ValidationError
from desktop.tariff.billing import BillRequest, ReadingBelowOld, calculate
from desktop.tariff.prices import NoTariffInForce

TODAY = dt.date(2026, 11, 27)
OCT = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))


def req(**kw: object) -> BillRequest:
    base: dict[str, object] = {"period_from": OCT[0], "period_to": OCT[1], "today": TODAY}
    base.update(kw)
    return BillRequest(**base)  # type: ignore[arg-type]


# (kWh, households) → expected (subtotal, VAT 8 %, total) under QĐ 1279.
# The first row is DOMAIN.md's worked example; the others follow from the
# same table by hand (tier kWh × price), written out so a reader can check.
WORKED = [
    (100, 1, 50 * 1984 + 50 * 2050),  # DOMAIN.md: 201 700; VAT 16 136; total 217 836
    (0, 1, 0),
    (50, 1, 50 * 1984),
    (51, 1, 50 * 1984 + 1 * 2050),
    (200, 1, 50 * 1984 + 50 * 2050 + 100 * 2380),
    (350, 1, 50 * 1984 + 50 * 2050 + 100 * 2380 + 100 * 2998 + 50 * 3350),
    (500, 1, 50 * 1984 + 50 * 2050 + 100 * 2380 + 100 * 2998 + 100 * 3350 + 100 * 3460),
    (200, 2, 100 * 1984 + 100 * 2050),
    (700, 3, 150 * 1984 + 150 * 2050 + 300 * 2380 + 100 * 2998),
]


@pytest.mark.parametrize("kwh,households,subtotal", WORKED)
def test_worked_examples_qd_1279(kwh: int, households: int, subtotal: int) -> None:
    r = calculate(req(kwh=kwh, households=households))
    assert r.subtotal == subtotal
    assert r.vat_rate == 8
    assert r.vat == (subtotal * 8 + 50) // 100
    assert r.total == r.subtotal + r.vat
    assert sum(line.kwh for line in r.lines) == kwh


def test_domain_md_example_to_the_dong() -> None:
    r = calculate(req(kwh=100))
    assert (r.subtotal, r.vat, r.total) == (201_700, 16_136, 217_836)
    assert [(x.label, x.kwh, x.unit_price, x.amount) for x in r.lines] == [
        ("Bậc 1", 50, 1984, 99_200), ("Bậc 2", 50, 2050, 102_500)]


def test_readings_with_a_multiplier() -> None:
    r = calculate(req(old_reading=1_200, new_reading=1_210, multiplier=10))
    assert r.kwh == 100 and r.total == 217_836


def test_tenants_count_four_persons_a_household() -> None:
    assert calculate(req(kwh=200, tenants=5)).households == 2
    assert calculate(req(kwh=200, tenants=4)).households == 1
    assert calculate(req(kwh=200, tenants=8)).subtotal == calculate(req(kwh=200, households=2)).subtotal


def test_prepaid_one_price() -> None:
    r = calculate(req(tariff_class="prepaid", kwh=300))
    assert [(x.kwh, x.unit_price) for x in r.lines] == [(300, 2909)]


def test_business_time_of_use_lines() -> None:
    r = calculate(req(tariff_class="business", voltage="lv", tou_kwh=(600, 300, 100)))
    assert [(x.label, x.amount) for x in r.lines] == [
        ("Bình thường", 600 * 3152), ("Thấp điểm", 300 * 1918), ("Cao điểm", 100 * 5422)]


def test_school_one_price_by_voltage() -> None:
    assert calculate(req(tariff_class="administrative", voltage="mv6", kwh=1000)).subtotal == 1_940_000


def test_price_change_inside_the_period_is_split_by_days() -> None:
    # 25/04–24/05/2025: 15 days under QĐ 2699, 15 under QĐ 1279 (from 10/05).
    r = calculate(req(period_from=dt.date(2025, 4, 25), period_to=dt.date(2025, 5, 24), kwh=300))
    assert [(s.decision, s.days, s.kwh) for s in r.segments] == [
        ("QĐ 2699/QĐ-BCT", 15, 150), ("QĐ 1279/QĐ-BCT", 15, 150)]
    # widths: W / T × N × h = 50/30×15 = 25, 25, 50, 50 on each side
    assert [x.kwh for x in r.lines] == [25, 25, 50, 50, 25, 25, 50, 50]
    assert r.subtotal == (25 * 1893 + 25 * 1956 + 50 * 2271 + 50 * 2860
                          + 25 * 1984 + 25 * 2050 + 50 * 2380 + 50 * 2998)
    assert r.notes


def test_uneven_split_rounds_half_up_and_keeps_every_kwh() -> None:
    # 01/05–31/05/2025: 9 days old, 22 new; S = 101: 101×9/31 = 29.3 → 29, 72
    r = calculate(req(period_from=dt.date(2025, 5, 1), period_to=dt.date(2025, 5, 31), kwh=101))
    assert [s.kwh for s in r.segments] == [29, 72]
    assert sum(x.kwh for x in r.lines) == 101


def test_split_tier_widths_take_t_from_the_month_before() -> None:
    # 01/05–31/05/2025, 120 kWh, one household. QĐ 1279 from 10/05: Nc = 9, Nm = 22.
    # kWh: 120 × 9/31 = 34.8 → 35 old, 85 new. T for the widths is April, 30 days
    # (rules.toml, split_width_days): tier 1 = 50/30 × 9 = 15 old, 50/30 × 22 = 36.7 → 37
    # new; tier 2 the same; tier 3 = 100/30 × 9 = 30, 100/30 × 22 = 73.3 → 73.
    # old: 15 × 1 893 + 15 × 1 956 + 5 × 2 271 = 28 395 + 29 340 + 11 355 = 69 090
    # new: 37 × 1 984 + 37 × 2 050 + 11 × 2 380 = 73 408 + 75 850 + 26 180 = 175 438
    # subtotal 244 528; VAT 8 % 19 562.24 → 19 562; total 264 090
    r = calculate(req(period_from=dt.date(2025, 5, 1), period_to=dt.date(2025, 5, 31), kwh=120))
    assert [s.kwh for s in r.segments] == [35, 85]
    assert [(x.kwh, x.unit_price) for x in r.lines] == [
        (15, 1893), (15, 1956), (5, 2271), (37, 1984), (37, 2050), (11, 2380)]
    assert (r.subtotal, r.vat, r.total) == (244_528, 19_562, 264_090)
    assert any("/ 30 ngày" in n for n in r.notes)


def test_split_t_is_the_month_of_the_previous_reading() -> None:
    from desktop.tariff.billing import split_month_days

    # the period opens the day after the previous reading: 01/05 → read 30/04 (April)
    assert [split_month_days(dt.date(2025, 5, 1)), split_month_days(dt.date(2025, 3, 1)),
            split_month_days(dt.date(2024, 3, 1)), split_month_days(dt.date(2026, 12, 15)),
            split_month_days(dt.date(2027, 1, 1))] == [30, 28, 29, 31, 31]


def test_household_use_has_no_voltage_bands() -> None:
    for cls in ("residential", "prepaid"):
        with pytest.raises(ValidationError) as refused:
            calculate(req(tariff_class=cls, voltage="mv22", kwh=100))
        assert "không chia theo cấp điện áp" in refused.value.user_message


def test_a_reading_on_the_change_day_replaces_the_split() -> None:
    r = calculate(req(period_from=dt.date(2025, 5, 1), period_to=dt.date(2025, 5, 31),
                      old_reading=1000, new_reading=1300,
                      change_readings=((dt.date(2025, 5, 10), 1040),)))
    assert [s.kwh for s in r.segments] == [40, 260]


def test_a_long_period_scales_the_tier_widths() -> None:
    # 45 days: widths 50 × 45/30 = 75
    r = calculate(req(period_from=dt.date(2026, 9, 1), period_to=dt.date(2026, 10, 15), kwh=150))
    assert [x.kwh for x in r.lines] == [75, 75]
    assert any("45 ngày" in n for n in r.notes)


# -- properties --------------------------------------------------------------

kwh_st = st.integers(min_value=0, max_value=4000)


@given(kwh_st, st.integers(min_value=1, max_value=6))
def test_total_never_decreases_as_kwh_grows(kwh: int, households: int) -> None:
    a = calculate(req(kwh=kwh, households=households))
    b = calculate(req(kwh=kwh + 1, households=households))
    assert b.total >= a.total


@given(kwh_st, st.integers(min_value=1, max_value=4), st.integers(min_value=1, max_value=29))
@settings(max_examples=150)
def test_splitting_where_both_sides_have_the_same_prices_gives_the_unsplit_bill(
    kwh: int, households: int, cut: int
) -> None:
    # A decision with QĐ 1279's prices takes effect inside October 2026 (as a
    # decision that changes only other classes' prices would).
    from desktop.tariff import prices as tariff

    real = tariff.decisions()
    same = dataclasses.replace(real[-1], effective_from=dt.date(2026, 10, 1) + dt.timedelta(days=cut),
                               decision="QĐ 9999/QĐ-BCT")
    unsplit = calculate(req(kwh=kwh, households=households))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("desktop.tariff.billing.decisions", lambda: (*real, same))
        mp.setattr("desktop.tariff.billing.decision_on",
                   lambda on: same if on >= same.effective_from else real[-1])
        split = calculate(req(kwh=kwh, households=households))
    assert split.total == unsplit.total
    assert split.lines == unsplit.lines


@given(st.integers(min_value=0, max_value=5_000), st.sampled_from([1, 2, 3]))
def test_vat_is_exact_to_the_dong(kwh: int, households: int) -> None:
    r = calculate(req(kwh=kwh, households=households))
    assert r.subtotal == sum(x.amount for x in r.lines)
    assert all(x.amount == x.kwh * x.unit_price for x in r.lines)
    assert r.vat * 100 - 50 <= r.subtotal * r.vat_rate < r.vat * 100 + 50
    assert isinstance(r.total, int)


# -- bad input ---------------------------------------------------------------

def test_new_reading_below_old_is_asked_not_guessed() -> None:
    with pytest.raises(ReadingBelowOld) as info:
        calculate(req(old_reading=99_950, new_reading=30))
    assert "quay vòng" in info.value.user_message and "thay" in info.value.user_message
    rolled = calculate(req(old_reading=99_950, new_reading=30, rollover_digits=5))
    assert rolled.kwh == 80


@pytest.mark.parametrize(
    "kw,fragment",
    [({"kwh": 100, "households": 0}, "Số hộ"),
     ({"kwh": 100, "households": -2}, "Số hộ"),
     ({"kwh": 100, "tenants": 0}, "người thuê"),
     ({"kwh": -5}, "không được âm"),
     ({"kwh": 9_000_000}, "bất thường"),
     ({}, "một trong ba"),
     ({"kwh": 100, "old_reading": 1, "new_reading": 2}, "một trong ba"),
     ({"kwh": 100, "period_from": dt.date(2026, 8, 1)}, "quá 2 tháng"),
     ({"kwh": 100, "period_from": dt.date(2026, 11, 1), "period_to": dt.date(2026, 10, 1)},
      "trước ngày cuối"),
     ({"kwh": 100, "tariff_class": "business"}, "3 khung giờ"),
     ({"kwh": 100, "tariff_class": "casino"}, "Nhóm giá"),
     ({"kwh": 100, "multiplier": 0}, "Hệ số nhân"),
     ({"old_reading": 10, "new_reading": 5, "rollover_digits": 1}, "chữ số")],
)
def test_bad_input_gets_a_clear_message(kw: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        calculate(req(**kw))
    assert fragment in info.value.user_message


def test_a_date_with_no_tariff_in_force() -> None:
    with pytest.raises(NoTariffInForce) as refused:
        calculate(req(period_from=dt.date(2020, 1, 1), period_to=dt.date(2020, 1, 31), kwh=10))
    # names the first decision on file, so the cashier knows what is missing
    assert "bắt đầu từ QĐ 2941/QĐ-BCT (áp dụng từ 09/11/2023)" in refused.value.user_message


def test_a_class_without_a_table_for_the_date_is_refused_by_name() -> None:
    # QĐ 2699/QĐ-BCT (11/10/2024 – 09/05/2025): only its residential table is on file
    with pytest.raises(NoTariffInForce) as refused:
        calculate(req(tariff_class="business", tou_kwh=(100, 0, 0),
                      period_from=dt.date(2025, 1, 1), period_to=dt.date(2025, 1, 31)))
    assert "«Kinh doanh» của QĐ 2699/QĐ-BCT" in refused.value.user_message


JUNE_2025 = {"period_from": dt.date(2025, 6, 1), "period_to": dt.date(2025, 6, 30)}

# Open-ended voltage bands of QĐ 1279/QĐ-BCT: the highest band of a class is "từ X kV
# trở lên" and prices every customer above it. Totals by hand, VAT 8 % (June 2025):
#   administrative (hospital) 22 kV, 100 kWh × 1 940 = 194 000; VAT 15 520; 209 520
#   administrative 110 kV: the same band, the same bill
#   public lighting 22 kV, 100 kWh × 2 138 = 213 800; VAT 17 104; 230 904
#   business 110 kV, 100 kWh normal × 2 887 ("từ 22 kV trở lên") = 288 700; VAT 23 096;
#   311 796
OPEN_BANDS = [
    ("administrative", "mv22", None, 194_000, 15_520, 209_520),
    ("administrative", "hv", None, 194_000, 15_520, 209_520),
    ("public", "mv22", None, 213_800, 17_104, 230_904),
    ("business", "hv", (100, 0, 0), 288_700, 23_096, 311_796),
]


@pytest.mark.parametrize(("cls", "voltage", "tou", "subtotal", "vat", "total"), OPEN_BANDS)
def test_open_ended_voltage_bands_price_every_customer_above_them(
        cls: str, voltage: str, tou: tuple[int, int, int] | None, subtotal: int, vat: int,
        total: int) -> None:
    amount: dict[str, object] = {"tou_kwh": tou} if tou else {"kwh": 100}
    r = calculate(req(tariff_class=cls, voltage=voltage, **JUNE_2025, **amount))
    assert (r.subtotal, r.vat_rate, r.vat, r.total) == (subtotal, 8, vat, total)


def test_a_band_the_decision_does_not_cover_is_refused_by_name() -> None:
    with pytest.raises(ValidationError) as refused:
        calculate(req(tariff_class="administrative", voltage="kv500", kwh=100, **JUNE_2025))
    assert "kv500" in refused.value.user_message


def test_vat_was_8_percent_through_2022() -> None:
    from desktop.tariff.prices import vat_rate_on

    # NQ 43/2022/QH15, NĐ 15/2022/NĐ-CP: 01/02/2022 – 31/12/2022
    assert [vat_rate_on(dt.date(2022, 1, 31)), vat_rate_on(dt.date(2022, 2, 1)),
            vat_rate_on(dt.date(2022, 12, 31)), vat_rate_on(dt.date(2023, 1, 1)),
            vat_rate_on(dt.date(2023, 7, 1))] == [10, 8, 8, 10, 8]


def test_next_months_bill_is_priced_as_an_estimate() -> None:
    # asked on 27/11/2026 for 01/12 – 31/12/2026, 300 kWh, QĐ 1279, VAT 8 % to 31/12/2026:
    # 50 × 1 984 + 50 × 2 050 + 100 × 2 380 + 100 × 2 998 = 99 200 + 102 500 + 238 000
    # + 299 800 = 739 500; VAT 59 160; total 798 660
    r = calculate(req(kwh=300, period_from=dt.date(2026, 12, 1), period_to=dt.date(2026, 12, 31)))
    assert r.estimate and (r.subtotal, r.vat_rate, r.vat, r.total) == (739_500, 8, 59_160, 798_660)
    assert r.notes[0].startswith("ƯỚC TÍNH")
    # a period already over is a bill, not an estimate
    assert not calculate(req(kwh=300)).estimate


def test_a_period_across_the_end_of_the_vat_reduction_takes_the_reading_days_rate() -> None:
    # 15/12/2026 – 14/01/2027 (31 days: a month's tier widths), 300 kWh: the subtotal as
    # above, 739 500; VAT is charged at the reading day's rate (the period's last day,
    # Thông tư 219/2013/TT-BTC, Điều 8): 10 % from 01/01/2027 → 73 950; total 813 450
    r = calculate(req(kwh=300, period_from=dt.date(2026, 12, 15),
                      period_to=dt.date(2027, 1, 14)))
    assert r.estimate and r.days == 31
    assert (r.subtotal, r.vat_rate, r.vat, r.total) == (739_500, 10, 73_950, 813_450)
