"""Taken money is never refused for a number (issue 28, finding 2, central's side): central
keys money by operation key, and a receipt number that clashes with one it already holds
from the device is applied and becomes an alert for the supervisor — on the counter's
screen of sync issues too. SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, update

from central.models import Bill, Payment
from central.service import Central
from desktop.app import App
from desktop.sim import accounts_with_unpaid_bills
from tests.security.test_central_attacks import enrol, push
from tests.security.test_token_holders import cash, unpaid
from tests.staff import on_shift


def test_two_payments_under_one_receipt_number_are_both_applied_with_one_alert(
        base: str, seeded: Central) -> None:
    counter = enrol(base, seeded)
    (a1, b1, t1), (a2, b2, t2) = unpaid(seeded), unpaid(seeded, skip=1)
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    [one] = push(base, counter, {"key": first, "kind": "payment",
                                 "data": cash(a1, b1, t1, "PE1400D001-000007")})
    # a later push (a data folder put back by hand handed the number out again)
    [two] = push(base, counter, {"key": second, "kind": "payment",
                                 "data": cash(a2, b2, t2, "PE1400D001-000007")})
    assert one["status"] == two["status"] == "applied"
    assert "receipt_clash" not in one and "PE1400D001-000007" in two["receipt_clash"]
    with seeded.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Payment).where(
            Payment.receipt_no == "PE1400D001-000007")) == 2
        assert set(s.scalars(select(Bill.status).where(Bill.bill_no.in_([b1, b2])))) == {"paid"}
    clashes = [a for a in seeded.alerts() if a["kind"] == "receipt-clash"]
    assert [a["op_key"] for a in clashes] == [second]
    # sent again (the answer was lost): the same answer, no second alert
    [again] = push(base, counter, {"key": second, "kind": "payment",
                                   "data": cash(a2, b2, t2, "PE1400D001-000007")})
    assert again["status"] == "duplicate" and again["original_status"] == "applied"
    assert len([a for a in seeded.alerts() if a["kind"] == "receipt-clash"]) == 1


def test_a_clash_is_an_issue_on_the_counter_not_a_refusal(
        synced_counter: App, central: Central) -> None:
    """Central already holds the number the counter hands out next (here: written into
    central's row of the counter's last payment): the payment is applied, and the counter
    lists the clash for a supervisor."""
    app = synced_counter
    cashier = on_shift(app)
    accounts = accounts_with_unpaid_bills(app)
    taken = app.payments.take_cash(cashier, accounts[0])
    app.link.sync_once()
    prefix, number = taken.receipt_no.rsplit("-", 1)
    next_no = f"{prefix}-{int(number) + 1:0{len(number)}d}"
    with central.sessions() as s, s.begin():
        s.execute(update(Payment).where(Payment.key == taken.key).values(receipt_no=next_no))
    later = app.payments.take_cash(cashier, accounts[1])
    assert later.receipt_no == next_no
    report = app.link.sync_once()
    assert report.rejected == 0 and report.applied >= 1
    with central.sessions() as s:
        assert set(s.scalars(select(Payment.key).where(
            Payment.receipt_no == next_no))) == {taken.key, later.key}
    [issue] = [i for i in app.sync.open_issues() if i.kind == "clash"]
    assert issue.op_key == later.key and next_no in issue.message
    assert [a["op_key"] for a in central.alerts() if a["kind"] == "receipt-clash"] == [
        later.key]
