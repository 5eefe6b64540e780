"""A payment or a void held back at the counter while its journal line goes out (issue 28).

Someone who can write the data folder can stop a genuine operation without touching its
seal: the outbox row's state (``quarantine``, ``rejected``) and the payments table carry
none. A cashier who takes cash, hands over the receipt, then sets the payment's outbox
row aside and moves it out of the shift balances the drawer, and central never hears of
it; a void set aside leaves a refunded bill paid at central. The journal line recording
each still reaches central (cutting it breaks the chain for every later line, which
central refuses and alerts). So central checks, past the grace, that every payment and
void its journal lines record came: one ``journal-held-back`` alert per line, for a
supervisor, raised once however often the alerts are read.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from central.service import Central
from db.demo import DEMO_PASSWORD
from desktop.app import App, build_app
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.permissions import ApprovalAction
from tests.security.test_planted_store_rows import enrolled, payments_at_central
from tests.staff import on_shift


def sql(store: Path, query: str, *args: object) -> None:
    db = sqlite3.connect(store)
    try:
        db.execute(query, args)
        db.commit()
    finally:
        db.close()


@contextmanager
def past_the_grace(central: Central) -> Iterator[None]:
    real = central.clock
    central.clock = lambda: real() + central.vietqr_grace + dt.timedelta(seconds=5)
    try:
        yield
    finally:
        central.clock = real


def held_back(central: Central) -> list[dict[str, object]]:
    return [a for a in central.alerts() if a["kind"] == "journal-held-back"]


def reopened(store: Path) -> App:
    again = build_app(store, create=False)
    again.link.sync_once()
    again.link.sync_once()
    return again


def test_a_payment_kept_off_the_outbox_and_out_of_the_shift_is_alerted_at_central(
        tmp_path: Path, central: Central, url: str) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    first, second = accounts_with_unpaid_bills(app)[:2]
    hidden = app.payments.take_cash(cashier, first)
    kept = app.payments.take_cash(cashier, second)
    app.close()
    # the cashier pockets the first payment's cash: its row set aside, out of the shift
    sql(store, "UPDATE outbox SET state = 'quarantine' WHERE key = ?", hidden.key)
    sql(store, "UPDATE payments SET shift_id = -1 WHERE key = ?", hidden.key)
    again = reopened(store)
    try:
        assert payments_at_central(central, kept.key) == 1
        assert payments_at_central(central, hidden.key) == 0
        assert held_back(central) == []  # within the grace the counter may still send it
        with past_the_grace(central):
            [alert] = held_back(central)
            assert alert["op_key"] == hidden.key
            assert hidden.receipt_no in str(alert["message"])
            assert "chưa nhận khoản thu" in str(alert["message"])
            # raised once, however often a supervisor looks
            assert len(held_back(central)) == 1
            [unit] = [u for u in central.stats() if u["unit"] == "PE1400"]
            assert len(held_back(central)) == 1 and unit["payments_applied"] >= 1
    finally:
        again.close()


def test_a_void_set_aside_is_alerted_and_a_void_that_came_is_not(
        tmp_path: Path, central: Central, url: str) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    one, two = accounts_with_unpaid_bills(app)[:2]
    refunded = app.payments.take_cash(cashier, one)
    honest = app.payments.take_cash(cashier, two)
    app.link.sync_once()
    for taken in (refunded, honest):
        approval = app.auth.approve(cashier, ApprovalAction.VOID, taken.key, "giamsat",
                                    DEMO_PASSWORD, "Thu nhầm khách hàng")
        app.payments.void(cashier, taken.key, "Thu nhầm khách hàng", approval)
    app.close()
    db = sqlite3.connect(store)
    [(void_key,)] = [(k,) for k, d in db.execute(
        "SELECT key, data FROM outbox WHERE kind = 'void'") if refunded.key in d]
    db.close()
    sql(store, "UPDATE outbox SET state = 'rejected' WHERE key = ?", void_key)
    again = reopened(store)
    try:
        with past_the_grace(central):
            alerts = held_back(central)
        assert [a["op_key"] for a in alerts] == [refunded.key]
        assert "chưa nhận lệnh hủy" in str(alerts[0]["message"])
    finally:
        again.close()


def test_an_honest_counter_raises_no_such_alert(tmp_path: Path, central: Central,
                                                url: str) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    try:
        cashier = on_shift(app)
        for account_id in accounts_with_unpaid_bills(app)[:3]:
            app.payments.take_cash(cashier, account_id)
        app.link.sync_once()
        with past_the_grace(central):
            assert held_back(central) == []
            assert central.check_journal() == 0  # every line checked once, and done
    finally:
        app.close()
