"""The core's user messages, for translation: every message an error of desktop/ is made with.

    python build_scripts/core_messages.py update   # add new messages to core_en.toml

A message is the first argument of a call to a :class:`desktop.errors.QuayThuError`
class (any in desktop/), or of ``desktop.i18n.say``, written as a string or an f-string; an f-string's values
become ``{0}``, ``{1}``… in its template. ``resources/translations/core_en.toml``
maps each template to its English (the values keep their order unless the English
names them otherwise); ``desktop/i18n.py`` matches a message against the templates
when English is chosen. tests/unit/test_translations.py fails on a message without
its English, or an English left for a message that is gone.
"""

from __future__ import annotations

import ast
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "resources" / "translations" / "core_en.toml"


def _error_classes() -> set[str]:
    """Names of QuayThuError and every class derived from it in desktop/ (by the AST)."""
    bases: dict[str, set[str]] = {}
    for path in (ROOT / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute)
                    else "" for b in node.bases)
    found = {"QuayThuError"}
    for _ in range(20):
        more = {name for name, of in bases.items() if of & found} - found
        if not more:
            break
        found |= more
    return found


def template(node: ast.expr) -> str | None:
    """The message's template, or None when it is not written out here."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        out, n = [], 0
        for part in node.values:
            if isinstance(part, ast.Constant):
                out.append(str(part.value).replace("{", "{{").replace("}", "}}"))
            else:
                out.append("{" + str(n) + "}")
                n += 1
        return "".join(out)
    return None


def templates() -> dict[str, str]:
    """Each template and where it is first written (path:line)."""
    classes = _error_classes()
    found: dict[str, str] = {}
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = (node.func.id if isinstance(node.func, ast.Name) else
                    node.func.attr if isinstance(node.func, ast.Attribute) else "")
            if name not in classes and name != "say":  # desktop.i18n.say: a sentence too
                continue
            first = node.args[0]
            # a message chosen by a condition: both are messages
            options = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            for option in options:
                text = template(option)
                if text and not text.isascii():
                    found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def catalog() -> dict[str, str]:
    return tomllib.loads(CATALOG.read_text(encoding="utf-8")) if CATALOG.exists() else {}


def update() -> int:
    """Write the catalog again: every template, its English or "" (a test fails on "")."""
    known, found = catalog(), templates()
    lines = ["# The core's user messages in English, by their Vietnamese template (see",
             "# build_scripts/core_messages.py). {0}, {1}… are the message's values in order.",
             ""]
    for text in sorted(found):
        lines.append(f"{json.dumps(text, ensure_ascii=False)} = "
                     f"{json.dumps(known.get(text, ''), ensure_ascii=False)}")
    CATALOG.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(1 for t in found if not known.get(t))


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        print(f"{update()} messages without English in {CATALOG}")
    else:
        sys.exit(__doc__)
