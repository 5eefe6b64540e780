"""Documents go to the real central over loopback by their hash: once stored, the same
one again is 'already' and written once; a body that is not what its hash or its type
says is refused; central keeps them in a private folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.models import Document
from central.service import Central
from desktop.app import App
from desktop.errors import QuayThuError

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"HOP-DONG-THUE-NHA " * 50


def test_a_document_is_stored_once_per_hash(synced_counter: App, central: Central,
                                            tmp_path: Path) -> None:
    client = synced_counter.link.client()
    sha = hashlib.sha256(PDF).hexdigest()
    assert client.put_document(sha, PDF, "application/pdf") == "stored"
    assert client.put_document(sha, PDF, "application/pdf") == "already"  # a retry
    with central.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 1
    root = central.document_root()
    assert [p.name for p in root.iterdir()] == [sha]
    assert (os.stat(root).st_mode & 0o777) == 0o700
    assert (os.stat(root / sha).st_mode & 0o777) == 0o600
    assert central.document_bytes(sha) == PDF


def test_a_body_that_is_not_its_hash_or_not_a_document_is_refused(
        synced_counter: App, central: Central) -> None:
    client = synced_counter.link.client()
    fake = b"MZ\x90\x00 a program named .pdf"
    with pytest.raises(QuayThuError):
        client.put_document(hashlib.sha256(fake).hexdigest(), fake, "application/pdf")
    with pytest.raises(QuayThuError):
        client.put_document(hashlib.sha256(b"other").hexdigest(), PDF, "application/pdf")
    with central.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 0
