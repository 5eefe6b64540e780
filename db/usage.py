"""The account's consumption history as one short text (``accounts.usage``).

``"202412 150 145 170 …"``: the first month's year and month, then the kWh of each month,
oldest first, consecutive. About 4 bytes a month, ~110 for 24 months: far less than 24
bill rows with their tier lines, which is why the whole-city store carries this and not
the settled bills (issue 30: within +15 %, tests/perf/bench_store_size.py). The đồng of
a month are not stored: the counter prices the kWh with the tariff it holds
(desktop/lookup.py); a month the store has a bill for shows that bill's amount.
"""

from __future__ import annotations

import re

#: 24 months of the largest accounts fit well within this
MAX_TEXT = 600
MONTHS = 24
_HEAD = re.compile(r"(\d{4})(\d{2})")
_KWH = re.compile(r"\d{1,9}")


def format_usage(year: int, month: int, kwh: list[int]) -> str:
    """``kwh``: one a month from ``year``/``month`` on."""
    return f"{year:04d}{month:02d} " + " ".join(str(k) for k in kwh)


def parse_usage(text: str) -> list[tuple[int, int, int]]:
    """(year, month, kWh) per month; ValueError on anything else."""
    if len(text) > MAX_TEXT:
        raise ValueError("usage history too long")
    head, *cells = text.split(" ")
    m = _HEAD.fullmatch(head)
    if m is None or not 1 <= int(m.group(2)) <= 12 or len(cells) > 2 * MONTHS:
        raise ValueError(f"usage history {text[:20]!r}")
    year, month = int(m.group(1)), int(m.group(2))
    out = []
    for cell in cells:
        if _KWH.fullmatch(cell) is None:
            raise ValueError(f"usage month {cell[:20]!r}")
        out.append((year, month, int(cell)))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return out
