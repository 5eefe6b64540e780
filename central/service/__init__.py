"""The reference central system's service, room by room.

Each concern is a room of its own (``admin``, ``pull``, ``push``, one module per
operation kind under ``ops``, ``vietqr``, ``receipts``, ``reports``, the
change log in ``changelog``); :class:`Central` is all of them over one
database. Rooms raise the domain errors of :mod:`central.service.errors`; the
HTTP edge (``central.api``) turns them into problem documents.
"""

from __future__ import annotations

from central.service.admin import AdminRoom
from central.service.changelog import (
    account_data,
    bill_data,
    payment_record_id,
    record_change,
    request_data,
    staff_data,
    unit_data,
)
from central.service.common import DEADLOCK_TRIES, DeviceContext, Rejected, utcnow
from central.service.documents import DocumentRoom
from central.service.ops.agent_closing import AgentClosingRoom
from central.service.ops.route import RouteRoom
from central.service.ops.service_request import RequestRoom
from central.service.ops.shift_close import ShiftRoom
from central.service.ops.turn_in import TurnInRoom
from central.service.ops.void import VoidRoom
from central.service.pull import PullRoom
from central.service.push import PushRoom
from central.service.receipts import ReceiptsRoom
from central.service.reports import ReportsRoom
from central.service.snapshot import SnapshotInfo, SnapshotRoom
from central.service.vietqr import VietQrRoom, bank_signature

__all__ = [
    "DEADLOCK_TRIES", "Central", "DeviceContext", "Rejected", "SnapshotInfo", "account_data",
    "bank_signature", "bill_data", "payment_record_id", "record_change", "request_data", "staff_data",
    "unit_data", "utcnow",
]


class Central(AdminRoom, SnapshotRoom, PullRoom, PushRoom, VoidRoom, ShiftRoom, RequestRoom, VietQrRoom,
              ReceiptsRoom, ReportsRoom, TurnInRoom, AgentClosingRoom,
              RouteRoom, DocumentRoom):
    """The whole service: every room over one database (``sessions``)."""
