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


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"SCAN-OF-A-CARD" * 60


def test_requests_with_documents_sync_them_once_and_the_counter_drops_them(
        synced_counter: App, central: Central, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from central.models import ServiceRequest as CentralRequest
    from db.models import Account
    from desktop.service_requests import RequestForm
    from tests.staff import sign_in

    app = synced_counter
    cashier = sign_in(app)
    with app.sessions() as s:
        accounts = s.scalars(select(Account).where(Account.status == "active")
                             .order_by(Account.id).limit(2)).all()
    pdf, png = tmp_path / "hop-dong.pdf", tmp_path / "cccd.png"
    pdf.write_bytes(PDF)
    png.write_bytes(PNG)
    refs = []
    for a in accounts:  # the same two papers for two requests: one file each
        docs = (app.documents.add(pdf).sha256, app.documents.add(png).sha256)
        refs.append(app.requests.submit(cashier, RequestForm(
            "meter_inspection", a.name, a.address, "0909 123 456", account_id=a.id,
            details={"reason": "Công tơ chạy nhanh"}, papers=("application",),
            documents=docs)).ref)
    assert len(app.documents.held()) == 2
    app.link.sync_once()
    with central.sessions() as s:
        stored = s.scalars(select(Document)).all()
        rows = {r.ref: json.loads(r.data) for r in s.scalars(
            select(CentralRequest).where(CentralRequest.ref.in_(refs)))}
    assert sorted(d.sha256 for d in stored) == sorted(
        (hashlib.sha256(PDF).hexdigest(), hashlib.sha256(PNG).hexdigest()))
    assert {len(r["documents"]) for r in rows.values()} == {2}
    assert sorted(p.name for p in central.document_root().iterdir()) == sorted(
        d.sha256 for d in stored)
    assert app.documents.held() == []  # central holds them: the counter none

    # the back office: the request with its documents, and one written out
    from central.__main__ import main as central_main

    db = str(tmp_path / "central.db")
    assert central_main(["--db", db, "request", "show", refs[0]]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [(d["media_type"], d["held"]) for d in shown["documents"]] == [
        ("application/pdf", True), ("image/png", True)]
    out = tmp_path / "back-office" / "hop-dong.pdf"
    out.parent.mkdir()
    sha = hashlib.sha256(PDF).hexdigest()
    assert central_main(["--db", db, "request", "document", sha, str(out)]) == 0
    assert out.read_bytes() == PDF
