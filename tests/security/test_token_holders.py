"""A device with a valid token is still held to the rules: it undoes only its own money, one
paid VietQR intent settles one payment, and out-of-range numbers are refused, not 500s
(SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
from sqlalchemy import select

from central.models import Account, Bill, Payment, PaymentIntent
from central.service import Central
from desktop.contract import vietqr_payment_key
from tests.security.test_central_attacks import enrol, push

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)


def unpaid(central: Central, unit: str = "PE1400", skip: int = 0) -> tuple[str, str, int]:
    with central.sessions() as s:
        row = s.execute(select(Account.code, Bill.bill_no, Bill.total).join(
            Bill, Bill.account_id == Account.id).where(
            Account.unit_code == unit, Bill.status == "unpaid").order_by(Bill.id)
            .offset(skip).limit(1)).one()
    return row.code, row.bill_no, row.total


def cash(account: str, bill_no: str, amount: int, receipt: str) -> dict:
    return {"account_code": account, "receipt_no": receipt, "method": "cash", "amount": amount,
            "paid_at": NOW.isoformat(), "bills": [{"bill_no": bill_no, "amount": amount}]}


def test_only_the_device_that_took_a_payment_may_void_it(base: str, seeded: Central) -> None:
    ours, theirs = enrol(base, seeded), enrol(base, seeded)  # two counters of one unit
    account, bill_no, amount = unpaid(seeded)
    key = str(uuid.uuid4())
    [taken] = push(base, ours, {"key": key, "kind": "payment",
                                "data": cash(account, bill_no, amount, "A-000001")})
    assert taken["status"] == "applied"
    [void] = push(base, theirs, {"key": str(uuid.uuid4()), "kind": "void", "data": {
        "payment_key": key, "reason": "không phải của tôi", "voided_at": NOW.isoformat()}})
    assert (void["status"], void["reason"]) == ("rejected", "other-device")
    with seeded.sessions() as s:
        assert s.scalar(select(Payment).where(Payment.key == key)).status == "taken"
        assert s.scalar(select(Bill.status).where(Bill.bill_no == bill_no)) == "paid"
    assert "other-device" in [a["kind"] for a in seeded.alerts()]
    # the device that took it still may
    [own] = push(base, ours, {"key": str(uuid.uuid4()), "kind": "void", "data": {
        "payment_key": key, "reason": "thu nhầm", "voided_at": NOW.isoformat()}})
    assert own["status"] == "applied"


def test_a_key_pushed_first_by_another_device_takes_nothing_from_the_genuine_one(
        base: str, seeded: Central) -> None:
    """Keys are the device's own: a key seen in transit (a VietQR key is derived from the
    reference printed in the customer's QR) pushed first elsewhere blocks nothing."""
    genuine, elsewhere, neighbour = (enrol(base, seeded), enrol(base, seeded, "PE1000"),
                                     enrol(base, seeded))
    account, bill_no, amount = unpaid(seeded)
    key = str(uuid.uuid4())
    other_account, other_bill, other_amount = unpaid(seeded, "PE1000")
    [theirs] = push(base, elsewhere, {"key": key, "kind": "payment", "data": cash(
        other_account, other_bill, other_amount, "B-000001")})
    assert theirs["status"] == "applied"
    # a device of the same unit pushing it first too, on another of the unit's bills
    n_account, n_bill, n_amount = unpaid(seeded, skip=1)
    [near] = push(base, neighbour, {"key": key, "kind": "payment", "data": cash(
        n_account, n_bill, n_amount, "C-000001")})
    assert near["status"] == "applied"
    [ours] = push(base, genuine, {"key": key, "kind": "payment",
                                  "data": cash(account, bill_no, amount, "A-000001")})
    assert ours["status"] == "applied", ours
    [again] = push(base, genuine, {"key": key, "kind": "payment",
                                   "data": cash(account, bill_no, amount, "A-000001")})
    assert again["status"] == "duplicate"
    with seeded.sessions() as s:
        assert len(s.scalars(select(Payment).where(Payment.key == key)).all()) == 3
    # the genuine device's void reopens its own bill only, not the neighbour's
    [void] = push(base, genuine, {"key": str(uuid.uuid4()), "kind": "void", "data": {
        "payment_key": key, "reason": "thu nhầm", "voided_at": NOW.isoformat()}})
    assert (void["status"], void["reopened"]) == ("applied", [bill_no])
    with seeded.sessions() as s:
        status = dict(s.execute(select(Bill.bill_no, Bill.status).where(
            Bill.bill_no.in_([bill_no, n_bill, other_bill]))).all())
    assert status == {bill_no: "unpaid", n_bill: "paid", other_bill: "paid"}


def test_a_paid_intent_settles_one_payment_only(base: str, seeded: Central) -> None:
    headers = enrol(base, seeded)
    account, bill_no, amount = unpaid(seeded)
    r = httpx.post(f"{base}/v1/intents", headers=headers,
                   json={"account_code": account, "bills": [bill_no], "amount": amount})
    assert r.status_code == 200, r.text
    reference = r.json()["reference"]
    with seeded.sessions() as s, s.begin():  # the bank paid it
        intent = s.get(PaymentIntent, reference)
        intent.status, intent.paid_at, intent.bank_ref = "paid", NOW, "FT0001"
    data = {**cash(account, bill_no, amount, "Q-000001"), "method": "vietqr",
            "bank_ref": "FT0001", "intent_ref": reference}
    [second] = push(base, headers, {"key": str(uuid.uuid4()), "kind": "payment",
                                    "data": {**data, "receipt_no": "Q-000002"}})
    assert (second["status"], second["reason"]) == ("rejected", "intent-key")
    [first] = push(base, headers, {"key": vietqr_payment_key(reference), "kind": "payment",
                                   "data": data})
    assert first["status"] == "applied"
    [again] = push(base, headers, {"key": str(uuid.uuid4()), "kind": "payment",
                                   "data": {**data, "receipt_no": "Q-000003"}})
    assert again["status"] == "rejected"
    with seeded.sessions() as s:
        assert s.scalars(select(Payment.key).where(Payment.method == "vietqr")).all() == [
            vietqr_payment_key(reference)]


def test_numbers_out_of_range_are_422_not_500(base: str, seeded: Central) -> None:
    headers = enrol(base, seeded)
    for cursor in ("1e30", str(10**30), str(2**63)):
        r = httpx.get(f"{base}/v1/sync/pull", params={"cursor": cursor}, headers=headers)
        assert r.status_code == 422, (cursor, r.status_code)
    assert httpx.get(f"{base}/v1/sync/pull", params={"cursor": str(2**63 - 1)},
                     headers=headers).status_code == 200
