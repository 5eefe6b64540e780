"""Taking money by VietQR: central's payment intent, the counter's QR, the bank's "paid".

Online only: central issues the intent (amount, bills, reference, expiry) for
the unit's collection account; the counter draws the dynamic QR (bill number,
the reference, an ASCII purpose in field 62) and polls until paid, expired or
cancelled. The payment, its receipt number and its outbox row are written
only once the bank has confirmed, with the bank's reference.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from db.models import Account
from desktop.errors import QuayThuError, ValidationError
from desktop.link.sync.client import CentralClient
from desktop.money.payments import PaymentService, TakenPayment, chosen_bills
from desktop.money.shifts import require_open
from desktop.money.vietqr import VietQR
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission

logger = logging.getLogger(__name__)


class QrUnavailable(QuayThuError):
    """No link to central: VietQR cannot be offered."""


@dataclass(frozen=True, slots=True)
class QrIntent:
    reference: str
    account_id: int
    amount: int
    bills: tuple[str, ...]
    #: the string inside the QR code
    payload: str
    status: str
    expires_at: dt.datetime
    bank_ref: str | None


def _intent(body: dict[str, Any], account_id: int, payload: str) -> QrIntent:
    return QrIntent(body["reference"], account_id, body["amount"], tuple(body["bills"]),
                    payload, body["status"], dt.datetime.fromisoformat(body["expires_at"]),
                    body.get("bank_ref"))


class QrPaymentService:
    def __init__(self, writes: sessionmaker[Session], payments: PaymentService) -> None:
        self._writes = writes
        self._payments = payments

    def start(self, actor: Actor, account_id: int, client: CentralClient | None, *,
              bill_ids: Sequence[int] | None = None) -> QrIntent:
        """Central's intent for the account's unpaid bills (or the chosen oldest ones)."""
        if client is None:
            raise QrUnavailable("Ngoại tuyến: không thu qua VietQR được (cần kết nối tới máy "
                                "chủ trung tâm). Thu tiền mặt, hoặc thử lại khi có mạng.")
        with self._writes() as s:
            staff = authorize(s, actor, Permission.TAKE_PAYMENT)
            require_open(s, staff.id)
            account = s.get(Account, account_id)
            if account is None:
                raise ValidationError("Không tìm thấy khách hàng này trong dữ liệu cục bộ.")
            bills = chosen_bills(s, account_id, bill_ids=bill_ids)
            code, bill_nos, amount = account.code, [b.bill_no for b in bills], sum(
                b.total for b in bills)
        try:
            body = client.create_intent(code, bill_nos, amount)
        except QuayThuError as exc:
            if isinstance(exc, QrUnavailable):
                raise
            raise QrUnavailable(f"Không tạo được mã VietQR: {exc.user_message}") from exc
        if not body.get("bank_bin") or not body.get("bank_account"):
            raise QrUnavailable("Đơn vị chưa có tài khoản thu VietQR.")
        payload = VietQR(body["bank_bin"], body["bank_account"], amount=body["amount"],
                         bill_no=body["bill_no"], reference=body["reference"],
                         purpose=body["purpose"]).payload()
        logger.info("VietQR intent %s for %d", body["reference"], amount)
        return _intent(body, account_id, payload)

    def poll(self, client: CentralClient, intent: QrIntent, *, cancel: bool = False) -> QrIntent:
        body = client.intent(intent.reference, cancel=cancel)
        return _intent(body, intent.account_id, intent.payload)

    def record(self, actor: Actor, intent: QrIntent) -> TakenPayment:
        """The bank confirmed: the payment, its receipt and its outbox row, once."""
        if intent.status != "paid" or not intent.bank_ref:
            raise ValidationError("Ngân hàng chưa xác nhận: chưa có phiếu thu.")
        return self._payments.take_vietqr(actor, intent.account_id, bill_nos=intent.bills,
                                          amount=intent.amount, intent_ref=intent.reference,
                                          bank_ref=intent.bank_ref)
