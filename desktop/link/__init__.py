"""The counter's one link to central: enrolment, the client, the sync loop, live calls.

Nothing outside this package builds a :class:`CentralClient` or a
:class:`SyncEngine`: the window, the command line and the tests ask the
application's link (``app.link``). The loop is the only thing that sends
outbox rows; it wakes on a committed payment, void, request or shift close
(events of this process) and on pending rows another process on the same
store committed (``simulate-counter`` beside ``quaythu sync``), backs off
with jitter while central is away, and stops cleanly.

The link sits below the core. The composition root (``desktop/app.py``) hands
it the parts it uses — the store's reader and writer sessions, the event bus,
the data folder, settings values, and callbacks for the operation log, the
clock check, the checks that stop cash and the journal — and it imports
nothing of ``desktop/`` but ``db``, itself and the leaves ``contract``,
``events`` and ``errors`` (``tests/unit/test_layering.py``). The core's
services ask central through narrow protocols they define (the live check's
``BillSource``, the VietQR session's ``IntentDesk``, the agent's
``AccountSource``…); this class implements them.

The link is *active* only where the process should talk to central (the
window of an enrolled counter, ``quaythu sync``); an inactive link answers
every live call with :class:`desktop.errors.CentralOffline`, without touching
the network, and the core then works as an offline counter does.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import AuditEntry, DeviceState, OutboxOp
from desktop.contract import OutboxState
from desktop.errors import CentralOffline, CentralRefused, NotEnrolled, QuayThuError
from desktop.events import (
    Event,
    EventBus,
    PaymentCommitted,
    PaymentVoided,
    RequestTaken,
    ShiftClosed,
    SyncFinished,
)
from desktop.link import background

if TYPE_CHECKING:
    from desktop.link.device import Journal
    from desktop.link.sync.client import CentralClient
    from desktop.link.sync.engine import SyncEngine, SyncReport
    from desktop.rowseal import RowSeal

logger = logging.getLogger(__name__)

#: how often the idle loop looks for rows another process left in the outbox
WATCH_SECONDS = 0.5
#: the longest wait between two tries while central is away
MAX_BACKOFF = 300.0
#: the sync issue's reason when central holds more journal lines than the store
JOURNAL_BEHIND = "journal-behind"
#: a device token is renewed this long before it would expire
RENEW_BEFORE = dt.timedelta(days=30)


def backoff(failures: int, *, base: float = 2.0, cap: float = MAX_BACKOFF,
            rng: Callable[[float, float], float] = random.uniform) -> float:
    """Seconds to wait after ``failures`` failed tries in a row: doubling, capped, jittered
    (full jitter in the upper half, so that a branch's counters do not retry in step)."""
    return min(cap, base ** min(max(failures, 1), 16)) * rng(0.5, 1.0)


class Link:
    """Everything that talks to central, for one application (one store)."""

    def __init__(self, reads: sessionmaker[Session], writes: sessionmaker[Session],
                 events: EventBus, data_dir: Path, *, store_path: Path | None = None,
                 interval: float = 60.0,
                 answered: Callable[[list[str]], None] = lambda _keys: None,
                 clock_seen: Callable[[float | None], None] = lambda _skew: None,
                 stop_cash: Callable[[str], None] = lambda _why: None,
                 has_staff: Callable[[], bool] = lambda: True,
                 journal: Journal | None = None,
                 open_sealed: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None,
                 before_push: Callable[[Any, list[dict[str, Any]]], None] | None = None,
                 pushed: Callable[[list[dict[str, Any]]], None] | None = None,
                 seal: RowSeal | None = None,
                 rechained: Callable[[str, int, str, tuple[str, ...]], None] | None = None
                 ) -> None:
        """``answered``: the keys central answered, once their answers are stored (the
        operation log); ``clock_seen``: this machine's clock minus central's after each
        sync (the clock check); ``stop_cash``: why no cash may be taken from now on (the
        journal is behind central's); ``has_staff``: whether anyone can sign in yet;
        ``journal``: the audit journal's append, for enrolment's line; ``rechained``: told,
        inside the write transaction that re-chained the journal onto central's head, the
        device, the new head (seq, hash) and the old lines' keys (the mark and the log)."""
        self._reads, self._writes, self._events = reads, writes, events
        self._data_dir, self._store_path = data_dir, store_path
        self._answered, self._clock_seen, self._stop_cash = answered, clock_seen, stop_cash
        self._has_staff = has_staff
        self._journal = journal
        #: opens the personal values sealed in outbox rows (desktop.personal)
        self._open_sealed = open_sealed
        #: a request's documents sent before it, dropped here once central took it
        self._before_push, self._pushed = before_push, pushed
        #: the outbox rows' seal, checked before each is sent (desktop.rowseal)
        self._seal = seal
        self._rechained = rechained
        self._lock = threading.Lock()
        self._client: CentralClient | None = None
        self._client_for: tuple[str, str, str | None] | None = None
        self._engine: SyncEngine | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self.active = False
        #: seconds between two syncs when nothing wakes the loop
        self.interval = float(interval)
        #: called when the link is started and stopped (the core's loops that need central,
        #: the VietQR session's among them, start and stop with it; wired by the root)
        self.on_start: list[Callable[[], None]] = []
        self.on_stop: list[Callable[[], None]] = []
        self._unsubscribe = events.subscribe(Event, self._on_event)
        #: a first sync that gave up on central's snapshot before this start (read now,
        #: not when a window asks)
        self._snapshot_given_up: str | None = None
        if store_path is not None and (store_path.with_name("snapshots") / "log-only").exists():
            from desktop.link.sync.engine import snapshot_notice_at

            self._snapshot_given_up = snapshot_notice_at(store_path)

    @property
    def snapshot_notice(self) -> str | None:
        """What to tell a supervisor when the first sync took the change log because
        central's snapshot failed its hash twice (None: it did not)."""
        if self._engine is not None and self._engine.snapshot_notice:
            return self._engine.snapshot_notice
        return self._snapshot_given_up

    # -- identity ---------------------------------------------------------------

    def is_enrolled(self) -> bool:
        from desktop.link.device import is_enrolled

        return is_enrolled(self._reads)

    def enrol(self, central_url: str, code: str, name: str | None = None, *,
              ca_bundle: str | None = None, allow_http: bool = False,
              setup_pending: bool = False) -> DeviceState:
        """Enrol this data folder as a device of the unit the one-time code is for
        (:func:`desktop.link.device.enrol`)."""
        from desktop.link.device import enrol

        if self._journal is None:
            raise QuayThuError("Liên kết chưa được nối với nhật ký; không đăng ký được.")
        return enrol(self._reads, self._writes, self._data_dir, self._journal, central_url,
                     code, name, ca_bundle=ca_bundle, allow_http=allow_http,
                     setup_pending=setup_pending)

    def set_central_url(self, url: str) -> None:
        """``quaythu demo``: the embedded central's new port (same device, same token)."""
        from desktop.link.device import set_central_url

        set_central_url(self._writes, url)

    # -- the client and the engine ------------------------------------------------

    def client(self) -> CentralClient:
        """The HTTP client for the enrolled device (rebuilt when its address changes)."""
        from desktop.link.device import _verify as verify_for
        from desktop.link.device import load_token
        from desktop.link.sync.client import CentralClient

        with self._reads() as s:
            device = s.get(DeviceState, 1)
            where = (device.central_url, device.device_code, device.ca_bundle) if device else None
        if where is None:
            raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm: "
                              "chạy 'quaythu enrol --central URL --code MÃ'.")
        with self._lock:
            if self._client is None or self._client_for != where:
                if self._client is not None:
                    self._client.close()
                self._client = CentralClient(where[0], load_token(self._data_dir),
                                             verify=verify_for(where[2]))
                self._client_for = where
                if self._engine is not None:
                    self._engine.client = self._client
            return self._client

    @property
    def engine(self) -> SyncEngine:
        from desktop.link.sync.engine import SyncEngine

        client = self.client()
        with self._lock:
            if self._engine is None:
                self._engine = SyncEngine(self._reads, client, writes=self._writes,
                                          events=self._events, answered=self._answered,
                                          store=self._store_path,
                                          open_sealed=self._open_sealed,
                                          before_push=self._before_push,
                                          pushed=self._pushed, seal=self._seal,
                                          before_sync=self._rechain_if_forked)
            return self._engine

    def _live_client(self) -> CentralClient:
        """The client for a live call; :class:`CentralOffline` when this process works
        offline (an inactive link, a device not enrolled)."""
        if not self.active:
            raise CentralOffline("Ngoại tuyến: không hỏi máy chủ trung tâm.")
        try:
            return self.client()
        except NotEnrolled as exc:
            raise CentralOffline(exc.user_message) from exc

    @property
    def online(self) -> bool | None:
        """What the last sync of this process found (None: none yet in this process)."""
        return self._engine.online if self._engine is not None else None

    # -- sync -------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        engine = self.engine
        try:
            report = engine.sync_once()
        finally:
            # every answer carried central's time: how far off this machine's clock is
            self._clock_seen(engine.client.clock_skew)
        self._renew_if_due(engine.client)
        self._check_numbers(engine.client)
        return report

    def _rechain_if_forked(self, client: CentralClient) -> None:
        """Before anything is pushed: journal lines waiting to be sent that do not continue
        central's chain (a data folder put back from an old copy with its mark lost) are
        re-chained onto central's head, or after the unsent lines that go on from it (a
        copy put back with its mark kept: desktop.rowseal.rechain_journal), so that central
        refuses neither them nor the payments they record. Central is asked for its head
        only when a journal line waits, and for the hashes of its lines only when the
        store does not hold its head; the store is written only when a line forks."""
        from desktop.rowseal import fork_at, rechain_journal, unsent_lines

        if self._seal is None:
            return  # lines this counter sealed cannot be told from planted ones: never
        with self._reads() as s:
            waiting = s.scalar(select(OutboxOp.seq).where(
                OutboxOp.kind == "audit", OutboxOp.state == OutboxState.PENDING).limit(1))
        if waiting is None:
            return
        central = client.audit_head()
        with self._reads() as s:
            unsent = unsent_lines(s)
            if s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == central[0])) \
                    == central[1] and fork_at([u for u in unsent if u[0] > central[0]],
                                              central, {}) is None:
                # the store holds central's head and the lines above it go on from it, one
                # after the other (a copy put back with its mark kept goes on after the
                # mark's line, which central never received: that forks, below)
                return
        hashes: dict[int, str] = {}
        asked = [seq for seq, _prev, _hash in unsent if seq <= central[0]]
        first = min(asked, default=1)
        try:
            while asked and first <= asked[-1]:  # central answers 1000 lines at most at once
                hashes.update(client.audit_hashes(first, asked[-1]))
                first += 1000
        except CentralRefused as exc:
            if exc.status not in (404, 405):
                raise
            # a central from before the endpoint: pushed as before (it judges each line)
            logger.warning("central gives no journal hashes (%d): fork not checked",
                           exc.status)
            return
        fork = fork_at(unsent, central, hashes)
        if fork is None:
            return
        # the line the fork goes on from must be one central holds as it is (an old copy):
        # a history rewritten after it was pushed is central's to refuse and alert on
        with self._reads() as s:
            base = s.execute(select(AuditEntry.seq, AuditEntry.hash).where(
                AuditEntry.seq < fork).order_by(AuditEntry.seq.desc()).limit(1)).first()
        # unsent lines that go on from central's head below the fork are pushed as they
        # are, first: the forked ones are re-chained after the last of them
        chain = [(q, d) for q, _p, d in unsent if central[0] < q < fork]
        onto = chain[-1] if chain else central
        if chain:
            if base is None or (base.seq, base.hash) != onto:
                logger.error("journal forks at line %d above unsent lines that are not the "
                             "store's: not re-chained", fork)
                return
        elif base is not None:
            held = hashes.get(base.seq) or client.audit_hashes(base.seq, base.seq).get(base.seq)
            if held != base.hash:
                logger.error("journal line %d differs from central's: history rewritten, "
                             "not re-chained", base.seq)
                return
        with self._writes() as s, s.begin():
            done = rechain_journal(s, self._seal, dt.datetime.now(dt.UTC), onto, fork,
                                   (base.seq, base.hash) if base is not None else (0, ""))
            if done is not None and done.lines and self._rechained is not None:
                # the mark and the log learn it before the commit: a mark left on the old
                # copy's line would fork the next line again
                device = s.scalar(select(DeviceState.device_code).where(DeviceState.id == 1))
                self._rechained(device or "", done.head[0], done.head[1], done.old_keys)

    def _check_numbers(self, client: CentralClient) -> None:
        """Never number below what central holds of this device (an old copy of the store
        put back without its ops.log): the receipt counter rises to central's last number.
        A journal shorter than central's means lines are missing here: said to the
        supervisor (a sync issue, once), and cash goes on — the next lines are re-chained
        onto central's head before they are pushed (:meth:`_rechain_if_forked`), so the
        payments they record are applied. Only a link without the row seal (which cannot
        tell the counter's lines from planted ones, so never re-chains) stops the cash."""
        from sqlalchemy import update

        try:
            last_receipt, audit_seq = client.numbers()
        except QuayThuError as exc:
            logger.info("numbering check skipped (%s)", type(exc).__name__)
            return
        with self._reads() as s:  # a read: the write lock only when a number moves
            ours = s.scalar(select(DeviceState.receipt_seq).where(DeviceState.id == 1))
            local = int(s.scalar(select(func.max(AuditEntry.seq))) or 0)
        if ours is not None and last_receipt > ours:
            logger.warning("receipt numbers continue after central's %d (the store had %d)",
                           last_receipt, ours)
            with self._writes() as s, s.begin():
                s.execute(update(DeviceState).where(DeviceState.id == 1,
                                                    DeviceState.receipt_seq < last_receipt)
                          .values(receipt_seq=last_receipt))
        if audit_seq > local and self._seal is not None:
            self._journal_behind(audit_seq, local)
        elif audit_seq > local:
            self._stop_cash(
                f"Nhật ký thao tác của quầy thiếu {audit_seq - local} dòng mà trung tâm đã có "
                "(kho dữ liệu được chép lại từ bản cũ?): tạm ngừng thu tiền. Đặt lại ops.log "
                "bên cạnh kho rồi khởi động lại, hoặc báo bộ phận hỗ trợ.")
            logger.critical("journal behind central: local %d, central %d", local, audit_seq)

    def _journal_behind(self, central: int, local: int) -> None:
        from db.models import SyncIssue

        with self._writes() as s, s.begin():
            if s.scalar(select(SyncIssue.id).where(SyncIssue.reason == JOURNAL_BEHIND,
                                                   SyncIssue.acknowledged_at.is_(None))
                        .limit(1)) is not None:
                return  # said already, and not acknowledged yet
            s.add(SyncIssue(op_key="journal", kind="journal", reason=JOURNAL_BEHIND,
                            created_at=dt.datetime.now(dt.UTC),
                            message=f"Nhật ký thao tác của quầy thiếu {central - local} dòng mà "
                                    "trung tâm đã có (kho dữ liệu được chép lại từ bản cũ?): "
                                    f"các dòng mới được nối tiếp sau dòng {central} của trung "
                                    "tâm, vẫn thu tiền được. Báo trưởng quầy kiểm tra."))
        logger.critical("journal behind central: local %d, central %d", local, central)

    def _renew_if_due(self, client: CentralClient) -> None:
        """Renew the device token when it expires within ``RENEW_BEFORE``: a counter that
        syncs never reaches its token's end."""
        from desktop.link.device import save_token

        expires = client.token_expires
        if expires is None or expires - dt.datetime.now(dt.UTC) > RENEW_BEFORE:
            return
        try:
            token, receipt_key = client.renew()
        except QuayThuError as exc:
            logger.warning("token renewal failed (%s); tried again at the next sync", exc)
            return
        save_token(self._data_dir, token)
        self._keep_receipt_key(receipt_key)
        with self._lock:
            self._client_for = None  # the next call builds a client with the new token
        logger.info("device token renewed")

    def _keep_receipt_key(self, key: object) -> None:
        from desktop.vault import keep_receipt_key

        if isinstance(key, str) and 32 <= len(key) <= 64:
            keep_receipt_key(self._data_dir, key)  # beside the token, never in the store

    def renew_with_code(self, code: str) -> DeviceState:
        """An administrator's renewal code gives this (enrolled) device a new token; its
        store, outbox and numbering stay as they are."""
        from desktop.link.device import _verify, enrol_key, save_token
        from desktop.link.sync.client import CentralClient as Client

        with self._reads() as s:
            device = s.get(DeviceState, 1)
            if device is None:
                raise NotEnrolled("Thiết bị chưa đăng ký: dùng mã đăng ký, không phải mã gia "
                                  "hạn.")
            s.expunge(device)
        client = Client(device.central_url, verify=_verify(device.ca_bundle))
        try:
            body = client.enrol(code, device.device_code, enrol_key(self._data_dir))
        finally:
            client.close()
        if body["device_id"] != device.device_id:
            raise QuayThuError("Mã này cấp cho một thiết bị khác; không dùng được cho quầy này "
                               "(dữ liệu của quầy không thay đổi).")
        save_token(self._data_dir, body["token"])
        self._keep_receipt_key(body.get("receipt_key"))
        with self._lock:
            self._client_for = None
        return device

    def pull_until_staff(self) -> str | None:
        """Right after enrolment no one can sign in yet: pull until someone can, no further.

        A page at a time: the rest of a big unit comes down on the sync loop with
        the window open. Returns what went wrong, in Vietnamese, or None.
        """
        has_staff = self._has_staff
        if has_staff():
            return None
        try:
            for _ in range(100_000):
                # the log's first pages, not the snapshot: the sign-in screen waits for the
                # staff only (the sync loop then takes the snapshot in their place)
                pulled, _cursor = self.engine.pull_once(max_pages=1, snapshot=False)
                if has_staff() or pulled == 0:
                    break
        except QuayThuError as exc:
            return exc.user_message
        return None if has_staff() else "Máy chủ trung tâm chưa có nhân viên nào cho đơn vị này."

    # -- live calls: what the core's services ask central (short timeouts) ---------------
    # Each raises CentralOffline when this process works offline, CentralUnreachable when
    # central does not answer, CentralRefused with its problem, all from desktop.errors.

    def account_bills(self, code: str) -> dict[str, Any]:
        """An account's bills as central holds them (the live check before money)."""
        return self._live_client().account_bills(code)

    def fetch_account(self, code: str) -> None:
        """Central's account of this exact code and its bills, kept in the store as the
        change log would bring them (an agent's look-up)."""
        from desktop.link.sync.apply import apply_page

        body = self._live_client().account_bills(code)
        changes = [{"entity": "account", "op": "upsert", "data": body["account"], "seq": 0}]
        changes += [{"entity": "bill", "op": "upsert", "data": b, "seq": 0}
                    for b in body["bills"]]
        with self._writes() as s, s.begin():
            apply_page(s.connection(), changes)

    def create_intent(self, key: str, account_code: str, bills: Sequence[str],
                      amount: int) -> dict[str, Any]:
        """Central's VietQR intent for these bills, made once per ``key`` (asking again
        with the same key answers the same intent, whatever became of it)."""
        return self._live_client().create_intent(account_code, list(bills), amount, key=key)

    def intent(self, reference: str, *, cancel: bool = False) -> dict[str, Any]:
        """A VietQR intent as central holds it; ``cancel`` withdraws it if still pending."""
        return self._live_client().intent(reference, cancel=cancel)

    def shift_reconciliation(self, shift_key: str) -> dict[str, Any]:
        """Central's totals of a shift, after pushing what this counter holds of it."""
        client = self._live_client()
        self.sync_once()
        return client.shift_reconciliation(shift_key)

    def undeposited_turn_ins(self) -> list[dict[str, Any]]:
        """The unit's accepted turn-ins no deposit has taken (every counter's)."""
        return self._live_client().undeposited_turn_ins()

    def remittances(self) -> dict[str, Any] | None:
        """This agent's remittance history from central; None offline."""
        try:
            return self._live_client().remittances()
        except QuayThuError as exc:
            logger.info("remittances unavailable: %s", type(exc).__name__)
            return None

    def audit_head(self) -> tuple[int, str]:
        return self.client().audit_head()

    # -- the loop -------------------------------------------------------------------

    def start(self, *, interval: float | None = None) -> None:
        """Activate the link and run the sync loop on its own thread."""
        if interval is not None:
            self.interval = interval
        self.active = True
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        # below the window's priority: a first sync is minutes of work, a search a key
        self._thread = background.thread(self.run, "sync")
        self._thread.start()
        for started in self.on_start:
            started()

    def sync_now(self) -> None:
        """"Đồng bộ ngay": the loop's next turn starts at once."""
        self._wake.set()

    def stop(self, timeout: float = 15.0) -> None:
        for stopping in self.on_stop:
            stopping()
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def close(self) -> None:
        self.stop()
        self._unsubscribe()
        with self._lock:
            if self._client is not None:
                self._client.close()
            self._client = None

    def run(self, max_turns: int | None = None) -> None:
        """Sync until stopped (or ``max_turns`` turns); never dies of one failure."""
        failures = 0
        turn = 0
        while not self._stop.is_set() and (max_turns is None or turn < max_turns):
            turn += 1
            self._wake.clear()
            try:
                self.sync_once()
                failures = 0
                wait = self.interval
            except QuayThuError as exc:
                failures += 1
                wait = backoff(failures)
                logger.warning("sync failed (%s); next try in %.0f s", exc.detail or exc, wait)
            except Exception as exc:  # the loop outlives any one failure, and says so
                failures += 1
                wait = backoff(failures)
                logger.exception("sync loop error; next try in %.0f s", wait)
                message = _unexpected(exc)
                self._note_failure(message)
                self._events.publish(SyncFinished(0, 0, 0, message))
            self._idle(wait, online=failures == 0)

    def _note_failure(self, message: str) -> None:
        """``quaythu status`` and the window say what went wrong, not "online"."""
        try:
            engine = self.engine
            engine.online = False
            engine.record(error=message)
        except Exception:  # the store itself may be what failed: the log has it
            logger.debug("could not record the sync failure", exc_info=True)

    def _idle(self, seconds: float, *, online: bool) -> None:
        """Wait until the next turn: the time is up, someone woke the loop, or (online)
        another process on this store left rows in the outbox."""
        deadline = time.monotonic() + seconds
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if self._wake.wait(min(WATCH_SECONDS, left)):
                return
            if online and self._outbox_waiting():
                return

    def _outbox_waiting(self) -> bool:
        try:
            with self._reads() as s:
                return bool(s.scalar(select(func.count()).select_from(OutboxOp)
                                     .where(OutboxOp.state == OutboxState.PENDING)))
        except Exception:  # a busy or failing store: the timer still brings the next turn
            logger.debug("outbox watch failed", exc_info=True)
            return False

    def _on_event(self, event: Event) -> None:
        # what must reach central wakes the loop: pushed within a couple of seconds
        if self.active and isinstance(event, PaymentCommitted | PaymentVoided | RequestTaken
                                      | ShiftClosed):
            self._wake.set()


def _unexpected(exc: BaseException) -> str:
    from desktop.errors import as_core_error

    typed = as_core_error(exc)
    if typed is not None:
        return typed.user_message
    return f"Lỗi không mong đợi khi đồng bộ ({type(exc).__name__}); đã ghi nhật ký."
