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
