"""Taking cash for bills: the minimal payment the sync and the scripted cashier need.

One transaction holds the payment, its allocations, the bills turning paid,
the gap-free receipt number and the outbox row: a payment the screen calls
done is on disk with everything that must reach central, or not at all.
(The full counter flow, VietQR, voids and shifts build on this.)
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

from db.models import Account, Bill, DeviceState, LocalPayment, OutboxOp, PaymentAllocation
from desktop.errors import NotFound, ValidationError
from desktop.money import format_vnd

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


class PaymentService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def take_cash(
        self, account_id: int, *, bill_ids: Sequence[int] | None = None,
        tendered: int | None = None, key: str | None = None,
        now: dt.datetime | None = None,
    ) -> TakenPayment:
        """Pay the account's unpaid bills (all, oldest first, unless chosen) in cash.

        ``key`` makes a confirm idempotent: the same key twice is one payment.
        """
        key = key or str(uuid.uuid4())
        now = now or dt.datetime.now(dt.UTC)
        with self._sessions() as s, s.begin():
            existing = s.get(LocalPayment, key)
            if existing is not None:
                return self._taken(s, existing)
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
                                   paid_at=now, status="taken")
            s.add(payment)
            for b in bills:
                s.add(PaymentAllocation(payment_key=key, bill_id=b.id, amount=b.total))
                b.status, b.paid_at = "paid", now
            data = {"account_code": account.code, "receipt_no": receipt_no, "method": "cash",
                    "amount": amount, "paid_at": now.isoformat(),
                    "bills": [{"bill_no": b.bill_no, "amount": b.total} for b in bills]}
            s.add(OutboxOp(key=key, kind="payment", data=json.dumps(data, ensure_ascii=False),
                           created_at=now, attempts=0, state="pending"))
            s.flush()
            return self._taken(s, payment)

    def _taken(self, s: Session, p: LocalPayment) -> TakenPayment:
        account = s.get(Account, p.account_id)
        bill_nos = s.scalars(select(Bill.bill_no).join(
            PaymentAllocation, PaymentAllocation.bill_id == Bill.id).where(
            PaymentAllocation.payment_key == p.key).order_by(Bill.period_end)).all()
        return TakenPayment(p.key, p.receipt_no, account.code if account else "", p.amount,
                            p.tendered, p.change, tuple(bill_nos), p.paid_at)
