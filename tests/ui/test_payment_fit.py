"""F9 at 1366×768 and at Windows' 125 % and 150 %: the change, the line that says what is
credited to the customer, the amount field and the confirm key are all in view without
scrolling (the credit line sat below the fold). QT_SCALE_FACTOR scales every size alike,
so the dialog at the logical height those screens leave shows what the cashier sees."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import App
from desktop.money.amounts import format_vnd
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import pretend_enrolled
from ui import theme
from ui.counter.main_window import MainWindow
from ui.counter.payment_dialog import PaymentDialog
from ui.widgets import common

#: a 1366×768 screen's area less a 40 px task bar, in logical pixels at 100, 125 and 150 %
AREAS = {"100": QRect(0, 0, 1366, 728), "125": QRect(0, 0, 1093, 582),
         "150": QRect(0, 0, 911, 485)}


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def in_view(widget: QWidget, dialog: PaymentDialog) -> bool:
    """Inside the dialog and, when it is in the scrolling form, inside its viewport."""
    if not widget.isVisible() or not dialog.rect().contains(rect_in(widget, dialog)):
        return False
    viewport = dialog.form_scroll.viewport()
    if viewport.isAncestorOf(widget):
        return viewport.rect().contains(rect_in(widget, viewport))
    return True


@pytest.mark.parametrize("scale", list(AREAS))
def test_credit_line_is_in_view_without_scrolling(qtbot: QtBot, app: App, window: MainWindow,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  scale: str) -> None:
    monkeypatch.setattr(common, "SCREEN_AREA", AREAS[scale])
    QApplication.instance().setStyleSheet(theme.stylesheet())  # type: ignore[union-attr]
    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 0)
    account_id = accounts_with_unpaid_bills(app)[0]
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        window.open_account(account_id)
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    dialog = window.payment
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.live is not None, timeout=5000)
    # notes for a bill of odd đồng: the change's odd đồng the drawer cannot give are
    # credited to the customer
    given = (dialog.total // 100_000 + 1) * 100_000
    dialog.tendered.setValue(given)
    credit = (given - dialog.total) % app.payments.change_note
    assert credit and format_vnd(credit) in dialog.credit.text()
    dialog._fit()  # as when it is shown: within the screen, the form scrolling inside
    qtbot.waitUntil(lambda: in_view(dialog.tendered, dialog), timeout=3000)
    assert dialog.frameGeometry().bottom() <= AREAS[scale].bottom()
    for part in (dialog.change, dialog.credit, dialog.confirm, dialog.tendered):
        assert in_view(part, dialog), part.objectName()
    assert dialog.credit.height() >= dialog.credit.heightForWidth(dialog.credit.width())
    # and once taken: the change, its credit and the receipt's sentence stay in view
    with qtbot.waitSignal(dialog.payment_committed, timeout=5000):
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
    dialog._fit()
    QApplication.processEvents()
    assert dialog.frameGeometry().bottom() <= AREAS[scale].bottom()
    assert "ghi có" in dialog.message.text()
    for part in (dialog.change, dialog.credit, dialog.message, dialog.confirm):
        assert in_view(part, dialog), part.objectName()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
