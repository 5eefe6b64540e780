"""Shifts and the cash drawer (ca thu, quỹ tiền mặt).

A counter has one drawer, so one open shift at a time. A shift opens with a
float, takes cash payments, may send cash to the safe mid-shift (a drop),
and closes with a blind count by denomination: the cashier counts before
seeing what is expected; over or short beyond the unit's tolerance needs a
reason and a supervisor's approval. The shift's totals (the Z report) go to
central through the outbox. A shift left open by a crash is simply still
open at the next start.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    CashDrop,
    DeviceState,
    LocalPayment,
    OutboxOp,
    QrIntent,
    Shift,
    Staff,
    Unit,
)
from desktop.config import Settings
from desktop.contract import QR_OPEN, OutboxState, PaymentMethod, PaymentStatus, ShiftStatus, shift_close_data
from desktop.dto import MethodTotal, ZReport
from desktop.errors import CentralOffline, QuayThuError, ValidationError
from desktop.events import CashDropped, EventBus, ShiftClosed, ShiftOpened
from desktop.labels import local_datetime
from desktop.money.amounts import MAX_AMOUNT, format_vnd
from desktop.printing.documents import Document
from desktop.staff import audit
from desktop.staff.auth import Actor, authorize, use_approval
from desktop.staff.permissions import ApprovalAction, Permission

logger = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

#: Vietnamese notes in circulation, largest first
NOTES = (500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000)
#: coins, for units that still take them
COINS = (5_000, 2_000, 1_000, 500, 200)


def denominations_in_use(use_coins: bool, change_note: int) -> tuple[int, ...]:
    """What the drawer holds, largest first: the notes, the coins where the unit takes them,
    and the smallest note change is given in (the drawer hands 500 đ back, so it holds 500 đ:
    a count without that row closed 500 đ over or short, issue 29)."""
    held = set(NOTES) | (set(COINS) if use_coins else set())
    if change_note > 1:
        held.add(change_note)
    return tuple(sorted(held, reverse=True))


class NoOpenShift(QuayThuError):
    """Money is taken only inside an open shift."""


class ShiftAlreadyOpen(QuayThuError):
    pass


class RecountNeedsApproval(QuayThuError):
    """The first count of a shift is final: another needs a supervisor."""


class OverShortNeedsApproval(QuayThuError):
    """The count differs from the expected cash by more than the tolerance."""

    def __init__(self, user_message: str, *, over_short: int) -> None:
        self.over_short = over_short
        super().__init__(user_message)


@dataclass(frozen=True, slots=True)
class ShiftView:
    key: str
    staff: str
    opened_at: dt.datetime
    opening_float: int
    status: str


def _total(counts: Mapping[str, int]) -> int:
    return sum(int(d) * n for d, n in counts.items())


def checked_counts(counts: Mapping[int, int], denominations: Sequence[int]) -> dict[str, int]:
    """A count by denomination as stored (``{"500000": 3}``), or a ValidationError."""
    bad = [d for d in counts if d not in denominations]
    if bad:
        raise ValidationError(f"Mệnh giá không dùng: {', '.join(map(str, bad))}.")
    if any(n < 0 or n > 100_000 for n in counts.values()):
        raise ValidationError("Số tờ phải từ 0 đến 100.000.")
    return {str(d): n for d, n in sorted(counts.items()) if n}


def current(s: Session, staff_id: int) -> Shift | None:
    """The staff member's own open shift: one drawer per person (SAP's cash desk, Oracle
    CC&B's tender control), so a supervisor's takings never land in a cashier's drawer."""
    return s.scalar(select(Shift).where(Shift.status == ShiftStatus.OPEN, Shift.staff_id == staff_id))


def require_open(s: Session, staff_id: int) -> Shift:
    shift = current(s, staff_id)
    if shift is None:
        raise NoOpenShift("Chưa mở ca của bạn: mở ca (nhập tiền đầu ca, F10) trước khi thu "
                          "tiền; mỗi người thu vào ca và két của chính mình.")
    return shift


class ReconciliationSource(Protocol):
    """What the close asks central; the link implements it (``desktop.link.Link``)."""

    def shift_reconciliation(self, shift_key: str) -> Mapping[str, object]:
        """Central's totals of the shift, once what this counter holds of it was pushed."""
        ...


class VietQrStillOpen(ValidationError):
    """A VietQR intent of the shift waits for central's last word: the shift's takings are
    not known until it comes (the customer may have paid)."""


class ShiftService:
    def __init__(self, writes: sessionmaker[Session], settings: Settings,
                 clock: Clock = lambda: dt.datetime.now(dt.UTC),
                 events: EventBus | None = None, *,
                 reads: sessionmaker[Session] | None = None,
                 central: ReconciliationSource | None = None) -> None:
        self._writes = writes
        #: what only reads (views, reports) takes no write lock from a payment
        self._reads = reads or writes
        self._settings = settings
        self._clock = clock
        self._events = events or EventBus()
        self.central = central

    @property
    def denominations(self) -> tuple[int, ...]:
        return denominations_in_use(self._settings.use_coins, self._settings.change_note)

    def current(self, actor: Actor) -> ShiftView | None:
        with self._reads() as s:
            staff = authorize(s, actor, None)
            shift = current(s, staff.id)
            return self._view(s, shift) if shift else None

    def open_shifts(self) -> tuple[str, ...]:
        """Who has a shift open at this counter (the sign-in screen asks before quitting)."""
        with self._reads() as s:
            return tuple(s.scalars(select(Staff.full_name).join(Shift, Shift.staff_id == Staff.id)
                                   .where(Shift.status == ShiftStatus.OPEN).order_by(Shift.id)))

    def open(self, actor: Actor, opening_float: int) -> ShiftView:
        if not 0 <= opening_float <= MAX_AMOUNT:
            raise ValidationError("Tiền đầu ca không hợp lệ.")
        now = self._clock()
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_PAYMENT)
            open_now = current(s, staff.id)
            if open_now is not None:
                raise ShiftAlreadyOpen(f"Ca của {staff.full_name} đang mở (từ "
                                       f"{local_datetime(open_now.opened_at)}); đóng ca đó "
                                       "trước.")
            shift = Shift(key=str(uuid.uuid4()), staff_id=staff.id, opened_at=now,
                          opening_float=opening_float, status=ShiftStatus.OPEN)
            s.add(shift)
            s.flush()
            audit.append(s, action="shift_open", staff=staff.username, now=now,
                         subject=shift.key, detail={"opening_float": opening_float})
            view = self._view(s, shift)
        self._events.publish(ShiftOpened(view.key))
        return view

    def drop(self, actor: Actor, amount: int, to_whom: str) -> str:
        """Cash to the safe or the head cashier; the drop's key (its slip's number)."""
        to_whom = " ".join(to_whom.split())
        if not to_whom:
            raise ValidationError("Ghi người hoặc nơi nhận tiền (két, thủ quỹ…).",
                                  field="to_whom")
        if amount <= 0:
            raise ValidationError("Số tiền nộp phải lớn hơn 0.", field="amount")
        now = self._clock()
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_PAYMENT)
            shift = require_open(s, staff.id)
            in_drawer = self._expected_cash(s, shift)
            if amount > in_drawer:
                raise ValidationError(f"Trong két chỉ có {format_vnd(in_drawer)}; "
                                      f"không nộp được {format_vnd(amount)}.", field="amount")
            key = str(uuid.uuid4())
            s.add(CashDrop(key=key, shift_id=shift.id, amount=amount, to_whom=to_whom,
                           staff_id=staff.id, at=now))
            audit.append(s, action="cash_drop", staff=staff.username, now=now, subject=key,
                         detail={"shift": shift.key, "amount": amount, "to": to_whom})
            shift_key = shift.key
        self._events.publish(CashDropped(shift_key, amount))
        return key

    def close(self, actor: Actor, counts: Mapping[int, int], *, reason: str = "",
              approval_id: str | None = None,
              recount_approval_id: str | None = None) -> ZReport:
        """Close with a blind count (kiểm đếm mù).

        The first count submitted is recorded at once and is final: the expected
        amount and the over/short are said only after it, and submitting other
        figures afterwards needs a supervisor's recount approval (both counts stay
        in the report and the journal). Over/short beyond the tolerance needs a
        reason and a supervisor's approval.
        """
        given = checked_counts(counts, self.denominations)
        reason = " ".join(reason.split())
        now = self._clock()
        refusal: QuayThuError | None = None
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_PAYMENT)
            shift = require_open(s, staff.id)
            _refuse_open_vietqr(s, shift)
            first = json.loads(shift.first_count) if shift.first_count else None
            if first is None:
                # the first count is written whatever follows: it cannot be taken back
                first = given
                shift.first_count, shift.first_counted_at = json.dumps(given), now
                audit.append(s, action="shift_count", staff=staff.username, now=now,
                             subject=shift.key, detail={"counted": _total(given)})
            effective = json.loads(shift.recount) if shift.recount else first
            if given != effective:
                if recount_approval_id is None:
                    refusal = RecountNeedsApproval(
                        f"Số đếm đầu tiên ({format_vnd(_total(effective))}) là số chốt của ca: "
                        "đếm lại cần giám sát phê duyệt.")
                else:
                    use_approval(s, recount_approval_id, ApprovalAction.RECOUNT, shift.key,
                                 staff.id, now)
                    shift.recount, effective = json.dumps(given), given
                    audit.append(s, action="shift_recount", staff=staff.username, now=now,
                                 subject=shift.key, detail={"first": _total(first),
                                                            "counted": _total(given)})
            counted = _total(effective)
            expected = self._expected_cash(s, shift)
            over_short = counted - expected
            if refusal is None and abs(over_short) > self._settings.over_short_tolerance:
                what = "thừa" if over_short > 0 else "thiếu"
                if not reason or approval_id is None:
                    refusal = OverShortNeedsApproval(
                        f"Đếm được {format_vnd(counted)}, phải có {format_vnd(expected)}: quỹ "
                        f"{what} {format_vnd(abs(over_short))}, quá mức cho phép "
                        f"{format_vnd(self._settings.over_short_tolerance)}. Ghi lý do và cần "
                        "giám sát phê duyệt (hoặc đếm lại, cũng cần giám sát).",
                        over_short=over_short)
                else:
                    use_approval(s, approval_id, ApprovalAction.OVER_SHORT, shift.key, staff.id,
                                 now)
            if refusal is None:
                report = self._close(s, shift, staff, now, first, effective, expected, reason)
        if refusal is not None:
            raise refusal  # after the commit: the first count stays recorded
        if over_short:
            logger.info("shift closed %s by %d", "over" if over_short > 0 else "short",
                        abs(over_short))
        self._events.publish(ShiftClosed(report.key))
        return report

    def _close(self, s: Session, shift: Shift, staff: Staff, now: dt.datetime,
               first: Mapping[str, int], effective: Mapping[str, int], expected: int,
               reason: str) -> ZReport:
        counted = _total(effective)
        over_short = counted - expected
        shift.status, shift.closed_at, shift.closed_by = ShiftStatus.CLOSED, now, staff.id
        shift.expected_cash, shift.counted_cash, shift.over_short = expected, counted, over_short
        shift.over_short_reason = reason or None
        shift.counts = json.dumps(dict(effective))
        report = self._report(s, shift)
        data = shift_close_data(
            shift_key=shift.key, staff=staff.username, opened_at=shift.opened_at,
            closed_at=now, opening_float=shift.opening_float,
            by_method=[(m.method, m.count, m.amount) for m in report.by_method],
            voided_count=report.voided_count, voided_amount=report.voided_amount,
            drops=report.drops, expected_cash=expected, counted_cash=counted,
            over_short=over_short, reason=reason or None,
            first_counted=_total(first) if first != effective else None)
        s.add(OutboxOp(key=str(uuid.uuid4()), kind="shift_close", created_at=now,
                       attempts=0, state=OutboxState.PENDING,
                       data=json.dumps(data, ensure_ascii=False)))
        audit.append(s, action="shift_close", staff=staff.username, now=now,
                     subject=shift.key, detail={"expected": expected, "counted": counted,
                                                "over_short": over_short,
                                                "first_counted": _total(first)})
        return report

    def report(self, actor: Actor, key: str) -> ZReport:
        with self._reads() as s:
            authorize(s, actor, None)
            shift = s.scalar(select(Shift).where(Shift.key == key))
            if shift is None or shift.status != ShiftStatus.CLOSED:
                raise ValidationError("Ca này chưa đóng.")
            return self._report(s, shift)

    def report_document(self, actor: Actor, key: str) -> Document:
        """The closed shift's report as a printable document."""
        from desktop.printing.receipts.slips import shift_report_document

        report = self.report(actor, key)
        unit, device = self._names()
        return shift_report_document(report, unit, device)

    def drop_document(self, actor: Actor, drop_key: str) -> Document:
        from desktop.printing.receipts.slips import drop_slip_document

        with self._reads() as s:
            authorize(s, actor, None)
            drop = s.get(CashDrop, drop_key)
            if drop is None:
                raise ValidationError("Không tìm thấy phiếu nộp tiền này.")
            staff = s.get(Staff, drop.staff_id)
            amount, to_whom, at = drop.amount, drop.to_whom, drop.at
        unit, device = self._names()
        return drop_slip_document(drop_key, amount, to_whom, staff.full_name if staff else "",
                                  unit, device, at)

    def _names(self) -> tuple[str, str]:
        with self._reads() as s:
            device = s.get(DeviceState, 1)
            if device is None:
                return "", ""
            unit = s.get(Unit, device.unit_code)
            return (unit.name if unit else device.unit_code), device.device_code

    def reconcile(self, actor: Actor, key: str, central: Mapping[str, object]) -> tuple[str, ...]:
        """Differences between this counter's report and central's totals of the shift."""
        return differences(self.report(actor, key), central)

    def reconcile_with_central(self, actor: Actor, key: str) -> tuple[str, ...]:
        """Push the shift report, then compare central's totals with the counter's."""
        report = self.report(actor, key)
        if self.central is None:
            raise CentralOffline("Ngoại tuyến: chưa đối soát được với trung tâm.")
        return differences(report, self.central.shift_reconciliation(key))

    # -- figures -------------------------------------------------------------------

    @staticmethod
    def _expected_cash(s: Session, shift: Shift) -> int:
        # what the drawer took: the bills, plus the coins the rounded change left in it
        cash = s.scalar(select(func.coalesce(func.sum(
            LocalPayment.amount + LocalPayment.change_credit), 0)).where(
            LocalPayment.shift_id == shift.id, LocalPayment.method == PaymentMethod.CASH,
            LocalPayment.status == PaymentStatus.TAKEN)) or 0
        drops = s.scalar(select(func.coalesce(func.sum(CashDrop.amount), 0))
                         .where(CashDrop.shift_id == shift.id)) or 0
        return int(shift.opening_float + cash - drops)

    def _report(self, s: Session, shift: Shift) -> ZReport:
        rows = s.execute(select(LocalPayment.method, LocalPayment.status, func.count(),
                                func.sum(LocalPayment.amount))
                         .where(LocalPayment.shift_id == shift.id)
                         .group_by(LocalPayment.method, LocalPayment.status)).all()
        by_method = tuple(MethodTotal(m, int(n), int(a)) for m, st, n, a in sorted(rows)
                          if st == PaymentStatus.TAKEN)
        voided = [(int(n), int(a)) for _m, st, n, a in rows if st == PaymentStatus.VOIDED]
        drops = s.scalar(select(func.coalesce(func.sum(CashDrop.amount), 0))
                         .where(CashDrop.shift_id == shift.id)) or 0
        staff = s.get(Staff, shift.staff_id)
        assert shift.closed_at is not None and shift.expected_cash is not None
        return ZReport(
            key=shift.key, staff=staff.full_name if staff else "", opened_at=shift.opened_at,
            closed_at=shift.closed_at, opening_float=shift.opening_float, by_method=by_method,
            voided_count=sum(n for n, _a in voided), voided_amount=sum(a for _n, a in voided),
            drops=int(drops), expected_cash=shift.expected_cash,
            counted_cash=shift.counted_cash or 0, over_short=shift.over_short or 0,
            over_short_reason=shift.over_short_reason,
            counts={int(k): v for k, v in json.loads(shift.counts or "{}").items()},
            first_counted=(_total(json.loads(shift.first_count))
                           if shift.first_count and shift.recount else None))

    @staticmethod
    def _view(s: Session, shift: Shift) -> ShiftView:
        staff = s.get(Staff, shift.staff_id)
        return ShiftView(shift.key, staff.full_name if staff else "", shift.opened_at,
                         shift.opening_float, shift.status)


def _refuse_open_vietqr(s: Session, shift: Shift) -> None:
    """A shift with a VietQR intent still open is not closed: the bank may have paid it, and
    that payment belongs to this shift (desktop/money/qr_session.py). Online the intent
    closes within seconds of its dialog; with central unreachable the close waits for it."""
    open_ref = s.scalar(select(func.coalesce(QrIntent.reference, QrIntent.key))
                        .where(QrIntent.shift_id == shift.id, QrIntent.state.in_(sorted(QR_OPEN)))
                        .limit(1))
    if open_ref is not None:
        raise VietQrStillOpen(f"Mã VietQR {open_ref} của ca này chưa có trả lời cuối của trung "
                              "tâm (khách có thể đã chuyển khoản): chưa đóng ca được. Chờ kết "
                              "nối tới trung tâm rồi đóng ca lại.")


def differences(report: ZReport, central: Mapping[str, object]) -> tuple[str, ...]:
    """What central counts otherwise than the counter, in sentences for the screen."""
    from desktop.labels import PAYMENT_METHOD

    theirs = central.get("by_method") or {}
    assert isinstance(theirs, dict)
    ours = {m.method: m for m in report.by_method}
    out = []
    for method in sorted(set(ours) | set(theirs)):
        mine = ours.get(method, MethodTotal(method, 0, 0))
        other = theirs.get(method) or {"count": 0, "amount": 0}
        if (mine.count, mine.amount) != (other["count"], other["amount"]):
            out.append(f"{PAYMENT_METHOD.get(method, method)}: quầy {mine.count} phiếu, "
                       f"{format_vnd(mine.amount)}; trung tâm {other['count']} phiếu, "
                       f"{format_vnd(other['amount'])}.")
    voided = central.get("voided") or {}
    assert isinstance(voided, dict)
    if (report.voided_count, report.voided_amount) != (voided.get("count", 0),
                                                       voided.get("amount", 0)):
        out.append(f"Phiếu hủy: quầy {report.voided_count} ({format_vnd(report.voided_amount)}); "
                   f"trung tâm {voided.get('count', 0)} "
                   f"({format_vnd(int(voided.get('amount', 0)))}).")
    return tuple(out)
