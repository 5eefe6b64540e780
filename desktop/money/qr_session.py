"""Taking money by VietQR: a session the core keeps and follows, whatever the screen does.

A VietQR payment is a state in the core (``qr_intents``), not a dialog's life:

1. ``start`` writes the intent — a UUID made here (its key), the account, the bills
   with their amounts, who and which shift — *before* central is asked, then asks
   central for it under that key. Central makes one intent per key (asking again
   answers the same one), so neither a lost answer nor a crash between central's
   answer and the store's update leaves an intent at central that this counter does
   not know. Only then is the QR shown (its payload is EMVCo/NAPAS, built by
   :mod:`desktop.money.vietqr` from central's answer).
2. One loop of the core (:meth:`QrSessions.follow_once`, on the thread
   :meth:`start_following` starts with the link) follows every open intent until it
   is paid, expired, cancelled or refused — after a restart too. An intent a dialog
   shows is polled; one no screen shows any more (its dialog closed by Esc, ×, Alt+F4,
   a sign-out or the lock; the program killed, the power cut) is *withdrawn*: central
   is asked to cancel it, and its answer is acted on. A "paid" answer, whenever it
   comes, becomes exactly one payment with its receipt number, outbox row, journal line
   and print job, in one transaction with the intent's end: the payment's key is the
   intent's (``contract.vietqr_payment_key``) and the payments table's primary key,
   so a second recording fails on the constraint and answers with the first.
3. Central unreachable: the intent stays open in the store and the loop keeps asking
   (backing off); cash for its bills is refused meanwhile
   (``payments.BillsAwaitVietQr``), and its shift is not closed
   (``shifts.VietQrStillOpen``): the customer may have paid.

Whose shift: the payment is the intent's — the staff member who showed the QR and
the shift it was shown in — whoever is signed in when the bank's answer arrives (a
sign-out or the lock leaves the shift open; the close waits for the intent's end).

The dialog shows the session: it starts it, follows :class:`desktop.events.QrChanged`
and withdraws it when it closes; it never records, polls or decides.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.models import Account, LocalPayment, QrIntent
from desktop.contract import QR_OPEN, IntentStatus, QrState, vietqr_payment_key
from desktop.dto import QrView
from desktop.errors import (
    CentralOffline,
    CentralRefused,
    CentralUnreachable,
    QuayThuError,
)
from desktop.events import EventBus, QrChanged, SyncFinished
from desktop.money.payments import (
    CashRefused,
    PaymentService,
    chosen_bills,
    refuse_bills_in_open_intent,
)
from desktop.money.shifts import require_open
from desktop.money.vietqr import VietQR
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission

logger = logging.getLogger(__name__)

__all__ = ["IntentDesk", "QrSessions", "QrUnavailable", "QrView"]

Clock = Callable[[], dt.datetime]

#: how often an intent a dialog shows is asked about (the customer is scanning)
POLL_SECONDS = 1.5
#: the longest wait between two tries while central does not answer
MAX_BACKOFF = 60.0
#: a pass's longest list of intents (a counter has a handful; a bound all the same)
PASS_LIMIT = 200


class IntentDesk(Protocol):
    """What the VietQR session asks central; the link implements it (``desktop.link``).

    Both raise ``CentralOffline`` when this process works offline (central not asked),
    ``CentralUnreachable`` when it does not answer, ``CentralRefused`` with its problem.
    """

    def create_intent(self, key: str, account_code: str, bills: Sequence[str],
                      amount: int) -> dict[str, Any]:
        """Central's intent for ``key`` (made on the first ask, the same one after)."""
        ...

    def intent(self, reference: str, *, cancel: bool = False) -> dict[str, Any]:
        """The intent as central holds it; ``cancel`` withdraws it while still pending."""
        ...


class QrUnavailable(QuayThuError):
    """No VietQR now: offline, central refused the intent, or it did not answer."""


def _offline() -> QrUnavailable:
    return QrUnavailable("Ngoại tuyến: không thu qua VietQR được (cần kết nối tới máy chủ trung "
                         "tâm). Thu tiền mặt, hoặc thử lại khi có mạng.")


def backoff(failures: int) -> float:
    """Seconds before asking central again after ``failures`` unanswered passes."""
    return min(MAX_BACKOFF, 2.0 ** min(max(failures, 1), 8))


class QrSessions:
    """Every VietQR intent of this counter, from before central is asked to its end
    (``app.qr``)."""

    def __init__(self, reads: sessionmaker[Session], writes: sessionmaker[Session],
                 payments: PaymentService, events: EventBus, *,
                 central: IntentDesk | None = None,
                 cash_refusal: Callable[[], str | None] = lambda: None,
                 clock: Clock = lambda: dt.datetime.now(dt.UTC),
                 poll_seconds: float = POLL_SECONDS) -> None:
        self._reads, self._writes = reads, writes
        self._payments, self._events = payments, events
        self.central = central
        #: a sentence when this counter must take no money (store, log or clock)
        self._cash_refusal = cash_refusal
        self._clock = clock
        self.poll_seconds = poll_seconds
        self._lock = threading.Lock()
        #: intents a dialog of this process shows now: polled, never withdrawn
        self._watched: set[str] = set()
        #: keys whose dialog closed before their intent was even written
        self._withdrawn: set[str] = set()
        self._failures = 0
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        # central answering again (a sync went through) is the moment to ask once more
        self._unsubscribe = events.subscribe(SyncFinished, self._on_sync)

    # -- the dialog's side --------------------------------------------------------------

    def start(self, actor: Actor, account_id: int, *, bill_ids: Sequence[int] | None = None,
              key: str | None = None) -> QrView:
        """Write the intent, then ask central for it; the session to show (its QR).

        ``key`` is the dialog's (made when it opens), so that a dialog closed while
        this runs withdraws the very intent this writes.
        """
        key = key or str(uuid.uuid4())
        if self.central is None:
            raise _offline()
        refusal = self._cash_refusal()
        if refusal is not None:
            raise CashRefused(refusal)
        with self._lock:
            if key in self._withdrawn:
                raise QrUnavailable("Đã đóng cửa sổ thu tiền: không tạo mã VietQR.")
            self._watched.add(key)
        try:
            row = self._write_asking(actor, account_id, bill_ids, key)
        except BaseException:
            self._unwatch(key)
            raise
        bill_nos = [n for n, _a in json.loads(row.bills)]
        try:
            body = self.central.create_intent(key, row.account_code, bill_nos, row.amount)
        except CentralOffline:
            # central was not asked at all: nothing to follow, nothing to withdraw
            with self._writes() as s, s.begin():
                s.execute(delete(QrIntent).where(QrIntent.key == key,
                                                 QrIntent.state == QrState.ASKING))
            self._unwatch(key)
            raise _offline() from None
        except CentralRefused as exc:
            self._close(key, QrState.REFUSED, note=exc.user_message, from_states=QR_OPEN)
            self._unwatch(key)
            raise QrUnavailable(f"Không tạo được mã VietQR: {exc.user_message}") from exc
        except QuayThuError as exc:
            # central may hold it (the answer was lost): no QR is shown, so it is withdrawn
            # and the loop asks central to cancel it under the same key
            self.withdraw(key)
            raise QrUnavailable(f"Không tạo được mã VietQR: {exc.user_message} Mã chưa hiện "
                                "cho khách; trung tâm sẽ được báo hủy.") from exc
        if not body.get("bank_bin") or not body.get("bank_account"):
            self.withdraw(key)
            raise QrUnavailable("Đơn vị chưa có tài khoản thu VietQR.")
        payload = VietQR(body["bank_bin"], body["bank_account"], amount=body["amount"],
                         bill_no=body["bill_no"], reference=body["reference"],
                         purpose=body["purpose"]).payload()
        with self._writes() as s, s.begin():
            moved = s.execute(update(QrIntent).where(
                QrIntent.key == key, QrIntent.state == QrState.ASKING).values(
                state=QrState.PENDING, reference=body["reference"], payload=payload,
                expires_at=dt.datetime.fromisoformat(body["expires_at"]))
                .returning(QrIntent.key)).first() is not None
        logger.info("VietQR intent %s for %d", body["reference"], row.amount)
        view = self.view(key)
        if not moved:  # the loop got there first (the dialog closed meanwhile)
            raise QrUnavailable("Mã VietQR đã đóng trước khi hiện.")
        self._changed(view)
        # a paid answer to an intent shown seconds ago (a retried ask) is recorded at once
        self.wake()
        return view

    def _write_asking(self, actor: Actor, account_id: int, bill_ids: Sequence[int] | None,
                      key: str) -> QrIntent:
        now = self._clock()
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_PAYMENT)
            shift = require_open(s, staff.id)
            account = s.get(Account, account_id)
            if account is None:
                raise QrUnavailable("Không tìm thấy khách hàng này trong dữ liệu cục bộ.")
            bills = chosen_bills(s, account_id, bill_ids=bill_ids)
            # one open intent per bill: a second QR for the same money is never offered
            refuse_bills_in_open_intent(s, account_id, [b.bill_no for b in bills])
            row = QrIntent(key=key, account_id=account_id, account_code=account.code,
                           bills=json.dumps([[b.bill_no, b.total] for b in bills]),
                           amount=sum(b.total for b in bills), staff_id=staff.id,
                           shift_id=shift.id, state=QrState.ASKING, created_at=now,
                           failures=0)
            s.add(row)
        return row

    def withdraw(self, key: str) -> None:
        """No screen shows this intent any more (its dialog closed, however): central is
        asked to cancel it, and its answer — *paid* included — is acted on by the loop."""
        now = self._clock()
        with self._lock:
            self._watched.discard(key)
            self._withdrawn.add(key)
        with self._writes() as s, s.begin():
            s.execute(update(QrIntent).where(QrIntent.key == key,
                                             QrIntent.withdrawn_at.is_(None),
                                             QrIntent.state.in_(sorted(QR_OPEN)))
                      .values(withdrawn_at=now))
        self.wake()

    def view(self, key: str) -> QrView:
        with self._reads() as s:
            row = s.get(QrIntent, key)
            if row is None:
                raise QrUnavailable("Không có mã VietQR này trên máy.")
            return self._view(s, row)

    def open_count(self) -> int:
        """Intents still waiting for central's last word."""
        with self._reads() as s:
            return len(s.scalars(select(QrIntent.key).where(
                QrIntent.state.in_(sorted(QR_OPEN)))).all())

    # -- the loop -------------------------------------------------------------------

    def follow_once(self) -> int:
        """One pass over the open intents; how many are still open after it.

        Raises nothing a pass meets from central: an unanswered pass is counted (the
        next waits longer) and the intents stay open for the next.
        """
        with self._reads() as s:
            keys = list(s.scalars(select(QrIntent.key).where(
                QrIntent.state.in_(sorted(QR_OPEN))).order_by(QrIntent.created_at)
                .limit(PASS_LIMIT)))
        unanswered = False
        left = 0
        for key in keys:
            try:
                still_open = self._follow(key)
            except CentralOffline:
                return len(keys)  # this process works offline: nothing to ask now
            except CentralUnreachable as exc:
                unanswered = True
                self._note(key, exc.user_message)
                still_open = True
            except QuayThuError as exc:  # a garbled answer, a refusal: this one waits
                logger.warning("VietQR intent %s not followed: %s", key[:8], exc)
                self._note(key, exc.user_message)
                still_open = True
            left += int(still_open)
        self._failures = self._failures + 1 if unanswered else 0
        return left

    def _follow(self, key: str) -> bool:
        with self._reads() as s:
            row = s.get(QrIntent, key)
            if row is None or row.state not in QR_OPEN:
                return False
            state, reference = row.state, row.reference
            bills = [n for n, _a in json.loads(row.bills)]
            code, amount = row.account_code, row.amount
        with self._lock:
            watched = key in self._watched
        assert self.central is not None
        if watched:
            if state == QrState.ASKING:
                return True  # its dialog's ask is on its way
            assert reference is not None
            return self._answered(key, self.central.intent(reference))
        # no screen shows it: make sure central withdraws it, and act on what it says
        self._mark_withdrawn(key)
        if state == QrState.ASKING or reference is None:
            try:
                body = self.central.create_intent(key, code, bills, amount)
            except CentralRefused as exc:
                # central holds no intent under this key and makes none: nothing to pay
                self._close(key, QrState.REFUSED, note=exc.user_message, from_states=QR_OPEN)
                return False
            reference = str(body["reference"])
            with self._writes() as s, s.begin():
                s.execute(update(QrIntent).where(QrIntent.key == key,
                                                 QrIntent.state == QrState.ASKING)
                          .values(state=QrState.PENDING, reference=reference,
                                  expires_at=dt.datetime.fromisoformat(body["expires_at"])))
            if body["status"] != IntentStatus.PENDING:
                return self._answered(key, body)
        try:
            body = self.central.intent(reference, cancel=True)
        except CentralRefused as exc:
            if exc.status != 404:
                raise
            # central knows no such intent (of this device): nothing can be paid on it
            self._close(key, QrState.REFUSED, note=exc.user_message, from_states=QR_OPEN)
            return False
        return self._answered(key, body)

    def _answered(self, key: str, body: dict[str, Any]) -> bool:
        """Act on central's word about an intent; whether it is still open."""
        status = body.get("status")
        if status == IntentStatus.PENDING:
            self._note(key, None)
            return True
        if status == IntentStatus.PAID:
            if not body.get("bank_ref"):
                logger.warning("VietQR intent %s paid without a bank reference", key[:8])
                return True
            self._record(key, str(body["bank_ref"]))
            return False
        closed = QrState.EXPIRED if status == IntentStatus.EXPIRED else QrState.CANCELLED
        self._close(key, closed, note=None, from_states=QR_OPEN)
        return False

    def _record(self, key: str, bank_ref: str) -> None:
        """The bank paid: the payment, its receipt and its print job, with the intent's
        end, in one transaction — once, whatever the dialog did."""
        now = self._clock()
        taken = None
        try:
            with self._writes() as s, s.begin():
                row = s.get(QrIntent, key)
                if row is None or row.state not in QR_OPEN:
                    return  # recorded already (another pass, another process)
                assert row.reference is not None
                taken = self._payments.record_vietqr(
                    s, staff_id=row.staff_id, shift_id=row.shift_id, account_id=row.account_id,
                    bills=[(str(n), int(a)) for n, a in json.loads(row.bills)],
                    amount=row.amount, intent_ref=row.reference, bank_ref=bank_ref, now=now)
                row.state, row.payment_key, row.bank_ref = QrState.RECORDED, taken.key, bank_ref
                row.closed_at, row.note = now, None
                account_id = row.account_id
        except IntegrityError:
            # the intent's payment is there already (its key is the table's primary key):
            # the intent is closed on it, nothing is written twice
            logger.info("VietQR intent %s: its payment was recorded already", key[:8])
            with self._writes() as s, s.begin():
                row = s.get(QrIntent, key)
                if row is not None and row.state in QR_OPEN and row.reference:
                    payment = vietqr_payment_key(row.reference)
                    if s.get(LocalPayment, payment) is not None:
                        row.state, row.payment_key, row.bank_ref = (QrState.RECORDED, payment,
                                                                    bank_ref)
                        row.closed_at = now
            self._changed(self.view(key))
            return
        with self._lock:
            unattended = key not in self._watched
            self._watched.discard(key)
        logger.info("VietQR intent %s paid (%s): receipt %s%s", key[:8], bank_ref,
                    taken.receipt_no, " after its dialog closed" if unattended else "")
        self._payments.committed(taken, account_id)
        self._changed(self.view(key), unattended=unattended)

    def _close(self, key: str, state: QrState, *, note: str | None,
               from_states: frozenset[str]) -> None:
        now = self._clock()
        with self._writes() as s, s.begin():
            moved = s.execute(update(QrIntent).where(
                QrIntent.key == key, QrIntent.state.in_(sorted(from_states))).values(
                state=state, closed_at=now, note=note)
                .returning(QrIntent.key)).first() is not None
        if moved:
            with self._lock:
                unattended = key not in self._watched
                self._watched.discard(key)
            logger.info("VietQR intent %s %s", key[:8], state.value)
            self._changed(self.view(key), unattended=unattended)

    def _mark_withdrawn(self, key: str) -> None:
        with self._writes() as s, s.begin():
            s.execute(update(QrIntent).where(QrIntent.key == key,
                                             QrIntent.withdrawn_at.is_(None))
                      .values(withdrawn_at=self._clock()))

    def _note(self, key: str, note: str | None) -> None:
        with self._writes() as s, s.begin():
            values: dict[str, Any] = {"note": note}
            if note is not None:
                values["failures"] = QrIntent.failures + 1
            s.execute(update(QrIntent).where(QrIntent.key == key).values(**values))

    def _unwatch(self, key: str) -> None:
        with self._lock:
            self._watched.discard(key)

    def _changed(self, view: QrView, *, unattended: bool = False) -> None:
        self._events.publish(QrChanged(view.key, view.state, view.account_id, view.amount,
                                       view.reference, view.receipt_no, view.bank_ref,
                                       unattended=unattended))

    @staticmethod
    def _view(s: Session, row: QrIntent) -> QrView:
        receipt = (s.scalar(select(LocalPayment.receipt_no)
                            .where(LocalPayment.key == row.payment_key))
                   if row.payment_key else None)
        return QrView(row.key, row.state, row.account_id, row.amount,
                      tuple(str(n) for n, _a in json.loads(row.bills)), row.reference,
                      row.payload or "", row.expires_at, row.bank_ref, row.payment_key,
                      receipt, row.withdrawn_at is not None, row.note)

    # -- the thread -------------------------------------------------------------------

    def start_following(self) -> None:
        """Follow the open intents on a thread of the core's own (started with the link)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="vietqr", daemon=True)
        self._thread.start()

    def stop_following(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def close(self) -> None:
        self.stop_following()
        self._unsubscribe()

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        """Passes until stopped: every ``poll_seconds`` while an intent is shown or left
        open, backing off while central does not answer, else until woken."""
        while not self._stop.is_set():
            self._wake.clear()
            try:
                left = self.follow_once()
            except Exception:  # the loop outlives any one failure (a busy store…)
                logger.exception("VietQR loop error")
                self._failures += 1
                left = 1
            if self._failures:
                wait = backoff(self._failures)
            elif left:
                wait = self.poll_seconds
            else:
                wait = 3600.0  # nothing open: a new intent or a withdrawal wakes it
            self._wake.wait(wait)

    def _on_sync(self, event: SyncFinished) -> None:
        if event.error is None and self._failures:
            self._failures = 0
            self._wake.set()
