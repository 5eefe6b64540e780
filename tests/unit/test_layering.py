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
#: the function that applies pulled changes (a snapshot is what the log would give, exactly);
#: and for the demo's embedded central, the counter's way of running below the window
CENTRAL_MAY_USE = {"desktop.contract", "desktop.contract_schemas", "desktop.money.amounts",
                   "desktop.money.fees",
                   "desktop.money.vietqr", "desktop.demo",
                   "db.demo", "db.migrate", "desktop.link.sync.apply",
                   "desktop.link.background"}


def test_central_uses_only_the_contract_and_pure_helpers() -> None:
    used = {mod for _p, mod in _module_imports("central")
            if mod.split(".")[0] in ("desktop", "db", "ui")}
    assert used <= CENTRAL_MAY_USE, sorted(used - CENTRAL_MAY_USE)


# -- the link below the core (issue 27) ------------------------------------------------------
# The checker works on any folder that holds ``desktop/`` and ``ui/``, so that each rule is
# also run on a small tree made to break it (a rule that cannot fail is no rule).

#: the link: its package, and the two money modules the house counted as its own (gone
#: since: their link side is in desktop/link/, their core side in desktop/money/live.py and
#: desktop/money/qr_session.py; the rule stays, should they come back)
LINK = ("desktop.link", "desktop.money.live_check", "desktop.money.qr_payments")
#: what the link may import of desktop/ besides itself: the pure leaves (desktop.vault
#: imports nothing of desktop/: the link keeps the receipt key there, beside the token)
LINK_MAY_USE = ("desktop.contract", "desktop.contract_schemas", "desktop.events", "desktop.errors",
                "desktop.vault", "desktop.rowseal")  # rowseal: a leaf (the store's row seals)
#: who outside the link may import it: the composition root, the entry point, the commands,
#: and the device's settings (the address and CA checks are the link's, said again there)
LINK_USERS = ("desktop.app", "desktop.__main__", "desktop.cli", "desktop.device_settings")


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def modules_of(root: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` under ``root`` by its dotted name."""
    found = {}
    for path in (root / package).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module → the modules of ``package`` it imports, however: at the top, inside a
    function, under ``TYPE_CHECKING``, relative or absolute; ``from a import b`` counts as
    importing ``a.b`` when that is a module."""
    modules = modules_of(root, package)

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        out: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out |= {m for a in node.names if (m := resolve(a.name))}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                out |= {m for a in node.names if (m := resolve(f"{source}.{a.name}"))}
        out.discard(name)
        graph[name] = out
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        circles.append(sorted(group))
    return circles


def ui_uses_of_the_link(root: Path) -> list[str]:
    """``ui`` modules that import the link (or the money modules that were its)."""
    return sorted(f"{path.relative_to(root).as_posix()} → {mod}"
                  for path, mod in _imports_of(root, "ui") if _within(mod, LINK))


def link_reaching_up(root: Path) -> list[str]:
    """What the link imports of desktop/ beyond itself and the leaves (the App, services,
    sign-in…)."""
    graph = import_graph(root, "desktop")
    return sorted(f"{module} → {target}" for module, targets in graph.items()
                  if _within(module, LINK) for target in targets
                  if not _within(target, LINK) and not _within(target, LINK_MAY_USE))


def core_reaching_into_the_link(root: Path) -> list[str]:
    """Core modules that import the link: the services ask central through the protocols
    they define, which the composition root fills with the link."""
    graph = import_graph(root, "desktop")
    return sorted(f"{module} → {target}" for module, targets in graph.items()
                  if not _within(module, LINK) and not _within(module, LINK_USERS)
                  for target in targets if _within(target, LINK))


def _imports_of(root: Path, folder: str) -> list[tuple[Path, str]]:
    """Every absolute import of ``folder``: ``from a import b`` is ``a``, or ``a.b`` where
    ``a`` is a package of the link's (``from desktop.money import qr_payments``)."""
    found = []
    for path in (root / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path, a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if _within(node.module, LINK):
                    found.append((path, node.module))
                else:
                    found += [(path, f"{node.module}.{a.name}") for a in node.names]
    return found


def test_the_gui_never_imports_the_link() -> None:
    assert ui_uses_of_the_link(ROOT) == []


def test_no_import_circle_inside_the_core() -> None:
    assert import_circles(import_graph(ROOT, "desktop")) == []


def test_the_link_imports_only_the_store_itself_and_the_leaves() -> None:
    assert link_reaching_up(ROOT) == []


def test_the_core_reaches_the_link_only_through_the_composition_root() -> None:
    assert core_reaching_into_the_link(ROOT) == []


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"desktop/__init__.py": "", "ui/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


#: per rule: a tree that keeps it, and the same tree broken the way the rule exists for
RULES = {
    "ui → link": (
        ui_uses_of_the_link,
        {"desktop/link/__init__.py": "", "desktop/link/device.py": "",
         "desktop/dto.py": "", "ui/main.py": "from desktop.dto import SetupState\n"},
        {"ui/main.py": "def f():\n    from desktop.link.device import setup_state\n"},
        ["ui/main.py → desktop.link.device"]),
    "ui → the money modules of the link": (
        ui_uses_of_the_link,
        {"desktop/money/__init__.py": "", "desktop/money/qr_session.py": "",
         "ui/pay.py": "from desktop.money.qr_session import QrSessions\n"},
        {"ui/pay.py": "from desktop.money import qr_payments\n"},
        ["ui/pay.py → desktop.money.qr_payments"]),
    "an import circle": (
        lambda root: import_circles(import_graph(root, "desktop")),
        {"desktop/app.py": "from desktop.link import Link\n",
         "desktop/link/__init__.py": "from desktop.link import device\n",
         "desktop/link/device.py": "import sqlalchemy\n"},
        # the way it was: the link's helper reached back up to the App, inside a function
        {"desktop/link/device.py": "def enrol(app):\n    from desktop.app import App\n"},
        [["desktop.app", "desktop.link", "desktop.link.device"]]),
    "a relative import circle": (
        lambda root: import_circles(import_graph(root, "desktop")),
        {"desktop/money/__init__.py": "", "desktop/money/shifts.py": "from ..dto import Z\n",
         "desktop/dto.py": "", "desktop/money/slips.py": "from ..dto import Z\n"},
        {"desktop/money/slips.py": "from .shifts import ZReport\n",
         "desktop/money/shifts.py": "def f():\n    from . import slips\n"},
        [["desktop.money.shifts", "desktop.money.slips"]]),
    "link → the App": (
        link_reaching_up,
        {"desktop/app.py": "", "desktop/errors.py": "",
         "desktop/link/__init__.py": "from desktop.errors import QuayThuError\n"},
        {"desktop/link/__init__.py": "from typing import TYPE_CHECKING\n"
                                      "if TYPE_CHECKING:\n    from desktop.app import App\n"},
        ["desktop.link → desktop.app"]),
    "link → a core service": (
        link_reaching_up,
        {"desktop/contract.py": "", "desktop/staff/__init__.py": "",
         "desktop/staff/auth.py": "",
         "desktop/link/engine.py": "from desktop import contract\n"},
        {"desktop/link/engine.py": "from desktop.staff.auth import Actor\n"},
        ["desktop.link.engine → desktop.staff.auth"]),
    "a service → the link": (
        core_reaching_into_the_link,
        {"desktop/app.py": "from desktop.link import Link\n", "desktop/link/__init__.py": "",
         "desktop/link/client.py": "", "desktop/money/__init__.py": "",
         "desktop/money/agent.py": "from typing import Protocol\n"},
        {"desktop/money/agent.py": "from desktop.link.client import CentralRefused\n"},
        ["desktop.money.agent → desktop.link.client"]),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_new_rule_can_fail(rule: str, tmp_path: Path) -> None:
    check, kept, broken, found = RULES[rule]
    assert check(_tree(tmp_path / "kept", kept)) == []
    assert check(_tree(tmp_path / "broken", {**kept, **broken})) == found


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
