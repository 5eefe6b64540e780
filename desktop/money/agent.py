"""An agent's counter (đại lý thu hộ): one account by its exact code, the limit, the closing.

An agent — a shop, a bank branch — collects for the utility between other sales. It
never browses customers: it sees the one account whose exact code it typed or scanned
(asked of central when online, and kept in its store so a receipt can be reprinted;
offline, only an account it looked up before). Its cash is capped by the collection
limit (hạn mức), whose room stays on screen. At the end of the day it sends a closing
— count, total, the receipts — which central reconciles against the payments it holds
(SAP FI-CA's External Cash Desk Services); no collection is taken after it that day.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Account, AgentClosing, DeviceState, LocalPayment, OutboxOp, Unit
from desktop.config import CustomerCodePattern
from desktop.contract import OutboxState, PaymentStatus, agent_closing_data
from desktop.dto import AccountDetail
from desktop.errors import CentralOffline, CentralRefused, NotFound, QuayThuError, ValidationError
from desktop.labels import VN_TZ
from desktop.lookup import LookupService
from desktop.money.amounts import format_vnd
from desktop.money.payments import cash_held
from desktop.staff import audit
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission

logger = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

#: the room left under the limit, as a share of it, below which the screen warns
WARN_BELOW = 0.2


class AccountSource(Protocol):
    """What the agent asks central; the link implements it (``desktop.link.Link``)."""

    def fetch_account(self, code: str) -> None:
        """Central's account and bills of this exact code, kept in the store as the change
        log would bring them (``CentralRefused`` 404: no such account; ``CentralOffline``:
        this process works offline)."""
        ...


class ClosingSent(ValidationError):
    """The day's closing was sent already."""


@dataclass(frozen=True, slots=True)
class Found:
    detail: AccountDetail
    #: central answered (False: the store's copy from an earlier look-up)
    online: bool


@dataclass(frozen=True, slots=True)
class LimitView:
    limit: int | None
    held: int
    #: what may still be taken in cash (None: no limit)
    room: int | None

    @property
    def warn(self) -> bool:
        return (self.limit is not None and self.room is not None
                and self.room < self.limit * WARN_BELOW)

    @property
    def exhausted(self) -> bool:
        return self.room is not None and self.room <= 0


@dataclass(frozen=True, slots=True)
class DayView:
    day: dt.date
    count: int
    total: int
    #: when the closing was sent (None: not yet)
    closed_at: dt.datetime | None


class AgentService:
    def __init__(self, sessions: sessionmaker[Session], writes: sessionmaker[Session],
                 lookup: LookupService, pattern: CustomerCodePattern | None = None,
                 clock: Clock = lambda: dt.datetime.now(dt.UTC),
                 central: AccountSource | None = None) -> None:
        self._sessions, self._writes, self._lookup = sessions, writes, lookup
        self._pattern = pattern or CustomerCodePattern()
        self._clock = clock
        self.central = central

    def find(self, actor: Actor, raw: str) -> Found:
        """The one account with this exact code (typed or scanned); never a search."""
        code = "".join(raw.split()).upper()
        if not self._pattern.is_code(code):
            raise ValidationError("Nhập đúng mã khách hàng (ví dụ PE14000012345) hoặc quét mã "
                                  "trên hóa đơn; đại lý không tìm theo tên.")
        with self._sessions() as s:
            authorize(s, actor, Permission.TAKE_PAYMENT)
        online = False
        if self.central is not None:
            try:
                self.central.fetch_account(code)
            except CentralRefused as exc:
                if exc.status != 404:
                    raise
                raise NotFound(f"Không có khách hàng mã {code}.") from None
            except CentralOffline:
                pass
            except QuayThuError as exc:
                logger.info("agent look-up offline: %s", type(exc).__name__)
            else:
                online = True
        with self._sessions() as s:
            account_id = s.scalar(select(Account.id).where(Account.code == code))
        if account_id is None:
            raise NotFound(f"Không có khách hàng mã {code} trên máy; cần kết nối tới trung tâm "
                           "để tra mã mới." if not online else f"Không có khách hàng mã {code}.")
        return Found(self._lookup.account(account_id, actor=actor), online)

    def limit(self, *, actor: Actor | None = None) -> LimitView:
        """The collection limit's room; with ``actor``, refused to a locked session."""
        with self._sessions() as s:
            if actor is not None:
                authorize(s, actor, None)
            device = s.get(DeviceState, 1)
            unit = s.get(Unit, device.unit_code) if device else None
            if unit is None:
                return LimitView(None, 0, None)
            held = cash_held(s, unit)
            room = None if unit.collection_limit is None else unit.collection_limit - held
            return LimitView(unit.collection_limit, held, room)

    def day(self, day: dt.date | None = None, *, actor: Actor | None = None,
            mine: bool = False) -> DayView:
        """The day's receipts and closing; with ``actor``, refused to a locked session; with
        ``mine`` as well, only the receipts that person took (a shop PC the owner shares:
        "Hôm nay" is the person's own, the closing the counter's)."""
        day = day or self._clock().astimezone(VN_TZ).date()
        with self._sessions() as s:
            staff = authorize(s, actor, None) if actor is not None else None
            staff_id = staff.id if mine and staff is not None else None
            receipts = _receipts(s, day, staff_id)
            closing = s.get(AgentClosing, day)
            return DayView(day, len(receipts), sum(a for _n, a in receipts),
                           closing.at if closing else None)

    def close_day(self, actor: Actor, day: dt.date | None = None) -> DayView:
        """Send the day's closing: its receipts, count and total; once per day."""
        now = self._clock()
        day = day or now.astimezone(VN_TZ).date()
        if day > now.astimezone(VN_TZ).date():
            raise ValidationError("Không chốt trước một ngày chưa đến.")
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_PAYMENT)
            device = s.get(DeviceState, 1)
            unit = s.get(Unit, device.unit_code) if device else None
            if unit is None or unit.kind != "agent":
                raise ValidationError("Chốt ngày thu hộ chỉ dành cho quầy đại lý.")
            done = s.get(AgentClosing, day)
            if done is not None:
                raise ClosingSent(f"Đã gửi chốt ngày {day.strftime('%d/%m/%Y')} lúc "
                                  f"{done.at.astimezone(VN_TZ).strftime('%H:%M')}: mỗi ngày "
                                  "chốt một lần.")
            receipts = _receipts(s, day)
            key = str(uuid.uuid4())
            data = agent_closing_data(day=day, staff=staff.username, receipts=receipts, at=now)
            total = sum(a for _n, a in receipts)
            s.add(AgentClosing(day=day, key=key, count=len(receipts), total=total,
                               staff_id=staff.id, at=now))
            s.add(OutboxOp(key=key, kind="agent_closing", created_at=now, attempts=0,
                           state=OutboxState.PENDING, data=json.dumps(data, ensure_ascii=False)))
            audit.append(s, action="agent_closing", staff=staff.username, now=now,
                         subject=day.isoformat(),
                         detail={"key": key, "count": len(receipts), "total": total})
        return DayView(day, len(receipts), total, now)


def _receipts(s: Session, day: dt.date, staff_id: int | None = None) -> list[tuple[str, int]]:
    """The day's receipts on this counter (of ``staff_id`` alone when given), not voided,
    in number order."""
    start = dt.datetime.combine(day, dt.time(0), VN_TZ).astimezone(dt.UTC)
    end = start + dt.timedelta(days=1)
    query = (select(LocalPayment.receipt_no, LocalPayment.amount)
             .where(LocalPayment.status == PaymentStatus.TAKEN, LocalPayment.paid_at >= start,
                    LocalPayment.paid_at < end))
    if staff_id is not None:
        query = query.where(LocalPayment.staff_id == staff_id)
    return [(no, int(amount)) for no, amount in s.execute(
        query.order_by(LocalPayment.receipt_no))]


def limit_text(view: LimitView) -> str:
    """The limit line the agent's window keeps in view."""
    if view.limit is None:
        return f"Đang giữ {format_vnd(view.held)} chưa nộp (không đặt hạn mức)."
    room = max(view.room or 0, 0)
    text = (f"Hạn mức còn {format_vnd(room)} / {format_vnd(view.limit)} "
            f"(đang giữ {format_vnd(view.held)} chưa nộp).")
    if view.exhausted:
        return text + " HẾT HẠN MỨC: nộp tiền cho Điện lực để thu tiếp."
    if view.warn:
        return text + " Sắp hết hạn mức: nên nộp tiền sớm."
    return text
