"""A field collector's route: issued by central, walked offline, each visit once at central."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from central.models import Visit as CentralVisit
from central.service import Central
from db.demo import DEMO_PASSWORD
from desktop.app import App
from desktop.errors import ValidationError
from desktop.money.route import NoRoute
from desktop.money.shifts import NoOpenShift
from desktop.staff.auth import Actor

ROUTE = "PE1400-001"


def today() -> dt.date:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()


def collector(app: App, central: Central, *, issue: bool = True) -> Actor:
    """A field collector of PE1400 on this laptop, with today's sheet downloaded."""
    if issue:
        central.issue_route("PE1400", ROUTE, "thuld", today())
    app.link.sync_once()
    return app.auth.sign_in("thuld", DEMO_PASSWORD)


def test_central_refuses_an_empty_route_a_non_collector_and_a_second_sheet(
        central: Central) -> None:
    with pytest.raises(ValueError, match="no accounts"):
        central.issue_route("PE1400", "PE1400-999", "thuld", today())
    with pytest.raises(ValueError, match="not a field collector"):
        central.issue_route("PE1400", ROUTE, "thungan", today())
    sheet = central.issue_route("PE1400", ROUTE, "thuld", today())
    assert sheet["accounts"] == len(sheet["stops"]) > 50
    assert sheet["stops"] == sorted(sheet["stops"])  # reading-book order: as central keeps it
    with pytest.raises(ValueError, match="already"):
        central.issue_route("PE1400", ROUTE, "thuld", today())


def test_visits_are_marked_once_paid_comes_with_the_money_and_central_has_each_once(
        synced_counter: App, central: Central) -> None:
    app = synced_counter
    with pytest.raises(NoRoute):  # nothing issued yet: said before leaving
        app.routes.today(collector(app, central, issue=False))
    central.issue_route("PE1400", ROUTE, "thuld", today())
    app.link.sync_once()
    actor = app.auth.sign_in("thuld", DEMO_PASSWORD)
    sheet = app.routes.today(actor)
    assert sheet.route_code == ROUTE and sheet.progress.visited == 0
    owing = [st for st in sheet.stops if st.unpaid]
    assert app.routes.today(actor, unpaid_only=True).stops == tuple(owing)
    app.shifts.open(actor, 100_000)
    taken = app.payments.take_cash(actor, owing[0].account_id)
    after = app.routes.today(actor)
    paid = next(st for st in after.stops if st.account_id == owing[0].account_id)
    assert paid.outcome == "paid" and after.progress.paid == 1
    assert after.progress.collected == taken.amount
    assert after.progress.remaining == sum(st.unpaid for st in owing[1:])
    with pytest.raises(ValidationError, match="mỗi nhà ghi một lần"):
        app.routes.mark(actor, sheet.id, owing[0].account_id, "not_home")
    with pytest.raises(ValidationError, match="bắt buộc"):  # a refusal says what was seen
        app.routes.mark(actor, sheet.id, owing[1].account_id, "refused")
    app.routes.mark(actor, sheet.id, owing[1].account_id, "not_home", "Cửa khóa")
    later = app.routes.mark(actor, sheet.id, owing[1].account_id, "refused", "Chủ nhà hẹn mai")
    assert later.outcome == "refused"  # back after "not at home": a second visit may be marked
    with pytest.raises(ValidationError, match="mỗi nhà"):
        app.routes.mark(actor, sheet.id, owing[1].account_id, "moved", "Nhà trống")
    with pytest.raises(ValidationError, match="Chọn một kết quả"):
        app.routes.mark(actor, sheet.id, owing[2].account_id, "paid")
    app.link.sync_once()
    app.link.sync_once()
    with central.sessions() as s:
        visits = s.scalars(select(CentralVisit).order_by(CentralVisit.at)).all()
    assert [(v.account_code, v.outcome) for v in visits] == [
        (owing[0].code, "paid"), (owing[1].code, "not_home"), (owing[1].code, "refused")]
    assert visits[0].receipt_no == taken.receipt_no
    report = central.route_report(sheet.id)
    assert len(report["visits"]) == 3

    # a token holder's visit to an account that is not on the route
    client = app.link.engine.client
    with central.sessions() as s:
        from central.models import Account

        stranger = s.scalar(select(Account.code).where(Account.route_code != ROUTE).limit(1))
    [refused] = client.push([{"key": str(uuid.uuid4()), "kind": "visit", "data": {
        "sheet_id": sheet.id, "account_code": stranger, "outcome": "not_home", "note": "",
        "staff": "thuld", "at": dt.datetime.now(dt.UTC).isoformat()}}])
    assert refused.get("reason") == "not-on-route"


def test_no_collection_after_the_hand_over(synced_counter: App, central: Central) -> None:
    app = synced_counter
    actor = collector(app, central)
    owing = [st for st in app.routes.today(actor).stops if st.unpaid]
    shift = app.shifts.open(actor, 0)
    cash = app.payments.take_cash(actor, owing[0].account_id).amount
    counts = {100_000: cash // 100_000, 1_000: cash % 100_000 // 1_000}  # hundreds: tolerated
    app.shifts.close(actor, counts)
    head = app.auth.sign_in("thuquy", DEMO_PASSWORD)
    assert app.turn_ins.accept(head, shift.key, counts).difference == 0
    with pytest.raises(NoOpenShift):  # handed over: the shift is closed
        app.payments.take_cash(actor, owing[1].account_id)


def test_a_printer_that_vanishes_mid_receipt_leaves_the_payment_and_a_waiting_receipt(
        synced_counter: App, central: Central, tmp_path: Path) -> None:
    from db.models import PrintJob
    from desktop.printing.emulator import Faults, PrinterEmulator

    app = synced_counter
    actor = collector(app, central)
    owing = [st for st in app.routes.today(actor).stops if st.unpaid]
    app.shifts.open(actor, 0)
    # the Bluetooth printer's link drops 300 bytes into the job, then it is back
    with PrinterEmulator(tmp_path / "paper", width=384, faults=Faults(drop_after=300)) as em:
        app.device.set_printer(app.auth.sign_in("quantri", DEMO_PASSWORD),
                    f"tcp://127.0.0.1:{em.port}", 58)
        taken = app.payments.take_cash(actor, owing[0].account_id)
        app.prints.print_pending()
        with app.sessions() as s:
            assert s.scalar(select(PrintJob.state).where(
                PrintJob.payment_key == taken.key)) == "pending"
        stop = next(st for st in app.routes.today(actor).stops
                    if st.account_id == owing[0].account_id)
        assert stop.outcome == "paid" and stop.unpaid == 0  # the payment stands
        app.prints.print_pending()  # the printer is back: the receipt that waited prints
        with app.sessions() as s:
            assert s.scalar(select(PrintJob.state).where(
                PrintJob.payment_key == taken.key)) == "printed"
        assert len(em.wait_for_jobs(1)) == 1


def test_a_laptop_clock_off_by_a_day_takes_no_cash_on_the_route(
        synced_counter: App, central: Central) -> None:
    from desktop.money.payments import CashRefused

    app = synced_counter
    actor = collector(app, central)
    owing = [st for st in app.routes.today(actor).stops if st.unpaid]
    app.shifts.open(actor, 0)
    app.clock.observe(86_400.0)  # what the last sync saw: this clock a day ahead
    with pytest.raises(CashRefused, match="Đồng hồ"):
        app.payments.take_cash(actor, owing[0].account_id)
    app.clock.observe(0.0)  # put right, seen at the next sync
    assert app.payments.take_cash(actor, owing[0].account_id).amount == owing[0].unpaid
