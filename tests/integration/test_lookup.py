"""Lookup on a real demo store: every kind of query, bad input, the panel data."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from central.models import Account
from central.service import Central, account_data, record_change
from db.text import fold
from desktop.app import App
from desktop.errors import NotFound
from tests.conftest import AS_OF


def one(path: Path, sql: str) -> sqlite3.Row:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(sql).fetchone()
    finally:
        con.close()


@pytest.fixture
def someone(demo_store: Path) -> sqlite3.Row:
    """A residential customer in old Tân Bình with a phone and unpaid bills."""
    return one(demo_store,
               "SELECT a.* FROM accounts a WHERE old_district = 'Quận Tân Bình' "
               "AND phone IS NOT NULL AND tariff_class = 'residential' AND EXISTS "
               "(SELECT 1 FROM bills b WHERE b.account_id = a.id AND b.status = 'unpaid') "
               "ORDER BY id LIMIT 1")


def test_exact_code_comes_first(app: App, someone: sqlite3.Row) -> None:
    result = app.lookup.search(someone["code"])
    assert result.kind == "code"
    assert result.hits[0].code == someone["code"]
    assert result.hits[0].matched_by == "code"


def test_a_barcode_scan_with_its_enter_finds_the_code(app: App, someone: sqlite3.Row) -> None:
    assert app.lookup.search(someone["code"] + "\r\n").hits[0].code == someone["code"]


def test_code_prefix_from_four_characters(app: App, someone: sqlite3.Row) -> None:
    result = app.lookup.search(someone["code"][:6])
    assert result.kind == "code_prefix"
    assert result.hits and all(h.code.startswith(someone["code"][:6]) for h in result.hits)
    assert [h.code for h in result.hits] == sorted(h.code for h in result.hits)
    assert len(result.hits) <= app.lookup.page_size


@pytest.mark.parametrize("style", ["plain", "spaces", "dots", "plus84", "84"])
def test_phone_in_any_usual_spelling(app: App, someone: sqlite3.Row, style: str) -> None:
    p = someone["phone"]
    spelled = {
        "plain": p,
        "spaces": f"{p[:4]} {p[4:7]} {p[7:]}",
        "dots": f"{p[:4]}.{p[4:7]}.{p[7:]}",
        "plus84": f"+84 {p[1:4]} {p[4:7]} {p[7:]}",
        "84": "84" + p[1:],
    }[style]
    result = app.lookup.search(spelled)
    assert result.kind == "phone"
    assert someone["code"] in [h.code for h in result.hits]


def test_meter_serial(app: App, someone: sqlite3.Row) -> None:
    result = app.lookup.search(someone["meter_serial"])
    assert [h.code for h in result.hits] == [someone["code"]]
    assert result.hits[0].matched_by == "meter"


def test_name_and_old_district_without_diacritics_in_any_order(
    app: App, someone: sqlite3.Row
) -> None:
    words = fold(someone["name"]).split()
    family, given = words[0], words[-1]
    for query in (f"{family} {given} tan binh", f"tan binh {given} {family}",
                  f"{family[:3]} {given} tan bin"):
        codes = [h.code for h in app.lookup.search(query, limit=200).hits]
        assert someone["code"] in codes, query


def test_nfd_and_accented_input_find_the_same(app: App, someone: sqlite3.Row) -> None:
    plain = app.lookup.search(f"{fold(someone['name'])} tan binh")
    accented = app.lookup.search(f"{someone['name']} Tân Bình")
    nfd = app.lookup.search(unicodedata.normalize("NFD", f"{someone['name']} Tân Bình"))
    assert [h.code for h in plain.hits] == [h.code for h in accented.hits] == [
        h.code for h in nfd.hits]
    assert someone["code"] in [h.code for h in plain.hits]


def test_street_fragment(app: App, someone: sqlite3.Row) -> None:
    street = fold(someone["address"].split(",")[0]).split(" ", 1)[1]
    result = app.lookup.search(f"{street} {fold(someone['name']).split()[-1]}", limit=200)
    assert someone["code"] in [h.code for h in result.hits]


def test_best_match_first_for_a_full_name_and_place(app: App, someone: sqlite3.Row) -> None:
    ward = fold(someone["ward"]).replace("phuong ", "")
    result = app.lookup.search(f"{fold(someone['name'])} {ward}")
    assert result.hits[0].name == someone["name"]


def test_results_are_a_bounded_page(app: App) -> None:
    result = app.lookup.search("nguyen")
    assert len(result.hits) == app.lookup.page_size
    assert result.truncated


def test_unpaid_total_is_the_sum_of_unpaid_bills(
    app: App, demo_store: Path, someone: sqlite3.Row
) -> None:
    expected = one(demo_store, f"SELECT sum(total) FROM bills WHERE account_id = {someone['id']} "
                               "AND status = 'unpaid'")[0]
    hit = app.lookup.search(someone["code"]).hits[0]
    assert hit.unpaid_total == expected > 0


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "x" * 500, "' OR 1=1 --", "\"; DROP TABLE accounts; --", "😀🔌⚡", "Москва",
     "東京 Tân Bình", "NEAR(a b)", "a* OR b*", "\0", "zzzzqqq", "PE9", "0000000000",
     "%", "_", "\\", "()"],
)
def test_bad_input_answers_quickly_and_never_raises(app: App, raw: str) -> None:
    result = app.lookup.search(raw)
    assert len(result.hits) <= app.lookup.page_size
    # the store is intact afterwards
    assert app.lookup.search("nguyen").hits


def test_no_match(app: App) -> None:
    result = app.lookup.search("zzzzqqq xxyyk")
    assert result.hits == () and not result.truncated


def test_account_detail_for_the_panel(app: App, someone: sqlite3.Row) -> None:
    d = app.lookup.account(someone["id"], today=AS_OF)
    assert (d.code, d.name, d.meter, d.households) == (
        someone["code"], someone["name"], someone["meter_serial"], someone["households"])
    assert d.unit_name.startswith("Điện lực")
    assert d.unpaid_bills and d.unpaid_total == sum(b.total for b in d.unpaid_bills)
    assert all(b.status == "unpaid" for b in d.unpaid_bills)
    assert all(b.overdue == (b.due_on < AS_OF) for b in d.unpaid_bills)
    assert all(sum(x.amount for x in b.lines) == b.subtotal for b in d.unpaid_bills)
    assert d.next_reading_on is not None and d.next_reading_on >= AS_OF
    assert d.data_source == "demo" and d.data_as_of is not None
    assert d.data_as_of.tzinfo is not None


def test_unknown_account_is_a_typed_error(app: App) -> None:
    with pytest.raises(NotFound):
        app.lookup.account(10_000_000)


def test_lookup_command_prints_json(demo_store: Path, someone: sqlite3.Row) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "lookup", someone["phone"], "--db", str(demo_store),
         "--json"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    row = next(r for r in rows if r["code"] == someone["code"])
    assert {"code", "name", "address", "phone", "meter", "unpaid_total"} <= set(row)
    assert row["name"] == someone["name"] and row["unpaid_total"] > 0


def test_lookup_command_text_output(demo_store: Path, someone: sqlite3.Row) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "lookup", someone["code"], "--db", str(demo_store)],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0
    assert someone["name"] in done.stdout and " đ" in done.stdout


def test_lookup_command_on_a_missing_store(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "lookup", "abc", "--db", str(tmp_path / "none.db")],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2
    assert "Không tìm thấy tệp dữ liệu" in done.stderr
    assert not (tmp_path / "none.db").exists()


def test_digits_that_are_a_phone_and_a_meter_find_both_the_phones_first(
    demo_store: Path, tmp_path: Path, someone: sqlite3.Row
) -> None:
    import shutil

    from desktop.app import build_app

    store = tmp_path / "copy.db"
    shutil.copy(demo_store, store)
    con = sqlite3.connect(store)
    # another customer's meter serial happens to be this customer's phone digits
    other_id, other_code = con.execute(
        "SELECT id, code FROM accounts WHERE id <> ? AND code > ? ORDER BY code LIMIT 1",
        (someone["id"], someone["code"])).fetchone()
    con.execute("UPDATE accounts SET meter_serial = ? WHERE id = ?", (someone["phone"], other_id))
    con.commit()
    con.close()
    app = build_app(store, create=False)
    try:
        hits = app.lookup.search(someone["phone"]).hits
    finally:
        app.close()
    assert [(h.code, h.matched_by) for h in hits] == [
        (someone["code"], "phone"), (other_code, "meter")]
    # the list masks the phone number even when it was typed whole
    assert someone["phone"] not in (hits[0].phone or "")


def test_exact_lookups_from_many_threads_leave_no_file_open_after_close(
    demo_store: Path, tmp_path: Path, someone: sqlite3.Row
) -> None:
    import os
    import shutil
    import threading

    from desktop.app import build_app
    from desktop.errors import StoreUnavailable

    store = tmp_path / "copy.db"
    shutil.copy(demo_store, store)
    app = build_app(store, create=False)
    found: list[str] = []

    def look() -> None:
        for _ in range(20):
            found.append(app.lookup.search(someone["code"]).hits[0].code)

    threads = [threading.Thread(target=look) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert found == [someone["code"]] * 160
    app.close()

    def open_on_store() -> list[str]:
        links = []
        for fd in Path(f"/proc/{os.getpid()}/fd").iterdir():
            try:
                links.append(str(fd.readlink()))
            except FileNotFoundError:  # the directory's own descriptor, gone once listed
                continue
        return [link for link in links if link.startswith(str(store))]

    if Path("/proc").is_dir():
        # on Windows an open handle would block a restore or a move of the store
        assert open_on_store() == []
    with pytest.raises(StoreUnavailable):
        app.lookup.search(someone["code"])


def test_words_typed_side_by_side_match_a_name_s_first_and_last_word(
        app: App, someone: sqlite3.Row) -> None:
    """"family given place" finds the customer through the pair index (Nguyễn Văn Chân is
    "nguyen chan"), and the same words in another order still find them (words index)."""
    words = fold(someone["name"]).split()
    place = " ".join(fold(someone["old_district"]).split()[-2:])
    query = f"{words[0]} {words[-1]} {place}"
    con = sqlite3.connect(app.store_path)
    assert con.execute("SELECT 1 FROM search_pairs WHERE term = ?",
                       (f"{words[0]}_{words[-1]}",)).fetchone()  # the fast path is taken
    con.close()
    assert someone["code"] in [h.code for h in app.lookup.search(query, limit=200).hits]
    backwards = f"{place} {words[-1]} {words[0]}"
    assert someone["code"] in [h.code for h in app.lookup.search(backwards, limit=200).hits]


def test_a_quick_search_gives_the_best_matches_first_and_the_whole_page_keeps_them_on_top(
        app: App, someone: sqlite3.Row) -> None:
    """The window's first answer (issue 31): the accounts whose words stand side by side,
    at once; the whole page, asked next, has those same accounts first, in the same order,
    and the others (every word anywhere) after them."""
    words = fold(someone["name"]).split()
    place = " ".join(fold(someone["old_district"]).split()[-2:])
    query = f"{words[0]} {words[-1]} {place[:-1]}"  # the place's last letter still to come
    quick = app.lookup.search(query, quick=True)
    whole = app.lookup.search(query)
    assert quick.partial and not whole.partial
    assert quick.hits and len(quick.hits) < len(whole.hits)
    assert [h.id for h in whole.hits[:len(quick.hits)]] == [h.id for h in quick.hits]
    assert someone["code"] in [h.code for h in quick.hits]
    # an answer that is whole at once is not marked partial: a code, one word, no pair
    assert not app.lookup.search(someone["code"], quick=True).partial
    assert not app.lookup.search(words[0], quick=True).partial
    assert app.lookup.search(f"{words[-1]} {words[0]}", quick=True).hits == app.lookup.search(
        f"{words[-1]} {words[0]}").hits


def test_the_pair_index_follows_renames_and_removals_from_central(
        synced_counter: App, central: Central) -> None:
    """Both indexes stay whole (FTS5's own check) when central renames an account and
    removes another: the new name is found, the old one and the removed account not."""
    con = sqlite3.connect(synced_counter.store_path)
    first, second = con.execute("SELECT id, name FROM accounts ORDER BY id LIMIT 2").fetchall()
    con.close()
    with central._tx() as s:
        renamed = s.get(Account, first[0])
        renamed.name = "Lý Thường Kiệt Mới"
        record_change(s, renamed.unit_code, "account", renamed.id, "upsert",
                      account_data(renamed))
        gone = s.get(Account, second[0])
        record_change(s, gone.unit_code, "account", gone.id, "delete", {"id": gone.id})
    synced_counter.link.sync_once()
    con = sqlite3.connect(synced_counter.store_path)
    con.execute("INSERT INTO account_fts (account_fts) VALUES ('integrity-check')")
    con.execute("INSERT INTO account_fts_keys (account_fts_keys) VALUES ('integrity-check')")
    assert con.execute("SELECT rowid FROM account_fts_keys WHERE account_fts_keys MATCH "
                       "'\"ly_thuong\"'").fetchall() == [(first[0],)]
    old = "_".join(fold(first[1]).split()[:2])
    assert first[0] not in [i for (i,) in con.execute(
        "SELECT rowid FROM account_fts_keys WHERE account_fts_keys MATCH ?", (f'"{old}"',))]
    con.close()
    hits = synced_counter.lookup.search("ly thuong kiet moi").hits
    assert [h.id for h in hits][:1] == [first[0]]
    assert second[0] not in [h.id for h in synced_counter.lookup.search(
        " ".join(fold(second[1]).split()[:2]), limit=200).hits]
