"""The persistent print queue: receipts wait here until the printer took them.

A payment's original receipt is queued in the payment's own transaction, so
a dead printer, a crash or a power cut never loses it and never touches the
payment. ``print_pending`` sends what waits (oldest first) and marks a job
printed only when the printer confirmed the whole job; a failed job stays
and is tried again. A copy (``BẢN SAO``) is counted, marked, journaled, and
needs a supervisor once the reprint window has passed.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from queue import SimpleQueue
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import DeviceState, LocalPayment, PrintJob
from desktop.config import Settings
from desktop.contract import PrintState
from desktop.errors import NotFound, QuayThuError, ValidationError
from desktop.events import CopyQueued, Event, EventBus, PaymentCommitted, PrinterChanged, PrintFinished
from desktop.printing.documents import Document
from desktop.printing.receipts.model import receipt_for
from desktop.printing.receipts.profiles import profile_of
from desktop.printing.transport import PrinterError, send
from desktop.staff import audit
from desktop.staff.auth import Actor, authorize, use_approval
from desktop.staff.permissions import ApprovalAction, Permission

logger = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
T = TypeVar("T")


class ReprintNeedsApproval(QuayThuError):
    """A copy long after the payment: a supervisor approves it."""


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    printed: int
    failed: int
    #: the printer's complaint, for the status bar (None when all printed)
    error: str | None


class PrintQueue:
    def __init__(self, sessions: sessionmaker[Session], writes: sessionmaker[Session],
                 settings: Settings, token: Callable[[], str],
                 clock: Clock = lambda: dt.datetime.now(dt.UTC),
                 send_bytes: Callable[[str, bytes], None] = send,
                 events: EventBus | None = None,
                 held: Callable[[], frozenset[str]] = frozenset) -> None:
        self._sessions = sessions
        self._writes = writes
        #: payments whose receipts may not print yet (not in the operation log)
        self._held = held
        self._settings = settings
        self._token = token
        self._clock = clock
        self._send = send_bytes
        self._events = events or EventBus()

    def pending(self) -> int:
        with self._sessions() as s:
            return int(s.scalar(select(func.count()).select_from(PrintJob)
                                .where(PrintJob.state == PrintState.PENDING)) or 0)

    def print_pending(self, limit: int = 20) -> PrintOutcome:
        """Send the waiting receipts; never raises for a printer fault.

        The receipts are read and drawn in a read transaction (a cashier's
        payment never waits behind the drawing); each job is marked in a short
        write of its own once the printer took it.
        """
        with self._sessions() as s:
            device = s.get(DeviceState, 1)
            waiting = select(PrintJob).where(PrintJob.state == PrintState.PENDING)
            held = self._held()
            if held:
                waiting = waiting.where(PrintJob.payment_key.not_in(held))
            jobs = s.scalars(waiting.order_by(PrintJob.id).limit(limit)).all()
            if device is None or not device.printer_uri or not jobs:
                return PrintOutcome(0, 0, None)
            uri, paper = device.printer_uri, device.printer_paper
            token = self._token()
            profile = profile_of(uri)
            receipts = [(j.id, receipt_for(s, j.payment_key, token, copy=j.copy_no > 0))
                        for j in jobs]
        # the ESC/POS and raster code (PIL) loads with the first receipt, not at start
        from desktop.printing.receipts.escpos_out import receipt_bytes

        work = [(job_id, receipt_bytes(r, paper, profile=profile)) for job_id, r in receipts]
        printed = failed = 0
        error = None
        for job_id, data in work:
            try:
                self._send(uri, data)
            except PrinterError as exc:
                failed += 1
                error = exc.user_message
                self._mark(job_id, error=exc.user_message)
                break  # the printer is not there: the rest waits too, in order
            self._mark(job_id, error=None)
            printed += 1
        outcome = PrintOutcome(printed, failed, error)
        self._events.publish(PrintFinished(printed, failed, error, self.pending()))
        return outcome

    def _mark(self, job_id: int, *, error: str | None) -> None:
        with self._writes() as s, s.begin():
            job = s.get(PrintJob, job_id)
            assert job is not None
            job.attempts += 1
            if error is None:
                job.state, job.printed_at, job.last_error = PrintState.PRINTED, self._clock(), None
            else:
                job.last_error = error

    def print_document(self, doc: Document) -> None:
        """A slip straight to the printer (no money depends on it: not queued)."""
        from desktop.printing.receipts.escpos_out import document_bytes

        with self._sessions() as s:
            device = s.get(DeviceState, 1)
            if device is None or not device.printer_uri:
                raise ValidationError("Quầy chưa cấu hình máy in.")
            uri, paper = device.printer_uri, device.printer_paper
        self._send(uri, document_bytes(doc, paper, profile=profile_of(uri)))

    def preview(self, actor: Actor, payment_key: str) -> bytes:
        """The receipt as the printer would print it, as PNG bytes for the screen."""
        import io

        from desktop.printing.receipts.escpos_out import paper_dots
        from desktop.printing.receipts.raster import render

        with self._sessions() as s:
            authorize(s, actor, None)
            device = s.get(DeviceState, 1)
            paper = device.printer_paper if device else 80
            width = paper_dots(paper, profile_of(device.printer_uri if device else None))
            copies = s.scalar(select(func.count()).select_from(PrintJob)
                              .where(PrintJob.payment_key == payment_key,
                                     PrintJob.state == PrintState.PRINTED)) or 0
            receipt = receipt_for(s, payment_key, self._token(), copy=copies > 0)
        buf = io.BytesIO()
        render(receipt, width).save(buf, format="PNG")
        return buf.getvalue()

    def reprint(self, actor: Actor, payment_key: str, approval_id: str | None = None) -> int:
        """Queue a copy; its number (1, 2…). Late copies need a supervisor's approval."""
        now = self._clock()
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_PAYMENT)
            payment = s.get(LocalPayment, payment_key)
            if payment is None:
                raise NotFound("Không tìm thấy phiếu thu này trên máy.")
            device = s.get(DeviceState, 1)
            if device is None or not device.printer_uri:
                raise ValidationError("Quầy chưa cấu hình máy in.")
            window = dt.timedelta(minutes=self._settings.reprint_window_minutes)
            if now - payment.paid_at > window:
                if approval_id is None:
                    raise ReprintNeedsApproval(
                        f"Phiếu {payment.receipt_no} đã thu quá "
                        f"{self._settings.reprint_window_minutes} phút: cần giám sát phê duyệt "
                        "để in lại.")
                use_approval(s, approval_id, ApprovalAction.LATE_REPRINT, payment_key,
                             staff.id, now)
            copies = s.scalar(select(func.max(PrintJob.copy_no))
                              .where(PrintJob.payment_key == payment_key)) or 0
            copy_no = int(copies) + 1
            s.add(PrintJob(payment_key=payment_key, copy_no=copy_no, state=PrintState.PENDING,
                           attempts=0, created_at=now))
            audit.append(s, action="reprint", staff=staff.username, now=now,
                         subject=payment.receipt_no, detail={"copy": copy_no})
        self._events.publish(CopyQueued(payment_key, copy_no))
        return copy_no


class PrintWorker:
    """The one thread that talks to the counter's printer.

    It drains the print queue at start, after every committed payment or
    queued copy, when the printer is changed, and (while receipts wait
    behind a fault) every ``retry_seconds``, so a printer that comes back
    gets what waited. Slips and test pages go through the same thread
    (:meth:`submit`): two jobs never interleave on one printer.
    """

    def __init__(self, queue: PrintQueue, events: EventBus, *,
                 retry_seconds: float = 15.0,
                 hold: Callable[[], bool] = lambda: False) -> None:
        self._queue = queue
        #: whether receipts wait for something that may clear by itself (a full disk)
        self._hold = hold
        self._events = events
        self.retry_seconds = retry_seconds
        self._calls: SimpleQueue[tuple[Callable[[], object], Future[object]]] = SimpleQueue()
        self._kick = threading.Event()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None
        self._unsubscribe = [events.subscribe(kind, self._on_event)
                             for kind in (PaymentCommitted, CopyQueued, PrinterChanged)]

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="printer", daemon=True)
        self._thread.start()
        self.kick()  # receipts a crash left behind print now, not at the next payment

    def kick(self) -> None:
        self._idle.clear()
        self._kick.set()

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        """Run ``fn`` on the printer's thread (started if need be); its future."""
        future: Future[T] = Future()
        self._calls.put((fn, future))  # type: ignore[arg-type]  # one queue for every T
        self.start()
        self.kick()
        return future

    def wait_idle(self, timeout: float) -> bool:
        """True once nothing waits that the printer could take now (bounded by ``timeout``)."""
        return self._idle.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._kick.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _on_event(self, _event: Event) -> None:
        if self.running:
            self.kick()

    def _drain(self) -> float | None:
        """Print what waits; the seconds until the next try when a fault stopped it."""
        try:
            for _ in range(10_000):  # a bounded drain, twenty receipts at a time
                outcome = self._queue.print_pending()
                if outcome.error is not None:
                    return self.retry_seconds
                if outcome.printed == 0:
                    break
        except Exception:  # the store or a drawing failed: logged, tried again later
            logger.exception("print queue failed")
            return self.retry_seconds
        return None

    def _run(self) -> None:
        retry: float | None = None
        while not self._stop.is_set():
            self._kick.wait(retry)
            self._kick.clear()
            if self._stop.is_set():
                break
            while not self._calls.empty():
                fn, future = self._calls.get()
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn())
                    except BaseException as exc:  # handed to whoever waits on the future
                        future.set_exception(exc)
            held = self._hold()
            retry = self._drain()
            if held:  # some receipts wait for their second copy: look again later
                retry = self.retry_seconds
            if not self._kick.is_set():
                self._idle.set()
