"""A row planted in ``refused_rows`` under the source ``journal-rechained`` (issue 28),
naming a genuine unsent journal line whose row (and outbox row) is deleted from
quaythu.db, ops.log left whole. Only the signed log's ``rechained`` records and the rows
the re-chaining sealed say a line was re-chained: the planted row is set aside and said,
the genuine line is put back from the signed log, and both payments reach central."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.models import Payment
from central.service import Central
from db.models import RefusedRow
from desktop.app import build_app
from desktop.rowseal import REBASED, UNSEALED
from desktop.sim import accounts_with_unpaid_bills
from tests.security.test_log_gaps import enrolled, recover
from tests.staff import on_shift


def test_a_planted_rechained_row_does_not_keep_a_genuine_line_out(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    accounts = accounts_with_unpaid_bills(app)[:3]
    app.payments.take_cash(cashier, accounts[0])
    app.link.sync_once()
    taken = app.payments.take_cash(cashier, accounts[1]).key  # not yet sent
    app.close()

    db = sqlite3.connect(store)
    line_key, seq = db.execute("SELECT key, seq FROM audit_journal ORDER BY seq DESC "
                               "LIMIT 1").fetchone()
    db.execute("DROP TRIGGER IF EXISTS audit_journal_no_delete")
    db.execute("DELETE FROM audit_journal WHERE seq = ?", (seq,))
    db.execute("DELETE FROM outbox WHERE key = ?", (line_key,))
    db.execute("INSERT INTO refused_rows (source, key, body, created_at) VALUES "
               "(?, ?, '{}', '2026-12-07 00:00:00')", (REBASED, line_key))
    db.commit()
    db.close()

    rc, said = recover(store, capsys)
    assert rc == 1
    assert said["journal_lines_restored"] == 1  # the genuine line, from the signed log
    assert said["unsealed_rows_refused"] >= 1
    assert any(n.startswith("Kho dữ liệu (quaythu.db)") for n in said["notices"]), said
    again = build_app(store, create=False)
    try:
        issues = [i for i in again.sync.open_issues() if i.reason == UNSEALED]
        assert [i for i in issues if i.op_key == line_key[:36]], issues
        with again.sessions() as s:  # set aside: no longer read as a re-chained line
            assert not s.scalar(select(func.count()).select_from(RefusedRow).where(
                RefusedRow.source == REBASED))
        later = again.payments.take_cash(on_shift(again), accounts[2]).key
        assert again.link.sync_once().rejected == 0
    finally:
        again.close()
    with central.sessions() as s:
        for key in (taken, later):
            assert s.scalar(select(func.count()).select_from(Payment)
                            .where(Payment.key == key)) == 1
