"""A keyed seal on every journal line and outbox row the counter writes (issue 28).

Anyone who can write the data folder can write ``quaythu.db``: a journal line with its
chain hash recomputed and an outbox row paying another customer's bill look, to the
store and to the hash chain, like the counter's own. So each ``audit_journal`` and
``outbox`` row carries ``mac``: HMAC-SHA256 under a key derived (with its own label)
from the operation log's secret, which is kept outside the data folder
(:mod:`desktop.vault`). The seal is written by a ``before_flush`` hook on the write
sessions, in the same transaction as the row; rows put back from the signed ``ops.log``
are sealed the same way (the log proves them).

Refused, and said as a sync issue a supervisor must see (reason ``unsealed``):

* an outbox row whose seal is missing or wrong is never signed into ``ops.log`` by
  ``recover`` and never pushed; where the signed log holds the genuine operation under
  the same key (an edited amount), the log's copy replaces it, else the row is set aside
  (``quarantine``);
* journal lines at the end of the chain whose seal is missing or wrong are moved out of
  the journal into ``refused_rows`` (kept as evidence), so that the counter's next line
  goes on after its own last line, as central's chain does.

Rows from before the seal existed (migration 0026) are sealed once, at the first start
after the upgrade, only where they are proven genuine: see :func:`seal_legacy`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, event, func, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import AuditEntry, DeviceState, OutboxOp, RefusedRow, StoreMark, SyncIssue
from desktop.contract import OutboxState, audit_data, canonical, chain_hash
from desktop.errors import QuayThuError

logger = logging.getLogger(__name__)

#: ``StoreMark`` name: the rows from before the seal were looked at once
ROWS_SEALED = "rows_sealed"
#: ``Session.info`` key of the write sessions: the :class:`RowSeal` (desktop.staff.audit)
ROW_SEAL = "row_seal"
#: the sync issue's reason for a refused row
UNSEALED = "unsealed"
_LABEL = b"quaythu/store-rows/v1"

#: the most unsealed lines at the journal's end that are taken for a planted tail: more,
#: with none sealed under this key below them, is a journal of another key
TAIL_MOST = 1000

_TRIGGER = ("CREATE TRIGGER audit_journal_no_delete BEFORE DELETE ON audit_journal "
            "BEGIN SELECT RAISE(ABORT, 'audit journal is append-only'); END")


class RowNotSealed(QuayThuError):
    """A journal line or outbox row in the store that the counter did not write as it is:
    its seal (a MAC under the key kept outside the data folder) is missing or wrong.
    ``key``: the row's operation key."""

    def __init__(self, user_message: str, *, key: str, detail: str = "") -> None:
        self.key = key
        super().__init__(user_message, detail=detail)


class RowSeal:
    """Seals and checks rows under the key derived from the log's secret."""

    def __init__(self, secret: bytes) -> None:
        self._key = hmac.new(secret, _LABEL, hashlib.sha256).digest()

    def _mac(self, parts: list[Any]) -> str:
        body = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
        return hmac.new(self._key, body.encode("utf-8"), hashlib.sha256).hexdigest()

    def outbox_mac(self, key: str, kind: str, data: str) -> str:
        """Over the operation key, its kind and its body (receipt number, bills, amounts)."""
        return self._mac(["outbox", key, kind, data])

    def journal_mac(self, seq: int, key: str, entry: str, prev_hash: str, digest: str) -> str:
        """Over the line's number, key, content and both chain hashes."""
        return self._mac(["journal", seq, key, entry, prev_hash, digest])

    def rechained_body(self, key: str, body: dict[str, Any]) -> str:
        """A ``refused_rows`` row's body for a line re-chained onto central's head, sealed
        (key and content): ``recover`` skips the line's logged copy only on this seal."""
        return canonical({**body, "seal": self._mac(["rechained", key, canonical(body)])})

    def rechained_ok(self, key: str, body: str) -> bool:
        try:
            found = json.loads(body)
            mac = found.pop("seal")
        except (ValueError, KeyError, TypeError, AttributeError):
            return False
        return isinstance(mac, str) and hmac.compare_digest(
            mac, self._mac(["rechained", key, canonical(found)]))

    def outbox_ok(self, key: str, kind: str, data: str, mac: str | None) -> bool:
        return isinstance(mac, str) and hmac.compare_digest(mac, self.outbox_mac(key, kind, data))

    def journal_ok(self, seq: int, key: str, entry: str, prev_hash: str, digest: str,
                   mac: str | None) -> bool:
        return isinstance(mac, str) and hmac.compare_digest(
            mac, self.journal_mac(seq, key, entry, prev_hash, digest))

    def check_outbox(self, key: str, kind: str, data: str, mac: str | None) -> None:
        """:class:`RowNotSealed` when the row was not written by this counter as it is."""
        if not self.outbox_ok(key, kind, data, mac):
            raise RowNotSealed(
                f"Thao tác {key} trong hàng đợi gửi không do quầy này ghi hoặc đã bị sửa trong "
                "kho dữ liệu (thiếu hoặc sai mã xác thực): đã để riêng, không gửi trung tâm. "
                "Báo trưởng quầy.", key=key, detail="missing" if mac is None else "wrong")

    # -- writing -----------------------------------------------------------------------

    def attach(self, writes: sessionmaker[Session]) -> None:
        """Seal every journal line and outbox row the ``writes`` sessions add, in the
        same flush (and so the same transaction) as the row."""
        event.listen(writes, "before_flush", self._seal_new)
        writes.configure(info={**writes.kw.get("info", {}), ROW_SEAL: self})

    def _seal_new(self, session: Session, _ctx: object, _instances: object) -> None:
        for row in session.new:
            if isinstance(row, OutboxOp):
                row.mac = self.outbox_mac(row.key, row.kind, row.data)
            elif isinstance(row, AuditEntry):
                row.mac = self.journal_mac(row.seq, row.key, row.entry, row.prev_hash, row.hash)


def _issue(s: Session, key: str, message: str, now: dt.datetime) -> None:
    s.add(SyncIssue(op_key=key[:36], kind=UNSEALED, reason=UNSEALED, message=message,
                    created_at=now))


def _say_not_ours(s: Session, row: AuditEntry, now: dt.datetime) -> None:
    """The sync issue of a journal line this counter did not seal, moved out."""
    _issue(s, row.key, RowNotSealed(
        f"Dòng nhật ký số {row.seq} trong kho dữ liệu không do quầy này ghi (thiếu hoặc "
        "sai mã xác thực): đã tách ra khỏi nhật ký, không gửi trung tâm. Báo trưởng quầy.",
        key=row.key).user_message, now)


def _move_out(s: Session, rows: list[AuditEntry]) -> list[int]:
    """Delete ``rows`` from the journal (kept in ``refused_rows`` by the caller); their
    line numbers. The journal refuses DELETE (a trigger against slips); this move is the
    core's own, in the caller's transaction: the trigger is back before anyone else can
    write."""
    s.flush()
    seqs = [row.seq for row in rows]
    for row in rows:
        s.expunge(row)
    s.execute(text("DROP TRIGGER IF EXISTS audit_journal_no_delete"))
    s.execute(delete(AuditEntry).where(AuditEntry.seq.in_(seqs)))
    s.execute(text(_TRIGGER))
    return seqs


def set_aside_journal_tail(s: Session, seal: RowSeal, now: dt.datetime,
                           floor: int = 0) -> int:
    """Move the lines at the end of the journal whose seal fails out of it (into
    ``refused_rows``), each said as a sync issue. (Their outbox rows are judged by their
    own seal: a genuine line edited in the journal still goes to central from the outbox,
    and the next line goes on after it by the mark.) Lines at or below ``floor`` (the
    last line this counter wrote, by the mark kept outside the data folder) stay: the
    chain goes on after the mark's line anyway, and a history rewritten there is what
    the local check and central's chain catch. The number moved (0 on a healthy store:
    one MAC checked)."""
    moved: list[AuditEntry] = []
    anchored = False
    for row in s.scalars(select(AuditEntry).where(AuditEntry.seq > floor)
                         .order_by(AuditEntry.seq.desc()).limit(TAIL_MOST + 1)
                         .execution_options(yield_per=50)):
        if seal.journal_ok(row.seq, row.key, row.entry, row.prev_hash, row.hash, row.mac):
            anchored = True
            break
        moved.append(row)
    if not moved:
        return 0
    if not anchored and (floor == 0 or len(moved) > TAIL_MOST):
        # no line of this journal holds under this key (a data folder moved to another
        # path or PC: its key slot is new; a store whose old lines nothing proved): the
        # journal is not someone's planted tail — nothing is moved, the start says the
        # key is missing, and the rows to send are judged one by one
        logger.critical("no journal line of %d checked holds its seal under this key: "
                        "none moved", len(moved))
        return 0
    for row in moved:
        s.add(RefusedRow(source="audit_journal", key=row.key, created_at=now,
                         body=canonical({"seq": row.seq, "key": row.key, "entry": row.entry,
                                         "prev_hash": row.prev_hash, "hash": row.hash,
                                         "mac": row.mac})))
        _say_not_ours(s, row, now)
    seqs = _move_out(s, moved)
    logger.critical("journal lines %s not sealed by this counter: moved out of the journal",
                    seqs)
    return len(moved)


def set_aside_outbox(s: Session, seal: RowSeal, now: dt.datetime,
                     logged: dict[str, dict[str, Any]] | None = None) -> tuple[int, int]:
    """Check the seal of every outbox row still to send. A row that fails is put back from
    the signed log where the log holds its genuine operation (``logged``: key → op,
    unanswered), else set aside; each said as a sync issue. (refused, put back)."""
    refused = restored = 0
    # rows set aside by the sync for their seal go back too where the log has them
    aside = set(s.scalars(select(SyncIssue.op_key).where(SyncIssue.reason == UNSEALED,
                                                          SyncIssue.acknowledged_at.is_(None))))
    rows = s.execute(select(OutboxOp.seq, OutboxOp.key, OutboxOp.kind, OutboxOp.data,
                            OutboxOp.mac, OutboxOp.state).where(
        (OutboxOp.state == OutboxState.PENDING) | ((OutboxOp.state == OutboxState.QUARANTINE)
                                                   & OutboxOp.key.in_(aside)))).all()
    for seq, key, kind, data, mac, state in rows:
        try:
            seal.check_outbox(key, kind, data, mac)
        except RowNotSealed as exc:
            genuine = (logged or {}).get(key)
            if state != OutboxState.PENDING and (genuine is None or genuine["kind"] != kind):
                continue  # set aside and said already
            if genuine is not None and genuine["kind"] == kind:
                body = genuine["data"] if isinstance(genuine["data"], str) \
                    else json.dumps(genuine["data"], ensure_ascii=False)
                s.execute(text("UPDATE outbox SET data = :d, mac = :m, state = 'pending' "
                               "WHERE seq = :q"),
                          {"d": body, "m": seal.outbox_mac(key, kind, body), "q": seq})
                _issue(s, key, f"Thao tác {key} trong hàng đợi gửi đã bị sửa trong kho dữ liệu "
                               "(sai mã xác thực): bản sửa bị từ chối, gửi bản gốc từ sổ thao "
                               "tác (ops.log). Báo trưởng quầy.", now)
                restored += 1
            else:
                s.execute(text("UPDATE outbox SET state = 'quarantine' WHERE seq = :q"),
                          {"q": seq})
                _issue(s, key, exc.user_message, now)
                refused += 1
    if refused or restored:
        logger.critical("outbox rows not sealed by this counter: %d set aside, %d put back "
                        "from the log", refused, restored)
    return refused, restored


def seal_legacy(s: Session, seal: RowSeal, logged: list[dict[str, Any]],
                journal_head: tuple[int, str] | None,
                first_time: bool) -> tuple[int, int]:
    """Seal, once, the rows written before the seal existed, and only those proven genuine:

    * an outbox row: the signed ``ops.log`` holds the same operation (key, kind, body).
      Nothing else proves it — an unproven row is left unsealed and refused like a
      planted one (said, never sent, kept in the store for support).
    * a journal line: the signed log holds the same line; or central has answered its
      outbox row already (the row is gone) and the line is at or below the last line
      this counter wrote, by the mark kept outside the data folder (the hash chain
      ties every line below that one to it). Only where that mark names no line (a
      counter from before the mark) and this is the first look of this key slot
      (``first_time``, kept outside the data folder too) are the answered lines taken
      as they are: the same once-only trust the unkeyed log had (desktop.oplog).

    (outbox rows sealed, journal lines sealed)."""
    ops = {str(op["key"]): op for op in logged}
    boxes = 0
    box_seals: list[dict[str, Any]] = []
    for seq, key, kind, data in s.execute(
            select(OutboxOp.seq, OutboxOp.key, OutboxOp.kind, OutboxOp.data)
            .where(OutboxOp.mac.is_(None))).all():
        boxes += 1
        op = ops.get(key)
        if op is not None and op["kind"] == kind and op["data"] == data:
            box_seals.append({"m": seal.outbox_mac(key, kind, data), "q": seq})
    if box_seals:
        s.execute(text("UPDATE outbox SET mac = :m WHERE seq = :q"), box_seals)
    waiting = set(s.scalars(select(OutboxOp.key).where(OutboxOp.kind == "audit")))
    line_seals: list[dict[str, Any]] = []
    for row in s.execute(select(AuditEntry.seq, AuditEntry.key, AuditEntry.entry,
                                AuditEntry.prev_hash, AuditEntry.hash)
                         .where(AuditEntry.mac.is_(None))
                         .execution_options(yield_per=5000)).all():
        op = ops.get(row.key)
        proven = False
        if op is not None and op["kind"] == "audit":
            data = json.loads(op["data"]) if isinstance(op["data"], str) else op["data"]
            proven = (data.get("seq") == row.seq and data.get("prev_hash") == row.prev_hash
                      and data.get("hash") == row.hash
                      and canonical(data.get("entry")) == row.entry)
        elif row.key not in waiting:
            proven = (row.seq <= journal_head[0]) if journal_head is not None else first_time
        if proven:
            line_seals.append({"m": seal.journal_mac(row.seq, row.key, row.entry,
                                                     row.prev_hash, row.hash), "q": row.seq})
    for at in range(0, len(line_seals), 5000):  # one statement, many rows (executemany)
        s.execute(text("UPDATE audit_journal SET mac = :m WHERE seq = :q"),
                  line_seals[at:at + 5000])
    s.merge(StoreMark(name=ROWS_SEALED, value="1"))
    if boxes > len(box_seals):
        logger.warning("%d outbox rows from before the seal are not in the signed log: "
                       "refused", boxes - len(box_seals))
    return len(box_seals), len(line_seals)


#: the journal's action, the sync issue's kind/reason and the ``refused_rows`` source of a
#: journal re-chained onto central's head (a data folder put back from an old copy)
REBASED = "journal-rechained"


@dataclass(frozen=True, slots=True)
class Rechained:
    """What :func:`rechain_journal` did: the old lines' keys (kept in ``refused_rows``), the
    journal's new head, and how many lines were re-chained / refused for their seal."""

    old_keys: tuple[str, ...]
    head: tuple[int, str]
    lines: int
    refused: int


def unsent_lines(s: Session) -> list[tuple[int, str, str]]:
    """``(seq, prev_hash, hash)`` of the journal lines whose outbox row waits, by seq."""
    return [(r.seq, r.prev_hash, r.hash) for r in s.execute(
        select(AuditEntry.seq, AuditEntry.prev_hash, AuditEntry.hash)
        .join(OutboxOp, OutboxOp.key == AuditEntry.key)
        .where(OutboxOp.kind == "audit", OutboxOp.state == OutboxState.PENDING)
        .order_by(AuditEntry.seq))]


def fork_at(unsent: list[tuple[int, str, str]], central: tuple[int, str],
            hashes: Mapping[int, str]) -> int | None:
    """The first unsent line that does not continue central's chain (None: none).

    ``central``: central's head (seq, hash); ``hashes``: central's hashes of the lines at
    the unsent lines' numbers up to its head. An unsent line central holds under the same
    hash was sent before and its answer lost (a copy put back), not a fork: it is answered
    ``duplicate``. Above central's head, the first unsent line must go on from the head,
    and each next one from the line before it: a copy put back with its mark kept holds
    unsent lines that continue central's, then the counter's new lines, which go on from
    the mark's line (lost with the copy) — the fork is there, between them."""
    head_seq, head_hash = central
    if head_seq <= 0:
        return None  # central holds nothing of this device: nothing to fork from
    at, at_hash = head_seq, head_hash
    for seq, prev, digest in unsent:
        if seq <= head_seq:
            if hashes.get(seq) != digest:
                return seq
        elif seq == at + 1 and prev == at_hash:
            at, at_hash = seq, digest
        else:
            return seq
    return None


def rechain_journal(s: Session, seal: RowSeal, now: dt.datetime,
                    central: tuple[int, str], fork: int,
                    base: tuple[int, str] = (0, "")) -> Rechained | None:
    """Re-chain the journal lines not yet sent, from ``fork`` on, onto central's head.

    A data folder put back by hand from an old copy, its mark lost too, goes on with its
    journal after the copy's last line; central already holds other lines under those
    numbers, so it would refuse the new lines, and the payments they record with them
    (``journal-rejected``): cash in the drawer, customers not credited. Before such lines
    are pushed (``fork`` found by :func:`fork_at`), in the caller's write transaction:
    each line from ``fork`` on is moved out of the journal into ``refused_rows``
    (evidence), and a line with the same content is appended after central's head,
    sealed, its outbox row taking the old row's place in the queue (a payment and its
    line still travel together); then one line that says so (central alerts on it) and a
    sync issue for the supervisor.

    Only lines this counter sealed (and their sealed outbox rows) are re-chained: a line
    written straight into the store is moved out and said as ``unsealed``, never sent.
    Central's rules are unchanged: the new lines are accepted only because they continue
    its chain; and only where the line below ``fork`` is ``base`` (seq, hash), which the
    caller found central holds as it is (a history rewritten after it was pushed is left
    for central to refuse and alert on). None when the lines from ``fork`` on are no longer
    the unsent tail, or the line below them is not ``base``."""
    head_seq, head_hash = central
    waiting = {r.key: r for r in s.execute(
        select(OutboxOp.seq, OutboxOp.key, OutboxOp.data, OutboxOp.mac, OutboxOp.created_at)
        .join(AuditEntry, AuditEntry.key == OutboxOp.key)
        .where(OutboxOp.kind == "audit", OutboxOp.state == OutboxState.PENDING,
               AuditEntry.seq >= fork))}
    lines = list(s.scalars(select(AuditEntry).where(AuditEntry.key.in_(list(waiting)))
                           .order_by(AuditEntry.seq)))
    if not lines or lines[0].seq != fork:
        return None
    above = s.scalar(select(func.count()).select_from(AuditEntry)
                     .where(AuditEntry.seq >= fork))
    below = int(s.scalar(select(func.max(AuditEntry.seq)).where(AuditEntry.seq < fork)) or 0)
    if below != base[0] or (below and s.scalar(
            select(AuditEntry.hash).where(AuditEntry.seq == below)) != base[1]):
        return None  # the journal changed since central was asked: the next sync asks again
    if above != len(lines) or below > head_seq:
        # sent lines among them, or lines above central's head that it refused earlier:
        # re-chaining would reorder history; left as it was, and said
        logger.error("journal forks from central's line %d at line %d, but the lines from "
                     "there are not all unsent: not re-chained", head_seq, fork)
        return None
    device = str(s.scalar(select(DeviceState.device_code).where(DeviceState.id == 1)) or "")
    genuine: list[tuple[AuditEntry, Any]] = []
    for row in lines:
        box = waiting[row.key]
        if seal.journal_ok(row.seq, row.key, row.entry, row.prev_hash, row.hash, row.mac) \
                and seal.outbox_ok(box.key, "audit", box.data, box.mac) \
                and _same_line(row, box.data):
            genuine.append((row, box))
    ours = {row.key for row, _box in genuine}
    forged = [row for row in lines if row.key not in ours]
    for row in lines:
        body = {"seq": row.seq, "key": row.key, "entry": row.entry,
                "prev_hash": row.prev_hash, "hash": row.hash, "mac": row.mac}
        s.add(RefusedRow(source=REBASED if row.key in ours else "audit_journal", key=row.key,
                         created_at=now, body=seal.rechained_body(row.key, body)
                         if row.key in ours else canonical(body)))
    for row in forged:
        _say_not_ours(s, row, now)
    seqs = _move_out(s, lines)
    # the old lines' outbox rows: never sent (a forged one kept aside, as the push would)
    s.execute(delete(OutboxOp).where(OutboxOp.seq.in_([box.seq for _r, box in genuine])))
    s.execute(update(OutboxOp).where(OutboxOp.key.in_([row.key for row in forged]))
              .values(state=OutboxState.QUARANTINE))
    seq, prev = head_seq, head_hash
    for row, box in genuine:
        entry = json.loads(row.entry)
        seq += 1
        entry["seq"] = seq
        prev = _append_line(s, seq, prev, entry, box.created_at, place=box.seq)
    if genuine:
        s.flush()  # the re-chained rows take their places before the next one is numbered
        seq += 1
        old = f"{genuine[0][0].seq}–{genuine[-1][0].seq}"
        prev = _append_line(s, seq, prev, {
            "seq": seq, "at": now.astimezone(dt.UTC).isoformat(), "device": device,
            "staff": "", "action": REBASED, "subject": "",
            "detail": {"lines": len(genuine), "old": old, "after": head_seq}}, now)
        s.add(SyncIssue(op_key=str(s.scalar(select(AuditEntry.key)
                                            .where(AuditEntry.seq == seq))),
                        kind="journal", reason=REBASED, created_at=now,
                        message=f"Thư mục dữ liệu của quầy là một bản cũ (chép lại bằng tay?): "
                                f"{len(genuine)} dòng nhật ký chưa gửi (số {old}) không nối "
                                f"tiếp nhật ký trung tâm đã nhận (đến dòng {head_seq}); đã nối "
                                f"lại thành các dòng {head_seq + 1}–{seq - 1}, giữ nguyên nội "
                                "dung, bản cũ giữ làm bằng chứng. Các khoản thu vẫn được gửi. "
                                "Báo trưởng quầy kiểm tra."))
    s.flush()
    logger.critical("journal forked from central's line %d: %d lines re-chained (%s), %d "
                    "refused for their seal", head_seq, len(genuine), seqs, len(forged))
    return Rechained(tuple(row.key for row, _box in genuine), (seq, prev), len(genuine),
                     len(forged))


def _same_line(row: AuditEntry, data: str) -> bool:
    """Whether an outbox row carries this very line (the push sends the outbox's copy)."""
    try:
        body = json.loads(data)
        return bool(body["seq"] == row.seq and body["prev_hash"] == row.prev_hash
                    and body["hash"] == row.hash and canonical(body["entry"]) == row.entry)
    except (ValueError, KeyError, TypeError):
        return False


def _append_line(s: Session, seq: int, prev: str, entry: dict[str, Any],
                 created_at: dt.datetime, *, place: int | None = None) -> str:
    """One journal line and its outbox row (sealed by the session's hook, as
    ``desktop.staff.audit.append`` writes them); ``place``: the outbox position."""
    digest = chain_hash(prev, entry)
    key = str(uuid.uuid4())
    s.add(AuditEntry(seq=seq, key=key, entry=canonical(entry), prev_hash=prev, hash=digest))
    s.add(OutboxOp(seq=place, key=key, kind="audit", created_at=created_at, attempts=0,
                   state=OutboxState.PENDING,
                   data=canonical(audit_data(seq=seq, prev_hash=prev, digest=digest,
                                             entry=entry))))
    return digest
