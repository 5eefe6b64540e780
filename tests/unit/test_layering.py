"""The dependency rule of DESIGN.md, checked on the source: ui → desktop → db."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(folder: str) -> list[tuple[Path, str]]:
    found = []
    for path in (ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, a.name.split(".")[0]) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize("folder", ["desktop", "db"])
def test_core_and_store_never_import_qt(folder: str) -> None:
    bad = [str(p) for p, mod in _imports(folder) if mod in ("PySide6", "shiboken6", "ui")
           and p.name != "__main__.py"]
    assert bad == []


def test_store_never_imports_the_core() -> None:
    assert [str(p) for p, mod in _imports("db") if mod in ("desktop", "ui", "central")] == []


def test_ui_goes_through_the_core() -> None:
    assert [str(p) for p, mod in _imports("ui") if mod in ("db", "central")] == []


def test_only_the_entry_point_of_the_core_knows_the_gui() -> None:
    users = sorted({p.name for p, mod in _imports("desktop") if mod == "ui"})
    assert users in ([], ["__main__.py"])
