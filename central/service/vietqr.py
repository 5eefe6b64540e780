"""VietQR: payment intents for a unit's collection account, and the bank's signed
notification that money arrived."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from central.models import (
    Account,
    Alert,
    BankNotification,
    Bill,
    PaymentIntent,
    Unit,
)
from central.service.common import (
    DeviceContext,
    ServiceBase,
)
from central.service.errors import CentralError, Conflict, Invalid, NotAuthenticated, NotFound, Unavailable
from desktop.contract import BillStatus, IntentStatus
from desktop.money.amounts import format_vnd
from desktop.money.vietqr import bill_purpose

logger = logging.getLogger(__name__)


INTENT_TTL = dt.timedelta(minutes=10)


class NotificationOutcome(StrEnum):
    """What became of a bank notification (kept with it, refused ones too)."""

    RECEIVED = "received"
    UNKNOWN_REFERENCE = "unknown-reference"
    AMOUNT_MISMATCH = "amount-mismatch"
    LATE = "late"
    PAID = "paid"


#: how far a bank notification's timestamp may be from central's clock
BANK_WINDOW = dt.timedelta(minutes=5)


def bank_signature(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 (hex) over ``timestamp + "." + body``: what the bank sends and we check."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


class VietQrRoom(ServiceBase):

    def create_intent(self, ctx: DeviceContext, account_code: str, bill_nos: list[str],
                      amount: int, key: str | None = None) -> dict[str, Any]:
        """A payment intent for the unit's collection account; the counter draws the QR.

        ``key`` is the counter's (a UUID it wrote before asking): the same key answers
        the same intent, whatever became of it since (paid, cancelled…), so a counter
        that lost the answer or crashed before keeping it asks again and learns its
        fate. One intent per key is a unique index, not a look-up: two asks racing make
        one row, the loser reads the winner's.
        """
        if key is not None:
            known = self._intent_of_key(ctx, key, account_code, bill_nos, amount)
            if known is not None:
                return known
        now = self.clock()
        try:
            with self._tx() as s:
                unit = s.get(Unit, ctx.unit_code)
                if unit is None or not unit.bank_bin or not unit.bank_account:
                    raise Conflict("vietqr-unavailable",
                                   "The unit has no collection account for VietQR")
                account = s.scalar(select(Account).where(Account.code == account_code))
                if account is None or (account.unit_code != ctx.unit_code and not ctx.whole_city):
                    raise NotFound("account-not-found", "No such account")
                bills = s.scalars(select(Bill).where(Bill.bill_no.in_(bill_nos),
                                                     Bill.account_id == account.id)).all()
                if len(bills) != len(set(bill_nos)) or any(b.status != BillStatus.UNPAID for b in bills):
                    raise Conflict("bills-not-payable", "A bill is unknown or already paid")
                if sum(b.total for b in bills) != amount:
                    raise Conflict("amount-mismatch", "The amount is not the bills' total")
                intent = PaymentIntent(
                    reference="QT" + secrets.token_hex(5).upper(), device_id=ctx.device_id,
                    unit_code=ctx.unit_code, account_code=account_code,
                    bills_json=json.dumps(sorted(bill_nos)), amount=amount,
                    status=IntentStatus.PENDING, created_at=now,
                    expires_at=now + INTENT_TTL, key=key)
                s.add(intent)
                s.flush()
                return self._intent_data(intent, unit)
        except IntegrityError:
            if key is None:
                raise
            known = self._intent_of_key(ctx, key, account_code, bill_nos, amount)
            if known is None:
                raise
            return known

    def _intent_of_key(self, ctx: DeviceContext, key: str, account_code: str,
                       bill_nos: list[str], amount: int) -> dict[str, Any] | None:
        """The intent a counter already asked for under ``key`` (as it stands now)."""
        with self._tx() as s:
            intent = s.scalar(select(PaymentIntent).where(PaymentIntent.key == key))
            if intent is None:
                return None
            if intent.device_id != ctx.device_id:
                raise Conflict("intent-key-reused", "This key names another device's intent")
            if (intent.account_code, json.loads(intent.bills_json), intent.amount) != (
                    account_code, sorted(bill_nos), amount):
                raise Conflict("intent-key-reused", "This key names another intent")
            self._expire(intent)
            return self._intent_data(intent, s.get(Unit, intent.unit_code))

    def _expire(self, intent: PaymentIntent) -> None:
        if intent.status == IntentStatus.PENDING and intent.expires_at <= self.clock():
            intent.status = IntentStatus.EXPIRED

    def intent(self, ctx: DeviceContext, reference: str, *, cancel: bool = False) -> dict[str, Any]:
        with self._tx() as s:
            intent = s.get(PaymentIntent, reference)
            if intent is None or intent.device_id != ctx.device_id:
                raise NotFound("intent-not-found", "No such payment intent")
            self._expire(intent)
            if cancel and intent.status == IntentStatus.PENDING:
                intent.status = IntentStatus.CANCELLED
            return self._intent_data(intent, s.get(Unit, intent.unit_code))

    @staticmethod
    def _intent_data(intent: PaymentIntent, unit: Unit | None) -> dict[str, Any]:
        bills = json.loads(intent.bills_json)
        return {"reference": intent.reference, "status": intent.status,
                "amount": intent.amount, "account_code": intent.account_code, "bills": bills,
                "bank_bin": unit.bank_bin if unit else None,
                "bank_account": unit.bank_account if unit else None,
                "bill_no": bills[0] if len(bills) == 1 else intent.reference,
                "purpose": bill_purpose(intent.account_code),
                "expires_at": intent.expires_at.isoformat(),
                "paid_at": intent.paid_at.isoformat() if intent.paid_at else None,
                "bank_ref": intent.bank_ref}

    def bank_notification(self, body: bytes, timestamp: str | None,
                          signature: str | None) -> dict[str, Any]:
        """The bank says money arrived: signed, recent, once, for a pending intent."""
        if not self.bank_secret:
            raise Unavailable("bank-not-configured", "No bank secret is configured")
        if not timestamp or not signature or not timestamp.isdigit():
            raise NotAuthenticated("bad-signature", "Signature and timestamp are required")
        expected = bank_signature(self.bank_secret, timestamp, body)
        if not hmac.compare_digest(expected, signature.lower()):
            logger.warning("bank notification with a bad signature refused")
            raise NotAuthenticated("bad-signature", "The signature does not match")
        # compared as numbers: a timestamp of 25 nines is stale, not an overflow
        if abs(self.clock().timestamp() - int(timestamp)) > BANK_WINDOW.total_seconds():
            raise NotAuthenticated("stale-notification", "The timestamp is outside the window")
        try:
            note = json.loads(body)
            reference, bank_ref = str(note["reference"]), str(note["bank_ref"])[:64]
            amount = note["amount"]
            if not isinstance(amount, int) or isinstance(amount, bool):
                raise TypeError("amount")
        except (ValueError, KeyError, TypeError) as exc:
            raise Invalid("invalid-notification", "Malformed notification") from exc
        now = self.clock()
        try:
            with self._tx() as s:
                s.add(BankNotification(bank_ref=bank_ref, reference=reference, amount=amount,
                                       received_at=now, outcome=NotificationOutcome.RECEIVED))
                s.flush()
        except IntegrityError:
            logger.warning("bank notification %s replayed", bank_ref)
            raise Conflict("notification-replayed",
                          "This notification was already received") from None
        problem: CentralError | None = None
        with self._tx() as s:  # the outcome and any alert are kept even when refused
            row = s.get(BankNotification, bank_ref)
            assert row is not None
            intent = s.get(PaymentIntent, reference, with_for_update=True)
            if intent is None:
                row.outcome = NotificationOutcome.UNKNOWN_REFERENCE
                problem = NotFound("intent-not-found", "No such payment intent")
            elif intent.amount != amount:
                row.outcome = NotificationOutcome.AMOUNT_MISMATCH
                s.add(Alert(unit_code=intent.unit_code, kind="vietqr-amount", op_key=reference,
                            message=f"Ngân hàng báo {format_vnd(amount)} cho mã {reference} "
                                    f"cần {format_vnd(intent.amount)}.", created_at=now))
                problem = Conflict("amount-mismatch", "The amount differs from the intent")
            elif intent.status != IntentStatus.PENDING or intent.expires_at <= now:
                row.outcome = NotificationOutcome.LATE
                s.add(Alert(unit_code=intent.unit_code, kind="vietqr-late", op_key=reference,
                            message=f"Tiền VietQR {format_vnd(amount)} ({bank_ref}) đến khi mã "
                                    f"{reference} không còn chờ: cần xử lý hoàn tiền.",
                            created_at=now))
                problem = Conflict("intent-closed", "The intent is no longer pending")
            else:
                intent.status, intent.paid_at, intent.bank_ref = IntentStatus.PAID, now, bank_ref
                row.outcome = NotificationOutcome.PAID
        if problem is not None:
            raise problem
        return {"reference": reference, "status": IntentStatus.PAID}
