"""``quaythu simulate-counter``: a scripted cashier for load and fault tests."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.cli.common import device_app, staff_password
from desktop.contract import PaymentMethod, PaymentStatus, ShiftStatus, TurnInStatus, VisitOutcome

if TYPE_CHECKING:
    from desktop.app import App
    from desktop.staff.auth import Actor


def cmd_simulate_counter(args: argparse.Namespace) -> int:
    """A scripted cashier: N cash payments, one line per payment as it commits."""
    import random

    from desktop.sim import accounts_with_unpaid_bills

    app = device_app(args)
    rng = random.Random(args.seed)
    app.printer.start()
    try:
        actor = app.auth.sign_in(args.staff, staff_password())
        try:
            if app.shifts.current(actor) is None:
                app.shifts.open(actor, 0)  # a scripted cashier starts with an empty drawer
            part, _, parts = str(args.share).partition("/")
            if not (part.isdigit() and parts.isdigit() and 1 <= int(part) <= int(parts)):
                print("--share cần dạng I/N, ví dụ 1/2.", file=sys.stderr)
                return 2
            # several scripted cashiers on one store never reach for the same customer: the
            # share is by account number, whatever the others paid before this one started
            candidates = [a for a in accounts_with_unpaid_bills(app)
                          if a % int(parts) == int(part) - 1]
            rng.shuffle(candidates)
            if len(candidates) < args.payments:
                print(f"Chỉ có {len(candidates)} khách hàng còn nợ trong dữ liệu cục bộ.",
                      file=sys.stderr)
            for account_id in candidates[: args.payments]:
                taken = app.payments.take_cash(actor, account_id)
                # printed only after the commit: a line on screen is a payment on disk
                print(f"{taken.key} {taken.receipt_no} {taken.amount}", flush=True)
        finally:
            app.auth.sign_out(actor)
        # the receipts go to the counter's printer, as a cashier's would (bounded wait)
        app.printer.wait_idle(30.0)
    finally:
        app.close()
    return 0


def cmd_simulate_route(args: argparse.Namespace) -> int:
    """A scripted field collector's day, resumable after a kill at any point: the first
    ``--stops`` stops of today's route walked in order (cash where a stop owes, else a
    mark), then the shift closed, handed to the head cashier, and deposited. One line
    per step, printed after its commit."""
    import random

    from desktop.money.route import MANUAL

    app = device_app(args)
    rng = random.Random(args.seed)
    app.printer.start()
    try:
        actor = app.auth.sign_in(args.staff, staff_password())
        try:
            if _day_handed_over(app, actor.staff_id):
                return _deposit(app, args.head) or 0
            if app.shifts.current(actor) is None and not _closed_unhanded(app, actor.staff_id):
                print(f"open {app.shifts.open(actor, 0).key}", flush=True)
            sheet = app.routes.today(actor)
            walked = 0
            for stop in sheet.stops[: args.stops]:
                if stop.outcome is not None:
                    continue  # visited before the last kill
                if walked >= args.steps:
                    break
                if stop.unpaid and rng.random() < 0.8:
                    taken = app.payments.take_cash(actor, stop.account_id)
                    print(f"payment {taken.key}", flush=True)
                else:
                    outcome = rng.choice(MANUAL)
                    app.routes.mark(actor, sheet.id, stop.account_id, outcome,
                                    "" if outcome == VisitOutcome.NOT_HOME else "ghi chú tự động")
                    print(f"visit {stop.code}", flush=True)
                walked += 1
            if all(s.outcome is not None for s in app.routes.today(actor).stops[: args.stops]):
                _finish_day(app, actor, args.head)
        finally:
            app.auth.sign_out(actor)
        app.printer.wait_idle(30.0)
    finally:
        app.close()
    return 0


def _cash_of(app: App, shift_key: str) -> int:
    from sqlalchemy import func, select

    from db.models import LocalPayment, Shift

    with app.sessions() as s:
        shift = s.scalars(select(Shift).where(Shift.key == shift_key)).one()
        cash = s.scalar(select(func.coalesce(func.sum(LocalPayment.amount), 0)).where(
            LocalPayment.shift_id == shift.id, LocalPayment.method == PaymentMethod.CASH,
            LocalPayment.status == PaymentStatus.TAKEN))
        return int(shift.opening_float) + int(cash or 0)


def _notes(amount: int) -> dict[int, int]:
    """The amount in notes, largest first (what is left under 1 000 đ stays out)."""
    from desktop.money.shifts import NOTES

    counts: dict[int, int] = {}
    for note in NOTES:
        if amount >= note:
            counts[note], amount = amount // note, amount % note
    return counts


def _closed_unhanded(app: App, staff_id: int) -> str | None:
    """This collector's closed shift that no head cashier has taken over, if any."""
    from sqlalchemy import select

    from db.models import Shift, TurnIn

    with app.sessions() as s:
        return s.scalar(select(Shift.key).outerjoin(TurnIn, TurnIn.shift_id == Shift.id)
                        .where(Shift.staff_id == staff_id, Shift.status == ShiftStatus.CLOSED)
                        .where((TurnIn.key.is_(None)) | (TurnIn.status != TurnInStatus.ACCEPTED)))


def _day_handed_over(app: App, staff_id: int) -> bool:
    from sqlalchemy import select

    from db.models import Shift, TurnIn

    with app.sessions() as s:
        return s.scalar(select(TurnIn.key).join(Shift, Shift.id == TurnIn.shift_id).where(
            Shift.staff_id == staff_id, TurnIn.status == TurnInStatus.ACCEPTED)) is not None


def _finish_day(app: App, actor: Actor, head_name: str) -> None:
    shift = app.shifts.current(actor)
    if shift is not None:
        app.shifts.close(actor, _notes(_cash_of(app, shift.key)))
        print(f"close {shift.key}", flush=True)
    key = _closed_unhanded(app, actor.staff_id)
    if key is not None:
        head = app.auth.sign_in(head_name, staff_password())
        try:
            from sqlalchemy import select

            from db.models import Shift

            with app.sessions() as s:
                counted = s.scalar(select(Shift.counted_cash).where(Shift.key == key)) or 0
            print(f"turn_in {app.turn_ins.accept(head, key, _notes(counted)).key}", flush=True)
        finally:
            app.auth.sign_out(head)
    _deposit(app, head_name)


def _deposit(app: App, head_name: str) -> int | None:
    head = app.auth.sign_in(head_name, staff_password())
    try:
        offered = app.deposits.candidates(head).items
        if offered:
            made = app.deposits.make(head, offered, "Vietcombank CN Tân Bình")
            print(f"deposit {made.key}", flush=True)
    finally:
        app.auth.sign_out(head)
    return None
