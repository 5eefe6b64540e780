"""Taken money is never refused for a number (issue 28): a data folder put back by hand
from an old copy AND the mark kept outside it lost too, then cash taken offline. The
counter's journal goes on from the copy's last line and forks from the chain central
holds; before the push the counter re-chains its unsent lines onto central's head (the
old ones kept as evidence), so central applies every payment exactly once, the counter's
supervisor sees a sync issue and central's an alert, and a restart puts nothing back."""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import func, select

from central.models import AuditLine, Bill, Payment
from central.service import Central
from db.models import AuditEntry, OutboxOp, RefusedRow
from db.models import Bill as LocalBill
from desktop.app import App, build_app
from desktop.contract import canonical, chain_hash
from desktop.rowseal import REBASED
from desktop.sim import accounts_with_unpaid_bills
from desktop.vault import MARK_FILE, _slot, key_root
from tests.staff import on_shift

UNIT = "PE1400"
FILES = ("quaythu.db", "quaythu.db-wal", "quaythu.db-shm", "ops.log")


def copy_folder(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        if (src / name).exists():
            shutil.copyfile(src / name, dst / name)


def put_back_without_the_mark(store: Path, copy: Path) -> None:
    for name in FILES:  # the copy put back over the folder, by hand
        (store.parent / name).unlink(missing_ok=True)
    copy_folder(copy, store.parent)
    (key_root() / _slot(store.parent) / MARK_FILE).unlink()  # and the mark lost too


def forked_counter(tmp_path: Path, central: Central, url: str) -> tuple[Path, list[int]]:
    """Enrolled, cash taken and synced; copied; more cash taken and synced; the copy put
    back and the mark deleted. The store, and the accounts central holds paid."""
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    accounts = accounts_with_unpaid_bills(app)
    app.payments.take_cash(cashier, accounts[0])
    assert app.link.sync_once().rejected == 0
    app.close()
    copy_folder(store.parent, tmp_path / "copy")
    app = build_app(store, create=False)
    cashier = on_shift(app)
    for account in accounts[1:3]:
        app.payments.take_cash(cashier, account)
    assert app.link.sync_once().rejected == 0
    app.close()
    put_back_without_the_mark(store, tmp_path / "copy")
    return store, accounts[:3]


def unpaid_bills(app: App, account: int) -> list[str]:
    with app.sessions() as s:
        return list(s.scalars(select(LocalBill.bill_no).where(
            LocalBill.account_id == account, LocalBill.status == "unpaid")))


def test_cash_taken_on_an_old_copy_with_its_mark_lost_is_applied_once(
        tmp_path: Path, central: Central, url: str) -> None:
    store, paid_at_central = forked_counter(tmp_path, central, url)
    with central.sessions() as s:
        central_lines = s.scalar(select(func.count()).select_from(AuditLine))
    again = build_app(store, create=False)
    try:
        cashier = on_shift(again)
        fresh = [a for a in accounts_with_unpaid_bills(again) if a not in paid_at_central][:3]
        bills = {a: unpaid_bills(again, a) for a in fresh}
        taken = [again.payments.take_cash(cashier, a) for a in fresh]
        report = again.link.sync_once()
        assert report.rejected == 0 and report.applied >= 3
        issues = again.sync.open_issues()
        assert [i for i in issues if i.reason == REBASED and "nối" in i.message], issues
        assert not [i for i in issues if i.kind == "rejected"], issues
        # numbers handed out offline that central held (nothing on the machine knew
        # better): applied by operation key, each clash said to the supervisor
        assert {i.op_key for i in issues if i.kind == "clash"} <= {t.key for t in taken}
        assert [i for i in issues if i.kind == "clash"], issues
        with again.sessions() as s:  # the forked lines kept as evidence, not in the journal
            kept = list(s.scalars(select(RefusedRow.key).where(RefusedRow.source == REBASED)))
            assert kept and not s.scalar(select(func.count()).select_from(AuditEntry)
                                         .where(AuditEntry.key.in_(kept)))
        # the mark follows the new head: the next line continues central's chain
        mark = json.loads((key_root() / _slot(store.parent) / MARK_FILE).read_text())
        with again.sessions() as s:
            top = s.execute(select(AuditEntry.seq, AuditEntry.hash)
                            .order_by(AuditEntry.seq.desc()).limit(1)).one()
        assert (mark["journal_seq"], mark["journal_hash"]) == tuple(top)
        second = again.link.sync_once()
        assert second.pushed == 0 and second.rejected == 0  # nothing sent twice
        later = again.payments.take_cash(cashier, accounts_with_unpaid_bills(again)[-1])
        assert again.link.sync_once().rejected == 0
    finally:
        again.close()
    with central.sessions() as s:
        # after the sync the counter numbers after central's last receipt: none reissued
        assert s.scalar(select(func.count()).select_from(Payment)
                        .where(Payment.receipt_no == later.receipt_no)) == 1
        for t in [*taken, later]:
            assert s.scalar(select(func.count()).select_from(Payment)
                            .where(Payment.key == t.key)) == 1
        for account, nos in bills.items():
            assert nos and set(s.scalars(select(Bill.status).where(Bill.bill_no.in_(nos)))) \
                == {"paid"}, account
        assert int(s.scalar(select(func.count()).select_from(AuditLine)) or 0) \
            > int(central_lines or 0)
    alerts = central.alerts()
    assert [a for a in alerts if a["kind"] == REBASED], alerts
    assert not [a for a in alerts if a["kind"] in ("audit-chain-broken", "journal-rejected")]
    # a restart: recover puts back nothing, refuses nothing
    third = build_app(store, create=False)
    try:
        recovery = third.recovery
        assert recovery is not None
        assert (recovery.operations, recovery.journal_lines, recovery.broken_chain,
                recovery.forged, recovery.unsealed) == (0, 0, 0, 0, 0), recovery
        report = third.link.sync_once()
        assert report.pushed == 0 and report.rejected == 0
    finally:
        third.close()
    with central.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Payment).where(
            Payment.key.in_([t.key for t in taken]))) == 3
    assert len([a for a in central.alerts() if a["kind"] == REBASED]) == 1


def test_a_line_planted_in_the_store_is_never_rechained(
        tmp_path: Path, central: Central, url: str) -> None:
    store, paid_at_central = forked_counter(tmp_path, central, url)
    again = build_app(store, create=False)
    try:
        cashier = on_shift(again)
        account = next(a for a in accounts_with_unpaid_bills(again) if a not in paid_at_central)
        taken = again.payments.take_cash(cashier, account)
        # someone who can write quaythu.db adds a line continuing the local chain, with its
        # outbox row: no seal (they do not have the key kept outside the data folder)
        with sqlite3.connect(store) as db:
            seq, top = db.execute("SELECT seq, hash FROM audit_journal ORDER BY seq DESC "
                                  "LIMIT 1").fetchone()
            entry = {"seq": seq + 1, "at": "2026-01-01T00:00:00+00:00", "device": "",
                     "staff": "", "action": "planted", "subject": "PLANTED", "detail": {}}
            digest, key = chain_hash(top, entry), str(uuid.uuid4())
            db.execute("INSERT INTO audit_journal (seq, key, entry, prev_hash, hash) "
                       "VALUES (?, ?, ?, ?, ?)", (seq + 1, key, canonical(entry), top, digest))
            db.execute("INSERT INTO outbox (key, kind, data, created_at, attempts, state) "
                       "VALUES (?, 'audit', ?, '2026-01-01 00:00:00.000000', 0, 'pending')",
                       (key, canonical({"seq": seq + 1, "prev_hash": top, "hash": digest,
                                        "entry": entry})))
        report = again.link.sync_once()
        assert report.rejected == 0
        issues = again.sync.open_issues()
        assert [i for i in issues if i.reason == REBASED], issues
        assert [i for i in issues if i.reason == "unsealed" and i.op_key == key], issues
        with again.sessions() as s:
            assert s.scalar(select(RefusedRow.source).where(RefusedRow.key == key)) \
                == "audit_journal"
            assert s.scalar(select(AuditEntry.seq).where(AuditEntry.key == key)) is None
            assert s.scalar(select(OutboxOp.state).where(OutboxOp.key == key)) == "quarantine"
            assert "PLANTED" not in "".join(s.scalars(select(AuditEntry.entry)))
    finally:
        again.close()
    with central.sessions() as s:
        assert s.scalar(select(Payment.key).where(Payment.key == taken.key)) == taken.key
        assert not [e for e in s.scalars(select(AuditLine.entry)) if "PLANTED" in e]


def test_lines_lost_with_the_folder_leave_no_gap_central_would_refuse(
        tmp_path: Path, central: Central, url: str) -> None:
    """The mark kept: but the lost folder had journal lines central never got (cash taken
    after its last sync). The mark's last line is one central does not hold: the lines
    written after it are re-chained onto central's head instead of being refused."""
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    assert app.link.sync_once().rejected == 0
    app.close()
    copy_folder(store.parent, tmp_path / "copy")
    app = build_app(store, create=False)
    cashier = on_shift(app)
    accounts = accounts_with_unpaid_bills(app)
    app.payments.take_cash(cashier, accounts[0])
    assert app.link.sync_once().rejected == 0
    app.payments.take_cash(cashier, accounts[1])  # never synced: lost with the folder
    app.close()
    for name in FILES:
        (store.parent / name).unlink(missing_ok=True)
    copy_folder(tmp_path / "copy", store.parent)  # the mark stays
    again = build_app(store, create=False)
    try:
        cashier = on_shift(again)
        taken = again.payments.take_cash(cashier, accounts[2])
        report = again.link.sync_once()
        assert report.rejected == 0 and report.applied >= 1
        assert [i for i in again.sync.open_issues() if i.reason == REBASED]
    finally:
        again.close()
    with central.sessions() as s:
        assert s.scalar(select(Payment.key).where(Payment.key == taken.key)) == taken.key


def test_a_copy_put_back_over_unsent_cash_with_its_mark_kept_refuses_nothing_after(
        tmp_path: Path, central: Central, url: str) -> None:
    """The data folder (store and ops.log) put back from this morning's copy over two
    payments not yet sent (offline), the mark outside the folder intact. The store holds
    central's head, but the counter's next lines go on after the mark's line, which central
    never received: they are re-chained onto central's head before the push, so every
    payment taken after the put-back is applied once, said to both supervisors."""
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    app.close()
    copy_folder(store.parent, tmp_path / "copy")
    app = build_app(store, create=False)
    accounts = accounts_with_unpaid_bills(app)
    lost = [app.payments.take_cash(cashier, a) for a in accounts[:2]]
    app.close()  # offline: never sent
    for name in FILES:
        (store.parent / name).unlink(missing_ok=True)
    copy_folder(tmp_path / "copy", store.parent)  # the mark kept

    again = build_app(store, create=False)
    try:
        assert again.recovery is not None and again.recovery.put_back  # said at start
        assert again.recovery.operations == 0  # the copy's log never had them either
        cashier = on_shift(again)
        later = [again.payments.take_cash(cashier, a) for a in accounts[2:4]]
        report = again.link.sync_once()
        assert report.rejected == 0 and report.applied >= 2
        issues = again.sync.open_issues()
        assert [i for i in issues if i.reason == REBASED], issues
        assert not [i for i in issues if i.kind == "rejected"], issues
        assert again.link.sync_once().pushed == 0  # nothing sent twice
        third = again.payments.take_cash(cashier, accounts[4])
        assert again.link.sync_once().rejected == 0
        later.append(third)
    finally:
        again.close()
    with central.sessions() as s:
        for t in later:
            assert s.scalar(select(func.count()).select_from(Payment)
                            .where(Payment.key == t.key)) == 1
        # the lost payments are on no machine any more: central never heard of them
        assert not s.scalar(select(func.count()).select_from(Payment)
                            .where(Payment.key.in_([t.key for t in lost])))
    alerts = central.alerts()
    assert [a for a in alerts if a["kind"] == REBASED], alerts
    assert not [a for a in alerts if a["kind"] in ("audit-chain-broken", "journal-rejected")]


def test_the_last_unsent_payment_erased_from_the_folder_stops_no_later_payment(
        tmp_path: Path, central: Central, url: str) -> None:
    """The counter's last, unsent payment erased: its journal line and both outbox rows
    out of the store, their signed ops.log lines replaced by junk. The erasure is said
    (the log behind the mark, a damaged line); the next payment's line forks from central's head and is
    re-chained, so it is applied."""
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    accounts = accounts_with_unpaid_bills(app)[:3]
    app.payments.take_cash(cashier, accounts[0])
    app.link.sync_once()
    erased = app.payments.take_cash(cashier, accounts[1]).key  # taken, not yet sent
    app.close()
    db = sqlite3.connect(store)
    line_key, seq = db.execute("SELECT key, seq FROM audit_journal ORDER BY seq DESC "
                               "LIMIT 1").fetchone()
    db.execute("DROP TRIGGER IF EXISTS audit_journal_no_delete")
    db.execute("DELETE FROM audit_journal WHERE seq = ?", (seq,))
    db.execute("DELETE FROM outbox WHERE key IN (?, ?)", (erased, line_key))
    db.commit()
    db.close()
    log = store.parent / "ops.log"
    out = []
    for raw in log.read_bytes().splitlines(keepends=True):
        key = json.loads(raw).get("r", {}).get("op", {}).get("key")
        out.append(b"\x00torn\n" if key in (erased, line_key) else raw)
    log.write_bytes(b"".join(out))

    again = build_app(store, create=False)
    try:
        r = again.recovery
        # the log's last two lines: behind the mark (said as a folder put back), and the
        # first of the two junk lines is no power cut's (only the last line can be torn)
        assert r is not None and r.put_back and r.damaged_lines == 1, r
        assert r.put_back in again.start_notices()
        assert any("dòng hỏng" in n for n in again.start_notices())
        later = again.payments.take_cash(on_shift(again), accounts[2]).key
        assert again.link.sync_once().rejected == 0
        assert [i for i in again.sync.open_issues() if i.reason == REBASED]
    finally:
        again.close()
    with central.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Payment)
                        .where(Payment.key == later)) == 1
        assert not s.scalar(select(func.count()).select_from(Payment)
                            .where(Payment.key == erased))


def test_a_store_put_back_over_unsent_cash_its_log_kept_loses_nothing(
        tmp_path: Path, central: Central, url: str) -> None:
    """Only quaythu.db put back from the copy, ops.log left as it was: the unsent
    payments and their journal lines come back from the signed log, nothing forks, and
    every payment, before and after, reaches central once."""
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    app.close()
    copy_folder(store.parent, tmp_path / "copy")
    app = build_app(store, create=False)
    accounts = accounts_with_unpaid_bills(app)
    lost = [app.payments.take_cash(cashier, a) for a in accounts[:2]]
    app.close()
    for name in FILES[:3]:
        (store.parent / name).unlink(missing_ok=True)
        if (tmp_path / "copy" / name).exists():
            shutil.copyfile(tmp_path / "copy" / name, store.parent / name)
    again = build_app(store, create=False)
    try:
        assert again.recovery is not None and again.recovery.operations >= 2
        later = again.payments.take_cash(on_shift(again), accounts[2])
        assert again.link.sync_once().rejected == 0
        assert not [i for i in again.sync.open_issues() if i.reason == REBASED]
    finally:
        again.close()
    with central.sessions() as s:
        for t in [*lost, later]:
            assert s.scalar(select(func.count()).select_from(Payment)
                            .where(Payment.key == t.key)) == 1
