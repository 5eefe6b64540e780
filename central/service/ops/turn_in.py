"""Turn-ins: a counter's closed shift handed to the head cashier, counted blind."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import ShiftClosing, TurnIn
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
