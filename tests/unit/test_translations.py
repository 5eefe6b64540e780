"""Every string on screen exists in both languages, and the files match the code."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_scripts.core_messages import catalog, templates
from build_scripts.translations import LANGUAGES, ts_file, update
from desktop import i18n
from desktop.errors import ValidationError

PLACEHOLDER = re.compile(r"\{\w*\}")


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(path).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out[(name, message.findtext("source") or "")] = translation
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language: str) -> None:
    messages = _messages(ts_file(language))
    assert len(messages) > 300
    for (context, source), translation in messages.items():
        where = f"{language} {context}: {source!r}"
        assert translation.get("type") is None, f"unfinished: {where}"
        text = translation.text or ""
        assert text.strip(), f"empty: {where}"
        # a placeholder lost in translation would print "{n}" or raise at .format()
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
        # a status line's " · …" pieces are joined by the code: spaces stay where they are
        assert text.startswith(" ") == source.startswith(" "), where


def test_the_translation_files_hold_every_string_of_ui(tmp_path: Path) -> None:
    """lupdate over today's ui/ finds nothing new: a string added without translation fails."""
    fresh = update(out=tmp_path)
    for path in fresh:
        kept = _messages(ts_file(path.stem.split("_")[1]))
        found = _messages(path)
        assert set(found) == set(kept), set(found) ^ set(kept)


def test_every_message_of_the_core_has_its_english() -> None:
    """Each error message written in desktop/ (strings and f-strings) is in core_en.toml."""
    found, english = templates(), catalog()
    assert len(found) > 150
    missing = {t: where for t, where in found.items() if not english.get(t)}
    assert missing == {}, "run build_scripts/core_messages.py update and translate"
    assert set(english) == set(found), set(english) - set(found)  # nothing stale
    for vi, en in english.items():
        assert sorted(PLACEHOLDER.findall(en)) == sorted(PLACEHOLDER.findall(vi)), vi


def test_a_core_message_is_said_in_the_chosen_language() -> None:
    try:
        i18n.set_language("en")
        short = ValidationError(f"Khách đưa {'100.000 đ'}, thiếu {'5.000 đ'}.")
        assert short.user_message == "Tendered 100.000 đ, 5.000 đ short."
        assert ValidationError("Nhập số tiền.").user_message == "Enter the amount."
        i18n.set_language("vi")
        assert ValidationError("Nhập số tiền.").user_message == "Nhập số tiền."
    finally:
        i18n.set_language("vi")
