"""A date refused for being past, then cleared from its field: the refusal's line goes with
it (it stayed under the empty field)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Account
from desktop.app import App
from tests.staff import pretend_enrolled
from tests.ui.test_request_forms import open_form
from ui.counter.main_window import MainWindow


def clear(qtbot: QtBot, line: QLineEdit) -> None:
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    assert line.text() == ""


def test_a_cleared_past_date_loses_its_error_line(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 2)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    dialog = open_form(qtbot, window, account)
    dialog.kind.setCurrentIndex(dialog.kind.findData("extension"))
    part = dialog.kind_forms["extension"]
    qtbot.keyClicks(dialog.phone, "0909123456")
    qtbot.keyClick(part.paper_boxes["application"], Qt.Key.Key_Space)
    new_end = part.inputs["new_end"]
    assert isinstance(new_end, QLineEdit)
    qtbot.keyClicks(new_end, "01/01/2020")  # in the past: refused
    dialog.submit()

    qtbot.waitUntil(lambda: part.errors["new_end"].text() != "", timeout=5000)
    clear(qtbot, new_end)
    assert part.errors["new_end"].text() == ""

    # the form's own date alike
    qtbot.keyClicks(new_end, "01/01/2099")
    qtbot.keyClicks(dialog.preferred, "01/01/2020")
    qtbot.keyClick(dialog.preferred, Qt.Key.Key_Return)  # Enter in a line takes the form
    qtbot.waitUntil(lambda: dialog.errors["preferred_on"].text() != "", timeout=5000)
    clear(qtbot, dialog.preferred)
    assert dialog.errors["preferred_on"].text() == ""
    assert dialog.taken is None and new_end.text() == "01/01/2099"
    dialog.reject()
