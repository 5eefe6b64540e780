"""The one registry of operation kinds: kind → schema → handler.

The schemas are the shared contract's (``desktop.contract_schemas.OP_SCHEMAS``: the
counter builds what central validates); the API validates a push and writes
the OpenAPI document from this registry, and the push applies by it. A new
kind is a schema in the contract, a room here, and one line below.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from central.service.common import DeviceContext
from central.service.ops.agent_closing import AgentClosingRoom
from central.service.ops.audit import AuditRoom
from central.service.ops.payment import PaymentRoom
from central.service.ops.route import RouteRoom
from central.service.ops.service_request import RequestRoom
from central.service.ops.shift_close import ShiftRoom
from central.service.ops.turn_in import TurnInRoom
from central.service.ops.void import VoidRoom
from desktop.contract_schemas import OP_SCHEMAS

#: (the service, its session, the pushing device, the key, the validated data) → result
Handler = Callable[[Any, Session, DeviceContext, str, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class OpKind:
    schema: type[BaseModel]
    apply: Handler


OPS: Mapping[str, OpKind] = {
    "payment": OpKind(OP_SCHEMAS["payment"], PaymentRoom._apply_payment),
    "void": OpKind(OP_SCHEMAS["void"], VoidRoom._apply_void),
    "audit": OpKind(OP_SCHEMAS["audit"], AuditRoom._apply_audit),
    "shift_close": OpKind(OP_SCHEMAS["shift_close"], ShiftRoom._apply_shift_close),
    "service_request": OpKind(OP_SCHEMAS["service_request"], RequestRoom._apply_service_request),
    "turn_in": OpKind(OP_SCHEMAS["turn_in"], TurnInRoom._apply_turn_in),
    "deposit": OpKind(OP_SCHEMAS["deposit"], TurnInRoom._apply_deposit),
    "deposit_ref": OpKind(OP_SCHEMAS["deposit_ref"], TurnInRoom._apply_deposit_ref),
    "agent_closing": OpKind(OP_SCHEMAS["agent_closing"], AgentClosingRoom._apply_agent_closing),
    "visit": OpKind(OP_SCHEMAS["visit"], RouteRoom._apply_visit),
    "request_withdrawal": OpKind(OP_SCHEMAS["request_withdrawal"],
                                 RequestRoom._apply_request_withdrawal),
}
if set(OPS) != set(OP_SCHEMAS):  # a kind the counter can send and central cannot apply
    raise ImportError(f"operation kinds differ: {sorted(set(OPS) ^ set(OP_SCHEMAS))}")
