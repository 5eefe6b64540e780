"""The demo's embedded central: its bank pays a VietQR intent through the signed webhook."""

from __future__ import annotations

from pathlib import Path

import httpx
from sqlalchemy import select

from central.embedded import start_embedded
from central.models import Account, Bill
from tests.conftest import AS_OF


def test_the_demo_bank_pays_an_intent(tmp_path: Path) -> None:
    embedded = start_embedded(tmp_path / "central.db", accounts=300, seed_value=3, as_of=AS_OF)
    try:
        central = embedded.central
        token = httpx.post(f"{embedded.url}/v1/devices/enrol", json={
            "code": central.issue_enrolment_code("PE1400"), "device_name": "demo"}).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        with central.sessions() as s:
            bill = s.scalars(select(Bill).join(Account, Account.id == Bill.account_id)
                             .where(Account.unit_code == "PE1400", Bill.status == "unpaid")).first()
            code = s.get(Account, bill.account_id).code
            bills = s.scalars(select(Bill).where(Bill.account_id == bill.account_id,
                                                 Bill.status == "unpaid")).all()
        intent = httpx.post(f"{embedded.url}/v1/intents", headers=headers, json={
            "account_code": code, "bills": [b.bill_no for b in bills],
            "amount": sum(b.total for b in bills)}).json()
        embedded.simulate_bank(intent["reference"])
        polled = httpx.get(f"{embedded.url}/v1/intents/{intent['reference']}",
                           headers=headers).json()
        assert polled["status"] == "paid" and polled["bank_ref"].startswith("FT")
    finally:
        embedded.stop()
