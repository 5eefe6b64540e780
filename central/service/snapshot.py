"""First-sync snapshots: a unit's replica built once at central, downloaded by its counters.

A counter's first sync through the change log parses and applies every change
of its unit, row by row; the snapshot moves that work here, done once for all
of the unit's counters. The file is the counter's own store schema (the
``db`` migrations) filled by the counter's own ``apply_page`` from the unit's
change log up to a sequence value S, exactly as a change-log first sync begun
at S would fill it (settled bills left out, see ``PullRoom._changes_after``),
and with S as its cursor. A counter copies its tables in one transaction and
pulls on from S, so a change made while the snapshot was built still arrives.

Files live in ``snapshot_dir``, central's own folder (made 0700; refused when
another user owns it or others may write to it), as ``<scope>-<seq>.db`` (0600:
they hold customers' names, addresses and phone numbers). Which snapshot is
published and its size, SHA-256 and schema revision are rows of central's
database (``snapshots``), written after the file: nothing in the folder is
believed, and a file whose hash is not its row's is rebuilt, never served.
Builds write to a temporary name and rename, so two processes building at
once waste work, never a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import sqlite3
import stat
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import create_engine, delete, func, select

from central.models import Change, Snapshot
from central.service.common import MAX_PULL, DeviceContext
from central.service.errors import NotFound, Unavailable
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
        """Where snapshot files are kept, checked to be central's own: ``QUAYTHU_SNAPSHOT_DIR``
        when set (the one folder every worker and host of a central shares), else beside
        a SQLite central's file, else a folder of this user's own cache (never a name
        anyone can compute under ``/tmp``)."""
        if self.snapshot_dir is not None:
            root = self.snapshot_dir
        elif configured := os.environ.get("QUAYTHU_SNAPSHOT_DIR"):
            root = Path(configured)
        else:
            url = self.sessions.kw["bind"].url
            if url.get_backend_name() == "sqlite" and url.database not in (None, "",
                                                                           ":memory:"):
                root = Path(f"{url.database}.snapshots")
            else:
                tag = hashlib.sha256(
                    url.render_as_string(hide_password=True).encode()).hexdigest()[:12]
                cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
                root = Path(cache) / "quaythu-central" / f"snapshots-{tag}"
        return private_folder(root)

    def _published(self, scope: str) -> list[SnapshotInfo]:
        with self.sessions() as s:
            rows = s.scalars(select(Snapshot).where(Snapshot.scope == scope)
                             .order_by(Snapshot.seq)).all()
        return [SnapshotInfo(r.id, r.scope, r.seq, r.changes, r.size, r.sha256, r.schema_rev,
                             r.built_at) for r in rows]

    def _intact(self, info: SnapshotInfo) -> bool:
        """Whether the file is the one built: its size and SHA-256 are the database's.
        A file changed in the folder (damaged disk, a local user) is never served."""
        path = self.snapshot_root() / f"{info.id}.db"
        try:
            st = path.lstat()
        except OSError:
            return False
        return (stat.S_ISREG(st.st_mode) and st.st_size == info.size
                and file_sha256(path) == info.sha256)

    def snapshot_for(self, ctx: DeviceContext) -> SnapshotInfo:
        """The newest snapshot of what the device holds, built now if none is fresh or
        its file fails its hash."""
        scope = scope_of(ctx.unit_code, ctx.whole_city)
        try:
            self.snapshot_root()
        except SnapshotFolderRefused:
            # logged as an error for the operator; the counter takes the change log
            raise NotFound("snapshot-not-found", "No snapshot (snapshot folder refused)") \
                from None
        with _lock_for(scope):  # the unit's counters wait for one build, not one each
            published = self._published(scope)
            if published and self.clock() - published[-1].built_at < SNAPSHOT_MAX_AGE:
                if self._intact(published[-1]):
                    return published[-1]
                logger.error("snapshot %s fails its hash: rebuilt", published[-1].id)
                self._forget(published[-1].id)
            return self.build_snapshot(ctx.unit_code, ctx.whole_city)

    def snapshot_file(self, ctx: DeviceContext, snapshot_id: str) -> tuple[Path, SnapshotInfo]:
        """The file of a published snapshot of the device's own scope, checked first."""
        m = _NAME.match(snapshot_id)
        scope = scope_of(ctx.unit_code, ctx.whole_city)
        if m is None or m["scope"] != scope:
            raise NotFound("snapshot-not-found", "No such snapshot")
        for info in self._published(scope):
            if info.id == snapshot_id:
                if not self._intact(info):
                    # forgotten: the next ``/v1/sync/snapshot`` builds a good one
                    logger.error("snapshot %s fails its hash: not served", info.id)
                    self._forget(info.id)
                    raise NotFound("snapshot-not-found", "No such snapshot")
                return self.snapshot_root() / f"{info.id}.db", info
        raise NotFound("snapshot-not-found", "No such snapshot")

    def _forget(self, snapshot_id: str) -> None:
        with self._tx() as s:
            s.execute(delete(Snapshot).where(Snapshot.id == snapshot_id))
        (self.snapshot_root() / f"{snapshot_id}.db").unlink(missing_ok=True)

    def build_snapshot(self, unit_code: str, whole_city: bool = False) -> SnapshotInfo:
        """Build and publish, at the log's current head, the snapshot of what a device of
        ``unit_code`` holds (with ``whole_city``, every unit's accounts and bills too)."""
        scope = scope_of(unit_code, whole_city)
        root = self.snapshot_root()
        with self.sessions() as s:
            seq = int(s.scalar(select(func.max(Change.seq))) or 0)
        tmp = root / f".build-{uuid.uuid4().hex}.db"
        # created private (O_EXCL: nothing planted under the name is opened)
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            changes = self._fill(tmp, DeviceContext(0, unit_code, whole_city=whole_city), seq)
            info = SnapshotInfo(f"{scope}-{seq}", scope, seq, changes, tmp.stat().st_size,
                                file_sha256(tmp),
                                head_revision(), self.clock())
            os.chmod(tmp, 0o600)
            os.replace(tmp, root / f"{info.id}.db")
        finally:
            tmp.unlink(missing_ok=True)
        with self._tx() as s:  # published once its file is whole
            s.merge(Snapshot(id=info.id, scope=scope, seq=seq, changes=changes,
                             size=info.size, sha256=info.sha256, schema_rev=info.schema,
                             built_at=info.built_at))
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
            self._forget(info.id)


class SnapshotFolderRefused(Unavailable):
    """The snapshot folder is not central's own: nothing is read from it or written."""


def private_folder(root: Path) -> Path:
    """``root``, made 0700 when missing, refused when it is not this user's own private
    folder: another user's folder, a link, or one others may write to (they could plant
    or swap a file there)."""
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = root.lstat()
    except OSError as exc:
        raise SnapshotFolderRefused("snapshot-folder-refused",
                                    f"Snapshot folder unusable: {exc.strerror}") from exc
    why = None
    if not stat.S_ISDIR(st.st_mode):
        why = "not a folder (a link?)"
    elif st.st_uid != os.getuid():
        why = f"owned by user {st.st_uid}, not central's ({os.getuid()})"
    elif st.st_mode & 0o022:
        why = f"others may write to it (mode {stat.S_IMODE(st.st_mode):o})"
    if why is not None:
        logger.error("snapshot folder %s refused: %s", root, why)
        raise SnapshotFolderRefused("snapshot-folder-refused",
                                    f"Snapshot folder {root} refused: {why}")
    return root
