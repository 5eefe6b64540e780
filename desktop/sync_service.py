"""The sync as the core and the screens see it: its status, the issues, a supervisor's
acknowledgement (``app.sync``).

The link (:mod:`desktop.link`) pushes and pulls and records each turn's outcome in the
store; what is waiting, what central refused and what a supervisor must see are read
here from the same store, and acknowledging an issue is a supervisor's journaled action
of the core. The screens get :class:`desktop.dto.SyncStatus` and
:class:`desktop.dto.IssueView`, never the link's own types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from db.models import DeviceState, OutboxOp, SyncIssue, SyncState
from desktop.contract import OutboxState
from desktop.dto import IssueView, SyncStatus
from desktop.rowseal import UNSEALED
from desktop.staff import audit
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission

__all__ = ["IssueView", "SyncService", "SyncStatus"]


class SyncService:
    def __init__(self, reads: sessionmaker[Session], writes: sessionmaker[Session], *,
                 online: Callable[[], bool | None] = lambda: None,
                 wake: Callable[[], None] = lambda: None,
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        self._reads, self._writes = reads, writes
        #: what the link saw at its last turn in this process (None: no turn yet)
        self._online = online
        self._wake = wake
        self._clock = clock

    def sync_now(self) -> None:
        """"Đồng bộ ngay": the link's next turn starts at once."""
        self._wake()

    def status(self) -> SyncStatus:
        with self._reads() as s:
            device = s.get(DeviceState, 1)
            counts = dict(s.execute(select(OutboxOp.state, func.count())
                                    .where(OutboxOp.kind != "audit")
                                    .group_by(OutboxOp.state)).all())
            journal = s.scalar(select(func.count()).select_from(OutboxOp)
                               .where(OutboxOp.kind == "audit",
                                      OutboxOp.state == OutboxState.PENDING)) or 0
            issues = s.scalar(select(func.count()).select_from(SyncIssue)
                              .where(SyncIssue.acknowledged_at.is_(None))) or 0
            cursor = s.scalar(select(SyncState.cursor).where(SyncState.id == 1)) or 0
        online = self._online()
        if online is None and device is not None and device.last_sync_at is not None:
            online = device.last_error is None  # another process synced: its last outcome
        return SyncStatus(
            enrolled=device is not None, central_url=device.central_url if device else None,
            unit_code=device.unit_code if device else None, online=online,
            last_sync_at=device.last_sync_at if device else None,
            last_error=device.last_error if device else None, cursor=int(cursor),
            pending=int(counts.get(OutboxState.PENDING, 0)),
            rejected=int(counts.get(OutboxState.REJECTED, 0)),
            open_issues=int(issues), journal_pending=int(journal),
            quarantined=int(counts.get(OutboxState.QUARANTINE, 0)),
        )

    def pending(self) -> int:
        """Operations waiting to be sent (journal lines not counted); needs no central."""
        with self._reads() as s:
            return int(s.scalar(select(func.count()).select_from(OutboxOp).where(
                OutboxOp.state == OutboxState.PENDING, OutboxOp.kind != "audit")) or 0)

    def unsealed(self) -> int:
        """Rows found in the store that this counter did not write as they are (their seal
        fails, desktop.rowseal), set aside and not yet acknowledged by a supervisor."""
        with self._reads() as s:
            return int(s.scalar(select(func.count()).select_from(SyncIssue).where(
                SyncIssue.acknowledged_at.is_(None), SyncIssue.reason == UNSEALED)) or 0)

    def open_issues(self) -> tuple[IssueView, ...]:
        """Issues no supervisor has acknowledged yet, oldest first."""
        with self._reads() as s:
            rows = s.scalars(select(SyncIssue).where(SyncIssue.acknowledged_at.is_(None))
                             .order_by(SyncIssue.id)).all()
            return tuple(IssueView(r.id, r.op_key, r.kind, r.reason, r.message, r.created_at)
                         for r in rows)

    def acknowledge(self, actor: Actor, issue_id: int) -> None:
        """A supervisor has seen an issue; a rejected operation leaves the outbox then."""
        now = self._clock()
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.ACKNOWLEDGE_ISSUES)
            issue = s.get(SyncIssue, issue_id)
            if issue is None or issue.acknowledged_at is not None:
                return
            issue.acknowledged_at, issue.acknowledged_by = now, staff.full_name
            s.execute(text("DELETE FROM outbox WHERE key = :k AND state = 'rejected'"),
                      {"k": issue.op_key})
            audit.append(s, action="sync_issue_acknowledged", staff=staff.username, now=now,
                         subject=issue.op_key, detail={"kind": issue.kind, "reason": issue.reason})
