"""First-sync snapshots: a unit's replica built once at central, downloaded by its counters.

A counter's first sync through the change log parses and applies every change
of its unit, row by row; the snapshot moves that work here, done once for all
of the unit's counters. The file is the counter's own store schema (the
``db`` migrations) filled by the counter's own ``apply_page`` from the unit's
change log up to a sequence value S, exactly as a change-log first sync begun
at S would fill it (settled bills left out, see ``PullRoom._changes_after``),
and with S as its cursor. A counter copies its tables in one transaction and
pulls on from S, so a change made while the snapshot was built still arrives.

Files live in ``snapshot_dir``: ``<scope>-<seq>.db`` and, written last, its
manifest ``<scope>-<seq>.json`` (size, SHA-256, schema revision). A file
without a manifest is not published; builds write to a temporary name and
rename, so two processes building at once waste work, never a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import sqlite3
import tempfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import create_engine, func, select

from central.models import Change
from central.service.common import MAX_PULL, DeviceContext
from central.service.errors import NotFound
from central.service.pull import PullRoom
from db.migrate import head_revision, upgrade
from desktop.link.sync.apply import apply_page, file_sha256

logger = logging.getLogger(__name__)

#: how long a snapshot is handed out before a newer one is built; the counter
#: pulls what happened since from the log, so age costs only those pages
SNAPSHOT_MAX_AGE = dt.timedelta(hours=6)
_NAME = re.compile(r"^(?P<scope>[A-Za-z0-9_]{1,24})-(?P<seq>[0-9]{1,19})$")
_build_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    #: ``<scope>-<seq>``: the name a counter downloads it by
    id: str
    scope: str
    seq: int
    #: how many changes of the log it stands for (the counter counts them as pulled)
    changes: int
    size: int
    sha256: str
    #: the store schema revision the file is in; a counter of another one uses the log
    schema: str
    built_at: dt.datetime

    def manifest(self) -> dict[str, Any]:
        return {"id": self.id, "scope": self.scope, "seq": self.seq, "changes": self.changes,
                "size": self.size,
                "sha256": self.sha256, "schema": self.schema,
                "built_at": self.built_at.isoformat()}


def scope_of(unit_code: str, whole_city: bool) -> str:
    """The name of what a device holds: its unit, or its unit and the whole city."""
    return f"{unit_code}_city" if whole_city else unit_code


def _lock_for(scope: str) -> threading.Lock:
    with _locks_guard:
        return _build_locks.setdefault(scope, threading.Lock())


class SnapshotRoom(PullRoom):

    def snapshot_root(self) -> Path:
        """Where snapshot files are kept: ``QUAYTHU_SNAPSHOT_DIR`` when set (the one
        folder every worker and host of a central shares), else beside a SQLite
        central's file, else the system's temporary folder under a name of the URL."""
        if self.snapshot_dir is not None:
            return self.snapshot_dir
        if configured := os.environ.get("QUAYTHU_SNAPSHOT_DIR"):
            return Path(configured)
        url = self.sessions.kw["bind"].url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return Path(f"{url.database}.snapshots")
        tag = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"quaythu-snapshots-{tag}"

    def _published(self, scope: str) -> list[SnapshotInfo]:
        found = []
        for manifest in self.snapshot_root().glob(f"{scope}-*.json"):
            try:
                d = json.loads(manifest.read_text("utf-8"))
                found.append(SnapshotInfo(d["id"], d["scope"], int(d["seq"]),
                                          int(d["changes"]), int(d["size"]),
                                          d["sha256"], d["schema"],
                                          dt.datetime.fromisoformat(d["built_at"])))
            except (OSError, ValueError, KeyError):
                logger.warning("unreadable snapshot manifest %s", manifest.name)
        return sorted((i for i in found if i.scope == scope), key=lambda i: i.seq)

    def snapshot_for(self, ctx: DeviceContext) -> SnapshotInfo:
        """The newest snapshot of what the device holds, built now if none is fresh."""
        scope = scope_of(ctx.unit_code, ctx.whole_city)
        with _lock_for(scope):  # the unit's counters wait for one build, not one each
            published = self._published(scope)
            if published and self.clock() - published[-1].built_at < SNAPSHOT_MAX_AGE:
                return published[-1]
            return self.build_snapshot(ctx.unit_code, ctx.whole_city)

    def snapshot_file(self, ctx: DeviceContext, snapshot_id: str) -> tuple[Path, SnapshotInfo]:
        """The file of a published snapshot of the device's own scope."""
        m = _NAME.match(snapshot_id)
        scope = scope_of(ctx.unit_code, ctx.whole_city)
        if m is None or m["scope"] != scope:
            raise NotFound("snapshot-not-found", "No such snapshot")
        for info in self._published(scope):
            if info.id == snapshot_id:
                return self.snapshot_root() / f"{info.id}.db", info
        raise NotFound("snapshot-not-found", "No such snapshot")

    def build_snapshot(self, unit_code: str, whole_city: bool = False) -> SnapshotInfo:
        """Build and publish, at the log's current head, the snapshot of what a device of
        ``unit_code`` holds (with ``whole_city``, every unit's accounts and bills too)."""
        scope = scope_of(unit_code, whole_city)
        root = self.snapshot_root()
        root.mkdir(parents=True, exist_ok=True)
        with self.sessions() as s:
            seq = int(s.scalar(select(func.max(Change.seq))) or 0)
        tmp = root / f".build-{uuid.uuid4().hex}.db"
        try:
            changes = self._fill(tmp, DeviceContext(0, unit_code, whole_city=whole_city), seq)
            info = SnapshotInfo(f"{scope}-{seq}", scope, seq, changes, tmp.stat().st_size,
                                file_sha256(tmp),
                                head_revision(), self.clock())
            os.replace(tmp, root / f"{info.id}.db")
        finally:
            tmp.unlink(missing_ok=True)
        part = root / f".{info.id}.json.part"
        part.write_text(json.dumps(info.manifest()), "utf-8")
        os.replace(part, root / f"{info.id}.json")
        logger.info("snapshot %s built: %d changes, %d bytes", info.id, changes, info.size)
        self._prune(scope)
        return info

    def _fill(self, path: Path, ctx: DeviceContext, seq: int) -> int:
        engine = create_engine(f"sqlite:///{path}")
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        con = sqlite3.connect(path, isolation_level=None)
        applied = 0
        try:
            # a file nobody reads until it is whole: no journal, no syncs
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            con.execute("BEGIN")
            cursor = 0
            for _ in range(10_000_000 // MAX_PULL + 1):
                rows, cursor, more = self._changes_after(ctx, cursor, MAX_PULL,
                                                         open_bills_until=seq, upto=seq)
                apply_page(con, [{"seq": r.seq, "entity": r.entity, "op": r.op,
                                  "data": orjson.loads(r.data)} for r in rows])
                applied += len(rows)
                if not more:
                    break
            con.execute("UPDATE sync_state SET cursor = ?, snapshot_seq = ?, source = 'central' "
                        "WHERE id = 1", (seq, seq))
            con.execute("COMMIT")
            # the index merged into one segment: smaller to send, faster to search
            con.execute("INSERT INTO account_fts (account_fts) VALUES ('optimize')")
            con.execute("INSERT INTO account_fts_keys (account_fts_keys) VALUES ('optimize')")
            con.execute("VACUUM")
        finally:
            con.close()
        return applied

    def _prune(self, scope: str) -> None:
        """All but the two newest snapshots of the scope go (a download under way of
        the one before the newest can still finish; an older one starts over)."""
        for info in self._published(scope)[:-2]:
            (self.snapshot_root() / f"{info.id}.json").unlink(missing_ok=True)
            (self.snapshot_root() / f"{info.id}.db").unlink(missing_ok=True)
