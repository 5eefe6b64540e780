"""Faults around the store: locked, full disk, unusable data directory,
a second instance. Each gives a clear message and loses nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from db import errors
from db.engine import open_store, translated
from desktop.config import ensure_data_dir
from desktop.errors import DataDirUnavailable, InstanceRunning
from desktop.instance import InstanceLock

UNIT = "INSERT INTO units (code, name, kind) VALUES (:c, :n, 'agent')"


def test_a_write_blocked_by_another_process_is_reported_as_locked(tmp_path: Path) -> None:
    path = tmp_path / "quaythu.db"
    engine = open_store(path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO units (code, name, kind) VALUES ('A1', 'giữ khóa', 'agent')")
        with pytest.raises(errors.StoreLocked) as info, translated(path), engine.begin() as conn:
            conn.execute(text(UNIT), {"c": "A2", "n": "bị chặn"})
        assert "phiên QuayThu khác" in info.value.user_message
        other.execute("COMMIT")
        # once released, the write goes through and nothing was lost
        with engine.begin() as conn:
            conn.execute(text(UNIT), {"c": "A2", "n": "sau khi mở khóa"})
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM units")).scalar() == 2
    finally:
        other.close()
        engine.dispose()


def test_a_full_disk_rolls_back_the_write_and_keeps_what_was_saved(tmp_path: Path) -> None:
    path = tmp_path / "quaythu.db"
    engine = open_store(path)
    try:
        with engine.begin() as conn:
            conn.execute(text(UNIT), {"c": "KEEP", "n": "đã lưu trước"})
        with pytest.raises(errors.StoreDiskFull) as info, translated(path), engine.begin() as conn:
            pages = conn.execute(text("PRAGMA page_count")).scalar()
            # SQLite's own "database or disk is full", as on a full disk
            conn.execute(text(f"PRAGMA max_page_count = {pages}"))
            conn.execute(text(UNIT), [{"c": f"X{i}", "n": "x" * 2000} for i in range(500)])
        assert "Ổ đĩa đã đầy" in info.value.user_message
        with engine.connect() as conn:
            codes = conn.execute(text("SELECT code FROM units")).scalars().all()
        assert codes == ["KEEP"]
    finally:
        engine.dispose()


def test_a_data_directory_that_cannot_be_created(tmp_path: Path) -> None:
    # /proc refuses new directories even to root, like a read-only share.
    with pytest.raises(DataDirUnavailable) as info:
        ensure_data_dir(Path("/proc/quaythu-test/data"))
    assert "Không tạo được thư mục dữ liệu" in info.value.user_message


def test_the_command_line_says_so_in_vietnamese() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "lookup", "abc", "--data-dir", "/proc/quaythu-x"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2
    assert "Không tạo được thư mục dữ liệu" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_second_instance_on_the_same_data_directory_is_refused(tmp_path: Path) -> None:
    with InstanceLock(tmp_path):
        with pytest.raises(InstanceRunning) as info:
            InstanceLock(tmp_path).acquire()
        assert "đang chạy" in info.value.user_message
    # released on exit: the next instance may start
    with InstanceLock(tmp_path):
        pass


def test_the_lock_is_held_across_processes(tmp_path: Path) -> None:
    with InstanceLock(tmp_path):
        done = subprocess.run(
            [sys.executable, "-c",
             "import sys; from pathlib import Path; from desktop.instance import InstanceLock\n"
             "from desktop.errors import InstanceRunning\n"
             f"try:\n    InstanceLock(Path({str(tmp_path)!r})).acquire()\n"
             "except InstanceRunning:\n    sys.exit(3)\n"],
            timeout=60,
        )
    assert done.returncode == 3


def test_receipts_of_a_killed_counter_print_at_its_next_start(tmp_path: Path) -> None:
    """A scripted cashier whose printer is dead is SIGKILLed after its 3rd committed
    payment; the next start, with the printer back, prints every receipt it took, in order,
    without another payment or Ctrl+P."""
    import os
    import sys

    import zxingcpp
    from PIL import Image

    from db.demo import DEMO_PASSWORD
    from desktop.app import build_app
    from desktop.demo import generate_demo_store
    from desktop.printing.emulator import PrinterEmulator
    from tests.children import kill_after_lines
    from tests.conftest import ACCOUNTS, AS_OF, SEED
    from tests.staff import pretend_enrolled, sign_in

    store = tmp_path / "counter" / "quaythu.db"
    generate_demo_store(store, accounts=ACCOUNTS // 3, seed=SEED, as_of=AS_OF, processes=1)
    app = build_app(store, create=False)
    pretend_enrolled(app, 3)
    app.device.set_printer(sign_in(app, "quantri"), "tcp://127.0.0.1:9", 80)  # nothing answers
    app.close()
    run = kill_after_lines(
        [sys.executable, "-m", "desktop", "simulate-counter", "--payments", "8", "--seed", "1",
         "--staff", "thungan", "--data-dir", str(store.parent)], 3,
        env={**os.environ, "QUAYTHU_STAFF_PASSWORD": DEMO_PASSWORD})
    assert run.killed
    taken = [line.split()[1] for line in run.lines if line.count(" ") == 2]
    assert len(taken) >= 3
    with PrinterEmulator(tmp_path / "paper") as printer:
        again = build_app(store, create=False)
        try:
            again.device.set_printer(sign_in(again, "quantri"), f"tcp://127.0.0.1:{printer.port}", 80)
            again.printer.start()
            jobs = printer.wait_for_jobs(len(taken), timeout=120)
            assert again.printer.wait_idle(60)
            printed = [zxingcpp.read_barcodes(Image.open(p))[0].text.split("|")[1]
                       for p in printer.jobs]
        finally:
            again.close()
    assert len(jobs) >= len(taken)
    # every receipt the cashier saw committed is on paper, in order, once
    assert printed[: len(taken)] == taken and len(printed) == len(set(printed))


def test_a_damaged_store_after_a_crash_refuses_cash_and_says_so(
        tmp_path: Path, demo_store: Path) -> None:
    """The app used to open silently and take payments into a malformed file: after an
    unclean stop its pages are checked, and a damaged store takes no cash."""
    import shutil
    import time

    from desktop.app import build_app
    from desktop.cli import main
    from desktop.money.payments import CashRefused
    from desktop.sim import accounts_with_unpaid_bills
    from tests.staff import on_shift, pretend_enrolled

    store = tmp_path / "counter" / "quaythu.db"
    store.parent.mkdir()
    shutil.copyfile(demo_store, store)
    app = build_app(store, create=False)
    pretend_enrolled(app, 5)
    accounts = accounts_with_unpaid_bills(app)
    app.close()
    size = store.stat().st_size
    with store.open("r+b") as fh:  # garbage over a page in the middle of the accounts
        fh.seek((size // 2) // 4096 * 4096)
        fh.write(b"\xab" * 4096)
    store.with_name(store.name + ".open").touch()  # the last run never closed it
    again = build_app(store, create=False)
    try:
        deadline = time.monotonic() + 120  # the check runs on its own thread
        while again.store_problem is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert again.store_problem is not None and "bị hỏng" in again.store_problem
        with pytest.raises(CashRefused, match="bị hỏng"):
            again.payments.take_cash(on_shift(again), accounts[0])
    finally:
        again.close()
    assert main(["recover", "--db", str(store)]) == 1
