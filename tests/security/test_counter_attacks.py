"""Attacks on the counter: a tampered journal, injection strings, brute force, a
cashier calling a supervisor's service, secrets in logs and files."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from central.service import Central
from db.demo import DEMO_PASSWORD
from db.models import DeviceState, SyncIssue
from desktop.app import App, build_app
from desktop.errors import QuayThuError
from desktop.link.device import load_token
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.audit import GENESIS, chain_hash
from desktop.staff.auth import (
    AccountDisabled,
    AccountLocked,
    ApprovalInvalid,
    PermissionDenied,
    SignInFailed,
)
from desktop.staff.permissions import ApprovalAction
from tests.security.test_central_attacks import INJECTIONS
from tests.staff import sign_in

UNIT = "PE1400"


def audit_verify(data_dir: Path, *extra: str) -> tuple[int, dict]:
    done = subprocess.run([sys.executable, "-m", "desktop", "audit", "verify", "--json",
                           "--data-dir", str(data_dir), *extra],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


@pytest.fixture
def counter(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    app = build_app(tmp_path / "counter" / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.engine.sync_once()
    yield app
    app.close()


def busy_day(app: App) -> None:
    """A few journal lines: sign-ins, payments, a sign-out."""
    cashier = sign_in(app)
    if app.shifts.current(cashier) is None:
        app.shifts.open(cashier, 0)
    for account_id in accounts_with_unpaid_bills(app)[:3]:
        app.payments.take_cash(cashier, account_id)
    app.auth.sign_out(cashier)


def tamper(app: App, *sql: str) -> None:
    """What someone with the file and the sqlite3 shell can do."""
    con = sqlite3.connect(app.store_path)
    con.execute("DROP TRIGGER audit_journal_no_update")
    con.execute("DROP TRIGGER audit_journal_no_delete")
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()


def test_the_store_itself_refuses_to_edit_or_delete_journal_lines(counter: App) -> None:
    busy_day(counter)
    con = sqlite3.connect(counter.store_path)
    for statement in ("UPDATE audit_journal SET entry = '{}' WHERE seq = 2",
                      "DELETE FROM audit_journal WHERE seq = 2"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute(statement)
    con.close()


@pytest.mark.parametrize("attack, expected", [
    (["UPDATE audit_journal SET entry = replace(entry, '\"thungan\"', '\"giamsat\"') "
      "WHERE seq = 3"], "Dòng 3: nội dung đã bị sửa."),
    (["DELETE FROM audit_journal WHERE seq = 3"], "Thiếu dòng 3–3 (đã bị xóa)."),
    (["UPDATE audit_journal SET seq = -3 WHERE seq = 3",
      "UPDATE audit_journal SET seq = 3 WHERE seq = 4",
      "UPDATE audit_journal SET seq = 4 WHERE seq = -3"],
     "Dòng 3: nội dung không khớp số thứ tự (bị đảo hoặc sửa)."),
], ids=["edited", "deleted", "reordered"])
def test_a_tampered_journal_is_detected_locally(counter: App, attack: list[str],
                                                expected: str) -> None:
    busy_day(counter)
    counter.close()
    code, before = audit_verify(counter.data_dir, "--offline")
    assert code == 0 and before["ok"]
    tamper(counter, *attack)
    code, after = audit_verify(counter.data_dir, "--offline")
    assert code == 1 and expected in after["problems"]


def test_history_rewritten_after_it_was_pushed_is_detected_by_central(
        counter: App, central: Central) -> None:
    busy_day(counter)
    engine = counter.link.engine
    engine.sync_once()  # central now holds every line
    code, clean = audit_verify(counter.data_dir)
    assert code == 0 and clean["central_seq"] == clean["last_seq"]
    # rewrite line 2 and re-hash everything after it: locally the chain is whole again
    con = sqlite3.connect(counter.store_path)
    rows = con.execute("SELECT seq, entry FROM audit_journal ORDER BY seq").fetchall()
    con.close()
    statements, prev = [], GENESIS
    for seq, entry_text in rows:
        entry = json.loads(entry_text)
        if seq == 2:
            entry["staff"] = "giamsat"
        digest = chain_hash(prev, entry)
        text = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        statements.append(f"UPDATE audit_journal SET entry = '{text}', prev_hash = '{prev}', "
                          f"hash = '{digest}' WHERE seq = {seq}")
        prev = digest
    tamper(counter, *statements)
    assert counter.audit.verify(None).ok  # the local chain alone cannot tell
    code, checked = audit_verify(counter.data_dir)
    assert code == 1
    assert any("viết lại" in p for p in checked["problems"])
    # the next line continues the rewritten chain: central refuses it and raises an alert
    sign_in(counter)
    engine.sync_once()
    with counter.sessions() as s:
        issue = s.scalar(select(SyncIssue).where(SyncIssue.reason == "audit-chain-broken"))
    assert issue is not None and "Nhật ký không hợp lệ" in issue.message
    assert [a["kind"] for a in central.alerts()] == ["audit-chain-broken"]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_strings_in_every_counter_field_change_nothing(app: App, evil: str) -> None:
    with app.writes() as s, s.begin():
        s.add(DeviceState(id=1, central_url="http://127.0.0.1:9", device_id=3, unit_code=UNIT,
                          device_code="PE1400D003", enrolled_at=dt.datetime.now(dt.UTC),
                          receipt_seq=0))
    con = sqlite3.connect(app.store_path)
    before = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("accounts", "bills", "staff")]
    assert app.lookup.search(evil).hits == ()
    assert app.lookup.search(f"nguyen {evil}").hits == ()
    with pytest.raises(SignInFailed):
        app.auth.sign_in(evil, evil)
    cashier = sign_in(app)
    app.shifts.open(cashier, 0)
    taken = app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
    approval = app.auth.approve(cashier, ApprovalAction.VOID, taken.key, "giamsat",
                                DEMO_PASSWORD, evil)
    with pytest.raises(ApprovalInvalid):
        app.payments.void(cashier, taken.key, evil, evil)  # an approval id that is SQL
    app.payments.void(cashier, taken.key, evil, approval)
    after = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("accounts", "bills", "staff")]
    reason = con.execute("SELECT void_reason FROM payments WHERE key = ?",
                         (taken.key,)).fetchone()[0]
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    assert after == before
    assert reason == " ".join(evil.split())  # stored as text, verbatim
    assert app.audit.verify(None).ok


def test_sign_in_brute_force_is_throttled(app: App) -> None:
    """A script tries a dictionary: after five tries nothing is even checked."""
    outcomes = []
    for guess in ["123456", "password", "thungan", "12345678", "qwerty", "abc123",
                  DEMO_PASSWORD, "matkhau", "111111", DEMO_PASSWORD]:
        try:
            app.auth.sign_in("thungan", guess)
            outcomes.append("in")
        except SignInFailed:
            outcomes.append("wrong")
        except AccountLocked:
            outcomes.append("locked")
    assert outcomes == ["wrong"] * 4 + ["locked"] * 6


def test_a_cashier_calling_supervisor_services_directly_is_refused(counter: App) -> None:
    cashier = sign_in(counter)
    counter.shifts.open(cashier, 0)
    taken = counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0])
    # approving one's own void with one's own password
    with pytest.raises(PermissionDenied, match="phải là giám sát"):
        counter.auth.approve(cashier, ApprovalAction.VOID, taken.key, "thungan",
                             DEMO_PASSWORD, "tự duyệt")
    # acknowledging an issue, straight through the engine
    with counter.writes() as s, s.begin():
        issue = SyncIssue(op_key=taken.key, kind="rejected", reason="x", message="…",
                          created_at=dt.datetime.now(dt.UTC))
        s.add(issue)
        s.flush()
        issue_id = issue.id
    with pytest.raises(PermissionDenied):
        counter.sync.acknowledge(cashier, issue_id)
    with counter.sessions() as s:
        assert s.get(SyncIssue, issue_id).acknowledged_at is None


def test_a_disabled_account_stops_at_the_next_sync_even_mid_session(
        counter: App, central: Central) -> None:
    cashier = sign_in(counter)
    central.set_staff_state(UNIT, "thungan", disabled=True)
    counter.link.engine.sync_once()
    with pytest.raises(AccountDisabled):
        counter.payments.take_cash(cashier, accounts_with_unpaid_bills(counter)[0])
    with pytest.raises(AccountDisabled):
        sign_in(counter)
    central.set_staff_state(UNIT, "thungan", disabled=False)
    counter.link.engine.sync_once()
    assert sign_in(counter).username == "thungan"


def test_no_token_password_or_phone_in_logs_or_in_the_store(
        tmp_path: Path, central: Central, url: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        app = build_app(tmp_path / "c" / "quaythu.db")
        app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
        engine = app.link.engine
        engine.sync_once()
        cashier = sign_in(app)
        app.shifts.open(cashier, 0)
        app.payments.take_cash(cashier, accounts_with_unpaid_bills(app)[0])
        with pytest.raises(QuayThuError):
            app.auth.sign_in("thungan", "mat-khau-sai-123")
        engine.sync_once()
        token = load_token(app.data_dir)
        with app.sessions() as s:
            phones = [p for (p,) in s.execute(select(__import__("db.models").models.Account.phone)
                                              .where(__import__("db.models").models.Account.phone
                                                     .is_not(None)).limit(200))]
        app.close()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert token not in logged and "mat-khau-sai-123" not in logged and DEMO_PASSWORD not in logged
    assert not any(p in logged for p in phones)
    data_dir = tmp_path / "c"
    for f in data_dir.iterdir():
        if f.is_file() and f.name != "device.token":
            assert token.encode() not in f.read_bytes(), f.name


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_store_the_journal_and_the_token_are_the_owners_only(counter: App) -> None:
    busy_day(counter)
    data_dir = counter.data_dir
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for name in ("quaythu.db", "quaythu.db-wal", "device.token"):
        path = data_dir / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
