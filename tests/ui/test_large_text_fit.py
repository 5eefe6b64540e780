"""Large text (×1.25) on a 1366×768 screen (an outside walk, issue 29): F9 became a small
box scrolling both ways, "Khách đưa" showed ``600.00`` with its last digit cut, after the
payment the form slid left ("hải thu") and "Đủ tiền (F5)" was cut; the shift-close report
pushed "Xong (Enter)" below the screen's edge. Every dialog now fits the screen with its
buttons in view and its amounts whole."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import App
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import pretend_enrolled
from ui import theme
from ui.counter.main_window import MainWindow
from ui.counter.payment_dialog import PaymentDialog
from ui.widgets import common

#: a 1366×768 screen less a 40 px task bar
AREA = QRect(0, 0, 1366, 728)


@pytest.fixture
def large_text(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(common, "SCREEN_AREA", AREA)
    theme.apply_to(qapp, large_text=True)
    yield
    theme.apply_to(qapp)  # the next test finds the ordinary look


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def whole_in_view(widget: QWidget, dialog: QWidget) -> bool:
    """Shown whole: inside the dialog and inside every scroll viewport it is in."""
    if not widget.isVisible() or not dialog.rect().contains(rect_in(widget, dialog)):
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not dialog:
        if parent.objectName() == "qt_scrollarea_viewport" and \
                not parent.rect().contains(rect_in(widget, parent)):
            return False
        parent = parent.parentWidget()
    return True


def text_whole(button: QPushButton) -> bool:
    return button.width() >= button.sizeHint().width()


def test_f9_with_large_text_fits_with_nothing_cut(qtbot: QtBot, app: App, window: MainWindow,
                                                  large_text: None) -> None:
    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 0)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        window.open_account(accounts_with_unpaid_bills(app)[0])
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    dialog = window.payment
    assert isinstance(dialog, PaymentDialog)
    qtbot.waitUntil(lambda: dialog.live is not None, timeout=5000)
    given = (dialog.total // 100_000 + 1) * 100_000
    qtbot.keyClicks(dialog.tendered, str(given))
    dialog._fit()
    QApplication.processEvents()
    scroll = dialog.form_scroll

    def check() -> None:
        assert AREA.contains(dialog.frameGeometry()), dialog.frameGeometry()
        # the form never scrolls sideways: nothing is hidden to its right
        assert scroll.horizontalScrollBar().maximum() == 0
        assert scroll.horizontalScrollBar().value() == 0
        field = dialog.tendered
        assert field.width() >= field.fontMetrics().horizontalAdvance(field.text()) + 20
        assert whole_in_view(field, dialog)
        # the amount due, the number the customer is told, is never scrolled away
        assert whole_in_view(dialog.total_label, dialog)
        for button in dialog.findChildren(QPushButton):
            if button.isHidden() or button is dialog.bank_button:
                continue
            assert whole_in_view(button, dialog), button.text()
            assert text_whole(button), button.text()

    check()
    with qtbot.waitSignal(dialog.payment_committed, timeout=5000):
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
    dialog._fit()
    QApplication.processEvents()
    check()
    for part in (dialog.change, dialog.message):
        assert whole_in_view(part, dialog), part.objectName()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def test_the_shift_report_with_large_text_keeps_its_buttons_on_screen(
        qtbot: QtBot, app: App, window: MainWindow, large_text: None) -> None:
    from ui.counter.close_shift_dialog import CloseShiftDialog

    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 500_000)
    window.shifts.refresh()
    qtbot.waitUntil(lambda: window.shifts.shift is not None, timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: isinstance(window.shift_dialog, CloseShiftDialog)
                    and window.shift_dialog.isVisible(), timeout=5000)
    closing = window.shift_dialog
    assert isinstance(closing, CloseShiftDialog)
    closing.counts[500_000].setValue(1)
    with qtbot.waitSignal(closing.closed, timeout=5000):
        qtbot.keyClick(closing, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # the reconciliation's line comes under the report (a counter online)
    closing._show_reconciliation(["Đối soát với trung tâm: khớp."])
    qtbot.waitUntil(lambda: "đếm được" in closing.message.text(), timeout=5000)
    QApplication.processEvents()
    QApplication.processEvents()
    title_bar = 30  # what a window manager adds above (the offscreen platform adds none)
    frame = closing.frameGeometry()
    assert AREA.contains(frame) and frame.height() + title_bar <= AREA.height(), frame
    for button in closing.findChildren(QPushButton):
        if not button.isHidden():
            assert whole_in_view(button, closing), button.text()
            assert text_whole(button), button.text()
    assert closing.ok.text() == "Xong (Enter)"
    closing.reject()
    qtbot.waitUntil(lambda: not closing.isVisible(), timeout=5000)


def test_the_tools_with_large_text_fit_the_screen(qtbot: QtBot, window: MainWindow,
                                                   app: App, large_text: None) -> None:
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        window.open_account(accounts_with_unpaid_bills(app)[0])
    qtbot.keyClick(window.search, Qt.Key.Key_F7)
    tools = window.tools
    assert tools is not None
    qtbot.waitExposed(tools)
    qtbot.waitUntil(lambda: tools.bill_result is not None, timeout=5000)  # the account's
    QApplication.processEvents()
    title_bar = 30  # what a window manager adds above (the offscreen platform adds none)
    frame = tools.frameGeometry()
    assert AREA.contains(frame) and frame.height() + title_bar <= AREA.height(), frame
    for button in (tools.slip_button, tools.pdf_button):
        assert whole_in_view(button, tools), button.text()
    tools.close()
