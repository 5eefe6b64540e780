"""Damaged operations in the outbox: one unreadable row is set aside and never blocks the
rest; a payment whose row disagrees with its hash-chained journal line is refused by central
and shown to a supervisor (DESIGN.md, what QuayThu promises about money, 4 and 5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.models import Payment
from central.service import Central
from desktop.app import App, build_app
from desktop.link.sync.engine import SyncEngine
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import on_shift

UNIT = "PE1400"


@pytest.fixture
def counter(synced_counter: App) -> App:
    return synced_counter


def three_payments(app: App) -> list[str]:
    cashier = on_shift(app)
    return [app.payments.take_cash(cashier, a).key for a in accounts_with_unpaid_bills(app)[:3]]


def at_central(central: Central) -> set[str]:
    with central.sessions() as s:
        return set(s.scalars(select(Payment.key)))


def test_an_unreadable_outbox_row_is_set_aside_and_the_rest_are_pushed(
        counter: App, central: Central) -> None:
    keys = three_payments(counter)
    con = sqlite3.connect(counter.store_path)
    # a torn page: the middle payment's row is no longer UTF-8
    con.execute("UPDATE outbox SET data = CAST(X'7B22616D6F756E74223AFFFE' AS TEXT) "
                "WHERE key = ?", (keys[1],))
    con.commit()
    con.close()
    report = counter.link.sync_once()
    assert report.applied == 2
    assert at_central(central) >= {keys[0], keys[2]} and keys[1] not in at_central(central)
    status = counter.sync.status()
    assert status.quarantined == 1 and status.pending == 0
    [issue] = [i for i in counter.sync.open_issues() if i.kind == "quarantined"]
    assert issue.op_key == keys[1] and "để riêng" in issue.message
    # the next syncs go on, and the damaged row is kept (it may be money), not deleted
    counter.link.sync_once()
    con = sqlite3.connect(counter.store_path)
    assert con.execute("SELECT state FROM outbox WHERE key = ?", (keys[1],)).fetchone() == (
        "quarantine",)
    con.close()


def flip_paid_at(app: App, key: str) -> None:
    con = sqlite3.connect(app.store_path)
    data = con.execute("SELECT data FROM outbox WHERE key = ?", (key,)).fetchone()[0]
    assert '"paid_at": "2026' in data or '"paid_at":"2026' in data
    con.execute("UPDATE outbox SET data = replace(data, '\"paid_at\": \"2026', "
                "'\"paid_at\": \"2027') WHERE key = ?", (key,))
    con.commit()
    con.close()


def test_a_payment_flipped_in_the_outbox_never_leaves_the_counter(
        counter: App, central: Central) -> None:
    """The row's seal (desktop.rowseal) no longer matches: the counter sets it aside and
    says so before central ever sees it (issue 28)."""
    keys = three_payments(counter)
    flip_paid_at(counter, keys[1])
    report = counter.link.sync_once()
    assert report.applied == 2 and report.rejected == 0
    assert keys[1] not in at_central(central)
    [issue] = [i for i in counter.sync.open_issues() if i.op_key == keys[1]]
    assert issue.reason == "unsealed" and "mã xác thực" in issue.message
    assert counter.sync.status().quarantined == 1


def test_a_payment_flipped_in_the_outbox_is_refused_against_its_journal_line(
        counter: App, central: Central) -> None:
    """Sent anyway (a sync that does not check the counter's seals): central refuses it
    against its hash-chained journal line."""
    keys = three_payments(counter)
    flip_paid_at(counter, keys[1])
    report = SyncEngine(counter.sessions, counter.link.client(),
                        writes=counter.writes).sync_once()
    assert report.applied == 2 and report.rejected == 1
    assert keys[1] not in at_central(central)
    [issue] = [i for i in counter.sync.open_issues() if i.op_key == keys[1]]
    assert issue.reason == "journal-mismatch" and "paid_at" in issue.message
    assert [a["kind"] for a in central.alerts() if a.get("op_key") == keys[1]] == [
        "journal-mismatch"]


def test_unsent_operations_leave_a_store_that_cannot_sync_in_a_signed_bundle_once(
        tmp_path: Path, counter: App, central: Central,
        capsys: pytest.CaptureFixture[str]) -> None:
    """export-unsent takes what the store can still give and the rest from ops.log;
    central applies the bundle once, a second import changes nothing, a forged one is
    refused."""
    import json

    from central.__main__ import main as central_main
    from desktop.cli import main

    keys = three_payments(counter)
    store, data = counter.store_path, str(counter.data_dir)
    counter.close()
    con = sqlite3.connect(store)  # a lost page: two rows gone from the outbox
    con.execute("DELETE FROM outbox WHERE key IN (?, ?)", (keys[0], keys[2]))
    con.commit()
    con.close()
    out = tmp_path / "unsent.json"
    assert main(["export-unsent", "--out", str(out), "--data-dir", data]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["from_log_only"] >= 2 and said["unreadable_rows"] == 0
    db = str(tmp_path / "central.db")
    assert central_main(["--db", db, "import-bundle", str(out)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["results"].get("applied", 0) >= 3 and first["malformed"] == []
    assert at_central(central) >= set(keys)
    assert central_main(["--db", db, "import-bundle", str(out)]) == 0  # again: nothing more
    second = json.loads(capsys.readouterr().out)
    assert set(second["results"]) == {"duplicate"}
    forged = json.loads(out.read_text(encoding="utf-8"))
    forged["ops"][0]["data"]["amount"] = 1
    out.write_text(json.dumps(forged), encoding="utf-8")
    with pytest.raises(ValueError, match="signature"):
        central.import_bundle(forged)
    # (the counter's own next start finds it all answered: nothing is sent twice either)
    again = build_app(store, create=False)
    try:
        again.link.sync_once()
        assert again.sync.pending() == 0
    finally:
        again.close()
    with central.sessions() as s:
        counts = dict(s.execute(select(Payment.key, func.count()).where(Payment.key.in_(keys))
                                .group_by(Payment.key)).all())
    assert set(counts.values()) == {1}
