"""A counter that holds the whole city: every unit's accounts and open bills, its own
unit's staff only, and payments for any unit's account accepted by central."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.models import Account, Bill, Staff
from central.service import Central
from desktop.app import App, build_app
from tests.integration.test_snapshot import replica
from tests.staff import on_shift

UNIT = "PE1400"


def _city_counter(tmp_path: Path, central: Central, url: str, name: str) -> App:
    app = build_app(tmp_path / name / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code(UNIT, whole_city=True), name)
    return app


@pytest.fixture
def city(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    app = _city_counter(tmp_path, central, url, "city")
    app.link.sync_once()
    yield app
    app.close()


def test_a_whole_city_counter_holds_every_unit_but_only_its_own_staff(
        city: App, central: Central) -> None:
    with central.sessions() as s:
        accounts = s.scalar(select(func.count()).select_from(Account))
        units = set(s.scalars(select(Account.unit_code).distinct()))
        unpaid = s.scalar(select(func.count()).select_from(Bill).where(Bill.status == "unpaid"))
        own_staff = set(s.scalars(select(Staff.username).where(Staff.unit_code == UNIT)))
    assert len(units) > 1
    con = sqlite3.connect(city.store_path)
    assert con.execute("SELECT count(*) FROM accounts").fetchone()[0] == accounts
    assert {u for (u,) in con.execute("SELECT DISTINCT unit_code FROM accounts")} == units
    assert con.execute("SELECT count(*) FROM bills WHERE status = 'unpaid'").fetchone()[0] == (
        unpaid)
    # other units' staff (and their password hashes) never reach it
    assert {u for (u,) in con.execute("SELECT username FROM staff")} == own_staff
    con.close()


def test_its_snapshot_and_its_change_log_give_the_same_store(
        tmp_path: Path, city: App, central: Central, url: str) -> None:
    log = _city_counter(tmp_path, central, url, "city-log")
    try:
        log.link.engine._store = None  # the change log only
        log.link.sync_once()
        assert replica(log.store_path) == replica(city.store_path)
    finally:
        log.close()


def test_it_takes_cash_for_another_units_account_and_central_applies_it(
        city: App, central: Central) -> None:
    with central.sessions() as s:
        bill = s.scalars(select(Bill).join(Account, Account.id == Bill.account_id)
                         .where(Account.unit_code != UNIT, Bill.status == "unpaid")
                         .order_by(Bill.id).limit(1)).one()
    # the account is found at the counter by its code, as any of its own
    code = central_code(central, bill.account_id)
    hits = city.lookup.search(code).hits
    assert [h.code for h in hits] == [code]
    city.payments.take_cash(on_shift(city), bill.account_id, bill_ids=[bill.id])
    report = city.link.sync_once()
    assert (report.applied, report.rejected) == (1, 0)
    with central.sessions() as s:
        assert s.get(Bill, bill.id).status == "paid"


def central_code(central: Central, account_id: int) -> str:
    with central.sessions() as s:
        return s.get(Account, account_id).code
