"""The desktop process killed with SIGKILL, a hundred times, while taking
payments and while syncing: central ends with every committed payment once.

Each kill lands after the N-th line the child printed (a committed payment,
or a committed push batch / pulled page of the sync), N drawn from a seeded
generator: the same points of the work on any machine, loaded or not.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.models import Payment
from central.seed import seed
from db.demo import DEMO_PASSWORD
from desktop.app import build_app
from tests.central_server import central_on, serving
from tests.children import kill_after_lines
from tests.conftest import AS_OF

KILLS = 100
UNIT = "PE1000"  # the largest power company of the demo city

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def quaythu(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", *args, "--data-dir", str(data_dir)]


ENV = {**os.environ, "QUAYTHU_STAFF_PASSWORD": DEMO_PASSWORD}


def test_sigkill_while_paying_and_syncing(tmp_path: Path) -> None:
    rng = random.Random(20261127)
    data_dir = tmp_path / "counter"
    with central_on(str(tmp_path / "central.db")) as central:
        seed(central.sessions, accounts=20_000, seed=4, as_of=AS_OF)
        with serving(central) as url:
            app = build_app(data_dir / "quaythu.db")
            app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy thử")
            app.close()
            first = subprocess.run([sys.executable, "-m", "desktop", "sync", "--once",
                                    "--data-dir", str(data_dir)], timeout=300)
            assert first.returncode == 0
            printed: set[str] = set()
            kills = 0
            deadline = time.monotonic() + 900
            for i in range(KILLS):
                assert time.monotonic() < deadline, f"loop too slow at kill {i}"
                if i % 2 == 0:
                    # killed right after its n-th committed payment (of 12)
                    run = kill_after_lines(quaythu(data_dir, "simulate-counter", "--payments",
                                                   "12", "--seed", str(i), "--staff", "thungan"),
                                           rng.randint(1, 12), env=ENV)
                    # a line is printed only after its payment committed
                    printed |= {line.split()[0] for line in run.lines if line.count(" ") == 2}
                else:
                    # killed after its first, second or third committed step, or at its end
                    run = kill_after_lines(quaythu(data_dir, "sync", "--once", "--progress"),
                                           rng.randint(1, 4), env=ENV)
                kills += run.killed
            # the link is back and nobody kills the counter any more
            final = subprocess.run(
                [sys.executable, "-m", "desktop", "sync", "--once", "--data-dir", str(data_dir)],
                capture_output=True, text=True, timeout=300)
            assert final.returncode == 0, final.stderr
            # the journal survived too: whole locally, and central holds all of it
            verify = subprocess.run(
                [sys.executable, "-m", "desktop", "audit", "verify", "--json",
                 "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=120)
            journal = json.loads(verify.stdout)
            assert verify.returncode == 0 and journal["ok"], journal
            assert journal["central_seq"] == journal["last_seq"] > 100
            assert central.alerts() == []
        with central.sessions() as s:
            at_central = dict(s.execute(select(Payment.key, func.count())
                                        .group_by(Payment.key)).all())
    con = sqlite3.connect(data_dir / "quaythu.db")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        committed = {k for (k,) in con.execute("SELECT key FROM payments")}
        pending = con.execute("SELECT count(*) FROM outbox").fetchone()[0]
    finally:
        con.close()
    assert len(printed) > 50, "the loop took too few payments to prove anything"
    assert kills > KILLS // 2, "too few children were killed to prove anything"
    assert printed <= committed, "a payment the cashier saw is missing locally"
    assert committed == set(at_central), "central and the counter disagree"
    assert set(at_central.values()) == {1}, "a payment was applied twice"
    assert pending == 0
