"""A disk that is really full (a small tmpfs filled to the last byte, ENOSPC from the
kernel): the payment is refused in Vietnamese as a full disk, not a damaged file; what
was saved stays; a payment the store took while its second copy could not be written
holds its receipt and stops cash until the disk has room; then everything goes on, each
receipt number once."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import LocalPayment
from desktop.app import App, build_app
from desktop.errors import StoreUnavailable
from desktop.money.payments import CashRefused
from desktop.printing.emulator import PrinterEmulator
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import pretend_enrolled, sign_in

DISK = "24m"


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A file system of its own, small enough to fill: a tmpfs mounted for the test."""
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("full-disk tests skipped: mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK}", "tmpfs", str(where)],
                          capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        pytest.skip(f"full-disk tests skipped: cannot mount a tmpfs ({done.stderr.strip()})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30)


def fill(disk: Path) -> Path:
    """Write until the kernel says ENOSPC; the filler, to free the disk later."""
    filler = disk / "filler"
    chunk = b"\0" * 65536
    with filler.open("wb") as f:
        for _ in range(10_000):  # 640 MB at most: far more than the disk
            try:
                f.write(chunk)
                f.flush()
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                break
    for i in range(10_000):  # the last blocks, a small file at a time
        try:
            (disk / f"crumb{i}").write_bytes(b"\0" * 512)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
            break
    assert shutil.disk_usage(disk).free == 0
    return filler


def free(disk: Path) -> None:
    for path in disk.iterdir():
        if path.name == "filler" or path.name.startswith("crumb"):
            path.unlink()


@pytest.fixture
def counter(demo_store: Path, disk: Path) -> Iterator[App]:
    (disk / "counter").mkdir()
    shutil.copyfile(demo_store, disk / "counter" / "quaythu.db")
    app = build_app(disk / "counter" / "quaythu.db", create=False)
    pretend_enrolled(app, 4)
    yield app
    app.close()


def logged_receipts(app: App) -> list[str]:
    numbers = []
    for op in app.oplog.read()[0]:
        if op["kind"] == "payment":
            data = json.loads(op["data"]) if isinstance(op["data"], str) else op["data"]
            numbers.append(data["receipt_no"])
    return numbers


def test_a_full_disk_refuses_the_payment_as_a_full_disk_and_keeps_what_was_saved(
        counter: App, disk: Path) -> None:
    cashier = sign_in(counter)
    counter.shifts.open(cashier, 0)
    accounts = accounts_with_unpaid_bills(counter)
    first = [counter.payments.take_cash(cashier, a).receipt_no for a in accounts[:3]]
    fill(disk)
    with pytest.raises(StoreUnavailable) as refused:
        counter.payments.take_cash(cashier, accounts[3])
    assert refused.value.reason == "StoreDiskFull"
    assert "Ổ đĩa đã đầy" in refused.value.user_message
    assert "hỏng" not in refused.value.user_message
    # a command run beside it, on the full disk, says full, not damaged
    done = subprocess.run([sys.executable, "-m", "desktop", "status", "--json",
                           "--data-dir", str(counter.data_dir)],
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr and "hỏng" not in done.stdout + done.stderr
    free(disk)
    after = counter.payments.take_cash(cashier, accounts[3]).receipt_no
    assert [*first, after] == [f"PE1400D004-00000{n}" for n in (1, 2, 3, 4)]
    with counter.sessions() as s:
        assert s.scalar(select(func.count()).select_from(LocalPayment)) == 4
    assert logged_receipts(counter) == [*first, after]


def test_a_payment_whose_second_copy_cannot_be_written_holds_its_receipt_and_stops_cash(
        counter: App, disk: Path, tmp_path: Path) -> None:
    with PrinterEmulator(tmp_path / "paper") as printer:
        counter.device.set_printer(sign_in(counter, "quantri"), f"tcp://127.0.0.1:{printer.port}", 80)
        counter.printer.start()
        cashier = sign_in(counter)
        counter.shifts.open(cashier, 0)
        accounts = iter(accounts_with_unpaid_bills(counter))
        taken = [counter.payments.take_cash(cashier, next(accounts)).receipt_no
                 for _ in range(3)]
        assert len(printer.wait_for_jobs(3)) == 3
        # the next commits overwrite the -wal from its start: the store needs no new block,
        # the append-only log does, and the disk has none
        with counter.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(RESTART)")
        fill(disk)
        for _ in range(20):  # the log's last block takes a few more lines first
            taken.append(counter.payments.take_cash(cashier, next(accounts)).receipt_no)
            if counter.oplog.failing is not None:
                break
        assert counter.oplog.failing is not None, "the log never ran out of room"
        with pytest.raises(CashRefused) as refused:
            counter.payments.take_cash(cashier, next(accounts))
        assert "bản sao thứ hai" in refused.value.user_message
        counter.printer.kick()
        assert counter.printer.wait_idle(30)
        held = counter.prints.pending()
        assert held == 1  # the payment the log does not have yet prints no receipt
        assert len(printer.wait_for_jobs(len(taken) - 1)) == len(taken) - 1
        assert len(printer.jobs) == len(taken) - 1
        free(disk)
        taken.append(counter.payments.take_cash(cashier, next(accounts)).receipt_no)
        assert counter.oplog.failing is None
        assert len(printer.wait_for_jobs(len(taken))) == len(taken)
    assert taken == [f"PE1400D004-{n:06d}" for n in range(1, len(taken) + 1)]
    assert logged_receipts(counter) == taken


def test_a_start_copies_into_the_log_what_the_store_took_while_the_log_was_full(
        counter: App, disk: Path) -> None:
    cashier = sign_in(counter)
    counter.shifts.open(cashier, 0)
    accounts = iter(accounts_with_unpaid_bills(counter))
    counter.payments.take_cash(cashier, next(accounts))
    with counter.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(RESTART)")
    filler = fill(disk)
    for _ in range(20):
        counter.payments.take_cash(cashier, next(accounts))
        if counter.oplog.failing is not None:
            break
    assert counter.oplog.failing is not None
    path = counter.store_path
    counter.close()  # the counter is switched off before the disk has room again
    free(disk)
    assert not filler.exists()
    again = build_app(path, create=False)
    try:
        assert again.recovery is not None and again.recovery.copied >= 1
        with again.sessions() as s:
            stored = sorted(s.scalars(select(LocalPayment.receipt_no)))
        assert sorted(logged_receipts(again)) == stored
        assert again.cash_refusal() is None
    finally:
        again.close()
