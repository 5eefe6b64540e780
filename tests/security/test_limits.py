"""Central's limits are fair: a valid token is never throttled for someone else's failures,
a device is limited on its own, the limiter forgets the oldest entries (never everyone at
once), and oversized requests are 413 with the limit named — never a 5xx (SQLite)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from central.api import MAX_BODY, MAX_OPS, RateLimits, WindowLimiter
from central.seed import seed
from central.service import Central, bank_signature
from tests.central_server import central_on, serving
from tests.security.test_central_attacks import enrol

AS_OF = dt.date(2026, 11, 20)


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Central]:
    with central_on(str(tmp_path / "central.db")) as c:
        seed(c.sessions, accounts=60, seed=3, as_of=AS_OF)
        yield c


def test_a_valid_token_is_served_after_31_bad_ones_from_its_address(small: Central) -> None:
    with serving(small) as url:
        good = enrol(url, small)
        bad = [httpx.get(f"{url}/v1/sync/head",
                         headers={"Authorization": f"Bearer qtd_guess{i}"}) for i in range(31)]
        assert [r.status_code for r in bad] == [401] * 30 + [429]
        assert int(bad[-1].headers["Retry-After"]) >= 1
        assert bad[-1].headers["content-type"] == "application/problem+json"
        # the counters behind the same address (a branch's NAT) go on
        assert httpx.get(f"{url}/v1/sync/head", headers=good).status_code == 200
        # and a new device can still enrol from it: enrolment counts its own failures
        assert httpx.get(f"{url}/v1/sync/head", headers=enrol(url, small)).status_code == 200


def test_one_bad_credential_is_refused_without_a_lookup_once_over_its_limit(
        small: Central) -> None:
    with serving(small, RateLimits(auth_failures=3, auth_window=60)) as url:
        same = {"Authorization": "Bearer qtd_" + "x" * 43}
        statuses = [httpx.get(f"{url}/v1/sync/head", headers=same).status_code
                    for _ in range(5)]
        assert statuses == [401, 401, 401, 429, 429]


def test_a_device_is_limited_on_its_own(small: Central) -> None:
    with serving(small, RateLimits(device_requests=3, device_window=60)) as url:
        busy, other = enrol(url, small), enrol(url, small)
        statuses = [httpx.get(f"{url}/v1/sync/head", headers=busy).status_code
                    for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        assert httpx.get(f"{url}/v1/sync/head", headers=other).status_code == 200


def test_an_agent_cannot_walk_the_customer_codes_nor_read_phone_numbers(
        small: Central) -> None:
    from sqlalchemy import select

    from central.models import Account

    small.add_unit("DL0009", "Đại lý thử", kind="agent")
    with small.sessions() as s:
        codes = list(s.scalars(select(Account.code).order_by(Account.id).limit(5)))
        phones = [p for p in s.scalars(select(Account.phone).order_by(Account.id).limit(5))]
    assert any(phones)
    with serving(small, RateLimits(account_lookups=4, lookup_window=60)) as url:
        agent = enrol(url, small, "DL0009")
        answers = [httpx.get(f"{url}/v1/accounts/{c}/bills", headers=agent) for c in codes]
        assert [r.status_code for r in answers] == [200, 200, 200, 200, 429]
        assert all(r.json()["account"]["phone"] is None for r in answers[:4])
        # the device's other calls go on: only look-ups are counted here
        assert httpx.get(f"{url}/v1/sync/head", headers=agent).status_code == 200


def test_the_limiter_forgets_the_oldest_entries_not_everyone() -> None:
    limiter = WindowLimiter(limit=2, window=600, max_keys=100)
    for _ in range(2):
        limiter.record("offender")
    for i in range(500):  # a flood of new addresses, five times the memory
        limiter.record(f"address:{i}")
        limiter.record("offender")  # the offender keeps trying: never the oldest
        assert limiter.retry_after("offender") is not None
    assert limiter.tracked() == 100  # bounded, and no one's count was reset


def test_oversized_pushes_are_413_with_the_limit_named(small: Central) -> None:
    with serving(small) as url:
        headers = enrol(url, small)
        void = {"kind": "void", "data": {"payment_key": str(uuid.uuid4()), "reason": "x",
                                         "voided_at": "2026-11-27T03:00:00+00:00"}}
        many = {"ops": [{"key": str(uuid.uuid4()), **void} for _ in range(MAX_OPS + 1)]}
        r = httpx.post(f"{url}/v1/sync/push", json=many, headers=headers)
        assert r.status_code == 413, r.text
        assert r.json()["type"].endswith("/too-many-operations")
        assert r.json()["limit"] == MAX_OPS
        huge = json.dumps({"ops": [{"key": str(uuid.uuid4()), **void}
                                   for _ in range(100_000)]})
        assert len(huge) > MAX_BODY
        r = httpx.post(f"{url}/v1/sync/push", content=huge, headers={
            **headers, "Content-Type": "application/json"}, timeout=60)
        assert r.status_code == 413 and r.json()["type"].endswith("/body-too-large")
        assert r.json()["limit"] == MAX_BODY


def test_a_bank_timestamp_of_25_nines_is_stale_not_a_500(small: Central) -> None:
    small.bank_secret = "shared-with-the-bank"
    with serving(small) as url:
        raw = json.dumps({"reference": "X", "bank_ref": "FT1", "amount": 1}).encode()
        stamp = "9" * 25
        r = httpx.post(f"{url}/v1/bank/notifications", content=raw, headers={
            "Content-Type": "application/json", "X-Timestamp": stamp,
            "X-Signature": bank_signature("shared-with-the-bank", stamp, raw)})
        assert r.status_code == 401 and r.json()["type"].endswith("/stale-notification")
