"""Request drafts: written a moment after typing, kept through a SIGKILL, listed in the
request list, taken up again as they were, discarded; gone once the request is taken."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import RequestDraft
from desktop.app import App, build_app
from tests.children import kill_after_lines
from tests.draft_child import KEY, PAPER_NAME
from tests.staff import pretend_enrolled, sign_in
from tests.ui.test_request_documents import PNG, attach
from ui.counter.main_window import MainWindow


def test_a_draft_survives_sigkill_and_is_taken_up_again_then_discarded(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 2)
    store = app.store_path
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    run = kill_after_lines([sys.executable, "-m", "tests.draft_child", str(store)], 1, env=env)
    assert run.killed and run.lines == ["saved"]
    with app.sessions() as s:
        raw = s.get(RequestDraft, KEY)
        assert raw is not None
        assert "079190001234" not in raw.data  # the CCCD is never kept in a draft
        assert PAPER_NAME not in raw.data  # nor a paper's file name in clear
    # the store as a fresh program sees it after the kill
    fresh = build_app(store, create=False)
    try:
        assert [d.key for d in fresh.drafts.list(sign_in(fresh))] == [KEY]
    finally:
        fresh.close()

    qtbot.keyClick(window.search, Qt.Key.Key_F4)
    lst = window.request_list
    assert lst is not None
    qtbot.waitUntil(lambda: lst.drafts.count() == 1, timeout=5000)
    assert "Cấp điện mới" in lst.drafts.item(0).text()
    assert "Trần Thị Ngọc Ánh" in lst.drafts.item(0).text()
    qtbot.keyClick(lst, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = window.request_dialog
    assert dialog is not None and dialog.key == KEY
    part = dialog.kind_forms["new_supply"]
    assert dialog.kind.currentData() == "new_supply"
    assert (dialog.name.text(), dialog.phone.text()) == ("Trần Thị Ngọc Ánh", "0909 123 456")
    assert part.details()["households"] == "2" and part.papers() == ("application",)
    assert dialog.id_number.text() == ""  # re-typed from the card
    # the customer's answer and the paper attached, as they were before the kill
    assert dialog.consent.isChecked()
    assert [dialog.documents_list.item(i).text()
            for i in range(dialog.documents_list.count())] == [f"{PAPER_NAME} (2 KB)"]
    qtbot.keyClicks(dialog.id_number, "079190001234")
    qtbot.keyClicks(dialog.phone, "")
    qtbot.keyClick(part.paper_boxes["rental_contract"], Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
        pass  # the change is written a moment later
    with qtbot.waitSignal(dialog.submitted, timeout=5000):
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with app.sessions() as s:  # taken: the draft is gone in the same transaction
        assert s.scalars(select(RequestDraft)).all() == []
    dialog.reject()


def test_typing_writes_a_draft_and_discarding_removes_it(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 2)
    qtbot.keyClick(window.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.request_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
        qtbot.keyClicks(dialog.name, "Le Van Binh")
        qtbot.keyClicks(dialog.id_number, "079090001234")
    with app.sessions() as s:
        row = s.get(RequestDraft, dialog.key)
        assert row is not None and row.customer_name == "Le Van Binh"
        assert "079090001234" not in row.data
    dialog.reject()
    window.open_request_list()  # F4 (the key itself: test_request_forms.py)
    lst = window.request_list
    assert lst is not None
    qtbot.waitUntil(lambda: lst.drafts.count() == 1, timeout=5000)
    qtbot.keyClick(lst, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: lst.drafts.count() == 0, timeout=5000)
    with app.sessions() as s:
        assert s.scalars(select(RequestDraft)).all() == []
    lst.reject()


def test_the_form_s_draft_keeps_the_consent_tick_and_the_papers_names(
        qtbot: QtBot, app: App, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What the form itself writes: reopened from the list, the tick and the papers'
    names are back as the cashier left them (a kill loses nothing the draft holds)."""
    pretend_enrolled(app, 2)
    qtbot.keyClick(window.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.request_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "Le Van Binh")
    qtbot.keyClicks(dialog.id_number, "079090001234")
    qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)
    scan = tmp_path / "don-de-nghi.png"
    scan.write_bytes(PNG)
    with qtbot.waitSignal(dialog.draft_saved, timeout=5000):
        attach(qtbot, dialog, monkeypatch, scan)
    key = dialog.key
    with app.sessions() as s:
        row = s.get(RequestDraft, key)
        assert row is not None and "don-de-nghi" not in row.data  # the name sealed
    dialog.reject()

    window.open_request_list()  # F4 (the key itself: test_request_forms.py)
    lst = window.request_list
    assert lst is not None
    qtbot.waitUntil(lambda: lst.drafts.count() == 1, timeout=5000)
    qtbot.keyClick(lst, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    again = window.request_dialog
    assert again is not None and again.key == key
    assert again.consent.isChecked()
    assert [again.documents_list.item(i).text()
            for i in range(again.documents_list.count())] == ["don-de-nghi.png (1 KB)"]
    again.reject()
    lst.reject()


def test_a_new_supply_draft_from_before_the_one_date_keeps_its_date(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    """A draft written when the new-supply form had a second date (``wanted_on`` in its
    details) reopens with that date in the form's one date field."""
    pretend_enrolled(app, 2)
    key = "00000000-0000-4000-8000-0000000d47e5"
    app.drafts.save(sign_in(app), key, "new_supply", None, {
        "customer_name": "Phạm Văn Cường", "address": "3 Lê Lợi", "phone": "0909 123 456",
        "preferred_on": "", "note": "",
        "details": {"purpose": "Sinh hoạt", "households": "1", "load_kw": "3",
                    "appliances": "", "wanted_on": "15/12/2027"}, "papers": []})
    window.open_request_list()  # F4 (the key itself: test_request_forms.py)
    lst = window.request_list
    assert lst is not None
    qtbot.waitUntil(lambda: lst.drafts.count() == 1, timeout=5000)
    qtbot.keyClick(lst, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = window.request_dialog
    assert dialog is not None and dialog.key == key
    assert dialog.preferred.text() == "15/12/2027"
    assert dialog.kind_forms["new_supply"].details()["households"] == "1"
    dialog.reject()
    lst.reject()
