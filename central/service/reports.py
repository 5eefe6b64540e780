"""What supervisors and the back office read: alerts, settlement, the live check of
an account, per-unit statistics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from central.models import (
    Account,
    Alert,
    AppliedOp,
    Bill,
    Payment,
    Unit,
)
from central.service.changelog import (
    account_data,
    bill_data,
)
from central.service.common import (
    DeviceContext,
    ServiceBase,
    may_collect,
)
from central.service.errors import NotFound


class ReportsRoom(ServiceBase):

    def alerts(self, unit_code: str | None = None) -> list[dict[str, Any]]:
        with self.sessions() as s:
            q = select(Alert).order_by(Alert.id)
            if unit_code:
                q = q.where(Alert.unit_code == unit_code)
            return [{"unit": a.unit_code, "kind": a.kind, "op_key": a.op_key,
                     "message": a.message, "created_at": a.created_at.isoformat()}
                    for a in s.scalars(q)]

    def settle(self, unit_code: str, before: dt.datetime) -> int:
        """Mark the unit's payments taken before ``before`` as settled (end of day)."""
        with self._tx() as s:
            rows = s.scalars(select(Payment).where(Payment.unit_code == unit_code,
                                                   Payment.status == "taken",
                                                   Payment.paid_at < before)).all()
            for p in rows:
                p.status = "settled"
            return len(rows)

    def bills_of(self, ctx: DeviceContext, account_code: str) -> dict[str, Any]:
        with self.sessions() as s:
            account = s.scalar(select(Account).where(Account.code == account_code))
            # an agent looks up any unit's account, by its exact code only
            if account is None or not may_collect(s.get(Unit, ctx.unit_code), ctx, account):
                raise NotFound("account-not-found", "No such account")
            data = account_data(account)
            if account.unit_code != ctx.unit_code:
                data["phone"] = None  # an agent takes money; it has no use for the phone
            bills = s.scalars(select(Bill).where(Bill.account_id == account.id)
                              .order_by(Bill.period_end)).all()
            return {"account": data, "bills": [bill_data(b) for b in bills],
                    "as_of": self.clock().isoformat()}

    def stats(self) -> list[dict[str, Any]]:
        with self.sessions() as s:
            units = s.scalars(select(Unit.code).order_by(Unit.code)).all()
            ops = dict(((u, st), n) for u, st, n in s.execute(
                select(AppliedOp.unit_code, AppliedOp.status, func.count())
                .where(AppliedOp.kind == "payment")
                .group_by(AppliedOp.unit_code, AppliedOp.status)))
            replays = dict(s.execute(select(AppliedOp.unit_code, func.sum(AppliedOp.replays))
                                     .group_by(AppliedOp.unit_code)).all())
            credits = dict(s.execute(select(Payment.unit_code, func.count())
                                     .where(Payment.credited > 0).group_by(Payment.unit_code)).all())
            return [{"unit": u, "payments_applied": ops.get((u, "applied"), 0),
                     "duplicates_refused": int(replays.get(u) or 0),
                     "payments_rejected": ops.get((u, "rejected"), 0),
                     "credits": credits.get(u, 0)} for u in units]
