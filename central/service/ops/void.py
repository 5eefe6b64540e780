"""A void: money undone only by the device that took it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import (
    Account,
    AppliedOp,
    Bill,
    Payment,
    Unit,
)
from central.service.changelog import (
    account_data,
    bill_data,
    legacy_payment_record_id,
    payment_record_id,
    record_change,
    unit_data,
)
from central.service.common import (
    DeviceContext,
    Rejected,
    ServiceBase,
)
from desktop.contract import BillStatus, PaymentMethod, PaymentStatus


class VoidRoom(ServiceBase):

    def _apply_void(self, s: Session, ctx: DeviceContext, key: str,
                    d: dict[str, Any]) -> dict[str, Any]:
        payment = self._lock(s, select(Payment).where(Payment.device_id == ctx.device_id,
                                                      Payment.key == d["payment_key"]))
        if payment is None:
            payment = s.scalar(select(Payment).where(Payment.key == d["payment_key"],
                                                     Payment.unit_code == ctx.unit_code)
                               .limit(1))
        if payment is None:
            raise Rejected("unknown-payment", "Không có khoản thu cần hủy.")
        if payment.device_id != ctx.device_id:
            # money is undone only where it was taken (or by a supervisor at central)
            raise Rejected("other-device", "Chỉ quầy đã thu khoản này mới hủy được; báo giám "
                           "sát để hủy tại trung tâm.",
                           alert=f"Thiết bị {ctx.device_id} tìm cách hủy khoản thu "
                                 f"{payment.receipt_no} của thiết bị {payment.device_id}.")
        if payment.status == PaymentStatus.SETTLED:
            raise Rejected("already-settled",
                           "Khoản thu đã quyết toán với trung tâm; không hủy được tại quầy.")
        if payment.status == PaymentStatus.VOIDED:
            raise Rejected("already-voided", "Khoản thu này đã hủy.")
        payment.status = PaymentStatus.VOIDED
        unit = s.get(Unit, ctx.unit_code)
        if unit is not None and unit.collection_limit is not None and payment.method == PaymentMethod.CASH:
            unit.unremitted = max(0, unit.unremitted - payment.amount)
            record_change(s, ctx.unit_code, "unit", unit.code, "upsert", unit_data(unit))
        # the account's own unit hears of it (an agent collects for every unit)
        paid_for = s.get(Account, payment.account_id)
        owner = paid_for.unit_code if paid_for is not None else ctx.unit_code
        for record in {payment_record_id(payment.key, ctx.device_id),
                       legacy_payment_record_id(payment.key)}:
            record_change(s, owner, "payment_record", record, "delete", {"id": record})
        reopened = []
        # the bills this payment settled, not every bill another device's payment
        # under the same key may have settled
        applied = s.get(AppliedOp, (ctx.device_id, payment.key))
        settled = set(json.loads(applied.result).get("settled", [])) if applied else set()
        for bill in s.scalars(select(Bill).where(Bill.paid_by == payment.key,
                                                 Bill.bill_no.in_(settled))):
            bill.status, bill.paid_at, bill.paid_by = BillStatus.UNPAID, None, None
            record_change(s, owner, "bill", bill.id, "upsert", bill_data(bill))
            reopened.append(bill.bill_no)
        if payment.credited:
            account = s.get(Account, payment.account_id)
            assert account is not None
            account.credit -= payment.credited
            record_change(s, owner, "account", account.id, "upsert",
                          account_data(account))
        return {"reopened": reopened}
