"""A shift's close, and central's totals of it for the counter to compare."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.models import (
    Payment,
    ShiftClosing,
)
from central.service.common import (
    DeviceContext,
    Rejected,
    ServiceBase,
)
from central.service.ops.turn_in import staff_member
from desktop.contract import PaymentStatus, canonical


class ShiftRoom(ServiceBase):

    def _apply_shift_close(self, s: Session, ctx: DeviceContext, _key: str,
                           d: dict[str, Any]) -> dict[str, Any]:
        if s.get(ShiftClosing, (ctx.device_id, d["shift_key"])) is not None:
            raise Rejected("shift-already-closed", "Ca này đã được đóng và gửi trước đó.")
        cashier = staff_member(s, ctx.unit_code, d["staff"])
        if cashier is None:
            # compared as identities: a lookalike of a name (U+034F, a Cyrillic letter)
            # is nobody, and a shift of nobody could be handed to its own cashier
            raise Rejected("unknown-staff", "Người đóng ca không phải nhân viên của đơn vị.",
                           alert="a shift close named no staff member of the unit")
        s.add(ShiftClosing(shift_key=d["shift_key"], device_id=ctx.device_id,
                           unit_code=ctx.unit_code, staff=cashier.username,
                           closed_at=dt.datetime.fromisoformat(d["closed_at"]), data=canonical(d)))
        s.flush()
        return {"reconciliation": self._shift_totals(s, ctx, d["shift_key"])}

    def _shift_totals(self, s: Session, ctx: DeviceContext, shift_key: str) -> dict[str, Any]:
        rows = s.execute(select(Payment.method, Payment.status, func.count(),
                                func.sum(Payment.amount))
                         .where(Payment.shift_key == shift_key,
                                Payment.device_id == ctx.device_id)
                         .group_by(Payment.method, Payment.status)).all()
        taken: dict[str, dict[str, int]] = {}
        voided = {"count": 0, "amount": 0}
        for method, status, n, amount in rows:
            if status == PaymentStatus.VOIDED:
                voided["count"] += int(n)
                voided["amount"] += int(amount)
            else:
                entry = taken.setdefault(method, {"count": 0, "amount": 0})
                entry["count"] += int(n)
                entry["amount"] += int(amount)
        return {"shift_key": shift_key, "by_method": taken, "voided": voided}

    def reconciliation(self, ctx: DeviceContext, shift_key: str) -> dict[str, Any]:
        """Central's totals of one of the device's shifts, for the counter to compare."""
        with self.sessions() as s:
            closing = s.get(ShiftClosing, (ctx.device_id, shift_key))
            totals = self._shift_totals(s, ctx, shift_key)
            totals["closing"] = json.loads(closing.data) if closing else None
            return totals
