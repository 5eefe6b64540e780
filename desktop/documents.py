"""Documents attached to a service request: images (PNG, JPEG) and PDFs from a file.

The type is decided by the file's first bytes, never by its name; a file over the
size limit (``document_max_mb``) is refused from its size before any of it is read.
A document is kept in ``documents/<sha256>`` of the data folder, sealed with the
personal-data key (desktop.personal): the same document twice is one file, and a
copied data folder yields none of its bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from desktop.personal import SealBroken, Sealer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker
from desktop.service_kinds import FieldError

FOLDER = "documents"
#: the field a refusal is shown beside
FIELD = "documents"

#: what a file starts with, by the type the counter accepts
MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "ảnh PNG"),
    (b"\xff\xd8\xff", "image/jpeg", "ảnh JPEG"),
    (b"%PDF-", "application/pdf", "PDF"),
)
NAMED = {".png": "ảnh PNG", ".jpg": "ảnh JPEG", ".jpeg": "ảnh JPEG", ".pdf": "PDF"}


@dataclass(frozen=True, slots=True)
class Attached:
    sha256: str
    media_type: str
    size: int
    #: the file's name as the counter picked it (shown in the form only)
    name: str


def media_type(head: bytes) -> str | None:
    for magic, media, _label in MAGIC:
        if head.startswith(magic):
            return media
    return None


class DocumentStore:
    def __init__(self, data_dir: Path, sealer: Callable[[], Sealer], max_mb: int = 10) -> None:
        self.folder = data_dir / FOLDER
        self._sealer = sealer
        self.max_bytes = max_mb * 1024 * 1024

    def check(self, path: Path, already: Iterable[str] = ()) -> tuple[Attached, bytes]:
        """The file's document and bytes, or a FieldError saying why not."""
        name = path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise FieldError(f"Không đọc được tệp {name}.", field=FIELD) from exc
        if size > self.max_bytes:  # from the size alone: a 200 MB file is never read
            raise FieldError(f"Tệp {name} nặng {size / 1024 / 1024:.0f} MB, quá giới hạn "
                             f"{self.max_bytes // 1024 // 1024} MB.", field=FIELD)
        if size == 0:
            raise FieldError(f"Tệp {name} rỗng.", field=FIELD)
        with path.open("rb") as fh:
            data = fh.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:  # grew while we looked
            raise FieldError(f"Tệp {name} quá giới hạn {self.max_bytes // 1024 // 1024} MB.",
                             field=FIELD)
        media = media_type(data[:8])
        if media is None:
            claimed = NAMED.get(path.suffix.lower())
            if claimed:
                raise FieldError(f"Tệp {name} mang đuôi {path.suffix} nhưng nội dung không "
                                 f"phải {claimed}.", field=FIELD)
            raise FieldError(f"Tệp {name} không phải ảnh PNG, JPEG hay PDF.", field=FIELD)
        digest = hashlib.sha256(data).hexdigest()
        if digest in set(already):
            raise FieldError(f"Giấy tờ {name} đã đính kèm rồi (cùng nội dung).", field=FIELD)
        return Attached(digest, media, size, name), data

    def add(self, path: Path, already: Iterable[str] = ()) -> Attached:
        """Check the file and keep it sealed by its hash (once, however often added)."""
        doc, data = self.check(path, already)
        target = self.folder / doc.sha256
        if not target.exists():
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            sealed = self._sealer().seal_bytes(data, "doc:" + doc.sha256)
            tmp = target.with_suffix(".part")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(sealed)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        return doc

    def read(self, sha256: str) -> bytes:
        """The document's bytes (to upload it), checked against its hash."""
        plain = self._sealer().open_bytes((self.folder / sha256).read_bytes(), "doc:" + sha256)
        if hashlib.sha256(plain).hexdigest() != sha256:
            raise ValueError(f"document {sha256[:12]} does not match its hash")
        return plain

    def info(self, sha256: str) -> dict[str, object]:
        """What the request sends about a kept document: hash, type, size."""
        try:
            plain = self.read(sha256)
        except (OSError, ValueError) as exc:
            raise FieldError("Giấy tờ đính kèm không còn trên máy; đính kèm lại.",
                             field=FIELD) from exc
        return {"sha256": sha256, "media_type": media_type(plain[:8]) or "", "size": len(plain)}

    def seal_name(self, sha256: str, name: str) -> str:
        """A document's file name as a draft keeps it: sealed, since a name such as
        ``cccd-nguyen-van-an.png`` says whose paper it is (a draft is plain text at rest)."""
        return self._sealer().seal({"name": name}, "docname:" + sha256)

    def open_name(self, sha256: str, sealed: str) -> str | None:
        """The name :meth:`seal_name` sealed, or None when this counter cannot open it."""
        try:
            name = self._sealer().open(sealed, "docname:" + sha256).get("name")
        except (SealBroken, ValueError):
            return None
        return name if isinstance(name, str) and name else None

    def drop(self, sha256: str) -> None:
        """Central holds it: the counter keeps none of it."""
        (self.folder / sha256).unlink(missing_ok=True)

    def held(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if len(p.name) == 64)


class DocumentSink(Protocol):
    """Central as the sync sees it (desktop.link's client), for documents."""

    def put_document(self, sha256: str, body: bytes, media_type: str) -> str: ...


def _named(ops: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for op in ops if op.get("kind") == "service_request"
            for d in (op.get("data") or {}).get("documents") or [] if isinstance(d, dict)]


def uploader(store: DocumentStore) -> Callable[[DocumentSink, list[dict[str, Any]]], None]:
    """What the sync calls before a push: each document a request names goes first, by
    its hash (central answers "already" for one it holds: a retry costs nothing).

    Once per push however many of its requests name it, and not again in this run once
    central has answered that it holds it (central keeps a document it stored): a few
    scans reused by a thousand requests are a few PUTs, not a thousand."""
    held: set[str] = set()

    def upload(client: DocumentSink, ops: list[dict[str, Any]]) -> None:
        for sha, d in {str(d["sha256"]): d for d in _named(ops)}.items():
            if sha in held:
                continue
            try:
                body = store.read(sha)
            except FileNotFoundError:
                continue  # dropped once central took an earlier request naming it
            client.put_document(sha, body, str(d["media_type"]))
            held.add(sha)  # "stored" or "already": central has it
    return upload


def dropper(store: DocumentStore, reads: sessionmaker[Session]
            ) -> Callable[[list[dict[str, Any]]], None]:
    """What the sync calls once central took requests: their documents leave the counter,
    unless a request still waiting to be sent names one too."""
    def drop(ops: list[dict[str, Any]]) -> None:
        done = {str(d["sha256"]) for d in _named(ops)}
        if not done:
            return
        from sqlalchemy import select

        from db.models import OutboxOp
        with reads() as s:
            waiting = [{"kind": "service_request", "data": json.loads(o)} for o in s.scalars(
                select(OutboxOp.data).where(OutboxOp.kind == "service_request"))]
        for sha in done - {str(d["sha256"]) for d in _named(waiting)}:
            store.drop(sha)
    return drop
