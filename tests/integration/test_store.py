"""The local store on real SQLite files: migrations, pragmas, refusals."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from db import errors
from db.engine import make_engine, open_store
from db.migrate import MIGRATIONS_DIR, pending_revisions, upgrade
from db.models import APPLICATION_ID
from desktop.app import build_app
from desktop.errors import StoreUnavailable

HEAD = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrates_an_empty_directory_to_a_complete_store(tmp_path: Path) -> None:
    path = tmp_path / "new" / "quaythu.db"
    engine = open_store(path)
    try:
        with engine.connect() as conn:
            tables = set(conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type IN ('table')")).scalars())
            assert {"accounts", "bills", "bill_lines", "payment_history", "outage_schedules",
                    "reading_schedules", "sync_state", "units", "account_fts",
                    "search_terms", "alembic_version"} <= tables
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA application_id")).scalar() == APPLICATION_ID
        assert pending_revisions(engine) == []
    finally:
        engine.dispose()
    # opening again is a no-op and keeps no extra copies
    open_store(path).dispose()
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "quaythu.db"]


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    engine = open_store(tmp_path / "s.db")
    try:
        with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO payment_history VALUES (1, 999, '2026-01-01 00:00:00', 1, 'cash', 'x', 'r')"))
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "content",
    [b"hello, this is a spreadsheet\n" * 10, b"%PDF-1.7\n" + b"\0" * 200],
    ids=["text", "pdf"],
)
def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "quaythu.db"
    path.write_bytes(content)
    with pytest.raises(errors.StoreForeign):
        open_store(path)
    assert path.read_bytes() == content


@pytest.mark.parametrize(
    "statements",
    [["CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)",
      "INSERT INTO invoices VALUES (1, 100)"],
     ["PRAGMA application_id = 1234", "CREATE TABLE t (x)"]],
    ids=["other-tables", "other-application-id"],
)
def test_another_programs_sqlite_file_is_refused_and_untouched(
    tmp_path: Path, statements: list[str]
) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(errors.StoreForeign):
        open_store(path)
    assert digest(path) == before


def test_a_corrupted_store_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "quaythu.db"
    open_store(path).dispose()
    data = bytearray(path.read_bytes())
    # keep the header (so it still looks like ours), garble the schema page
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(errors.StoreCorrupt):
        open_store(path)
    assert digest(path) == before


def test_the_core_gives_a_vietnamese_message(tmp_path: Path) -> None:
    path = tmp_path / "quaythu.db"
    path.write_text("not a database")
    with pytest.raises(StoreUnavailable) as info:
        build_app(path)
    assert "không phải dữ liệu của QuayThu" in info.value.user_message
    assert info.value.reason == "StoreForeign"


def test_missing_store_when_creation_is_not_allowed(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable) as info:
        build_app(tmp_path / "nope.db", create=False)
    assert info.value.reason == "StoreNotFound"
    assert not (tmp_path / "nope.db").exists()


def _scripts_with_a_second_revision(tmp_path: Path, body: str) -> Path:
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0002_test.py").write_text(
        '"""test revision"""\n'
        "from alembic import op\n"
        "import sqlalchemy as sa\n"
        f"revision = 't9999'\ndown_revision = {HEAD!r}\nbranch_labels = None\ndepends_on = None\n"
        f"def upgrade():\n{body}\n"
        "def downgrade():\n    pass\n"
    )
    return scripts


def test_a_failed_migration_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "quaythu.db"
    open_store(path).dispose()
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO units (code, name, kind) "
                    "VALUES ('PE0400', 'Điện lực Gia Định', 'power_company')")
    before = digest(path)
    scripts = _scripts_with_a_second_revision(
        tmp_path,
        "    op.add_column('accounts', sa.Column('note', sa.Text()))\n"
        "    op.execute('INSERT INTO no_such_table VALUES (1)')\n",
    )
    engine = make_engine(path)
    try:
        assert pending_revisions(engine, scripts) == ["t9999"]
        with pytest.raises(errors.StoreMigrationFailed):
            upgrade(engine, scripts)
        with engine.connect() as conn:
            cols = [r[1] for r in conn.execute(text("PRAGMA table_info(accounts)"))]
            assert "note" not in cols
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            assert conn.execute(text("SELECT name FROM units")).scalar() == "Điện lực Gia Định"
    finally:
        engine.dispose()
    assert digest(path) == before


def test_a_successful_migration_keeps_a_copy_of_the_old_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "quaythu.db"
    open_store(path).dispose()
    scripts = _scripts_with_a_second_revision(
        tmp_path, "    op.add_column('accounts', sa.Column('note', sa.Text()))\n")
    monkeypatch.setattr("db.migrate.MIGRATIONS_DIR", scripts)
    open_store(path).dispose()
    assert (tmp_path / "quaythu.db.before-t9999").exists()
    with sqlite3.connect(path) as con:
        assert "note" in [r[1] for r in con.execute("PRAGMA table_info(accounts)")]


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "quaythu.db"
    open_store(path).dispose()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    before = digest(path)
    with pytest.raises(errors.StoreTooNew):
        open_store(path)
    assert digest(path) == before


def test_a_new_store_open_in_another_process_is_still_ours(tmp_path: Path) -> None:
    """Right after creation everything may sit in the WAL (the file's header has no
    application id yet): a second program on the same store must not call it foreign."""
    path = tmp_path / "quaythu.db"
    first = open_store(path)
    holder = first.connect()  # keeps the WAL from being checkpointed into the file
    try:
        header = path.read_bytes()[:100]
        if len(header) == 100:
            assert int.from_bytes(header[68:72], "big") in (0, APPLICATION_ID)
        second = open_store(path, create=False)
        with second.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
        second.dispose()
    finally:
        holder.close()
        first.dispose()


def test_no_checkpoint_runs_inside_a_commit_the_checkpointer_does_it_when_quiet(
        tmp_path: Path) -> None:
    """A commit never copies the log into the file (that used to stall the payment whose
    commit reached 1 000 frames); the store's checkpointer does, once writes pause."""
    from sqlalchemy import text

    from db.engine import Checkpointer, open_store

    engine = open_store(tmp_path / "store.db")
    keeper = Checkpointer(engine, quiet=0.0)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x BLOB)")
        for _ in range(300):  # ~1 500 frames: past SQLite's automatic threshold
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO t VALUES (randomblob(16000))"))
        assert keeper.due(now=10**9, last_checkpoint=0.0)
        busy, frames, copied = keeper.run_once()
        # nothing had been copied by the commits: the whole log was still there to copy
        assert busy == 0 and frames > 1000 and copied == frames
        assert not keeper.due(now=10**9, last_checkpoint=0.0)  # nothing new since
    finally:
        keeper.stop()
        engine.dispose()


def test_the_quick_head_check_agrees_with_alembic(tmp_path: Path) -> None:
    """A store at the head opens without loading Alembic; the head read from the files is
    Alembic's own (a new migration file that breaks the rule makes this fail)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from db import engine as store_engine
    from db.migrate import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert store_engine.head_revision() == ScriptDirectory.from_config(config).get_current_head()
    path = tmp_path / "store.db"
    store_engine.open_store(path).dispose()  # created and migrated
    again = store_engine.open_store(path, create=False)
    try:
        assert store_engine._at_head(again)
    finally:
        again.dispose()


def test_a_store_from_before_the_pair_index_gets_it_filled(tmp_path: Path,
                                                           demo_store: Path) -> None:
    """0015 builds the pair index of the accounts a store already holds (a counter
    upgraded in place searches as fast as a new one from its first minute)."""
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "old.db"
    shutil.copy(demo_store, path)
    engine = make_engine(path)
    try:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0014")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name IN "
                                     "('search_pairs', 'account_fts_keys')")).scalar() == 0
        upgrade(engine)
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    account_id, name = con.execute("SELECT id, c0 FROM account_fts_content LIMIT 1").fetchone()
    pair = "_".join(name.split()[:2])
    assert con.execute("SELECT 1 FROM search_pairs WHERE term = ?", (pair,)).fetchone()
    assert account_id in [i for (i,) in con.execute(
        "SELECT rowid FROM account_fts_keys WHERE account_fts_keys MATCH ?", (f'"{pair}"',))]
    con.close()
