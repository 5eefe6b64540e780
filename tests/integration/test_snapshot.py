"""The first sync from central's snapshot, against the real central over loopback."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from central.service import Central, SnapshotInfo, account_data, record_change
from desktop.app import App, build_app
from desktop.link.sync.apply import file_sha256
from desktop.link.sync.client import CentralProtocolError
from desktop.link.sync.snapshot import FTS_SHADOW, REPLICATED

UNIT = "PE1400"


def _counter(tmp_path: Path, central: Central, url: str, name: str) -> App:
    app = build_app(tmp_path / name / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code(UNIT), name)
    return app


@pytest.fixture
def counters(tmp_path: Path, central: Central, url: str) -> Iterator[tuple[App, App]]:
    a = _counter(tmp_path, central, url, "snap")
    b = _counter(tmp_path, central, url, "log")
    yield a, b
    a.close()
    b.close()


def replica(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every replicated row, the index's documents and the cursor, in a stable order."""
    con = sqlite3.connect(path)
    try:
        out = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
               for t in REPLICATED}
        out["account_fts"] = sorted(con.execute(
            "SELECT rowid, name, address FROM account_fts").fetchall())
        out["sync_state"] = con.execute("SELECT cursor FROM sync_state").fetchall()
        return out
    finally:
        con.close()


def rename_an_account(central: Central, name: str) -> int:
    from central.models import Account

    with central._tx() as s:
        account = s.scalars(select(Account).where(Account.unit_code == UNIT)
                            .order_by(Account.id).limit(1)).one()
        account.name = name
        record_change(s, UNIT, "account", account.id, "upsert", account_data(account))
        return account.id


def test_a_snapshot_and_a_change_log_first_sync_end_with_identical_stores(
        counters: tuple[App, App], central: Central) -> None:
    """The snapshot is built, then an account changes at central: the counter that takes
    the snapshot still gets that change from the log, and ends where the one that took
    the whole log ends."""
    snap, log = counters
    built = central.build_snapshot(UNIT)
    renamed = rename_an_account(central, "Trần Thị Đổi Tên")
    log.link.engine._store = None  # this one: the change log only
    log_report = log.link.engine.sync_once()
    engine = snap.link.engine
    asked: list[int] = []
    pull = engine.client.pull
    engine.client.pull = lambda cursor, *a: asked.append(cursor) or pull(cursor, *a)  # type: ignore[method-assign]
    snap_report = engine.sync_once()
    assert asked == [built.seq]  # the log only after the snapshot's point
    assert snap_report.cursor == log_report.cursor > built.seq
    assert snap_report.pulled == log_report.pulled
    assert replica(snap.store_path) == replica(log.store_path)
    con = sqlite3.connect(snap.store_path)
    assert con.execute("SELECT name FROM accounts WHERE id = ?", (renamed,)).fetchone() == (
        "Trần Thị Đổi Tên",)
    # the copied index is whole, and finds what the log's finds
    con.execute("INSERT INTO account_fts (account_fts) VALUES ('integrity-check')")
    con.close()
    hits = [a.code for a in snap.lookup.search("doi ten").hits]
    assert hits and hits == [a.code for a in log.lookup.search("doi ten").hits]
    assert not list((snap.store_path.parent / "snapshots").glob("*"))  # nothing left behind


def partly_downloaded(snap: App, central: Central,
                      damage: bool = False) -> tuple[SnapshotInfo, bytes, int]:
    """A snapshot built and the first half of its file left as the counter's partial
    download (with ``damage``, one byte of it flipped); (snapshot, whole file, half)."""
    built = central.build_snapshot(UNIT)
    whole = (central.snapshot_root() / f"{built.id}.db").read_bytes()
    folder = snap.store_path.parent / "snapshots"
    folder.mkdir()
    half = bytearray(whole[: len(whole) // 2])
    if damage:
        half[200] ^= 0xFF
    (folder / f"{built.id}.part").write_bytes(bytes(half))
    return built, whole, len(half)


def test_a_cut_download_resumes_where_it_stopped(counters: tuple[App, App],
                                                 central: Central) -> None:
    snap, _ = counters
    built, whole, half = partly_downloaded(snap, central)
    arrived: list[int] = []
    engine = snap.link.engine
    real = engine.client.download

    def counting(snapshot_id: str, dest: Path, size: int, progress=None) -> None:  # type: ignore[no-untyped-def]
        real(snapshot_id, dest, size, lambda n: arrived.append(n))

    engine.client.download = counting  # type: ignore[method-assign]
    report = engine.sync_once()
    assert sum(arrived) == len(whole) - half  # only the half that was missing came
    assert report.cursor >= built.seq
    con = sqlite3.connect(snap.store_path)
    assert con.execute("SELECT count(*) FROM accounts").fetchone()[0] > 0
    con.close()


def test_a_damaged_download_is_refused_then_fetched_again(counters: tuple[App, App],
                                                          central: Central) -> None:
    snap, _ = counters
    # the first half arrived damaged (a flipped byte): the hash says so at the end
    partly_downloaded(snap, central, damage=True)
    engine = snap.link.engine
    with pytest.raises(CentralProtocolError):
        engine.sync_once()
    con = sqlite3.connect(snap.store_path)
    assert con.execute("SELECT count(*) FROM accounts").fetchone()[0] == 0  # nothing taken
    assert engine.cursor() == 0
    engine.sync_once()
    assert con.execute("SELECT count(*) FROM accounts").fetchone()[0] > 0
    con.close()


def test_a_device_gets_only_its_own_units_snapshot(central: Central, url: str) -> None:
    other = central.build_snapshot("PE1000")
    token = httpx.post(f"{url}/v1/devices/enrol", json={
        "code": central.issue_enrolment_code(UNIT), "device_name": "x"}).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{url}/v1/sync/snapshot/{other.id}", headers=headers).status_code == 404
    mine = httpx.get(f"{url}/v1/sync/snapshot", headers=headers).json()
    assert mine["scope"] == UNIT
    r = httpx.get(f"{url}/v1/sync/snapshot/{mine['id']}", headers=headers)
    assert r.status_code == 200 and len(r.content) == mine["size"]
    ranged = httpx.get(f"{url}/v1/sync/snapshot/{mine['id']}",
                       headers={**headers, "Range": "bytes=100-"})
    assert ranged.status_code == 206 and ranged.content == r.content[100:]
    assert httpx.get(f"{url}/v1/sync/snapshot/{mine['id']}").status_code == 401
    path = central.snapshot_root() / f"{mine['id']}.db"
    assert file_sha256(path) == mine["sha256"]
    assert FTS_SHADOW  # the index travels in the file


def test_the_sign_in_screens_first_pages_are_replaced_by_the_snapshot(
        counters: tuple[App, App], central: Central) -> None:
    """The sign-in screen takes only the log's first pages (up to the staff); the sync
    after it takes the snapshot in their place and ends where a log-only counter ends."""
    snap, log = counters
    engine = snap.link.engine
    engine.pull_page = 25
    assert snap.link.pull_until_staff() is None
    first = engine.cursor()
    built = central.build_snapshot(UNIT)
    assert 0 < first < built.seq
    asked: list[int] = []
    pull = engine.client.pull
    engine.client.pull = lambda cursor, *a: asked.append(cursor) or pull(cursor, *a)  # type: ignore[method-assign]
    engine.sync_once()
    assert asked[:1] == [built.seq]  # the snapshot, then the log from its point
    log.link.engine._store = None
    log.link.engine.sync_once()
    # the same rows; the cursors may differ (the snapshot stands at the log's head, the
    # log-only counter at its unit's last change): both positions leave nothing out
    mine, theirs = replica(snap.store_path), replica(log.store_path)
    assert mine.pop("sync_state")[0][0] >= theirs.pop("sync_state")[0][0]
    assert mine == theirs


def test_no_snapshot_replaces_rows_once_the_counter_has_taken_money(
        counters: tuple[App, App], central: Central) -> None:
    """After the first pages, a payment taken here keeps the change log going: the rows
    it refers to are never swapped under it."""
    from desktop.sim import accounts_with_unpaid_bills
    from tests.staff import on_shift

    snap, _ = counters
    engine = snap.link.engine
    engine.pull_page = 25
    assert snap.link.pull_until_staff() is None
    engine.pull_once(max_pages=40, snapshot=False)  # some accounts with bills, not all
    owing = accounts_with_unpaid_bills(snap)
    assert owing
    snap.payments.take_cash(on_shift(snap), owing[0])
    central.build_snapshot(UNIT)
    asked: list[int] = []
    pull = engine.client.pull
    engine.client.pull = lambda cursor, *a: asked.append(cursor) or pull(cursor, *a)  # type: ignore[method-assign]
    before = engine.cursor()
    report = engine.sync_once()
    assert asked[0] == before  # the log, from where it stood
    assert report.applied == 1


def test_a_request_taken_before_the_snapshot_keeps_its_contact_details(
        counters: tuple[App, App], central: Central) -> None:
    """A service request taken at the counter after the first pages, and already sent,
    is not swapped for central's copy (which has no phone, ID number or note)."""
    from sqlalchemy import select as sa_select

    from db.models import Account as LocalAccount
    from desktop.service_requests import RequestForm
    from tests.staff import staff_of

    snap, _ = counters
    engine = snap.link.engine
    engine.pull_page = 25
    assert snap.link.pull_until_staff() is None
    engine.pull_once(max_pages=40, snapshot=False)
    with snap.sessions() as s:
        account = s.scalars(sa_select(LocalAccount).where(LocalAccount.status == "active")
                            .order_by(LocalAccount.id).limit(1)).one()
    taken = snap.requests.submit(staff_of(snap), RequestForm(
        "meter_inspection", account.name, account.address, "0909 123 456",
        account_id=account.id, note="Công tơ quay nhanh.",
        details={"reason": "Công tơ chạy nhanh"}, papers=("application",)))
    engine.push_once()  # sent: nothing waits in the outbox
    built = central.build_snapshot(UNIT)
    asked: list[int] = []
    pull = engine.client.pull
    engine.client.pull = lambda cursor, *a: asked.append(cursor) or pull(cursor, *a)  # type: ignore[method-assign]
    engine.sync_once()
    assert asked[:1] == [built.seq]  # the snapshot was taken
    con = sqlite3.connect(snap.store_path)
    assert con.execute("SELECT phone, note FROM service_requests WHERE key = ?",
                       (taken.key,)).fetchone() == ("0909123456", "Công tơ quay nhanh.")
    con.close()
