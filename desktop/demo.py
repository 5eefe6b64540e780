"""Wiring of the demo-data generator to the tariff and the store (composition)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from db import demo
from db.engine import open_store
from desktop.tariff import BillPricing, price_non_residential, price_residential


def demo_pricer(
    tariff_class: str, voltage: str, households: int, kwh_by_period: tuple[int, ...],
    on: dt.date,
) -> BillPricing:
    """Price a generated bill with the real tariff tables."""
    if tariff_class == "residential":
        return price_residential(kwh_by_period[0], households, on)
    return price_non_residential(tariff_class, voltage, kwh_by_period, on)


def _prepare(path: Path) -> None:
    open_store(path).dispose()


def generate_demo_store(
    path: Path,
    *,
    accounts: int,
    seed: int,
    as_of: dt.date | None = None,
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> demo.DemoReport:
    """Generate a complete demo store at ``path``; refuses to replace a file."""
    return demo.generate(
        path,
        accounts=accounts,
        seed=seed,
        as_of=as_of or dt.date.today(),
        pricer=demo_pricer,
        prepare=_prepare,
        processes=processes,
        progress=progress,
    )
