"""Turn-ins: a counter's closed shift handed to the head cashier, counted blind."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.models import Payment, ShiftClosing, TurnIn
from central.service.common import DeviceContext, Rejected, ServiceBase


class TurnInRoom(ServiceBase):

    def _apply_turn_in(self, s: Session, ctx: DeviceContext, key: str,
                       d: dict[str, Any]) -> dict[str, Any]:
        closing = s.get(ShiftClosing, (ctx.device_id, d["shift_key"]))
        if closing is None:
            # the shift's close is pushed before its turn-in (the outbox keeps the order)
            raise Rejected("unknown-shift", "Ca này chưa được đóng và gửi về trung tâm.")
        if d["head_cashier"] == closing.staff or d["cashier"] != closing.staff:
            raise Rejected("own-shift", "Người nhận bàn giao không được là người của ca đó.")
        if json.loads(closing.data).get("counted_cash") != d["declared"]:
            raise Rejected("declared-differs", "Số tiền bàn giao khác số đếm lúc đóng ca.")
        if s.scalar(select(TurnIn).where(TurnIn.device_id == ctx.device_id,
                                         TurnIn.shift_key == d["shift_key"])) is not None:
            raise Rejected("already-turned-in", "Ca này đã bàn giao trước đó.")
        s.add(TurnIn(device_id=ctx.device_id, key=key, shift_key=d["shift_key"],
                     unit_code=ctx.unit_code, cashier=d["cashier"],
                     head_cashier=d["head_cashier"], declared=d["declared"],
                     counted=d["counted"], reason=d.get("reason"),
                     at=dt.datetime.fromisoformat(d["at"])))
        s.flush()
        return {"turned_in": d["counted"], "difference": d["counted"] - d["declared"]}

    def cash_position(self, unit_code: str, day: dt.date) -> dict[str, Any]:
        """One unit's cash on one local day: taken → counted at the close → handed over.

        The day is Ho Chi Minh City's (UTC+7, no daylight saving). ``not_turned_in`` is
        the cash of the day's closed shifts no head cashier has taken over yet: still in
        the cashiers' hands.
        """
        start = dt.datetime.combine(day, dt.time(), dt.UTC) - dt.timedelta(hours=7)
        end = start + dt.timedelta(days=1)
        with self.sessions() as s:
            taken = s.scalar(select(func.coalesce(func.sum(Payment.amount), 0)).where(
                Payment.unit_code == unit_code, Payment.method == "cash",
                Payment.status != "voided", Payment.paid_at >= start, Payment.paid_at < end))
            closings = s.scalars(select(ShiftClosing).where(
                ShiftClosing.unit_code == unit_code, ShiftClosing.closed_at >= start,
                ShiftClosing.closed_at < end)).all()
            turned = {(t.device_id, t.shift_key): t for t in s.scalars(select(TurnIn).where(
                TurnIn.unit_code == unit_code,
                TurnIn.shift_key.in_([c.shift_key for c in closings])))}
        counted = {(c.device_id, c.shift_key): int(json.loads(c.data)["counted_cash"])
                   for c in closings}
        handed = [t for k, t in turned.items() if k in counted]
        return {"unit": unit_code, "day": day.isoformat(), "cash_taken": int(taken or 0),
                "shifts_closed": len(closings), "counted_at_close": sum(counted.values()),
                "turned_in": sum(t.counted for t in handed),
                "turn_in_difference": sum(t.counted - t.declared for t in handed),
                "not_turned_in": sum(v for k, v in counted.items() if k not in turned)}
