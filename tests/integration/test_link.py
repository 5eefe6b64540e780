"""The counter's link to central: a committed payment is pushed without waiting for the timer,
also one another process committed; the loop outlives failures; three threads share one
store without "database is locked"."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.models import Payment
from central.service import Central
from db.demo import DEMO_PASSWORD
from desktop.app import App
from desktop.events import SyncFinished
from desktop.link import backoff
from desktop.link.background import this_thread_lowered
from desktop.printing.emulator import PrinterEmulator
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import on_shift, sign_in

UNIT = "PE1400"
#: a timer this long never fires within a test: whatever is pushed was woken
NEVER = 3600.0


@pytest.fixture
def counter(synced_counter: App) -> App:
    return synced_counter


def at_central(central: Central, *keys: str) -> set[str]:
    with central.sessions() as s:
        return set(s.scalars(select(Payment.key).where(Payment.key.in_(keys))))


def wait_for(predicate: object, timeout: float = 30.0) -> bool:
    """Polls ``predicate`` until true; the bound only stops a test that would hang."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_a_committed_payment_wakes_the_sync(counter: App, central: Central) -> None:
    finished: list[SyncFinished] = []
    counter.events.subscribe(SyncFinished, finished.append)
    counter.link.start(interval=NEVER)
    try:
        assert wait_for(lambda: len(finished) >= 1)  # the loop's first turn
        cashier = on_shift(counter)
        taken = counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0])
        # with an hour between turns, only the commit's event can have sent it
        assert wait_for(lambda: at_central(central, taken.key) == {taken.key})
        assert wait_for(lambda: counter.sync.status().pending == 0)
    finally:
        counter.link.stop()


def test_a_payment_another_process_committed_wakes_the_sync(
        counter: App, central: Central) -> None:
    """``simulate-counter`` beside the window on the same store: its payments go up without
    the window's timer, because the idle loop sees the rows it left in the outbox."""
    counter.link.start(interval=NEVER)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "simulate-counter", "--payments", "3",
             "--seed", "5", "--staff", "thungan", "--data-dir", str(counter.data_dir)],
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "QUAYTHU_STAFF_PASSWORD": DEMO_PASSWORD})
        assert done.returncode == 0, done.stderr
        keys = [line.split()[0] for line in done.stdout.splitlines()]
        assert len(keys) == 3
        assert wait_for(lambda: at_central(central, *keys) == set(keys))
    finally:
        counter.link.stop()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value is Linux's")
def test_the_sync_runs_below_the_window_and_the_window_keeps_its_priority(
        counter: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first sync is minutes of Python beside the cashier's search (issue 31): the
    scheduler must hand the core to the search first, and only the sync is lowered."""
    engine = counter.link.engine
    real = engine.sync_once
    seen: list[bool] = []

    def watched() -> object:
        seen.append(this_thread_lowered())
        return real()

    monkeypatch.setattr(engine, "sync_once", watched)
    counter.link.start(interval=NEVER)
    try:
        assert wait_for(lambda: len(seen) >= 1)
    finally:
        counter.link.stop()
    assert seen[0] is True
    assert this_thread_lowered() is False


def test_the_loop_outlives_an_unexpected_failure_and_says_so(
        counter: App, central: Central, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    engine = counter.link.engine
    real = engine.sync_once
    calls: list[int] = []

    def flaky() -> object:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database disk image is malformed? no: a bug")
        return real()

    monkeypatch.setattr(engine, "sync_once", flaky)
    monkeypatch.setattr("desktop.link.backoff", lambda failures: 0.01)
    finished: list[SyncFinished] = []
    counter.events.subscribe(SyncFinished, finished.append)
    with caplog.at_level(logging.ERROR, logger="desktop.link"):
        counter.link.active = True
        counter.link.run(max_turns=2)
    assert len(calls) == 2  # the second turn ran
    assert finished[0].error and "RuntimeError" in finished[0].error
    assert finished[-1].error is None
    assert "sync loop error" in caplog.text


def test_backoff_doubles_caps_and_jitters() -> None:
    low = [backoff(n, rng=lambda a, b: a) for n in (1, 2, 3, 20)]
    high = [backoff(n, rng=lambda a, b: b) for n in (1, 2, 3, 20)]
    assert high == [2.0, 4.0, 8.0, 300.0]
    assert low == [1.0, 2.0, 4.0, 150.0]


def test_payments_sync_and_printing_share_one_store_from_three_threads(
        counter: App, central: Central, tmp_path: Path) -> None:
    """A cashier taking 60 payments while the sync loop pushes and pulls against the live
    central and the printer thread draws and prints every receipt: no "database is
    locked", nothing lost, nothing doubled (bounded by count, not by time)."""
    errors: list[BaseException] = []
    locked: list[str] = []

    class Watch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            text = record.getMessage() + (str(record.exc_info[1]) if record.exc_info else "")
            if "locked" in text or "busy" in text:
                locked.append(text)

    watch = Watch(level=logging.WARNING)
    logging.getLogger().addHandler(watch)
    with PrinterEmulator(tmp_path / "paper") as printer:
        counter.device.set_printer(sign_in(counter, "quantri"), f"tcp://127.0.0.1:{printer.port}", 80)
        counter.link.start(interval=0.05)  # a sync turn all the time
        counter.printer.start()
        cashier = on_shift(counter)
        accounts = accounts_with_unpaid_bills(counter)[:60]
        keys: list[str] = []

        def cashier_thread() -> None:
            try:
                for account_id in accounts:
                    keys.append(counter.payments.take_cash(cashier, account_id).key)
            except BaseException as exc:  # reported below, with the store's message
                errors.append(exc)

        worker = threading.Thread(target=cashier_thread, name="cashier")
        worker.start()
        worker.join(600)
        try:
            assert not worker.is_alive() and errors == [], errors
            assert len(keys) == len(accounts)
            assert wait_for(lambda: at_central(central, *keys) == set(keys), timeout=120)
            assert wait_for(lambda: len(printer.jobs) == len(keys), timeout=300)
        finally:
            counter.link.stop()
            counter.printer.stop()
            logging.getLogger().removeHandler(watch)
    assert locked == []
    with central.sessions() as s:
        counts = dict(s.execute(select(Payment.key, func.count()).where(Payment.key.in_(keys))
                                .group_by(Payment.key)).all())
    assert set(counts.values()) == {1} and len(counts) == len(keys)
    assert counter.prints.pending() == 0


def test_the_cli_sync_loop_outlives_two_cashiers_on_its_store(
        counter: App, central: Central) -> None:
    """``quaythu sync --interval 0.2`` beside two scripted cashiers on the same store: every
    payment of both is committed (no "database is locked"), the loop is still alive after
    them, and the outbox empties (bounded by count; the time bound only stops a hang)."""
    env = {**os.environ, "QUAYTHU_STAFF_PASSWORD": DEMO_PASSWORD}
    data = str(counter.data_dir)
    loop = subprocess.Popen([sys.executable, "-m", "desktop", "sync", "--interval", "0.2",
                             "--data-dir", data], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        cashiers = [subprocess.Popen(
            [sys.executable, "-m", "desktop", "simulate-counter", "--payments", "25", "--seed",
             "1", "--share", share, "--staff", staff, "--data-dir", data],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for share, staff in (("1/2", "thungan"), ("2/2", "thungan2"))]
        outs = [c.communicate(timeout=300) for c in cashiers]
        for c, (_out, err) in zip(cashiers, outs, strict=True):
            assert c.returncode == 0, err
        keys = {line.split()[0] for out, _ in outs for line in out.splitlines()}
        assert len(keys) == 50  # each into their own drawer, never the same customer
        assert wait_for(lambda: at_central(central, *keys) == keys, timeout=120)
        assert loop.poll() is None, "the sync loop died"
        assert wait_for(lambda: counter.sync.status().pending == 0, timeout=60)
    finally:
        loop.send_signal(signal.SIGINT)
        _out, err = loop.communicate(timeout=60)
    assert loop.returncode == 0 and "Traceback" not in err


def test_argon2_never_runs_while_the_write_lock_is_held(
        counter: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sign-in, unlock and approval check the password before they take the write lock: a
    cashier's payment never waits ~0.1 s behind someone's password."""
    import sqlite3

    import desktop.staff.auth as auth

    real = auth._verify
    held: list[bool] = []

    def verify(digest: str, password: str) -> bool:
        probe = sqlite3.connect(counter.store_path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            held.append(False)
        except sqlite3.OperationalError:
            held.append(True)
        finally:
            probe.close()
        return real(digest, password)

    monkeypatch.setattr(auth, "_verify", verify)
    cashier = counter.auth.sign_in("thungan", DEMO_PASSWORD)
    counter.auth.unlock(cashier, "thungan", DEMO_PASSWORD)
    from desktop.staff.permissions import ApprovalAction

    counter.auth.approve(cashier, ApprovalAction.VOID, "x", "giamsat", DEMO_PASSWORD, "thử")
    with pytest.raises(auth.SignInFailed):
        counter.auth.sign_in("thungan", "wrong-password")
    assert held and held == [False] * len(held)
