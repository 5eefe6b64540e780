"""ops.log written by someone else than the counter (issue 28, finding 1): a person who
can write the data folder appends a payment, or an ``ack`` that would make the start skip
printed receipts. The lines carry a MAC under a key kept outside the data folder, so
both are refused, reported, and never reach central."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from central.models import Payment
from central.service import Central
from db.models import OutboxOp
from desktop.app import build_app
from desktop.cli import main
from desktop.contract import canonical
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import on_shift

UNIT = "PE1400"


def unkeyed_line(record: dict) -> str:
    """A line as anyone could write it: the record and its plain SHA-256."""
    return json.dumps({"sha": hashlib.sha256(canonical(record).encode()).hexdigest(),
                       "r": record}, ensure_ascii=False, separators=(",", ":")) + "\n"


def central_receipts(central: Central) -> set[str]:
    with central.sessions() as s:
        return set(s.scalars(select(Payment.receipt_no)))


def test_a_forged_payment_line_is_refused_reported_and_never_reaches_central(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    accounts = accounts_with_unpaid_bills(app)
    real = app.payments.take_cash(cashier, accounts[0])
    app.link.sync_once()
    op = next(r["op"] for r in app.oplog.records() if r and "op" in r
              and r["op"]["kind"] == "payment")
    data = json.loads(op["data"])
    kept = (op["created_at"],)
    app.close()
    # a payment for the same bills under a new key and the next receipt number: no cash
    number = real.receipt_no.rsplit("-", 1)
    forged_no = f"{number[0]}-{int(number[1]) + 1:0{len(number[1])}d}"
    data = {**data, "receipt_no": forged_no}
    record = {"op": {"key": "forged-0001", "kind": "payment", "data": json.dumps(data),
                     "created_at": kept[0]}}
    with (store.parent / "ops.log").open("a", encoding="utf-8") as fh:
        fh.write(unkeyed_line(record))
    assert main(["recover", "--data-dir", str(store.parent)]) == 1
    answer = json.loads(capsys.readouterr().out)
    assert answer["forged_log_lines_refused"] == 1
    assert answer["operations_restored"] == 0
    assert any("ops.log" in n for n in answer["notices"])
    again = build_app(store, create=False)
    try:
        again.link.sync_once()
        assert any("ops.log" in n for n in again.start_notices())
    finally:
        again.close()
    assert forged_no not in central_receipts(central)
    assert real.receipt_no in central_receipts(central)


def test_a_forged_ack_cannot_make_the_start_skip_printed_receipts(
        tmp_path: Path, central: Central, url: str) -> None:
    """The store lost the day's payments (an older copy put back); the log has them, and a
    forged ``ack`` says central answered them: they still reach central."""
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    app.close()
    old = tmp_path / "old.db"
    shutil.copyfile(store, old)
    app = build_app(store, create=False)
    taken = [app.payments.take_cash(cashier, a).receipt_no
             for a in accounts_with_unpaid_bills(app)[:2]]
    with app.sessions() as s:
        keys = list(s.scalars(select(OutboxOp.key)))
    app.close()
    with (store.parent / "ops.log").open("a", encoding="utf-8") as fh:
        fh.write(unkeyed_line({"ack": keys}))
    for suffix in ("", "-wal", "-shm"):
        store.with_name(store.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(old, store)
    again = build_app(store, create=False)
    try:
        assert again.recovery is not None
        assert again.recovery.forged == 1
        assert again.recovery.operations >= len(taken)
        again.link.sync_once()
    finally:
        again.close()
    assert set(taken) <= central_receipts(central)


def test_a_journal_line_that_does_not_continue_the_chain_is_refused_by_recover(
        tmp_path: Path, central: Central, url: str) -> None:
    """Even under a valid MAC (a key that leaked), a journal line must continue the chain."""
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    app.close()
    old = tmp_path / "old.db"
    shutil.copyfile(store, old)
    app = build_app(store, create=False)
    app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
    with app.sessions() as s:
        line = s.scalars(select(OutboxOp).where(OutboxOp.kind == "audit")
                         .order_by(OutboxOp.created_at.desc())).first()
        assert line is not None
        data = json.loads(line.data)
    # the same journal line, re-hashed from a made-up predecessor, signed with the key
    data = {**data, "prev_hash": "0" * 64}
    app.oplog.append([{"op": {"key": "forged-audit", "kind": "audit",
                              "data": json.dumps(data), "created_at": line.created_at.isoformat()}}])
    app.close()
    for suffix in ("", "-wal", "-shm"):
        store.with_name(store.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(old, store)
    again = build_app(store, create=False)
    try:
        assert again.recovery is not None and again.recovery.broken_chain >= 1
        with again.sessions() as s:
            assert s.scalar(select(OutboxOp).where(OutboxOp.key == "forged-audit")) is None
    finally:
        again.close()
