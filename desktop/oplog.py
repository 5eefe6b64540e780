"""The second copy of every operation that must reach central: an append-only, fsynced file.

The store (SQLite, WAL) is the first copy. A torn or lost ``-wal`` after a crash, a
damaged page, or a restored old copy can lose committed payments from it — and,
worse, hand out their receipt numbers again. So every outbox row a write
transaction commits is also appended to ``ops.log`` beside the store, and
fsynced, right after the commit and before anyone hears of it (the print worker
and the sync are woken by the events published after this). Each line is JSON
with its own SHA-256, so a torn last line is recognised and skipped, never
half-read; the first line written after it names it (its SHA-256), and any other
unreadable line (junk put in the middle, where a signed line may have been) is said
(``Recovery.damaged_lines``). When central has answered an operation, an ``ack`` line
says so.
Each line carries its number, one more than the line before, under the MAC: a line
deleted from the middle or the head of the log (with its rows in the store, by someone
who can write the data folder) leaves a skip, said at start, in ``quaythu status`` and
``quaythu recover`` and as a sync issue (:func:`_gaps`).

:meth:`OpLog.recover` (at every start, and ``quaythu recover``) puts back into
the store what the log has and the store lacks: unanswered operations into the
outbox (central applies each key once, so a copy that did arrive is only a
``duplicate``), the journal lines missing from the hash chain, and the receipt
and request counters raised to the highest number ever handed out. The
numbers a customer holds are never issued again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    LAST_SLIP,
    AuditEntry,
    DeviceState,
    OutboxOp,
    RefusedRow,
    StoreMark,
    SyncIssue,
)
from desktop.contract import OutboxState, canonical, chain_hash, device_of_receipt
from desktop.rowseal import (
    REBASED,
    ROWS_SEALED,
    UNSEALED,
    RowSeal,
    seal_legacy,
    set_aside_journal_tail,
    set_aside_outbox,
)
from desktop.staff.audit import JOURNAL_HEAD
from desktop.vault import Vault

logger = logging.getLogger(__name__)

LOG_FILE = "ops.log"


@dataclass(frozen=True, slots=True)
class Recovery:
    """What :meth:`OpLog.recover` put back (all zero on a healthy store)."""

    operations: int
    journal_lines: int
    receipt_seq: int
    #: lines of the log that could not be read (a torn tail after a power cut)
    unreadable: int
    #: operations the store had and the log lacked (written when the disk was full)
    copied: int = 0
    #: lines whose MAC fails (written by someone without the device's key): refused
    forged: int = 0
    #: journal lines in the log that do not continue the store's hash chain: refused
    broken_chain: int = 0
    #: a data folder put back by hand: the store or the log behind the mark kept
    #: outside it (the sentence for the screen), else None
    put_back: str | None = None
    #: the log holds lines signed under a key this counter no longer has (the data folder
    #: moved to another path or PC, the keyring lost): kept as they are, none imported
    key_missing: bool = False
    #: journal lines and outbox rows in the store whose seal fails (written straight into
    #: quaythu.db, desktop.rowseal): set aside, or put back from the signed log, never sent
    unsealed: int = 0
    #: signed lines missing from the middle or the head of the log (deleted by hand: the
    #: line numbers jump), forged lines in their place not counted (said as forged)
    missing_lines: int = 0
    #: where they are missing: (first, last) line numbers, in the log's order
    missing_ranges: tuple[tuple[int, int], ...] = ()
    #: unreadable lines that are not the log's last line nor a torn tail this counter
    #: wrote past (a power cut): junk put in the middle, where a signed line may have been
    damaged_lines: int = 0
    #: where: the number of the signed line each stretch of them stands before (0: the end)
    damaged_at: tuple[int, ...] = ()

#: the store's mark that its log is signed (``StoreMark``): no unkeyed line is signed again
LOG_SIGNED = "log_signed"
#: said at start, in ``quaythu recover`` and ``quaythu status`` when ``key_missing``
KEY_MISSING = ("Sổ thao tác (ops.log) có các dòng được ký bằng khoá mà máy này không còn "
               "(thư mục dữ liệu đã chuyển sang đường dẫn hoặc máy khác, hoặc mất khoá): "
               "các dòng đó được giữ nguyên nhưng không nhập. Báo trưởng quầy và bộ phận "
               "hỗ trợ.")


#: the sync issue's kind and reason for lines missing from the log (a supervisor sees it)
LOG_GAP = "log_gap"


def missing_sentence(missing: int, ranges: Sequence[tuple[int, int]]) -> str:
    """What the start, ``quaythu status``/``recover`` and the sync issue say of lines
    missing from the log, in Vietnamese."""
    said = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in ranges[:5])
    if len(ranges) > 5:
        said += ", …"
    span = sum(b - a + 1 for a, b in ranges)
    if span != missing:  # torn or forged lines stand among them: not every number is lost
        which = f"{missing} dòng trong khoảng dòng {said}"
    else:
        which = f"dòng {said}" if missing == 1 else f"các dòng {said}"
    return (f"Sổ thao tác (ops.log) thiếu {which} (bị xóa bằng tay?): các thao tác ghi ở "
            "đó có thể không còn trên máy. Báo trưởng quầy.")


def damaged_sentence(damaged: int, at: Sequence[int]) -> str:
    """What the start, ``quaythu status``/``recover`` and the sync issue say of unreadable
    lines inside the log (not a torn last line), in Vietnamese."""
    where = ", ".join(f"trước dòng {n}" if n else "gần cuối sổ" for n in at[:5])
    if len(at) > 5:
        where += ", …"
    return (f"Sổ thao tác (ops.log) có {damaged} dòng hỏng (không đọc được) ({where}), "
            "không phải dòng cuối bị cắt khi mất điện: có thể một dòng thật đã "
            "bị xóa và thay bằng dòng rác. Báo trưởng quầy.")


def _is_torn(line: bytes) -> bool:
    """Whether a line of the log cannot be read as a record at all (not JSON, no ``r``)."""
    try:
        wrapper = json.loads(line.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return True
    return not isinstance(wrapper, dict) or "r" not in wrapper


def _torn_digest(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


def _op_record(o: OutboxOp) -> dict[str, Any]:
    return {"key": o.key, "kind": o.kind, "data": o.data, "created_at": o.created_at.isoformat()}


def _mac(secret: bytes, n: int, record: dict[str, Any]) -> str:
    return hmac.new(secret, f"{n}|{canonical(record)}".encode(), hashlib.sha256).hexdigest()


def _line(secret: bytes, n: int, record: dict[str, Any]) -> str:
    return json.dumps({"n": n, "mac": _mac(secret, n, record), "r": record},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def _receipt_seq(record: dict[str, Any]) -> int:
    op = record.get("op")
    if not op or op.get("kind") != "payment":
        return 0
    data = json.loads(op["data"]) if isinstance(op["data"], str) else op["data"]
    number = str(data.get("receipt_no", ""))
    return int(number.rsplit("-", 1)[1]) if device_of_receipt(number) is not None else 0


def request_number(ref: str) -> int:
    """The sequence in a service request's number (``<device>-YC<6 digits>``), else 0."""
    tail = ref.rsplit("-YC", 1)[1] if "-YC" in ref else ""
    return int(tail) if tail.isdigit() else 0


def slip_number(slip_no: str) -> int:
    """A deposit slip number (``NT-<device>-<day>-<n>``) as one integer that grows with
    the day and the number (``<day>*1000 + n``), else 0."""
    parts = slip_no.split("-")
    if len(parts) == 4 and parts[0] == "NT" and parts[2].isdigit() and parts[3].isdigit():
        return int(parts[2]) * 1000 + int(parts[3])
    return 0


def _numbers(record: dict[str, Any]) -> tuple[int, int]:
    """(request sequence, slip number) a logged operation hands out, zeros for none."""
    op = record.get("op")
    if not op or op.get("kind") not in ("service_request", "deposit"):
        return 0, 0
    data = json.loads(op["data"]) if isinstance(op["data"], str) else op["data"]
    if op["kind"] == "service_request":
        return request_number(str(data.get("ref", ""))), 0
    return 0, slip_number(str(data.get("slip_no", "")))


def _journal_line(record: dict[str, Any]) -> tuple[str, int, str] | None:
    """(device, seq, hash) of a journal line's record; None for any other record."""
    op = record.get("op")
    if not op or op.get("kind") != "audit":
        return None
    data = json.loads(op["data"]) if isinstance(op["data"], str) else op["data"]
    seq, digest, entry = data.get("seq"), data.get("hash"), data.get("entry")
    device = entry.get("device") if isinstance(entry, dict) else None
    if isinstance(seq, int) and isinstance(digest, str) and isinstance(device, str):
        return device, seq, digest
    return None


@dataclass(frozen=True, slots=True)
class _Scan:
    ops: list[dict[str, Any]]
    answered: set[str]
    unreadable: int
    forged: int
    top: int
    key_missing: bool
    #: (first, last, lines missing among them)
    gaps: list[tuple[int, int, int]]
    #: the first trusted line's number (0: none)
    first: int
    #: unreadable lines neither last nor a torn tail this counter wrote past, by the
    #: number of the trusted line each stretch stands before (0: after the last one)
    damaged: list[tuple[int, int]]


def _gaps(trusted: list[tuple[int, int, bool]],
          begin: int | None) -> list[tuple[int, int, int]]:
    """Where signed lines are missing: ``trusted`` holds each trusted line's number, the
    forged lines (and a torn tail it acknowledges) just before it, and whether it is a
    begin record for
    its own number (a file started at that number, :meth:`OpLog.compact`); ``begin`` is
    where the last file began, by the mark kept outside the data folder (None: never
    looked at, a log from before begin records: its head is taken as it is, once).

    Numbers rise by one a line. A skip between two trusted lines is lines gone, less the
    untrusted lines standing between them (a forged line in place of a genuine one is
    said as forged, not again as missing; an unreadable line proves nothing: junk put in
    place of a deleted line leaves its number missing), less numbers found
    elsewhere in the file (lines moved are not lines gone). The head is whole when the
    first trusted line is number 1 (a log never compacted), a begin record, or where the
    mark says the file began; otherwise what lies before it is gone, from there. The
    untrusted lines after the last trusted line (a torn tail after a power cut) are not
    looked at here: a tail behind the mark is ``put_back``'s, unreadable lines are
    ``_Scan.damaged``'s. (first, last, missing) each."""
    spans: list[tuple[int, int, int]] = []
    prev: int | None = None
    for n, untrusted, begins in trusted:
        if prev is None:
            if begin is not None and n not in (1, begin) and not begins:
                # the last file began at ``begin``; an older one (put back) somewhere
                # unknown, counted from the first line there is
                first = begin if 0 < begin < n else 1
                if first < n:
                    spans.append((first, n - 1, untrusted))
        elif n > prev + 1:
            spans.append((prev + 1, n - 1, untrusted))
        prev = n
    if not spans:
        return []
    seen = sorted({n for n, _u, _b in trusted})
    gaps = []
    for first, last, untrusted in spans:
        # the numbers of the span found nowhere in the file (a line copied elsewhere
        # stands once for its own number, never for the one deleted beside it)
        holes: list[tuple[int, int]] = []
        at = first
        for found in seen[bisect_left(seen, first):bisect_right(seen, last)]:
            if found > at:
                holes.append((at, found - 1))
            at = found + 1
        if at <= last:
            holes.append((at, last))
        missing = sum(b - a + 1 for a, b in holes) - untrusted
        if missing <= 0:
            continue
        if untrusted:  # which of the numbers the untrusted lines held is not known
            gaps.append((holes[0][0], holes[-1][1], missing))
        else:
            gaps.extend((a, b, b - a + 1) for a, b in holes)
    return gaps


class _Torn(Exception):
    pass


class _Forged(Exception):
    def __init__(self, signed: bool = False) -> None:
        super().__init__()
        #: the line carries a MAC (under some key), as opposed to none at all
        self.signed = signed


class OpLog:
    """The append-only copy of the outbox, for one store."""

    def __init__(self, path: Path, vault: Vault | None = None) -> None:
        self.path = path
        self.vault = vault if vault is not None else Vault(path.parent)
        #: the seal on the store's journal and outbox rows, under a key derived from the
        #: log's secret (desktop.rowseal)
        self.seal = RowSeal(self.vault.secret)
        self._lock = threading.Lock()
        #: the sequence number of the last line written (None: not read yet)
        self._seq: int | None = None
        #: why no cash may be taken (the log cannot be written), or None
        self.failing: str | None = None
        #: records committed to the store that the log could not take yet (a full disk)
        self._unwritten: list[dict[str, Any]] = []
        #: keys flushed in a write transaction and not yet in the log
        self._inflight: set[str] = set()
        #: journal lines the log says were re-chained onto central's head (last scan)
        self._rechained: set[str] = set()
        #: the file's last line was looked at for a torn tail (the first write does)
        self._tail_checked = False

    # -- writing -----------------------------------------------------------------------

    def attach(self, writes: sessionmaker[Session]) -> None:
        """Copy every outbox row the ``writes`` sessions commit into the log; and seal
        every journal line and outbox row they write (desktop.rowseal)."""
        self.seal.attach(writes)
        event.listen(writes, "before_flush", self._collect)
        event.listen(writes, "after_commit", self._after_commit)
        event.listen(writes, "after_rollback", self._forget)
        # the journal goes on after the last line this device wrote (desktop.staff.audit)
        writes.configure(info={**writes.kw.get("info", {}), JOURNAL_HEAD: self.vault.journal_head})

    def _collect(self, session: Session, _ctx: object, _instances: object) -> None:
        if session.info.get("oplog_recovering"):
            return  # rows put back from the log are in it already
        found = [o for o in session.new if isinstance(o, OutboxOp)]
        if found:
            session.info.setdefault("oplog", []).extend(found)
            with self._lock:
                self._inflight.update(o.key for o in found)

    def _forget(self, session: Session) -> None:
        gone = session.info.pop("oplog", [])
        with self._lock:
            self._inflight.difference_update(o.key for o in gone)

    def held_keys(self) -> frozenset[str]:
        """Keys committed (or being committed) that the log does not hold yet: no receipt
        of theirs may print, the customer's proof must not outrun the second copy."""
        with self._lock:
            return frozenset(self._inflight | {str(r["op"]["key"]) for r in self._unwritten})

    def _after_commit(self, session: Session) -> None:
        ops: list[OutboxOp] = session.info.pop("oplog", [])
        if not ops:
            return
        with self._lock:
            self._unwritten.extend({"op": _op_record(o)} for o in ops)
            self._inflight.difference_update(o.key for o in ops)
        self.retry()

    def retry(self) -> bool:
        """Write what the log still owes (kept in memory since a failed write); True once
        the log holds everything the store committed, and cash may be taken again."""
        with self._lock:
            if not self._unwritten:
                self.failing = None
                return True
            try:
                self._append_locked(self._unwritten)
            except OSError as exc:
                # the store has it; the second copy does not: no cash until it is written
                self.failing = (f"Không ghi được bản sao thứ hai của các khoản thu "
                                f"({self.path.name}: {exc.strerror or exc}); tạm ngừng thu "
                                "tiền. Giải phóng ổ đĩa rồi thử lại.")
                logger.critical("operation log %s cannot be written: %s", self.path, exc)
                return False
            if self.failing is not None:
                logger.warning("operation log %s written again (%d records it owed)",
                               self.path, len(self._unwritten))
            self._unwritten.clear()
            self.failing = None
            return True

    def acknowledge(self, keys: list[str]) -> None:
        """Central answered these: no start will put them back."""
        if keys:
            self.append([{"ack": keys}])

    def append(self, records: list[dict[str, Any]]) -> None:
        with self._lock:
            self._append_locked(records)

    def _append_locked(self, records: list[dict[str, Any]]) -> None:
        if self._seq is None:
            self._seq = max(self._top_seq(), int(self.vault.mark().get("log_seq", 0)))
        first = self._seq + 1
        size = self.path.stat().st_size if self.path.exists() else 0
        begun = 0
        if size and not self._tail_checked:
            # a torn last line (a power cut before this process) is about to stand in the
            # middle of the log: the first line written after it names it, so that it is
            # told from junk put in place of a deleted line (said, :meth:`_scan`)
            tail = self._torn_tail(size)
            if tail:
                records = [{"torn": [_torn_digest(line) for line in tail]}, *records]
        if size == 0 and first > 1:
            # a file this counter starts after the numbering began (its log lost, or the
            # folder emptied: the start said so, ``put_back``) says where it begins, so that
            # a head cut off later is told from one that never was
            records = [{"begin": first}, *records]
            begun = first
        data = "".join(_line(self.vault.secret, first + i, r)
                       for i, r in enumerate(records)).encode("utf-8")
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            # (read where the file ends; O_APPEND writes go to its end wherever one read)
            if size and os.lseek(fd, size - 1, os.SEEK_SET) >= 0 and os.read(fd, 1) != b"\n":
                # a torn last line (a power cut mid-write) stays a line of its own: glued
                # to it, the next line would be lost as torn too, and its number missed
                data = b"\n" + data
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(28, "No space left on device")  # a short write: disk full
            os.fsync(fd)  # on disk before the receipt prints or the screen says done
        except OSError:
            # a half-written line would be skipped as torn; cut it off so that the
            # retry's copy starts on a line of its own
            os.ftruncate(fd, size)
            raise
        finally:
            os.close(fd)
        self._seq = first + len(records) - 1
        # every later line of this process follows a whole line it wrote itself
        self._tail_checked = True
        # the mark outside the data folder follows the log (no fsync of its own)
        numbers = [_numbers(r) for r in records]
        self.vault.raise_all(
            {"log_seq": self._seq, "log_begin": begun,
             "receipt_seq": max((_receipt_seq(r) for r in records), default=0),
             "request_seq": max((n[0] for n in numbers), default=0),
             "slip": max((n[1] for n in numbers), default=0)},
            [line for r in records if (line := _journal_line(r)) is not None])

    def _torn_tail(self, size: int) -> list[bytes]:
        """The unreadable (torn) lines the log ends with: one after a power cut, more when
        the power failed again while the line naming it was written."""
        with self.path.open("rb") as fh:
            fh.seek(max(0, size - 65536))
            chunk = fh.read()
        lines = [line for line in chunk.split(b"\n") if line.strip()]
        if size > len(chunk) and lines:
            lines = lines[1:]  # the chunk began inside a line: not a whole one
        tail: list[bytes] = []
        while lines and _is_torn(lines[-1]):
            tail.insert(0, lines.pop())
        return tail

    def _top_seq(self) -> int:
        top = 0
        for n, _record in self._lines():
            top = max(top, n)
        return top

    def _sign_legacy_once(self, writes: sessionmaker[Session]) -> None:
        """A log written before the MAC existed (lines with an unkeyed SHA-256) is signed
        once, at the first start of a store that was never marked as signed: decided by
        the store's mark and the log's content, never by the key being new. A log with
        one signed line, a store marked signed, or a mark outside the folder that has
        seen a signed line: never — an unkeyed line there was planted, and a new key
        (a moved folder) must not make it genuine nor drop the signed lines."""
        with writes() as s, s.begin():
            s.info["oplog_recovering"] = True
            if s.get(StoreMark, LOG_SIGNED) is not None:
                return
            if not self._has_signed_line() and int(self.vault.mark().get("log_seq", 0)) == 0:
                self._sign_legacy()
            s.add(StoreMark(name=LOG_SIGNED, value="1"))

    def _has_signed_line(self) -> bool:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return False
        for line in raw.split(b"\n"):
            with contextlib.suppress(ValueError, UnicodeDecodeError):
                wrapper = json.loads(line.decode("utf-8"))
                if isinstance(wrapper, dict) and "mac" in wrapper:
                    return True
        return False

    def _sign_legacy(self) -> None:
        """Rewrite a legacy (never signed) log with each line's MAC; see above."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        records = []
        for line in raw.split(b"\n"):
            with contextlib.suppress(ValueError, KeyError, TypeError, UnicodeDecodeError):
                wrapper = json.loads(line.decode("utf-8"))
                record = wrapper["r"]
                if hashlib.sha256(canonical(record).encode()).hexdigest() == wrapper["sha"]:
                    records.append(record)
        fresh = self.path.with_name(self.path.name + ".new")
        data = "".join(_line(self.vault.secret, i + 1, r) for i, r in enumerate(records))
        fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(fresh, self.path)

    # -- reading -----------------------------------------------------------------------

    def _lines(self) -> Iterator[tuple[int, dict[str, Any] | _Forged | None]]:
        """``(n, record)``; record None for a torn line, a _Forged for a failing MAC."""
        for n, record, _raw in self._raw_lines():
            yield n, record

    def _raw_lines(self) -> Iterator[tuple[int, dict[str, Any] | _Forged | None, bytes]]:
        """:meth:`_lines`, each with the line's bytes (a torn line's are acknowledged by
        its digest, :meth:`_append_locked`)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        for line in raw.split(b"\n"):
            if not line.strip():
                continue
            try:
                wrapper = json.loads(line.decode("utf-8"))
                if not isinstance(wrapper, dict) or "r" not in wrapper:
                    raise _Torn
            except (ValueError, UnicodeDecodeError, _Torn):
                yield 0, None, line
                continue
            record, n, mac = wrapper.get("r"), wrapper.get("n"), wrapper.get("mac")
            if not isinstance(record, dict) or not isinstance(n, int) \
                    or not isinstance(mac, str) \
                    or not hmac.compare_digest(mac, _mac(self.vault.secret, n, record)):
                yield 0, _Forged(signed=isinstance(mac, str)), line
                continue
            yield n, record, line

    def records(self) -> Iterator[dict[str, Any] | None]:
        """Each trusted record in order; None for a line that cannot be trusted."""
        for _n, record in self._lines():
            yield None if isinstance(record, _Forged) else record

    def forged(self) -> int:
        """Lines whose MAC fails: written by someone without the device's key."""
        return sum(1 for _n, r in self._lines() if isinstance(r, _Forged))

    def read(self) -> tuple[list[dict[str, Any]], set[str], int]:
        """Every operation in order, the keys central answered, and the unreadable lines
        (torn and forged alike: neither is ever imported)."""
        scan = self._scan()
        return scan.ops, scan.answered, scan.unreadable

    def _scan(self) -> _Scan:
        """One pass over the log (each line's MAC is checked once): :meth:`read`'s three,
        the forged lines among the unreadable, the highest line number, whether the log
        was begun under another key (its first signed line fails the MAC), and the signed
        lines missing from it (see :func:`_gaps`)."""
        ops: dict[str, dict[str, Any]] = {}
        answered: set[str] = set()
        rechained: set[str] = set()
        unreadable = forged = top = 0
        first_signed: bool | None = None
        # the line numbers of the trusted lines, with the forged lines (and an acknowledged
        # torn one) between each and the one before it: where a number is skipped, a line
        # is gone
        trusted: list[tuple[int, int, bool]] = []
        between = 0
        # the torn lines since the last trusted one; those not acknowledged by the next
        # trusted line (a torn tail this counter wrote past) are damage, said
        torn: list[bytes] = []
        damaged: list[tuple[int, int]] = []
        for n, record, raw in self._raw_lines():
            top = max(top, n)
            if first_signed is None and (isinstance(record, dict) or (
                    isinstance(record, _Forged) and record.signed)):
                first_signed = isinstance(record, dict)
            if record is None or isinstance(record, _Forged):
                unreadable += 1
                if isinstance(record, _Forged):
                    forged += 1
                    between += 1
                else:
                    torn.append(raw)
                continue
            named = record.get("torn")
            if torn and isinstance(named, list):
                # the torn tail of a power cut, named by the next write: each may have held
                # a number (the mark outside can run ahead of the log's own write)
                kept = [line for line in torn if _torn_digest(line) not in named]
                between += len(torn) - len(kept)
                torn = kept
            if torn:
                damaged.append((n, len(torn)))
            torn = []
            trusted.append((n, between, record.get("begin") == n))
            between = 0
            if "op" in record:
                ops.setdefault(str(record["op"]["key"]), record["op"])
            elif "ack" in record:
                answered.update(str(k) for k in record["ack"])
            elif "rechained" in record:
                # journal lines re-chained onto central's head (desktop.rowseal): their
                # copies are never put back nor sent, as if answered
                answered.update(str(k) for k in record["rechained"])
                rechained.update(str(k) for k in record["rechained"])
        self._rechained = rechained
        begin = self.vault.mark().get("log_begin")
        gaps = _gaps(trusted, int(begin) if isinstance(begin, int) else None)
        if len(torn) > 1:  # only the last line can be torn by a power cut
            damaged.append((0, len(torn) - 1))
        return _Scan(list(ops.values()), answered, unreadable, forged, top,
                     first_signed is False, gaps, trusted[0][0] if trusted else 0, damaged)

    def pending(self) -> tuple[list[dict[str, Any]], int]:
        """The operations central has not answered, in order; and the unreadable lines."""
        ops, answered, unreadable = self.read()
        return [op for op in ops if op["key"] not in answered], unreadable

    # -- putting back ------------------------------------------------------------------

    def recover(self, writes: sessionmaker[Session]) -> Recovery:
        """Put back into the store what the log has and the store lost; see the module."""
        # one pass over the log, not one each for its operations, its forged lines and its
        # top line number (the MACs of a 1 MB log are checked once at start, not three times)
        self._sign_legacy_once(writes)
        scan = self._scan()
        everything, answered, forged, log_top = scan.ops, scan.answered, scan.forged, scan.top
        unreadable, key_missing = scan.unreadable - forged, scan.key_missing
        if "log_begin" not in self.vault.mark():
            # the first start that knows begin records: a log compacted before them (an
            # empty file, numbering went on) begins where its first line is; from now on
            # a head cut off it is told
            self.vault.raise_mark(log_begin=max(1, scan.first))
        unsealed = self._check_seals(writes, everything, answered)
        restored = lines = broken = 0
        mark = self.vault.mark()
        with writes() as s, s.begin():
            # (the log's own copies of these rows must not be appended again)
            s.info["oplog_recovering"] = True
            stored = list(s.scalars(select(OutboxOp)))
            known = {o.key for o in stored}
            logged = {str(op["key"]) for op in everything}
            # committed to the store when the log could not take it (a full disk): the
            # second copy gets it now
            # (only rows this counter wrote as they are: one written straight into the
            # store is never signed into the log — desktop.rowseal)
            owed = [{"op": _op_record(o)} for o in stored
                    if o.key not in logged and o.state == OutboxState.PENDING
                    and self.seal.outbox_ok(o.key, o.kind, o.data, o.mac)]
            # the journal's keys that the log names (not every line of a journal that only
            # grows: loading a year's lines to compare keys took seconds at every start)
            audit_keys = [str(op["key"]) for op in everything if op["kind"] == "audit"]
            journal: set[str] = set()
            for at in range(0, len(audit_keys), 500):
                journal.update(s.scalars(select(AuditEntry.key).where(
                    AuditEntry.key.in_(audit_keys[at:at + 500]))))
            # lines re-chained onto central's head: the log says so, and the store keeps
            # the old ones in refused_rows (either is enough: the log's record may not
            # have been written, the store may be an older copy) — a refused row only
            # under the seal the re-chaining put on it; one planted in the store would
            # stop a genuine line from being put back: moved aside and said
            rechained = set(self._rechained)
            planted = 0
            for row in list(s.scalars(select(RefusedRow).where(RefusedRow.source == REBASED))):
                if self.seal.rechained_ok(row.key, row.body):
                    rechained.add(row.key)
                    continue
                planted += 1
                row.source = "refused_rows"
                s.add(SyncIssue(op_key=row.key[:36], kind=UNSEALED, reason=UNSEALED,
                                created_at=dt.datetime.now(dt.UTC), message=(
                                    f"Kho dữ liệu (quaythu.db) có một dòng «đã nối lại» cho "
                                    f"dòng nhật ký {row.key} không do quầy này ghi (thiếu "
                                    "hoặc sai mã xác thực): không tin, dòng thật được lấy lại "
                                    "từ sổ thao tác. Báo trưởng quầy.")))
            top_seq = int(s.scalar(select(func.max(AuditEntry.seq))) or 0)
            top_hash = str(s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == top_seq))
                           or "")
            refused_journal: set[str] = set()
            receipt_top = request_top = slip_top = 0
            # numbers and journal lines from every operation ever logged (an old copy put
            # back lacks answered ones too); the outbox gets only the unanswered
            for op in everything:
                data = json.loads(op["data"]) if isinstance(op["data"], str) else op["data"]
                if op["kind"] == "payment":
                    number = str(data.get("receipt_no", ""))
                    if device_of_receipt(number) is not None:
                        receipt_top = max(receipt_top, int(number.rsplit("-", 1)[1]))
                if op["kind"] == "service_request":
                    request_top = max(request_top, request_number(str(data.get("ref", ""))))
                if op["kind"] == "deposit":
                    slip_top = max(slip_top, slip_number(str(data.get("slip_no", ""))))
                if op["kind"] == "audit" and op["key"] in rechained:
                    continue  # neither put back nor refused: its new line is in the journal
                if op["kind"] == "audit" and op["key"] not in journal \
                        and int(data["seq"]) == top_seq + 1:
                    if top_seq and (data["prev_hash"] != top_hash or data["hash"] != chain_hash(
                            data["prev_hash"], data["entry"])):
                        # does not continue the chain: refused, and so is what follows
                        broken += 1
                        refused_journal.add(op["key"])
                        continue
                    s.add(AuditEntry(seq=int(data["seq"]), key=op["key"],
                                     entry=canonical(data["entry"]),
                                     prev_hash=data["prev_hash"], hash=data["hash"]))
                    top_seq += 1
                    top_hash = str(data["hash"])
                    lines += 1
                elif op["kind"] == "audit" and op["key"] not in journal:
                    broken += 1
                    refused_journal.add(op["key"])
                    continue
                if op["key"] not in known and op["key"] not in answered:
                    s.add(OutboxOp(key=op["key"], kind=op["kind"], data=op["data"],
                                   created_at=dt.datetime.fromisoformat(op["created_at"]),
                                   attempts=0, state=OutboxState.PENDING))
                    restored += 1
            device = s.get(DeviceState, 1)
            raised = 0
            put_back = None
            marked = int(mark.get("receipt_seq", 0))
            marked_request = int(mark.get("request_seq", 0))
            if device is not None and (marked > max(device.receipt_seq, receipt_top)
                                       or marked_request > max(device.request_seq, request_top)
                                       or int(mark.get("log_seq", 0)) > log_top):
                # an older copy of the data folder than this counter has written: the
                # numbers continue after the mark kept outside it
                put_back = ("Thư mục dữ liệu của quầy cũ hơn lần ghi cuối (có thể đã bị chép "
                            "đè bằng tay): số phiếu thu tiếp tục sau số "
                            f"{max(marked, receipt_top)}; các khoản thu sau bản sao này có thể "
                            "không còn trên máy — báo trưởng quầy và chạy đồng bộ ngay.")
                logger.critical("data folder behind its mark: store receipt %d, log %d, "
                                "mark receipt %d / log line %d", device.receipt_seq,
                                log_top, marked, int(mark.get("log_seq", 0)))
            receipt_top = max(receipt_top, marked)
            if device is not None and receipt_top > device.receipt_seq:
                # the numbers customers hold are never issued again
                raised = receipt_top
                s.execute(update(DeviceState).where(DeviceState.id == 1)
                          .values(receipt_seq=receipt_top))
            # service-request and deposit-slip numbers too: central holds them unique
            request_top = max(request_top, marked_request)
            if device is not None and request_top > device.request_seq:
                s.execute(update(DeviceState).where(DeviceState.id == 1)
                          .values(request_seq=request_top))
            slip_top = max(slip_top, int(mark.get("slip", 0)))
            last_slip = s.get(StoreMark, LAST_SLIP)
            if slip_top and (last_slip is None or int(last_slip.value) < slip_top):
                s.merge(StoreMark(name=LAST_SLIP, value=str(slip_top)))
            if scan.gaps:
                self._said_missing(s, scan.gaps)
            if scan.damaged:
                self._said_damaged(s, scan.damaged)
            s.info.pop("oplog", None)  # what was put back is in the log already
        copied = 0
        if owed:
            with self._lock:
                self._unwritten.extend(owed)
            copied = len(owed) if self.retry() else 0
        if restored or lines or raised or copied:
            logger.warning("recovered from the operation log: %d operations, %d journal "
                           "lines, receipt numbers continue after %d; %d copied into the log",
                           restored, lines, raised, copied)
        if key_missing:
            logger.critical("operation log %s was signed under a key this counter does not "
                            "have (a moved data folder, a lost keyring): kept, not imported",
                            self.path)
        if forged or broken:
            logger.critical("operation log %s: %d lines refused (MAC fails), %d journal "
                            "lines refused (do not continue the chain)", self.path, forged,
                            broken)
        missing = sum(m for _f, _l, m in scan.gaps)
        if missing:
            logger.critical("operation log %s: %d signed lines missing (deleted by hand?) "
                            "at %s", self.path, missing,
                            ", ".join(f"{f}-{last}" for f, last, _m in scan.gaps))
        damaged = sum(k for _n, k in scan.damaged)
        if damaged:
            logger.critical("operation log %s: %d unreadable lines inside it (not a torn "
                            "last line) before lines %s", self.path, damaged,
                            [n for n, _k in scan.damaged])
        return Recovery(restored, lines, raised, unreadable, copied, forged, broken, put_back,
                        key_missing, unsealed + planted, missing,
                        tuple((f, last) for f, last, _m in scan.gaps), damaged,
                        tuple(n for n, _k in scan.damaged))

    @staticmethod
    def _said_missing(s: Session, gaps: list[tuple[int, int, int]]) -> None:
        """Each stretch of missing lines as a sync issue a supervisor must see and
        acknowledge; once (line numbers are never reused: the next start finds it)."""
        now = dt.datetime.now(dt.UTC)
        for first, last, missing in gaps:
            key = f"ops.log:{first}-{last}"[:36]
            if s.scalar(select(SyncIssue.id).where(SyncIssue.op_key == key,
                                                    SyncIssue.reason == LOG_GAP)) is None:
                s.add(SyncIssue(op_key=key, kind=LOG_GAP, reason=LOG_GAP, created_at=now,
                                message=missing_sentence(missing, [(first, last)])))

    @staticmethod
    def _said_damaged(s: Session, damaged: list[tuple[int, int]]) -> None:
        """Each stretch of unreadable lines inside the log as a sync issue, once (keyed by
        the signed line it stands before; 0: the end of the log, by the count)."""
        now = dt.datetime.now(dt.UTC)
        for before, count in damaged:
            key = f"ops.log:torn@{before}" if before else f"ops.log:torn@end+{count}"
            if s.scalar(select(SyncIssue.id).where(SyncIssue.op_key == key[:36],
                                                    SyncIssue.reason == LOG_GAP)) is None:
                s.add(SyncIssue(op_key=key[:36], kind=LOG_GAP, reason=LOG_GAP, created_at=now,
                                message=damaged_sentence(count, [before])))

    def _check_seals(self, writes: sessionmaker[Session], everything: list[dict[str, Any]],
                     answered: set[str]) -> int:
        """Rows of the store this counter did not write as they are (desktop.rowseal): the
        ones from before the seal sealed once where the signed log proves them; then the
        journal's end and the outbox checked. Before anything is signed into the log:
        what fails is never signed, never sent. The rows refused or put back."""
        now = dt.datetime.now(dt.UTC)
        with writes() as s, s.begin():
            s.info["oplog_recovering"] = True
            device = s.scalar(select(DeviceState.device_code).where(DeviceState.id == 1))
            head = self.vault.journal_head(device or "")
            if s.get(StoreMark, ROWS_SEALED) is None:
                first = not self.vault.mark().get(ROWS_SEALED)
                seal_legacy(s, self.seal, everything, head, first)
                self.vault.raise_mark(**{ROWS_SEALED: 1})
            moved = set_aside_journal_tail(s, self.seal, now, head[0] if head else 0)
            refused, restored = set_aside_outbox(
                s, self.seal, now,
                {str(op["key"]): op for op in everything if op["key"] not in answered})
        return moved + refused + restored

    def compact(self, at_least: int = 1 << 20) -> None:
        """Start the log afresh once central has answered everything in it (at start) and
        it holds ``at_least`` bytes. The fresh file's first line, signed, says where it
        begins (numbering goes on): a head cut off it later is told (:func:`_gaps`)."""
        pending, unreadable = self.pending()
        if pending or unreadable or not self.path.exists() or self.path.stat().st_size < at_least:
            return
        with self._lock:
            if self._seq is None:
                self._seq = max(self._top_seq(), int(self.vault.mark().get("log_seq", 0)))
            n = self._seq + 1
            fresh = self.path.with_name(self.path.name + ".new")
            try:
                fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                try:
                    line = _line(self.vault.secret, n, {"begin": n}).encode("utf-8")
                    if os.write(fd, line) != len(line):
                        raise OSError(28, "No space left on device")
                    os.fsync(fd)
                finally:
                    os.close(fd)
                os.replace(fresh, self.path)
            except OSError as exc:  # the old log stays whole: compacted at a later start
                fresh.unlink(missing_ok=True)
                logger.warning("operation log %s not compacted: %s", self.path, exc)
                return
            self._seq = n
            self.vault.raise_mark(log_seq=n, log_begin=n)
