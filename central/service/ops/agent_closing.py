"""An agent's daily closing, reconciled against central's payments (SAP FI-CA's External
Cash Desk Services: the agent reports its day, the utility compares, and each difference
is assigned to someone to clear; none is absorbed)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import AgentClosing, Alert, Payment, Remittance, Unit
from central.service.common import DeviceContext, Rejected, ServiceBase
from desktop.contract import PaymentStatus
from desktop.money.amounts import format_vnd

VN = dt.timedelta(hours=7)  # Ho Chi Minh City: UTC+7 all year


def day_window(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(), dt.UTC) - VN
    return start, start + dt.timedelta(days=1)


class AgentClosingRoom(ServiceBase):

    def _apply_agent_closing(self, s: Session, ctx: DeviceContext, key: str,
                             d: dict[str, Any]) -> dict[str, Any]:
        unit = s.get(Unit, ctx.unit_code)
        if unit is None or unit.kind != "agent":
            raise Rejected("not-an-agent", "Chốt ngày thu hộ chỉ dành cho đại lý.")
        day = dt.date.fromisoformat(str(d["day"]))
        if s.scalar(select(AgentClosing).where(AgentClosing.device_id == ctx.device_id,
                                               AgentClosing.day == day)) is not None:
            raise Rejected("closing-sent", "Đã gửi chốt ngày này trước đó.")
        theirs = {r["receipt_no"]: r["amount"] for r in d["receipts"]}
        if len(theirs) != len(d["receipts"]) or d["count"] != len(theirs) or d["total"] != sum(
                theirs.values()):
            raise Rejected("closing-inconsistent", "Số phiếu hoặc tổng tiền của bản chốt không "
                           "khớp với danh sách phiếu.")
        start, end = day_window(day)
        ours = {p.receipt_no: p.amount for p in s.scalars(select(Payment).where(
            Payment.device_id == ctx.device_id, Payment.status != PaymentStatus.VOIDED,
            Payment.paid_at >= start, Payment.paid_at < end))}
        differences: list[dict[str, Any]] = []
        for no in sorted(theirs.keys() | ours.keys()):
            if no not in ours:
                differences.append({"receipt_no": no, "amount": theirs[no],
                                    "where": "closing-only"})
            elif no not in theirs:
                differences.append({"receipt_no": no, "amount": ours[no],
                                    "where": "central-only"})
            elif theirs[no] != ours[no]:
                differences.append({"receipt_no": no, "amount": theirs[no] - ours[no],
                                    "where": "amount"})
        now = self.clock()
        s.add(AgentClosing(device_id=ctx.device_id, key=key, unit_code=ctx.unit_code, day=day,
                           staff=d["staff"], count=d["count"], total=d["total"],
                           central_count=len(ours), central_total=sum(ours.values()),
                           differences=json.dumps(differences, ensure_ascii=False),
                           status="differences" if differences else "matched",
                           at=dt.datetime.fromisoformat(d["at"])))
        if differences:
            s.add(Alert(unit_code=ctx.unit_code, kind="closing-difference", op_key=key,
                        message=f"{unit.name}: chốt ngày {day.isoformat()} có "
                                f"{len(differences)} chênh lệch (đại lý {format_vnd(d['total'])},"
                                f" trung tâm {format_vnd(sum(ours.values()))}).",
                        created_at=now))
        s.flush()
        return {"reconciled": "differences" if differences else "matched",
                "central_count": len(ours), "central_total": sum(ours.values()),
                "differences": differences}

    def closings(self, unit_code: str | None = None, *,
                 open_only: bool = False) -> list[dict[str, Any]]:
        """The agents' closings for the back office, newest first."""
        with self.sessions() as s:
            q = select(AgentClosing).order_by(AgentClosing.day.desc(), AgentClosing.id.desc())
            if unit_code:
                q = q.where(AgentClosing.unit_code == unit_code)
            if open_only:
                q = q.where(AgentClosing.status == "differences")
            return [_closing(c) for c in s.scalars(q)]

    def assign_closing(self, closing_id: int, to: str, note: str) -> dict[str, Any]:
        """A closing's differences given to someone to clear (a name, a team)."""
        to, note = " ".join(to.split()), " ".join(note.split())
        if not to or not note:
            raise ValueError("a difference is assigned to someone, with a note")
        with self.sessions() as s, s.begin():
            c = s.get(AgentClosing, closing_id, with_for_update=True)
            if c is None:
                raise ValueError(f"no closing {closing_id}")
            if c.status == "matched":
                raise ValueError(f"closing {closing_id} matched: nothing to assign")
            c.status, c.assigned_to, c.assignment_note = "assigned", to[:80], note
            return _closing(c)

    def remittances(self, ctx: DeviceContext, limit: int = 30) -> dict[str, Any]:
        """The calling agent's limit, cash held, and its latest remittances."""
        with self.sessions() as s:
            unit = s.get(Unit, ctx.unit_code)
            rows = s.scalars(select(Remittance).where(Remittance.unit_code == ctx.unit_code)
                             .order_by(Remittance.at.desc()).limit(limit)).all()
            return {"collection_limit": unit.collection_limit if unit else None,
                    "unremitted": unit.unremitted if unit else 0,
                    "remittances": [{"amount": r.amount, "at": r.at.isoformat(),
                                     "note": r.note} for r in rows],
                    "as_of": self.clock().isoformat()}


def _closing(c: AgentClosing) -> dict[str, Any]:
    return {"id": c.id, "unit": c.unit_code, "device_id": c.device_id,
            "day": c.day.isoformat(), "staff": c.staff, "count": c.count, "total": c.total,
            "central_count": c.central_count, "central_total": c.central_total,
            "differences": json.loads(c.differences), "status": c.status,
            "assigned_to": c.assigned_to, "note": c.assignment_note}
