"""The audit journal (nhật ký): append-only and hash-chained.

Every line's hash is SHA-256 over the previous line's hash and the line's
canonical JSON, so editing, deleting or reordering a line breaks the chain
from there on. Each line also goes to central through the outbox (kind
``audit``) in the same transaction as the action it records; central checks
every line against the last hash it already holds, so history that was
pushed cannot be rewritten unnoticed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AuditEntry, DeviceState, OutboxOp
from desktop.contract import GENESIS, OutboxState, audit_data, canonical, chain_hash
from desktop.rowseal import ROW_SEAL, RowSeal, set_aside_journal_tail

logger = logging.getLogger(__name__)

#: ``Session.info`` key of the write sessions: a callable giving the last journal line
#: this device (its code) ever wrote, (seq, hash) or None — kept outside the data folder
#: (desktop.vault). A data folder put back by hand holds an older journal: the next line
#: goes on after that one, as central's chain does, not after the copy's last line (which
#: central would refuse as not continuing its chain, and the payment with it).
JOURNAL_HEAD = "journal_head"

def append(s: Session, *, action: str, staff: str | None, now: dt.datetime,
           subject: str = "", detail: Mapping[str, Any] | None = None) -> AuditEntry:
    """Add one line in the caller's transaction, with its outbox row.

    The caller's transaction must hold the write lock (a writer session),
    so that two appends never read the same last line.
    """
    device = s.scalar(select(DeviceState.device_code).where(DeviceState.id == 1))
    marked = s.info.get(JOURNAL_HEAD)
    head = marked(device or "") if callable(marked) else None
    seal = s.info.get(ROW_SEAL)
    last = s.execute(select(AuditEntry.seq, AuditEntry.hash, AuditEntry.key, AuditEntry.entry,
                            AuditEntry.prev_hash, AuditEntry.mac)
                     .order_by(AuditEntry.seq.desc()).limit(1)).first()
    if isinstance(seal, RowSeal) and last is not None and (
            head is None or last.seq > head[0]) and not seal.journal_ok(
            last.seq, last.key, last.entry, last.prev_hash, last.hash, last.mac):
        # a line written straight into the store (not sealed by this counter): moved out
        # of the journal, so that this line goes on after the counter's own last one
        set_aside_journal_tail(s, seal, now, head[0] if head is not None else 0)
        top = s.execute(select(AuditEntry.seq, AuditEntry.hash)
                        .order_by(AuditEntry.seq.desc()).limit(1)).first()
        seq, prev = (top.seq + 1, top.hash) if top else (1, GENESIS)
    else:
        seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    if head is not None and head[0] >= seq:
        logger.warning("journal goes on after line %d of the mark (the store's last is %d)",
                       head[0], seq - 1)
        seq, prev = head[0] + 1, head[1]
    entry = {"seq": seq, "at": now.astimezone(dt.UTC).isoformat(), "device": device or "",
             "staff": staff or "", "action": action, "subject": subject,
             "detail": dict(detail or {})}
    digest = chain_hash(prev, entry)
    key = str(uuid.uuid4())
    row = AuditEntry(seq=seq, key=key, entry=canonical(entry), prev_hash=prev, hash=digest)
    s.add(row)
    s.add(OutboxOp(key=key, kind="audit", created_at=now, attempts=0, state=OutboxState.PENDING,
                   data=canonical(audit_data(seq=seq, prev_hash=prev, digest=digest,
                                             entry=entry))))
    return row


@dataclass(frozen=True, slots=True)
class ChainReport:
    """What a walk along the journal found; ``problems`` are Vietnamese sentences."""

    entries: int
    last_seq: int
    last_hash: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_rows(rows: Iterable[tuple[int, str, str, str]], *,
                max_problems: int = 50) -> ChainReport:
    """Walk ``(seq, entry, prev_hash, hash)`` rows in seq order."""
    problems: list[str] = []
    expected_seq, prev, count, last_seq = 1, GENESIS, 0, 0
    for seq, text, prev_hash, digest in rows:
        count += 1
        if seq != expected_seq:
            problems.append(f"Thiếu dòng {expected_seq}–{seq - 1} (đã bị xóa).")
        try:
            entry = json.loads(text)
        except ValueError:
            entry = None
        if not isinstance(entry, dict) or entry.get("seq") != seq:
            problems.append(f"Dòng {seq}: nội dung không khớp số thứ tự (bị đảo hoặc sửa).")
        elif prev_hash != prev:
            problems.append(f"Dòng {seq}: không nối tiếp dòng trước (bị xóa, chèn hoặc đảo).")
        elif chain_hash(prev_hash, entry) != digest:
            problems.append(f"Dòng {seq}: nội dung đã bị sửa.")
        prev, expected_seq, last_seq = digest, seq + 1, seq
        if len(problems) >= max_problems:
            problems.append("… dừng kiểm tra: quá nhiều lỗi.")
            break
    return ChainReport(count, last_seq, prev, tuple(problems))


def verify_store(s: Session) -> ChainReport:
    rows = s.execute(select(AuditEntry.seq, AuditEntry.entry, AuditEntry.prev_hash,
                            AuditEntry.hash).order_by(AuditEntry.seq)
                     .execution_options(yield_per=5000))
    return verify_rows((r.seq, r.entry, r.prev_hash, r.hash) for r in rows)


def compare_with_central(s: Session, report: ChainReport, central_seq: int,
                         central_hash: str) -> tuple[str, ...]:
    """What central's last known line says about the local journal."""
    if central_seq == 0:
        return ()
    if report.last_seq < central_seq:
        return (f"Trung tâm đã nhận đến dòng {central_seq}, trên máy chỉ còn đến dòng "
                f"{report.last_seq}: nhật ký bị xóa.",)
    local = s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == central_seq))
    if local != central_hash:
        return (f"Dòng {central_seq} khác với bản trung tâm đã nhận: nhật ký bị viết lại.",)
    return ()
