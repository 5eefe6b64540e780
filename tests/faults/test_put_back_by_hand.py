"""A copy of the data folder put back by hand, not through ``quaythu restore`` (issue 28,
findings 2 and 3): the store and its own ops.log, older than what central holds, then
cash before any sync. The mark kept outside the data folder makes numbers continue
after the last one handed out, the start says so on screen, and central refuses
nothing. And the clock verdict of the last sync holds across a restart."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from central.models import Deposit as CentralDeposit
from central.models import Payment
from central.models import ServiceRequest as CentralRequest
from central.seed import seed
from central.service import Central
from db.models import ServiceRequest as LocalRequest
from desktop.app import build_app
from desktop.money.payments import CashRefused
from desktop.service_requests import RequestForm
from desktop.sim import accounts_with_unpaid_bills
from desktop.vault import MARK_FILE, _slot, key_root
from tests.central_server import central_on, serving
from tests.conftest import AS_OF
from tests.staff import on_shift, sign_in
from ui.counter.main_window import MainWindow

UNIT = "PE1400"
FILES = ("quaythu.db", "quaythu.db-wal", "quaythu.db-shm", "ops.log")


def copy_folder(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        if (src / name).exists():
            shutil.copyfile(src / name, dst / name)


def test_a_folder_put_back_by_hand_reissues_no_number_and_central_refuses_nothing(
        tmp_path: Path, central: Central, url: str, qtbot: QtBot) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    app.close()
    copy_folder(store.parent, tmp_path / "copy")  # someone's copy, store and ops.log
    app = build_app(store, create=False)
    accounts = accounts_with_unpaid_bills(app)
    taken = [app.payments.take_cash(cashier, a).receipt_no for a in accounts[:3]]
    report = app.link.sync_once()
    assert report.applied >= 3 and report.rejected == 0
    app.close()
    for name in FILES:  # the copy put back over the folder, by hand
        (store.parent / name).unlink(missing_ok=True)
    copy_folder(tmp_path / "copy", store.parent)
    again = build_app(store, create=False)
    try:
        notices = again.start_notices()
        assert any("chép đè" in n for n in notices), notices
        cashier = on_shift(again)
        window = MainWindow(again, actor=cashier)
        qtbot.addWidget(window)
        # said on screen, whole, above the keys
        assert "chép đè" in window.start_notice.text() and window.start_notice.isVisibleTo(window)
        later = [again.payments.take_cash(cashier, a).receipt_no for a in accounts[3:5]]
        assert not set(later) & set(taken)
        report = again.link.sync_once()
        # the payments are applied, and their journal lines with them: the journal went
        # on after the last line this counter wrote (the mark), as central's chain does
        # (central refuses a payment whose journal line it refused)
        assert report.applied >= len(later) and report.rejected == 0
        assert not again.sync.open_issues()
    finally:
        again.close()
    with central.sessions() as s:
        held = set(s.scalars(select(Payment.receipt_no)))
    assert set(taken) | set(later) <= held


def request_form() -> RequestForm:
    return RequestForm("new_supply", "Trần Thị Ngọc Ánh", "12 Hoàng Văn Thụ", "0909123456",
                       id_number="079190001234",
                       details={"purpose": "Sinh hoạt", "households": "2", "load_kw": "6"},
                       papers=("application",), consent=True)


def test_a_folder_put_back_by_hand_reissues_no_request_number_and_the_sync_goes_on(
        tmp_path: Path, central: Central, url: str) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    app.close()
    copy_folder(store.parent, tmp_path / "copy")
    app = build_app(store, create=False)
    first = [app.requests.submit(cashier, request_form()).ref for _ in range(2)]
    app.link.sync_once()
    app.close()
    for name in FILES:
        (store.parent / name).unlink(missing_ok=True)
    copy_folder(tmp_path / "copy", store.parent)  # the old copy, its own ops.log

    again = build_app(store, create=False)
    try:
        assert any("chép đè" in n for n in again.start_notices())
        cashier = on_shift(again)
        later = [again.requests.submit(cashier, request_form()).ref for _ in range(2)]
        paid = again.payments.take_cash(cashier, accounts_with_unpaid_bills(again)[0])
        for _ in range(2):
            again.link.sync_once()  # the push and the pull, twice: neither fails
        assert not [i for i in again.sync.open_issues() if i.kind == "rejected"]
    finally:
        again.close()
    assert not set(first) & set(later), (first, later)
    with central.sessions() as s:
        assert s.scalar(select(Payment.key).where(Payment.key == paid.key)) == paid.key
        refs = list(s.scalars(select(CentralRequest.ref)))
    assert sorted(refs) == sorted(first + later)


def test_a_request_number_central_holds_under_another_key_never_stops_the_pull(
        tmp_path: Path, central: Central, url: str) -> None:
    """The copy put back and its mark lost too: nothing on the machine remembers the
    numbers, so the counter hands one out again and central refuses it (`conflict`).
    The pull that brings central's request with that number keeps the counter's own,
    raises a sync issue for a supervisor, and every later sync goes on."""
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    app.close()
    copy_folder(store.parent, tmp_path / "copy")
    app = build_app(store, create=False)
    first = app.requests.submit(cashier, request_form()).ref
    app.link.sync_once()
    app.close()
    for name in FILES:
        (store.parent / name).unlink(missing_ok=True)
    copy_folder(tmp_path / "copy", store.parent)
    (key_root() / _slot(store.parent) / MARK_FILE).unlink()

    again = build_app(store, create=False)
    try:
        cashier = on_shift(again)
        mine = again.requests.submit(cashier, request_form())
        assert mine.ref == first  # nothing left to know better by
        for _ in range(3):
            again.link.sync_once()  # never "UNIQUE constraint failed"
        issues = again.sync.open_issues()
        assert [i for i in issues if i.reason == "request-ref-clash"
                and first in i.message], issues
        with again.sessions() as s:
            assert s.scalar(select(LocalRequest.key).where(LocalRequest.ref == first)) \
                == mine.key
    finally:
        again.close()


def test_a_folder_put_back_by_hand_reissues_no_deposit_slip_number(
        tmp_path: Path, central: Central, url: str) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    head = sign_in(app, "thuquy")
    for _ in range(2):  # two shifts, the float counted back, handed over
        cashier = sign_in(app)
        shift = app.shifts.open(cashier, 200_000)
        app.shifts.close(cashier, {100_000: 2})
        app.turn_ins.accept(head, shift.key, {100_000: 2})
    app.link.sync_once()
    app.link.sync_once()
    app.close()
    copy_folder(store.parent, tmp_path / "copy")
    app = build_app(store, create=False)
    head = sign_in(app, "thuquy")
    items = app.deposits.candidates(head).items
    first = app.deposits.make(head, items[:1], "BIDV")
    app.link.sync_once()
    app.close()
    for name in FILES:
        (store.parent / name).unlink(missing_ok=True)
    copy_folder(tmp_path / "copy", store.parent)

    again = build_app(store, create=False)
    try:
        head = sign_in(again, "thuquy")
        rest = [i for i in again.deposits.candidates(head).items if i.key != items[0].key]
        later = again.deposits.make(head, rest, "BIDV")
        again.link.sync_once()
    finally:
        again.close()
    assert later.slip_no != first.slip_no, later.slip_no
    with central.sessions() as s:
        assert sorted(s.scalars(select(CentralDeposit.slip_no))) == sorted(
            [first.slip_no, later.slip_no])


def test_a_new_enrolment_in_the_same_data_folder_starts_its_journal_afresh(
        tmp_path: Path, central: Central, url: str) -> None:
    """The mark keeps the journal's last line per device: a data folder emptied and
    enrolled again (a new device) starts its chain at central from the first line, and its
    payments are applied."""
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
    assert app.link.sync_once().rejected == 0
    app.close()
    shutil.rmtree(store.parent)  # a fresh install in the same folder
    fresh = build_app(store)
    try:
        fresh.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1 (cài lại)")
        fresh.link.sync_once()
        cashier = sign_in(fresh)  # a new store: a new session
        fresh.shifts.open(cashier, 0)
        taken = fresh.payments.take_cash(cashier, accounts_with_unpaid_bills(fresh)[1])
        report = fresh.link.sync_once()
        assert report.rejected == 0 and not fresh.sync.open_issues()
    finally:
        fresh.close()
    with central.sessions() as s:
        assert s.scalar(select(Payment.key).where(Payment.key == taken.key)) == taken.key


@pytest.fixture
def skewed(tmp_path: Path) -> Iterator[tuple[Central, str]]:
    """A central whose clock is a day ahead of this machine's."""
    with central_on(str(tmp_path / "central.db")) as c:
        seed(c.sessions, accounts=600, seed=3, as_of=AS_OF)
        c.clock = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        with serving(c) as url:
            yield c, url


def test_the_clock_verdict_survives_a_restart_until_central_is_asked_again(
        tmp_path: Path, skewed: tuple[Central, str]) -> None:
    central, url = skewed
    store = tmp_path / "counter" / "quaythu.db"
    counter = build_app(store)
    counter.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    counter.link.sync_once()
    assert counter.clock.describe() is not None
    counter.close()
    # restarted, and no sync yet (offline): the last verdict still holds
    again = build_app(store, create=False)
    try:
        cashier = on_shift(again)
        with pytest.raises(CashRefused, match="Đồng hồ máy chậm"):
            again.payments.take_cash(cashier, accounts_with_unpaid_bills(again)[0])
        # central asked again, and the clock is right now: cash again
        central.clock = lambda: dt.datetime.now(dt.UTC)
        again.link.sync_once()
        again.payments.take_cash(cashier, accounts_with_unpaid_bills(again)[0])
    finally:
        again.close()
    third = build_app(store, create=False)
    try:
        assert third.clock.describe() is None
    finally:
        third.close()
