"""Central's migrations build exactly the tables the code declares, and carry a running
database's operations across a schema change (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from central.database import make_engine, migrate
from central.models import Base
from tests.central_server import postgres_schema


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        e = make_engine(f"sqlite:///{tmp_path / 'central.db'}")
        yield e
        e.dispose()
    else:
        with postgres_schema() as url:
            e = make_engine(url)
            yield e
            e.dispose()


def test_the_migrated_schema_is_the_declared_one(engine: Engine) -> None:
    migrate(engine)
    with engine.connect() as conn:
        drift = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert drift == []


def test_keys_become_per_device_without_losing_what_was_applied(engine: Engine) -> None:
    migrate(engine, "c0004")
    now = dt.datetime(2026, 11, 30, 2, 0)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO units (code, name, kind, created_at, unremitted) "
                          "VALUES ('PE1400', 'Quận 3', 'district', :t, 0)"), {"t": now})
        conn.execute(text("INSERT INTO devices (id, unit_code, name, token_hash, enrolled_at) "
                          "VALUES (7, 'PE1400', 'Quầy 1', :h, :t)"), {"h": "a" * 64, "t": now})
        conn.execute(text(
            "INSERT INTO applied_ops (key, device_id, unit_code, kind, payload_hash, status, "
            "result, applied_at, replays) VALUES ('k-1', 7, 'PE1400', 'shift_close', :h, "
            "'applied', '{}', :t, 0)"), {"h": "b" * 64, "t": now})
        conn.execute(text(
            "INSERT INTO shift_closings (shift_key, device_id, unit_code, staff, closed_at, data) "
            "VALUES ('s-1', 7, 'PE1400', 'thungan1', :t, '{}')"), {"t": now})
    migrate(engine)
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT device_id, key, status FROM applied_ops")).all()
        closings = conn.execute(text("SELECT device_id, shift_key FROM shift_closings")).all()
    assert [tuple(r) for r in kept] == [(7, "k-1", "applied")]
    assert [tuple(r) for r in closings] == [(7, "s-1")]
    keys = inspect(engine).get_pk_constraint
    assert keys("applied_ops")["constrained_columns"] == ["device_id", "key"]
    assert keys("payments")["constrained_columns"] == ["device_id", "key"]
    assert keys("shift_closings")["constrained_columns"] == ["device_id", "shift_key"]
    assert keys("service_requests")["constrained_columns"] == ["device_id", "key"]


def test_journal_lines_held_before_c0018_name_their_payment(engine: Engine) -> None:
    """A payment pushed after the upgrade whose journal line central took before it still
    finds its line (central refuses a payment its device's journal does not record)."""
    migrate(engine, "c0017")
    now = dt.datetime(2026, 12, 6, 2, 0)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO units (code, name, kind, created_at, unremitted) "
                          "VALUES ('PE1400', 'Quận 3', 'district', :t, 0)"), {"t": now})
        conn.execute(text("INSERT INTO devices (id, unit_code, name, token_hash, enrolled_at) "
                          "VALUES (7, 'PE1400', 'Quầy 1', :h, :t)"), {"h": "a" * 64, "t": now})
        for seq, entry in ((1, '{"action":"sign_in","detail":{},"seq":1}'),
                           (2, '{"action":"payment","detail":{"key":"pay-1"},"seq":2}')):
            conn.execute(text("INSERT INTO audit_lines (device_id, seq, prev_hash, hash, entry, "
                              "received_at) VALUES (7, :s, :p, :h, :e, :t)"),
                         {"s": seq, "p": "0" * 64, "h": "1" * 64, "e": entry, "t": now})
    migrate(engine)
    with engine.connect() as conn:
        named = conn.execute(text("SELECT seq, op_key FROM audit_lines ORDER BY seq")).all()
    assert [tuple(r) for r in named] == [(1, None), (2, "pay-1")]
