"""Tariff tables as data: one file per legal decision, VAT by date, rules.

``resources/tariffs/decisions/*.toml`` holds one price decision each (number,
dates, source, and a table per tariff class); a new decision is a new file.
``vat.toml`` is the dated VAT table and ``rules.toml`` the billing rules that
are figures rather than code. Pure functions: no database, no Qt.
"""

from __future__ import annotations

import bisect
import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from desktop.errors import ValidationError
from desktop.labels import TARIFF_CLASS

TARIFF_CLASSES = ("residential", "prepaid", "business", "production", "administrative", "public")
#: classes billed per tier with widths per household
TIERED_CLASSES = ("residential",)
#: household use: the decisions price it with no voltage bands (always below 6 kV)
HOUSEHOLD_CLASSES = ("residential", "prepaid")
#: classes billed by time-of-use band: normal, off-peak, peak
TOU_CLASSES = ("business", "production")
TOU_LABELS = ("Bình thường", "Thấp điểm", "Cao điểm")
#: voltage bands by their lower bound, lowest first: < 6 kV, 6 kV, 22 kV, 110 kV
VOLTAGES = ("lv", "mv6", "mv22", "hv")


class NoTariffInForce(ValidationError):
    """No price table covers the class and date asked for."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One price decision (quyết định giá điện) and its tables."""

    decision: str
    signed_on: dt.date
    effective_from: dt.date
    source: str
    tables: dict[str, Any]

    @property
    def short_name(self) -> str:
        """``QĐ 1279`` for line labels."""
        return self.decision.split("/")[0]

    def residential(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(tier widths per household, prices); one price more than widths."""
        table = self._table("residential")
        return tuple(table["widths"]), tuple(table["prices"])

    def prices(self, tariff_class: str, voltage: str) -> tuple[int, ...]:
        """Prices of a non-tiered class: (normal, off-peak, peak) or (one price,).

        A table's bands are named by their lower bound, and the decisions price each
        band "from X kV up" to the next one, the highest "từ X kV trở lên": a customer
        takes the highest band at or below its voltage (business "từ 22 kV trở lên"
        prices a 110 kV customer; hospitals "từ 6 kV trở lên" a 22 kV one).
        """
        table = self._table(tariff_class)
        if tariff_class == "prepaid":
            return tuple(table["prices"])
        if voltage not in VOLTAGES:
            raise NoTariffInForce(f"Cấp điện áp không hợp lệ: {voltage!r}.")
        for band in reversed(VOLTAGES[:VOLTAGES.index(voltage) + 1]):
            if band in table:
                return tuple(table[band])
        raise NoTariffInForce(
            f"{self.decision} không có giá cho cấp điện áp {voltage!r} của nhóm này.")

    def _table(self, tariff_class: str) -> dict[str, Any]:
        if tariff_class not in self.tables:
            name = TARIFF_CLASS.get(tariff_class, tariff_class)
            raise NoTariffInForce(
                f"Dữ liệu biểu giá chưa có bảng giá nhóm «{name}» của {self.decision} "
                f"(áp dụng từ {self.effective_from:%d/%m/%Y}); không tính được kỳ này "
                "cho nhóm giá đó."
            )
        table: dict[str, Any] = self.tables[tariff_class]
        return table


@dataclass(frozen=True, slots=True)
class Rules:
    persons_per_household: int
    month_min_days: int
    month_max_days: int
    base_days: int
    max_period_days: int
    implausible_kwh_per_household: int
    implausible_kwh_other: int
    #: T of the split of tier widths at a price change: "preceding_month" or "period"
    split_width_days: str


def _resource(*parts: str) -> Any:
    return resources.files("resources").joinpath("tariffs", *parts)


@cache
def decisions() -> tuple[Decision, ...]:
    """Every decision on file, oldest first."""
    found = []
    for entry in _resource("decisions").iterdir():
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        tables = {k: v for k, v in data.items() if k in TARIFF_CLASSES}
        found.append(Decision(data["decision"], data["signed_on"], data["effective_from"],
                              data["source"], tables))
    return tuple(sorted(found, key=lambda d: d.effective_from))


def decision_on(on: dt.date) -> Decision:
    """The decision in force on ``on``."""
    ds = decisions()
    i = bisect.bisect_right([d.effective_from for d in ds], on) - 1
    if i < 0:
        raise NoTariffInForce(
            f"Không có biểu giá áp dụng cho ngày {on:%d/%m/%Y}: dữ liệu biểu giá bắt đầu từ "
            f"{ds[0].decision} (áp dụng từ {ds[0].effective_from:%d/%m/%Y}).")
    return ds[i]


@cache
def _vat_periods() -> tuple[tuple[dt.date, int], ...]:
    data = tomllib.loads(_resource("vat.toml").read_text(encoding="utf-8"))
    return tuple(sorted((p["from"], p["rate"]) for p in data["period"]))


def vat_rate_on(on: dt.date) -> int:
    """VAT on electricity in per cent on date ``on``."""
    periods = _vat_periods()
    i = bisect.bisect_right([p[0] for p in periods], on) - 1
    if i < 0:
        raise NoTariffInForce(f"Không có thuế suất GTGT cho ngày {on:%d/%m/%Y}.")
    return periods[i][1]


def vat_of(subtotal: int, rate: int) -> int:
    """VAT rounded half up to the đồng."""
    return (subtotal * rate + 50) // 100


@cache
def rules() -> Rules:
    data = tomllib.loads(_resource("rules.toml").read_text(encoding="utf-8"))
    found = Rules(**data)
    if found.split_width_days not in ("preceding_month", "period"):
        raise ValueError(f"rules.toml: split_width_days {found.split_width_days!r} is neither "
                         "'preceding_month' nor 'period'")
    return found
