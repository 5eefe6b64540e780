"""The day on screen is Vietnam's, whatever the machine's time zone."""

from __future__ import annotations

import datetime as dt

from desktop.labels import vn_today


def test_from_17_utc_it_is_already_tomorrow_in_vietnam() -> None:
    assert vn_today(dt.datetime(2026, 12, 6, 16, 59, tzinfo=dt.UTC)) == dt.date(2026, 12, 6)
    assert vn_today(dt.datetime(2026, 12, 6, 17, 0, tzinfo=dt.UTC)) == dt.date(2026, 12, 7)
