"""A refused field of the request form is scrolled into view with its reason, focus on it:
automatic payment, the longest form, on a 1366×768 counter's screen — a missing CCCD near
the top while the form shows its bottom, a bank account number its bank refuses at the
bottom while the form shows its top."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Account
from desktop.app import App
from tests.staff import pretend_enrolled
from tests.ui.test_request_forms import keys, open_form, type_kind
from ui import theme
from ui.counter.main_window import MainWindow
from ui.counter.request_dialog import ServiceRequestDialog
from ui.widgets import common


def in_view(widget: QWidget, dialog: ServiceRequestDialog) -> bool:
    """Shown, and inside the form's visible part."""
    viewport = dialog.form_scroll.viewport()
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return widget.isVisible() and viewport.rect().contains(rect)


def test_a_refused_field_is_scrolled_into_view_with_its_reason(
        qtbot: QtBot, app: App, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "SCREEN_AREA", QRect(0, 0, 1366, 728))  # less the task bar
    QApplication.instance().setStyleSheet(theme.stylesheet())  # type: ignore[union-attr]
    pretend_enrolled(app, 2)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    dialog = open_form(qtbot, window, account)
    dialog.kind.setCurrentIndex(dialog.kind.findData("auto_debit"))
    qtbot.keyClicks(dialog.phone, "0909.123.456")
    type_kind(qtbot, dialog, "auto_debit")
    qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)
    common.fit_on_screen(dialog, dialog.form_scroll)
    QApplication.processEvents()
    assert dialog.frameGeometry().height() <= 728
    bar = dialog.form_scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the form is taller than what shows: it scrolls

    # the CCCD left empty, the form showing its bottom (where the typing ended)
    bar.setValue(bar.maximum())
    assert not in_view(dialog.id_number, dialog)
    account_no = dialog.kind_forms["auto_debit"].inputs["account_no"]
    qtbot.keyClick(account_no, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    error = dialog.errors["id_number"]
    qtbot.waitUntil(lambda: "CCCD" in error.text(), timeout=5000)
    qtbot.waitUntil(lambda: in_view(dialog.id_number, dialog) and in_view(error, dialog),
                    timeout=3000)
    assert dialog.id_number.hasFocus()

    # the CCCD typed; a 12-digit account number the bank's rule refuses, the form at its top
    keys(qtbot, dialog.id_number, "079 190 001 234")
    account_no.clear()
    qtbot.keyClicks(account_no, "0071 0012 3456")
    bar.setValue(0)
    assert not in_view(account_no, dialog)
    qtbot.keyClick(dialog.id_number, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    reason = dialog.kind_forms["auto_debit"].errors["account_no"]
    qtbot.waitUntil(lambda: reason.text() != "", timeout=5000)
    qtbot.waitUntil(lambda: in_view(account_no, dialog) and in_view(reason, dialog),
                    timeout=3000)
    assert account_no.hasFocus() and dialog.taken is None
    assert dialog.id_number.text() == "079 190 001 234"  # nothing typed lost
    dialog.reject()
