"""`quaythu demo`: builds the demo store on first run and opens the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.__main__ import main
from ui.main_window import MainWindow


def test_first_run_builds_the_store_and_opens_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def fake_exec(self: QApplication) -> int:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        seen.extend(w.windowTitle() for w in windows)
        for w in windows:
            w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert main(["demo", "--accounts", "300", "--data-dir", str(tmp_path)]) == 0
    assert seen == ["QuayThu – Quầy thu tiền điện"]
    assert (tmp_path / "demo.db").stat().st_size > 0
    # the second run reuses the store
    before = (tmp_path / "demo.db").stat().st_mtime_ns
    assert main(["demo", "--data-dir", str(tmp_path)]) == 0
    assert (tmp_path / "demo.db").stat().st_mtime_ns == before


def test_a_store_that_is_not_ours_is_said_on_screen_and_kept(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "demo.db").write_text("bảng tính của kế toán")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    assert main(["demo", "--data-dir", str(tmp_path)]) == 2
    assert shown and "không phải dữ liệu của QuayThu" in shown[0]
    assert (tmp_path / "demo.db").read_text() == "bảng tính của kế toán"
