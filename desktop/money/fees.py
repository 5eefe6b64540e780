"""The reconnection fee (phí đóng điện trở lại) as the data file sets it, per unit.

Pure: ``resources/services/_reconnection_fees.toml`` (the fee per voltage before VAT, and
whether the unit's counters collect it with the payment or the utility bills it later) and
``resources/tariffs/vat.toml`` (the rate by date). The counter and central read the same
files, so central checks a fee line against exactly what the counter was told to collect.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

#: the one kind of fee a payment carries today
RECONNECTION = "reconnection"
#: what the receipt and the screen call it
FEE_LABELS = {RECONNECTION: "Phí đóng điện lại"}
_VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True, slots=True)
class ReconnectionFee:
    amount: int
    """đồng, before VAT"""
    collect_at_counter: bool
    source: str
    #: "electricity" (the rate of resources/tariffs/vat.toml on the day) or a percent
    vat: str | int = "electricity"


@dataclass(frozen=True, slots=True)
class FeeLine:
    """A fee a payment takes besides its bills (int đồng)."""

    kind: str
    amount: int
    """before VAT"""
    vat_rate: int
    vat: int

    @property
    def total(self) -> int:
        return self.amount + self.vat

    @property
    def label(self) -> str:
        return FEE_LABELS.get(self.kind, self.kind)

    def data(self) -> dict[str, Any]:
        return {"kind": self.kind, "amount": self.amount, "vat_rate": self.vat_rate,
                "vat": self.vat}

    @classmethod
    def of(cls, d: dict[str, Any]) -> FeeLine:
        return cls(str(d["kind"]), int(d["amount"]), int(d["vat_rate"]), int(d["vat"]))


@cache
def fee_table() -> dict[str, Any]:
    path = resources.files("resources").joinpath("services", "_reconnection_fees.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def _vat_periods() -> tuple[tuple[dt.date, int], ...]:
    path = resources.files("resources").joinpath("tariffs", "vat.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(sorted((p["from"], int(p["rate"])) for p in data["period"]))


def reconnect_within() -> dt.timedelta:
    return dt.timedelta(hours=int(fee_table().get("reconnect_within_hours", 24)))


def reconnection_fee(unit_code: str, voltage: str) -> ReconnectionFee | None:
    """The unit's fee for this voltage, and whether its counters collect it."""
    table = fee_table()
    units = table.get("units", {})
    rule = units.get(unit_code, {}) if isinstance(units, dict) else {}
    section = table.get(rule.get("table", "default"), {})
    amount = section.get(voltage) if isinstance(section, dict) else None
    if not isinstance(amount, int):
        return None
    return ReconnectionFee(amount, bool(rule.get("collect_at_counter",
                                                 section.get("collect_at_counter", False))),
                           str(section.get("source", "")),
                           section.get("vat", "electricity"))


def vat_rate(fee: ReconnectionFee, on: dt.date) -> int:
    """The fee's VAT in per cent on a (local) day."""
    if isinstance(fee.vat, int):
        return fee.vat
    periods = [rate for start, rate in _vat_periods() if start <= on]
    if not periods:
        raise ValueError(f"no VAT rate for {on}")
    return periods[-1]


def counter_fee(unit_code: str, voltage: str, at: dt.datetime) -> FeeLine | None:
    """The reconnection fee a counter collects with a payment made at ``at`` (UTC), or None
    when the unit's rule has the utility bill it later (or the voltage has no fee)."""
    fee = reconnection_fee(unit_code, voltage)
    if fee is None or not fee.collect_at_counter:
        return None
    rate = vat_rate(fee, at.astimezone(_VN).date())
    return FeeLine(RECONNECTION, fee.amount, rate, (fee.amount * rate + 50) // 100)
