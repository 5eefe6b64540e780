"""Alembic migrations run programmatically at start-up.

The whole upgrade runs inside one SQLite transaction: if any step fails,
nothing of it stays and the file is as it was before.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from db import errors
from db.models import APPLICATION_ID

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _config(script_location: Path | None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    return cfg


def _store_path(engine: Engine) -> Path:
    return Path(engine.url.database or "")


def head_revision(script_location: Path | None = None) -> str:
    """The newest revision the code knows: the schema a fresh store is created in."""
    head = ScriptDirectory.from_config(_config(script_location)).get_current_head()
    assert head is not None  # the migrations ship with the code
    return head


def pending_revisions(engine: Engine, script_location: Path | None = None) -> list[str]:
    """Revisions still to apply to the store, oldest first."""
    script = ScriptDirectory.from_config(_config(script_location))
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    head = script.get_current_head()
    if current == head:
        return []
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise errors.StoreTooNew(_store_path(engine), f"revision {current}")
    revs = [rev.revision for rev in script.iterate_revisions(head, current)]
    return list(reversed(revs))


def upgrade(engine: Engine, script_location: Path | None = None) -> None:
    """Bring the store to the newest revision, all or nothing."""
    path = _store_path(engine)
    cfg = _config(script_location)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    except errors.StoreError:
        raise
    except Exception as exc:
        typed = errors.translate(exc, path)
        if isinstance(typed, errors.StoreLocked | errors.StoreDiskFull | errors.StoreReadOnly):
            raise typed from exc
        logger.error("migration of %s failed: %s", path, exc)
        raise errors.StoreMigrationFailed(path, str(exc)) from exc
