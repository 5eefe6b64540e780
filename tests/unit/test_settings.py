"""Settings that load: the file, the environment and --set, each refused clearly when wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.settings_file import SettingsError, load_settings


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_then_the_environment_then_set(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", "idle_lock_minutes = 10\nuse_coins = true\n"
                 "over_short_tolerance = 20_000\ncustomer_code_letters = \"PB\"\n")
    loaded = load_settings(path, env={"QUAYTHU_IDLE_LOCK_MINUTES": "3"},
                           overrides=["reprint_window_minutes=0"])
    s = loaded.settings
    assert (s.idle_lock_minutes, s.use_coins, s.over_short_tolerance) == (3, True, 20_000)
    assert s.reprint_window_minutes == 0
    assert s.customer_code.is_code("PB12345678901") and not s.customer_code.is_code("PE12345678901")
    sources = {v.key: v.source for v in loaded.values}
    assert sources["idle_lock_minutes"] == "QUAYTHU_IDLE_LOCK_MINUTES"
    assert sources["use_coins"] == str(path)
    assert sources["reprint_window_minutes"] == "--set"
    assert sources["lookup_page_size"] == "mặc định"


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "absent.toml", env={})
    assert loaded.settings.idle_lock_minutes == 5
    assert {v.source for v in loaded.values} == {"mặc định"}


@pytest.mark.parametrize(("text", "named"), [
    ("idle_lock_minute = 10\n", "idle_lock_minute"),  # a typo of the key
    ("idle_lock_minutes = \"mười\"\n", "idle_lock_minutes"),
    ("idle_lock_minutes = 0\n", "idle_lock_minutes"),  # out of range
    ("use_coins = 1\n", "use_coins"),
    ("customer_code_letters = \"P[A-\"\n", "customer_code_letters"),
    ("[sync]\ninterval = 5\n", "sync"),
])
def test_a_bad_file_is_refused_naming_the_key(tmp_path: Path, text: str, named: str) -> None:
    path = write(tmp_path / "settings.toml", text)
    with pytest.raises(SettingsError) as refused:
        load_settings(path, env={})
    assert f"'{named}'" in refused.value.user_message
    assert str(path) in refused.value.user_message


def test_a_file_that_is_not_toml_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", "idle_lock_minutes: 10\n")
    with pytest.raises(SettingsError, match="cú pháp TOML"):
        load_settings(path, env={})


def test_bad_environment_and_set_are_refused_too(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="QUAYTHU_USE_COINS"):
        load_settings(tmp_path / "none.toml", env={"QUAYTHU_USE_COINS": "maybe"})
    with pytest.raises(SettingsError, match="KHÓA=GIÁ_TRỊ"):
        load_settings(tmp_path / "none.toml", env={}, overrides=["idle_lock_minutes"])


def test_the_settings_command_shows_values_and_sources(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "settings.toml", "sign_in_attempts = 3\n")
    monkeypatch.setenv("QUAYTHU_CONFIG", str(path))
    monkeypatch.setenv("QUAYTHU_SYNC_INTERVAL_SECONDS", "60")
    assert main(["--set", "idle_lock_minutes=9", "settings", "--json",
                 "--data-dir", str(tmp_path / "data")]) == 0
    shown = json.loads(capsys.readouterr().out)
    values = {v["key"]: (v["value"], v["source"]) for v in shown["settings"]}
    assert values["sign_in_attempts"] == (3, str(path))
    assert values["sync_interval_seconds"] == (60, "QUAYTHU_SYNC_INTERVAL_SECONDS")
    assert values["idle_lock_minutes"] == (9, "--set")
    # a typo in the file: every command that uses settings stops, saying which key
    write(path, "sign_in_attemps = 3\n")
    assert main(["status", "--data-dir", str(tmp_path / "data")]) == 2
    assert "'sign_in_attemps'" in capsys.readouterr().err


def test_the_loaded_settings_reach_the_application(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``lookup --limit`` aside, the page size comes from the settings the command loaded."""
    import argparse

    from desktop.cli.common import device_app

    args = argparse.Namespace(data_dir=str(tmp_path / "d"), db=None,
                              settings=load_settings(tmp_path / "n.toml", env={},
                                                     overrides=["lookup_page_size=7"]).settings)
    app = device_app(args)
    try:
        assert app.settings.lookup_page_size == 7
        assert app.link.interval == 30.0
    finally:
        app.close()
