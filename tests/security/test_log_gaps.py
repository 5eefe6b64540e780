"""Lines deleted from ops.log by someone who can write the data folder (issue 28): a
payment's signed line taken out of the middle of the log (and its unsent row out of the
store), or the first lines of a compacted log cut off. Each line's number rises by one
under the MAC, so the skip is said: at start, on screen, by ``quaythu recover`` and
``quaythu status``, and as a sync issue a supervisor must acknowledge. A torn last line
(a power cut) and a log started afresh by compaction are no loss and say nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from central.service import Central
from desktop.app import App, build_app
from desktop.cli import main
from desktop.oplog import LOG_GAP
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import on_shift
from ui.counter.main_window import MainWindow

UNIT = "PE1400"


def enrolled(store: Path, central: Central, url: str) -> App:
    app = build_app(store)
    app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1")
    app.link.sync_once()
    return app


def log_lines(store: Path) -> list[bytes]:
    return (store.parent / "ops.log").read_bytes().splitlines(keepends=True)


def write_log(store: Path, lines: list[bytes]) -> None:
    (store.parent / "ops.log").write_bytes(b"".join(lines))


def line_of(lines: list[bytes], key: str) -> int:
    """The index of the line that logs the operation ``key``."""
    return next(i for i, raw in enumerate(lines)
                if json.loads(raw).get("r", {}).get("op", {}).get("key") == key)


def recover(store: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    rc = main(["recover", "--data-dir", str(store.parent)])
    return rc, json.loads(capsys.readouterr().out)


def status(store: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    main(["status", "--json", "--data-dir", str(store.parent)])
    return dict(json.loads(capsys.readouterr().out))


def gap_said(notices: list[str] | tuple[str, ...]) -> list[str]:
    return [n for n in notices if "ops.log" in n and "thiếu" in n]


def five_payments(tmp_path: Path, central: Central, url: str) -> tuple[Path, list[str]]:
    """A counter that took five cash payments (not synced): the store and their keys."""
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    keys = [app.payments.take_cash(cashier, a).key for a in accounts_with_unpaid_bills(app)[:5]]
    app.close()
    return store, keys


def test_a_payment_line_deleted_from_the_log_is_said_with_its_number(
        tmp_path: Path, central: Central, url: str, qtbot: QtBot,
        capsys: pytest.CaptureFixture[str]) -> None:
    store, keys = five_payments(tmp_path, central, url)
    lines = log_lines(store)
    gone = line_of(lines, keys[2])
    n = json.loads(lines[gone])["n"]
    # the third payment's line out of the log, and its unsent row out of the store: the
    # two copies agree, nothing but the numbering can tell
    write_log(store, lines[:gone] + lines[gone + 1:])
    db = sqlite3.connect(store)
    db.execute("DELETE FROM outbox WHERE key = ?", (keys[2],))
    db.commit()
    db.close()

    rc, said = recover(store, capsys)
    assert rc == 1
    assert said["missing_log_lines"] == 1 and said["missing_log_ranges"] == [[n, n]]
    assert said["forged_log_lines_refused"] == 0
    sentence = gap_said(said["notices"])
    assert len(sentence) == 1 and f"dòng {n} " in sentence[0], said["notices"]

    again = build_app(store, create=False)
    try:
        assert again.recovery is not None
        assert again.recovery.missing_lines == 1
        assert again.recovery.missing_ranges == ((n, n),)
        assert gap_said(again.start_notices()) == sentence
        # said on screen, above the keys, where the cashier looks first
        window = MainWindow(again, actor=on_shift(again))
        qtbot.addWidget(window)
        assert sentence[0] in window.start_notice.text()
        assert window.start_notice.isVisibleTo(window)
        # one sync issue for a supervisor, however many starts saw the gap
        issues = [i for i in again.sync.open_issues() if i.kind == LOG_GAP]
        assert len(issues) == 1 and f"dòng {n} " in issues[0].message
        # the counter goes on: the other payments still reach central
        assert again.cash_refusal() is None
        assert again.link.sync_once().rejected == 0
    finally:
        again.close()
    st = status(store, capsys)
    assert st["missing_log_lines"] == 1 and st["missing_log_ranges"] == [[n, n]]
    assert gap_said(st["notices"]) == sentence


def test_genuine_lines_copied_over_a_deleted_one_do_not_hide_it(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Two lines deleted and the first of them pasted back twice further on: every line
    left is genuine and the count of lines is whole, yet the second number is gone."""
    store, keys = five_payments(tmp_path, central, url)
    lines = log_lines(store)
    at = line_of(lines, keys[2])
    n = json.loads(lines[at])["n"]
    write_log(store, lines[:at] + lines[at + 2:] + [lines[at], lines[at]])

    rc, said = recover(store, capsys)
    assert rc == 1
    assert said["forged_log_lines_refused"] == 0
    assert said["missing_log_lines"] == 1 and said["missing_log_ranges"] == [[n + 1, n + 1]]
    assert any(f"dòng {n + 1} " in x for x in gap_said(said["notices"])), said["notices"]


def test_a_forged_line_in_place_of_a_genuine_one_is_said_once_as_forged(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The line is there, its MAC fails: refused as forged, not said again as missing."""
    store, keys = five_payments(tmp_path, central, url)
    lines = log_lines(store)
    at = line_of(lines, keys[2])
    wrapper = json.loads(lines[at])
    data = json.loads(wrapper["r"]["op"]["data"])
    wrapper["r"]["op"]["data"] = json.dumps({**data, "amount": data["amount"] + 1000})
    lines[at] = (json.dumps(wrapper, ensure_ascii=False) + "\n").encode("utf-8")
    write_log(store, lines)

    rc, said = recover(store, capsys)
    assert rc == 1
    assert said["forged_log_lines_refused"] == 1
    assert said["missing_log_lines"] == 0 and said["missing_log_ranges"] == []
    assert not gap_said(said["notices"])


def test_a_torn_last_line_is_no_gap(tmp_path: Path, central: Central, url: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    store, _keys = five_payments(tmp_path, central, url)
    lines = log_lines(store)
    # a power cut in the middle of the last line
    write_log(store, [*lines[:-1], lines[-1][: len(lines[-1]) // 2]])
    for _start in range(2):  # the start after the cut, and the one after that
        rc, said = recover(store, capsys)
        assert said["missing_log_lines"] == 0 and not gap_said(said["notices"]), said
        assert said["forged_log_lines_refused"] == 0
    assert said["unreadable_log_lines"] == 1
    assert rc == 0
    again = build_app(store, create=False)
    try:
        assert not [i for i in again.sync.open_issues() if i.kind == LOG_GAP]
    finally:
        again.close()


def test_the_head_cut_off_a_compacted_log_is_said_and_a_whole_one_says_nothing(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    accounts = accounts_with_unpaid_bills(app)
    for a in accounts[:2]:
        app.payments.take_cash(cashier, a)
    assert app.link.sync_once().rejected == 0
    app.link.sync_once()  # the journal lines' answers too
    before = log_lines(store)
    top = max(json.loads(raw)["n"] for raw in before)
    app.oplog.compact(at_least=0)  # everything answered: the log starts afresh
    after = log_lines(store)
    assert len(after) == 1 and json.loads(after[0])["n"] == top + 1
    for a in accounts[2:5]:
        app.payments.take_cash(cashier, a)
    app.close()

    # untouched: the fresh file begins where the numbering went on, no line is missing
    rc, said = recover(store, capsys)
    assert said["missing_log_lines"] == 0 and not gap_said(said["notices"]), said
    assert said["put_back"] is None and rc == 0

    lines = log_lines(store)
    numbers = [json.loads(raw)["n"] for raw in lines]
    assert numbers == list(range(top + 1, top + 1 + len(lines)))
    # its first two lines cut off by hand
    write_log(store, lines[2:])
    rc, said = recover(store, capsys)
    assert rc == 1
    assert said["missing_log_lines"] == 2
    assert said["missing_log_ranges"] == [[top + 1, top + 2]]
    sentence = gap_said(said["notices"])
    assert len(sentence) == 1 and f"{top + 1}–{top + 2}" in sentence[0]
    again = build_app(store, create=False)
    try:
        assert again.recovery is not None and again.recovery.missing_lines == 2
        assert gap_said(again.start_notices()) == sentence
        issues = [i for i in again.sync.open_issues() if i.kind == LOG_GAP]
        assert len(issues) == 1 and f"{top + 1}–{top + 2}" in issues[0].message
    finally:
        again.close()
    assert status(store, capsys)["missing_log_ranges"] == [[top + 1, top + 2]]


def damaged_said(notices: list[str] | tuple[str, ...]) -> list[str]:
    return [n for n in notices if "ops.log" in n and "dòng hỏng" in n]


def test_junk_in_place_of_a_deleted_line_does_not_hide_it(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A payment's signed line replaced by one line that looks torn (not at the end), and
    its unsent row taken out of the store: the number is still missing, and the junk
    line is said too — only a torn LAST line is a power cut's."""
    store, keys = five_payments(tmp_path, central, url)
    lines = log_lines(store)
    gone = line_of(lines, keys[2])
    n = json.loads(lines[gone])["n"]
    write_log(store, [*lines[:gone], b'{"r": {"op"\n', *lines[gone + 1:]])
    db = sqlite3.connect(store)
    db.execute("DELETE FROM outbox WHERE key = ?", (keys[2],))
    db.commit()
    db.close()

    rc, said = recover(store, capsys)
    assert rc == 1
    assert said["missing_log_lines"] == 1 and said["missing_log_ranges"] == [[n, n]]
    assert said["damaged_log_lines"] == 1
    assert len(gap_said(said["notices"])) == 1
    assert len(damaged_said(said["notices"])) == 1
    again = build_app(store, create=False)
    try:
        assert gap_said(again.start_notices()) and damaged_said(again.start_notices())
        issues = [i.message for i in again.sync.open_issues() if i.kind == LOG_GAP]
        assert any(f"dòng {n} " in m for m in issues), issues
        assert any("dòng hỏng" in m and f"trước dòng {n + 1}" in m for m in issues), issues
        assert again.link.sync_once().rejected == 0  # the counter goes on
    finally:
        again.close()
    st = status(store, capsys)
    assert st["missing_log_lines"] == 1 and st["damaged_log_lines"] == 1
    assert gap_said(st["notices"]) and damaged_said(st["notices"])


def test_junk_in_place_of_the_head_of_a_compacted_log_does_not_hide_it(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "counter" / "quaythu.db"
    app = enrolled(store, central, url)
    cashier = on_shift(app)
    accounts = accounts_with_unpaid_bills(app)
    app.payments.take_cash(cashier, accounts[0])
    app.link.sync_once()
    app.link.sync_once()
    app.oplog.compact(at_least=0)
    for a in accounts[1:4]:
        app.payments.take_cash(cashier, a)
    app.close()
    lines = log_lines(store)
    first = json.loads(lines[0])["n"]
    # the begin line and the two lines after it out; three junk lines in their place
    write_log(store, [b"garbage\n"] * 3 + lines[3:])
    rc, said = recover(store, capsys)
    assert rc == 1
    assert said["missing_log_lines"] == 3
    assert said["missing_log_ranges"] == [[first, first + 2]]
    assert said["damaged_log_lines"] == 3
    assert gap_said(said["notices"]) and damaged_said(said["notices"])


def test_a_torn_last_line_written_past_says_nothing_and_junk_added_later_is_said(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A power cut tears the last line; the counter starts and writes on, so the torn
    line now stands inside the log: the first line written after it names it, nothing is
    said. A junk line put in the middle later (nothing deleted) is said as damage."""
    store, _keys = five_payments(tmp_path, central, url)
    lines = log_lines(store)
    write_log(store, [*lines[:-1], lines[-1][: len(lines[-1]) // 2]])
    again = build_app(store, create=False)
    try:
        again.payments.take_cash(on_shift(again), accounts_with_unpaid_bills(again)[0])
    finally:
        again.close()
    rc, said = recover(store, capsys)
    assert said["unreadable_log_lines"] == 1
    assert said["damaged_log_lines"] == 0 and not damaged_said(said["notices"]), said
    assert said["missing_log_lines"] == 0 and not gap_said(said["notices"]), said
    assert rc == 0

    lines = log_lines(store)
    write_log(store, [*lines[:2], b"\x00\x00\x00\n", *lines[2:]])
    rc, said = recover(store, capsys)
    assert rc == 1
    assert said["damaged_log_lines"] == 1 and len(damaged_said(said["notices"])) == 1
    assert said["missing_log_lines"] == 0


def test_two_power_cuts_in_a_row_say_nothing_once_written_past(
        tmp_path: Path, central: Central, url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The power fails mid-line, and again while the next start writes: the log ends with
    two torn lines; the first line written after them names both."""
    store, _keys = five_payments(tmp_path, central, url)
    lines = log_lines(store)
    half = lines[-1][: len(lines[-1]) // 2]
    write_log(store, [*lines[:-1], half + b"\n", lines[-2][:10]])
    again = build_app(store, create=False)
    try:
        again.payments.take_cash(on_shift(again), accounts_with_unpaid_bills(again)[0])
    finally:
        again.close()
    rc, said = recover(store, capsys)
    assert said["unreadable_log_lines"] == 2
    assert said["damaged_log_lines"] == 0 and not damaged_said(said["notices"]), said
    assert said["missing_log_lines"] == 0 and not gap_said(said["notices"]), said
    assert rc == 0
