"""A torn write-ahead log after a crash: committed payments the store lost come back from
the operation log, reach central once, and no receipt number is handed out twice."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.models import Payment
from central.service import Central
from db.demo import DEMO_PASSWORD
from desktop.app import build_app
from desktop.sim import accounts_with_unpaid_bills
from tests.children import kill_after_lines
from tests.staff import on_shift

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.mark.parametrize("cut", ["half", "deleted"])
def test_a_torn_wal_loses_no_payment_and_reuses_no_number(
        tmp_path: Path, central: Central, url: str, cut: str) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    app.link.sync_once()
    app.close()
    # 40 payments, the process killed right after the 40th is on screen (on disk)
    run = kill_after_lines(
        [sys.executable, "-m", "desktop", "simulate-counter", "--payments", "40", "--seed", "2",
         "--staff", "thungan", "--data-dir", str(store.parent)], 40,
        env={**os.environ, "QUAYTHU_STAFF_PASSWORD": DEMO_PASSWORD})
    printed = [line.split() for line in run.lines if line.count(" ") == 2]
    assert run.killed and len(printed) == 40
    wal = store.with_name(store.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the payments were still in the log
    if cut == "half":
        os.truncate(wal, wal.stat().st_size // 2)
    else:
        wal.unlink()
    store.with_name(store.name + "-shm").unlink(missing_ok=True)
    again = build_app(store, create=False)
    try:
        assert again.recovery is not None and again.recovery.operations > 0  # lost, then found
        top = max(int(receipt.rsplit("-", 1)[1]) for _key, receipt, _a in printed)
        assert again.recovery.receipt_seq == top
        # the next payment's number follows the last one a customer holds
        nxt = again.payments.take_cash(on_shift(again), accounts_with_unpaid_bills(again)[-1])
        assert int(nxt.receipt_no.rsplit("-", 1)[1]) == top + 1
        for _ in range(3):
            again.link.sync_once()
        assert again.sync.status().pending == 0
    finally:
        again.close()
    keys = {key for key, _r, _a in printed} | {nxt.key}
    with central.sessions() as s:
        counts = dict(s.execute(select(Payment.key, func.count()).where(Payment.key.in_(keys))
                                .group_by(Payment.key)).all())
    assert set(counts) == keys, "a payment the cashier saw did not reach central"
    assert set(counts.values()) == {1}, "a payment was applied twice"
    # the journal lines the store lost came back too: central's chain is whole
    assert all(a["kind"] != "audit-chain-broken" for a in central.alerts())


def test_a_restored_old_copy_reuses_no_number_and_central_refuses_nothing(
        tmp_path: Path, central: Central, url: str) -> None:
    """'Restore a copy' used to hand the copy's receipt numbers out again: central then
    refused every new payment (conflict) and journal line (audit-chain-broken) for good."""
    import shutil
    import sqlite3

    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    app.close()
    old = tmp_path / "copy.db"
    src = sqlite3.connect(store)
    try:
        dst = sqlite3.connect(old)
        src.backup(dst)
        dst.close()
    finally:
        src.close()
    app = build_app(store, create=False)
    taken = [app.payments.take_cash(cashier, a).receipt_no
             for a in accounts_with_unpaid_bills(app)[:5]]
    app.link.sync_once()  # all five at central, answered
    app.close()
    for suffix in ("", "-wal", "-shm"):
        store.with_name(store.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(old, store)  # the old copy, put back
    again = build_app(store, create=False)
    try:
        assert again.recovery is not None and again.recovery.journal_lines > 0
        nxt = again.payments.take_cash(on_shift(again), accounts_with_unpaid_bills(again)[-1])
        assert nxt.receipt_no not in taken
        assert int(nxt.receipt_no.rsplit("-", 1)[1]) == len(taken) + 1
        report = again.link.sync_once()
        assert report.rejected == 0 and report.applied == 1
    finally:
        again.close()
    assert all(a["kind"] != "audit-chain-broken" for a in central.alerts())


def test_backup_then_restore_without_its_log_trusts_central_over_the_copy(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """quaythu backup / restore: the copy is put back; with ops.log gone too, the next sync
    still makes receipt numbers continue after central's, and a journal shorter than
    central's is said to the supervisor while cash goes on: the next lines continue
    central's chain (re-chained onto it where they fork), and central applies them."""
    import json

    from desktop.cli import main

    store = tmp_path / "counter" / "quaythu.db"
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    app.link.sync_once()
    cashier = on_shift(app)
    app.close()
    assert main(["backup", "--data-dir", str(store.parent)]) == 0
    backup = Path(json.loads(capsys.readouterr().out)["backup"])
    assert backup.exists() and backup.with_suffix(".ops.log").exists()
    app = build_app(store, create=False)
    taken = [app.payments.take_cash(cashier, a).receipt_no
             for a in accounts_with_unpaid_bills(app)[:4]]
    app.link.sync_once()
    app.close()
    (store.parent / "ops.log").unlink()  # the worst case: the second copy lost as well
    assert main(["restore", str(backup), "--data-dir", str(store.parent)]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert Path(answer["previous_files"]).is_dir()  # nothing thrown away
    # the mark kept outside the data folder still knows the last number handed out
    assert answer["receipt_seq_raised_to"] == len(taken)
    again = build_app(store, create=False)
    try:
        again.link.sync_once()
        with again.sessions() as s:
            from db.models import DeviceState

            assert s.get(DeviceState, 1).receipt_seq == len(taken)  # central's last number
        assert again.store_problem is None
        assert [i for i in again.sync.open_issues()
                if i.reason == "journal-behind" and "thiếu" in i.message]
        later = again.payments.take_cash(on_shift(again), accounts_with_unpaid_bills(again)[-1])
        assert later.receipt_no not in taken
        report = again.link.sync_once()
        assert report.rejected == 0 and report.applied == 1
    finally:
        again.close()

