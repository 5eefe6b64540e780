"""The demo-data generator on real files: realistic, priced right, repeatable."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.text import fold
from desktop.demo import generate_demo_store
from desktop.tariff.billing import BillRequest, calculate
from tests.conftest import ACCOUNTS, AS_OF

TABLES = ("accounts", "bills", "bill_lines", "payment_history", "outage_schedules",
          "reading_schedules", "units", "search_terms")


def content_digest(path: Path) -> str:
    h = hashlib.sha256()
    con = sqlite3.connect(path)
    try:
        for table in TABLES:
            order = "1" if table == "search_terms" else "1, 2"
            for row in con.execute(f"SELECT * FROM {table} ORDER BY {order}"):
                h.update(repr(row).encode())
        for row in con.execute("SELECT rowid, name, address FROM account_fts ORDER BY rowid"):
            h.update(repr(row).encode())
    finally:
        con.close()
    return h.hexdigest()


def q(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_same_seed_same_data_whatever_the_number_of_processes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    generate_demo_store(a, accounts=25_000, seed=11, as_of=AS_OF, processes=1)
    generate_demo_store(b, accounts=25_000, seed=11, as_of=AS_OF, processes=2)
    generate_demo_store(c, accounts=25_000, seed=12, as_of=AS_OF, processes=2)
    assert content_digest(a) == content_digest(b)
    assert content_digest(a) != content_digest(c)


def test_refuses_to_replace_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_text("keep me")
    with pytest.raises(FileExistsError):
        generate_demo_store(path, accounts=10, seed=1, as_of=AS_OF)
    assert path.read_text() == "keep me"
    assert not list(tmp_path.glob("*.partial"))


def test_accounts_look_like_ho_chi_minh_city(demo_store: Path) -> None:
    assert q(demo_store, "SELECT count(*) FROM accounts") == [(ACCOUNTS,)]
    codes = [r[0] for r in q(demo_store, "SELECT code FROM accounts")]
    assert all(re.fullmatch(r"PE\d{11}", c) for c in codes)
    units = {c[:6] for c in codes}
    assert len(units) >= 14
    names = [r[0] for r in q(demo_store, "SELECT name FROM accounts")]
    assert sum(1 for n in names if n != fold(n)) > 0.95 * len(names)  # diacritics
    assert sum(1 for n in names if n.startswith("Nguyễn ")) > 0.25 * len(names)
    addresses = [r[0] for r in q(demo_store, "SELECT address FROM accounts")]
    assert all(a.endswith("TP. Hồ Chí Minh") for a in addresses)
    assert any("phường Tân Sơn Nhất" in a for a in addresses)
    old = q(demo_store, "SELECT count(*) FROM accounts WHERE old_district = 'Quận Tân Bình'")
    assert old[0][0] > 0
    phones = [r[0] for r in q(demo_store, "SELECT phone FROM accounts WHERE phone IS NOT NULL")]
    assert 0.8 * ACCOUNTS < len(phones) < ACCOUNTS
    assert all(re.fullmatch(r"0[35789]\d{8}", p) for p in phones)
    meters = [r[0] for r in q(demo_store, "SELECT meter_serial FROM accounts")]
    assert len(set(meters)) == len(meters)
    classes = dict(q(demo_store, "SELECT tariff_class, count(*) FROM accounts GROUP BY 1"))
    assert classes["residential"] > 0.85 * ACCOUNTS
    assert {"business", "production", "administrative"} <= set(classes)


def test_bills_are_priced_by_the_tariff(demo_store: Path) -> None:
    per_account = dict(q(demo_store, "SELECT n, count(*) FROM (SELECT count(*) n FROM bills "
                                     "GROUP BY account_id) GROUP BY n"))
    assert set(per_account) == {1, 2, 3}
    assert q(demo_store, "SELECT count(*) FROM bills b WHERE b.subtotal != "
                         "(SELECT sum(amount) FROM bill_lines l WHERE l.bill_id = b.id)") == [(0,)]
    assert q(demo_store, "SELECT count(*) FROM bills WHERE kwh != "
                         "(new_reading - old_reading) * multiplier") == [(0,)]
    rows = q(demo_store, "SELECT b.kwh, a.households, b.period_start, b.period_end, b.total "
                         "FROM bills b JOIN accounts a ON a.id = b.account_id "
                         "WHERE a.tariff_class = 'residential' LIMIT 300")
    for kwh, households, start, end, total in rows:
        req = BillRequest(dt.date.fromisoformat(start), dt.date.fromisoformat(end), kwh=kwh,
                          households=households, today=AS_OF)
        assert calculate(req).total == total


def test_some_paid_some_unpaid_some_overdue(demo_store: Path) -> None:
    status = dict(q(demo_store, "SELECT status, count(*) FROM bills GROUP BY 1"))
    assert status["paid"] > 0 and status["unpaid"] > 0
    overdue = q(demo_store, f"SELECT count(*) FROM bills WHERE status = 'unpaid' "
                            f"AND due_on < '{AS_OF.isoformat()}'")
    assert overdue[0][0] > 0
    assert q(demo_store, "SELECT count(*) FROM bills WHERE issued_on > "
                         f"'{AS_OF.isoformat()}'") == [(0,)]
    paid = q(demo_store, "SELECT count(*) FROM bills WHERE status = 'paid'")[0][0]
    assert q(demo_store, "SELECT count(*) FROM payment_history") == [(paid,)]


def test_schedules_cover_every_route_and_some_wards(demo_store: Path) -> None:
    missing = q(demo_store, "SELECT count(DISTINCT route_code) FROM accounts WHERE route_code "
                            "NOT IN (SELECT route_code FROM reading_schedules)")
    assert missing == [(0,)]
    upcoming = q(demo_store, "SELECT count(*) FROM reading_schedules "
                             f"WHERE reading_on >= '{AS_OF.isoformat()}'")
    assert upcoming[0][0] > 0
    assert q(demo_store, "SELECT count(DISTINCT ward_code) FROM outage_schedules")[0][0] > 10


def test_the_command(tmp_path: Path) -> None:
    path = tmp_path / "cli.db"
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "demo-data", "--accounts", "500", "--seed", "3",
         "--db", str(path), "--as-of", "2026-11-27"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["accounts"] == 500 and report["bills"] >= 500
    again = subprocess.run(
        [sys.executable, "-m", "desktop", "demo-data", "--accounts", "500", "--db", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert again.returncode == 2
    assert "đã tồn tại" in again.stderr
