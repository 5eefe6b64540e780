"""A request slip printed again — Ctrl+P in the form once the slip came out, or from the
request list — says "BẢN SAO", as a reprinted receipt does; the first one does not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Account
from desktop.app import App
from desktop.printing.documents import Document
from tests.staff import pretend_enrolled
from tests.ui.test_request_forms import open_form, type_kind
from ui.counter.main_window import MainWindow


def test_a_reprinted_slip_says_it_is_a_copy(qtbot: QtBot, app: App, window: MainWindow,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    printed: list[Document] = []
    monkeypatch.setattr(app.prints, "print_document", printed.append)
    pretend_enrolled(app, 2)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    dialog = open_form(qtbot, window, account)
    dialog.kind.setCurrentIndex(dialog.kind.findData("meter_inspection"))
    qtbot.keyClicks(dialog.phone, "0909123456")
    type_kind(qtbot, dialog, "meter_inspection")
    with qtbot.waitSignal(dialog.submitted, timeout=5000):
        dialog.submit()
    qtbot.waitUntil(lambda: len(printed) == 1 and dialog.slip_printed, timeout=5000)
    assert "BẢN SAO" not in printed[0].subtitle
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=5000)
    assert "BẢN SAO" in printed[1].subtitle
    dialog.reject()

    window.open_request_list()
    lst = window.request_list
    assert lst is not None
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1, timeout=5000)
    lst.print_slip()
    qtbot.waitUntil(lambda: len(printed) == 3, timeout=5000)
    assert "BẢN SAO" in printed[2].subtitle
    lst.reject()
