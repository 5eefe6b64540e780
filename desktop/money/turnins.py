"""The hand-over of a closed shift's cash to the head cashier (bàn giao tiền, turn-in).

Oracle CC&B's tender control and SAP's cash journal both balance a drawer twice:
the cashier counts it at the close (the shift's blind count), and the person it is
handed to counts it again, blind, before taking responsibility for it. Here the head
cashier (thủ quỹ) signs in at the cashier's counter, counts by denomination without
seeing the shift's figure, and the first count is final (recorded at once, as at the
shift close). A count that differs from the shift's needs a reason and a
supervisor's approval; a head cashier never takes over a shift of their own. Each
accepted turn-in is a journal line and a ``turn_in`` outbox operation, exactly once
at central.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import OutboxOp, Shift, Staff, TurnIn
from desktop.contract import OutboxState, ShiftStatus, TurnInStatus, turn_in_data
from desktop.errors import QuayThuError, ValidationError
from desktop.money.amounts import format_vnd
from desktop.money.shifts import COINS, NOTES, checked_counts
from desktop.staff import audit
from desktop.staff.auth import Actor, PermissionDenied, authorize, use_approval
from desktop.staff.permissions import ApprovalAction, Permission

Clock = Callable[[], dt.datetime]


class TurnInDifference(QuayThuError):
    """The head cashier's count differs from the shift's: a reason and an approval first."""

    def __init__(self, user_message: str, *, difference: int) -> None:
        self.difference = difference
        super().__init__(user_message)


@dataclass(frozen=True, slots=True)
class PendingShift:
    """A closed shift waiting for its hand-over (its figures stay hidden: the count is blind)."""

    shift_key: str
    cashier: str
    closed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class TurnInView:
    key: str
    shift_key: str
    cashier: str
    head_cashier: str
    declared: int
    counted: int
    difference: int
    reason: str | None
    at: dt.datetime


class TurnInService:
    def __init__(self, writes: sessionmaker[Session],
                 clock: Clock = lambda: dt.datetime.now(dt.UTC), *,
                 reads: sessionmaker[Session] | None = None) -> None:
        self._writes = writes
        #: what only reads takes no write lock from a payment
        self._reads = reads or writes
        self._clock = clock

    def pending(self, actor: Actor) -> tuple[PendingShift, ...]:
        """This counter's closed shifts not yet handed over, oldest first."""
        with self._reads() as s:
            authorize(s, actor, Permission.ACCEPT_TURN_IN)
            rows = s.execute(
                select(Shift.key, Staff.full_name, Shift.closed_at)
                .join(Staff, Staff.id == Shift.staff_id)
                .outerjoin(TurnIn, TurnIn.shift_id == Shift.id)
                .where(Shift.status == ShiftStatus.CLOSED)
                .where((TurnIn.key.is_(None)) | (TurnIn.status != TurnInStatus.ACCEPTED))
                .order_by(Shift.closed_at)).all()
            return tuple(PendingShift(k, name, closed) for k, name, closed in rows
                         if closed is not None)

    def accept(self, actor: Actor, shift_key: str, counts: Mapping[int, int], *,
               reason: str = "", approval_id: str | None = None) -> TurnInView:
        """Take a closed shift's cash over, counted blind; the first count is final."""
        given = checked_counts(counts, NOTES + COINS)
        counted = sum(int(d) * n for d, n in given.items())
        reason = " ".join(reason.split())
        now = self._clock()
        refusal: QuayThuError | None = None
        with self._writes() as s, s.begin():
            head = authorize(s, actor, Permission.ACCEPT_TURN_IN)
            shift = s.scalar(select(Shift).where(Shift.key == shift_key))
            if shift is None or shift.status != ShiftStatus.CLOSED or shift.counted_cash is None:
                raise ValidationError("Ca này chưa đóng: đóng ca (F10) rồi mới bàn giao.")
            if shift.staff_id == head.id:
                raise PermissionDenied("Không tự nhận bàn giao ca của chính mình: thủ quỹ "
                                       "khác nhận.")
            turn_in = s.scalar(select(TurnIn).where(TurnIn.shift_id == shift.id))
            if turn_in is not None and turn_in.status == TurnInStatus.ACCEPTED:
                raise ValidationError("Ca này đã bàn giao rồi.")
            if turn_in is None:
                # the first count is written whatever follows: it cannot be taken back
                turn_in = TurnIn(key=str(uuid.uuid4()), shift_id=shift.id,
                                 declared=shift.counted_cash, counted=counted,
                                 counts=json.dumps(given), status=TurnInStatus.COUNTED,
                                 head_cashier_id=head.id, at=now)
                s.add(turn_in)
                audit.append(s, action="turn_in_count", staff=head.username, now=now,
                             subject=shift.key, detail={"counted": counted})
            elif json.loads(turn_in.counts) != given:
                refusal = ValidationError(
                    f"Số đếm đầu tiên ({format_vnd(turn_in.counted)}) là số chốt của lần bàn "
                    "giao: không đếm lại được.")
            difference = turn_in.counted - turn_in.declared
            if refusal is None and difference:
                if not reason or approval_id is None:
                    got, had = format_vnd(turn_in.counted), format_vnd(turn_in.declared)
                    gap = format_vnd(abs(difference))
                    refusal = TurnInDifference(
                        f"Thủ quỹ đếm được {got}, ca đã đếm {had}: thừa {gap}. Ghi lý do và "
                        "cần giám sát phê duyệt." if difference > 0 else
                        f"Thủ quỹ đếm được {got}, ca đã đếm {had}: thiếu {gap}. Ghi lý do và "
                        "cần giám sát phê duyệt.", difference=difference)
                else:
                    use_approval(s, approval_id, ApprovalAction.TURN_IN_DIFFERENCE, shift.key,
                                 head.id, now)
            if refusal is None:
                view = self._accept(s, turn_in, shift, head, reason or None, now)
        if refusal is not None:
            raise refusal  # after the commit: the first count stays recorded
        return view

    def _accept(self, s: Session, turn_in: TurnIn, shift: Shift, head: Staff,
                reason: str | None, now: dt.datetime) -> TurnInView:
        cashier = s.get(Staff, shift.staff_id)
        assert cashier is not None
        turn_in.status, turn_in.reason, turn_in.at = TurnInStatus.ACCEPTED, reason, now
        data = turn_in_data(shift_key=shift.key, cashier=cashier.username,
                            head_cashier=head.username, declared=turn_in.declared,
                            counted=turn_in.counted, reason=reason, at=now)
        s.add(OutboxOp(key=turn_in.key, kind="turn_in", created_at=now, attempts=0,
                       state=OutboxState.PENDING, data=json.dumps(data, ensure_ascii=False)))
        audit.append(s, action="turn_in", staff=head.username, now=now, subject=shift.key,
                     detail={"declared": turn_in.declared, "counted": turn_in.counted,
                             "cashier": cashier.username, "reason": reason or ""})
        return TurnInView(turn_in.key, shift.key, cashier.full_name, head.full_name,
                          turn_in.declared, turn_in.counted, turn_in.counted - turn_in.declared,
                          reason, now)
