"""Wiring of the demo-data generator to the tariff and the store (composition)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from functools import lru_cache
from pathlib import Path

from db import demo
from db.engine import open_store
from desktop.tariff.billing import BillRequest, BillResult, calculate
from desktop.tariff.prices import TOU_CLASSES


# Bills of one period repeat the same few (kWh, households) pairs many times.
@lru_cache(maxsize=1 << 16)
def demo_pricer(
    tariff_class: str, voltage: str, households: int, kwh_by_band: tuple[int, ...],
    period_from: dt.date, period_to: dt.date,
) -> BillResult:
    """Price a generated bill with the bill calculator, like any other bill."""
    tou = tariff_class in TOU_CLASSES
    return calculate(BillRequest(
        period_from=period_from, period_to=period_to, tariff_class=tariff_class,
        voltage=voltage, households=households if tariff_class == "residential" else None,
        kwh=None if tou else kwh_by_band[0],
        tou_kwh=(kwh_by_band[0], kwh_by_band[1], kwh_by_band[2]) if tou else None,
        today=period_to,
    ))


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
    chunk_size: int = demo.CHUNK,
    chunks: Collection[int] | None = None,
    whole: bool = True,
    indexed: bool = True,
) -> demo.DemoReport:
    """Generate a complete demo store at ``path``; refuses to replace a file.

    ``chunks``, ``whole``, ``indexed``: a part of the city, as ``db.demo.generate`` says."""
    return demo.generate(
        path,
        accounts=accounts,
        seed=seed,
        as_of=as_of or dt.date.today(),
        pricer=demo_pricer,
        prepare=_prepare,
        processes=processes,
        progress=progress,
        chunk_size=chunk_size,
        chunks=chunks,
        whole=whole,
        indexed=indexed,
    )
