"""Rows written straight into quaythu.db by someone who can write the data folder (issue
28): a journal line with its chain hash recomputed and an outbox row paying another
customer's unpaid bill. The store and the hash chain carry no key; each row's seal
(desktop.rowseal) does. ``quaythu recover`` signs none of them into ops.log, the sync
pushes none, central's bill stays unpaid, the screen and ``quaythu status`` say so, and
the counter's genuine payments after that reach central exactly once. An edited amount
in a genuine unsent row is refused the same way (the signed log's copy goes instead).
A store from before the seal (migration 0026) keeps its genuine unsent payments."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, func, select

from central.models import Bill, Payment
from central.service import Central
from db.migrate import MIGRATIONS_DIR
from db.models import Account, OutboxOp, RefusedRow
from desktop.app import App, build_app
from desktop.cli import main
from desktop.contract import OutboxState, audit_data, canonical, chain_hash
from desktop.rowseal import UNSEALED
from desktop.sim import accounts_with_unpaid_bills
from tests.security.test_token_holders import unpaid
from tests.staff import on_shift
from ui.counter.main_window import MainWindow

UNIT = "PE1400"


def bill_status(central: Central, bill_no: str) -> str | None:
    with central.sessions() as s:
        return s.scalar(select(Bill.status).where(Bill.bill_no == bill_no))


def payments_at_central(central: Central, key: str) -> int:
    with central.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Payment)
                            .where(Payment.key == key)) or 0)


def genuine_payment_data(app: App) -> dict[str, Any]:
    """The body of a payment this counter logged (the forger's template)."""
    op = next(r["op"] for r in app.oplog.records() if r and "op" in r
              and r["op"]["kind"] == "payment")
    return dict(json.loads(op["data"]))


def plant(store: Path, template: dict[str, Any], victim: tuple[str, str, int],
          receipt: str) -> str:
    """As a person with write access to the store would: a payment for ``victim``'s bill
    and the journal line recording it, its chain hash recomputed after the store's last
    line; both rows in the outbox, the payment first (as the counter writes them). The
    planted payment's key."""
    account, bill_no, amount = victim
    pay_key, line_key = str(uuid.uuid4()), str(uuid.uuid4())
    pay = {**template, "account_code": account, "receipt_no": receipt, "amount": amount,
           "bills": [{"bill_no": bill_no, "amount": amount}]}
    pay.pop("change_credit", None)
    pay.pop("fees", None)
    db = sqlite3.connect(store)
    seq, prev = db.execute("SELECT seq, hash FROM audit_journal ORDER BY seq DESC "
                           "LIMIT 1").fetchone()
    model = next(json.loads(e) for (e,) in db.execute(
        "SELECT entry FROM audit_journal ORDER BY seq DESC")
        if json.loads(e)["action"] == "payment")
    entry = {**model, "seq": seq + 1, "at": pay["paid_at"], "subject": receipt,
             "detail": {"key": pay_key, "account": account, "method": "cash",
                        "amount": amount, "bills": [bill_no]}}
    digest = chain_hash(prev, entry)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    db.execute("INSERT INTO audit_journal (seq, key, entry, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?)", (seq + 1, line_key, canonical(entry), prev, digest))
    db.execute("INSERT INTO outbox (key, kind, data, created_at, attempts, state) "
               "VALUES (?, 'payment', ?, ?, 0, 'pending')", (pay_key, json.dumps(pay), now))
    db.execute("INSERT INTO outbox (key, kind, data, created_at, attempts, state) "
               "VALUES (?, 'audit', ?, ?, 0, 'pending')",
               (line_key, canonical(audit_data(seq=seq + 1, prev_hash=prev, digest=digest,
                                               entry=entry)), now))
    db.commit()
    db.close()
    return pay_key


def next_receipt(receipt_no: str, ahead: int = 1) -> str:
    head, num = receipt_no.rsplit("-", 1)
    return f"{head}-{int(num) + ahead:0{len(num)}d}"


def others(app: App, victim_account: str) -> list[int]:
    """Local ids of accounts that owe, the victim's left out."""
    with app.sessions() as s:
        codes = {r.id: r.code for r in s.execute(select(Account.id, Account.code))}
    return [a for a in accounts_with_unpaid_bills(app) if codes.get(a) != victim_account]


def enrolled(store: Path, central: Central, url: str) -> App:
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    return app


def test_planted_rows_are_never_signed_nor_pushed_and_genuine_payments_go_on(
        tmp_path: Path, central: Central, url: str, qtbot: QtBot,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    real = app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
    assert app.link.sync_once().rejected == 0
    template = genuine_payment_data(app)
    app.close()
    victim = unpaid(central, skip=20)
    pay_key = plant(store, template, victim, next_receipt(real.receipt_no))

    rc = main(["recover", "--data-dir", str(store.parent)])
    said = json.loads(capsys.readouterr().out)
    assert rc != 0
    # the journal line, its outbox row and the payment
    assert said["unsealed_rows_refused"] == 3 and said["unsealed_rows_open"] == 3
    assert said["operations_restored"] == 0 and said["copied_into_log"] == 0
    assert any("không do quầy này ghi" in n for n in said["notices"]), said["notices"]
    # never signed into the second copy
    assert pay_key not in (store.parent / "ops.log").read_text("utf-8")
    # nor into a bundle of unsent operations for central (signed with the device's key)
    out = tmp_path / "unsent.json"
    assert main(["export-unsent", "--out", str(out), "--data-dir", str(store.parent)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["unsealed_rows_left_out"] == 2
    assert pay_key not in out.read_text("utf-8")

    again = build_app(store, create=False)
    try:
        assert any("không do quầy này ghi" in n for n in again.start_notices())
        issues = [i for i in again.sync.open_issues() if i.reason == UNSEALED]
        assert any(i.op_key == pay_key for i in issues), issues
        assert all("mã xác thực" in i.message for i in issues)
        with again.sessions() as s:
            assert s.scalar(select(OutboxOp.state).where(OutboxOp.key == pay_key)) \
                == OutboxState.QUARANTINE
            # the planted journal line is out of the journal, kept as evidence
            assert s.scalar(select(func.count()).select_from(RefusedRow)) == 1
        report = again.link.sync_once()
        assert report.rejected == 0
        assert bill_status(central, victim[1]) == "unpaid"
        assert payments_at_central(central, pay_key) == 0
        # genuine payments after that: their journal lines continue the counter's own
        # chain (central applies a payment only where its journal records it)
        cashier = on_shift(again)
        window = MainWindow(again, actor=cashier)
        qtbot.addWidget(window)
        # said on screen, above the keys, where the cashier looks first
        assert "không do quầy này ghi" in window.start_notice.text()
        assert window.start_notice.isVisibleTo(window)
        later = [again.payments.take_cash(cashier, a) for a in others(again, victim[0])[:2]]
        report = again.link.sync_once()
        again.link.sync_once()
        assert report.applied == 2 and report.rejected == 0, report
        for taken in later:
            assert payments_at_central(central, taken.key) == 1
        assert not [i for i in again.sync.open_issues() if i.reason != UNSEALED]
    finally:
        again.close()
    capsys.readouterr()
    main(["status", "--json", "--data-dir", str(store.parent)])
    status = json.loads(capsys.readouterr().out)
    assert status["unsealed_rows"] == 3
    assert any("không do quầy này ghi" in n for n in status["notices"])


def test_rows_planted_while_the_counter_runs_are_not_pushed(
        tmp_path: Path, central: Central, url: str) -> None:
    """No start in between: the sync checks each row's seal before sending it, and the
    next journal line moves the planted one out of the chain before going on."""
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    try:
        cashier = on_shift(app)
        real = app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
        app.link.sync_once()
        victim = unpaid(central, skip=20)
        pay_key = plant(store, genuine_payment_data(app), victim,
                        next_receipt(real.receipt_no))
        report = app.link.sync_once()
        assert report.rejected == 0
        assert bill_status(central, victim[1]) == "unpaid"
        assert payments_at_central(central, pay_key) == 0
        assert any(i.op_key == pay_key and i.reason == UNSEALED
                   for i in app.sync.open_issues())
        taken = app.payments.take_cash(cashier, others(app, victim[0])[0])
        report = app.link.sync_once()
        assert report.applied == 1 and report.rejected == 0, report
        assert payments_at_central(central, taken.key) == 1
        assert pay_key not in (store.parent / "ops.log").read_text("utf-8")
    finally:
        app.close()


def test_an_edited_amount_in_an_unsent_payment_is_refused(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The genuine payment, unsent, its amount raised in the store: the edit is refused
    (said, never sent) and central gets the amount the counter took, once."""
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    taken = app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
    app.close()
    db = sqlite3.connect(store)
    (data,) = db.execute("SELECT data FROM outbox WHERE key = ?", (taken.key,)).fetchone()
    edited = json.loads(data)
    edited["amount"] += 500_000
    db.execute("UPDATE outbox SET data = ? WHERE key = ?", (json.dumps(edited), taken.key))
    db.commit()
    db.close()

    rc = main(["recover", "--data-dir", str(store.parent)])
    said = json.loads(capsys.readouterr().out)
    assert rc != 0 and said["unsealed_rows_refused"] == 1
    again = build_app(store, create=False)
    try:
        assert any(i.op_key == taken.key and i.reason == UNSEALED and "bị sửa" in i.message
                   for i in again.sync.open_issues())
        report = again.link.sync_once()
        assert report.applied == 1 and report.rejected == 0
    finally:
        again.close()
    with central.sessions() as s:
        amounts = list(s.scalars(select(Payment.amount).where(Payment.key == taken.key)))
    assert amounts == [taken.amount]


def test_an_edited_amount_while_the_counter_runs_is_set_aside_then_sent_as_taken(
        tmp_path: Path, central: Central, url: str) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    try:
        taken = app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
        db = sqlite3.connect(store)
        (data,) = db.execute("SELECT data FROM outbox WHERE key = ?", (taken.key,)).fetchone()
        edited = json.loads(data)
        edited["amount"] += 500_000
        db.execute("UPDATE outbox SET data = ? WHERE key = ?", (json.dumps(edited), taken.key))
        db.commit()
        db.close()
        app.link.sync_once()
        assert payments_at_central(central, taken.key) == 0  # the edit never left
        assert any(i.op_key == taken.key and i.reason == UNSEALED
                   for i in app.sync.open_issues())
    finally:
        app.close()
    # the next start puts back the operation as the signed log holds it
    again = build_app(store, create=False)
    try:
        assert again.link.sync_once().rejected == 0
        again.link.sync_once()
    finally:
        again.close()
    with central.sessions() as s:
        amounts = list(s.scalars(select(Payment.amount).where(Payment.key == taken.key)))
    assert amounts == [taken.amount]


def downgrade_to_0025(store: Path) -> None:
    """The store as the version before the seal left it (migration 0026 undone)."""
    engine = create_engine(f"sqlite:///{store}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0025")
    finally:
        engine.dispose()


def test_an_upgraded_store_keeps_its_genuine_unsent_payments(
        tmp_path: Path, central: Central, url: str) -> None:
    """Rows from before the seal are sealed at the upgrade where the signed ops.log proves
    them; a row planted before the upgrade is not in the log, and is refused."""
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
    app.link.sync_once()  # answered: its journal line's outbox row is gone
    victim = unpaid(central, skip=20)
    unsent = [app.payments.take_cash(cashier, a) for a in others(app, victim[0])[:2]]
    template = genuine_payment_data(app)
    app.close()
    downgrade_to_0025(store)
    db = sqlite3.connect(store)
    assert "mac" not in {r[1] for r in db.execute("PRAGMA table_info(outbox)")}
    db.close()
    pay_key = plant(store, template, victim, next_receipt(unsent[-1].receipt_no, 5))

    again = build_app(store, create=False)  # migrates to 0026, seals what is proven
    try:
        assert again.recovery is not None and again.recovery.unsealed == 3
        report = again.link.sync_once()
        again.link.sync_once()
        assert report.applied == 2 and report.rejected == 0, report
        issues = [i for i in again.sync.open_issues() if i.reason == UNSEALED]
        assert {i.op_key for i in issues} >= {pay_key}
        assert not {i.op_key for i in issues} & {t.key for t in unsent}
    finally:
        again.close()
    for taken in unsent:
        assert payments_at_central(central, taken.key) == 1
    assert payments_at_central(central, pay_key) == 0
    assert bill_status(central, victim[1]) == "unpaid"


def test_a_folder_moved_to_another_path_keeps_its_journal_whole(
        tmp_path: Path, central: Central, url: str) -> None:
    """A new path is a new key slot: no row of the store holds its seal under the new
    key. That is not a planted tail: no journal line is moved out, the chain goes on,
    and the start says the key is missing; the rows waiting are set aside, not lost."""
    import shutil

    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    waiting = app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
    app.close()
    moved = tmp_path / "moved"
    shutil.copytree(store.parent, moved)
    again = build_app(moved / "quaythu.db", create=False)
    try:
        assert again.recovery is not None and again.recovery.key_missing
        assert any("khoá" in n for n in again.start_notices())
        with again.sessions() as s:
            assert s.scalar(select(func.count()).select_from(RefusedRow)) == 0
            assert s.scalar(select(OutboxOp.state).where(OutboxOp.key == waiting.key)) \
                == OutboxState.QUARANTINE
        on_shift(again, "giamsat")  # a journal line under the new key
        assert again.audit.verify(None).ok
    finally:
        again.close()
