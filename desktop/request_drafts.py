"""Drafts of request forms: saved as they are typed, listed, taken up again or discarded.

The form writes its fields here a moment after each change (ui/ debounces); one short
transaction per save, so a program killed mid-form finds the draft at the next start.
Personal numbers (CCCD, bank account) are left out: a draft is plain text at rest.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import RequestDraft, ServiceRequest
from desktop.service_requests import KINDS
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission

#: fields never written to a draft
SECRET_FIELDS = frozenset({"id_number", "account_no"})
MAX_DRAFT = 20_000


@dataclass(frozen=True, slots=True)
class DraftView:
    key: str
    kind: str
    kind_label: str
    account_id: int | None
    customer_name: str
    fields: Mapping[str, Any]
    updated_at: dt.datetime


class RequestDrafts:
    def __init__(self, writes: sessionmaker[Session], reads: sessionmaker[Session],
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        self._writes, self._reads, self._clock = writes, reads, clock

    def save(self, actor: Actor, key: str, kind: str, account_id: int | None,
             fields: Mapping[str, Any]) -> None:
        """Keep the form as typed (the same key again replaces it); nothing once taken."""
        kept = {k: v for k, v in fields.items() if k not in SECRET_FIELDS}
        data = json.dumps(kept, ensure_ascii=False)[:MAX_DRAFT]
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_REQUEST)
            if s.get(ServiceRequest, key) is not None:
                return  # taken meanwhile: a late save must not bring the draft back
            row = s.get(RequestDraft, key)
            if row is None:
                row = RequestDraft(key=key)
                s.add(row)
            row.kind, row.account_id, row.data = kind, account_id, data
            row.customer_name = str(kept.get("customer_name", ""))[:200]
            row.staff_id, row.updated_at = staff.id, self._clock()

    def list(self, actor: Actor) -> list[DraftView]:
        with self._reads() as s:
            authorize(s, actor, None)
            rows = s.scalars(select(RequestDraft).order_by(RequestDraft.updated_at.desc()))
            return [_view(r) for r in rows]

    def discard(self, actor: Actor, key: str) -> None:
        with self._writes() as s, s.begin():
            authorize(s, actor, Permission.TAKE_REQUEST)
            s.execute(delete(RequestDraft).where(RequestDraft.key == key))


def _view(r: RequestDraft) -> DraftView:
    return DraftView(r.key, r.kind, KINDS.get(r.kind, r.kind), r.account_id, r.customer_name,
                     json.loads(r.data), r.updated_at)
