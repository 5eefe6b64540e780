"""ops.log lines planted in the old unkeyed format, then the data folder moved to a new
path (a new PC, another drive, a lost key): the new key must not "sign the legacy log"
(issue 28, fix A). A log that holds signed lines under a key this counter no longer has
is kept as it is, said on screen and by ``quaythu recover``, and nothing in it is
imported: the planted payment never reaches central."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from central.models import Bill, Payment
from central.service import Central
from db.models import OutboxOp
from desktop.app import build_app
from desktop.cli import main
from desktop.contract import audit_data, canonical, chain_hash
from desktop.sim import accounts_with_unpaid_bills
from tests.security.test_second_copy import unkeyed_line
from tests.security.test_token_holders import unpaid
from tests.staff import on_shift

UNIT = "PE1400"


def bill_status(central: Central, bill_no: str) -> str | None:
    with central.sessions() as s:
        return s.scalar(select(Bill.status).where(Bill.bill_no == bill_no))


def test_planted_unkeyed_lines_in_a_moved_folder_are_never_signed_nor_paid(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    real = app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
    app.link.sync_once()
    genuine = next(r["op"] for r in app.oplog.records() if r and "op" in r
                   and r["op"]["kind"] == "payment")
    app.close()
    data = json.loads(genuine["data"])
    # another customer's unpaid bill, the next receipt number, a journal line that
    # continues the chain: everything but the key
    account, bill_no, amount = unpaid(central)
    head, num = real.receipt_no.rsplit("-", 1)
    receipt = f"{head}-{int(num) + 1:0{len(num)}d}"
    pay_key, line_key = str(uuid.uuid4()), str(uuid.uuid4())
    created = dt.datetime.now(dt.UTC).isoformat()
    pay = {**data, "account_code": account, "receipt_no": receipt, "amount": amount,
           "bills": [{"bill_no": bill_no, "amount": amount}]}
    db = sqlite3.connect(store)
    seq, prev = db.execute("SELECT seq, hash FROM audit_journal ORDER BY seq DESC "
                           "LIMIT 1").fetchone()
    template = next(json.loads(e) for (e,) in db.execute(
        "SELECT entry FROM audit_journal ORDER BY seq DESC") if json.loads(e)["action"] == "payment")
    db.close()
    entry = {**template, "seq": seq + 1, "at": pay["paid_at"], "subject": receipt,
             "detail": {**template["detail"], "key": pay_key, "account": account,
                        "amount": amount, "bills": [bill_no]}}
    if pay.get("change_credit"):
        entry["detail"]["change_credit"] = pay["change_credit"]
    else:
        entry["detail"].pop("change_credit", None)
    digest = chain_hash(prev, entry)
    journal = {"op": {"key": line_key, "kind": "audit", "created_at": created,
                      "data": canonical(audit_data(seq=seq + 1, prev_hash=prev, digest=digest,
                                                   entry=entry))}}
    payment = {"op": {"key": pay_key, "kind": "payment", "created_at": created,
                      "data": json.dumps(pay)}}
    log = store.parent / "ops.log"
    with log.open("a", encoding="utf-8") as fh:
        fh.write(unkeyed_line(journal))
        fh.write(unkeyed_line(payment))
    signed_before = [line for line in log.read_text("utf-8").splitlines() if '"mac"' in line]
    assert signed_before
    moved = tmp_path / "moved"
    shutil.copytree(store.parent, moved)  # a new path: a new key slot, no key

    rc = main(["recover", "--data-dir", str(moved)])
    said = json.loads(capsys.readouterr().out)
    assert rc != 0
    assert said["log_key_missing"] is True
    assert said["forged_log_lines_refused"] >= 2
    assert said["operations_restored"] == 0
    assert any("khoá" in n and "ops.log" in n for n in said["notices"]), said["notices"]
    # the log is kept whole: every genuine signed line, and the planted lines unsigned
    after = (moved / "ops.log").read_text("utf-8").splitlines()
    for line in signed_before:
        assert line in after
    assert not any(pay_key in line and '"mac"' in line for line in after)

    again = build_app(moved / "quaythu.db", create=False)
    try:
        assert any("khoá" in n for n in again.start_notices())
        with again.sessions() as s:
            assert pay_key not in set(s.scalars(select(OutboxOp.key)))
        again.link.sync_once()
    finally:
        again.close()
    capsys.readouterr()
    main(["status", "--json", "--data-dir", str(moved)])
    status = json.loads(capsys.readouterr().out)
    assert status["log_key_missing"] is True
    assert bill_status(central, bill_no) == "unpaid"
    with central.sessions() as s:
        assert s.scalar(select(Payment).where(Payment.key == pay_key)) is None


def test_a_log_from_before_the_mac_is_signed_once_and_never_again(tmp_path: Path) -> None:
    """A store from before the MAC (never marked signed) whose log holds only unkeyed
    lines: its lines are signed at the first start; an unkeyed line written after that
    is refused as any planted line is."""
    store = tmp_path / "counter" / "quaythu.db"
    build_app(store).close()
    db = sqlite3.connect(store)
    db.execute("DELETE FROM store_marks")  # as a store migrated from before the MAC
    db.commit()
    db.close()
    log = store.parent / "ops.log"
    log.write_text(unkeyed_line({"ack": ["old-1"]}), encoding="utf-8")
    app = build_app(store, create=False)
    try:
        assert list(app.oplog.records()) == [{"ack": ["old-1"]}]
        assert app.recovery is not None and not app.recovery.forged
    finally:
        app.close()
    assert '"mac"' in log.read_text("utf-8")
    with log.open("a", encoding="utf-8") as fh:
        fh.write(unkeyed_line({"ack": ["planted"]}))
    again = build_app(store, create=False)
    try:
        assert list(again.oplog.records()) == [{"ack": ["old-1"]}, None]
        assert again.recovery is not None and again.recovery.forged == 1
        assert not again.recovery.key_missing
    finally:
        again.close()
