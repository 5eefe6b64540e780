"""The request list ("Yêu cầu"): every request the counter knows of, filtered and looked up
by number or phone, with its legal deadline, whether it is past it, and its history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Account, ServiceRequest, ServiceRequestHistory, Staff
from db.text import normalise_phone
from desktop import labels
from desktop.contract import RequestStatus
from desktop.service_requests import STATUSES, kind_label
from desktop.staff.auth import Actor, authorize

#: the longest list drawn at once; a filter narrows it
LIMIT = 2000
OPEN = (RequestStatus.SUBMITTED, RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class RequestRow:
    key: str
    ref: str
    kind: str
    kind_label: str
    account_code: str | None
    customer_name: str
    created_at: dt.datetime
    status: str
    status_label: str
    staff: str | None
    due_on: dt.date | None
    #: open and past its legal deadline
    overdue: bool


@dataclass(frozen=True, slots=True)
class HistoryStep:
    status_label: str
    note: str | None
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class RequestFilter:
    kind: str | None = None
    status: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    staff: str | None = None
    #: a customer code or part of a name
    customer: str = ""
    #: a request number (whole or its end) or a phone number in any usual spelling
    lookup: str = ""


class RequestList:
    def __init__(self, reads: sessionmaker[Session],
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        self._reads = reads
        self._clock = clock

    def search(self, actor: Actor, f: RequestFilter) -> list[RequestRow]:
        today = self._clock().astimezone(labels.VN_TZ).date()
        with self._reads() as s:
            authorize(s, actor, None)
            q = (select(ServiceRequest, Account.code, Staff.username)
                 .outerjoin(Account, Account.id == ServiceRequest.account_id)
                 .outerjoin(Staff, Staff.id == ServiceRequest.staff_id))
            if f.kind:
                q = q.where(ServiceRequest.kind == f.kind)
            if f.status == "overdue":
                q = q.where(ServiceRequest.status.in_(OPEN), ServiceRequest.due_on < today)
            elif f.status:
                q = q.where(ServiceRequest.status == f.status)
            if f.since:
                q = q.where(ServiceRequest.created_at >= _start(f.since))
            if f.until:
                q = q.where(ServiceRequest.created_at < _start(f.until + dt.timedelta(days=1)))
            if f.staff:
                q = q.where(Staff.username == f.staff)
            customer = f.customer.strip()
            if customer:
                q = q.where(or_(Account.code == customer.upper(),
                                ServiceRequest.customer_name.ilike(f"%{customer}%")))
            lookup = f.lookup.strip()
            if lookup:
                phone = normalise_phone(lookup)
                q = q.where(or_(ServiceRequest.ref == lookup.upper(),
                                ServiceRequest.ref.like(f"%{lookup.upper()}"),
                                ServiceRequest.phone == (phone or "-")))
            q = q.order_by(ServiceRequest.created_at.desc()).limit(LIMIT)
            return [RequestRow(r.key, r.ref, r.kind, kind_label(r.kind), code,
                               r.customer_name, r.created_at, r.status,
                               STATUSES.get(r.status, r.status), username, r.due_on,
                               r.due_on is not None and r.status in OPEN and r.due_on < today)
                    for r, code, username in s.execute(q)]

    def history(self, actor: Actor, key: str) -> list[HistoryStep]:
        with self._reads() as s:
            authorize(s, actor, None)
            rows = s.scalars(select(ServiceRequestHistory)
                             .where(ServiceRequestHistory.request_key == key)
                             .order_by(ServiceRequestHistory.at, ServiceRequestHistory.id))
            return [HistoryStep(STATUSES.get(h.status, h.status), h.note, h.at) for h in rows]

    def staff_names(self, actor: Actor) -> list[str]:
        with self._reads() as s:
            authorize(s, actor, None)
            return list(s.scalars(select(Staff.username).order_by(Staff.username)))


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), labels.VN_TZ).astimezone(dt.UTC)
