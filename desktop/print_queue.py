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
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import DeviceState, LocalPayment, PrintJob
from desktop import audit
from desktop.auth import Actor, authorize, use_approval
from desktop.config import Settings
from desktop.documents import Document
from desktop.errors import NotFound, QuayThuError, ValidationError
from desktop.permissions import ApprovalAction, Permission
from desktop.printing import PrinterError, send
from desktop.receipts.escpos_out import receipt_bytes
from desktop.receipts.model import receipt_for
from desktop.receipts.profiles import profile_of

logger = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]


class ReprintNeedsApproval(QuayThuError):
    """A copy long after the payment: a supervisor approves it."""


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    printed: int
    failed: int
    #: the printer's complaint, for the status bar (None when all printed)
    error: str | None


class PrintQueue:
    def __init__(self, writes: sessionmaker[Session], settings: Settings,
                 token: Callable[[], str], clock: Clock = lambda: dt.datetime.now(dt.UTC),
                 send_bytes: Callable[[str, bytes], None] = send) -> None:
        self._writes = writes
        self._settings = settings
        self._token = token
        self._clock = clock
        self._send = send_bytes

    def pending(self) -> int:
        with self._writes() as s:
            return int(s.scalar(select(func.count()).select_from(PrintJob)
                                .where(PrintJob.state == "pending")) or 0)

    def print_pending(self, limit: int = 20) -> PrintOutcome:
        """Send the waiting receipts; never raises for a printer fault."""
        with self._writes() as s:
            device = s.get(DeviceState, 1)
            jobs = s.scalars(select(PrintJob).where(PrintJob.state == "pending")
                             .order_by(PrintJob.id).limit(limit)).all()
            if device is None or not device.printer_uri or not jobs:
                return PrintOutcome(0, 0, None)
            uri, paper = device.printer_uri, device.printer_paper
            token = self._token()
            profile = profile_of(uri)
            work = [(j.id, receipt_bytes(receipt_for(s, j.payment_key, token,
                                                     copy=j.copy_no > 0), paper, profile=profile))
                    for j in jobs]
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
        return PrintOutcome(printed, failed, error)

    def _mark(self, job_id: int, *, error: str | None) -> None:
        with self._writes() as s, s.begin():
            job = s.get(PrintJob, job_id)
            assert job is not None
            job.attempts += 1
            if error is None:
                job.state, job.printed_at, job.last_error = "printed", self._clock(), None
            else:
                job.last_error = error

    def print_document(self, doc: Document) -> None:
        """A slip straight to the printer (no money depends on it: not queued)."""
        from desktop.receipts.escpos_out import document_bytes

        with self._writes() as s:
            device = s.get(DeviceState, 1)
            if device is None or not device.printer_uri:
                raise ValidationError("Quầy chưa cấu hình máy in.")
            uri, paper = device.printer_uri, device.printer_paper
        self._send(uri, document_bytes(doc, paper, profile=profile_of(uri)))

    def preview(self, actor: Actor, payment_key: str) -> bytes:
        """The receipt as the printer would print it, as PNG bytes for the screen."""
        import io

        from desktop.receipts.escpos_out import paper_dots
        from desktop.receipts.raster import render

        with self._writes() as s:
            authorize(s, actor, None)
            device = s.get(DeviceState, 1)
            paper = device.printer_paper if device else 80
            width = paper_dots(paper, profile_of(device.printer_uri if device else None))
            copies = s.scalar(select(func.count()).select_from(PrintJob)
                              .where(PrintJob.payment_key == payment_key,
                                     PrintJob.state == "printed")) or 0
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
            s.add(PrintJob(payment_key=payment_key, copy_no=copy_no, state="pending",
                           attempts=0, created_at=now))
            audit.append(s, action="reprint", staff=staff.username, now=now,
                         subject=payment.receipt_no, detail={"copy": copy_no})
            return copy_no
