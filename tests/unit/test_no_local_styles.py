"""One look, set in one place: no window or widget of ``ui/`` carries a style sheet of its
own (a ``setStyleSheet`` beside the theme's is a colour no contrast test computed, and a
look the large-text and high-contrast settings cannot change). Only ``ui/theme.py`` sets
the application's sheet; a window styles itself by object name or dynamic property."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: files allowed to call setStyleSheet, each with why (none but the theme today)
ALLOWED: dict[str, str] = {
    "ui/theme.py": "generates the application's one style sheet and applies it",
}


def _calls(name: str) -> list[str]:
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            called = node.func if isinstance(node, ast.Call) else None
            attr = (called.attr if isinstance(called, ast.Attribute)
                    else called.id if isinstance(called, ast.Name) else None)
            if attr == name:
                found.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    return found


def test_only_the_theme_sets_a_style_sheet() -> None:
    calls = _calls("setStyleSheet")
    assert [c for c in calls if c.split(":")[0] not in ALLOWED] == []
    assert calls, "the theme applies the sheet: the scan would miss a renamed call"


def test_no_colour_literal_outside_the_theme() -> None:
    """A ``#RRGGBB`` in a window is a colour beside the tokens (a chart draws with the
    theme's tokens too)."""
    import re

    loose = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "ui/theme.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""["']#[0-9A-Fa-f]{6}\b""", line):
                loose.append(f"{rel}:{n}: {line.strip()}")
    assert loose == []
