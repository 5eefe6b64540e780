"""Store failures met at any call are told as what they are, in Vietnamese."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("raw", "says"), [
    ("database or disk is full", "Ổ đĩa đã đầy"),
    ("database is locked", "đang bận"),
    ("database disk image is malformed", "bị hỏng"),
    ("attempt to write a readonly database", "chỉ đọc"),
])
def test_a_store_failure_at_any_call_is_told_as_what_it_is(raw: str, says: str) -> None:
    import sqlite3

    from desktop.errors import StoreUnavailable, as_core_error

    typed = as_core_error(sqlite3.OperationalError(raw))
    assert isinstance(typed, StoreUnavailable) and says in typed.user_message
    assert as_core_error(ValueError("a bug")) is None


def test_an_io_error_on_a_full_disk_is_a_full_disk_not_a_corrupt_store(
        monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    import shutil
    import sqlite3
    from collections import namedtuple

    from db import errors

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(100, 100, 0))
    typed = errors.translate(sqlite3.OperationalError("disk I/O error"), str(tmp_path))
    assert isinstance(typed, errors.StoreDiskFull)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**12, 1, 10**11))
    typed = errors.translate(sqlite3.OperationalError("disk I/O error"), str(tmp_path))
    assert isinstance(typed, errors.StoreCorrupt)
