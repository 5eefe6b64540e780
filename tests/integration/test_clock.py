"""A counter whose clock is off: central says its own time with every answer, the counter
stops taking cash until the clock is put right, and central alerts on payment times that
cannot be true (DESIGN.md, what QuayThu promises about money, 6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from central.seed import seed
from central.service import Central
from desktop.app import App, build_app
from desktop.money.payments import CashRefused
from desktop.sim import accounts_with_unpaid_bills
from tests.central_server import central_on, serving
from tests.conftest import AS_OF
from tests.staff import on_shift


@pytest.fixture
def skewed(tmp_path: Path) -> Iterator[tuple[Central, str]]:
    """A central whose clock is a day ahead of this machine's (as if the counter's were a
    day behind)."""
    with central_on(str(tmp_path / "central.db")) as c:
        seed(c.sessions, accounts=600, seed=3, as_of=AS_OF)
        c.clock = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        with serving(c) as url:
            yield c, url


def test_a_counter_a_day_behind_says_so_and_takes_no_cash(
        tmp_path: Path, skewed: tuple[Central, str]) -> None:
    central, url = skewed
    counter: App = build_app(tmp_path / "counter" / "quaythu.db")
    try:
        counter.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
        counter.link.sync_once()
        cashier = on_shift(counter)
        skew = counter.clock.skew
        assert skew is not None and -86_500 < skew < -86_300  # a day behind
        message = counter.clock.describe()
        assert message is not None and "chậm 1.0 ngày" in message
        with pytest.raises(CashRefused, match="Đồng hồ máy chậm"):
            counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0])
        # the clock is put right (here: central's comes back): cash again
        central.clock = lambda: dt.datetime.now(dt.UTC)
        counter.link.sync_once()
        assert counter.clock.describe() is None
        counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0])
    finally:
        counter.close()


def test_the_verdict_survives_a_restart_without_a_link_until_central_is_asked_again(
        tmp_path: Path, skewed: tuple[Central, str]) -> None:
    """Issue 28, finding 3: a counter central last saw a day off, restarted offline, took
    cash. The verdict is read back at start; only central's next answer lifts it."""
    central, url = skewed
    store = tmp_path / "counter" / "quaythu.db"
    counter: App = build_app(store)
    try:
        counter.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
        counter.link.sync_once()
        on_shift(counter)
        assert counter.clock.describe() is not None
    finally:
        counter.close()
    # restarted, and no answer from central yet (as without a link)
    central.clock = lambda: dt.datetime.now(dt.UTC)  # (not asked before the next sync)
    again: App = build_app(store)
    try:
        cashier = on_shift(again)
        message = again.clock.describe()
        assert message is not None and "chậm 1.0 ngày" in message
        with pytest.raises(CashRefused, match="Đồng hồ máy chậm"):
            again.payments.take_cash(cashier, accounts_with_unpaid_bills(again)[0])
        again.link.sync_once()  # central answers again, with the right time: cash again
        assert again.clock.describe() is None
        again.payments.take_cash(cashier, accounts_with_unpaid_bills(again)[0])
    finally:
        again.close()
    # and that verdict too is what the next start reads
    third: App = build_app(store)
    try:
        assert third.clock.describe() is None and third.clock.skew is not None
    finally:
        third.close()


def test_central_alerts_on_a_payment_time_that_cannot_be_true(
        tmp_path: Path, central: Central, url: str) -> None:
    counter = build_app(tmp_path / "counter" / "quaythu.db")
    try:
        counter.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
        counter.link.sync_once()
        cashier = on_shift(counter)
        a_year_ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=365)
        taken = counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0],
                                           now=a_year_ahead)
        counter.link.sync_once()
        kinds = [(a["kind"], a["op_key"]) for a in central.alerts()]
        assert ("clock-skew", taken.key) in kinds
    finally:
        counter.close()
