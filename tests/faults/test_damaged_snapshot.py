"""Issue 28, finding 5: a damaged snapshot stops no counter. Central checks a snapshot's
hash before serving it and rebuilds one that fails; a counter whose download fails its hash
twice takes the change log instead of fetching gigabytes again at every sync, and says so."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from central.service import Central
from desktop.app import build_app
from desktop.cli import main
from desktop.link.sync.client import CentralProtocolError
from desktop.link.sync.engine import SNAPSHOT_GIVEN_UP
from tests.staff import on_shift
from ui.counter.main_window import MainWindow

UNIT = "PE1400"


def accounts(store: Path) -> int:
    con = sqlite3.connect(store)
    try:
        return int(con.execute("SELECT count(*) FROM accounts").fetchone()[0])
    finally:
        con.close()


def test_a_snapshot_damaged_at_central_is_rebuilt_not_served(
        tmp_path: Path, central: Central, url: str) -> None:
    built = central.build_snapshot(UNIT)
    path = central.snapshot_root() / f"{built.id}.db"
    damaged = bytearray(path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF  # a bad sector, or a local user's edit
    path.write_bytes(bytes(damaged))
    app = build_app(tmp_path / "new" / "quaythu.db")
    try:
        app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy mới")
        report = app.link.engine.sync_once()  # no CentralProtocolError: a good file came
        assert accounts(app.store_path) > 0
        assert report.cursor >= built.seq
        [current] = central._published(UNIT)
        assert central._intact(current)
    finally:
        app.close()


def test_a_snapshot_damaged_twice_on_the_way_makes_the_first_sync_take_the_change_log(
        tmp_path: Path, central: Central, url: str, qtbot: QtBot,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "far" / "quaythu.db"
    app = build_app(store)
    downloads: list[str] = []
    try:
        app.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy xa")
        engine = app.link.engine
        real = engine.client.download

        def damaging(snapshot_id: str, dest: Path, size: int,
                     progress: Callable[[int], None] | None = None) -> None:
            # a link (or a proxy) that flips a byte of every download
            downloads.append(snapshot_id)
            real(snapshot_id, dest, size, progress)
            data = bytearray(dest.read_bytes())
            data[len(data) // 3] ^= 0xFF
            dest.write_bytes(bytes(data))

        engine.client.download = damaging  # type: ignore[method-assign]
        with pytest.raises(CentralProtocolError):
            engine.sync_once()
        assert accounts(store) == 0
        report = engine.sync_once()  # the second damaged file: the change log does it
        assert len(downloads) == 2
        assert accounts(store) > 0 and report.pulled > 0
        assert engine.snapshot_notice == SNAPSHOT_GIVEN_UP
        assert SNAPSHOT_GIVEN_UP in app.start_notices()
        engine.sync_once()
        assert len(downloads) == 2  # never fetched again
    finally:
        app.close()
    # a restart remembers it: no third download, and the screen says so
    again = build_app(store)
    try:
        assert SNAPSHOT_GIVEN_UP in again.start_notices()  # before any sync of this start
        cashier = on_shift(again)
        window = MainWindow(again, actor=cashier)
        qtbot.addWidget(window)
        assert SNAPSHOT_GIVEN_UP in window.start_notice.text()
        assert window.start_notice.isVisibleTo(window)
        window.close()
        assert again.link.engine.snapshot_notice == SNAPSHOT_GIVEN_UP
    finally:
        again.close()
    assert main(["status", "--json", "--data-dir", str(store.parent)]) == 0
    assert SNAPSHOT_GIVEN_UP in json.loads(capsys.readouterr().out)["notices"]
