"""What goes wrong before the window opens is said in a window (a shortcut has no terminal)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.cli import main


@pytest.mark.parametrize("command", [[], ["demo"]])
def test_a_typo_in_the_settings_file_is_said_on_screen_and_nothing_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("idle_lock_minuts = 10\n", encoding="utf-8")  # a typo in the key
    monkeypatch.setenv("QUAYTHU_CONFIG", str(config))
    shown: list[str] = []

    def exec_(self: QMessageBox) -> int:
        shown.append(self.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    data = tmp_path / "data"
    assert main([*command, "--data-dir", str(data)]) == 2
    [said] = shown
    assert "idle_lock_minuts" in said and str(config) in said
    assert not (data / "quaythu.db").exists()  # nothing half-made
