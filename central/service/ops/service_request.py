"""Service requests: taken at a counter, moved on at central."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import (
    Account,
    ServiceRequest,
)
from central.service.changelog import (
    account_data,
    record_change,
    request_data,
)
from central.service.common import (
    DeviceContext,
    Rejected,
    ServiceBase,
)
from desktop.contract import (
    REQUEST_STATUSES,
    AccountStatus,
    RequestStatus,
    canonical,
    parse_device_code,
    preferred_day,
)


class RequestRoom(ServiceBase):

    def _apply_service_request(self, s: Session, ctx: DeviceContext, key: str,
                               d: dict[str, Any]) -> dict[str, Any]:
        device, sep, _seq = str(d["ref"]).rpartition("-YC")
        if not sep or parse_device_code(device) != (ctx.unit_code, ctx.device_id):
            # the number is the device's own (``<device code>-YC<seq>``): another unit's
            # device pushing it first must not take it from the genuine one
            raise Rejected("not-own-number", "Số yêu cầu mang mã của máy khác.",
                           alert="a service-request number of another device was pushed")
        code = d.get("account_code")
        if code is not None:
            account = s.scalar(select(Account).where(Account.code == code))
            if account is None or account.unit_code != ctx.unit_code:
                raise Rejected("unknown-account", f"Không có khách hàng {code}.")
        now = self.clock()
        request = ServiceRequest(key=key, ref=d["ref"], unit_code=ctx.unit_code,
                                 device_id=ctx.device_id, kind=d["kind"], account_code=code,
                                 data=canonical(d), status=RequestStatus.RECEIVED, note=None,
                                 created_at=dt.datetime.fromisoformat(d["created_at"]),
                                 updated_at=now)
        s.add(request)
        s.flush()
        record_change(s, ctx.unit_code, "service_request", key, "upsert", request_data(request))
        return {"ref": d["ref"], "request_status": RequestStatus.RECEIVED}

    def _apply_request_withdrawal(self, s: Session, ctx: DeviceContext, key: str,
                                  d: dict[str, Any]) -> dict[str, Any]:
        """The counter that took a request withdraws it (a reconnection request whose
        payment was voided): ``cancelled``, with the reason, down to the unit's counters."""
        request = self._lock(s, select(ServiceRequest).where(ServiceRequest.ref == d["ref"]))
        if request is None or request.device_id != ctx.device_id:
            # only the device that took a request withdraws it
            raise Rejected("unknown-request", f"Trung tâm không có yêu cầu {d['ref']} của "
                           "máy này.")
        if request.status in (RequestStatus.DONE, RequestStatus.REFUSED):
            raise Rejected("request-closed", f"Yêu cầu {d['ref']} đã kết thúc "
                           f"({request.status}); không rút lại được.",
                           alert=f"Quầy rút lại yêu cầu {d['ref']} đã kết thúc "
                                 f"({request.status}): {d['reason']}")
        request.status, request.note = RequestStatus.CANCELLED, d["reason"]
        # when the counter withdrew it (its void): the step it already lists, come back
        # down, is the same step and is listed once
        request.updated_at = dt.datetime.fromisoformat(d["at"])
        record_change(s, request.unit_code, "service_request", request.key, "upsert",
                      request_data(request))
        return {"ref": request.ref, "request_status": RequestStatus.CANCELLED}

    def set_request_status(self, ref: str, status: str, note: str | None = None) -> dict[str, Any]:
        """The back office moves a request on; the unit's counters see it at their next pull."""
        if status not in REQUEST_STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(REQUEST_STATUSES)}")
        with self._tx() as s:
            request = s.scalar(select(ServiceRequest).where(ServiceRequest.ref == ref))
            if request is None:
                raise ValueError(f"no service request {ref}")
            request.status, request.note, request.updated_at = status, note, self.clock()
            record_change(s, request.unit_code, "service_request", request.key, "upsert",
                          request_data(request))
            return request_data(request)

    def set_account_status(self, code: str, status: str) -> dict[str, Any]:
        """The back office cuts an account off for non-payment (``disconnected``) or puts it
        back; the unit's counters get the account with its state at their next pull."""
        if status not in {s.value for s in AccountStatus}:
            raise ValueError(f"unknown account status {status!r}")
        with self._tx() as s:
            account = s.scalar(select(Account).where(Account.code == code))
            if account is None:
                raise ValueError(f"no account {code}")
            account.status, account.updated_at = status, self.clock()
            data = account_data(account)
            record_change(s, account.unit_code, "account", account.id, "upsert", data)
            return data

    def list_requests(self, unit_code: str | None = None) -> list[dict[str, Any]]:
        with self.sessions() as s:
            q = select(ServiceRequest).order_by(ServiceRequest.created_at)
            if unit_code:
                q = q.where(ServiceRequest.unit_code == unit_code)
            # the preferred date for the back office, under its one name whatever
            # counter pushed it (an older one sent a new supply's in its details)
            return [{**request_data(r), "unit": r.unit_code,
                     "preferred_on": preferred_day(json.loads(r.data))}
                    for r in s.scalars(q)]
