"""Electricity tariffs and bill pricing, from dated tables in ``resources/tariffs``.

Pure functions over integers: no database, no Qt. The demo-data generator and
(later) the central system price their bills with this same code.
"""

from __future__ import annotations

import bisect
import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from desktop.errors import ValidationError

TARIFF_CLASSES = ("residential", "business", "production", "administrative", "public")
TOU_CLASSES = ("business", "production")
TOU_LABELS = ("Bình thường", "Thấp điểm", "Cao điểm")


T = TypeVar("T")


class NoTariffInForce(ValidationError):
    """No price table covers the date asked for."""


@dataclass(frozen=True, slots=True)
class TierLine:
    """One line of a bill: a tier (bậc) or a time-of-use period."""

    label: str
    kwh: int
    unit_price: int
    amount: int


@dataclass(frozen=True, slots=True)
class BillPricing:
    lines: tuple[TierLine, ...]
    subtotal: int
    vat_rate: int
    vat: int
    total: int


def _load(name: str) -> dict[str, Any]:
    text = resources.files("resources").joinpath("tariffs", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True, slots=True)
class _Residential:
    effective_from: dt.date
    widths: tuple[int, ...]
    prices: tuple[int, ...]


@cache
def _residential_versions() -> tuple[_Residential, ...]:
    versions = [
        _Residential(v["effective_from"], tuple(v["widths"]), tuple(v["prices"]))
        for v in _load("residential.toml")["version"]
    ]
    return tuple(sorted(versions, key=lambda v: v.effective_from))


@cache
def _non_residential_versions() -> tuple[tuple[dt.date, dict[str, Any]], ...]:
    versions = [(v["effective_from"], v) for v in _load("non_residential.toml")["version"]]
    return tuple(sorted(versions, key=lambda v: v[0]))


@cache
def _vat_periods() -> tuple[tuple[dt.date, int], ...]:
    return tuple(sorted((p["from"], p["rate"]) for p in _load("vat.toml")["period"]))


def _in_force(dates: list[dt.date], items: tuple[T, ...], on: dt.date) -> T:
    i = bisect.bisect_right(dates, on) - 1
    if i < 0:
        raise NoTariffInForce(f"Không có biểu giá áp dụng cho ngày {on:%d/%m/%Y}.")
    return items[i]


def vat_rate_on(on: dt.date) -> int:
    """VAT on electricity in per cent on date ``on``."""
    periods = _vat_periods()
    return _in_force([p[0] for p in periods], tuple(p[1] for p in periods), on)


def vat_of(subtotal: int, rate: int) -> int:
    """VAT rounded half up to the đồng."""
    return (subtotal * rate + 50) // 100


def _finish(lines: list[TierLine], on: dt.date) -> BillPricing:
    subtotal = sum(line.amount for line in lines)
    rate = vat_rate_on(on)
    vat = vat_of(subtotal, rate)
    return BillPricing(tuple(lines), subtotal, rate, vat, subtotal + vat)


@cache
def price_residential(kwh: int, households: int, on: dt.date) -> BillPricing:
    """A month's residential bill: tier widths times the number of households."""
    if kwh < 0:
        raise ValidationError("Sản lượng điện không được âm.")
    if households < 1:
        raise ValidationError("Số hộ phải từ 1 trở lên.")
    versions = _residential_versions()
    version = _in_force([v.effective_from for v in versions], versions, on)
    lines: list[TierLine] = []
    remaining = kwh
    for i, price in enumerate(version.prices):
        if remaining <= 0:
            break
        take = min(remaining, version.widths[i] * households) if i < len(version.widths) else remaining
        lines.append(TierLine(f"Bậc {i + 1}", take, price, take * price))
        remaining -= take
    return _finish(lines, on)


def price_non_residential(
    tariff_class: str, voltage: str, kwh_by_period: tuple[int, ...], on: dt.date
) -> BillPricing:
    """A bill of a production, business, administrative or public account.

    ``kwh_by_period`` is (normal, off-peak, peak) for time-of-use classes and
    (kWh,) for one-price classes.
    """
    versions = _non_residential_versions()
    _, table = _in_force([v[0] for v in versions], versions, on)
    try:
        prices: list[int] = table[tariff_class][voltage]
    except KeyError:
        raise ValidationError(
            f"Không có giá cho nhóm {tariff_class!r}, cấp điện áp {voltage!r}."
        ) from None
    if len(kwh_by_period) != len(prices):
        raise ValidationError("Số khung giờ không khớp với biểu giá.")
    labels = TOU_LABELS if len(prices) == 3 else ("Một giá",)
    lines = [
        TierLine(label, kwh, price, kwh * price)
        for label, kwh, price in zip(labels, kwh_by_period, prices, strict=True)
        if kwh > 0
    ]
    return _finish(lines, on)
