"""The contact phone of a request starts as the open customer's phone on file (masked as
the cashier sees it), selected so the number the customer gives is typed over it; a
request taken with it carries the number on file; no log line holds the number."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Account, OutboxOp, ServiceRequest
from db.text import normalise_phone
from desktop.app import App
from desktop.staff.privacy import mask_phone
from tests.staff import pretend_enrolled
from tests.ui.test_request_forms import choose_kind, open_form, type_kind
from ui.counter.main_window import MainWindow


def a_customer_with_a_phone(app: App) -> Account:
    with app.sessions() as s:
        return s.scalars(select(Account).where(Account.status == "active",
                                               Account.phone.is_not(None))
                         .order_by(Account.id).limit(1)).one()


def test_the_phone_on_file_is_prefilled_and_taken_with_the_request_never_logged(
        qtbot: QtBot, app: App, window: MainWindow, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    pretend_enrolled(app, 2)
    account = a_customer_with_a_phone(app)
    on_file = normalise_phone(account.phone or "")
    assert on_file is not None
    dialog = open_form(qtbot, window, account)
    # the cashier may not see it whole: the mask the panel shows, selected in the field
    # the form opens on
    assert dialog.phone.text() == mask_phone(on_file)
    qtbot.waitUntil(dialog.phone.hasFocus, timeout=5000)
    assert dialog.phone.selectedText() == dialog.phone.text()
    choose_kind(qtbot, dialog, "meter_inspection")
    type_kind(qtbot, dialog, "meter_inspection")
    with qtbot.waitSignal(dialog.submitted, timeout=5000) as taken:
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with app.sessions() as s:
        row = s.scalars(select(ServiceRequest)
                        .where(ServiceRequest.ref == taken.args[0].ref)).one()
        sent = s.scalars(select(OutboxOp.data).where(OutboxOp.key == row.key)).one()
    assert row.phone == on_file and f'"phone": "{on_file}"' in sent
    dialog.reject()
    assert on_file not in caplog.text and on_file[1:] not in caplog.text


def test_the_number_the_customer_gives_is_typed_over_the_one_on_file(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 2)
    account = a_customer_with_a_phone(app)
    dialog = open_form(qtbot, window, account)
    qtbot.waitUntil(dialog.phone.hasFocus, timeout=5000)
    qtbot.keyClicks(dialog.phone, "0912 345 678")
    assert dialog.phone.text() == "0912 345 678"
    # typed: what follows is added to it, as in any line
    qtbot.keyClicks(dialog.phone, "9")
    assert dialog.phone.text() == "0912 345 6789"
    dialog.reject()


def test_a_new_customer_s_phone_starts_empty(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 2)
    dialog = open_form(qtbot, window, None)
    assert dialog.phone.text() == ""
    dialog.reject()
