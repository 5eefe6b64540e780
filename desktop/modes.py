"""Which window opens: decided by the unit's kind and the staff member's role, never by a
setting someone at the counter could change.

The unit's kind comes from central (the ``unit`` rows of the change log, under the code
the device was enrolled to); the role from the staff row central sends. A device of an
agent opens the agent's window for everyone; a field team's (``route``) the collector's;
a power company's counter opens the counter window, except for an agent's or a field
collector's own role, which keep their simplified windows wherever they sign in; a head
cashier signing in there gets the office (turn-ins, the deposit, the bank's references), not
a counter they do not work at.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.orm import Session, sessionmaker

from db.models import DeviceState, Unit
from desktop.staff.auth import Actor


class Mode(StrEnum):
    COUNTER = "counter"
    AGENT = "agent"
    COLLECTOR = "collector"
    OFFICE = "office"


def window_mode(sessions: sessionmaker[Session], actor: Actor) -> Mode:
    with sessions() as s:
        device = s.get(DeviceState, 1)
        unit = s.get(Unit, device.unit_code) if device is not None else None
        kind = unit.kind if unit is not None else "power_company"
    if kind == "agent" or actor.role == "agent":
        return Mode.AGENT
    if kind == "route" or actor.role == "field_collector":
        return Mode.COLLECTOR
    if actor.role == "head_cashier":
        return Mode.OFFICE
    return Mode.COUNTER
