"""The core's user messages in the chosen language (no Qt: the screens have their own).

The core writes its messages in Vietnamese, as f-strings at the place of the error.
``resources/translations/core_en.toml`` gives each message's template (its values as
``{0}``, ``{1}``…, see ``build_scripts/core_messages.py``) in English; when English is
chosen, :class:`desktop.errors.QuayThuError` matches its message against the templates
and says the English with the same values. A message no template matches stays as
written (a test keeps every template of desktop/ in the catalogue).
"""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

LANGUAGES = ("vi", "en")
_state = {"language": "vi"}


def set_language(language: str) -> None:
    """The language of the core's messages from now on (``vi`` or ``en``)."""
    _state["language"] = language if language in LANGUAGES else "vi"


def language() -> str:
    return _state["language"]


@functools.cache
def _catalogue(language: str) -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    path = resources.files("resources").joinpath("translations", f"core_{language}.toml")
    words: dict[str, str] = tomllib.loads(path.read_text(encoding="utf-8"))
    exact = {k.replace("{{", "{").replace("}}", "}"): v for k, v in words.items()
             if not re.search(r"\{\d+\}", k)}
    patterns = []
    for vi, other in words.items():
        if not re.search(r"\{\d+\}", vi):
            continue
        pieces = re.split(r"(\{\d+\})", vi)
        regex = "".join(
            f"(?P<v{p[1:-1]}>.*?)" if re.fullmatch(r"\{\d+\}", p)
            else re.escape(p.replace("{{", "{").replace("}}", "}")) for p in pieces)
        # the longest templates first: a short one must not swallow a longer message
        patterns.append((len(vi), re.compile(f"^{regex}$", re.DOTALL), other))
    patterns.sort(key=lambda x: -x[0])
    return exact, tuple((p, o) for _n, p, o in patterns)


def say(message: str) -> str:
    """A sentence for the screen that is not an error (a printer's status), translated
    like the errors' messages (``build_scripts/core_messages.py`` finds these calls)."""
    return translate(message)


def translate(message: str) -> str:
    """``message`` (Vietnamese, as the core wrote it) in the chosen language."""
    chosen = _state["language"]
    if chosen == "vi":
        return message
    exact, patterns = _catalogue(chosen)
    if message in exact:
        return exact[message]
    for pattern, other in patterns:
        found = pattern.match(message)
        if found:
            values = {int(k[1:]): v for k, v in found.groupdict().items()}
            return other.format(*(values[i] for i in range(len(values))))
    return message
