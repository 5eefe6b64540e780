"""A first sync from central's snapshot: one file copied into the store in one transaction.

Central builds the file with this package's own ``apply_page`` (see
``central.service.snapshot``); here its replicated tables are copied as they
are, the search index included, and the cursor set to the file's. The store
is either as before or holds the whole snapshot; the pull goes on from there.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from db.migrate import head_revision
from db.models import APPLICATION_ID
from desktop.errors import QuayThuError, as_core_error

logger = logging.getLogger(__name__)

#: what a pull replicates, parents before children (the store checks foreign keys)
REPLICATED = ("units", "staff", "accounts", "bills", "bill_lines", "payment_history",
              "outage_schedules", "reading_schedules", "route_sheets", "service_requests",
              "search_terms", "search_pairs")
#: FTS5's own tables behind ``account_fts`` and ``account_fts_keys``: copied, the index is
#: not built again. The store's are emptied first (and were empty unless ``replace``); both
#: sides declare the tables alike (one schema revision), so the copy is central's index.
FTS_SHADOW = ("account_fts_data", "account_fts_idx", "account_fts_content",
              "account_fts_docsize", "account_fts_keys_data", "account_fts_keys_idx")


_STORE_TROUBLE = ("StoreLocked", "StoreDiskFull", "StoreReadOnly")


class SnapshotUnusable(QuayThuError):
    """The downloaded file is not a snapshot this store can take (it is set aside)."""


class StoreNotEmpty(QuayThuError):
    """The store holds replicated rows already: only the change log may add to it."""


def replica_is_empty(con: sqlite3.Connection) -> bool:
    return not any(con.execute(f"SELECT EXISTS (SELECT 1 FROM main.{t})").fetchone()[0]  # noqa: S608
                   for t in (*REPLICATED, "account_fts_content"))


def _columns(con: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA {schema}.table_info({table})")]


def install(store: Path, snapshot: Path, replace: bool = False) -> int:
    """Copy the snapshot's replicated tables into the store; the cursor it stands at.

    ``replace``: the store may hold replicated rows from the log's first pages (the
    engine checked that nothing of the counter's own refers to them); they go first.

    Its own connection: FTS5 keeps the index's structure cached per
    connection, and the pooled ones learn of the new one from the commit.
    """
    con = sqlite3.connect(store, isolation_level=None, timeout=30)
    try:
        con.execute("PRAGMA synchronous = FULL")
        try:
            con.execute("ATTACH DATABASE ? AS snap", (str(snapshot),))
            app_id = con.execute("PRAGMA snap.application_id").fetchone()[0]
            revision = con.execute("SELECT version_num FROM snap.alembic_version").fetchone()
            seq = con.execute("SELECT cursor FROM snap.sync_state WHERE id = 1").fetchone()
        except sqlite3.DatabaseError as exc:
            raise SnapshotUnusable("Bản chụp dữ liệu tải về không đọc được; sẽ đồng bộ từng "
                                   "thay đổi.", detail=str(exc)) from exc
        if app_id != APPLICATION_ID or revision is None or revision[0] != head_revision() \
                or seq is None or not isinstance(seq[0], int):
            raise SnapshotUnusable("Bản chụp dữ liệu tải về không hợp với phiên bản này; sẽ "
                                   "đồng bộ từng thay đổi.",
                                   detail=f"application_id {app_id}, revision {revision}")
        con.execute("BEGIN IMMEDIATE")
        try:
            if replace:
                for table in reversed(REPLICATED):  # children first
                    if table != "service_requests":
                        con.execute(f"DELETE FROM main.{table}")  # noqa: S608 - constant names
            elif not replica_is_empty(con):
                raise StoreNotEmpty("Kho dữ liệu đã có dữ liệu đồng bộ.",
                                    detail="snapshot on a store with replicated rows")
            for table in REPLICATED:
                cols = ", ".join(_columns(con, "main", table))
                # a request taken here keeps what only this counter holds (the phone, the ID
                # number, the note): from central comes its progress, as a pulled change's
                keep = (" WHERE true ON CONFLICT(key) DO UPDATE SET status = excluded.status, "
                        "status_note = excluded.status_note, status_at = excluded.status_at"
                        if table == "service_requests" else "")
                con.execute(f"INSERT INTO main.{table} ({cols}) "  # noqa: S608 - constant names
                            f"SELECT {cols} FROM snap.{table}{keep}")
            for table in FTS_SHADOW:
                con.execute(f"DELETE FROM main.{table}")  # noqa: S608
                con.execute(f"INSERT INTO main.{table} SELECT * FROM snap.{table}")  # noqa: S608
            con.execute("UPDATE main.sync_state SET cursor = ?, snapshot_seq = ?, "
                        "source = 'central' WHERE id = 1", (seq[0], seq[0]))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return int(seq[0])
    except sqlite3.Error as exc:
        # the store's own trouble (busy, full disk, read-only) as the core tells it; the
        # file is whole (its hash was checked), so anything else is the file's: set aside
        typed = as_core_error(exc, str(store))
        if typed is not None and getattr(typed, "reason", "") in _STORE_TROUBLE:
            raise typed from exc
        raise SnapshotUnusable("Bản chụp dữ liệu tải về không đọc được; sẽ đồng bộ từng "
                               "thay đổi.", detail=str(exc)[:200]) from exc
    finally:
        con.close()
