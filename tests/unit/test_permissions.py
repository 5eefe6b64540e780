"""The permission table in the code and in docs/permissions.md are one table."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.staff.permissions import PERMISSIONS, Permission, Role, allowed

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def documented() -> dict[Permission, dict[Role, bool]]:
    lines = DOC.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("| Permission |"))
    roles = [Role(c.strip()) for c in header.strip("|").split("|")[1:]]
    table: dict[Permission, dict[Role, bool]] = {}
    for line in lines:
        m = re.match(r"\| `([a-z.]+)` — [^|]+\|(.*)\|$", line)
        if m is None or m.group(1) not in {p.value for p in Permission}:
            continue
        marks = [c.strip() for c in m.group(2).split("|")]
        assert set(marks) <= {"✓", "—"}, line
        table[Permission(m.group(1))] = {r: mark == "✓" for r, mark in zip(roles, marks, strict=True)}
    return table


def test_the_documented_table_is_the_code_table() -> None:
    doc = documented()
    assert set(doc) == set(Permission), "every permission has a row in docs/permissions.md"
    for permission, row in doc.items():
        assert set(row) == set(Role)
        for role, granted in row.items():
            assert allowed(role.value, permission) is granted, (permission, role)


def test_unknown_roles_get_nothing() -> None:
    assert not any(allowed("owner", p) for p in Permission)
    assert all(PERMISSIONS[r] <= set(Permission) for r in Role)


def test_only_supervisors_approve_and_administrators_do_not_handle_cash() -> None:
    assert [r for r in Role if allowed(r.value, Permission.GRANT_APPROVAL)] == [Role.SUPERVISOR]
    assert not allowed(Role.ADMINISTRATOR.value, Permission.TAKE_PAYMENT)
