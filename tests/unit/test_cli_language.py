"""The command line speaks the chosen language, argparse's own words included."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli.language import apply, choose_language
from desktop.cli.parser import build_parser

VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]",
                        re.IGNORECASE)
ROOT = Path(__file__).resolve().parents[2]


def _texts(parser: argparse.ArgumentParser) -> list[str]:
    out = [parser.description or ""] + [g.title or "" for g in parser._action_groups]
    for action in parser._actions:
        out += [x for x in (action.help, action.metavar) if isinstance(x, str)]
        if isinstance(action, argparse._SubParsersAction):
            out += [c.help for c in action._choices_actions if isinstance(c.help, str)]
            for sub in action.choices.values():
                out += _texts(sub)
    return out


def test_every_help_text_has_its_english() -> None:
    left = [t for t in _texts(apply(build_parser(), "en")) if VIETNAMESE.search(t)]
    assert left == []  # a new option's help without its English fails here


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **(env or {}), "QUAYTHU_CONFIG": "/nonexistent"})


@pytest.mark.parametrize(("env", "usage", "error", "help_line"), [
    ({}, "cách dùng: ", "quaythu bill: lỗi: thiếu tham số bắt buộc: --from, --to",
     "hiện trợ giúp này rồi thoát"),
    ({"QUAYTHU_LANGUAGE": "en"}, "usage: ",
     "quaythu bill: error: the following arguments are required: --from, --to",
     "the period's first day, YYYY-MM-DD"),
])
def test_help_and_errors_in_the_chosen_language(env: dict[str, str], usage: str, error: str,
                                                help_line: str) -> None:
    shown = _cli("bill", "--help", env=env)
    assert shown.returncode == 0 and shown.stdout.startswith(usage)
    assert help_line in " ".join(shown.stdout.split())
    wrong = _cli("bill", "--kwh", "100", env=env)
    assert wrong.returncode == 2 and wrong.stderr.strip().splitlines()[-1] == error


def test_the_language_is_known_before_the_parser(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    assert choose_language([], {"QUAYTHU_CONFIG": str(config)}) == "en"
    assert choose_language(["--set", "language=vi"], {"QUAYTHU_CONFIG": str(config)}) == "vi"
    assert choose_language([], {"QUAYTHU_LANGUAGE": "en"}) == "en"
    config.write_text("language = [broken", encoding="utf-8")
    assert choose_language([], {"QUAYTHU_CONFIG": str(config)}) == "vi"
