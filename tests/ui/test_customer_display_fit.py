"""The customer display on a single 1366×768 screen (tester's walk, issue 29): F9, 200000
typed, Enter: the display took the strip right of the dialog, but its 36 pt change made it
587 px wide from x=907, 128 px past the screen's edge, and the change was cut off. Its
frame now lies within the screen and the change's text within its label."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import App
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import pretend_enrolled
from ui import theme
from ui.counter.main_window import MainWindow
from ui.widgets import common

SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px task bar


def test_the_change_on_the_customer_display_fits_a_single_screen(
        qtbot: QtBot, app: App, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "SCREEN_AREA", SCREEN)
    QApplication.instance().setStyleSheet(theme.stylesheet())  # type: ignore[union-attr]
    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 0)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        window.open_account(accounts_with_unpaid_bills(app)[0])
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    dialog = window.payment
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.live is not None, timeout=5000)
    given = (dialog.total // 100_000 + 2) * 100_000  # a change of six digits
    qtbot.keyClicks(dialog.tendered, str(given))
    with qtbot.waitSignal(dialog.payment_committed, timeout=5000):
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
    display = dialog.display
    assert display is not None
    qtbot.waitUntil(display.isVisible, timeout=3000)
    QApplication.processEvents()
    assert "Tiền thối" in display.amount.text()
    assert SCREEN.contains(display.frameGeometry()), (display.frameGeometry(), display.geometry())
    room = display.amount.contentsRect().width()
    metrics = display.amount.fontMetrics()
    assert all(metrics.horizontalAdvance(line) <= room
               for line in display.amount.text().split("\n")), (room, display.amount.text())
    # and the cashier's dialog is beside it, not under it
    assert dialog.frameGeometry().right() < display.frameGeometry().left()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    display.close()
