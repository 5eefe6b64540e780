"""Taking cash for bills: the minimal payment the sync and the scripted cashier need.

One transaction holds the payment, its allocations, the bills turning paid,
the gap-free receipt number and the outbox row: a payment the screen calls
done is on disk with everything that must reach central, or not at all.
Every call names the acting staff member, whose session and role the store
confirms (:func:`desktop.staff.auth.authorize`), and leaves a line in the audit
journal in the same transaction. A void needs a supervisor's approval.
(The full counter flow, VietQR and shifts build on this.)
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Account,
    AgentClosing,
    Bill,
    DeviceState,
    LocalPayment,
    OutboxOp,
    PaymentAllocation,
    PrintJob,
    QrIntent,
    Shift,
    Staff,
    SyncIssue,
    Unit,
)
from desktop.contract import (
    QR_OPEN,
    BillStatus,
    OutboxState,
    PaymentMethod,
    PaymentStatus,
    PrintState,
    ShiftStatus,
    payment_data,
    receipt_number,
    vietqr_payment_key,
    void_data,
)
from desktop.errors import NotEnrolled, NotFound, ValidationError
from desktop.events import AccountChanged, EventBus, PaymentCommitted, PaymentVoided
from desktop.labels import VN_TZ
from desktop.money.amounts import format_vnd
from desktop.money.fees import FeeLine
from desktop.money.shifts import require_open
from desktop.staff import audit
from desktop.staff.auth import Actor, authorize, use_approval
from desktop.staff.permissions import ApprovalAction, Permission

logger = logging.getLogger(__name__)


def cash_held(s: Session, unit: Unit) -> int:
    """The cash a unit holds not yet remitted: central's figure, plus this counter's cash
    still on its way there."""
    on_the_way = s.scalar(
        select(func.coalesce(func.sum(LocalPayment.amount), 0))
        .join(OutboxOp, OutboxOp.key == LocalPayment.key)
        .where(LocalPayment.method == PaymentMethod.CASH,
               LocalPayment.status == PaymentStatus.TAKEN,
               OutboxOp.state == OutboxState.PENDING)) or 0
    return unit.unremitted + int(on_the_way)


class OverLimit(ValidationError):
    """Cash beyond an agent's collection limit (hạn mức thu hộ)."""

    def __init__(self, user_message: str, *, held: int, limit: int) -> None:
        self.held, self.limit = held, limit
        super().__init__(user_message)


class CashRefused(ValidationError):
    """This counter must take no cash now: its store or its second copy cannot be trusted,
    or its clock is too far from central's (receipts would carry wrong times)."""


class TenderRefused(ValidationError):
    """Cash the drawer cannot hold (an amount below its smallest note): not recorded."""


def tender_for_exact(total: int, unit: int) -> int:
    """What "exact money" puts in the drawer: the total rounded up to the smallest note in
    use (the rest is the customer's credit, as change below that note already is)."""
    return -(-total // unit) * unit if unit > 1 else total


class BillsAwaitVietQr(ValidationError):
    """A VietQR intent for these bills is still open: the customer may have paid it."""


@dataclass(frozen=True, slots=True)
class TakenPayment:
    key: str
    receipt_no: str
    account_code: str
    amount: int
    tendered: int | None
    change: int | None
    bill_nos: tuple[str, ...]
    paid_at: dt.datetime
    status: str = PaymentStatus.TAKEN
    method: str = PaymentMethod.CASH
    bank_ref: str | None = None
    #: change rounding left this with the utility, as the customer's credit
    change_credit: int = 0
    #: fees taken besides the bills (the reconnection fee); ``amount`` includes them
    fees: tuple[FeeLine, ...] = ()


@dataclass(frozen=True, slots=True)
class CounterPayment:
    """A payment taken at this counter, as the day's list shows it."""

    key: str
    receipt_no: str
    paid_at: dt.datetime
    account_code: str
    account_name: str
    amount: int
    method: str
    status: str
    staff: str
    void_reason: str | None



#: reasons a void is asked for (the approval dialog's list; free text is added)
VOID_REASONS = ("Thu nhầm khách hàng", "Thu sai số tiền", "Khách đổi ý, nhận lại tiền",
                "Trùng phiếu thu", "Lý do khác")


def chosen_bills(s: Session, account_id: int, *, bill_ids: Sequence[int] | None = None,
                 bill_nos: Sequence[str] | None = None) -> Sequence[Bill]:
    """The unpaid bills a payment takes, oldest first: all of them, or the chosen ones,
    which must be whole bills with no older bill left unpaid."""
    query = select(Bill).where(Bill.account_id == account_id, Bill.status == BillStatus.UNPAID)
    chosen: Sequence[object] | None = bill_ids
    if bill_ids is not None:
        query = query.where(Bill.id.in_(list(bill_ids)))
    if bill_nos is not None:
        query, chosen = query.where(Bill.bill_no.in_(list(bill_nos))), bill_nos
    bills = s.scalars(query.order_by(Bill.period_end)).all()
    if not bills or (chosen is not None and len(bills) != len(set(chosen))):
        raise ValidationError("Không còn hóa đơn chưa thanh toán để thu.")
    if chosen is not None:
        # whole bills, oldest first: a newer bill never goes before an older one
        older = s.scalars(select(Bill.bill_no).where(
            Bill.account_id == account_id, Bill.status == BillStatus.UNPAID,
            Bill.period_end < bills[-1].period_end,
            Bill.id.not_in([b.id for b in bills])).order_by(Bill.period_end)).all()
        if older:
            raise ValidationError("Thanh toán hóa đơn cũ trước: "
                                  f"{', '.join(older)} còn nợ.")
    return bills


#: whether a customer has a VietQR intent still open (qr_intents' states asking, pending)
_OPEN_INTENT_PROBE = text("SELECT 1 FROM qr_intents WHERE account_id = :account "
                          "AND state IN ('asking', 'pending') LIMIT 1")


def refuse_bills_in_open_intent(s: Session, account_id: int, bill_nos: Sequence[str]) -> None:
    """No cash for a bill a VietQR intent still waits on: until central has said the intent
    ended, the customer may have paid it by bank (the same money twice)."""
    # the common case, no intent open for this customer, is one indexed probe (a cashier's
    # payment pays for this check on every confirm: bench_payment)
    if s.execute(_OPEN_INTENT_PROBE, {"account": account_id}).first() is None:
        return
    wanted = set(bill_nos)
    for ref, bills in s.execute(select(func.coalesce(QrIntent.reference, QrIntent.key),
                                       QrIntent.bills)
                                .where(QrIntent.account_id == account_id,
                                       QrIntent.state.in_(sorted(QR_OPEN)))):
        waiting = sorted(wanted & {str(n) for n, _a in json.loads(bills)})
        if waiting:
            raise BillsAwaitVietQr(
                f"Hóa đơn {', '.join(waiting)} đang chờ thanh toán VietQR (mã {ref}); chưa "
                "thu được cho đến khi trung tâm trả lời mã đó (khách có thể đã chuyển khoản). "
                "Chờ vài giây khi có mạng, rồi thử lại.")


def payment_fees(p: LocalPayment) -> tuple[FeeLine, ...]:
    """The fee lines a payment took besides its bills (none for most)."""
    return tuple(FeeLine.of(d) for d in json.loads(p.fees)) if p.fees else ()


def round_change(change: int, note: int) -> tuple[int, int]:
    """(change handed back, credit kept for the customer): change rounded down to the
    smallest note the drawer gives, the rest the customer's credit on the account.

    The drawer then holds exactly what the counter expects, in notes that exist; the
    customer loses nothing (the credit pays towards the next bill). Rounding down, not
    to the nearest, so the customer is never handed less than the receipt says.
    """
    if change <= 0 or note <= 1:
        return max(change, 0), 0
    credit = change % note
    return change - credit, credit


class PaymentService:
    def __init__(self, sessions: sessionmaker[Session], events: EventBus | None = None,
                 change_note: int = 500,
                 clock_guard: Callable[[], str | None] = lambda: None, *,
                 reads: sessionmaker[Session] | None = None, drawer_unit: int = 1) -> None:
        self._sessions = sessions
        #: what only reads (the day's list, F8) takes no write lock from another payment
        self._reads = reads or sessions
        self._events = events or EventBus()
        #: a sentence when no cash may be taken (store, second copy or clock not trusted)
        self._clock_guard = clock_guard
        #: the smallest note the drawer gives back (Settings.change_note)
        self.change_note = change_note
        #: the smallest note or coin the drawer holds: cash is taken in multiples of it
        self.drawer_unit = drawer_unit
        #: what else a payment writes in its own transaction (a collector's "paid" visit):
        #: (session, the payment, its account's code, the staff member)
        self.alongside: list[Callable[[Session, LocalPayment, str, Staff], None]] = []
        #: fees a cash payment takes besides its bills (the reconnection fee where the
        #: unit's rules say the counter collects it): (session, account, bills, when)
        self.fees: list[Callable[[Session, Account, Sequence[Bill], dt.datetime],
                                 list[FeeLine]]] = []
        #: what else a void writes in its own transaction (withdrawing the reconnection
        #: request the payment raised): (session, the payment, the staff, reason, when)
        self.on_void: list[Callable[[Session, LocalPayment, Staff, str, dt.datetime],
                                    None]] = []

    def take_cash(
        self, actor: Actor, account_id: int, *, bill_ids: Sequence[int] | None = None,
        tendered: int | None = None, key: str | None = None,
        now: dt.datetime | None = None,
    ) -> TakenPayment:
        """Pay the account's unpaid bills (all, oldest first, unless chosen) in cash.

        ``key`` makes a confirm idempotent: the same key twice is one payment.
        """
        return self._take(actor, account_id, bill_ids=bill_ids, method=PaymentMethod.CASH,
                          tendered=tendered, key=key or str(uuid.uuid4()),
                          now=now or dt.datetime.now(dt.UTC))

    def record_vietqr(self, s: Session, *, staff_id: int, shift_id: int, account_id: int,
                      bills: Sequence[tuple[str, int]], amount: int, intent_ref: str,
                      bank_ref: str, now: dt.datetime) -> TakenPayment:
        """The payment a VietQR intent the bank paid becomes, in the caller's transaction
        (desktop/money/qr_session.py writes the intent's end in the same one).

        No signed-in session is asked for: the authority is the intent, made by this
        staff member in this shift, and the bank's confirmation that central holds. The
        money is never refused here (DESIGN.md, promise 8): a bill paid meanwhile (another
        counter, a pull) is still listed, and central keeps its amount as the customer's
        credit; no cash rule applies (collection limit, clock: the money is the bank's).
        The key is the intent's (``vietqr_payment_key``) and the payment table's primary
        key: a second recording of the same intent fails on it (the caller answers with the
        payment already there), never writes a second payment.
        """
        staff = s.get(Staff, staff_id)
        shift = s.get(Shift, shift_id)
        if staff is None or shift is None:
            raise NotFound("Không tìm thấy nhân viên hoặc ca của mã VietQR này.")
        key = vietqr_payment_key(intent_ref)
        taken = self._insert(s, staff, account_id, method=PaymentMethod.VIETQR, key=key,
                             now=now, bill_ids=None, bill_nos=None, tendered=None,
                             amount=amount, bank_ref=bank_ref, intent_ref=intent_ref,
                             shift=shift, confirmed_bills=bills)
        if shift.status != ShiftStatus.OPEN:
            # not reached through the service (a shift with an open intent is not closed),
            # kept for a store that got there otherwise: the money is in, and shown
            s.add(SyncIssue(op_key=key, kind="credit", reason="vietqr-late",
                            message=f"Khoản VietQR {intent_ref} ({format_vnd(amount)}) được "
                                    "ngân hàng xác nhận sau khi ca của nó đã đóng; đã ghi vào "
                                    "ca đó, báo cáo ca in trước đây chưa có khoản này.",
                            created_at=now))
        return taken

    def committed(self, taken: TakenPayment, account_id: int) -> None:
        """Say a payment written in another service's transaction (after its commit)."""
        self._events.publish(PaymentCommitted(taken.key, taken.receipt_no, account_id,
                                              taken.amount, taken.method))
        self._events.publish(AccountChanged(frozenset({account_id})))

    def get(self, key: str) -> TakenPayment:
        """One payment of this counter, as its receipt states it."""
        with self._reads() as s:
            payment = s.get(LocalPayment, key)
            if payment is None:
                raise NotFound("Không tìm thấy phiếu thu này trên máy.")
            return self._taken(s, payment)

    def _take(self, actor: Actor, account_id: int, *, method: str, key: str, now: dt.datetime,
              bill_ids: Sequence[int] | None = None, bill_nos: Sequence[str] | None = None,
              tendered: int | None = None, amount: int | None = None,
              bank_ref: str | None = None, intent_ref: str | None = None) -> TakenPayment:
        with self._sessions() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_PAYMENT)
            existing = s.get(LocalPayment, key)
            if existing is not None:
                return self._taken(s, existing)
            wrong_clock = self._clock_guard()
            if wrong_clock is not None:
                raise CashRefused(wrong_clock)
            taken = self._insert(s, staff, account_id, method=method, key=key, now=now,
                                 bill_ids=bill_ids, bill_nos=bill_nos, tendered=tendered,
                                 amount=amount, bank_ref=bank_ref, intent_ref=intent_ref)
        # said only after the commit: whoever listens (sync, printer, screens) sees it on disk
        self.committed(taken, account_id)
        return taken

    def _insert(self, s: Session, staff: Staff, account_id: int, *, method: str, key: str,
                now: dt.datetime, bill_ids: Sequence[int] | None, bill_nos: Sequence[str] | None,
                tendered: int | None, amount: int | None, bank_ref: str | None,
                intent_ref: str | None, shift: Shift | None = None,
                confirmed_bills: Sequence[tuple[str, int]] | None = None) -> TakenPayment:
        shift = shift or require_open(s, staff.id)
        device = s.get(DeviceState, 1)
        if device is None:
            raise NotEnrolled("Thiết bị chưa đăng ký với hệ thống trung tâm; chưa thu tiền được.")
        account = s.get(Account, account_id)
        if account is None:
            raise NotFound("Không tìm thấy khách hàng này trong dữ liệu cục bộ.")
        if confirmed_bills is not None:
            # the bank's money for these bills, as the intent asked: paid here or not
            found = {b.bill_no: b for b in s.scalars(select(Bill).where(
                Bill.account_id == account_id,
                Bill.bill_no.in_([n for n, _a in confirmed_bills])))}
            lines = [(n, a, found.get(n)) for n, a in confirmed_bills]
            bills = [b for _n, _a, b in lines if b is not None and b.status == BillStatus.UNPAID]
            total = sum(a for _n, a, _b in lines)
        else:
            bills = list(chosen_bills(s, account_id, bill_ids=bill_ids, bill_nos=bill_nos))
            lines = [(b.bill_no, b.total, b) for b in bills]
            total = sum(b.total for b in bills)
            refuse_bills_in_open_intent(s, account_id, [b.bill_no for b in bills])
        # a fee is cash the counter collects with the bills: VietQR pays what its intent
        # asked for, the bills alone (the fee is then billed later)
        fees = [f for due in self.fees for f in due(s, account, bills, now)] \
            if method == PaymentMethod.CASH and confirmed_bills is None else []
        total += sum(f.total for f in fees)
        if amount is not None and amount != total:
            raise ValidationError(f"Số tiền {format_vnd(amount)} khác tổng hóa đơn "
                                  f"{format_vnd(total)}.")
        if tendered is not None and tendered < total:
            raise ValidationError(f"Khách đưa {format_vnd(tendered)}, thiếu "
                                  f"{format_vnd(total - tendered)}.")
        if method == PaymentMethod.CASH:
            self._check_limit(s, device.unit_code, total, now)
            unit = self.drawer_unit
            if tendered is None:
                # "exact money": what the drawer can hold, the odd đồng credited
                tendered = tender_for_exact(total, unit)
            elif unit > 1 and tendered % unit:
                raise TenderRefused(
                    f"Két không nhận được {format_vnd(tendered)}: tiền mặt tính theo bội của "
                    f"{format_vnd(unit)} (đủ tiền là {format_vnd(tender_for_exact(total, unit))}).")
        # the receipt number is allocated in this transaction: gap-free
        seq = s.execute(update(DeviceState).where(DeviceState.id == 1)
                        .values(receipt_seq=DeviceState.receipt_seq + 1)
                        .returning(DeviceState.receipt_seq)).scalar_one()
        receipt_no = receipt_number(device.device_code, seq)
        change, credit = (None, 0) if tendered is None else round_change(
            tendered - total, self.change_note)
        payment = LocalPayment(key=key, receipt_no=receipt_no, account_id=account_id,
                               method=method, amount=total, tendered=tendered,
                               change=change, change_credit=credit,
                               paid_at=now, status=PaymentStatus.TAKEN, staff_id=staff.id,
                               shift_id=shift.id, bank_ref=bank_ref,
                               fees=json.dumps([f.data() for f in fees]) if fees else None)
        s.add(payment)
        # a bill found here is allocated (the receipt lists it); only an unpaid one turns
        # paid: one paid meanwhile elsewhere stays the other payment's (central credits)
        for _n, amount_of, b in lines:
            if b is None:
                continue
            s.add(PaymentAllocation(payment_key=key, bill_id=b.id, amount=amount_of))
            if b.status == BillStatus.UNPAID:
                b.status, b.paid_at = BillStatus.PAID, now
        data = payment_data(account_code=account.code, receipt_no=receipt_no, method=method,
                            amount=total, paid_at=now, shift_key=shift.key,
                            bills=[(n, a) for n, a, _b in lines], bank_ref=bank_ref,
                            intent_ref=intent_ref, change_credit=credit,
                            fees=[f.data() for f in fees])
        s.add(OutboxOp(key=key, kind="payment", data=json.dumps(data, ensure_ascii=False),
                       created_at=now, attempts=0, state=OutboxState.PENDING))
        # the receipt waits in a queue that outlives a crash, a dead printer, or no
        # printer at all yet: the one configured later prints it
        s.add(PrintJob(payment_key=key, copy_no=0, state=PrintState.PENDING, attempts=0,
                       created_at=now))
        audit.append(s, action="payment", staff=staff.username, now=now, subject=receipt_no,
                     detail={"key": key, "account": account.code, "method": method,
                             "amount": total, "bills": [n for n, _a, _b in lines],
                             **({"change_credit": credit} if credit else {}),
                             **({"fees": [f.data() for f in fees]} if fees else {}),
                             **({"bank_ref": bank_ref} if bank_ref else {})})
        s.flush()
        for write in self.alongside:
            write(s, payment, account.code, staff)
        return self._taken(s, payment)

    def void(self, actor: Actor, payment_key: str, reason: str, approval_id: str | None,
             *, now: dt.datetime | None = None) -> TakenPayment:
        """Void a payment of this counter (hủy phiếu thu) with a supervisor's approval.

        The receipt keeps its number; the bills turn unpaid again; the void
        goes to central through the outbox, where the conflict rules apply.
        """
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError("Cần ghi lý do hủy phiếu thu.")
        now = now or dt.datetime.now(dt.UTC)
        with self._sessions() as s, s.begin():
            staff = authorize(s, actor, Permission.REQUEST_VOID)
            payment = self._voidable(s, payment_key)
            approval = use_approval(s, approval_id, ApprovalAction.VOID, payment_key,
                                    staff.id, now)
            payment.status, payment.voided_at, payment.void_reason = (PaymentStatus.VOIDED, now,
                                                                      reason)
            bill_ids = s.scalars(select(PaymentAllocation.bill_id)
                                 .where(PaymentAllocation.payment_key == payment_key)).all()
            s.execute(update(Bill).where(Bill.id.in_(bill_ids), Bill.status == BillStatus.PAID)
                      .values(status=BillStatus.UNPAID, paid_at=None))
            void_key = str(uuid.uuid4())
            s.add(OutboxOp(key=void_key, kind="void", created_at=now, attempts=0,
                           state=OutboxState.PENDING, data=json.dumps(
                               void_data(payment_key=payment_key, reason=reason, voided_at=now),
                               ensure_ascii=False)))
            audit.append(s, action="void", staff=staff.username, now=now,
                         subject=payment.receipt_no,
                         detail={"key": payment_key, "amount": payment.amount, "reason": reason,
                                 "approval": approval.id})
            s.flush()
            for undo in self.on_void:
                undo(s, payment, staff, reason, now)
            voided = self._taken(s, payment)
            account_id = payment.account_id
        self._events.publish(PaymentVoided(voided.key, voided.receipt_no, account_id))
        self._events.publish(AccountChanged(frozenset({account_id})))
        return voided

    def check_void(self, actor: Actor, payment_key: str) -> None:
        """Whether this payment can be voided at all, asked before anyone types a
        supervisor's password: the refusal :meth:`void` would give (voided already, or of a
        closed shift), raised now; nothing is recorded."""
        with self._reads() as s:
            authorize(s, actor, Permission.REQUEST_VOID)
            self._voidable(s, payment_key)

    @staticmethod
    def _voidable(s: Session, payment_key: str) -> LocalPayment:
        """The payment, if it can be voided: of this counter, not voided, in an open shift."""
        payment = s.get(LocalPayment, payment_key)
        if payment is None:
            raise NotFound("Không tìm thấy phiếu thu này trên máy.")
        if payment.status == PaymentStatus.VOIDED:
            raise ValidationError(f"Phiếu thu {payment.receipt_no} đã hủy trước đó.")
        shift = s.get(Shift, payment.shift_id) if payment.shift_id is not None else None
        if payment.shift_id is not None and (shift is None or shift.status != ShiftStatus.OPEN):
            raise ValidationError(f"Phiếu thu {payment.receipt_no} thuộc ca đã đóng: chỉ hủy "
                                  "được phiếu trong ca đang mở (báo trung tâm để xử lý).")
        return payment

    @staticmethod
    def _check_limit(s: Session, unit_code: str, amount: int, now: dt.datetime) -> None:
        """An agent holds at most its limit in cash not yet remitted (hạn mức thu hộ), and
        takes nothing more on a day it has closed."""
        unit = s.get(Unit, unit_code)
        if unit is None:
            return
        if unit.kind == "agent":
            today = now.astimezone(VN_TZ).date()
            if s.get(AgentClosing, today) is not None:
                raise ValidationError("Đã gửi chốt ngày hôm nay: không thu thêm được đến hết "
                                      "ngày (khoản thu mới sẽ nằm ngoài bản chốt).")
        if unit.collection_limit is None:
            return
        held = cash_held(s, unit)
        room = unit.collection_limit - held
        if amount > room:
            raise OverLimit(
                f"Vượt hạn mức thu hộ: đang giữ {format_vnd(held)} chưa nộp, hạn mức "
                f"{format_vnd(unit.collection_limit)}, còn được thu {format_vnd(max(room, 0))};"
                f" khoản này {format_vnd(amount)}. Nộp tiền cho Điện lực để thu tiếp.",
                held=held, limit=unit.collection_limit)

    def taken_on(self, actor: Actor, day: dt.date) -> tuple[CounterPayment, ...]:
        """This counter's payments of one local (Asia/Ho_Chi_Minh) day, newest first."""
        start = dt.datetime.combine(day, dt.time(0), VN_TZ).astimezone(dt.UTC)
        with self._reads() as s:
            authorize(s, actor, None)
            rows = s.execute(
                select(LocalPayment, Account.code, Account.name, Staff.full_name)
                .join(Account, Account.id == LocalPayment.account_id)
                .outerjoin(Staff, Staff.id == LocalPayment.staff_id)
                .where(LocalPayment.paid_at >= start,
                       LocalPayment.paid_at < start + dt.timedelta(days=1))
                # by receipt number, not time: a clock set backwards must not reorder the day
                .order_by(LocalPayment.receipt_no.desc())
            ).all()
            return tuple(CounterPayment(p.key, p.receipt_no, p.paid_at, code, name, p.amount,
                                        p.method, p.status, staff or "", p.void_reason)
                         for p, code, name, staff in rows)

    def recent(self, actor: Actor, closed_shifts: int = 2,
               limit: int | None = None) -> tuple[CounterPayment, ...]:
        """F8's list: the payments of every shift open at this counter and of its last
        closed ones, newest receipt first — by shift and receipt order, not by the wall
        clock, so a clock a day off loses no receipt from the list where voids and copies
        are made. ``limit``: the newest ones only (F8's first page)."""
        with self._reads() as s:
            authorize(s, actor, None)
            shift_ids = [*s.scalars(select(Shift.id).where(Shift.status == ShiftStatus.OPEN)),
                         *s.scalars(select(Shift.id).where(Shift.status == ShiftStatus.CLOSED)
                                    .order_by(Shift.id.desc()).limit(closed_shifts))]
            rows = s.execute(
                select(LocalPayment, Account.code, Account.name, Staff.full_name)
                .join(Account, Account.id == LocalPayment.account_id)
                .outerjoin(Staff, Staff.id == LocalPayment.staff_id)
                .where(LocalPayment.shift_id.in_(shift_ids))
                .order_by(LocalPayment.receipt_no.desc())
                .limit(limit)
            ).all()
            return tuple(CounterPayment(p.key, p.receipt_no, p.paid_at, code, name, p.amount,
                                        p.method, p.status, staff or "", p.void_reason)
                         for p, code, name, staff in rows)

    def _taken(self, s: Session, p: LocalPayment) -> TakenPayment:
        account = s.get(Account, p.account_id)
        bill_nos = s.scalars(select(Bill.bill_no).join(
            PaymentAllocation, PaymentAllocation.bill_id == Bill.id).where(
            PaymentAllocation.payment_key == p.key).order_by(Bill.period_end)).all()
        return TakenPayment(p.key, p.receipt_no, account.code if account else "", p.amount,
                            p.tendered, p.change, tuple(bill_nos), p.paid_at, p.status,
                            p.method, p.bank_ref, p.change_credit or 0, payment_fees(p))
