"""A device's token is not enough to pay a bill: central applies a payment only where the
device's accepted journal records it (issue 28, finding 1, central's side). A payment made
by hand with no journal line, or whose line broke the hash chain, is refused with an alert
and the bill stays unpaid; the counter lists every such refusal for a supervisor. SQLite
and PostgreSQL."""

from __future__ import annotations

import sqlite3
import uuid

import httpx
from sqlalchemy import select

from central.models import Bill, Payment
from central.service import Central
from desktop.app import App
from desktop.contract import audit_data, chain_hash
from desktop.sim import accounts_with_unpaid_bills
from tests.journal import head, payment_entry, with_journal
from tests.security.test_central_attacks import enrol
from tests.security.test_token_holders import cash, unpaid
from tests.staff import on_shift


def raw_push(base: str, headers: dict[str, str], ops: list[dict]) -> dict[str, dict]:
    r = httpx.post(f"{base}/v1/sync/push", json={"ops": ops}, headers=headers)
    assert r.status_code == 200, r.text
    return {a["key"]: a for a in r.json()["results"]}


def bill_status(central: Central, bill_no: str) -> str:
    with central.sessions() as s:
        return str(s.scalar(select(Bill.status).where(Bill.bill_no == bill_no)))


def payments_held(central: Central) -> set[str]:
    with central.sessions() as s:
        return set(s.scalars(select(Payment.key)))


def test_a_hand_made_payment_without_a_journal_line_is_refused_with_an_alert(
        base: str, seeded: Central) -> None:
    token_holder = enrol(base, seeded)
    account, bill_no, amount = unpaid(seeded)
    key = str(uuid.uuid4())
    answers = raw_push(base, token_holder, [{"key": key, "kind": "payment",
                                             "data": cash(account, bill_no, amount, "X-000001")}])
    assert (answers[key]["status"], answers[key]["reason"]) == ("rejected", "journal-missing")
    assert bill_status(seeded, bill_no) == "unpaid" and key not in payments_held(seeded)
    [alert] = [a for a in seeded.alerts() if a["op_key"] == key]
    assert alert["kind"] == "journal-missing" and "X-000001" in alert["message"]
    # the same payment again, now with a line recording it: still the stored answer
    again = raw_push(base, token_holder, with_journal(*head(base, token_holder), [
        {"key": key, "kind": "payment", "data": cash(account, bill_no, amount, "X-000001")}]))
    assert again[key]["status"] == "duplicate" and again[key]["original_status"] == "rejected"
    assert bill_status(seeded, bill_no) == "unpaid"


def test_a_payment_whose_journal_line_broke_the_chain_is_refused(
        base: str, seeded: Central) -> None:
    token_holder = enrol(base, seeded)
    account, bill_no, amount = unpaid(seeded)
    key = str(uuid.uuid4())
    data = cash(account, bill_no, amount, "X-000002")
    seq, prev = head(base, token_holder)
    # a line that skips one (as if a line of the genuine counter had been taken out)
    entry = payment_entry(seq + 2, key, data)
    line_key = str(uuid.uuid4())
    answers = raw_push(base, token_holder, [
        {"key": key, "kind": "payment", "data": data},
        {"key": line_key, "kind": "audit", "data": audit_data(
            seq=seq + 2, prev_hash=prev, digest=chain_hash(prev, entry), entry=entry)}])
    assert answers[line_key]["reason"] == "audit-chain-broken"
    assert (answers[key]["status"], answers[key]["reason"]) == ("rejected", "journal-rejected")
    assert bill_status(seeded, bill_no) == "unpaid" and key not in payments_held(seeded)
    kinds = {a["op_key"]: a["kind"] for a in seeded.alerts()}
    assert kinds[key] == "journal-rejected" and kinds[line_key] == "audit-chain-broken"


def test_a_journal_line_that_says_another_amount_does_not_carry_the_payment(
        base: str, seeded: Central) -> None:
    token_holder = enrol(base, seeded)
    account, bill_no, amount = unpaid(seeded)
    key = str(uuid.uuid4())
    # a line recording a small payment, then the payment of the whole bill under its key
    small = with_journal(*head(base, token_holder), [
        {"key": key, "kind": "payment", "data": cash(account, bill_no, 1000, "X-000003")}])
    raw_push(base, token_holder, small[1:])  # the line alone, accepted
    answers = raw_push(base, token_holder, [
        {"key": key, "kind": "payment", "data": cash(account, bill_no, amount, "X-000003")}])
    assert (answers[key]["status"], answers[key]["reason"]) == ("rejected", "journal-mismatch")
    assert bill_status(seeded, bill_no) == "unpaid"


def test_a_payment_whose_line_came_in_an_earlier_push_or_before_it_is_applied_once(
        base: str, seeded: Central) -> None:
    counter = enrol(base, seeded)
    (a1, b1, t1), (a2, b2, t2) = unpaid(seeded), unpaid(seeded, skip=1)
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    ops = with_journal(*head(base, counter), [
        {"key": first, "kind": "payment", "data": cash(a1, b1, t1, "Q-000001")},
        {"key": second, "kind": "payment", "data": cash(a2, b2, t2, "Q-000002")}])
    # the first payment's line in an earlier push; the second's before it in the batch
    answers = raw_push(base, counter, [ops[1]])
    assert answers[ops[1]["key"]]["status"] == "applied"
    answers = raw_push(base, counter, [ops[0], ops[3], ops[2]])
    assert answers[first]["status"] == answers[second]["status"] == "applied"
    assert bill_status(seeded, b1) == bill_status(seeded, b2) == "paid"
    again = raw_push(base, counter, ops)
    assert {a["status"] for a in again.values()} == {"duplicate"}
    with seeded.sessions() as s:
        assert len(s.scalars(select(Payment).where(Payment.key.in_([first, second]))).all()) == 2


def test_a_refused_payment_is_an_issue_the_counter_shows_a_supervisor(
        synced_counter: App, central: Central) -> None:
    """A journal row lost from the counter's outbox: its payment is refused at central
    (no line records it), and so is the next one (its line no longer continues the
    chain); neither is lost silently: each is an open issue on the counter."""
    app = synced_counter
    cashier = on_shift(app)
    taken = [app.payments.take_cash(cashier, a) for a in accounts_with_unpaid_bills(app)[:2]]
    con = sqlite3.connect(app.store_path)
    lines = con.execute("SELECT key, data FROM outbox WHERE kind = 'audit' ORDER BY seq").fetchall()
    [gone] = [k for k, d in lines if taken[0].key in d]
    con.execute("DELETE FROM outbox WHERE key = ?", (gone,))
    con.commit()
    con.close()
    report = app.link.sync_once()
    assert report.applied == 0 and report.rejected == 3  # the two payments and the line
    assert not payments_held(central) & {t.key for t in taken}
    reasons = {i.op_key: i.reason for i in app.sync.open_issues()}
    assert reasons[taken[0].key] == "journal-missing"
    assert reasons[taken[1].key] == "journal-rejected"
    assert app.sync.status().rejected >= 2
    kinds = {a["op_key"]: a["kind"] for a in central.alerts()}
    assert kinds[taken[0].key] == "journal-missing" and kinds[taken[1].key] == "journal-rejected"
