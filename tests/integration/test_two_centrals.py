"""Two central processes over one PostgreSQL, a device whose pushes alternate between them
and whose every batch is also sent to both at once (a retry through a load balancer that
picked the other one): each operation applied exactly once, each answered, nothing lost."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import func, select

from central.models import AppliedOp, Bill, Payment
from central.seed import seed
from central.service import Central
from desktop.contract import GENESIS
from tests.central_server import central_on, postgres_schema, served_by_process
from tests.journal import with_journal
from tests.security.test_token_holders import cash, unpaid

PAYMENTS = 50
BATCH = 10


def test_two_processes_apply_each_operation_once() -> None:
    env = {"QUAYTHU_RECEIPT_SECRET": secrets.token_hex(32)}
    with postgres_schema() as url, central_on(url) as central:
        seed(central.sessions, accounts=1200, seed=5, as_of=dt.date(2026, 11, 20))
        paid_before = paid_bills(central)
        with served_by_process(url, env=env) as a, served_by_process(url, env=env) as b:
            code = central.issue_enrolment_code("PE1400")
            enrolled = httpx.post(f"{a}/v1/devices/enrol",
                                  json={"code": code, "device_name": "Quầy"}).json()
            headers = {"Authorization": f"Bearer {enrolled['token']}"}
            # the other process knows the device too, and derives the same receipt key
            assert httpx.get(f"{b}/v1/devices/me", headers=headers).status_code == 200
            ops = []
            for i in range(PAYMENTS):
                account, bill_no, amount = unpaid(central, skip=i)
                ops.append({"key": str(uuid.uuid4()), "kind": "payment", "data": cash(
                    account, bill_no, amount, f"PE1400D{enrolled['device_id']:03d}-{i + 1:06d}")})
            # each payment with the journal line that records it, as a counter sends them
            ops = with_journal(0, GENESIS, ops)
            batches = [ops[i:i + 2 * BATCH] for i in range(0, len(ops), 2 * BATCH)]

            def push(base: str, batch: list[dict]) -> list[dict]:
                r = httpx.post(f"{base}/v1/sync/push", json={"ops": batch}, headers=headers,
                               timeout=60)
                assert r.status_code == 200, r.text
                return list(r.json()["results"])

            answers: dict[str, list[str]] = {op["key"]: [] for op in ops}
            with ThreadPoolExecutor(2) as pool:
                for n, batch in enumerate(batches):
                    first, second = (a, b) if n % 2 == 0 else (b, a)
                    # alternately to one, then to both at the same moment
                    for result in push(first, batch):
                        answers[result["key"]].append(result["status"])
                    both = [pool.submit(push, base, batch) for base in (first, second)]
                    for future in both:
                        for result in future.result():
                            answers[result["key"]].append(result["status"])
        assert all(seen == ["applied", "duplicate", "duplicate"] for seen in answers.values()), \
            {k: v for k, v in answers.items() if v != ["applied", "duplicate", "duplicate"]}
        with central.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Payment)) == PAYMENTS
            assert s.scalar(select(func.count()).select_from(AppliedOp)) == 2 * PAYMENTS
            # each duplicate counted, also when two workers counted at the same moment
            assert s.scalar(select(func.sum(AppliedOp.replays))) == 2 * 2 * PAYMENTS
        assert paid_bills(central) - paid_before == PAYMENTS


def paid_bills(central: Central) -> int:
    with central.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Bill)
                            .where(Bill.status == "paid")) or 0)
