"""A field collector's day in the fault harness: the laptop killed with SIGKILL after a
seeded number of committed steps (payments, visits, the close, the hand-over, the bank
deposit) and its syncs killed mid-way, all through a link that cuts and resets
connections; central ends with every payment, visit, turn-in and deposit exactly once.

Kills land after the N-th line a child printed, each line printed after its commit:
the same points of the work on any machine, loaded or not.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.models import Deposit, Payment, TurnIn, Visit
from central.seed import seed
from db.demo import DEMO_PASSWORD
from desktop.app import build_app
from tests.central_server import central_on, serving
from tests.children import kill_after_lines
from tests.conftest import AS_OF
from tests.fault_proxy import FaultyProxy

UNIT, ROUTE, STOPS = "PE1400", "PE1400-001", 40
#: bounded: the day is done long before (about 8 walks of 10 steps, each killed or not)
ROUNDS = 60

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ENV = {**os.environ, "QUAYTHU_STAFF_PASSWORD": DEMO_PASSWORD}


def quaythu(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", *args, "--data-dir", str(data_dir)]


def test_a_collectors_day_killed_and_cut_ends_exactly_once_at_central(tmp_path: Path) -> None:
    rng = random.Random(20261202)
    data_dir = tmp_path / "laptop"
    today = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()
    with central_on(str(tmp_path / "central.db")) as central:
        seed(central.sessions, accounts=1500, seed=9, as_of=AS_OF)
        central.issue_route(UNIT, ROUTE, "thuld", today)
        with serving(central) as url:
            port = int(url.rsplit(":", 1)[1])
            proxy = FaultyProxy(port, seed=7, fault_rate=0.3)
            try:
                app = build_app(data_dir / "quaythu.db")
                app.link.enrol(url, central.issue_enrolment_code(UNIT), "Máy thu lưu động")
                app.close()
                # at the office: the route comes down over the good link
                assert subprocess.run(quaythu(data_dir, "sync", "--once"), env=ENV,
                                      timeout=300).returncode == 0
                _point_at(data_dir, proxy.url)
                seen: dict[str, set[str]] = {}
                kills, day_done = 0, False
                deadline = time.monotonic() + 900
                for i in range(ROUNDS):
                    assert time.monotonic() < deadline, f"too slow at round {i}"
                    if i % 3 != 2:
                        run = kill_after_lines(
                            quaythu(data_dir, "simulate-route", "--staff", "thuld", "--head",
                                    "thuquy", "--stops", str(STOPS), "--steps", "10",
                                    "--seed", str(i)), rng.randint(1, 12), env=ENV)
                        for line in run.lines:
                            kind, _, key = line.partition(" ")
                            seen.setdefault(kind, set()).add(key)
                        day_done = day_done or "deposit" in seen
                    else:
                        # the link cut mid-sync: killed after its first, second or third step
                        run = kill_after_lines(quaythu(data_dir, "sync", "--once", "--progress"),
                                               rng.randint(1, 4), env=ENV)
                    kills += run.killed
                    if day_done and i % 3 == 2:
                        break
                assert day_done, "the day never reached its bank deposit"
                _point_at(data_dir, url)  # back at the office on a good link
                final = subprocess.run(quaythu(data_dir, "sync", "--once"), env=ENV,
                                       capture_output=True, text=True, timeout=300)
                assert final.returncode == 0, final.stderr
            finally:
                proxy.stop()
        with central.sessions() as s:
            payments = dict(s.execute(select(Payment.key, func.count())
                                      .group_by(Payment.key)).all())
            visits = s.execute(select(Visit.key, Visit.account_code, Visit.outcome)).all()
            turn_ins = s.scalars(select(TurnIn)).all()
            deposits = s.scalars(select(Deposit)).all()
    con = sqlite3.connect(data_dir / "quaythu.db")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        local_payments = {k for (k,) in con.execute("SELECT key FROM payments")}
        local_visits = {k for (k,) in con.execute("SELECT key FROM visits")}
        pending = con.execute("SELECT count(*) FROM outbox").fetchone()[0]
    finally:
        con.close()
    assert kills >= 5, "too few children were killed to prove anything"
    assert seen["payment"] <= local_payments, "a payment the collector saw is missing"
    assert set(payments) == local_payments and set(payments.values()) == {1}
    assert {k for k, _c, _o in visits} == local_visits and len(visits) == len(local_visits)
    # every one of the first stops visited once (a payment's own mark included)
    assert len({c for _k, c, _o in visits}) == STOPS == len(visits)
    assert sum(1 for _k, _c, o in visits if o == "paid") == len(payments)
    assert len(turn_ins) == 1 and len(deposits) == 1
    assert deposits[0].total == turn_ins[0].counted and turn_ins[0].deposit_key == deposits[0].key
    assert pending == 0


def _point_at(data_dir: Path, url: str) -> None:
    """The laptop's link goes through ``url`` (the faulty proxy, or central itself)."""
    app = build_app(data_dir / "quaythu.db")
    try:
        app.link.set_central_url(url)
    finally:
        app.close()
