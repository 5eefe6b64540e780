"""``quaythu audit verify`` and the supervisor's check of the journal."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from desktop.staff.audit import ChainReport, compare_with_central, verify_store
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AuditVerdict:
    local: ChainReport
    #: central's last line for this device, when it could be asked
    central_seq: int | None
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class AuditService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def verify(self, actor: Actor | None,
               central_head: tuple[int, str] | None = None) -> AuditVerdict:
        """Walk the local chain; with central's last (seq, hash), compare too.

        ``actor`` is None only for the command line, which runs as the OS user
        who owns the data directory.
        """
        with self._sessions() as s:
            if actor is not None:
                authorize(s, actor, Permission.VERIFY_AUDIT)
            report = verify_store(s)
            problems = list(report.problems)
            if central_head is not None:
                problems += compare_with_central(s, report, *central_head)
        if problems:
            logger.warning("audit journal check found %d problem(s)", len(problems))
        return AuditVerdict(report, central_head[0] if central_head else None, tuple(problems))
