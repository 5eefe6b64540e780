"""A closed shift handed to the head cashier, counted blind, exactly once at central."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import func, select

from central.models import TurnIn as CentralTurnIn
from central.service import Central
from db.demo import DEMO_PASSWORD
from db.models import TurnIn
from desktop.app import App
from desktop.errors import ValidationError
from desktop.money.turnins import TurnInDifference
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.auth import PermissionDenied
from desktop.staff.permissions import ApprovalAction
from tests.staff import sign_in


def closed_shift(app: App, payments: int = 2) -> tuple[str, dict[int, int], int]:
    """A cashier's shift with cash taken and closed; (its key, its count, counted cash)."""
    cashier = sign_in(app)
    shift = app.shifts.open(cashier, 200_000)
    for account in accounts_with_unpaid_bills(app)[:payments]:
        app.payments.take_cash(cashier, account)
    with app.sessions() as s:
        from db.models import LocalPayment

        cash = s.scalar(select(func.sum(LocalPayment.amount + LocalPayment.change_credit)))
    expected = 200_000 + int(cash or 0)
    counts = {100_000: expected // 100_000, 1_000: expected % 100_000 // 1_000}
    report = app.shifts.close(cashier, counts)  # the odd hundreds: within the tolerance
    return shift.key, counts, report.counted_cash


def central_turn_ins(central: Central) -> list[CentralTurnIn]:
    with central.sessions() as s:
        return list(s.scalars(select(CentralTurnIn)))


def test_a_closed_shift_is_handed_over_blind_and_reaches_central_once(
        synced_counter: App, central: Central) -> None:
    app = synced_counter
    key, counts, counted = closed_shift(app)
    head = sign_in(app, "thuquy")
    [pending] = app.turn_ins.pending(head)
    assert (pending.shift_key, pending.cashier) == (key, "Nguyễn Thị Thu Ngân")
    assert not hasattr(pending, "counted")  # blind: the shift's figure is not shown
    with pytest.raises(PermissionDenied):  # a cashier takes nothing over
        app.turn_ins.accept(sign_in(app, "thungan2"), key, counts)
    app.link.sync_once()  # the close reaches central; the cash is still the cashier's
    today = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()
    before = central.cash_position("PE1400", today)
    assert (before["counted_at_close"], before["not_turned_in"], before["turned_in"]) == (
        counted, counted, 0)
    with app.sessions() as s:
        from db.models import LocalPayment

        bills = s.scalar(select(func.sum(LocalPayment.amount)))
    assert before["cash_taken"] == bills  # the bills paid; the float was never taken
    taken = app.turn_ins.accept(head, key, counts)
    assert (taken.declared, taken.counted, taken.difference) == (counted, counted, 0)
    assert app.turn_ins.pending(head) == ()
    with pytest.raises(ValidationError, match="đã bàn giao"):
        app.turn_ins.accept(head, key, counts)
    app.link.sync_once()
    app.link.sync_once()
    [there] = central_turn_ins(central)
    assert (there.shift_key, there.cashier, there.head_cashier, there.counted) == (
        key, "thungan", "thuquy", counted)
    after = central.cash_position("PE1400", today)
    assert (after["turned_in"], after["not_turned_in"], after["turn_in_difference"]) == (
        counted, 0, 0)


def test_a_difference_needs_a_reason_and_a_supervisor_and_the_first_count_is_final(
        synced_counter: App, central: Central) -> None:
    app = synced_counter
    key, counts, counted = closed_shift(app, payments=1)
    head = sign_in(app, "thuquy")
    short = {**counts, 1_000: counts[1_000] - 5}
    with pytest.raises(TurnInDifference, match=r"thiếu 5\.000 đ") as refused:
        app.turn_ins.accept(head, key, short)
    assert refused.value.difference == -5_000
    with app.sessions() as s:  # the first count is recorded although refused
        assert s.scalar(select(TurnIn.status)) == "counted"
    with pytest.raises(ValidationError, match="số chốt"):  # counting again to match
        app.turn_ins.accept(head, key, counts)
    approval = app.auth.approve(head, ApprovalAction.TURN_IN_DIFFERENCE, key, "giamsat",
                                DEMO_PASSWORD, "Thiếu một xấp 5 tờ 1.000 đ")
    taken = app.turn_ins.accept(head, key, short, reason="Thiếu 5 tờ 1.000 đ",
                                approval_id=approval)
    assert taken.difference == -5_000 and taken.counted == counted - 5_000
    app.link.sync_once()
    [there] = central_turn_ins(central)
    assert (there.declared - there.counted, there.reason) == (5_000, "Thiếu 5 tờ 1.000 đ")


def test_a_token_holder_cannot_turn_in_its_own_shift_or_one_never_closed(
        synced_counter: App, central: Central) -> None:
    app = synced_counter
    key, _counts, counted = closed_shift(app, payments=1)
    app.link.sync_once()  # the shift's close is at central
    client = app.link.engine.client
    own = {"shift_key": key, "cashier": "thungan", "head_cashier": "thungan",
           "declared": counted, "counted": counted, "reason": None,
           "at": "2026-12-02T08:00:00+00:00"}
    never = {**own, "shift_key": str(uuid.uuid4()), "head_cashier": "thuquy"}
    inflated = {**own, "head_cashier": "thuquy", "declared": counted + 1_000_000}
    answers = client.push([{"key": str(uuid.uuid4()), "kind": "turn_in", "data": d}
                           for d in (own, never, inflated)])
    assert [(a["status"], a.get("reason")) for a in answers] == [
        ("rejected", "own-shift"), ("rejected", "unknown-shift"),
        ("rejected", "declared-differs")]
    assert central_turn_ins(central) == []
    assert json.dumps(answers, ensure_ascii=False).count("bàn giao") >= 1
