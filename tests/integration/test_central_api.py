"""The central contract over real HTTP on loopback, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from central.models import Bill, Payment
from central.seed import seed
from central.service import Central
from desktop.contract import GENESIS
from tests.central_server import central_on, postgres_schema, serving
from tests.conftest import AS_OF
from tests.journal import journaled_push, with_journal

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgresql"])
def central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Central]:
    if request.param == "sqlite":
        with central_on(str(tmp_path / "central.db")) as c:
            yield c
    else:
        with postgres_schema() as url, central_on(url) as c:
            yield c


@pytest.fixture
def seeded(central: Central) -> Central:
    seed(central.sessions, accounts=300, seed=5, as_of=AS_OF)
    return central


@pytest.fixture
def base(seeded: Central) -> Iterator[str]:
    with serving(seeded) as url:
        yield url


def enrol(base: str, central: Central, unit: str = "PE1400") -> dict[str, str]:
    code = central.issue_enrolment_code(unit)
    r = httpx.post(f"{base}/v1/devices/enrol", json={"code": code, "device_name": "Quầy 1"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def pull_all(base: str, headers: dict[str, str], cursor: int = 0) -> tuple[list[dict], int]:
    changes: list[dict] = []
    for _ in range(1000):
        page = httpx.get(f"{base}/v1/sync/pull", params={"cursor": cursor, "limit": 200},
                         headers=headers).json()
        changes += page["changes"]
        cursor = page["cursor"]
        if not page["more"]:
            return changes, cursor
    raise AssertionError("pull did not end")


def unpaid_bill(central: Central, unit: str = "PE1400") -> tuple[str, str, int]:
    with central.sessions() as s:
        from central.models import Account

        row = s.execute(select(Account.code, Bill.bill_no, Bill.total).join(
            Bill, Bill.account_id == Account.id).where(
            Account.unit_code == unit, Bill.status == "unpaid").limit(1)).one()
    return row.code, row.bill_no, row.total


def payment(account: str, bill_no: str, amount: int, receipt: str = "Q1-000001") -> dict:
    return {"account_code": account, "receipt_no": receipt, "method": "cash", "amount": amount,
            "paid_at": dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC).isoformat(),
            "bills": [{"bill_no": bill_no, "amount": amount}]}


def push(base: str, headers: dict[str, str], *ops: dict) -> list[dict]:
    """A counter's push: each payment with the journal line that records it."""
    return journaled_push(base, headers, *ops)


def test_enrolment_code_is_single_use_and_expires(base: str, seeded: Central) -> None:
    code = seeded.issue_enrolment_code("PE1400")
    first = httpx.post(f"{base}/v1/devices/enrol", json={"code": code.lower(), "device_name": "A"})
    assert first.status_code == 200 and first.json()["unit_code"] == "PE1400"
    again = httpx.post(f"{base}/v1/devices/enrol", json={"code": code, "device_name": "B"})
    assert again.status_code == 410
    assert again.headers["content-type"].startswith("application/problem+json")
    assert again.json()["type"].endswith("/enrolment-code-used")
    expired = seeded.issue_enrolment_code("PE1400", dt.timedelta(seconds=-1))
    assert httpx.post(f"{base}/v1/devices/enrol",
                      json={"code": expired, "device_name": "C"}).status_code == 410
    assert httpx.post(f"{base}/v1/devices/enrol",
                      json={"code": "NOPE-NOPE-NOPE", "device_name": "D"}).status_code == 401


@pytest.mark.parametrize("auth", [None, "Bearer qtd_forged", "Basic abc", "Bearer x"])
def test_every_call_needs_a_valid_token(base: str, auth: str | None) -> None:
    headers = {"Authorization": auth} if auth else {}
    r = httpx.get(f"{base}/v1/sync/pull", headers=headers)
    assert r.status_code == 401
    assert r.json()["type"].endswith("/unauthenticated")


def test_a_revoked_device_is_refused(base: str, seeded: Central) -> None:
    headers = enrol(base, seeded)
    assert httpx.get(f"{base}/v1/sync/pull", headers=headers).status_code == 200
    with seeded.sessions() as s:
        from central.models import Device

        device_id = s.scalars(select(Device.id)).all()[-1]
    seeded.revoke(device_id)
    r = httpx.get(f"{base}/v1/sync/pull", headers=headers)
    assert r.status_code == 401 and r.json()["type"].endswith("/device-revoked")


def test_pull_pages_only_the_devices_unit(base: str, seeded: Central) -> None:
    headers = enrol(base, seeded, "PE1400")
    changes, cursor = pull_all(base, headers)
    accounts = [c["data"] for c in changes if c["entity"] == "account"]
    assert accounts and all(a["unit_code"] == "PE1400" for a in accounts)
    assert [c["seq"] for c in changes] == sorted(c["seq"] for c in changes)
    assert {"unit", "account", "bill"} <= {c["entity"] for c in changes}
    # nothing new: the same cursor comes back and more is false
    page = httpx.get(f"{base}/v1/sync/pull", params={"cursor": cursor},
                     headers=headers).json()
    assert page == {"changes": [], "cursor": cursor, "more": False}


def test_another_units_account_answers_as_an_unknown_one(base: str, seeded: Central) -> None:
    headers = enrol(base, seeded, "PE1400")
    account, _, _ = unpaid_bill(seeded, "PE0100")
    r = httpx.get(f"{base}/v1/accounts/{account}/bills", headers=headers)
    unknown = httpx.get(f"{base}/v1/accounts/PE9999999999/bills", headers=headers)
    # the same answer: a token holder cannot enumerate other units' account codes
    assert r.status_code == unknown.status_code == 404
    assert r.json()["type"] == unknown.json()["type"]
    own, bill_no, _ = unpaid_bill(seeded, "PE1400")
    r = httpx.get(f"{base}/v1/accounts/{own}/bills", headers=headers)
    assert r.status_code == 200 and bill_no in [b["bill_no"] for b in r.json()["bills"]]


def test_a_payment_is_applied_once_and_reaches_the_pull(base: str, seeded: Central) -> None:
    headers = enrol(base, seeded)
    _, cursor = pull_all(base, headers)
    account, bill_no, total = unpaid_bill(seeded)
    op = {"key": str(uuid.uuid4()), "kind": "payment", "data": payment(account, bill_no, total)}
    assert push(base, headers, op)[0]["status"] == "applied"
    replay = push(base, headers, op)[0]
    assert replay["status"] == "duplicate" and replay["settled"] == [bill_no]
    changes, _ = pull_all(base, headers, cursor)
    bills = [c["data"] for c in changes if c["entity"] == "bill"]
    assert [(b["bill_no"], b["status"]) for b in bills] == [(bill_no, "paid")]
    stats = {r["unit"]: r for r in seeded.stats()}["PE1400"]
    assert (stats["payments_applied"], stats["duplicates_refused"]) == (1, 1)


def test_the_same_key_with_other_content_is_refused_loudly(base: str, seeded: Central) -> None:
    headers = enrol(base, seeded)
    account, bill_no, total = unpaid_bill(seeded)
    key = str(uuid.uuid4())
    push(base, headers, {"key": key, "kind": "payment", "data": payment(account, bill_no, total)})
    other = payment(account, bill_no, total, receipt="Q1-000999")
    result = push(base, headers, {"key": key, "kind": "payment", "data": other})[0]
    assert result["status"] == "rejected" and result["reason"] == "key-reused"


def test_cash_for_a_bill_paid_elsewhere_becomes_credit_and_an_alert(
    base: str, seeded: Central
) -> None:
    a = enrol(base, seeded)
    b = enrol(base, seeded)
    account, bill_no, total = unpaid_bill(seeded)
    first = push(base, a, {"key": str(uuid.uuid4()), "kind": "payment",
                           "data": payment(account, bill_no, total)})[0]
    second = push(base, b, {"key": str(uuid.uuid4()), "kind": "payment",
                            "data": payment(account, bill_no, total, receipt="Q2-000001")})[0]
    assert first["status"] == second["status"] == "applied"
    assert second["credited"] == total and second["alerts"]
    acct = httpx.get(f"{base}/v1/accounts/{account}/bills", headers=a).json()["account"]
    assert acct["credit"] == total


def test_a_rejected_operation_does_not_block_the_ones_behind(base: str, seeded: Central) -> None:
    headers = enrol(base, seeded)
    account, bill_no, total = unpaid_bill(seeded)
    other, other_bill, other_total = unpaid_bill(seeded, "PE0100")
    results = push(base, headers,
                   {"key": str(uuid.uuid4()), "kind": "payment",
                    "data": payment(other, other_bill, other_total)},
                   {"key": str(uuid.uuid4()), "kind": "payment",
                    "data": payment(account, bill_no, total)})
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert results[0]["reason"] == "unknown-account"  # as if it did not exist


def test_void_before_and_after_settlement(base: str, seeded: Central) -> None:
    headers = enrol(base, seeded)
    account, bill_no, total = unpaid_bill(seeded)
    pay_key = str(uuid.uuid4())
    push(base, headers, {"key": pay_key, "kind": "payment", "data": payment(account, bill_no, total)})
    void = {"payment_key": pay_key, "reason": "Thu nhầm khách hàng",
            "voided_at": dt.datetime(2026, 11, 27, 4, 0, tzinfo=dt.UTC).isoformat()}
    assert push(base, headers, {"key": str(uuid.uuid4()), "kind": "void",
                                "data": void})[0]["reopened"] == [bill_no]
    # pay again, settle, then a void is refused with a reason
    again = str(uuid.uuid4())
    push(base, headers, {"key": again, "kind": "payment",
                         "data": payment(account, bill_no, total, receipt="Q1-000002")})
    assert seeded.settle("PE1400", dt.datetime.now(dt.UTC)) == 1
    late = push(base, headers, {"key": str(uuid.uuid4()), "kind": "void",
                                "data": {**void, "payment_key": again}})[0]
    assert late["status"] == "rejected" and late["reason"] == "already-settled"


@pytest.mark.parametrize(
    "body,status",
    [(b"{not json", 422), (b'{"ops": []}', 422), (b'{"ops": [{"key": "x", "kind": "payment", '
                                                  b'"data": {}}]}', 422),
     (b'{"ops": [{"key": "8b7f5f7e-3f1e-4a55-9b9a-1c7f2a9e0d11", "kind": "teleport", '
      b'"data": {}}]}', 422)],
)
def test_malformed_requests_get_problem_json(base: str, seeded: Central, body: bytes,
                                             status: int) -> None:
    headers = {**enrol(base, seeded), "Content-Type": "application/json"}
    r = httpx.post(f"{base}/v1/sync/push", content=body, headers=headers)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/problem+json")


def test_a_50_mb_body_is_refused(base: str, seeded: Central) -> None:
    headers = {**enrol(base, seeded), "Content-Type": "application/json"}
    r = httpx.post(f"{base}/v1/sync/push", content=b" " * (50 * 1024 * 1024), headers=headers,
                   timeout=60)
    assert r.status_code == 413
    assert r.json()["type"].endswith("/body-too-large")


def test_the_committed_openapi_document_is_the_served_one(base: str) -> None:
    served = httpx.get(f"{base}/openapi.json").json()
    committed = json.loads((ROOT / "central" / "openapi.json").read_text(encoding="utf-8"))
    assert served == committed, "run: quaythu-central openapi"


def test_the_same_key_twice_in_one_batch_is_applied_once(base: str, seeded: Central) -> None:
    headers = enrol(base, seeded)
    account, bill_no, total = unpaid_bill(seeded)
    op = {"key": str(uuid.uuid4()), "kind": "payment", "data": payment(account, bill_no, total)}
    results = push(base, headers, op, op)
    assert [r["status"] for r in results] == ["applied", "duplicate"]


def test_a_reused_receipt_number_is_applied_and_alerted_and_does_not_block(
        base: str, seeded: Central) -> None:
    """Money is keyed by operation key: a receipt number this device already used under
    another key is applied (the cash was taken) and raises an alert, in one batch too."""
    headers = enrol(base, seeded)
    with seeded.sessions() as s:
        from central.models import Account

        rows = s.execute(select(Account.code, Bill.bill_no, Bill.total).join(
            Bill, Bill.account_id == Account.id).where(
            Account.unit_code == "PE1400", Bill.status == "unpaid").limit(3)).all()
    first, second, third = rows
    results = push(base, headers,
                   {"key": str(uuid.uuid4()), "kind": "payment",
                    "data": payment(first.code, first.bill_no, first.total, receipt="R-1")},
                   {"key": str(uuid.uuid4()), "kind": "payment",
                    "data": payment(second.code, second.bill_no, second.total, receipt="R-1")},
                   {"key": str(uuid.uuid4()), "kind": "payment",
                    "data": payment(third.code, third.bill_no, third.total, receipt="R-3")})
    assert [r["status"] for r in results] == ["applied", "applied", "applied"]
    assert "receipt_clash" not in results[0] and "R-1" in results[1]["receipt_clash"]
    r = httpx.get(f"{base}/v1/accounts/{second.code}/bills", headers=headers).json()
    assert [b["status"] for b in r["bills"] if b["bill_no"] == second.bill_no] == ["paid"]
    assert [a["op_key"] for a in seeded.alerts() if a["kind"] == "receipt-clash"] == [
        results[1]["key"]]


def test_one_bill_twice_in_a_batch_is_settled_once_then_credited(base: str,
                                                                 seeded: Central) -> None:
    headers = enrol(base, seeded)
    account, bill_no, total = unpaid_bill(seeded)
    results = push(base, headers,
                   {"key": str(uuid.uuid4()), "kind": "payment",
                    "data": payment(account, bill_no, total, receipt="T-1")},
                   {"key": str(uuid.uuid4()), "kind": "payment",
                    "data": payment(account, bill_no, total, receipt="T-2")})
    assert [(r["status"], r["settled"], r["credited"]) for r in results] == [
        ("applied", [bill_no], 0), ("applied", [], total)]


def test_two_counters_paying_the_same_bills_at_once_settle_each_bill_once(
        base: str, seeded: Central) -> None:
    """Concurrent batches over the same bills: one payment settles each bill, the other
    becomes credit; no batch fails (rows are locked in one order, so no deadlock)."""
    import threading

    with seeded.sessions() as s:
        from central.models import Account

        rows = s.execute(select(Account.code, Bill.bill_no, Bill.total).join(
            Bill, Bill.account_id == Account.id).where(
            Account.unit_code == "PE1400", Bill.status == "unpaid").limit(60)).all()
    counters = [enrol(base, seeded) for _ in range(2)]
    answers: list[list[dict]] = [[], []]

    def run(i: int) -> None:
        ops = [{"key": str(uuid.uuid4()), "kind": "payment",
                "data": payment(r.code, r.bill_no, r.total, receipt=f"C{i}-{j:06d}")}
               for j, r in enumerate(rows)]
        order = ops if i == 0 else ops[::-1]  # opposite orders: the worst case for locks
        for k in range(0, len(order), 20):
            answers[i] += push(base, counters[i], *order[k:k + 20])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    results = answers[0] + answers[1]
    assert len(results) == 2 * len(rows) and {r["status"] for r in results} == {"applied"}
    settled = [b for r in results for b in r["settled"]]
    assert sorted(settled) == sorted(r.bill_no for r in rows)  # each bill exactly once
    assert sum(r["credited"] for r in results) == sum(r.total for r in rows)
    with seeded.sessions() as s:
        assert set(s.scalars(select(Bill.status).where(
            Bill.bill_no.in_([r.bill_no for r in rows])))) == {"paid"}


def test_a_push_chosen_as_a_deadlock_victim_is_tried_again_and_applied_once(
        seeded: Central, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL rolls the victim's transaction back whole: central tries it again."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    from central.service import DEADLOCK_TRIES, DeviceContext

    _token, ctx = seeded.enrol(seeded.issue_enrolment_code("PE1400"), "A")
    assert isinstance(ctx, DeviceContext)
    account, bill_no, total = unpaid_bill(seeded)
    op = {"key": str(uuid.uuid4()), "kind": "payment", "data": payment(account, bill_no, total)}
    real, calls = Central._push, []

    def deadlocking(self: Central, c: DeviceContext, ops: list[dict]) -> list[dict]:
        calls.append(len(ops))
        if len(calls) == 1:
            raise DBAPIError("UPDATE bills …", {}, psycopg.errors.DeadlockDetected("deadlock"))
        return real(self, c, ops)

    monkeypatch.setattr(Central, "_push", deadlocking)
    batch = with_journal(0, GENESIS, [op])  # the payment and the journal line recording it
    [result, line] = seeded.push(ctx, batch)
    assert result["status"] == line["status"] == "applied" and calls == [2, 2]
    with seeded.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Payment)
                        .where(Payment.key == op["key"])) == 1

    def always(self: Central, c: DeviceContext, ops: list[dict]) -> list[dict]:
        calls.append(len(ops))
        raise DBAPIError("UPDATE bills …", {}, psycopg.errors.DeadlockDetected("deadlock"))

    calls.clear()
    monkeypatch.setattr(Central, "_push", always)
    with pytest.raises(DBAPIError):
        seeded.push(ctx, batch)
    assert len(calls) == DEADLOCK_TRIES

    def other_error(self: Central, c: DeviceContext, ops: list[dict]) -> list[dict]:
        calls.append(len(ops))
        raise DBAPIError("SELECT …", {}, psycopg.errors.UndefinedTable("no table"))

    calls.clear()
    monkeypatch.setattr(Central, "_push", other_error)
    with pytest.raises(DBAPIError):
        seeded.push(ctx, [op])
    assert len(calls) == 1  # only a deadlock is tried again
