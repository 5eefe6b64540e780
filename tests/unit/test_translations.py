"""Every string on screen exists in both languages, and the files match the code."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_scripts.translations import LANGUAGES, ts_file, update

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
