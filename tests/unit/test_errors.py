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
