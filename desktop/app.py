"""The composition root: the one place that wires store, settings and services.

The GUI, the command line and the tests all build the application here, each
with their own data directory or store file.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker

from db import errors as store_errors
from db.engine import Checkpointer, make_session_factory, make_writer_factory, open_store
from desktop.clock import ClockCheck
from desktop.config import Settings
from desktop.device_settings import DeviceSettings
from desktop.documents import DocumentStore, dropper, uploader
from desktop.errors import StoreUnavailable, as_core_error
from desktop.events import DemoCityGrew, EventBus, ShiftClosed
from desktop.link import Link, background
from desktop.link.device import move_receipt_key_out
from desktop.lookup import LookupService
from desktop.money.agent import AgentService
from desktop.money.deposits import DepositService
from desktop.money.live import LiveCheckService
from desktop.money.payments import PaymentService
from desktop.money.qr_session import QrSessions
from desktop.money.route import RouteService
from desktop.money.shifts import ShiftService, denominations_in_use
from desktop.money.turnins import TurnInService
from desktop.oplog import (
    KEY_MISSING,
    LOG_FILE,
    OpLog,
    Recovery,
    damaged_sentence,
    missing_sentence,
)
from desktop.personal import LazySealer, opener
from desktop.printing.queue import PrintQueue, PrintWorker
from desktop.request_drafts import RequestDrafts
from desktop.request_list import RequestList
from desktop.service_requests import (
    ServiceRequestService,
    raise_reconnection,
    reconnection_fee_due,
    withdraw_reconnection,
)
from desktop.staff import audit as journal
from desktop.staff.audit_service import AuditService
from desktop.staff.auth import AuthService
from desktop.sync_service import SyncService
from desktop.tariff.bill_check import BillCheckService
from desktop.vault import Vault

logger = logging.getLogger(__name__)


@dataclass
class App:
    """The running core: services over one local store."""

    store_path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    settings: Settings
    #: what happened in the core, for the sync loop, the printer and the screens
    events: EventBus = field(default_factory=EventBus)
    #: sessions that take the write lock at BEGIN (every business write)
    writes: sessionmaker[Session] = field(init=False)
    auth: AuthService = field(init=False)
    audit: AuditService = field(init=False)
    lookup: LookupService = field(init=False)
    bill_check: BillCheckService = field(init=False)
    payments: PaymentService = field(init=False)
    shifts: ShiftService = field(init=False)
    turn_ins: TurnInService = field(init=False)
    deposits: DepositService = field(init=False)
    agent: AgentService = field(init=False)
    routes: RouteService = field(init=False)
    requests: ServiceRequestService = field(init=False)
    #: the VietQR sessions: written before central is asked, followed to their end
    qr: QrSessions = field(init=False)
    #: the live check of bills with central before money is taken
    live: LiveCheckService = field(init=False)
    #: the printer, the collection point, the first-run setup, central's address
    device: DeviceSettings = field(init=False)
    #: the sync's status and issues as the screens show them
    sync: SyncService = field(init=False)
    prints: PrintQueue = field(init=False)
    #: everything that talks to central (enrolment, the sync loop, the live calls); the
    #: services above ask it through the protocols they define, wired here
    link: Link = field(init=False)
    #: the thread that drains the print queue
    printer: PrintWorker = field(init=False)
    checkpointer: Checkpointer = field(init=False)
    clock: ClockCheck = field(init=False)
    oplog: OpLog = field(init=False)
    vault: Vault = field(init=False)
    store_problem: str | None = field(init=False)
    #: what the start put back from the operation log
    recovery: Recovery | None = field(init=False, default=None)
    #: rows of the store refused for their seal (desktop.rowseal) and not yet acknowledged,
    #: counted at the start (the window says it without touching the store)
    unsealed_at_start: int = field(init=False, default=0)
    #: ``quaythu demo``'s city as it last grew behind the sign-in (None: not growing)
    demo_city: DemoCityGrew | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.writes = make_writer_factory(self.engine)
        self.auth = AuthService(self.writes, self.settings, reads=self.sessions)
        self.audit = AuditService(self.sessions)
        self.lookup = LookupService(self.sessions, self.settings)
        self.bill_check = BillCheckService(self.sessions)
        #: how far this machine's clock is from central's, as the link last saw it
        #: the log's key, the mark and the clock verdict, kept outside the data folder
        self.vault = Vault(self.data_dir)
        if self.vault.warning:
            # the designed fallback (docs/operations.md), said to the administrator
            # (settings, ``quaythu status``) and here, not on every window
            logger.warning("operation log key kept in a 0600 file outside the data folder "
                           "(no OS keyring): %s", self.vault.folder)
        self.clock = ClockCheck(self.settings.clock_tolerance_minutes,
                                last=self.vault.clock(), keep=self.vault.set_clock)
        #: the second copy of every operation that must reach central (desktop.oplog)
        self.oplog = OpLog(self.data_dir / LOG_FILE, self.vault)
        move_receipt_key_out(self.writes, self.data_dir, reads=self.sessions)
        self.oplog.attach(self.writes)
        #: why the store cannot be trusted (a failed integrity check), or None
        self.store_problem: str | None = None
        self.payments = PaymentService(self.writes, self.events,
                                       change_note=self.settings.change_note,
                                       clock_guard=self.cash_refusal, reads=self.sessions,
                                       drawer_unit=min(denominations_in_use(
                                           self.settings.use_coins, self.settings.change_note)))
        self.shifts = ShiftService(self.writes, self.settings, events=self.events,
                                   reads=self.sessions)
        self.turn_ins = TurnInService(self.writes, reads=self.sessions)
        self.deposits = DepositService(self.writes, clock_guard=self.clock.refusal,
                                       reads=self.sessions)
        self.routes = RouteService(self.sessions, self.writes)
        # a collector's payment at a stop marks the visit paid, in the payment's transaction
        self.payments.alongside.append(self.routes.paid_alongside)
        # a disconnected account's debt paid in full raises its reconnection, same transaction
        self.payments.alongside.append(raise_reconnection)
        self.payments.on_void.append(withdraw_reconnection)
        # …and takes the reconnection fee with it where the account's unit's rules say so
        self.payments.fees.append(reconnection_fee_due)
        self.agent = AgentService(self.sessions, self.writes, self.lookup,
                                  self.settings.customer_code)
        #: the key that seals CCCD and bank account numbers, kept outside the data folder
        self.sealer = LazySealer(self.data_dir)
        #: documents attached to requests, sealed by content hash in the data folder
        self.documents = DocumentStore(self.data_dir, self.sealer, self.settings.document_max_mb)
        self.requests = ServiceRequestService(self.writes, events=self.events,
                                              reads=self.sessions, sealer=self.sealer,
                                              documents=self.documents)
        self.request_list = RequestList(self.sessions)
        self.drafts = RequestDrafts(self.writes, self.sessions, documents=self.documents)
        self.qr = QrSessions(self.sessions, self.writes, self.payments, self.events,
                             cash_refusal=self.cash_refusal)
        self.live = LiveCheckService(self.sessions)
        self.device = DeviceSettings(self.sessions, self.writes, self.events)
        # the device token keys the receipts' verification MAC
        self.prints = PrintQueue(self.sessions, self.writes, self.settings,
                                 token=self._device_token,
                                 events=self.events, held=self.oplog.held_keys)
        self.events.subscribe(ShiftClosed, self._backup_after)
        # the link gets the parts it uses, never the App; the services get the link as
        # the narrow protocol each defines (BillSource, IntentDesk, AccountSource…)
        self.link = Link(self.sessions, self.writes, self.events, self.data_dir,
                         store_path=self.store_path,
                         interval=self.settings.sync_interval_seconds,
                         answered=self.oplog.acknowledge, clock_seen=self.clock.observe,
                         stop_cash=self._stop_cash, has_staff=self.auth.has_staff,
                         journal=journal.append, open_sealed=opener(self.sealer),
                         before_push=uploader(self.documents),
                         pushed=dropper(self.documents, self.sessions),
                         seal=self.oplog.seal, rechained=self._journal_rechained)
        self.live.central = self.qr.central = self.link
        self.agent.central = self.deposits.central = self.shifts.central = self.link
        # the VietQR loop follows intents only where the link is active (the window of an
        # enrolled counter): started and stopped with it
        self.link.on_start.append(self.qr.start_following)
        self.link.on_stop.append(self.qr.stop_following)
        self.sync = SyncService(self.sessions, self.writes,
                                online=lambda: self.link.online, wake=self.link.sync_now)
        self.printer = PrintWorker(self.prints, self.events, hold=self._print_hold)
        # the log is copied into the file here, never inside a payment's commit
        self.checkpointer = Checkpointer(self.engine)
        self.checkpointer.start()

    @property
    def data_dir(self) -> Path:
        return self.store_path.parent

    def _device_token(self) -> str:
        """The device token ("" before enrolment), read when a receipt is printed: the
        keyring is not imported on the way to the sign-in screen."""
        from desktop.link.token_store import load_token

        return load_token(self.data_dir) or ""

    @property
    def open_marker(self) -> Path:
        return self.store_path.with_name(self.store_path.name + ".open")

    def watch_store(self) -> None:
        """Mark the store open; if the last run did not close it (a crash, a power cut),
        check its pages on a thread of its own (the window does not wait) and refuse cash
        when they are damaged."""
        unclean = self.open_marker.exists()
        try:
            self.open_marker.touch(mode=0o600)
        except OSError:
            logger.info("could not mark %s open", self.store_path)
        if unclean:
            threading.Thread(target=self.check_store, name="quick-check", daemon=True).start()

    def check_store(self) -> str | None:
        """``PRAGMA quick_check``: None when the store is whole, else what is wrong (and no
        cash is taken into it until it is recovered)."""
        try:
            with self.engine.connect() as conn:
                rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check").all()]
        except Exception as exc:  # the check itself failing is an answer too
            rows = [str(exc)]
        if rows == ["ok"]:
            return None
        self.store_problem = ("Tệp dữ liệu của quầy bị hỏng (kiểm tra sau khi máy tắt đột "
                              "ngột): tạm ngừng thu tiền. Chạy 'quaythu recover' hoặc báo bộ "
                              "phận hỗ trợ; các khoản đã thu vẫn còn bản sao trong ops.log.")
        logger.critical("store %s failed its integrity check: %s", self.store_path,
                        "; ".join(rows)[:500])
        return self.store_problem

    @property
    def backup_folder(self) -> Path:
        return self.data_dir / "backups"

    def backup(self) -> Path:
        """An online copy of the store and its ops.log into the backup folder (rotating)."""
        from desktop.backup import take_backup

        return take_backup(self.store_path, self.backup_folder, keep=self.settings.backup_keep)

    def _backup_after(self, _event: ShiftClosed) -> None:
        def work() -> None:
            try:
                self.backup()
            except Exception:  # a failed backup never touches the shift: logged, next one
                logger.exception("backup after the shift close failed")

        # a shift's end is the natural point for a copy; its own thread, never the till's,
        # and below the window's priority: the next customer's search comes first
        background.thread(work, "backup").start()

    def _journal_rechained(self, device: str, seq: int, digest: str,
                           old_keys: tuple[str, ...]) -> None:
        """The journal was re-chained onto central's head (desktop.rowseal): the mark goes
        to the new head, and the log says the old lines are never to be put back (nor
        refused as a broken chain) by ``recover``."""
        self.oplog.vault.set_journal(device, seq, digest)
        try:
            self.oplog.append([{"rechained": list(old_keys)}])
        except OSError:  # refused_rows in the store says it too (OpLog.recover reads both)
            logger.warning("the log could not take the re-chained lines' record")

    def _stop_cash(self, why: str) -> None:
        """The link found the store behind central (a journal shorter than central's)."""
        self.store_problem = why

    def cash_refusal(self) -> str | None:
        """Why this counter must take no cash now (a store or a second copy that cannot be
        trusted, a clock too far off), in Vietnamese; None when it may."""
        if self.oplog.failing is not None:
            self.oplog.retry()  # the disk may have room again: then cash goes on
        return self.store_problem or self.oplog.failing or self.clock.refusal()

    def start_notices(self) -> tuple[str, ...]:
        """What the start must say on every window, a danger someone must act on: a data
        folder put back by hand, the log's key missing, lines of the log refused as forged
        or missing from it,
        a first sync that took the change log because central's snapshot failed its hash
        twice. The log key kept in a file (no OS keyring) is not one: ``admin_notices``."""
        said: list[str] = []
        r = self.recovery
        if r is not None and r.put_back:
            said.append(r.put_back)
        if r is not None and r.key_missing:
            said.append(KEY_MISSING)
        if r is not None and (r.forged or r.broken_chain):
            said.append(f"Sổ thao tác (ops.log) có {r.forged + r.broken_chain} dòng không do "
                        "quầy này ghi hoặc không nối tiếp chuỗi nhật ký: đã từ chối, không "
                        "nhập. Báo trưởng quầy.")
        if r is not None and r.missing_lines:
            said.append(missing_sentence(r.missing_lines, r.missing_ranges))
        if r is not None and r.damaged_lines:
            said.append(damaged_sentence(r.damaged_lines, r.damaged_at))
        unsealed = self.unsealed_at_start
        if unsealed:
            said.append(f"Kho dữ liệu (quaythu.db) có {unsealed} dòng nhật ký hoặc thao tác chờ "
                        "gửi không do quầy này ghi hoặc đã bị sửa (thiếu hoặc sai mã xác thực): "
                        "đã để riêng, không gửi trung tâm. Xem «Các mục đồng bộ cần xử lý» và báo "
                        "trưởng quầy.")
        if self.link.snapshot_notice:
            said.append(self.link.snapshot_notice)
        return tuple(said)

    def admin_notices(self) -> tuple[str, ...]:
        """What the administrator should know and no one else can act on: the log's key
        kept in a 0600 file outside the data folder, the designed fallback where the
        machine has no OS keyring (settings and ``quaythu status`` say it)."""
        return (self.vault.warning,) if self.vault.warning else ()

    def _print_hold(self) -> bool:
        """Whether receipts wait because the operation log still owes their payments (a
        full disk); writing what it owes is tried first."""
        return not self.oplog.retry()

    def close(self) -> None:
        self.link.close()
        self.qr.close()
        self.printer.stop()
        self.checkpointer.stop()
        self.lookup.close()
        self.engine.dispose()
        self.open_marker.unlink(missing_ok=True)  # a clean stop: no check at the next start


def open_local_store(path: Path, *, create: bool = True) -> Engine:
    """Open and migrate the store, turning store failures into core errors."""
    try:
        engine = open_store(path, create=create)
    except store_errors.StoreError as exc:
        logger.warning("store %s unusable: %s", path, type(exc).__name__)
        raise StoreUnavailable(
            f"{exc.user_message}\nTệp: {exc.path}",
            reason=type(exc).__name__,
            path=str(exc.path),
            detail=exc.detail,
        ) from exc

    def typed(context: ExceptionContext) -> BaseException | None:
        # every call of every service, not only the opening: a full disk, a busy store
        # or a damaged page reaches the caller as the core's typed error, in Vietnamese
        return as_core_error(context.original_exception, str(path))

    event.listen(engine, "handle_error", typed)
    return engine


def build_app(store_path: Path, *, settings: Settings | None = None, create: bool = True) -> App:
    engine = open_local_store(store_path, create=create)
    app = App(store_path, engine, make_session_factory(engine), settings or Settings())
    # what the operation log has and the store lost (a torn WAL, a restored copy) goes
    # back before anything else can write: no receipt number is handed out twice
    app.recovery = app.oplog.recover(app.writes)
    app.unsealed_at_start = app.sync.unsealed()
    app.oplog.compact()
    app.watch_store()
    return app
