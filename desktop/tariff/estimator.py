"""The consumption estimator (ước tính điện năng tiêu thụ).

Appliances × quantity × hours per day × days per month give kWh per month;
the total goes through the bill calculator. Exact arithmetic in tenths of a
watt-hour would be overkill: kWh are kept as ``Fraction`` until the total is
rounded half up to the kWh that a meter would show.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources

from desktop.errors import ValidationError
from desktop.tariff.billing import BillRequest, BillResult, calculate


@dataclass(frozen=True, slots=True)
class Appliance:
    key: str
    name: str
    watts: int
    hours: float
    days: int


@cache
def catalogue() -> tuple[Appliance, ...]:
    text = resources.files("resources").joinpath("appliances.toml").read_text(encoding="utf-8")
    return tuple(
        Appliance(a["key"], a["name"], int(a["watts"]), float(a["hours"]), int(a["days"]))
        for a in tomllib.loads(text)["appliance"]
    )


def appliance(key: str) -> Appliance:
    for a in catalogue():
        if a.key == key:
            return a
    raise ValidationError(f"Không có thiết bị {key!r} trong danh mục.")


@dataclass(frozen=True, slots=True)
class Usage:
    """One line the customer describes: what, how many, how long."""

    name: str
    watts: int
    quantity: int
    hours_per_day: float
    days_per_month: int

    @classmethod
    def of(cls, key: str, quantity: int = 1, hours: float | None = None,
           days: int | None = None) -> Usage:
        a = appliance(key)
        return cls(a.name, a.watts, quantity, a.hours if hours is None else hours,
                   a.days if days is None else days)

    def kwh(self) -> Fraction:
        if self.watts < 0 or self.watts > 50_000:
            raise ValidationError(f"Công suất {self.name}: {self.watts} W không hợp lý.")
        if self.quantity < 0 or self.quantity > 1000:
            raise ValidationError(f"Số lượng {self.name} không hợp lý.")
        if not 0 <= self.hours_per_day <= 24:
            raise ValidationError(f"Số giờ dùng mỗi ngày của {self.name} phải từ 0 đến 24.")
        if not 0 <= self.days_per_month <= 31:
            raise ValidationError(f"Số ngày dùng mỗi tháng của {self.name} phải từ 0 đến 31.")
        hours = Fraction(self.hours_per_day).limit_denominator(100)
        return Fraction(self.watts * self.quantity * self.days_per_month) * hours / 1000


@dataclass(frozen=True, slots=True)
class Estimate:
    usages: tuple[Usage, ...]
    #: kWh per month per line, to 0.1 kWh for display
    line_kwh: tuple[Fraction, ...]
    kwh: int
    bill: BillResult


def estimate(
    usages: list[Usage] | tuple[Usage, ...], *, households: int = 1,
    month_end: dt.date | None = None,
) -> Estimate:
    """kWh per month and the bill they would make (residential, one month)."""
    end = month_end or dt.date.today()
    start = end - dt.timedelta(days=29)
    per_line = tuple(u.kwh() for u in usages)
    total = sum(per_line, Fraction(0))
    kwh = int(total + Fraction(1, 2))  # half up
    bill = calculate(BillRequest(period_from=start, period_to=end, kwh=kwh,
                                 households=households, today=end))
    return Estimate(tuple(usages), per_line, kwh, bill)


@dataclass(frozen=True, slots=True)
class WhatIf:
    before: Estimate
    after: Estimate

    @property
    def kwh_difference(self) -> int:
        return self.after.kwh - self.before.kwh

    @property
    def total_difference(self) -> int:
        return self.after.bill.total - self.before.bill.total


def what_if(before: Estimate, after_usages: list[Usage] | tuple[Usage, ...]) -> WhatIf:
    """The same household with a changed list of appliances."""
    end = before.bill.segments[-1].last_day
    after = estimate(after_usages, households=before.bill.households, month_end=end)
    return WhatIf(before, after)
