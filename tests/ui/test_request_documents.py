"""Documents attached to a request in its form (Ctrl+O): a good one listed and sent with
the request; a 200 MB file, a `.pdf` that is not a PDF and the same document twice each
refused beside the documents with their reason, nothing typed lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Account, OutboxOp, RequestDraft, ServiceRequest
from desktop.app import App
from tests.staff import pretend_enrolled
from tests.ui.test_request_forms import open_form, type_kind
from ui.counter.main_window import MainWindow
from ui.counter.request_dialog import ServiceRequestDialog

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"HOP-DONG-THUE-NHA " * 50
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"SCAN-OF-A-CARD" * 60


def attach(qtbot: QtBot, dialog: ServiceRequestDialog, monkeypatch: pytest.MonkeyPatch,
           path: Path) -> None:
    monkeypatch.setattr(dialog, "choose_file", lambda: str(path))
    dialog.activateWindow()  # a window's shortcut acts in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    before = (dialog.documents_list.count(), dialog.errors["documents"].text())
    qtbot.keyClick(dialog.phone, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.attach_button.isEnabled() and (
        dialog.documents_list.count(), dialog.errors["documents"].text()) != before,
        timeout=5000)


def test_documents_are_attached_from_files_and_bad_ones_refused_beside_them(
        qtbot: QtBot, app: App, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_enrolled(app, 2)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    dialog = open_form(qtbot, window, account)
    dialog.kind.setCurrentIndex(dialog.kind.findData("meter_inspection"))
    qtbot.keyClicks(dialog.phone, "0909 123 456")
    type_kind(qtbot, dialog, "meter_inspection")

    good = tmp_path / "bien-ban.pdf"
    good.write_bytes(PDF)
    attach(qtbot, dialog, monkeypatch, good)
    assert dialog.documents_list.count() == 1 and dialog.errors["documents"].text() == ""

    fake = tmp_path / "hop-dong.pdf"
    fake.write_bytes(b"MZ\x90\x00 a program dressed as a PDF")
    attach(qtbot, dialog, monkeypatch, fake)
    assert "không phải PDF" in dialog.errors["documents"].text()

    again = tmp_path / "ban-sao.pdf"  # the same paper under another name
    again.write_bytes(PDF)
    attach(qtbot, dialog, monkeypatch, again)
    assert "đã đính kèm" in dialog.errors["documents"].text()

    big = tmp_path / "scan.pdf"
    with big.open("wb") as fh:  # sparse: 200 MB on paper
        fh.write(b"%PDF-1.7\n")
        fh.truncate(200 * 1024 * 1024)
    attach(qtbot, dialog, monkeypatch, big)
    assert "200 MB" in dialog.errors["documents"].text()
    assert dialog.attach_button.hasFocus()

    photo = tmp_path / "cccd.png"
    photo.write_bytes(PNG)
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):  # the draft keeps them
        attach(qtbot, dialog, monkeypatch, photo)
    assert dialog.documents_list.count() == 2
    with app.sessions() as s:
        draft = json.loads(s.scalars(select(RequestDraft.data)
                                     .where(RequestDraft.key == dialog.key)).one())
    assert [d["media_type"] for d in draft["documents"]] == ["application/pdf", "image/png"]
    assert "cccd.png" not in json.dumps(draft)  # by hash, not by the file's name
    # nothing typed was lost on the way
    assert dialog.phone.text() == "0909 123 456"

    with qtbot.waitSignal(dialog.submitted, timeout=5000) as taken:
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with app.sessions() as s:
        row = s.scalars(select(ServiceRequest)
                        .where(ServiceRequest.ref == taken.args[0].ref)).one()
        sent = json.loads(s.scalars(select(OutboxOp.data).where(OutboxOp.key == row.key)).one())
    assert [d["media_type"] for d in sent["documents"]] == ["application/pdf", "image/png"]
    assert len(app.documents.held()) == 2  # sealed in the data folder until central has them
    dialog.reject()


def test_a_discarded_draft_s_documents_leave_the_data_folder_unless_named_elsewhere(
        qtbot: QtBot, app: App, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_enrolled(app, 2)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    dialog = open_form(qtbot, window, account)
    dialog.kind.setCurrentIndex(dialog.kind.findData("meter_inspection"))
    qtbot.keyClicks(dialog.phone, "0909 123 456")
    paper, photo = tmp_path / "bien-ban.pdf", tmp_path / "cccd.png"
    paper.write_bytes(PDF)
    photo.write_bytes(PNG)
    attach(qtbot, dialog, monkeypatch, paper)
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
        attach(qtbot, dialog, monkeypatch, photo)
    pdf_sha, png_sha = (d.sha256 for d in dialog.attached)
    assert app.documents.held() == sorted([pdf_sha, png_sha])
    # another draft names the same PDF (the same paper for a second request)
    other = "00000000-0000-4000-8000-00000000d0c2"
    app.drafts.save(window.actor, other, "extension", account.id, {
        "customer_name": account.name,
        "documents": [{"sha256": pdf_sha, "media_type": "application/pdf", "size": len(PDF)}]})

    # the photo taken out of the form (Delete on the list): its file goes with the draft's
    # next save
    dialog.documents_list.setFocus()
    dialog.documents_list.setCurrentRow(1)
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
        qtbot.keyClick(dialog.documents_list, Qt.Key.Key_Delete)
    assert dialog.documents_list.count() == 1 and dialog.phone.text() == "0909 123 456"
    assert app.documents.held() == [pdf_sha]
    dialog.reject()

    # F4, Ctrl+Delete on this draft: the PDF stays, the other draft still names it
    window.open_request_list()
    lst = window.request_list
    assert lst is not None
    qtbot.waitUntil(lambda: lst.drafts.count() == 2, timeout=5000)
    lst.drafts.setCurrentRow([d.key for d in lst.draft_views].index(dialog.key))
    qtbot.keyClick(lst, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: lst.drafts.count() == 1, timeout=5000)
    assert app.documents.held() == [pdf_sha]
    # the last draft naming it discarded: nothing of the paper is left on the counter
    qtbot.keyClick(lst, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: lst.drafts.count() == 0, timeout=5000)
    assert app.documents.held() == []
    assert not (app.documents.folder / pdf_sha).exists()
    lst.reject()


def test_a_discarded_draft_leaves_a_document_an_unsent_request_names(
        app: App, tmp_path: Path) -> None:
    """A request taken with the paper and not yet sent keeps it: only central's
    confirmation removes it."""
    from desktop.service_requests import RequestForm
    from tests.staff import sign_in

    pretend_enrolled(app, 2)
    actor = sign_in(app)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    paper = tmp_path / "bien-ban.pdf"
    paper.write_bytes(PDF)
    doc = app.documents.add(paper)
    app.requests.submit(actor, RequestForm(
        "meter_inspection", account.name, account.address, "0909123456",
        account_id=account.id, details={"reason": "Công tơ chạy nhanh"},
        papers=("application",), documents=(doc.sha256,)))
    named = {"sha256": doc.sha256, "media_type": doc.media_type, "size": doc.size}
    app.drafts.save(actor, "00000000-0000-4000-8000-00000000d0c3", "meter_inspection",
                    account.id, {"customer_name": account.name, "documents": [named]})
    app.drafts.discard(actor, "00000000-0000-4000-8000-00000000d0c3")
    assert app.documents.held() == [doc.sha256]
