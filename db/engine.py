"""Engine and session factory of the local store, and opening a store safely.

Opening never overwrites or deletes a file: a foreign or corrupted file is
refused as it is, and a migration runs inside one SQLite transaction (DDL is
transactional in SQLite) after a byte copy of the file has been kept.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from db import errors
from db.models import APPLICATION_ID

logger = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Take transaction control from the sqlite3 module, so that BEGIN also
    # covers DDL (migrations) and SQLAlchemy decides where transactions start.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        # A payment the screen called done survives a power cut.
        cur.execute("PRAGMA synchronous = FULL")
        # No checkpoint on the commit path: the commit that brought the log to 1 000
        # frames used to copy it into the file and fsync it inside a cashier's payment
        # (tests/perf/bench_payment.py: the slowest payments were exactly those). The
        # store's Checkpointer does it on its own thread instead.
        cur.execute("PRAGMA wal_autocheckpoint = 0")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA cache_size = -65536")
        cur.execute("PRAGMA mmap_size = 268435456")
        cur.execute("PRAGMA temp_store = MEMORY")
    finally:
        cur.close()


#: how long a write waits for the lock another writer holds (ms), as ``busy_timeout``
BUSY_TIMEOUT_MS = 3000
#: how often a write waiting for the lock tries again (s). SQLite's own busy handler
#: sleeps longer and longer (up to 100 ms a turn): a second process committing back to
#: back took the lock again in each gap while the cashier's payment slept, which waited
#: up to 0.65 s for it (measured beside a process taking payments without pause)
BUSY_POLL_S = 0.001


def _on_begin(conn: Any) -> None:
    # A writer that reads first (the journal's last hash, the receipt counter)
    # takes the write lock at BEGIN: upgrading a read snapshot later can fail
    # with SQLITE_BUSY_SNAPSHOT when the sync thread committed in between.
    if conn.get_execution_options().get("sqlite_begin") == "immediate":
        _begin_immediate(conn)
    else:
        conn.exec_driver_sql("BEGIN")


def _begin_immediate(conn: Any) -> None:
    """BEGIN IMMEDIATE, asking for the write lock every BUSY_POLL_S while another writer
    holds it, for BUSY_TIMEOUT_MS at most; then it fails as SQLite's own wait does."""
    raw = conn.connection.dbapi_connection
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        while time.monotonic() < deadline:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorcode", None) != sqlite3.SQLITE_BUSY:
                    raise
            time.sleep(BUSY_POLL_S)
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # the last try: its failure is SQLite's
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def make_engine(path: Path | str) -> Engine:
    """An engine on the SQLite file ``path`` with QuayThu's pragmas.

    Does not check the file: use :func:`open_store` for that.
    """
    engine = create_engine(
        f"sqlite+pysqlite:///{Path(path)}",
        poolclass=QueuePool,
        pool_size=4,
        connect_args={"check_same_thread": False, "timeout": 3},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Checkpointer:
    """Copies the write-ahead log into the database file off the commit path, when the
    counter is quiet.

    A PASSIVE checkpoint never waits for a reader or a writer and no writer
    waits for its locks; but its writes and its fsync of a multi-gigabyte file
    compete with a payment's fsync of the log for the disk
    (``tests/perf/bench_payment.py``). So it runs once this process has
    committed nothing for ``quiet`` seconds (between two customers), or at the
    latest ``at_most`` seconds after the last checkpoint while writes go on
    (a long first sync), so the log never grows without bound.
    """

    def __init__(self, engine: Engine, *, quiet: float = 1.0, at_most: float = 60.0,
                 tick: float = 0.25) -> None:
        self._engine = engine
        self.quiet, self.at_most, self.tick = quiet, at_most, tick
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_commit = 0.0
        self._dirty = False
        event.listen(engine, "commit", self._on_commit)

    def _on_commit(self, _conn: Any) -> None:
        self._last_commit = time.monotonic()
        self._dirty = True

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="checkpoint", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(30)
            self._thread = None
        if event.contains(self._engine, "commit", self._on_commit):
            event.remove(self._engine, "commit", self._on_commit)

    def run_once(self) -> tuple[int, int, int]:
        """(busy, frames in the log, frames copied), as SQLite reports them."""
        with self._engine.connect() as conn:
            row = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
            conn.commit()
        # (that commit was the checkpoint's own, not a write to copy next time)
        self._dirty = False
        return int(row[0]), int(row[1]), int(row[2])

    def due(self, now: float, last_checkpoint: float) -> bool:
        if not self._dirty:
            return False
        return now - self._last_commit >= self.quiet or now - last_checkpoint >= self.at_most

    def _run(self) -> None:
        last = time.monotonic()
        while not self._stop.wait(self.tick):
            now = time.monotonic()
            if not self.due(now, last):
                continue
            try:
                self.run_once()
            except Exception:  # a busy or failing store: the next turn tries again
                logger.debug("checkpoint failed", exc_info=True)
            last = time.monotonic()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def make_writer_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose transactions start with ``BEGIN IMMEDIATE`` (see ``_on_begin``)."""
    return sessionmaker(engine.execution_options(sqlite_begin="immediate"), expire_on_commit=False)


def inspect_file(path: Path) -> str:
    """``"missing"``, ``"empty"``, ``"ours"`` or ``"blank-sqlite"``; raises if foreign.

    A SQLite file with no tables and no application id is ``"blank-sqlite"``
    (for example one made by ``sqlite3 FILE ''``): it holds nothing to lose.
    """
    if not path.exists():
        return "missing"
    if path.is_dir():
        raise errors.StoreForeign(path, "is a directory")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except PermissionError as exc:
        raise errors.StoreReadOnly(path, str(exc)) from exc
    if len(header) == 0:
        return "empty"
    if not header.startswith(SQLITE_HEADER):
        raise errors.StoreForeign(path, "not a SQLite file")
    if len(header) < 100:
        raise errors.StoreCorrupt(path, "truncated header")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id == APPLICATION_ID:
        return "ours"
    if app_id != 0:
        raise errors.StoreForeign(path, f"application_id {app_id:#x}")
    # No application id in the file's header: ours only if it has no tables at
    # all -- or if SQLite, reading through a write-ahead log that another
    # process has not checkpointed yet, sees our id there.
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            live_id = con.execute("PRAGMA application_id").fetchone()[0]
            n = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise errors.translate(exc, path) or errors.StoreCorrupt(path, str(exc)) from exc
    if live_id == APPLICATION_ID:
        return "ours"
    if n:
        raise errors.StoreForeign(path, "a SQLite file of another program")
    return "blank-sqlite"


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Re-raise SQLite failures as the store's typed errors."""
    try:
        yield
    except errors.StoreError:
        raise
    except Exception as exc:
        typed = errors.translate(exc, path)
        if typed is None:
            raise
        raise typed from exc


def head_revision() -> str | None:
    """The newest store revision, read from the migration files' ``revision =`` lines.

    Importing Alembic costs half a second at every start; a store already at this
    revision (nearly every start) needs none of it. Whatever this cannot decide, the
    full Alembic check below decides.
    """
    loaded = sys.modules.get("db.migrate")  # its folder, when something chose another one
    folder = Path(getattr(loaded, "MIGRATIONS_DIR", Path(__file__).with_name("migrations")))
    return _head_of(folder / "versions")


@functools.cache
def _head_of(folder: Path) -> str | None:
    revisions: set[str] = set()
    parents: set[str] = set()
    pattern = re.compile(r"^(down_)?revision\s*=\s*['\"]([^'\"]*)['\"]", re.MULTILINE)
    for file in folder.glob("*.py"):
        for down, value in pattern.findall(file.read_text(encoding="utf-8")):
            (parents if down else revisions).add(value)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _at_head(engine: Engine) -> bool:
    head = head_revision()
    if head is None:
        return False
    with engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).scalar()
        if not has_table:
            return False
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head


def open_store(path: Path | str, *, create: bool = True) -> Engine:
    """Open (creating if allowed) and migrate the store at ``path``.

    Raises a :class:`db.errors.StoreError` child with the file untouched when
    it is foreign, corrupted, locked, read-only or its migration fails.
    """
    path = Path(path)
    state = inspect_file(path)
    if state == "missing":
        if not create:
            raise errors.StoreNotFound(path)
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # created empty with the owner's rights only: SQLite gives its -wal
            # and -shm files the database file's permissions
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as exc:
            raise errors.StoreReadOnly(path, str(exc)) from exc
    else:
        owner_only(path)
    engine = make_engine(path)
    try:
        with translated(path):
            with engine.connect() as conn:
                # quick integrity probe: reads the schema, fails on garbage pages
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            if state == "ours" and _at_head(engine):
                return engine
            from db import migrate  # Alembic: only when the store may need a migration

            pending = migrate.pending_revisions(engine)
            if pending:
                backup = None
                if state == "ours":
                    backup = _keep_copy(path, pending[-1])
                migrate.upgrade(engine)
                if backup is not None:
                    logger.info("store %s migrated; previous copy kept at %s", path, backup)
    except BaseException:
        engine.dispose()
        raise
    return engine


def owner_only(path: Path) -> None:
    """Customers' data is readable only by the user who runs QuayThu (POSIX modes)."""
    if os.name != "posix":
        return  # Windows: the per-user profile directory's ACL already does this
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError:
        logger.info("could not restrict the permissions of %s", path)


def copy_store(path: Path, target: Path) -> None:
    """A consistent copy of the store at ``path`` into ``target`` (owner-only), through
    SQLite's backup API: a WAL in use is included, and the counter may go on working."""
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
        owner_only(target)
    finally:
        src.close()


def _keep_copy(path: Path, target_rev: str) -> Path:
    backup = path.with_name(f"{path.name}.before-{target_rev}")
    if not backup.exists():
        copy_store(path, backup)
    return backup

