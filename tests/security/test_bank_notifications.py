"""VietQR at central: intents, and the bank's signed notification (replays refused)."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from sqlalchemy import select

from central.models import Account, Alert, Bill
from central.service import Central, bank_signature
from tests.security.test_central_attacks import enrol

SECRET = "shared-with-the-bank"


def unpaid(central: Central) -> tuple[str, list[str], int]:
    with central.sessions() as s:
        account = s.scalars(select(Account).where(Account.unit_code == "PE1400")
                            .join(Bill, Bill.account_id == Account.id)
                            .where(Bill.status == "unpaid")).first()
        bills = s.scalars(select(Bill).where(Bill.account_id == account.id,
                                             Bill.status == "unpaid")).all()
        return account.code, [b.bill_no for b in bills], sum(b.total for b in bills)


def notify(base: str, body: dict, *, secret: str = SECRET, at: float | None = None,
           signature: str | None = None) -> httpx.Response:
    raw = json.dumps(body).encode()
    stamp = str(int(at if at is not None else time.time()))
    return httpx.post(f"{base}/v1/bank/notifications", content=raw, headers={
        "Content-Type": "application/json", "X-Timestamp": stamp,
        "X-Signature": signature or bank_signature(secret, stamp, raw)})


@pytest.fixture
def intent(base: str, seeded: Central) -> tuple[dict[str, str], dict]:
    seeded.bank_secret = SECRET
    headers = enrol(base, seeded)
    code, bills, amount = unpaid(seeded)
    r = httpx.post(f"{base}/v1/intents", headers=headers,
                   json={"account_code": code, "bills": bills, "amount": amount})
    assert r.status_code == 200, r.text
    return headers, r.json()


def test_an_intent_is_for_the_unpaid_bills_and_the_units_account(
        base: str, seeded: Central, intent: tuple[dict[str, str], dict]) -> None:
    headers, body = intent
    assert body["status"] == "pending" and body["bank_bin"] == "970436"
    assert body["purpose"] == f"TT dien {body['account_code']}"  # 13-character codes
    # a wrong amount or another unit's account is refused
    r = httpx.post(f"{base}/v1/intents", headers=headers, json={
        "account_code": body["account_code"], "bills": body["bills"], "amount": 1})
    assert r.status_code == 409 and r.json()["type"].endswith("/amount-mismatch")


def test_the_signed_notification_marks_it_paid_once_and_a_replay_is_refused(
        base: str, seeded: Central, intent: tuple[dict[str, str], dict]) -> None:
    headers, body = intent
    note = {"reference": body["reference"], "amount": body["amount"], "bank_ref": "FT26331001"}
    assert notify(base, note).status_code == 200
    polled = httpx.get(f"{base}/v1/intents/{body['reference']}", headers=headers).json()
    assert (polled["status"], polled["bank_ref"]) == ("paid", "FT26331001")
    replay = notify(base, note)  # the same notification captured and sent again
    assert replay.status_code == 409 and replay.json()["type"].endswith("/notification-replayed")
    again = notify(base, {**note, "bank_ref": "FT26331002"})  # a second "payment" for it
    assert again.status_code == 409 and again.json()["type"].endswith("/intent-closed")
    with seeded.sessions() as s:
        assert s.scalars(select(Alert.kind)).all() == ["vietqr-late"]


@pytest.mark.parametrize("attack", ["unsigned", "wrong-secret", "old", "future", "tampered"])
def test_forged_or_stale_notifications_are_refused(
        base: str, seeded: Central, intent: tuple[dict[str, str], dict], attack: str) -> None:
    headers, body = intent
    note = {"reference": body["reference"], "amount": body["amount"], "bank_ref": "FT1"}
    if attack == "unsigned":
        r = httpx.post(f"{base}/v1/bank/notifications", json=note)
    elif attack == "wrong-secret":
        r = notify(base, note, secret="guessed")
    elif attack == "old":
        r = notify(base, note, at=time.time() - 600)
    elif attack == "future":
        r = notify(base, note, at=time.time() + 600)
    else:  # signed for one amount, sent with another
        stamp = str(int(time.time()))
        signature = bank_signature(SECRET, stamp, json.dumps(note).encode())
        r = notify(base, {**note, "amount": 1}, signature=signature)
    assert r.status_code == 401
    polled = httpx.get(f"{base}/v1/intents/{body['reference']}", headers=headers).json()
    assert polled["status"] == "pending"


def test_a_wrong_amount_is_not_paid_and_raises_an_alert(
        base: str, seeded: Central, intent: tuple[dict[str, str], dict]) -> None:
    headers, body = intent
    r = notify(base, {"reference": body["reference"], "amount": body["amount"] - 1000,
                      "bank_ref": "FT2"})
    assert r.status_code == 409
    assert httpx.get(f"{base}/v1/intents/{body['reference']}",
                     headers=headers).json()["status"] == "pending"
    with seeded.sessions() as s:
        assert s.scalars(select(Alert.kind)).all() == ["vietqr-amount"]


def test_a_cancelled_intent_cannot_be_paid(base: str, seeded: Central,
                                           intent: tuple[dict[str, str], dict]) -> None:
    headers, body = intent
    r = httpx.post(f"{base}/v1/intents/{body['reference']}/cancel", headers=headers)
    assert r.json()["status"] == "cancelled"
    late = notify(base, {"reference": body["reference"], "amount": body["amount"],
                         "bank_ref": "FT3"})
    assert late.status_code == 409
