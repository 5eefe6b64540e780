"""The sync client against the real central over loopback: exactly once."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from central.models import Payment
from central.service import Central
from desktop.app import App, build_app
from desktop.errors import QuayThuError
from desktop.link.device import load_token
from desktop.link.sync.client import CentralClient, CentralUnreachable
from desktop.link.sync.engine import SyncEngine
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import on_shift, staff_of

UNIT = "PE1400"


@pytest.fixture
def counter(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    app = build_app(tmp_path / "counter" / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    yield app
    app.close()


def test_a_first_sync_takes_the_open_bills_and_later_changes_of_settled_ones(
        counter: App, central: Central) -> None:
    """Settled bills stay at central on a first sync; one reopened afterwards (a void)
    still arrives, because every change after the sync began is sent."""
    from central.models import Account, Bill

    with central.sessions() as s:
        unit_bills = dict(s.execute(select(Bill.id, Bill.status).join(
            Account, Account.id == Bill.account_id).where(Account.unit_code == UNIT)).all())
    settled = sorted(b for b, status in unit_bills.items() if status == "paid")
    assert settled and len(settled) < len(unit_bills)
    # the first sync in two runs (the sign-in screen takes the first pages; the sync
    # thread, or the next start, the rest): the snapshot point is kept in the store
    first = counter.link.engine
    first.pull_page = 25
    first.pull_once(max_pages=1)
    engine = counter.link.engine
    engine.sync_once()
    con = sqlite3.connect(counter.store_path)
    local = dict(con.execute("SELECT id, status FROM bills").fetchall())
    assert local == {b: st for b, st in unit_bills.items() if st == "unpaid"}
    # a settled bill is reopened at central after the first sync: it comes down
    with central._tx() as s:
        from central.service import bill_data, record_change

        bill = s.get(Bill, settled[0])
        bill.status, bill.paid_at = "unpaid", None
        record_change(s, UNIT, "bill", bill.id, "upsert", bill_data(bill))
    engine.sync_once()
    assert con.execute("SELECT status FROM bills WHERE id = ?", (settled[0],)).fetchall() == [
        ("unpaid",)]
    con.close()


def central_payments(central: Central) -> dict[str, int]:
    with central.sessions() as s:
        return dict(s.execute(select(Payment.key, func.count()).group_by(Payment.key)).all())


def test_first_sync_brings_the_unit_and_search_works(counter: App, central: Central) -> None:
    engine = counter.link.engine
    report = engine.sync_once()
    assert report.pulled > 0 and report.cursor > 0
    with central.sessions() as s:
        from central.models import Account

        expected = s.scalar(select(func.count()).select_from(Account)
                            .where(Account.unit_code == UNIT))
        someone = s.scalar(select(Account).where(Account.unit_code == UNIT).limit(1))
    con = sqlite3.connect(counter.store_path)
    assert con.execute("SELECT count(*) FROM accounts").fetchone()[0] == expected
    assert con.execute("SELECT count(DISTINCT unit_code) FROM accounts").fetchone()[0] == 1
    con.close()
    hits = counter.lookup.search(someone.code).hits
    assert [h.name for h in hits] == [someone.name]
    words = someone.name.split()
    by_name = counter.lookup.search(f"{words[0]} {words[-1]}", limit=200).hits
    assert someone.code in [h.code for h in by_name]
    detail = counter.lookup.account(hits[0].id)
    assert detail.data_source == "central" and detail.unit_name.startswith("Điện lực")
    assert engine.online is True


def test_offline_payments_reach_central_exactly_once(counter: App, central: Central,
                                                     url: str) -> None:
    engine = counter.link.engine
    engine.sync_once()
    cashier = on_shift(counter)
    taken = [counter.payments.take_cash(cashier, a) for a in accounts_with_unpaid_bills(counter)[:20]]
    assert counter.sync.status().pending == 20
    engine.sync_once()
    engine.sync_once()  # nothing left to send: nothing sent twice
    counts = central_payments(central)
    assert sorted(counts) == sorted(t.key for t in taken)
    assert set(counts.values()) == {1}
    status = counter.sync.status()
    assert (status.pending, status.rejected) == (0, 0)
    # the bills came back from central as paid, and stay paid locally
    con = sqlite3.connect(counter.store_path)
    for t in taken:
        for bill_no in t.bill_nos:
            assert con.execute("SELECT status FROM bills WHERE bill_no = ?",
                               (bill_no,)).fetchone() == ("paid",)
    con.close()


def test_a_lost_answer_is_sent_again_and_answered_duplicate(counter: App, central: Central,
                                                            url: str) -> None:
    engine = counter.link.engine
    engine.sync_once()
    taken = counter.payments.take_cash(on_shift(counter), accounts_with_unpaid_bills(counter)[0])

    class LoseAnswers(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = super().handle_request(request)
            response.read()
            if request.url.path == "/v1/sync/push":
                raise httpx.ReadTimeout("answer lost", request=request)
            return response

    token = load_token(counter.data_dir)
    lossy = SyncEngine(counter.sessions, CentralClient(url, token, transport=LoseAnswers()))
    with pytest.raises(CentralUnreachable):
        lossy.sync_once()
    assert central_payments(central) == {taken.key: 1}  # applied, but we do not know
    assert counter.sync.status().pending == 1
    report = engine.sync_once()
    assert (report.applied, report.duplicates) == (0, 1)
    assert counter.sync.status().pending == 0
    assert central_payments(central) == {taken.key: 1}


def test_offline_the_outbox_waits_and_status_says_so(tmp_path: Path, counter: App) -> None:
    engine = counter.link.engine
    engine.sync_once()
    counter.payments.take_cash(on_shift(counter), accounts_with_unpaid_bills(counter)[0])
    with counter.sessions() as s, s.begin():
        from db.models import DeviceState

        s.get(DeviceState, 1).central_url = "http://127.0.0.1:9"  # nothing listens there
    offline = counter.link.engine
    with pytest.raises(QuayThuError):
        offline.sync_once()
    status = counter.sync.status()
    assert status.online is False and status.pending == 1
    assert "Không kết nối" in (status.last_error or "")


def test_a_rejected_payment_opens_an_issue_until_acknowledged(counter: App, central: Central) -> None:
    engine = counter.link.engine
    engine.sync_once()
    account_id = accounts_with_unpaid_bills(counter)[0]
    taken = counter.payments.take_cash(on_shift(counter), account_id)
    # central moved the account to another unit meanwhile: the payment is refused
    with central.sessions() as s, s.begin():
        from central.models import Account

        s.scalar(select(Account).where(Account.code == taken.account_code)).unit_code = "PE0100"
    second = counter.payments.take_cash(on_shift(counter), accounts_with_unpaid_bills(counter)[0])
    report = engine.sync_once()
    assert (report.applied, report.rejected) == (1, 1)
    status = counter.sync.status()
    assert (status.pending, status.rejected, status.open_issues) == (0, 1, 1)
    assert second.key in central_payments(central)
    from db.models import SyncIssue

    with counter.sessions() as s:
        issue = s.scalar(select(SyncIssue))
    assert issue.reason == "unknown-account" and issue.op_key == taken.key
    counter.sync.acknowledge(staff_of(counter, "giamsat"), issue.id)
    status = counter.sync.status()
    assert (status.rejected, status.open_issues) == (0, 0)


def test_cash_for_a_bill_paid_elsewhere_shows_a_credit_issue(tmp_path: Path, counter: App,
                                                             central: Central, url: str) -> None:
    other = build_app(tmp_path / "other" / "quaythu.db")
    try:
        other.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 2")
        a, b = counter.link.engine, other.link.engine
        a.sync_once()
        b.sync_once()
        account_id = accounts_with_unpaid_bills(counter)[0]
        counter.payments.take_cash(on_shift(counter), account_id)
        other.payments.take_cash(on_shift(other), account_id)  # the same bills, at another window, offline
        a.sync_once()
        b.sync_once()
        assert other.sync.status().open_issues == 1
        from db.models import SyncIssue

        with other.sessions() as s:
            issue = s.scalar(select(SyncIssue))
        assert issue.kind == "credit" and "ghi có" in issue.message
    finally:
        other.close()


def test_pulling_again_from_zero_changes_nothing(counter: App) -> None:
    engine = counter.link.engine
    engine.sync_once()

    def snapshot() -> list[tuple]:
        con = sqlite3.connect(counter.store_path)
        try:
            return (con.execute("SELECT * FROM accounts ORDER BY id").fetchall()
                    + con.execute("SELECT * FROM bills ORDER BY id").fetchall()
                    + con.execute("SELECT rowid, * FROM account_fts ORDER BY rowid").fetchall())
        finally:
            con.close()

    before = snapshot()
    with counter.sessions() as s, s.begin():
        from db.models import SyncState

        s.get(SyncState, 1).cursor = 0
    engine.pull_once()
    assert snapshot() == before


def test_payment_history_comes_down_and_follows_payments_and_voids(counter: App) -> None:
    import datetime as dt
    import uuid

    engine = counter.link.engine
    engine.sync_once()
    con = sqlite3.connect(counter.store_path)
    assert con.execute("SELECT count(*) FROM payment_history").fetchone()[0] > 0
    with_history = con.execute("SELECT account_id FROM payment_history LIMIT 1").fetchone()[0]
    con.close()
    assert counter.lookup.account(with_history).recent_payments
    account_id = accounts_with_unpaid_bills(counter)[0]
    taken = counter.payments.take_cash(on_shift(counter), account_id)
    engine.sync_once()
    receipts = [p.receipt_no for p in counter.lookup.account(account_id).recent_payments]
    assert receipts[0] == taken.receipt_no
    # a void (sent here straight through the client; the void screen is issue 5)
    void = {"key": str(uuid.uuid4()), "kind": "void", "data": {
        "payment_key": taken.key, "reason": "Thu nhầm",
        "voided_at": dt.datetime.now(dt.UTC).isoformat()}}
    assert engine.client.push([void])[0]["status"] == "applied"
    engine.sync_once()
    receipts = [p.receipt_no for p in counter.lookup.account(account_id).recent_payments]
    assert taken.receipt_no not in receipts


def test_a_short_tender_is_refused_and_nothing_is_saved(counter: App) -> None:
    from desktop.errors import ValidationError

    counter.link.engine.sync_once()
    account_id = accounts_with_unpaid_bills(counter)[0]
    with pytest.raises(ValidationError) as info:
        counter.payments.take_cash(on_shift(counter), account_id, tendered=1_000)
    assert info.value.user_message.startswith("Khách đưa 1.000 đ, thiếu ")
    assert info.value.user_message.endswith(" đ.")
    assert counter.sync.status().pending == 0


def test_confirming_twice_makes_one_payment(counter: App) -> None:
    import uuid

    counter.link.engine.sync_once()
    account_id = accounts_with_unpaid_bills(counter)[0]
    key = str(uuid.uuid4())
    first = counter.payments.take_cash(on_shift(counter), account_id, key=key, tendered=10_000_000)
    again = counter.payments.take_cash(on_shift(counter), account_id, key=key, tendered=10_000_000)
    assert first == again
    assert first.change + first.change_credit == 10_000_000 - first.amount  # (rounded)
    assert counter.sync.status().pending == 1


def test_a_lost_enrolment_answer_gives_the_same_device_on_retry(
        tmp_path: Path, central: Central, url: str) -> None:
    """Central consumed the code but the answer never arrived: the retry, with the key the
    counter kept before asking, gets the same device back (not "code used"), and the token
    of the lost answer stops working."""
    from central.models import Device
    from desktop.link.device import ENROL_KEY_FILE, enrol_key

    app = build_app(tmp_path / "counter" / "quaythu.db")
    try:
        code = central.issue_enrolment_code(UNIT)
        key = enrol_key(app.data_dir)  # what the counter writes down before its first try
        assert (app.data_dir / ENROL_KEY_FILE).read_text() == key
        with central.sessions() as s:
            devices_before = s.scalar(select(func.count()).select_from(Device))
        lost = httpx.post(f"{url}/v1/devices/enrol", json={
            "code": code, "device_name": "Quầy 1", "device_key": key}).json()
        state = app.link.enrol(url, code, "Quầy 1")  # the retry
        assert state.device_id == lost["device_id"]
        with central.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Device)) == devices_before + 1
        stale = {"Authorization": f"Bearer {lost['token']}"}
        assert httpx.get(f"{url}/v1/sync/head", headers=stale).status_code == 401
        app.link.sync_once()  # the token it kept works
        # another data directory (another key) with the same code: refused as used
        other = build_app(tmp_path / "other" / "quaythu.db")
        try:
            with pytest.raises(QuayThuError, match=r"từ chối.*enrolment-code-used|used"):
                other.link.enrol(url, code, "Quầy 2")
        finally:
            other.close()
    finally:
        app.close()


def test_an_expired_token_is_renewed_by_a_code_and_nothing_unsent_is_lost(
        tmp_path: Path, central: Central, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    from central.models import Device, Payment
    from desktop.cli import main
    from desktop.link.sync.client import TokenExpired

    counter = build_app(tmp_path / "counter" / "quaythu.db")
    try:
        state = counter.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
        counter.link.sync_once()
        taken = counter.payments.take_cash(on_shift(counter),
                                           accounts_with_unpaid_bills(counter)[0])
        with central.sessions() as s, s.begin():  # a year later: the token's end
            s.get(Device, state.device_id).token_expires_at = dt.datetime.now(dt.UTC)
        with pytest.raises(TokenExpired) as expired:
            counter.link.sync_once()
        assert "mã gia hạn" in expired.value.user_message
        assert "enrol again" not in expired.value.user_message
        code = central.issue_renewal_code(state.device_id)
        data = str(counter.data_dir)
    finally:
        counter.close()
    assert main(["renew", "--code", code, "--data-dir", data]) == 0
    answer = capsys.readouterr().out
    assert f'"device_id": {state.device_id}' in answer and '"pending": 1' in answer
    again = build_app(tmp_path / "counter" / "quaythu.db")
    try:
        assert again.link.sync_once().applied == 1  # the payment waited, and went
        with central.sessions() as s:
            assert s.scalar(select(Payment).where(Payment.key == taken.key)) is not None
    finally:
        again.close()


def test_a_token_near_its_end_is_renewed_by_the_sync_itself(
        counter: App, central: Central, url: str) -> None:
    import datetime as dt

    from central.models import Device

    counter.link.sync_once()
    device_id = load_device_id(counter)
    old = load_token(counter.data_dir)
    with central.sessions() as s, s.begin():
        s.get(Device, device_id).token_expires_at = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    counter.link.sync_once()  # sees the expiry in the answer and renews
    new = load_token(counter.data_dir)
    assert new != old
    assert httpx.get(f"{url}/v1/sync/head",
                     headers={"Authorization": f"Bearer {old}"}).status_code == 401
    counter.link.sync_once()  # with the new token
    with central.sessions() as s:
        assert s.get(Device, device_id).token_expires_at > dt.datetime.now(dt.UTC) + dt.timedelta(
            days=300)


def load_device_id(app: App) -> int:
    from db.models import DeviceState

    with app.sessions() as s:
        return s.get(DeviceState, 1).device_id
