"""`quaythu demo`: an embedded central, this counter enrolled and synced, the window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from db.demo import DEMO_PASSWORD
from desktop.__main__ import DEMO_UNIT
from desktop.cli import main
from desktop.printing.receipts.escpos_out import receipt_bytes
from desktop.printing.receipts.sample import sample_receipt
from desktop.printing.transport import send
from ui.counter.main_window import MainWindow
from ui.shell.sign_in_dialog import SignInDialog


def test_first_run_seeds_central_enrols_syncs_and_opens_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str]] = []
    urls: list[str] = []

    def fake_exec(self: QApplication) -> int:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                assert w.online and w.app.link.active
                urls.append(w.app.link.client().base_url)
                qtbot.waitUntil(lambda w=w: w.sync_status.text().startswith("Trực tuyến"),
                                timeout=15000)
                seen.append((w.windowTitle(), w.sync_status.text()))
                # the demo's printer is the emulator, through the real network path
                uri, _paper = w.app.device.printer()
                assert uri is not None and uri.startswith("tcp://127.0.0.1:")
                send(uri, receipt_bytes(sample_receipt(), 80))
                w.close()
        return 0

    hints: list[str] = []

    def sign_in_by_keyboard(self: SignInDialog) -> int:
        """The cashier types the demo account named on the sign-in screen, then Enter."""
        self.show()
        hints.append(self.findChild(QLabel, "signInIntro").text())
        qtbot.keyClicks(self.username, "thungan")
        qtbot.keyClicks(self.password, DEMO_PASSWORD)
        qtbot.keyClick(self.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: self.result() == SignInDialog.DialogCode.Accepted, timeout=10000)
        return self.result()

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(SignInDialog, "exec", sign_in_by_keyboard)
    assert main(["demo", "--accounts", "400", "--data-dir", str(tmp_path)]) == 0
    # before the window, a progress window said each step of the first run, up to 100 %
    from ui.plumbing import startup

    assert startup.last_window is not None
    steps = startup.last_window.history
    shown = [what for what, _ in steps]
    assert any(w.startswith("Tạo thành phố demo") for w in shown)
    assert "Nạp dữ liệu vào máy chủ trung tâm demo" in shown
    assert any(w.startswith("Đồng bộ") for w in shown)
    percents = [p for _, p in steps]
    assert percents == sorted(percents) and percents[-1] == 100 and steps[-1][0] == "Sẵn sàng"
    assert [title for title, _ in seen] == ["QuayThu – Quầy thu tiền điện"]
    assert "thungan" in hints[0] and DEMO_PASSWORD in hints[0]
    con = sqlite3.connect(tmp_path / "demo" / "quaythu.db")
    units = {u for (u,) in con.execute("SELECT DISTINCT unit_code FROM accounts")}
    device = con.execute("SELECT device_id, unit_code FROM device").fetchone()
    con.close()
    assert units == {DEMO_UNIT} and device[1] == DEMO_UNIT
    assert [p.name for p in (tmp_path / "demo" / "printer").glob("*.png")] == ["job-0001.png"]
    # the embedded central was stopped with the window
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{urls[0]}/v1/health", timeout=2)
    # the second run reuses the city and the device, on a new port
    assert main(["demo", "--data-dir", str(tmp_path)]) == 0
    con = sqlite3.connect(tmp_path / "demo" / "quaythu.db")
    assert con.execute("SELECT device_id FROM device").fetchone()[0] == device[0]
    con.close()
    central = sqlite3.connect(tmp_path / "demo" / "central.db")
    assert central.execute("SELECT count(*) FROM accounts").fetchone()[0] == 400
    central.close()


def test_a_store_that_is_not_ours_is_said_on_screen_and_kept(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "quaythu.db").write_text("bảng tính của kế toán")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    assert main(["demo", "--accounts", "50", "--data-dir", str(tmp_path)]) == 2
    assert shown and "không phải dữ liệu của QuayThu" in shown[0]
    assert (tmp_path / "demo" / "quaythu.db").read_text() == "bảng tính của kế toán"


def test_the_sign_in_comes_before_the_city_is_whole_and_the_bar_says_it_grows(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 31, Build 3: the first demo makes the counter's unit, shows the sign-in, and
    grows the rest of the city behind it; the status bar says how far until it is whole."""
    import threading

    import central.embedded
    import desktop.__main__ as demo_main
    from ui.shell.statusbar.city import CityPart

    # a city of 400 in parts of 100: PE1400's accounts are in two of them
    monkeypatch.setattr(demo_main, "DEMO_CHUNK", 100)
    central_db = tmp_path / "demo" / "central.db"
    held = threading.Event()  # the growth waits for the test: no race with the sign-in
    grow_one = central.embedded._grow_one_here

    def held_growth(*args: object) -> int:
        assert held.wait(60), "the test never let the city grow"
        return grow_one(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(central.embedded, "_grow_one_here", held_growth)

    def accounts_at_central() -> int:
        con = sqlite3.connect(central_db)
        try:
            return int(con.execute("SELECT count(*) FROM accounts").fetchone()[0])
        finally:
            con.close()

    def units_at_central() -> set[str]:
        con = sqlite3.connect(central_db)
        try:
            return {u for (u,) in con.execute("SELECT DISTINCT unit_code FROM accounts")}
        finally:
            con.close()

    at_sign_in: list[tuple[int, str]] = []
    units_at_sign_in: list[set[str]] = []

    def sign_in_by_keyboard(self: SignInDialog) -> int:
        self.show()
        intro = self.findChild(QLabel, "signInIntro")
        at_sign_in.append((accounts_at_central(), intro.text() if intro is not None else ""))
        units_at_sign_in.append(units_at_central())
        qtbot.keyClicks(self.username, "thungan")
        qtbot.keyClicks(self.password, DEMO_PASSWORD)
        qtbot.keyClick(self.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: self.result() == SignInDialog.DialogCode.Accepted, timeout=10000)
        return self.result()

    bar_said: list[str] = []

    def fake_exec(self: QApplication) -> int:
        [w] = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, MainWindow) and w.isVisible()]
        part = w.findChild(CityPart, "demoCityStatus")
        assert isinstance(part, CityPart) and part.isVisible()
        bar_said.append(part.text())
        held.set()
        # each part of the city comes as it is made, then the part is gone
        qtbot.waitUntil(lambda: not part.isVisible(), timeout=90000)
        bar_said.append(part.text())
        w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(SignInDialog, "exec", sign_in_by_keyboard)
    assert main(["demo", "--accounts", "400", "--data-dir", str(tmp_path)]) == 0
    [(accounts, hint)] = at_sign_in
    # the counter's unit, not the whole city: the rest came behind the sign-in
    assert units_at_sign_in == [{DEMO_UNIT}] and 0 < accounts < 400
    assert "đang được tạo thêm" in hint
    assert bar_said == [f"Thành phố demo đang được tạo thêm: {accounts}/400 khách hàng", ""]
    assert accounts_at_central() == 400 and len(units_at_central()) > 10
    con = sqlite3.connect(tmp_path / "demo" / "quaythu.db")
    units = {u for (u,) in con.execute("SELECT DISTINCT unit_code FROM accounts")}
    mine = con.execute("SELECT count(*) FROM accounts").fetchone()[0]
    con.close()
    assert units == {DEMO_UNIT} and mine == accounts  # its whole unit, before the sign-in
    # every account once at central, each with its change-log entry
    con = sqlite3.connect(central_db)
    assert con.execute("SELECT count(DISTINCT id) FROM accounts").fetchone()[0] == 400
    assert con.execute("SELECT count(*) FROM changes WHERE entity = 'account'"
                       ).fetchone()[0] == 400
    con.close()
