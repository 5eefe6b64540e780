"""Field collectors' routes: the day's sheet central issues, the visits that come back."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import Account, Bill, RouteSheet, Staff, Unit, Visit
from central.service.changelog import record_change
from central.service.common import DeviceContext, Rejected, ServiceBase
from desktop.contract import AccountStatus, BillStatus


class RouteRoom(ServiceBase):

    def issue_route(self, unit_code: str, route_code: str, collector: str,
                    day: dt.date) -> dict[str, Any]:
        """The day's sheet of a route for one collector, in reading-book order (the order
        the accounts were entered in the route's book: their ids), sent down the unit's
        change log to its devices. The accounts' bills travel the same log already."""
        with self._tx() as s:
            if s.get(Unit, unit_code) is None:
                raise ValueError(f"no unit {unit_code}")
            member = s.scalar(select(Staff).where(Staff.unit_code == unit_code,
                                                  Staff.username == collector))
            if member is None or member.role != "field_collector":
                raise ValueError(f"{collector} is not a field collector of {unit_code}")
            ids = list(s.scalars(select(Account.id).where(
                Account.unit_code == unit_code, Account.route_code == route_code,
                Account.status != AccountStatus.TERMINATED).order_by(Account.id)))
            if not ids:
                raise ValueError(f"route {route_code} has no accounts: no sheet issued")
            if s.scalar(select(RouteSheet.id).where(
                    RouteSheet.unit_code == unit_code, RouteSheet.route_code == route_code,
                    RouteSheet.day == day)) is not None:
                raise ValueError(f"route {route_code} already has a sheet for {day}")
            sheet = RouteSheet(unit_code=unit_code, route_code=route_code, collector=collector,
                               day=day, stops=json.dumps(ids), created_at=self.clock())
            s.add(sheet)
            s.flush()
            data = sheet_data(sheet)
            record_change(s, unit_code, "route_sheet", sheet.id, "upsert", data)
            unpaid = s.scalar(select(Bill.id).join(Account).where(
                Account.id.in_(ids), Bill.status == BillStatus.UNPAID).limit(1))
            return data | {"accounts": len(ids), "with_unpaid_bills": unpaid is not None}

    def _apply_visit(self, s: Session, ctx: DeviceContext, key: str,
                     d: dict[str, Any]) -> dict[str, Any]:
        sheet = s.get(RouteSheet, d["sheet_id"])
        if sheet is None or sheet.unit_code != ctx.unit_code:
            raise Rejected("unknown-sheet", "Trung tâm không có lộ trình này.")
        account = s.scalar(select(Account).where(Account.code == d["account_code"]))
        if account is None or account.id not in json.loads(sheet.stops):
            raise Rejected("not-on-route", "Khách hàng này không thuộc lộ trình.")
        s.add(Visit(device_id=ctx.device_id, key=key, sheet_id=sheet.id,
                    account_code=account.code, outcome=d["outcome"], note=d["note"],
                    staff=d["staff"], receipt_no=d.get("receipt_no"),
                    at=dt.datetime.fromisoformat(d["at"])))
        s.flush()
        return {"visited": account.code}

    def route_report(self, sheet_id: int) -> dict[str, Any]:
        """A sheet with its visits, for the back office (``quaythu-central route report``)."""
        with self.sessions() as s:
            sheet = s.get(RouteSheet, sheet_id)
            if sheet is None:
                raise ValueError(f"no route sheet {sheet_id}")
            visits = s.scalars(select(Visit).where(Visit.sheet_id == sheet_id)
                               .order_by(Visit.at)).all()
            return sheet_data(sheet) | {"visits": [
                {"account": v.account_code, "outcome": v.outcome, "note": v.note,
                 "receipt_no": v.receipt_no, "at": v.at.isoformat()} for v in visits]}


def sheet_data(sheet: RouteSheet) -> dict[str, Any]:
    return {"id": sheet.id, "route_code": sheet.route_code, "collector": sheet.collector,
            "day": sheet.day.isoformat(), "stops": json.loads(sheet.stops)}
