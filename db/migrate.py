"""Alembic migrations run programmatically at start-up.

The whole upgrade runs inside one SQLite transaction: if any step fails,
nothing of it stays and the file is as it was before.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
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


@functools.lru_cache(maxsize=8)
def _scripts(location: Path) -> ScriptDirectory:
    """The migration files of ``location``, read (compiled and run) once per process: they
    ship with the code. Read again at every call, they held the GIL for long stretches of
    a first sync (``head_revision``) and of each new store, under the cashier's keys."""
    return ScriptDirectory.from_config(_config(location))


def _script(script_location: Path | None) -> ScriptDirectory:
    return _scripts(script_location or MIGRATIONS_DIR)


def head_revision(script_location: Path | None = None) -> str:
    """The newest revision the code knows: the schema a fresh store is created in."""
    head = _script(script_location).get_current_head()
    assert head is not None  # the migrations ship with the code
    return head


def pending_revisions(engine: Engine, script_location: Path | None = None) -> list[str]:
    """Revisions still to apply to the store, oldest first."""
    script = _script(script_location)
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
    cfg = _config(script_location or MIGRATIONS_DIR)
    script = _script(script_location)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            # alembic's command.upgrade(cfg, "head"), with the scripts read once
            with EnvironmentContext(cfg, script, as_sql=False, starting_rev=None,
                                    destination_rev="head", tag=None,
                                    fn=lambda rev, _context: script._upgrade_revs("head", rev)):
                script.run_env()
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    except errors.StoreError:
        raise
    except Exception as exc:
        typed = errors.translate(exc, path)
        if isinstance(typed, errors.StoreLocked | errors.StoreDiskFull | errors.StoreReadOnly):
            raise typed from exc
        logger.error("migration of %s failed: %s", path, exc)
        raise errors.StoreMigrationFailed(path, str(exc)) from exc
