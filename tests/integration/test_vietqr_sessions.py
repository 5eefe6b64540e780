"""The VietQR table of issue 27: the dialog closed every way, at every point of the intent's
life; central and the counter agree at the end.

Ways: Esc, ×, Alt+F4, a sign-out, the lock (each ends the dialog, which withdraws its
session: ``app.qr.withdraw``; the GUI's side of each is tests/ui/test_vietqr_dialog.py),
and the program killed (SIGKILL by the fault harness, right after the child printed
that it reached the point; then a new process on the same store).
Points: before central answered the intent, pending, paid but not yet polled, expired,
central unreachable.
End: paid ⇒ one payment and one receipt (print job) at the counter, and the bills paid at
central; not paid ⇒ no payment, and the intent closed at central.

The real central serves over loopback; the bank is its simulator (``quaythu-central
bank-notify``, the signed webhook). The core's loop is driven pass by pass
(``follow_once``): no timer decides anything here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from central.__main__ import main as central_main
from central.models import Account as CentralAccount
from central.models import Bill as CentralBill
from central.models import PaymentIntent
from db.demo import DEMO_PASSWORD
from db.models import LocalPayment, QrIntent
from desktop.app import App, build_app
from desktop.contract import QrState, vietqr_payment_key
from desktop.money.payments import BillsAwaitVietQr
from desktop.money.shifts import VietQrStillOpen
from desktop.staff.auth import Actor
from tests.children import kill_after_lines
from tests.vietqr import (
    DEAD,
    UNIT,
    Place,
    account_id,
    agreed,
    bank_pays,
    expire_at_central,
    online_counter,
    vietqr_place,
)

WAYS = ["Esc", "×", "Alt+F4", "sign-out", "lock", "killed"]
POINTS = ["before central answered", "pending", "paid, not yet polled", "expired",
          "central unreachable"]


class Interceptor:
    """The link as the VietQR session asks it, with a moment between central's answer to
    the intent and the core hearing it (where the dialog is closed). It delegates every
    call to the real link: central really answers."""

    def __init__(self, link: Any, between: Any) -> None:
        self.link, self.between = link, between

    def create_intent(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        answer: dict[str, Any] = self.link.create_intent(*args, **kwargs)
        self.between()
        return answer

    def intent(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        answer: dict[str, Any] = self.link.intent(*args, **kwargs)
        return answer


def close_dialog(app: App, actor: Actor, key: str, way: str) -> None:
    """What each way of closing the dialog leaves the core with (ui/counter/payment_dialog.py
    ``_closing``; the window signs out or locks after closing it)."""
    app.qr.withdraw(key)
    if way == "sign-out":
        app.auth.sign_out(actor)
    elif way == "lock":
        app.auth.lock(actor)


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Place]:
    with vietqr_place(tmp_path_factory.mktemp("vietqr")) as p:
        yield p


@pytest.fixture(scope="module")
def counter(place: Place) -> Iterator[App]:
    with online_counter(place) as app:
        yield app


# -- the cells where the program keeps running ---------------------------------------------


@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("way", [w for w in WAYS if w != "killed"])
def test_a_closed_dialog_at_each_point(place: Place, counter: App, way: str,
                                       point: str) -> None:
    app = counter
    actor = app.auth.sign_in("thungan", DEMO_PASSWORD)  # a session of its own (sign-out, lock)
    customer = account_id(app, next(place.codes))
    key = str(uuid.uuid4())  # the dialog's, made when it opened
    if point == "before central answered":
        app.qr.central = Interceptor(app.link, lambda: close_dialog(app, actor, key, way))
        try:
            view = app.qr.start(actor, customer, key=key)
        finally:
            app.qr.central = app.link
        assert view.withdrawn  # shown to no one: the dialog was gone when it came
    else:
        view = app.qr.start(actor, customer, key=key)
        assert view.state == QrState.PENDING and view.payload and not view.withdrawn
        if point == "paid, not yet polled":
            bank_pays(place, view.reference or "")
        elif point == "expired":
            expire_at_central(place, view.reference or "")
        elif point == "central unreachable":
            app.link.set_central_url(DEAD)
        close_dialog(app, actor, key, way)
    assert app.qr.follow_once() == (1 if point == "central unreachable" else 0)
    if point == "central unreachable":
        # the intent stays open and followed; its bills take no cash meanwhile
        assert app.qr.view(key).state == QrState.PENDING and app.qr.view(key).withdrawn
        cashier = app.auth.sign_in("thungan", DEMO_PASSWORD)
        with pytest.raises(BillsAwaitVietQr, match="đang chờ thanh toán VietQR"):
            app.payments.take_cash(cashier, customer)
        app.link.set_central_url(place.url)  # central is back
        assert app.qr.follow_once() == 0
    agreed(app, place, key, paid=point == "paid, not yet polled")


# -- the program killed ------------------------------------------------------------------

CHILD = r"""
import sys, threading, uuid
from pathlib import Path
from central.__main__ import main as central_main
from db.demo import DEMO_PASSWORD
from desktop.app import build_app

store, account_id, point, key, central_db = sys.argv[1:6]
app = build_app(Path(store), create=False)
app.link.active = True
actor = app.auth.sign_in("thungan", DEMO_PASSWORD)


class Answered:
    # central has made the intent; the counter has not kept its answer: killed here
    def __init__(self, link):
        self.link = link

    def create_intent(self, *a, **k):
        answer = self.link.create_intent(*a, **k)
        print("answered", flush=True)
        threading.Event().wait(120)
        return answer

    def intent(self, *a, **k):
        return self.link.intent(*a, **k)


if point == "before central answered":
    app.qr.central = Answered(app.link)
view = app.qr.start(actor, int(account_id), key=key)
print("shown", view.reference, flush=True)
if point == "paid, not yet polled":
    url = app.link.client().base_url
    assert central_main(["--db", central_db, "bank-notify", view.reference, "--url", url]) == 0
    print("paid", flush=True)
threading.Event().wait(120)  # the QR on screen, until the kill
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("point", POINTS)
def test_the_program_killed_at_each_point(place: Place, point: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = place.root / f"killed-{POINTS.index(point)}"
    first = build_app(data / "quaythu.db")
    try:
        first.link.enrol(place.url, place.central.issue_enrolment_code(UNIT), "Quầy bị tắt")
        first.link.sync_once()
        first.shifts.open(first.auth.sign_in("thungan", DEMO_PASSWORD), 0)
        customer = account_id(first, next(place.codes))
    finally:
        first.close()
    key = str(uuid.uuid4())
    lines = 2 if point == "paid, not yet polled" else 1
    root = Path(__file__).resolve().parents[2]
    killed = kill_after_lines(
        [sys.executable, "-c", CHILD, str(data / "quaythu.db"), str(customer), point, key,
         place.db], lines, env={**os.environ, "PYTHONPATH": str(root)}, timeout=120)
    assert killed.killed and len(killed.lines) >= lines, killed.lines
    if point == "expired":
        expire_at_central(place, killed.lines[0].split()[1])
    # what an operator sees before the window is back: the intent waits for central
    from desktop.cli import main as quaythu

    capsys.readouterr()
    assert quaythu(["status", "--json", "--data-dir", str(data)]) == 0
    assert json.loads(capsys.readouterr().out)["vietqr_open"] == 1
    # the power comes back: a new process on the same store, its VietQR loop on
    again = build_app(data / "quaythu.db", create=False)
    try:
        again.link.active = True
        with again.sessions() as s:
            row = s.get(QrIntent, key)
            assert row is not None and row.state in (QrState.ASKING, QrState.PENDING)
        if point == "central unreachable":
            again.link.set_central_url(DEAD)
            assert again.qr.follow_once() == 1
            assert again.qr.view(key).state in (QrState.ASKING, QrState.PENDING)
            cashier = again.auth.sign_in("thungan", DEMO_PASSWORD)
            with pytest.raises(VietQrStillOpen, match="chưa đóng ca được"):
                again.shifts.close(cashier, {})
            again.link.set_central_url(place.url)
        assert again.qr.follow_once() == 0
        agreed(again, place, key, paid=point == "paid, not yet polled")
    finally:
        again.close()


# -- one intent, one payment; central's side ------------------------------------------------


def test_a_paid_intent_recorded_twice_is_one_payment(place: Place, counter: App) -> None:
    """Two recordings of the same paid intent (another process got there first, and this
    one's view of the intent was stale): the payments table's key refuses the second, and
    the intent closes on the first payment — no check-then-insert decides it."""
    actor = counter.auth.sign_in("thungan", DEMO_PASSWORD)
    view = counter.qr.start(actor, account_id(counter, next(place.codes)))
    bank_pays(place, view.reference or "")
    counter.qr.withdraw(view.key)
    assert counter.qr.follow_once() == 0
    with counter.sessions() as s:
        receipts_before = s.scalar(select(func.count()).select_from(LocalPayment))
    # the intent seen open again, as by a process that had not heard of the payment
    with counter.writes() as s, s.begin():
        s.execute(update(QrIntent).where(QrIntent.key == view.key)
                  .values(state=QrState.PENDING, payment_key=None, closed_at=None))
    assert counter.qr.follow_once() == 0
    with counter.sessions() as s:
        assert s.scalar(select(func.count()).select_from(LocalPayment)) == receipts_before
        row = s.get(QrIntent, view.key)
        assert row is not None and row.state == QrState.RECORDED
        assert row.payment_key == vietqr_payment_key(view.reference or "")
    agreed(counter, place, view.key, paid=True)


def test_central_makes_one_intent_per_key(place: Place, counter: App) -> None:
    """Asked again with the counter's key, central answers the same intent (a lost answer,
    a crash); the same key for other bills is refused."""
    from desktop.errors import CentralRefused

    code = next(place.codes)
    with place.central.sessions() as s:
        rows = s.execute(select(CentralBill.bill_no, CentralBill.total).join(
            CentralAccount, CentralAccount.id == CentralBill.account_id).where(
            CentralAccount.code == code, CentralBill.status == "unpaid")).all()
    numbers, total = [r[0] for r in rows], sum(r[1] for r in rows)
    key = str(uuid.uuid4())
    first = counter.link.create_intent(key, code, numbers, total)
    again = counter.link.create_intent(key, code, numbers, total)
    assert again["reference"] == first["reference"]
    counter.link.intent(first["reference"], cancel=True)
    assert counter.link.create_intent(key, code, numbers, total)["status"] == "cancelled"
    with pytest.raises(CentralRefused, match="intent-key-reused"):
        counter.link.create_intent(key, code, numbers, total + 1_000)
    with place.central.sessions() as s:
        assert s.scalar(select(func.count()).select_from(PaymentIntent)
                        .where(PaymentIntent.key == key)) == 1


def test_central_alerts_a_paid_intent_no_payment_came_for(
        place: Place, counter: App, capsys: pytest.CaptureFixture[str]) -> None:
    """The bank paid, the counter never said so (it lost the intent, or cannot reach
    central): past the grace a supervisor sees it, once, in the alerts and the reports;
    the payment's arrival takes it off the reports."""
    actor = counter.auth.sign_in("thungan", DEMO_PASSWORD)
    view = counter.qr.start(actor, account_id(counter, next(place.codes)))
    bank_pays(place, view.reference or "")
    central = place.central
    real_clock = central.clock
    try:
        assert central.unrecorded_intents() == []  # within the grace: the counter may yet
        central.clock = lambda: real_clock() + central.vietqr_grace + dt.timedelta(seconds=5)
        [late] = central.unrecorded_intents()
        assert (late["reference"], late["amount"]) == (view.reference, view.amount)
        central.alerts()  # a supervisor looks: the alert is raised (and kept)
        capsys.readouterr()
        assert central_main(["--db", place.db, "alerts", "--json"]) == 0
        alerts = [a for a in json.loads(capsys.readouterr().out)
                  if a["kind"] == "vietqr-unrecorded" and a["op_key"] == view.reference]
        assert len(alerts) == 1 and "chưa gửi khoản thu" in alerts[0]["message"]
        # raised once, however often the alerts are read
        central.alerts()
        assert [a["op_key"] for a in central.alerts()
                if a["kind"] == "vietqr-unrecorded"].count(view.reference) == 1
        [unit] = [u for u in central.stats() if u["unit"] == UNIT]
        assert unit["vietqr_unrecorded"] == 1
        # the counter follows it (its dialog is still open: a poll, no cancel) and pushes
        assert counter.qr.follow_once() == 0
        counter.link.sync_once()
        assert central.unrecorded_intents() == []
        [unit] = [u for u in central.stats() if u["unit"] == UNIT]
        assert unit["vietqr_unrecorded"] == 0
    finally:
        central.clock = real_clock
    agreed(counter, place, view.key, paid=True)
