"""What every room of the service shares: the clock, the device's context, the
refusal of an operation, transactions and row locks."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from central.models import (
    Account,
    Unit,
)
from central.service.changelog import write_changes

logger = logging.getLogger(__name__)


Clock = Callable[[], dt.datetime]


MAX_PULL = 5000


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


#: how long after its first use an enrolment code answers the same device key again
ENROL_RETRY = dt.timedelta(minutes=30)


#: a payment stamped later than this after central's clock, or earlier than the longest
#: offline stretch a counter may work, raises a clock alert
CLOCK_AHEAD = dt.timedelta(minutes=10)


OFFLINE_AT_MOST = dt.timedelta(days=45)


#: how often a push is tried when PostgreSQL breaks a deadlock by rolling it back
DEADLOCK_TRIES = 3


def _deadlocked(exc: DBAPIError) -> bool:
    """PostgreSQL's "deadlock detected" (SQLSTATE 40P01) or a serialization failure."""
    state = getattr(getattr(exc.orig, "diag", None), "sqlstate", None) or getattr(
        exc.orig, "sqlstate", None)
    return state in ("40P01", "40001")


@dataclass(frozen=True, slots=True)
class DeviceContext:
    device_id: int
    unit_code: str
    #: when the presented token stops working (said back in X-Token-Expires)
    token_expires_at: dt.datetime | None = None
    #: the device holds every unit's accounts and open bills (``Device.whole_city``)
    whole_city: bool = False


def may_collect(unit: Unit | None, ctx: DeviceContext, account: Account) -> bool:
    """A counter collects for its own unit's accounts; an agent (thu hộ) and a device
    that holds the whole city for any unit's."""
    return (account.unit_code == ctx.unit_code or ctx.whole_city
            or (unit is not None and unit.kind == "agent"))


class Rejected(Exception):
    """An operation the business rules refuse; stored so replays get the same answer.

    ``alert`` is raised to the unit's supervisors as well (it survives the
    rollback of the operation's own savepoint).
    """

    def __init__(self, reason: str, message: str, alert: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.alert = alert


#: a VietQR intent paid longer ago than this with no payment pushed for it is alerted
#: (``QUAYTHU_VIETQR_GRACE_MINUTES``): the counter records a paid intent within seconds
#: when it is online, so a gap this long means a counter that lost it or cannot reach us
VIETQR_GRACE = dt.timedelta(minutes=5)


def vietqr_grace_from_env() -> dt.timedelta:
    """``QUAYTHU_VIETQR_GRACE_MINUTES`` (whole minutes, 1 to 1440), else the default."""
    import os

    raw = os.environ.get("QUAYTHU_VIETQR_GRACE_MINUTES", "").strip()
    if not raw:
        return VIETQR_GRACE
    if not raw.isdigit() or not 1 <= int(raw) <= 1440:
        raise ValueError("QUAYTHU_VIETQR_GRACE_MINUTES: whole minutes from 1 to 1440")
    return dt.timedelta(minutes=int(raw))


class ServiceBase:

    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utcnow,
                 token_ttl: dt.timedelta = dt.timedelta(days=365),
                 bank_secret: str | None = None, receipt_secret: str | None = None,
                 snapshot_dir: Path | None = None,
                 vietqr_grace: dt.timedelta = VIETQR_GRACE) -> None:
        self.sessions = sessions
        #: how long after the bank paid an intent its payment may take to arrive
        self.vietqr_grace = vietqr_grace
        #: where first-sync snapshots are kept (None: see ``SnapshotRoom.snapshot_root``)
        self.snapshot_dir = snapshot_dir
        self.clock = clock
        self.token_ttl = token_ttl
        self.bank_secret = bank_secret
        #: what each device's receipt key is derived from; never in the database (a
        #: process without one configured makes its own, good for its own lifetime only)
        self.receipt_secret = receipt_secret or secrets.token_hex(32)

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self.sessions() as s, s.begin():
            yield s
            write_changes(s)

    def _lock(self, s: Session, stmt: Any) -> Any:
        if s.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        return s.scalar(stmt)

    def _lock_all(self, s: Session, stmt: Any) -> list[Any]:
        """Rows read to be written, locked on PostgreSQL (in the statement's order: id)."""
        if s.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        return list(s.scalars(stmt))

    def _load_unit(self, s: Session, ctx: DeviceContext) -> Unit | None:
        """The device's unit into the session; locked only when it has a collection limit.

        Only an agent's running total (``unremitted``) is written by payments:
        locking every unit's row would queue all of a district's counters
        behind one another.
        """
        unit = s.get(Unit, ctx.unit_code)
        if (unit is not None and unit.collection_limit is not None
                and s.get_bind().dialect.name == "postgresql"):
            s.execute(select(Unit).where(Unit.code == ctx.unit_code).with_for_update()
                      .execution_options(populate_existing=True))
        # returned, and held by the caller: the session's identity map keeps
        # only weak references, and a second ``get`` would be a second query
        return unit
