"""The VietQR table's place: a real central over loopback with its bank simulator, a
supply of customers with unpaid bills, and the check that the counter and central agree
(tests/integration/test_vietqr_sessions.py, tests/ui/test_vietqr_dialog.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update

from central.__main__ import main as central_main
from central.models import Account as CentralAccount
from central.models import Bill as CentralBill
from central.models import Payment as CentralPayment
from central.models import PaymentIntent
from central.seed import seed
from central.service import Central
from db.demo import DEMO_PASSWORD
from db.models import Account, LocalPayment, PrintJob, QrIntent
from desktop.app import App, build_app
from desktop.contract import IntentStatus, QrState, vietqr_payment_key
from tests.central_server import central_on, serving
from tests.conftest import AS_OF

UNIT = "PE1400"
BANK_SECRET = "bank-secret-of-the-table"
#: nothing listens there: central unreachable
DEAD = "http://127.0.0.1:9"


@dataclass
class Place:
    central: Central
    url: str
    db: str
    root: Path
    codes: Iterator[str]


@contextmanager
def vietqr_place(root: Path) -> Iterator[Place]:
    """One central for the table (small city), and a supply of customers with unpaid bills:
    each cell takes its own, so the cells never see each other's money."""
    db = str(root / "central.db")
    old = os.environ.get("QUAYTHU_BANK_SECRET")
    os.environ["QUAYTHU_BANK_SECRET"] = BANK_SECRET  # what bank-notify signs with
    try:
        with central_on(db) as central:
            seed(central.sessions, accounts=1500, seed=11, as_of=AS_OF)
            central.bank_secret = BANK_SECRET
            with central.sessions() as s:
                codes = list(s.scalars(
                    select(CentralAccount.code).join(CentralBill,
                                                     CentralBill.account_id == CentralAccount.id)
                    .where(CentralAccount.unit_code == UNIT, CentralBill.status == "unpaid")
                    .group_by(CentralAccount.code).order_by(CentralAccount.code)))
            assert len(codes) >= 32  # a cell each
            with serving(central) as url:
                yield Place(central, url, db, root, iter(codes))
    finally:
        if old is None:
            os.environ.pop("QUAYTHU_BANK_SECRET", None)
        else:
            os.environ["QUAYTHU_BANK_SECRET"] = old


@contextmanager
def online_counter(place: Place, folder: str = "counter") -> Iterator[App]:
    """A counter of the unit, synced, online; its VietQR loop is driven by the tests."""
    app = build_app(place.root / folder / "quaythu.db")
    app.link.enrol(place.url, place.central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    app.link.active = True  # live calls go to central; no thread runs: passes are driven
    actor = app.auth.sign_in("thungan", DEMO_PASSWORD)
    app.shifts.open(actor, 0)
    yield app
    app.close()


def account_id(app: App, code: str) -> int:
    with app.sessions() as s:
        found = s.scalar(select(Account.id).where(Account.code == code))
    assert found is not None
    return found


def bank_pays(place: Place, reference: str) -> None:
    """The bank's signed notification, by central's simulator."""
    assert central_main(["--db", place.db, "bank-notify", reference, "--url", place.url]) == 0


def expire_at_central(place: Place, reference: str) -> None:
    """Ten minutes went by at central: the intent is past its expiry."""
    with place.central.sessions() as s, s.begin():
        s.execute(update(PaymentIntent).where(PaymentIntent.reference == reference)
                  .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))


def agreed(app: App, place: Place, key: str, *, paid: bool) -> None:
    """The end of a cell: the counter and central say the same of the money."""
    with app.sessions() as s:
        row = s.get(QrIntent, key)
        assert row is not None
        payments = s.scalars(select(LocalPayment).where(
            LocalPayment.account_id == row.account_id)).all()
        reference, bills = row.reference, [n for n, _a in json.loads(row.bills)]
        if paid:
            assert row.state == QrState.RECORDED
            [payment] = payments
            assert (payment.method, payment.amount, payment.key) == (
                "vietqr", row.amount, vietqr_payment_key(reference or ""))
            # one receipt: its number, and its original waiting in the print queue
            assert s.scalar(select(func.count()).select_from(PrintJob).where(
                PrintJob.payment_key == payment.key, PrintJob.copy_no == 0)) == 1
        else:
            assert row.state in (QrState.CANCELLED, QrState.EXPIRED)
            assert payments == []
    app.link.sync_once()  # what the counter holds goes up
    with place.central.sessions() as s:
        intent = s.scalar(select(PaymentIntent).where(PaymentIntent.key == key))
        assert intent is not None and intent.reference == reference
        central_bills = s.scalars(select(CentralBill).where(CentralBill.bill_no.in_(bills))).all()
        at_central = s.scalars(select(CentralPayment).where(
            CentralPayment.key == vietqr_payment_key(reference or ""))).all()
        if paid:
            assert intent.status == IntentStatus.PAID and len(at_central) == 1
            assert {b.status for b in central_bills} == {"paid"}
        else:
            assert intent.status in (IntentStatus.CANCELLED, IntentStatus.EXPIRED)
            assert at_central == [] and {b.status for b in central_bills} == {"unpaid"}
    assert place.central.unrecorded_intents() == []


