"""Issue 28, findings 6-9: a device of another unit (or an agent) holding a valid token is
held to the rules — turn-ins name a real head cashier, numbers carrying a device code are
that device's only, push answers tell no more than a look-up, and a genuine enrolment code
enrols whatever its address did (SQLite and PostgreSQL, the real central over loopback)."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import httpx
import pytest
from sqlalchemy import select

from central.api import RateLimits
from central.models import Deposit, ServiceRequest, ShiftClosing, TurnIn
from central.service import Central
from desktop.contract import device_code
from tests.central_server import serving
from tests.journal import journaled_push
from tests.security.test_token_holders import cash, unpaid

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)


def enrolled(base: str, central: Central, unit: str = "PE1400") -> tuple[dict[str, str], int]:
    r = httpx.post(f"{base}/v1/devices/enrol",
                   json={"code": central.issue_enrolment_code(unit), "device_name": "Quầy"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}, r.json()["device_id"]


def push(base: str, headers: dict[str, str], *ops: dict) -> list[dict]:
    """A counter's push: each payment with the journal line that records it."""
    return journaled_push(base, headers, *ops)


def closed_shift_at_central(central: Central, device_id: int, staff: str = "thungan",
                            counted: int = 500_000) -> str:
    """A shift of ``device_id`` whose close central holds (as a pushed close leaves it)."""
    key = str(uuid.uuid4())
    with central.sessions() as s, s.begin():
        s.add(ShiftClosing(device_id=device_id, shift_key=key, unit_code="PE1400",
                           staff=staff, closed_at=NOW,
                           data=json.dumps({"counted_cash": counted})))
    return key


def turn_in(shift_key: str, head: str, counted: int = 500_000,
            cashier: str = "thungan") -> dict:
    return {"key": str(uuid.uuid4()), "kind": "turn_in", "data": {
        "shift_key": shift_key, "cashier": cashier, "head_cashier": head,
        "declared": counted, "counted": counted, "reason": None, "at": NOW.isoformat()}}


# -- finding 6: who accepted a turn-in -----------------------------------------------------


@pytest.mark.parametrize("head", ["ong_gia_mao", "thungan2", "thungan\u200b", "THUNGAN",
                                  "thu\ufeffngan", "ｔｈｕｎｇａｎ"])
def test_a_turn_in_names_a_head_cashier_of_the_unit_not_a_made_up_name_or_a_cashier(
        base: str, seeded: Central, head: str) -> None:
    headers, device = enrolled(base, seeded)
    shift = closed_shift_at_central(seeded, device)
    [answer] = push(base, headers, turn_in(shift, head))
    assert answer["status"] == "rejected", answer
    assert answer["reason"] in ("not-head-cashier", "own-shift")
    with seeded.sessions() as s:
        assert s.scalars(select(TurnIn)).all() == []
    # the unit's head cashier, however the counter spelled the name, is one person
    [genuine] = push(base, headers, turn_in(shift, "ThuQuy\u200b"))
    assert genuine["status"] == "applied", genuine
    with seeded.sessions() as s:
        assert s.scalars(select(TurnIn.head_cashier)).all() == ["thuquy"]


def test_a_head_cashier_does_not_accept_a_shift_of_their_own_spelled_another_way(
        base: str, seeded: Central) -> None:
    headers, device = enrolled(base, seeded)
    shift = closed_shift_at_central(seeded, device, staff="thuquy")
    for spelling in ("THUQUY", "thuquy\u200b", "\ufeffthuquy"):
        [answer] = push(base, headers, turn_in(shift, spelling, cashier="thuquy"))
        assert (answer["status"], answer["reason"]) == ("rejected", "own-shift"), spelling


# -- finding 7: numbers carrying a device code ---------------------------------------------


def request_op(ref: str) -> dict:
    return {"key": str(uuid.uuid4()), "kind": "service_request", "data": {
        "ref": ref, "kind": "new_supply", "account_code": None,
        "customer_name": "Khách Thử", "address": "1 Đường Thử", "phone": "0900000000",
        "id_number": None, "note": "", "preferred_on": None, "staff": "thungan",
        "created_at": NOW.isoformat()}}


def test_a_service_request_number_of_another_device_is_refused_and_the_genuine_one_kept(
        base: str, seeded: Central) -> None:
    ours, our_id = enrolled(base, seeded)
    theirs, _ = enrolled(base, seeded, "PE1000")
    ref = f"{device_code('PE1400', our_id)}-YC000001"
    [first] = push(base, theirs, request_op(ref))
    assert (first["status"], first["reason"]) == ("rejected", "not-own-number")
    [genuine] = push(base, ours, request_op(ref))
    assert genuine["status"] == "applied", genuine
    with seeded.sessions() as s:
        assert s.scalars(select(ServiceRequest.device_id)).all() == [our_id]
    assert "not-own-number" in [a["kind"] for a in seeded.alerts()]


def accepted_turn_in(central: Central, device_id: int, unit: str, counted: int) -> str:
    key = str(uuid.uuid4())
    with central.sessions() as s, s.begin():
        s.add(TurnIn(device_id=device_id, key=key, shift_key=str(uuid.uuid4()),
                     unit_code=unit, cashier="thungan", head_cashier="thuquy",
                     declared=counted, counted=counted, reason=None, at=NOW))
    return key


def deposit_op(slip: str, keys: list[str], total: int) -> dict:
    return {"key": str(uuid.uuid4()), "kind": "deposit", "data": {
        "slip_no": slip, "head_cashier": "thuquy", "bank": "BIDV", "turn_ins": keys,
        "total": total, "at": NOW.isoformat()}}


def test_a_deposit_slip_number_of_another_device_is_refused_and_the_genuine_one_kept(
        base: str, seeded: Central) -> None:
    ours, our_id = enrolled(base, seeded)
    theirs, their_id = enrolled(base, seeded, "PE1000")
    slip = f"NT-{device_code('PE1400', our_id)}-20261127-001"
    their_turn_in = accepted_turn_in(seeded, their_id, "PE1000", 300_000)
    [first] = push(base, theirs, deposit_op(slip, [their_turn_in], 300_000))
    assert (first["status"], first["reason"]) == ("rejected", "not-own-number")
    our_turn_in = accepted_turn_in(seeded, our_id, "PE1400", 700_000)
    [genuine] = push(base, ours, deposit_op(slip, [our_turn_in], 700_000))
    assert genuine["status"] == "applied", genuine
    with seeded.sessions() as s:
        assert s.execute(select(Deposit.device_id, Deposit.total)).all() == [
            (our_id, 700_000)]


# -- finding 8: push answers and the look-up limit -----------------------------------------


def test_an_agent_over_its_look_up_limit_learns_nothing_from_push_answers(
        seeded: Central) -> None:
    seeded.add_unit("DL0028", "Đại lý thử", kind="agent")
    with serving(seeded, RateLimits(account_lookups=3, lookup_window=600)) as url:
        agent, _ = enrolled(url, seeded, "DL0028")
        real = [unpaid(seeded, skip=i)[0] for i in range(6)]
        made_up = [f"PE14{n:08d}"[:13] for n in range(6)]
        ops: list[dict] = []
        for real_code, fake_code in zip(real, made_up, strict=True):
            # a bill number that is no bill of the account: only the account is guessed
            for code in (real_code, fake_code):
                ops.append({"key": str(uuid.uuid4()), "kind": "payment", "data": cash(
                    code, "HD-NO-SUCH-BILL", 10_000, f"DL0028D{len(ops):03d}-000001")})
        answers = push(url, agent, *ops)
        assert all(a["status"] == "rejected" for a in answers)
        # the first three tell what a look-up would have; the rest, all alike
        told = {(a["reason"], a["message"]) for a in answers[3:]}
        assert len(told) == 1, told
        # and the look-ups themselves wait: the pushes counted against the same limit
        r = httpx.get(f"{url}/v1/accounts/{real[0]}/bills", headers=agent)
        assert r.status_code == 429


# -- finding 9: enrolment --------------------------------------------------------------------


def test_a_genuine_enrolment_code_enrols_whatever_its_address_failed(seeded: Central) -> None:
    with serving(seeded, RateLimits(enrol_failures=3, enrol_window=600)) as url:
        codes = [httpx.post(f"{url}/v1/devices/enrol",
                            json={"code": f"GUES-S{i:03d}-XXXX", "device_name": "x"}).status_code
                 for i in range(5)]
        assert codes == [401, 401, 401, 429, 429]  # a guesser learns nothing more
        r = httpx.post(f"{url}/v1/devices/enrol",
                       json={"code": seeded.issue_enrolment_code("PE1400"),
                             "device_name": "Quầy 3"})
        assert r.status_code == 200, r.text
        # while the address is over its limit, no credential at all is still 401
        bare = httpx.get(f"{url}/v1/sync/pull")
        assert bare.status_code == 401, bare.text


def test_a_code_that_fails_too_often_is_locked_and_the_administrator_sees_it(
        base: str, seeded: Central) -> None:
    code = seeded.issue_enrolment_code("PE1400")
    first = httpx.post(f"{base}/v1/devices/enrol",
                       json={"code": code, "device_name": "Quầy", "device_key": "k" * 32})
    assert first.status_code == 200
    # someone holding the used code tries other device keys
    tries = [httpx.post(f"{base}/v1/devices/enrol",
                        json={"code": code, "device_name": "x",
                              "device_key": f"{i:032d}"}).status_code for i in range(6)]
    assert tries[:4] == [410] * 4
    assert tries[-1] == 410
    locked = httpx.post(f"{base}/v1/devices/enrol",
                        json={"code": code, "device_name": "Quầy", "device_key": "k" * 32})
    assert locked.status_code == 410 and locked.json()["type"].endswith(
        "/enrolment-code-locked")
    assert "enrolment-code-locked" in [a["kind"] for a in seeded.alerts()]
