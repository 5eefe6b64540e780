"""Documents attached to service requests: kept once per content hash.

Files live in the document folder: ``QUAYTHU_DOCUMENT_DIR`` when set (the one folder
every worker and host of a central shares), else beside a SQLite central's file
(``<db>.documents``). The folder is made 0700 and each file 0600: only the user
central runs as reads them. A counter PUTs a document by its SHA-256 before the
request that names it; the same document again is answered "already" and not
written twice.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import select

from central.models import Document, ServiceRequest
from central.service.common import DeviceContext, ServiceBase

#: what a document may be, by its first bytes (never by a name or a header)
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"%PDF-", "application/pdf"),
)
MAX_DOCUMENT = 16 * 1024 * 1024


class DocumentRoom(ServiceBase):

    def document_root(self) -> Path:
        if configured := os.environ.get("QUAYTHU_DOCUMENT_DIR"):
            root = Path(configured)
        else:
            url = self.sessions.kw["bind"].url
            if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
                raise _problem()(503, "no-document-folder", "Central has no document folder",
                              detail="set QUAYTHU_DOCUMENT_DIR")
            root = Path(f"{url.database}.documents")
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(root, 0o700)
        return root

    def put_document(self, ctx: DeviceContext, sha256: str, body: bytes) -> tuple[bool, Document]:
        """Keep the document; (whether it was new, its row). Idempotent by hash."""
        if hashlib.sha256(body).hexdigest() != sha256:
            raise _problem()(422, "hash-mismatch", "The body does not have this SHA-256")
        media = next((m for magic, m in MAGIC if body.startswith(magic)), None)
        if media is None:
            raise _problem()(422, "not-a-document", "Only PNG, JPEG and PDF documents are kept")
        with self._tx() as s:
            row = s.get(Document, sha256)
            if row is not None:
                return False, row
            path = self.document_root() / sha256
            if not path.exists():
                tmp = path.with_suffix(f".{os.getpid()}.part")
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(body)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            row = Document(sha256=sha256, media_type=media, size=len(body),
                           device_id=ctx.device_id, unit_code=ctx.unit_code,
                           stored_at=self.clock())
            s.add(row)
            return True, row

    def documents(self, hashes: list[str]) -> list[Document]:
        with self.sessions() as s:
            return list(s.scalars(select(Document).where(Document.sha256.in_(hashes))))

    def document_bytes(self, sha256: str) -> bytes:
        """A document as the back office reads it (``quaythu-central request document``)."""
        with self.sessions() as s:
            if s.get(Document, sha256) is None:
                raise KeyError(sha256)
        return (self.document_root() / sha256).read_bytes()

    def request_show(self, ref: str) -> dict[str, Any]:
        """A request as the back office reads it, with its documents (held or not)."""
        with self.sessions() as s:
            r = s.scalar(select(ServiceRequest).where(ServiceRequest.ref == ref.strip().upper()))
            if r is None:
                raise KeyError(ref)
            data = json.loads(r.data)
            named = [d for d in data.get("documents") or [] if isinstance(d, dict)]
            held = {d.sha256 for d in s.scalars(select(Document).where(
                Document.sha256.in_([str(d.get("sha256")) for d in named])))}
        return {"ref": r.ref, "unit": r.unit_code, "kind": r.kind, "status": r.status,
                "customer_name": data.get("customer_name"), "created_at": r.created_at.isoformat(),
                "documents": [{**d, "held": d.get("sha256") in held} for d in named]}


def _problem() -> type:
    """central.problems imports central.service (its errors): imported when first needed,
    or a process that starts from central.embedded meets the circle half-built."""
    from central.problems import Problem

    return Problem
