"""A field collector's day: the route sheet, the visits, the progress, ready to go offline.

Central issues the day's sheet of a route for one collector (the accounts in reading-book
order) down the unit's change log; the laptop downloads it with the accounts and bills
before leaving, then works the whole day offline. Each door gets one mark — paid (written
by the payment itself, in its transaction), not at home, refused, moved, meter problem —
with a note and the time; "not at home" may be followed by a later visit the same day.
Every mark is an outbox operation (``visit``), exactly once at central.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import json
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Account,
    Bill,
    DeviceState,
    LocalPayment,
    OutboxOp,
    RouteSheet,
    Staff,
    SyncState,
    Visit,
)
from desktop.contract import VISIT_OUTCOMES, BillStatus, OutboxState, PaymentStatus, VisitOutcome, visit_data
from desktop.errors import NotFound, ValidationError
from desktop.i18n import say
from desktop.labels import VN_TZ, age
from desktop.money.amounts import format_vnd
from desktop.staff import audit
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission

Clock = Callable[[], dt.datetime]

def outcome_label(outcome: str) -> str:
    """A visit's outcome on screen, in the chosen language."""
    labels: dict[str, str] = {
        VisitOutcome.PAID: say("Đã thu"), VisitOutcome.NOT_HOME: say("Không có nhà"),
        VisitOutcome.REFUSED: say("Từ chối trả"), VisitOutcome.MOVED: say("Đã chuyển đi"),
        VisitOutcome.METER_PROBLEM: say("Công tơ có vấn đề")}
    return labels.get(outcome, outcome)

#: the marks a collector makes by hand (paid comes with the money)
MANUAL: tuple[str, ...] = (VisitOutcome.NOT_HOME, VisitOutcome.REFUSED, VisitOutcome.MOVED,
                          VisitOutcome.METER_PROBLEM)


class NoRoute(ValidationError):
    """No sheet for this collector today (not downloaded, or not issued)."""


@dataclass(frozen=True, slots=True)
class Stop:
    seq: int
    account_id: int
    code: str
    name: str
    address: str
    unpaid: int
    #: the latest mark (None: not visited yet)
    outcome: str | None
    note: str
    at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Progress:
    stops: int
    visited: int
    paid: int
    collected: int
    remaining_stops: int
    remaining: int

    def text(self) -> str:
        return say(f"Đã thu {self.paid}/{self.stops} khách · {format_vnd(self.collected)} · "
                   f"còn {self.remaining_stops} khách nợ {format_vnd(self.remaining)} · đã ghé "
                   f"{self.visited}")


@dataclass(frozen=True, slots=True)
class Sheet:
    id: int
    route_code: str
    day: dt.date
    stops: tuple[Stop, ...]
    progress: Progress


@dataclass(frozen=True, slots=True)
class Readiness:
    """What "ready to go offline" shows before leaving (and "everything synced" after)."""

    data_as_of: dt.datetime | None
    route: str | None
    stops: int
    #: what the printer says of itself; whether that is good (None: it cannot say)
    printer: str
    printer_ok: bool | None
    battery: int | None
    unsent: int

    def lines(self) -> tuple[tuple[bool, str], ...]:
        """(fine, sentence) per item, for the screen."""
        data = (self.data_as_of is not None,
                say(f"Dữ liệu cập nhật {age(self.data_as_of)}") if self.data_as_of
                else say("Chưa đồng bộ lần nào: đồng bộ (F5) trước khi đi"))
        route = (bool(self.route and self.stops),
                 say(f"Lộ trình {self.route}: {self.stops} khách") if self.route
                 else say("Chưa có lộ trình hôm nay: đồng bộ, hoặc báo Điện lực giao lộ trình"))
        printer = (self.printer_ok is not False, self.printer)
        battery = (self.battery is None or self.battery >= 30,
                   say("Máy không báo mức pin") if self.battery is None else
                   say(f"Pin {self.battery}%") if self.battery >= 30 else
                   say(f"Pin {self.battery}% — sạc trước khi đi"))
        unsent = (self.unsent == 0, say("Mọi thao tác đã gửi về trung tâm") if not self.unsent
                  else say(f"Còn {self.unsent} thao tác chờ gửi"))
        return (data, route, printer, battery, unsent)


class RouteService:
    def __init__(self, sessions: sessionmaker[Session], writes: sessionmaker[Session],
                 clock: Clock = lambda: dt.datetime.now(dt.UTC)) -> None:
        self._sessions, self._writes, self._clock = sessions, writes, clock

    def today(self, actor: Actor, *, unpaid_only: bool = False) -> Sheet:
        """This collector's sheet for today, with each stop's amount and latest mark."""
        day = self._clock().astimezone(VN_TZ).date()
        with self._sessions() as s:
            authorize(s, actor, Permission.TAKE_PAYMENT)
            sheet = s.scalar(select(RouteSheet).where(
                RouteSheet.collector == actor.username, RouteSheet.day == day)
                .order_by(RouteSheet.id.desc()))
            if sheet is None:
                raise NoRoute("Chưa có lộ trình hôm nay trên máy: đồng bộ trước khi đi, hoặc báo "
                              "Điện lực giao lộ trình.")
            return _sheet(s, sheet, unpaid_only=unpaid_only)

    def mark(self, actor: Actor, sheet_id: int, account_id: int, outcome: str,
             note: str = "") -> Stop:
        """A door's outcome, by hand (paid comes with the payment)."""
        if outcome not in MANUAL:
            raise ValidationError("Chọn một kết quả: không có nhà, từ chối, chuyển đi, công tơ "
                                  "có vấn đề (đã thu thì ghi bằng phiếu thu).")
        note = " ".join(note.split())
        if len(note) > 500:
            raise ValidationError("Ghi chú quá dài (tối đa 500 ký tự).")
        now = self._clock()
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_PAYMENT)
            sheet = s.get(RouteSheet, sheet_id)
            if sheet is None or sheet.collector != staff.username:
                raise NotFound("Lộ trình này không phải của người đang đăng nhập.")
            if account_id not in json.loads(sheet.stops):
                raise ValidationError("Khách hàng này không thuộc lộ trình.")
            last = _last_visit(s, sheet_id, account_id)
            if last is not None and last.outcome != VisitOutcome.NOT_HOME:
                raise ValidationError(
                    f"Đã ghi \"{outcome_label(last.outcome)}\" lúc "
                    f"{last.at.astimezone(VN_TZ).strftime('%H:%M')}: mỗi nhà ghi một lần "
                    "(trừ lần không có nhà, ghé lại được).")
            if outcome in (VisitOutcome.REFUSED, VisitOutcome.METER_PROBLEM, VisitOutcome.MOVED) \
                    and not note:
                raise ValidationError("Ghi chú ngắn điều đã thấy (bắt buộc với kết quả này).")
            _record(s, sheet, account_id, outcome, note, None, staff, now)
            return _sheet(s, sheet, only=account_id).stops[0]

    def paid_alongside(self, s: Session, payment: LocalPayment, _code: str,
                       staff: Staff) -> None:
        """The payment's own transaction: a collector's payment at a stop marks it paid."""
        day = payment.paid_at.astimezone(VN_TZ).date()
        for sheet in s.scalars(select(RouteSheet).where(RouteSheet.collector == staff.username,
                                                        RouteSheet.day == day)):
            if payment.account_id in json.loads(sheet.stops):
                _record(s, sheet, payment.account_id, VisitOutcome.PAID, "", payment.receipt_no, staff,
                        payment.paid_at)
                return

    def readiness(self, *, actor: Actor | None = None) -> Readiness:
        """The laptop before leaving: data age, route, printer, battery, what is unsent.
        Asks the printer (a network one answers within its timeout): off the GUI thread.
        With ``actor``, a locked session is refused."""
        from desktop.printing.transport import query_status

        day = self._clock().astimezone(VN_TZ).date()
        with self._sessions() as s:
            if actor is not None:
                authorize(s, actor, None)
            device = s.get(DeviceState, 1)
            uri = device.printer_uri if device else None
            state = s.get(SyncState, 1)
            sheet = s.scalar(select(RouteSheet).where(RouteSheet.day == day)
                             .order_by(RouteSheet.id.desc()))
            unsent = s.scalar(select(func.count()).select_from(OutboxOp)
                              .where(OutboxOp.state == OutboxState.PENDING)) or 0
        ok: bool | None
        if uri:
            said = query_status(uri)
            # a network printer answers DLE EOT; a Bluetooth or USB one cannot say
            ok = True if said == say("Máy in sẵn sàng.") else (
                False if uri.startswith("tcp:") else None)
        else:
            said, ok = say("Chưa cấu hình máy in (quản trị: Ctrl+Shift+S)."), False
        return Readiness(state.data_as_of if state else None,
                         sheet.route_code if sheet else None,
                         len(json.loads(sheet.stops)) if sheet else 0,
                         said, ok, battery_percent(), int(unsent))


def _record(s: Session, sheet: RouteSheet, account_id: int, outcome: str, note: str,
            receipt_no: str | None, staff: Staff, now: dt.datetime) -> None:
    account = s.get(Account, account_id)
    if account is None:
        raise NotFound("Không tìm thấy khách hàng trong dữ liệu của máy.")
    key = str(uuid.uuid4())
    s.add(Visit(key=key, sheet_id=sheet.id, account_id=account_id, outcome=outcome, note=note,
                receipt_no=receipt_no, staff_id=staff.id, at=now))
    data = visit_data(sheet_id=sheet.id, account_code=account.code, outcome=outcome,
                      note=note, staff=staff.username, receipt_no=receipt_no, at=now)
    s.add(OutboxOp(key=key, kind="visit", created_at=now, attempts=0, state=OutboxState.PENDING,
                   data=json.dumps(data, ensure_ascii=False)))
    audit.append(s, action="visit", staff=staff.username, now=now, subject=account.code,
                 detail={"key": key, "outcome": outcome, "sheet": sheet.id})


def _last_visit(s: Session, sheet_id: int, account_id: int) -> Visit | None:
    return s.scalar(select(Visit).where(Visit.sheet_id == sheet_id,
                                        Visit.account_id == account_id)
                    .order_by(Visit.at.desc()).limit(1))


def _sheet(s: Session, sheet: RouteSheet, *, unpaid_only: bool = False,
           only: int | None = None) -> Sheet:
    ids: list[int] = json.loads(sheet.stops)
    accounts = {a.id: a for a in s.scalars(select(Account).where(Account.id.in_(ids)))}
    unpaid = dict(s.execute(select(Bill.account_id, func.sum(Bill.total))
                            .where(Bill.account_id.in_(ids), Bill.status == BillStatus.UNPAID)
                            .group_by(Bill.account_id)).all())
    latest: dict[int, Visit] = {}
    for v in s.scalars(select(Visit).where(Visit.sheet_id == sheet.id).order_by(Visit.at)):
        latest[v.account_id] = v
    start = dt.datetime.combine(sheet.day, dt.time(0), VN_TZ).astimezone(dt.UTC)
    collected = dict(s.execute(
        select(LocalPayment.account_id, func.sum(LocalPayment.amount))
        .where(LocalPayment.account_id.in_(ids), LocalPayment.status == PaymentStatus.TAKEN,
               LocalPayment.paid_at >= start, LocalPayment.paid_at < start + dt.timedelta(1))
        .group_by(LocalPayment.account_id)).all())
    stops: list[Stop] = []
    for seq, account_id in enumerate(ids, start=1):
        a = accounts.get(account_id)
        if a is None:
            continue  # not in this laptop's data (moved to another unit since)
        last = latest.get(account_id)
        stops.append(Stop(seq, a.id, a.code, a.name, a.address, int(unpaid.get(a.id) or 0),
                          last.outcome if last else None, last.note if last else "",
                          last.at if last else None))
    progress = Progress(
        stops=len(stops), visited=sum(1 for st in stops if st.outcome),
        paid=sum(1 for st in stops if st.account_id in collected),
        collected=sum(int(x) for x in collected.values()),
        remaining_stops=sum(1 for st in stops if st.unpaid),
        remaining=sum(st.unpaid for st in stops))
    shown = [st for st in stops if (only is None or st.account_id == only)
             and (not unpaid_only or st.unpaid)]
    return Sheet(sheet.id, sheet.route_code, sheet.day, tuple(shown), progress)


def battery_percent() -> int | None:
    """The battery's charge where the OS reports one (None on a desktop PC)."""
    if sys.platform == "win32":
        class _Status(ctypes.Structure):
            _fields_ = [("ACLineStatus", ctypes.c_byte), ("BatteryFlag", ctypes.c_byte),
                        ("BatteryLifePercent", ctypes.c_byte), ("Reserved1", ctypes.c_byte),
                        ("BatteryLifeTime", ctypes.c_ulong),
                        ("BatteryFullLifeTime", ctypes.c_ulong)]

        status = _Status()
        windll = getattr(ctypes, "windll", None)
        if windll is None or not windll.kernel32.GetSystemPowerStatus(ctypes.byref(status)):
            return None
        percent = status.BatteryLifePercent & 0xFF
        return None if percent == 255 or status.BatteryFlag & 0x80 else int(percent)
    for supply in sorted(Path("/sys/class/power_supply").glob("BAT*")):
        try:
            return int((supply / "capacity").read_text().strip())
        except (OSError, ValueError):
            continue
    return None


__all__ = ["VISIT_OUTCOMES", "Readiness", "RouteService", "Sheet", "Stop"]
