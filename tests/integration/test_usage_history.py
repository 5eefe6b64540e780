"""The consumption history comes down with the account (issue 30, build 8), over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from central.models import Account as CentralAccount
from central.service import Central
from db.models import Account
from db.usage import parse_usage
from desktop.app import App, build_app
from tests.conftest import AS_OF


@pytest.fixture
def counter(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    app = build_app(tmp_path / "counter" / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    app.link.engine.sync_once()
    yield app
    app.close()


def test_the_history_central_holds_is_the_counters_and_feeds_24_months(
        counter: App, central: Central) -> None:
    with central.sessions() as s:
        theirs = {a.code: a.usage for a in s.scalars(
            select(CentralAccount).where(CentralAccount.unit_code == "PE1400"))}
    with counter.sessions() as s:
        ours = {a.code: a.usage for a in s.scalars(select(Account))}
        account_id = s.scalars(select(Account.id).order_by(Account.id).limit(1)).one()
    assert ours == theirs and all(ours.values())
    assert all(len(parse_usage(u)) == 24 for u in ours.values() if u)
    detail = counter.lookup.account(account_id, today=AS_OF)
    assert len(detail.usage) == 24


def test_a_garbled_history_from_central_is_refused_not_stored(
        counter: App, central: Central) -> None:
    with counter.sessions() as s:
        code = s.scalars(select(Account.code).order_by(Account.id).limit(1)).one()
    with central.sessions() as s, s.begin():
        account = s.scalars(select(CentralAccount).where(CentralAccount.code == code)).one()
        account.usage = "202401 12 x'); DROP TABLE bills; --"
    central.set_account_status(code, "active")  # sends the account (and its history) again
    from desktop.errors import CentralProtocolError
    with pytest.raises(CentralProtocolError):
        counter.link.engine.sync_once()
    with counter.sessions() as s:
        stored = s.scalars(select(Account.usage).where(Account.code == code)).one()
    assert stored is not None and "DROP" not in stored
