"""Push then pull, exactly once: the only thing that sends (the loop is ``desktop.link``).

Push: pending outbox rows go in order, a batch at a time; an answer per key
is stored (applied and duplicate delete the row; rejected marks it and opens
a sync issue) in one local transaction after the response. If the answer is
lost, the rows stay and go again: central answers "duplicate".
Pull: each page and its cursor are applied in one local transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from db.migrate import head_revision
from db.models import DeviceState, OutboxOp, SyncIssue, SyncState
from desktop.contract import OutboxState, PushStatus
from desktop.contract_schemas import OP_KINDS
from desktop.errors import QuayThuError
from desktop.events import EventBus, SyncFinished, SyncProgressed
from desktop.link.sync.apply import BadChange, apply_page, file_sha256
from desktop.link.sync.client import CentralClient, CentralProtocolError
from desktop.link.sync.snapshot import SnapshotUnusable, StoreNotEmpty, install
from desktop.rowseal import UNSEALED, RowNotSealed, RowSeal

logger = logging.getLogger(__name__)

PUSH_BATCH = 200
PULL_PAGE = 5000
MIN_PULL_PAGE = 25


@dataclass(frozen=True, slots=True)
class _Pending:
    seq: int
    key: str
    kind: str
    data: Any


def _printable(raw: object) -> str:
    """A damaged key as text for the issues list (bytes that are not UTF-8 replaced)."""
    return bytes(raw).decode("utf-8", "replace") if isinstance(raw, bytes | memoryview) else ""


@dataclass(frozen=True, slots=True)
class SyncReport:
    pushed: int
    applied: int
    duplicates: int
    rejected: int
    pulled: int
    cursor: int


#: downloads of central's snapshot that fail their hash before the first sync takes the
#: change log instead (kept beside the store: a restart does not start over)
SNAPSHOT_TRIES = 2
HASH_FAILURES = "hash-failures"
LOG_ONLY = "log-only"
SNAPSHOT_GIVEN_UP = ("Bản chụp dữ liệu của trung tâm hai lần tải về đều hỏng: lần đồng bộ "
                     "đầu lấy dữ liệu theo nhật ký thay đổi (chậm hơn). Báo quản trị kiểm "
                     "tra máy chủ trung tâm.")


def snapshot_notice_at(store: Path) -> str | None:
    """What a store whose first sync gave up on central's snapshot says (None: it did not)."""
    marker = store.with_name("snapshots") / LOG_ONLY
    try:
        return marker.read_text("utf-8").strip() or SNAPSHOT_GIVEN_UP
    except (FileNotFoundError, UnicodeDecodeError):
        return None


class SyncEngine:
    def __init__(self, sessions: sessionmaker[Session], client: CentralClient,
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
                 writes: sessionmaker[Session] | None = None,
                 events: EventBus | None = None,
                 answered: Callable[[list[str]], None] | None = None,
                 store: Path | None = None,
                 open_sealed: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None,
                 before_push: Callable[[CentralClient, list[dict[str, Any]]], None] | None = None,
                 pushed: Callable[[list[dict[str, Any]]], None] | None = None,
                 seal: RowSeal | None = None,
                 before_sync: Callable[[CentralClient], None] | None = None
                 ) -> None:
        self._sessions = sessions
        #: run under the sync's lock before anything is pushed: the journal's fork check
        #: (desktop.link.Link._rechain_if_forked), so that no line is refused first
        self._before_sync = before_sync or (lambda _client: None)
        #: checks each outbox row's seal before it is sent (desktop.rowseal): a row this
        #: counter did not write as it is never leaves (None: not checked, tests' engines)
        self._seal = seal
        #: sends what the operations need at central first (a request's documents)
        self._before_push = before_push or (lambda _client, _ops: None)
        #: told the operations central took (applied or duplicate), once stored
        self._pushed = pushed or (lambda _ops: None)
        #: puts back the personal values sealed in an outbox row (desktop.personal), just
        #: before it is sent; a ValueError when they cannot be opened
        self._open_sealed = open_sealed or (lambda _key, data: data)
        #: the store's file: a first sync takes central's snapshot into it (None: the log only)
        self._store = store
        # every write of the sync takes the lock at BEGIN (IMMEDIATE): a read
        # snapshot upgraded to a write later fails at once when a cashier committed
        self._writes = writes or sessions
        self._events = events or EventBus()
        #: told the keys central answered, once the answers are stored (the operation log)
        self._answered = answered or (lambda _keys: None)
        self.client = client
        self._clock = clock
        self.online: bool | None = None
        # a link that cuts long answers still lets small pages through: the
        # page halves after a failed pull and grows back after good ones
        self.pull_page = PULL_PAGE
        # one sync at a time, whoever asks (the loop, "Đồng bộ ngay", the CLI)
        self._lock = threading.Lock()
        #: central offered no snapshot this store can take: the log only, from now on
        self._no_snapshot = False
        #: what to tell a supervisor when the first sync gave up on central's snapshot
        self.snapshot_notice: str | None = None
        if store is not None and (said := snapshot_notice_at(store)) is not None:
            self._no_snapshot = True
            self.snapshot_notice = said

    # -- push ---------------------------------------------------------------

    def push_once(self) -> tuple[int, int, int, int]:
        """Send pending operations until none is left; (sent, applied, dup, rejected)."""
        sent = applied = dup = rejected = 0
        for _ in range(100_000):
            rows = self._next_batch()
            if not rows:
                break
            ops = [{"key": r.key, "kind": r.kind, "data": r.data} for r in rows]
            kinds = {r.key: r.kind for r in rows}
            with self._writes() as s, s.begin():
                s.execute(update(OutboxOp).where(OutboxOp.key.in_([r.key for r in rows]))
                          .values(attempts=OutboxOp.attempts + 1))
            self._before_push(self.client, ops)
            results = self.client.push(ops)
            now = self._clock()
            taken: set[str] = set()
            with self._writes() as s, s.begin():
                for result in results:
                    key, status = result["key"], result["status"]
                    if PushStatus.REJECTED in (status, result.get("original_status")):
                        s.execute(update(OutboxOp).where(OutboxOp.key == key)
                                  .values(state=OutboxState.REJECTED))
                        s.add(SyncIssue(op_key=key, kind="rejected",
                                        reason=str(result.get("reason", ""))[:40],
                                        message=str(result.get("message", "")), created_at=now))
                        rejected += 1
                        continue
                    for alert in result.get("alerts") or []:
                        s.add(SyncIssue(op_key=key, kind="credit", reason="credit",
                                        message=str(alert), created_at=now))
                    if result.get("receipt_clash"):
                        # applied (the cash was taken), and a supervisor must see it
                        s.add(SyncIssue(op_key=key, kind="clash", reason="receipt-clash",
                                        message=str(result["receipt_clash"]), created_at=now))
                    s.execute(delete(OutboxOp).where(OutboxOp.key == key))
                    taken.add(key)
                    if kinds.get(key) == "audit":
                        continue  # journal lines are not counted as business operations
                    if status == PushStatus.APPLIED:
                        applied += 1
                    else:
                        dup += 1
            sent += len(rows)
            self._answered([str(r["key"]) for r in results])
            self._pushed([op for op in ops if op["key"] in taken])
            self._events.publish(SyncProgressed("push", len(rows), 0))
        return sent, applied, dup, rejected

    def _next_batch(self) -> list[_Pending]:
        """The next pending operations in order, with unreadable rows set aside first.

        Rows are read as bytes and decoded here, one by one: a row whose bytes
        are not UTF-8 or not an operation (a torn page, a flipped bit) is
        quarantined with its reason and listed for a supervisor, and never
        blocks the ones behind it. A batch never ends between an operation and
        the journal line written with it (they go to central together, which
        checks one against the other).
        """
        for _ in range(1000):
            with self._sessions() as s:
                raw = s.execute(text(
                    "SELECT seq, CAST(key AS BLOB), CAST(kind AS BLOB), CAST(data AS BLOB), "
                    "CAST(mac AS BLOB) FROM outbox WHERE state = 'pending' ORDER BY seq "
                    "LIMIT :n"), {"n": PUSH_BATCH + 1}).all()
            good: list[_Pending] = []
            poison: list[tuple[int, str, str]] = []
            unsealed: list[tuple[int, RowNotSealed]] = []
            for seq, key, kind, data, mac in raw:
                try:
                    body = bytes(data).decode("utf-8")
                    op = _Pending(int(seq), bytes(key).decode("utf-8"),
                                  bytes(kind).decode("utf-8"), json.loads(body))
                    if op.kind not in OP_KINDS or not isinstance(op.data, dict):
                        raise ValueError(f"not an operation of a known kind: {op.kind[:24]!r}")
                    if self._seal is not None:
                        # written straight into the store (a payment for someone else's
                        # bill, an edited amount): never sent, said to a supervisor
                        self._seal.check_outbox(op.key, op.kind, body, None if mac is None
                                                else bytes(mac).decode("ascii", "replace"))
                    # a full CCCD / account number exists in clear only in this memory,
                    # never in a file
                    op = _Pending(op.seq, op.key, op.kind, self._open_sealed(op.key, op.data))
                except RowNotSealed as exc:
                    unsealed.append((int(seq), exc))
                    continue
                except (UnicodeDecodeError, ValueError, TypeError) as exc:
                    poison.append((int(seq), _printable(key), type(exc).__name__))
                    continue
                good.append(op)
            if poison or unsealed:
                if poison:
                    self._quarantine(poison)
                if unsealed:
                    self._set_aside(unsealed)
                continue  # read again: the batch behind the bad rows
            if len(good) > PUSH_BATCH and good[PUSH_BATCH].kind != "audit":
                good = good[:PUSH_BATCH]
            return good
        return []

    def _quarantine(self, rows: list[tuple[int, str, str]]) -> None:
        now = self._clock()
        with self._writes() as s, s.begin():
            for seq, key, why in rows:
                s.execute(text("UPDATE outbox SET state = 'quarantine' WHERE seq = :seq"),
                          {"seq": seq})
                s.add(SyncIssue(op_key=key[:36] or f"seq {seq}", kind="quarantined",
                                reason="unreadable",
                                message=f"Thao tác số {seq} trong hàng đợi gửi bị hỏng, không "
                                        f"đọc được ({why}); đã để riêng, các thao tác khác vẫn "
                                        "gửi. Báo bộ phận hỗ trợ để khôi phục.",
                                created_at=now))
        logger.error("quarantined %d unreadable outbox rows", len(rows))

    def _set_aside(self, rows: list[tuple[int, RowNotSealed]]) -> None:
        now = self._clock()
        with self._writes() as s, s.begin():
            for seq, exc in rows:
                s.execute(text("UPDATE outbox SET state = 'quarantine' WHERE seq = :seq"),
                          {"seq": seq})
                s.add(SyncIssue(op_key=exc.key[:36], kind=UNSEALED, reason=UNSEALED,
                                message=exc.user_message, created_at=now))
        logger.critical("set aside %d outbox rows this counter did not write (seal fails)",
                        len(rows))

    # -- pull ---------------------------------------------------------------

    def pull_once(self, max_pages: int = 1_000_000, snapshot: bool = True) -> tuple[int, int]:
        """Apply pages until central has no more; (changes applied, cursor).

        The next page is fetched while this one is applied (one thread for
        the network, this one for the store): a first sync of a big unit
        costs about the larger of the two, not their sum. A page fetched but
        not applied is simply fetched again: only an applied page moves the
        cursor.
        """
        pulled = 0
        cursor = self.cursor()
        if snapshot and self._store is not None and self._snapshot_wanted(cursor):
            cursor, pulled = self._first_sync_from_snapshot(cursor)
        open_until = self._snapshot(cursor)
        with ThreadPoolExecutor(1, thread_name_prefix="pull") as network:
            pending: Future[dict[str, Any]] | None = network.submit(
                self.client.pull, cursor, self.pull_page, open_until)
            for page in range(max_pages):
                if pending is None:
                    break
                try:
                    body = pending.result()
                except QuayThuError:
                    self.pull_page = max(MIN_PULL_PAGE, self.pull_page // 2)
                    raise
                self.pull_page = min(PULL_PAGE, self.pull_page * 2)
                pending = (network.submit(self.client.pull, body["cursor"], self.pull_page,
                                          open_until)
                           if body["more"] and page + 1 < max_pages else None)
                changes = body["changes"]
                try:
                    with self._writes() as s, s.begin():
                        apply_page(s.connection(), changes)
                        s.execute(update(SyncState).where(SyncState.id == 1).values(
                            cursor=body["cursor"], data_as_of=self._clock(), source="central"))
                except BadChange as exc:
                    raise CentralProtocolError("Dữ liệu từ máy chủ trung tâm không hợp lệ.",
                                               detail=str(exc)) from exc
                pulled += len(changes)
                cursor = body["cursor"]
                self._events.publish(SyncProgressed("pull", len(changes), cursor))
        return pulled, cursor

    def _snapshot_wanted(self, cursor: int) -> bool:
        """Whether this pull should first try central's snapshot: on a first sync not
        finished yet (nothing pulled, or only the sign-in screen's first pages from the
        log) with nothing of this counter's own to keep (no operation taken here)."""
        if self._no_snapshot:
            return False
        if cursor == 0:
            return True
        with self._sessions() as s:
            begun = s.scalar(select(SyncState.snapshot_seq).where(SyncState.id == 1))
            if begun is None or cursor >= begun:
                return False  # the first sync is over: only the log from here
            return not s.execute(text("SELECT EXISTS (SELECT 1 FROM outbox) OR "
                                      "EXISTS (SELECT 1 FROM payments)")).scalar()

    def _first_sync_from_snapshot(self, cursor: int) -> tuple[int, int]:
        """A first sync from central's snapshot of the unit; the cursor after it and
        how many changes the snapshot stood for.

        The file is downloaded beside the store as ``<id>.part`` and resumed
        from there after a cut link or a restart (the exception goes up as any
        sync failure does; the next sync goes on). Only a whole file whose hash
        is the manifest's is copied in; it replaces the first pages the sign-in
        screen took from the log (``cursor`` > 0), which are central's rows too.
        Where central offers none or the file does not fit this version, the
        change log does it all.
        """
        assert self._store is not None
        folder = self._store.with_name("snapshots")
        manifest = self.client.snapshot()
        if manifest is None or manifest["schema"] != head_revision():
            logger.info("first sync from the change log (snapshot: %s)",
                        "none" if manifest is None else f"schema {manifest['schema']}")
            self._no_snapshot = True  # not asked again by this process
            return cursor, 0
        folder.mkdir(exist_ok=True)
        part = folder / f"{manifest['id']}.part"
        for old in folder.glob("*.part"):
            if old != part:
                old.unlink()  # a newer snapshot replaced it at central
        got = [part.stat().st_size if part.exists() else 0]

        def progress(n: int) -> None:
            got[0] += n
            self._events.publish(SyncProgressed("snapshot", n, got[0]))

        self.client.download(manifest["id"], part, manifest["size"], progress)
        if part.stat().st_size != manifest["size"] or file_sha256(part) != manifest["sha256"]:
            part.unlink()
            failures = folder / HASH_FAILURES
            failed = 1 + (int(failures.read_text()) if failures.exists()
                          and failures.read_text().strip().isdigit() else 0)
            if failed >= SNAPSHOT_TRIES:
                # a snapshot that keeps arriving damaged is not fetched again and again
                # (2.4 GB a try for a whole city): the change log does the first sync
                (folder / LOG_ONLY).write_text(SNAPSHOT_GIVEN_UP, "utf-8")
                failures.unlink(missing_ok=True)
                self._no_snapshot = True
                self.snapshot_notice = SNAPSHOT_GIVEN_UP
                logger.warning("snapshot %s failed its hash %d times: first sync from the "
                               "change log", manifest["id"], failed)
                return cursor, 0
            failures.write_text(str(failed))
            raise CentralProtocolError("Bản chụp dữ liệu tải về bị hỏng; sẽ tải lại.",
                                       detail=f"snapshot {manifest['id']} hash")
        try:
            cursor = install(self._store, part, replace=cursor > 0)
        except (SnapshotUnusable, StoreNotEmpty) as exc:
            logger.warning("snapshot %s not taken: %s", manifest["id"], exc.detail)
            part.unlink()
            self._no_snapshot = True
            return self.cursor(), 0
        part.unlink()
        (folder / HASH_FAILURES).unlink(missing_ok=True)
        with self._writes() as s, s.begin():
            s.execute(update(SyncState).where(SyncState.id == 1).values(
                data_as_of=self._clock()))
        logger.info("first sync from snapshot %s: cursor %d", manifest["id"], cursor)
        changes = int(manifest.get("changes", 0))
        self._events.publish(SyncProgressed("pull", changes, cursor))
        return cursor, changes

    def _snapshot(self, cursor: int) -> int | None:
        """``open_bills_until`` for this pull: a first sync asks central where its log
        stands and keeps that in the store, so a first sync finished in several
        runs (the sign-in screen takes the first pages, a restart the rest) leaves
        settled bills at central throughout; past that point, nothing."""
        with self._sessions() as s:
            until = s.scalar(select(SyncState.snapshot_seq).where(SyncState.id == 1))
        if cursor == 0 and until is None:
            until = self.client.head()
            if until is not None:
                with self._writes() as s, s.begin():
                    s.execute(update(SyncState).where(SyncState.id == 1)
                              .values(snapshot_seq=until))
        return until if until is not None and cursor < until else None

    def cursor(self) -> int:
        with self._sessions() as s:
            return int(s.scalar(select(SyncState.cursor).where(SyncState.id == 1)) or 0)

    # -- both, and status ----------------------------------------------------

    def sync_once(self) -> SyncReport:
        with self._lock:
            try:
                self._before_sync(self.client)
                sent, applied, dup, rejected = self.push_once()
                pulled, cursor = self.pull_once()
            except QuayThuError as exc:
                self.online = False
                self.record(error=exc.user_message)
                self._events.publish(SyncFinished(0, 0, 0, exc.user_message))
                raise
            self.online = True
            self.record(error=None)
            report = SyncReport(sent, applied, dup, rejected, pulled, cursor)
        self._events.publish(SyncFinished(sent, pulled, rejected, None))
        return report

    def record(self, error: str | None) -> None:
        """Keep the outcome of the last sync in the store (``status`` reads it)."""
        values: dict[str, Any] = {"last_error": error}
        if error is None:
            values["last_sync_at"] = self._clock()
        with self._writes() as s, s.begin():
            s.execute(update(DeviceState).where(DeviceState.id == 1).values(**values))
