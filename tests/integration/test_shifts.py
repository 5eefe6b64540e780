"""Shifts and the cash drawer: float, payments, drops, blind count, Z report, central."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.models import Payment
from central.service import Central
from db.demo import DEMO_PASSWORD
from db.models import OutboxOp
from desktop.app import App, build_app
from desktop.errors import ValidationError
from desktop.money.payments import TenderRefused
from desktop.money.shifts import (
    NoOpenShift,
    OverShortNeedsApproval,
    RecountNeedsApproval,
    ShiftAlreadyOpen,
)
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.permissions import ApprovalAction
from tests.staff import pretend_enrolled, sign_in


@pytest.fixture
def enrolled(app: App) -> App:
    pretend_enrolled(app, 4)
    return app


def test_no_money_outside_an_open_shift_and_one_drawer_per_person(enrolled: App) -> None:
    cashier = sign_in(enrolled)
    accounts = accounts_with_unpaid_bills(enrolled)
    with pytest.raises(NoOpenShift) as refused:
        enrolled.payments.take_cash(cashier, accounts[0])
    assert refused.value.user_message.startswith("Chưa mở ca")
    ours = enrolled.shifts.open(cashier, 1_000_000)
    with pytest.raises(ShiftAlreadyOpen, match="Nguyễn Thị Thu Ngân"):
        enrolled.shifts.open(sign_in(enrolled), 0)  # the same person, twice
    # a supervisor who signs in while the cashier's shift is open has no drawer yet …
    supervisor = sign_in(enrolled, "giamsat")
    with pytest.raises(NoOpenShift):
        enrolled.payments.take_cash(supervisor, accounts[0])
    # … opens their own, and their money lands there, never in the cashier's
    theirs = enrolled.shifts.open(supervisor, 0)
    taken = enrolled.payments.take_cash(supervisor, accounts[0])
    mine = enrolled.payments.take_cash(cashier, accounts[1])
    assert theirs.key != ours.key
    with enrolled.sessions() as s:
        from db.models import LocalPayment, Shift

        shift_of = {p.key: s.get(Shift, p.shift_id).key for p in s.scalars(select(LocalPayment))}
    assert shift_of == {taken.key: theirs.key, mine.key: ours.key}


def test_a_shift_adds_up_to_the_dong(enrolled: App) -> None:
    cashier = sign_in(enrolled)
    shift = enrolled.shifts.open(cashier, 2_000_000)
    accounts = accounts_with_unpaid_bills(enrolled)[:4]
    taken = [enrolled.payments.take_cash(cashier, a, tendered=None) for a in accounts]
    approval = enrolled.auth.approve(cashier, ApprovalAction.VOID, taken[0].key, "giamsat",
                                     DEMO_PASSWORD, "Thu nhầm")
    enrolled.payments.void(cashier, taken[0].key, "Thu nhầm", approval)
    with pytest.raises(ValidationError, match="chỉ có"):
        enrolled.shifts.drop(cashier, 10**11, "Két sắt")
    enrolled.shifts.drop(cashier, 1_000_000, "Thủ quỹ Lan")
    cash = sum(t.amount for t in taken[1:])
    # exact money is taken in what the drawer holds (to 500 đ), the odd đồng credited
    assert all(t.change == 0 and (t.amount + t.change_credit) % 500 == 0 for t in taken)
    expected = 2_000_000 + cash + sum(t.change_credit for t in taken[1:]) - 1_000_000
    # the blind count: a row for every note in use, down to the 500 đ change is given in
    assert enrolled.shifts.denominations[-1] == 500
    counts = {500_000: expected // 500_000, 1_000: expected % 500_000 // 1_000,
              500: expected % 1_000 // 500}
    leftover = expected - 500_000 * counts[500_000] - 1_000 * counts[1_000] - 500 * counts[500]
    assert leftover == 0
    report = enrolled.shifts.close(cashier, counts)
    assert report.key == shift.key and report.opening_float == 2_000_000
    assert [(m.method, m.count, m.amount) for m in report.by_method] == [("cash", 3, cash)]
    assert (report.voided_count, report.voided_amount) == (1, taken[0].amount)
    assert report.drops == 1_000_000 and report.expected_cash == expected
    assert report.over_short == 0  # to the đồng
    with enrolled.sessions() as s:
        op = s.scalar(select(OutboxOp).where(OutboxOp.kind == "shift_close"))
    data = json.loads(op.data)
    assert data["shift_key"] == shift.key and data["expected_cash"] == expected
    with pytest.raises(NoOpenShift):
        enrolled.payments.take_cash(cashier, accounts_with_unpaid_bills(enrolled)[0])


def test_over_or_short_beyond_tolerance_needs_reason_and_a_supervisor(enrolled: App) -> None:
    cashier = sign_in(enrolled)
    shift = enrolled.shifts.open(cashier, 500_000)
    short = {200_000: 2}  # 100 000 đ missing
    with pytest.raises(OverShortNeedsApproval) as needs:
        enrolled.shifts.close(cashier, short)
    assert needs.value.over_short == -100_000
    assert needs.value.user_message.startswith("Đếm được 400.000 đ, phải có 500.000 đ: quỹ "
                                               "thiếu 100.000 đ, quá mức cho phép 10.000 đ")
    with pytest.raises(ValidationError):
        enrolled.shifts.close(cashier, {300_000: 1})  # no such note
    approval = enrolled.auth.approve(cashier, ApprovalAction.OVER_SHORT, shift.key, "giamsat",
                                     DEMO_PASSWORD, "Trả nhầm tiền thối cho khách")
    report = enrolled.shifts.close(cashier, short, reason="Trả nhầm tiền thối",
                                   approval_id=approval)
    assert report.over_short == -100_000 and report.over_short_reason == "Trả nhầm tiền thối"
    assert report.counts == {200_000: 2}


def test_a_shift_left_open_by_a_crash_is_still_open(enrolled: App) -> None:
    cashier = sign_in(enrolled)
    shift = enrolled.shifts.open(cashier, 300_000)
    taken = enrolled.payments.take_cash(cashier, accounts_with_unpaid_bills(enrolled)[0])
    path = enrolled.store_path
    enrolled.close()  # the process dies here
    again = build_app(path, create=False)
    try:
        cashier = again.auth.sign_in("thungan", DEMO_PASSWORD)
        resumed = again.shifts.current(cashier)
        assert resumed is not None and resumed.key == shift.key
        report = again.shifts.close(cashier, {100_000: 3, 1_000: taken.amount // 1_000})
        assert report.by_method[0].amount == taken.amount
    finally:
        again.close()


@pytest.fixture
def counter(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    app = build_app(tmp_path / "counter" / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    app.link.engine.sync_once()
    yield app
    app.close()


def test_the_closed_shift_reconciles_with_central(counter: App, central: Central) -> None:
    cashier = sign_in(counter)
    shift = counter.shifts.open(cashier, 0)
    taken = [counter.payments.take_cash(cashier, a)
             for a in accounts_with_unpaid_bills(counter)[:3]]
    # what the drawer took: exact money to 500 đ, the odd đồng credited to the customer
    total = sum(t.amount + t.change_credit for t in taken)
    counter.shifts.close(cashier, {1_000: total // 1_000, 500: total % 1_000 // 500})
    counter.link.engine.sync_once()
    client = counter.link.client()
    try:
        theirs = client.shift_reconciliation(shift.key)
        assert theirs["closing"]["expected_cash"] == total
        assert counter.shifts.reconcile(cashier, shift.key, theirs) == ()
        # central lost one payment of the shift (or never got it): the difference is listed
        with central.sessions() as s, s.begin():
            s.delete(s.scalar(select(Payment).where(Payment.key == taken[0].key)))
        differences = counter.shifts.reconcile(cashier, shift.key,
                                               client.shift_reconciliation(shift.key))
    finally:
        client.close()
    assert len(differences) == 1 and differences[0].startswith("Tiền mặt: quầy 3 phiếu")


def test_a_void_is_only_within_the_open_shift(enrolled: App) -> None:
    cashier = sign_in(enrolled)
    enrolled.shifts.open(cashier, 0)
    taken = enrolled.payments.take_cash(cashier, accounts_with_unpaid_bills(enrolled)[0])
    enrolled.shifts.close(cashier, {1_000: taken.amount // 1_000})
    enrolled.shifts.open(cashier, 0)
    approval = enrolled.auth.approve(cashier, ApprovalAction.VOID, taken.key, "giamsat",
                                     DEMO_PASSWORD, "Thu nhầm")
    with pytest.raises(ValidationError, match="ca đã đóng"):
        enrolled.payments.void(cashier, taken.key, "Thu nhầm", approval)


def test_the_void_check_refuses_a_closed_shifts_receipt_before_any_approval(
        enrolled: App) -> None:
    """``check_void`` says before a supervisor is asked what ``void`` would refuse; it
    records nothing (no approval is used, the receipt stands)."""
    cashier = sign_in(enrolled)
    enrolled.shifts.open(cashier, 0)
    first, second = accounts_with_unpaid_bills(enrolled)[:2]
    taken = enrolled.payments.take_cash(cashier, first)
    enrolled.shifts.close(cashier, {1_000: taken.amount // 1_000})
    with pytest.raises(ValidationError, match=f"Phiếu thu {taken.receipt_no} thuộc ca đã đóng"):
        enrolled.payments.check_void(cashier, taken.key)
    enrolled.shifts.open(cashier, 0)
    later = enrolled.payments.take_cash(cashier, second)
    enrolled.payments.check_void(cashier, later.key)  # in the open shift: nothing to say
    assert enrolled.payments.recent(cashier)[0].status == "taken"


def test_a_clock_set_backwards_keeps_numbering_and_order(enrolled: App) -> None:
    cashier = sign_in(enrolled)
    enrolled.shifts.open(cashier, 0)
    accounts = accounts_with_unpaid_bills(enrolled)[:3]
    noon = dt.datetime(2026, 11, 27, 5, 0, tzinfo=dt.UTC)
    times = [noon, noon - dt.timedelta(hours=2), noon + dt.timedelta(minutes=1)]  # set back
    taken = [enrolled.payments.take_cash(cashier, a, now=t) for a, t in zip(accounts, times,
                                                                          strict=True)]
    numbers = [int(t.receipt_no.rsplit("-", 1)[1]) for t in taken]
    assert numbers == [1, 2, 3]  # gap-free and in the order they were taken
    listed = enrolled.payments.taken_on(cashier, dt.date(2026, 11, 27))
    assert [p.receipt_no for p in listed] == [t.receipt_no for t in reversed(taken)]


def test_an_agents_limit_refuses_cash_beyond_it_until_a_remittance(
        counter: App, central: Central) -> None:
    """Hạn mức thu hộ: set on central, enforced at the counter, freed by a remittance."""
    from db.models import Bill, Unit
    from desktop.money.payments import OverLimit

    cashier = sign_in(counter)
    counter.shifts.open(cashier, 0)
    with counter.sessions() as s:
        dues = dict(s.execute(select(Bill.account_id, func.sum(Bill.total))
                              .where(Bill.status == "unpaid").group_by(Bill.account_id)).all())
    ordered = sorted(dues, key=dues.__getitem__)
    small, other = ordered[0], ordered[1]
    central.set_collection_limit("PE1400", 1_000)
    counter.link.engine.sync_once()
    with pytest.raises(OverLimit) as refused:
        counter.payments.take_cash(cashier, small)
    assert (refused.value.held, refused.value.limit) == (0, 1_000)
    assert refused.value.user_message.startswith("Vượt hạn mức thu hộ: đang giữ 0 đ chưa nộp")
    limit = dues[small] + dues[other] // 2  # room for the small one only
    central.set_collection_limit("PE1400", limit)
    counter.link.engine.sync_once()
    taken = counter.payments.take_cash(cashier, small)
    with pytest.raises(OverLimit) as full:
        counter.payments.take_cash(cashier, other)
    assert full.value.held == taken.amount  # still on its way to central
    counter.link.engine.sync_once()
    with counter.sessions() as s:
        assert s.get(Unit, "PE1400").unremitted == taken.amount  # central's figure now
    with pytest.raises(OverLimit):
        counter.payments.take_cash(cashier, other)
    assert central.remit("PE1400", taken.amount, "nộp quỹ") == 0
    counter.link.engine.sync_once()
    fits = next(a for a in ordered[2:] if dues[a] <= limit)
    assert counter.payments.take_cash(cashier, fits).amount == dues[fits]  # room again


def test_bills_are_paid_whole_and_oldest_first(enrolled: App) -> None:
    from db.models import Bill

    cashier = sign_in(enrolled)
    enrolled.shifts.open(cashier, 0)
    with enrolled.sessions() as s:
        account_id = s.scalar(select(Bill.account_id).where(Bill.status == "unpaid")
                              .group_by(Bill.account_id).having(func.count() >= 2))
        bills = s.scalars(select(Bill).where(Bill.account_id == account_id,
                                             Bill.status == "unpaid")
                          .order_by(Bill.period_end)).all()
    with pytest.raises(ValidationError, match=f"Thanh toán hóa đơn cũ trước: {bills[0].bill_no}"):
        enrolled.payments.take_cash(cashier, account_id, bill_ids=[bills[-1].id])
    with pytest.raises(TenderRefused):  # no drawer holds the odd đồng
        enrolled.payments.take_cash(cashier, account_id, bill_ids=[bills[0].id],
                                    tendered=bills[0].total // 500 * 500 + 3_001)
    tendered = bills[0].total // 500 * 500 + 3_500
    oldest = enrolled.payments.take_cash(cashier, account_id, bill_ids=[bills[0].id],
                                         tendered=tendered)
    assert oldest.bill_nos == (bills[0].bill_no,) and oldest.change in (3_000, 3_500)
    assert oldest.change + oldest.change_credit == tendered - bills[0].total
    rest = enrolled.payments.take_cash(cashier, account_id)  # default: all the rest
    assert rest.bill_nos == tuple(b.bill_no for b in bills[1:])
    assert rest.amount == sum(b.total for b in bills[1:])
    assert int(rest.receipt_no[-6:]) == int(oldest.receipt_no[-6:]) + 1


def test_a_vietqr_for_chosen_bills_keeps_the_oldest_first_rule(enrolled: App) -> None:
    cashier = sign_in(enrolled)
    enrolled.shifts.open(cashier, 0)
    with enrolled.sessions() as s:
        from db.models import Bill

        account_id = s.execute(select(Bill.account_id).where(Bill.status == "unpaid")
                               .group_by(Bill.account_id).having(func.count() >= 2)
                               .limit(1)).scalar_one()
        newest = s.scalars(select(Bill.id).where(Bill.account_id == account_id,
                                                 Bill.status == "unpaid")
                           .order_by(Bill.period_end.desc()).limit(1)).one()
    with pytest.raises(ValidationError, match="Thanh toán hóa đơn cũ trước"):
        # refused before central is asked (nothing written: no intent to follow)
        enrolled.qr.start(cashier, account_id, bill_ids=[newest])
    assert enrolled.qr.open_count() == 0


def test_the_blind_count_is_final_a_recount_needs_a_supervisor_and_both_are_kept(
        enrolled: App) -> None:
    """Told "quỹ thiếu 100 000 đ", a cashier cannot re-enter the count until it matches:
    the first count submitted is recorded and final; another needs a supervisor's approval,
    and both counts stay in the Z report, the journal and what central receives."""
    from db.models import AuditEntry

    cashier = sign_in(enrolled)
    shift = enrolled.shifts.open(cashier, 500_000)
    with pytest.raises(OverShortNeedsApproval):
        enrolled.shifts.close(cashier, {200_000: 2})
    # the count that would match, without anyone's approval: refused
    with pytest.raises(RecountNeedsApproval, match=r"400\.000 đ"):
        enrolled.shifts.close(cashier, {500_000: 1})
    # the first count stays the count: its shortfall still needs a supervisor
    with pytest.raises(OverShortNeedsApproval):
        enrolled.shifts.close(cashier, {200_000: 2})
    recount = enrolled.auth.approve(cashier, ApprovalAction.RECOUNT, shift.key, "giamsat",
                                    DEMO_PASSWORD, "Đếm sót một xấp tiền")
    report = enrolled.shifts.close(cashier, {500_000: 1}, recount_approval_id=recount)
    assert (report.counted_cash, report.over_short, report.first_counted) == (500_000, 0, 400_000)
    with enrolled.sessions() as s:
        actions = [json.loads(e.entry)["action"] for e in s.scalars(
            select(AuditEntry).order_by(AuditEntry.seq))]
        sent = json.loads(s.scalars(select(OutboxOp.data).where(
            OutboxOp.kind == "shift_close")).one())
    assert actions[-3:] == ["approval", "shift_recount", "shift_close"]
    assert actions.count("shift_count") == 1
    assert (sent["counted_cash"], sent["first_counted"]) == (500_000, 400_000)
    from desktop.contract_schemas import OP_SCHEMAS

    OP_SCHEMAS["shift_close"].model_validate(sent)


def test_change_is_rounded_down_to_a_note_and_the_rest_is_the_customers_credit(
        tmp_path: Path, central: Central, url: str) -> None:
    """324 614 đ of change cannot be handed over in notes: the customer gets 324 500 đ, the
    114 đ is credited to the account (on the receipt, at central), and the drawer's
    expected cash is what can be counted in notes."""
    from central.models import Account as CentralAccount
    from desktop.money.payments import round_change
    from desktop.printing.receipts.model import receipt_for

    assert round_change(324_614, 500) == (324_500, 114)
    assert round_change(1_000, 500) == (1_000, 0) and round_change(0, 500) == (0, 0)
    assert round_change(333, 1) == (333, 0)  # a setting of 1: no rounding
    counter = build_app(tmp_path / "c" / "quaythu.db")
    try:
        counter.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
        counter.link.sync_once()
        cashier = sign_in(counter)
        counter.shifts.open(cashier, 0)
        from db.models import Bill

        def due_of(account_id: int) -> int:
            with counter.sessions() as s:
                return sum(s.scalars(select(Bill.total).where(Bill.account_id == account_id,
                                                             Bill.status == "unpaid")))

        # a customer whose change cannot be given in notes (almost every one)
        account_id = next(a for a in accounts_with_unpaid_bills(counter) if due_of(a) % 500)
        due = due_of(account_id)
        tendered = (due // 1_000_000 + 1) * 1_000_000  # notes, as customers pay
        change, credit = (tendered - due) // 500 * 500, (tendered - due) % 500
        taken = counter.payments.take_cash(cashier, account_id, tendered=tendered)
        assert (taken.change, taken.change_credit) == (change, credit) and credit > 0
        with counter.sessions() as s:
            receipt = receipt_for(s, taken.key, "t")
        assert receipt.change == change and receipt.change_credit == credit
        counter.link.sync_once()
        with central.sessions() as s:
            held = s.scalar(select(CentralAccount.credit).where(
                CentralAccount.code == taken.account_code))
        assert held == taken.change_credit
        # the drawer holds the bills and what the rounded change left: countable in notes
        expected = tendered - change
        assert expected == due + taken.change_credit and expected % 500 == 0
        report = counter.shifts.close(cashier, _notes(expected))
        assert report.expected_cash == expected and report.over_short == 0
    finally:
        counter.close()


def _notes(amount: int) -> dict[int, int]:
    counts, left = {}, amount
    for note in (500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500):
        counts[note], left = divmod(left, note)
    assert left == 0
    return {n: c for n, c in counts.items() if c}


def test_f8s_list_is_by_shift_so_a_clock_a_day_off_loses_no_receipt(enrolled: App) -> None:
    """The list where voids and copies are made: every receipt of the open shift, whatever
    day the machine's clock stamped it with (the wall-clock day lost half of them)."""
    cashier = sign_in(enrolled)
    enrolled.shifts.open(cashier, 0)
    accounts = accounts_with_unpaid_bills(enrolled)[:3]
    now = dt.datetime.now(dt.UTC)
    stamps = [now, now - dt.timedelta(days=1), now + dt.timedelta(days=1)]  # a wandering clock
    taken = [enrolled.payments.take_cash(cashier, a, now=t)
             for a, t in zip(accounts, stamps, strict=True)]
    listed = enrolled.payments.recent(cashier)
    assert [p.receipt_no for p in listed] == [t.receipt_no for t in reversed(taken)]


def test_a_shift_close_leaves_a_backup_and_only_the_newest_are_kept(enrolled: App) -> None:
    import time

    from desktop.backup import take_backup

    cashier = sign_in(enrolled)
    enrolled.shifts.open(cashier, 0)
    enrolled.shifts.close(cashier, {})
    folder = enrolled.backup_folder
    deadline = time.monotonic() + 60  # the copy is made on a thread of its own
    while not list(folder.glob("quaythu-*.db")) and time.monotonic() < deadline:
        time.sleep(0.05)
    [copy] = list(folder.glob("quaythu-*.db"))
    import sqlite3

    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM shifts WHERE status = 'closed'").fetchone() == (1,)
    con.close()
    for day in range(1, 10):  # rotation: the newest seven stay
        take_backup(enrolled.store_path, folder, keep=7,
                    now=dt.datetime(2027, 1, day, tzinfo=dt.UTC))
    names = sorted(p.name for p in folder.glob("quaythu-*.db"))
    assert len(names) == 7 and names[-1] == "quaythu-20270109-000000.db"
