"""The dependency rule of DESIGN.md, checked on the source: ui → desktop → db."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(folder: str) -> list[tuple[Path, str]]:
    """Every absolute import of ``folder`` with its top-level package."""
    return [(path, mod.split(".")[0]) for path, mod in _module_imports(folder)]


@pytest.mark.parametrize("folder", ["desktop", "db"])
def test_core_and_store_never_import_qt(folder: str) -> None:
    bad = [str(p) for p, mod in _imports(folder) if mod in ("PySide6", "shiboken6", "ui")
           and p.relative_to(ROOT).as_posix() != "desktop/__main__.py"]
    assert bad == []


def test_store_never_imports_the_core() -> None:
    assert [str(p) for p, mod in _imports("db") if mod in ("desktop", "ui", "central")] == []


def test_ui_goes_through_the_core() -> None:
    assert [str(p) for p, mod in _imports("ui") if mod in ("db", "central")] == []


def test_only_the_entry_point_of_the_core_knows_the_gui() -> None:
    users = sorted({p.relative_to(ROOT).as_posix() for p, mod in _imports("desktop")
                    if mod in ("ui", "central")})
    assert users in ([], ["desktop/__main__.py"])


def _module_imports(folder: str) -> list[tuple[Path, str]]:
    """Every absolute import of ``folder`` with its full module name."""
    found = []
    for path in (ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


def test_only_the_link_talks_to_central() -> None:
    """ui/ never builds or holds the HTTP client or a sync engine of its own: it asks
    ``app.link``; in the core only the link (and the enrolment it wraps) makes one."""
    in_ui = [str(p) for p, mod in _module_imports("ui") if mod == "desktop.link.sync.client"]
    assert in_ui == []
    # the engine, the live calls and the CLI use the client's types; only these build one
    builders = sorted({p.relative_to(ROOT).as_posix() for p in (ROOT / "desktop").rglob("*.py")
                       if "CentralClient(" in p.read_text(encoding="utf-8")})
    assert builders == ["desktop/link/__init__.py", "desktop/link/device.py"], builders


#: what central may take from the counter's side: the contract, pure domain helpers, the
#: demo generator for seeding, and for first-sync snapshots the counter's store schema and
#: the function that applies pulled changes (a snapshot is what the log would give, exactly)
CENTRAL_MAY_USE = {"desktop.contract", "desktop.money.amounts", "desktop.money.vietqr", "desktop.demo",
                   "db.demo", "db.migrate", "desktop.link.sync.apply"}


def test_central_uses_only_the_contract_and_pure_helpers() -> None:
    used = {mod for _p, mod in _module_imports("central")
            if mod.split(".")[0] in ("desktop", "db", "ui")}
    assert used <= CENTRAL_MAY_USE, sorted(used - CENTRAL_MAY_USE)


#: the parts every window shares, and the windows' own packages
UI_SHARED = ("ui.shell", "ui.widgets", "ui.plumbing")
UI_WINDOWS = ("ui.counter", "ui.agent", "ui.collector", "ui.office", "ui.setup")


def _shared_reaching_windows(root: Path) -> list[str]:
    """Imports from the shell, the shared widgets or the plumbing into a window's package
    (at any depth of the module: a lazy import counts too)."""
    bad = []
    for path in (root / "ui").rglob("*.py"):
        module = ".".join(path.relative_to(root).with_suffix("").parts)
        if not module.startswith(UI_SHARED):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            bad += [f"{module} → {n}" for n in names if n.startswith(UI_WINDOWS)]
    return bad


def test_the_shell_and_the_shared_widgets_know_no_window() -> None:
    """Every window stands on the shell, never the other way round: the shell cannot
    grow a counter-only behaviour that the agent's or the collector's window lacks."""
    assert _shared_reaching_windows(ROOT) == []


def test_the_shell_rule_can_fail(tmp_path: Path) -> None:
    (tmp_path / "ui" / "shell").mkdir(parents=True)
    (tmp_path / "ui" / "shell" / "window.py").write_text(
        "def later():\n    from ui.counter.main_window import MainWindow\n", encoding="utf-8")
    assert _shared_reaching_windows(tmp_path) == ["ui.shell.window → ui.counter.main_window"]
