"""The counter's one link to central: enrolment, the client, the sync loop, live calls.

Nothing outside this module builds a :class:`CentralClient` or a
:class:`SyncEngine`: the window, the command line and the tests ask the
application's link (``app.link``). The loop is the only thing that sends
outbox rows; it wakes on a committed payment, void, request or shift close
(events of this process) and on pending rows another process on the same
store committed (``simulate-counter`` beside ``quaythu sync``), backs off
with jitter while central is away, and stops cleanly.

The link is *active* only where the process should talk to central (the
window of an enrolled counter, ``quaythu sync``); an inactive link answers
live checks and VietQR as an offline counter does, without touching the
network.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from db.models import AuditEntry, DeviceState, OutboxOp
from desktop.errors import QuayThuError
from desktop.events import (
    Event,
    PaymentCommitted,
    PaymentVoided,
    RequestTaken,
    ShiftClosed,
    SyncFinished,
)
from desktop.staff.auth import Actor

if TYPE_CHECKING:
    from desktop.app import App
    from desktop.link.sync.client import CentralClient
    from desktop.link.sync.engine import IssueView, SyncEngine, SyncReport, SyncStatus
    from desktop.money.agent import Found
    from desktop.money.deposits import Candidates
    from desktop.money.live_check import LiveCheck
    from desktop.money.qr_payments import QrIntent

logger = logging.getLogger(__name__)

#: how often the idle loop looks for rows another process left in the outbox
WATCH_SECONDS = 0.5
#: the longest wait between two tries while central is away
MAX_BACKOFF = 300.0
#: a device token is renewed this long before it would expire
RENEW_BEFORE = dt.timedelta(days=30)


def backoff(failures: int, *, base: float = 2.0, cap: float = MAX_BACKOFF,
            rng: Callable[[float, float], float] = random.uniform) -> float:
    """Seconds to wait after ``failures`` failed tries in a row: doubling, capped, jittered
    (full jitter in the upper half, so that a branch's counters do not retry in step)."""
    return min(cap, base ** min(max(failures, 1), 16)) * rng(0.5, 1.0)


class Link:
    """Everything that talks to central, for one application (one store)."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._lock = threading.Lock()
        self._client: CentralClient | None = None
        self._client_for: tuple[str, str, str | None] | None = None
        self._engine: SyncEngine | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self.active = False
        #: seconds between two syncs when nothing wakes the loop
        self.interval = float(app.settings.sync_interval_seconds)
        self._unsubscribe = app.events.subscribe(Event, self._on_event)

    # -- identity ---------------------------------------------------------------

    def is_enrolled(self) -> bool:
        from desktop.link.device import is_enrolled

        return is_enrolled(self._app)

    def enrol(self, central_url: str, code: str, name: str | None = None, *,
              ca_bundle: str | None = None, allow_http: bool = False) -> DeviceState:
        from desktop.link.device import enrol

        return enrol(self._app, central_url, code, name, ca_bundle=ca_bundle,
                     allow_http=allow_http)

    # -- the client and the engine ------------------------------------------------

    def client(self) -> CentralClient:
        """The HTTP client for the enrolled device (rebuilt when its address changes)."""
        from desktop.link.device import NotEnrolled, load_token
        from desktop.link.device import _verify as verify_for
        from desktop.link.sync.client import CentralClient

        with self._app.sessions() as s:
            device = s.get(DeviceState, 1)
            where = (device.central_url, device.device_code, device.ca_bundle) if device else None
        if where is None:
            raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm: "
                              "chạy 'quaythu enrol --central URL --code MÃ'.")
        with self._lock:
            if self._client is None or self._client_for != where:
                if self._client is not None:
                    self._client.close()
                self._client = CentralClient(where[0], load_token(self._app),
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
                self._engine = SyncEngine(self._app.sessions, client, writes=self._app.writes,
                                          events=self._app.events,
                                          answered=self._app.oplog.acknowledge,
                                          store=self._app.store_path)
            return self._engine

    def _live_client(self) -> CentralClient | None:
        """The client for a live call, or None when this process works offline."""
        if not self.active:
            return None
        try:
            return self.client()
        except QuayThuError:
            return None

    # -- sync -------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        engine = self.engine
        try:
            report = engine.sync_once()
        finally:
            # every answer carried central's time: how far off this machine's clock is
            self._app.clock.observe(engine.client.clock_skew)
        self._renew_if_due(engine.client)
        self._check_numbers(engine.client)
        return report

    def _check_numbers(self, client: CentralClient) -> None:
        """Never number below what central holds of this device (an old copy of the store
        put back without its ops.log): the receipt counter rises to central's last number;
        a journal shorter than central's means lines are missing here, and no cash is taken
        until they are recovered."""
        from sqlalchemy import update

        try:
            last_receipt, audit_seq = client.numbers()
        except QuayThuError as exc:
            logger.info("numbering check skipped (%s)", type(exc).__name__)
            return
        with self._app.sessions() as s:  # a read: the write lock only when a number moves
            ours = s.scalar(select(DeviceState.receipt_seq).where(DeviceState.id == 1))
            local = int(s.scalar(select(func.max(AuditEntry.seq))) or 0)
        if ours is not None and last_receipt > ours:
            logger.warning("receipt numbers continue after central's %d (the store had %d)",
                           last_receipt, ours)
            with self._app.writes() as s, s.begin():
                s.execute(update(DeviceState).where(DeviceState.id == 1,
                                                    DeviceState.receipt_seq < last_receipt)
                          .values(receipt_seq=last_receipt))
        if audit_seq > local:
            self._app.store_problem = (
                f"Nhật ký thao tác của quầy thiếu {audit_seq - local} dòng mà trung tâm đã có "
                "(kho dữ liệu được chép lại từ bản cũ?): tạm ngừng thu tiền. Đặt lại ops.log "
                "bên cạnh kho rồi khởi động lại, hoặc báo bộ phận hỗ trợ.")
            logger.critical("journal behind central: local %d, central %d", local, audit_seq)

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
        save_token(self._app, token)
        self._keep_receipt_key(receipt_key)
        with self._lock:
            self._client_for = None  # the next call builds a client with the new token
        logger.info("device token renewed")

    def _keep_receipt_key(self, key: object) -> None:
        from sqlalchemy import update

        if isinstance(key, str) and 32 <= len(key) <= 64:
            with self._app.writes() as s, s.begin():
                s.execute(update(DeviceState).where(DeviceState.id == 1)
                          .values(receipt_key=key))

    def renew_with_code(self, code: str) -> DeviceState:
        """An administrator's renewal code gives this (enrolled) device a new token; its
        store, outbox and numbering stay as they are."""
        from desktop.link.device import NotEnrolled, _enrol_key, _verify, save_token
        from desktop.link.sync.client import CentralClient as Client

        with self._app.sessions() as s:
            device = s.get(DeviceState, 1)
            if device is None:
                raise NotEnrolled("Thiết bị chưa đăng ký: dùng mã đăng ký, không phải mã gia "
                                  "hạn.")
            s.expunge(device)
        client = Client(device.central_url, verify=_verify(device.ca_bundle))
        try:
            body = client.enrol(code, device.device_code, _enrol_key(self._app))
        finally:
            client.close()
        if body["device_id"] != device.device_id:
            raise QuayThuError("Mã này cấp cho một thiết bị khác; không dùng được cho quầy này "
                               "(dữ liệu của quầy không thay đổi).")
        save_token(self._app, body["token"])
        self._keep_receipt_key(body.get("receipt_key"))
        with self._lock:
            self._client_for = None
        return device

    def pull_until_staff(self) -> str | None:
        """Right after enrolment no one can sign in yet: pull until someone can, no further.

        A page at a time: the rest of a big unit comes down on the sync loop with
        the window open. Returns what went wrong, in Vietnamese, or None.
        """
        auth = self._app.auth
        if auth.has_staff():
            return None
        try:
            for _ in range(100_000):
                # the log's first pages, not the snapshot: the sign-in screen waits for the
                # staff only (the sync loop then takes the snapshot in their place)
                pulled, _cursor = self.engine.pull_once(max_pages=1, snapshot=False)
                if auth.has_staff() or pulled == 0:
                    break
        except QuayThuError as exc:
            return exc.user_message
        return None if auth.has_staff() else "Máy chủ trung tâm chưa có nhân viên nào cho đơn vị này."

    def status(self) -> SyncStatus:
        return self.engine.status()

    def open_issues(self) -> tuple[IssueView, ...]:
        return self.engine.open_issues()

    def acknowledge(self, actor: Actor, issue_id: int) -> None:
        self.engine.acknowledge(actor, issue_id)

    # -- live calls (short timeouts; offline falls back) ------------------------------

    def check_bills(self, account_id: int) -> LiveCheck:
        from desktop.money.live_check import check_bills

        return check_bills(self._app.sessions, self._live_client(), account_id)

    def start_qr(self, actor: Actor, account_id: int, *,
                 bill_ids: Sequence[int] | None = None) -> QrIntent:
        return self._app.qr.start(actor, account_id, self._live_client(), bill_ids=bill_ids)

    def poll_qr(self, intent: QrIntent, *, cancel: bool = False) -> QrIntent:
        from desktop.money.qr_payments import QrUnavailable

        client = self._live_client()
        if client is None:
            raise QrUnavailable("Ngoại tuyến: không hỏi được trạng thái mã VietQR.")
        return self._app.qr.poll(client, intent, cancel=cancel)

    def reconcile_shift(self, actor: Actor, shift_key: str) -> tuple[str, ...]:
        """Push the shift report, then compare central's totals with the counter's."""
        self.sync_once()
        central: Mapping[str, object] = self.client().shift_reconciliation(shift_key)
        return self._app.shifts.reconcile(actor, shift_key, central)

    def deposit_candidates(self, actor: Actor) -> Candidates:
        """The turn-ins the head cashier may deposit: central's list of the unit's when
        online (every counter's), else this counter's own."""
        remote: list[dict[str, object]] | None = None
        client = self._live_client()
        if client is not None:
            try:
                remote = list(client.undeposited_turn_ins())
            except QuayThuError as exc:
                logger.info("undeposited turn-ins unavailable: %s", type(exc).__name__)
        return self._app.deposits.candidates(actor, remote)

    def agent_find(self, actor: Actor, code: str) -> Found:
        """An agent's look-up: the exact code, asked of central when online."""
        return self._app.agent.find(actor, code, self._live_client())

    def remittances(self) -> dict[str, Any] | None:
        """This agent's remittance history from central; None offline."""
        client = self._live_client()
        if client is None:
            return None
        try:
            return client.remittances()
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
        self._thread = threading.Thread(target=self.run, name="sync", daemon=True)
        self._thread.start()

    def sync_now(self) -> None:
        """"Đồng bộ ngay": the loop's next turn starts at once."""
        self._wake.set()

    def stop(self, timeout: float = 15.0) -> None:
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
                self._app.events.publish(SyncFinished(0, 0, 0, message))
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

    def pending(self) -> int:
        """Operations waiting to be sent (journal lines not counted); needs no central."""
        with self._app.sessions() as s:
            return int(s.scalar(select(func.count()).select_from(OutboxOp).where(
                OutboxOp.state == "pending", OutboxOp.kind != "audit")) or 0)

    def _outbox_waiting(self) -> bool:
        try:
            with self._app.sessions() as s:
                return bool(s.scalar(select(func.count()).select_from(OutboxOp)
                                     .where(OutboxOp.state == "pending")))
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
