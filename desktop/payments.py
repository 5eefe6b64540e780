"""Taking cash for bills: the minimal payment the sync and the scripted cashier need.

One transaction holds the payment, its allocations, the bills turning paid,
the gap-free receipt number and the outbox row: a payment the screen calls
done is on disk with everything that must reach central, or not at all.
Every call names the acting staff member, whose session and role the store
confirms (:func:`desktop.auth.authorize`), and leaves a line in the audit
journal in the same transaction. A void needs a supervisor's approval.
(The full counter flow, VietQR and shifts build on this.)
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Account,
    Bill,
    DeviceState,
    LocalPayment,
    OutboxOp,
    PaymentAllocation,
    Staff,
)
from desktop import audit
from desktop.auth import Actor, authorize, use_approval
from desktop.errors import NotFound, ValidationError
from desktop.labels import VN_TZ
from desktop.money import format_vnd
from desktop.permissions import ApprovalAction, Permission
from desktop.shifts import require_open

logger = logging.getLogger(__name__)


class NotEnrolled(ValidationError):
    """Payments need a device identity (receipt numbers, keys towards central)."""


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
    status: str = "taken"


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


class PaymentService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def take_cash(
        self, actor: Actor, account_id: int, *, bill_ids: Sequence[int] | None = None,
        tendered: int | None = None, key: str | None = None,
        now: dt.datetime | None = None,
    ) -> TakenPayment:
        """Pay the account's unpaid bills (all, oldest first, unless chosen) in cash.

        ``key`` makes a confirm idempotent: the same key twice is one payment.
        """
        key = key or str(uuid.uuid4())
        now = now or dt.datetime.now(dt.UTC)
        with self._sessions() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_PAYMENT)
            existing = s.get(LocalPayment, key)
            if existing is not None:
                return self._taken(s, existing)
            shift = require_open(s)
            device = s.get(DeviceState, 1)
            if device is None:
                raise NotEnrolled("Thiết bị chưa đăng ký với hệ thống trung tâm; chưa thu tiền được.")
            account = s.get(Account, account_id)
            if account is None:
                raise NotFound("Không tìm thấy khách hàng này trong dữ liệu cục bộ.")
            query = select(Bill).where(Bill.account_id == account_id, Bill.status == "unpaid")
            if bill_ids is not None:
                query = query.where(Bill.id.in_(list(bill_ids)))
            bills = s.scalars(query.order_by(Bill.period_end)).all()
            if not bills or (bill_ids is not None and len(bills) != len(set(bill_ids))):
                raise ValidationError("Không còn hóa đơn chưa thanh toán để thu.")
            amount = sum(b.total for b in bills)
            if tendered is not None and tendered < amount:
                raise ValidationError(f"Khách đưa {format_vnd(tendered)}, thiếu "
                                      f"{format_vnd(amount - tendered)}.")
            # the receipt number is allocated in this transaction: gap-free
            seq = s.execute(update(DeviceState).where(DeviceState.id == 1)
                            .values(receipt_seq=DeviceState.receipt_seq + 1)
                            .returning(DeviceState.receipt_seq)).scalar_one()
            receipt_no = f"{device.device_code}-{seq:06d}"
            payment = LocalPayment(key=key, receipt_no=receipt_no, account_id=account_id,
                                   method="cash", amount=amount, tendered=tendered,
                                   change=None if tendered is None else tendered - amount,
                                   paid_at=now, status="taken", staff_id=staff.id,
                                   shift_id=shift.id)
            s.add(payment)
            for b in bills:
                s.add(PaymentAllocation(payment_key=key, bill_id=b.id, amount=b.total))
                b.status, b.paid_at = "paid", now
            data = {"account_code": account.code, "receipt_no": receipt_no, "method": "cash",
                    "amount": amount, "paid_at": now.isoformat(), "shift_key": shift.key,
                    "bills": [{"bill_no": b.bill_no, "amount": b.total} for b in bills]}
            s.add(OutboxOp(key=key, kind="payment", data=json.dumps(data, ensure_ascii=False),
                           created_at=now, attempts=0, state="pending"))
            audit.append(s, action="payment", staff=staff.username, now=now, subject=receipt_no,
                         detail={"key": key, "account": account.code, "method": "cash",
                                 "amount": amount, "bills": [b.bill_no for b in bills]})
            s.flush()
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
            payment = s.get(LocalPayment, payment_key)
            if payment is None:
                raise NotFound("Không tìm thấy phiếu thu này trên máy.")
            if payment.status == "voided":
                raise ValidationError(f"Phiếu thu {payment.receipt_no} đã hủy trước đó.")
            approval = use_approval(s, approval_id, ApprovalAction.VOID, payment_key,
                                    staff.id, now)
            payment.status, payment.voided_at, payment.void_reason = "voided", now, reason
            bill_ids = s.scalars(select(PaymentAllocation.bill_id)
                                 .where(PaymentAllocation.payment_key == payment_key)).all()
            s.execute(update(Bill).where(Bill.id.in_(bill_ids), Bill.status == "paid")
                      .values(status="unpaid", paid_at=None))
            void_key = str(uuid.uuid4())
            s.add(OutboxOp(key=void_key, kind="void", created_at=now, attempts=0,
                           state="pending", data=json.dumps(
                               {"payment_key": payment_key, "reason": reason,
                                "voided_at": now.isoformat()}, ensure_ascii=False)))
            audit.append(s, action="void", staff=staff.username, now=now,
                         subject=payment.receipt_no,
                         detail={"key": payment_key, "amount": payment.amount, "reason": reason,
                                 "approval": approval.id})
            s.flush()
            return self._taken(s, payment)

    def taken_on(self, actor: Actor, day: dt.date) -> tuple[CounterPayment, ...]:
        """This counter's payments of one local (Asia/Ho_Chi_Minh) day, newest first."""
        start = dt.datetime.combine(day, dt.time(0), VN_TZ).astimezone(dt.UTC)
        with self._sessions() as s:
            authorize(s, actor, None)
            rows = s.execute(
                select(LocalPayment, Account.code, Account.name, Staff.full_name)
                .join(Account, Account.id == LocalPayment.account_id)
                .outerjoin(Staff, Staff.id == LocalPayment.staff_id)
                .where(LocalPayment.paid_at >= start,
                       LocalPayment.paid_at < start + dt.timedelta(days=1))
                .order_by(LocalPayment.paid_at.desc(), LocalPayment.receipt_no.desc())
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
                            p.tendered, p.change, tuple(bill_nos), p.paid_at, p.status)
