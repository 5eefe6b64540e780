"""Drafts of request forms: saved as they are typed, listed, taken up again or discarded.

The form writes its fields here a moment after each change (ui/ debounces); one short
transaction per save, so a program killed mid-form finds the draft at the next start.
Personal numbers (CCCD, bank account) are left out: a draft is plain text at rest.
The consent tick is kept as it was. A draft names its documents by hash, their file
names sealed with the personal-data key (a name can say whose paper it is);
discarding it (or saving it without one it named) removes those documents from the
data folder, unless another draft or a request still waiting to be sent names the
same hash.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import OutboxOp, RequestDraft, ServiceRequest
from desktop.documents import DocumentStore
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


def _hashes(data: str | None) -> set[str]:
    """The document hashes a draft's or an operation's JSON names."""
    try:
        found = json.loads(data) if data else {}
    except ValueError:
        return set()
    docs = found.get("documents") if isinstance(found, dict) else None
    return {str(d["sha256"]) for d in docs or [] if isinstance(d, dict) and "sha256" in d}


def still_named(s: Session, hashes: set[str], *, besides: str) -> set[str]:
    """Which of ``hashes`` another draft (not ``besides``) or an unsent request names."""
    if not hashes:
        return set()
    named: set[str] = set()
    for data in s.scalars(select(RequestDraft.data).where(RequestDraft.key != besides)):
        named |= _hashes(data)
    for data in s.scalars(select(OutboxOp.data).where(OutboxOp.kind == "service_request")):
        named |= _hashes(data)
    return hashes & named


class RequestDrafts:
    def __init__(self, writes: sessionmaker[Session], reads: sessionmaker[Session],
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
                 documents: DocumentStore | None = None) -> None:
        self._writes, self._reads, self._clock = writes, reads, clock
        #: where the documents a draft names are kept (None: drafts without documents)
        self._documents = documents

    def _drop(self, hashes: set[str]) -> None:
        """After the commit: the files no draft or unsent request names any more."""
        if self._documents is not None:
            for sha in sorted(hashes):
                self._documents.drop(sha)

    def save(self, actor: Actor, key: str, kind: str, account_id: int | None,
             fields: Mapping[str, Any]) -> None:
        """Keep the form as typed (the same key again replaces it); nothing once taken."""
        kept = {k: v for k, v in fields.items() if k not in SECRET_FIELDS}
        if isinstance(kept.get("documents"), list):
            kept["documents"] = [self._sealed(d) for d in kept["documents"]]
        data = json.dumps(kept, ensure_ascii=False)[:MAX_DRAFT]
        with self._writes() as s, s.begin():
            staff = authorize(s, actor, Permission.TAKE_REQUEST)
            if s.get(ServiceRequest, key) is not None:
                return  # taken meanwhile: a late save must not bring the draft back
            row = s.get(RequestDraft, key)
            before = set()
            if row is None:
                row = RequestDraft(key=key)
                s.add(row)
            else:
                before = _hashes(row.data)
            row.kind, row.account_id, row.data = kind, account_id, data
            row.customer_name = str(kept.get("customer_name", ""))[:200]
            row.staff_id, row.updated_at = staff.id, self._clock()
            # a document taken out of the form: its file goes, unless named elsewhere
            removed = before - _hashes(json.dumps(kept, ensure_ascii=False))
            removed -= still_named(s, removed, besides=key)
        self._drop(removed)

    def _sealed(self, doc: object) -> object:
        """A document of the form with its file name sealed (dropped without a store)."""
        if not isinstance(doc, dict) or "name" not in doc:
            return doc
        out = {k: v for k, v in doc.items() if k != "name"}
        name, sha = doc["name"], doc.get("sha256")
        if self._documents is not None and isinstance(name, str) and isinstance(sha, str):
            out["sealed_name"] = self._documents.seal_name(sha, name)
        return out

    def _opened(self, doc: object) -> object:
        """A draft's document with its file name opened again (none when it cannot be)."""
        if not isinstance(doc, dict) or "sealed_name" not in doc:
            return doc
        out = {k: v for k, v in doc.items() if k != "sealed_name"}
        sealed, sha = doc["sealed_name"], doc.get("sha256")
        if self._documents is not None and isinstance(sealed, str) and isinstance(sha, str):
            name = self._documents.open_name(sha, sealed)
            if name is not None:
                out["name"] = name
        return out

    def list(self, actor: Actor) -> list[DraftView]:
        with self._reads() as s:
            authorize(s, actor, None)
            rows = s.scalars(select(RequestDraft).order_by(RequestDraft.updated_at.desc()))
            views = [_view(r) for r in rows]
        for i, v in enumerate(views):
            docs = v.fields.get("documents")
            if isinstance(docs, list):
                views[i] = replace(v, fields={**v.fields,
                                              "documents": [self._opened(d) for d in docs]})
        return views

    def discard(self, actor: Actor, key: str) -> None:
        """The draft goes, and with it the documents only it named."""
        with self._writes() as s, s.begin():
            authorize(s, actor, Permission.TAKE_REQUEST)
            row = s.get(RequestDraft, key)
            named = _hashes(row.data) if row is not None else set()
            s.execute(delete(RequestDraft).where(RequestDraft.key == key))
            named -= still_named(s, named, besides=key)
        self._drop(named)


def _view(r: RequestDraft) -> DraftView:
    return DraftView(r.key, r.kind, KINDS.get(r.kind, r.kind), r.account_id, r.customer_name,
                     json.loads(r.data), r.updated_at)
