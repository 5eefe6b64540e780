"""Receipts and numbering: verification of a receipt's QR, a device's numbers and
journal head, bundles of unsent operations."""

from __future__ import annotations

import hmac
import logging
from typing import Any

from sqlalchemy import func, select

from central.models import (
    AuditHead,
    AuditLine,
    Device,
    Payment,
)
from central.service.common import (
    DeviceContext,
    ServiceBase,
)
from desktop.contract import GENESIS, PaymentStatus, device_of_receipt, device_receipt_key, receipt_mac

logger = logging.getLogger(__name__)

#: the most journal lines' hashes one ``GET /v1/audit/hashes`` answers
AUDIT_HASHES_MOST = 1000




class ReceiptsRoom(ServiceBase):

    def verify_receipt(self, text: str) -> dict[str, Any]:
        """Is a receipt's verification QR genuine, and does central hold that payment?

        ``QT|<receipt no>|<customer code>|<amount>|<MAC>``: the MAC is HMAC-SHA256
        keyed with the SHA-256 of the issuing device's token (what central stores).
        """
        parts = text.strip().split("|")
        if len(parts) != 5 or parts[0] not in ("QT", "QT2") or not parts[3].isdigit():
            return {"valid": False, "reason": "not-a-receipt"}
        receipt_no, customer, amount, mac = parts[1], parts[2], int(parts[3]), parts[4].upper()
        issuer = device_of_receipt(receipt_no)
        if issuer is None:
            return {"valid": False, "reason": "not-a-receipt"}
        unit_code, number = issuer
        with self.sessions() as s:
            device = s.get(Device, number)
            if device is None or device.unit_code != unit_code:
                return {"valid": False, "reason": "unknown-device"}
            if parts[0] == "QT2":  # 64 bits, keyed by what only central's secret gives
                expected = receipt_mac(self.receipt_key(device.id), receipt_no, customer,
                                       amount, digits=16)
            else:  # the first format: 32 bits, keyed by the token's hash
                expected = receipt_mac(device.token_hash, receipt_no, customer, amount)
            if not hmac.compare_digest(expected, mac):
                return {"valid": False, "reason": "forged"}
            if device.revoked_at is not None:
                # a revoked device's token may be in anyone's hands: nothing it signs counts
                return {"valid": False, "reason": "device-revoked"}
            # one number may be held twice (a clash is applied and alerted): the payment
            # this receipt states, where there is one
            held_all = s.scalars(select(Payment).where(Payment.device_id == device.id,
                                                       Payment.receipt_no == receipt_no)
                                 .order_by(Payment.paid_at)).all()
            payment = next((p for p in held_all if p.amount == amount
                            and p.status != PaymentStatus.VOIDED),
                           held_all[0] if held_all else None)
            if payment is None:
                # a MAC alone proves only that someone held the device's key; a receipt is
                # valid when central holds its payment (a real one not yet synced is
                # checked again after the counter's next sync)
                return {"valid": False, "reason": "not-at-central", "payment": None}
            held = {"receipt_no": receipt_no, "amount": payment.amount,
                    "status": payment.status, "paid_at": payment.paid_at.isoformat()}
            if payment.status == PaymentStatus.VOIDED:
                return {"valid": False, "reason": "voided", "payment": held}
            if payment.amount != amount:
                return {"valid": False, "reason": "amount-differs", "payment": held}
            return {"valid": True, "reason": payment.status, "payment": held}


    def receipt_key(self, device_id: int) -> str:
        """The key a device signs its receipts with (``QT2``), given at enrolment and renewal."""
        return device_receipt_key(self.receipt_secret, device_id)

    def device_numbers(self, ctx: DeviceContext) -> dict[str, Any]:
        """What central holds of the calling device's numbering: the highest receipt number
        it pushed and its journal's head (a counter put back to an old copy compares)."""
        with self.sessions() as s:
            # receipt numbers have one width per device: the greatest text is the last
            last = s.scalar(select(func.max(Payment.receipt_no))
                            .where(Payment.device_id == ctx.device_id))
            head = s.get(AuditHead, ctx.device_id)
        seq = int(last.rsplit("-", 1)[1]) if last and last.rsplit("-", 1)[1].isdigit() else 0
        return {"device_id": ctx.device_id, "last_receipt_seq": seq,
                "audit_seq": head.seq if head else 0, "audit_hash": head.hash if head else GENESIS}

    def audit_hashes(self, ctx: DeviceContext, first: int, last: int) -> dict[str, Any]:
        """The hashes of the calling device's journal lines ``first``..``last`` (at most
        :data:`AUDIT_HASHES_MOST`): a counter whose store was put back from an old copy tells
        which of its unsent lines central holds already and where its chain forks. Hashes
        only, of the device's own lines: nothing a token holder could not compute."""
        last = min(last, first + AUDIT_HASHES_MOST - 1)
        with self.sessions() as s:
            rows = s.execute(select(AuditLine.seq, AuditLine.hash).where(
                AuditLine.device_id == ctx.device_id, AuditLine.seq >= first,
                AuditLine.seq <= last).order_by(AuditLine.seq)).all()
        return {"lines": [{"seq": seq, "hash": digest} for seq, digest in rows]}

    def audit_head(self, ctx: DeviceContext) -> dict[str, Any]:
        with self.sessions() as s:
            head = s.get(AuditHead, ctx.device_id)
            return {"seq": head.seq, "hash": head.hash} if head else {"seq": 0, "hash": GENESIS}
