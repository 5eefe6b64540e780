"""Bill check (kiểm tra hóa đơn): recompute a cached bill, line by line.

Answers "is my bill right?" at the counter: the bill's own readings, period,
tariff class and households go through the calculator, and every line,
the subtotal, VAT and total are compared with what the bill says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Account, Bill
from desktop.errors import NotFound
from desktop.tariff.billing import BillRequest, BillResult, calculate
from desktop.tariff.prices import TOU_CLASSES, TOU_LABELS


@dataclass(frozen=True, slots=True)
class LineComparison:
    label: str
    billed_kwh: int
    billed_amount: int
    computed_kwh: int
    computed_amount: int

    @property
    def agrees(self) -> bool:
        return (self.billed_kwh, self.billed_amount) == (self.computed_kwh, self.computed_amount)


@dataclass(frozen=True, slots=True)
class BillCheck:
    bill_id: int
    bill_no: str
    period_start: dt.date
    period_end: dt.date
    billed_subtotal: int
    billed_vat: int
    billed_total: int
    computed: BillResult
    lines: tuple[LineComparison, ...]

    @property
    def agrees(self) -> bool:
        return all(x.agrees for x in self.lines) and (
            self.billed_subtotal, self.billed_vat, self.billed_total
        ) == (self.computed.subtotal, self.computed.vat, self.computed.total)

    @property
    def difference(self) -> int:
        """Billed minus computed total, in đồng (positive: the bill asks for more)."""
        return self.billed_total - self.computed.total


@dataclass(frozen=True, slots=True)
class CachedBill:
    id: int
    bill_no: str
    period_start: dt.date
    period_end: dt.date
    kwh: int
    total: int
    status: str


class BillCheckService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def bills(self, account_id: int) -> tuple[CachedBill, ...]:
        """Every cached bill of an account, newest first."""
        with self._sessions() as s:
            rows = s.scalars(select(Bill).where(Bill.account_id == account_id)
                             .order_by(Bill.period_end.desc())).all()
            return tuple(CachedBill(b.id, b.bill_no, b.period_start, b.period_end, b.kwh,
                                    b.total, b.status) for b in rows)

    def request_for(self, account_id: int, *, today: dt.date | None = None) -> BillRequest:
        """A calculator request prefilled from the account and its latest bill."""
        with self._sessions() as s:
            a = s.get(Account, account_id)
            if a is None:
                raise NotFound("Không tìm thấy khách hàng này trong dữ liệu cục bộ.")
            latest = s.scalars(select(Bill).where(Bill.account_id == account_id)
                               .order_by(Bill.period_end.desc()).limit(1)).first()
            if latest is None:
                end = today or dt.date.today()
                return BillRequest(end - dt.timedelta(days=29), end, a.tariff_class, a.voltage,
                                   kwh=0, households=a.households, today=today)
            return _request(a, latest, today)

    def check(self, bill_id: int, *, today: dt.date | None = None) -> BillCheck:
        with self._sessions() as s:
            b = s.get(Bill, bill_id)
            if b is None:
                raise NotFound("Không tìm thấy hóa đơn này trong dữ liệu cục bộ.")
            computed = calculate(_request(b.account, b, today))
            billed = {x.label: (x.kwh, x.amount) for x in b.lines}
            mine = {x.label: (x.kwh, x.amount) for x in computed.lines}
            labels = list(billed) + [k for k in mine if k not in billed]
            lines = tuple(
                LineComparison(k, *billed.get(k, (0, 0)), *mine.get(k, (0, 0))) for k in labels
            )
            return BillCheck(b.id, b.bill_no, b.period_start, b.period_end, b.subtotal, b.vat,
                             b.total, computed, lines)


def _request(a: Account, b: Bill, today: dt.date | None) -> BillRequest:
    when = max(today or dt.date.today(), b.period_end)
    common = {"period_from": b.period_start, "period_to": b.period_end,
              "tariff_class": a.tariff_class, "voltage": a.voltage, "today": when}
    if a.tariff_class in TOU_CLASSES:
        # the meter's three registers are on the bill as its band lines
        bands = {x.label: x.kwh for x in b.lines}
        tou = (bands.get(TOU_LABELS[0], 0), bands.get(TOU_LABELS[1], 0),
               bands.get(TOU_LABELS[2], 0))
        return BillRequest(**common, tou_kwh=tou)  # type: ignore[arg-type]
    households = a.households if a.tariff_class == "residential" else None
    return BillRequest(**common, old_reading=b.old_reading,  # type: ignore[arg-type]
                       new_reading=b.new_reading, multiplier=b.multiplier,
                       households=households)
