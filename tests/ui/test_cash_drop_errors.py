"""Ctrl+F10 (cash drop) when something is refused (tester's walk, issue 29): the sentence
squeezed the form of a fixed-size dialog (the amount cut in half, "Nộp cho" over it, the
sentence cut, in black). It now shows in red beside the field, the form intact; with no
shift open, Ctrl+F10 says so plainly before anything is typed."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.staff import pretend_enrolled
from ui.counter.cash_drop_dialog import CashDropDialog
from ui.counter.main_window import MainWindow
from ui.main import load_stylesheet


def _rect(w: QWidget, dialog: QWidget) -> QRect:
    return QRect(w.mapTo(dialog, QPoint(0, 0)), w.size())


def _whole(w: QWidget, dialog: QWidget) -> bool:
    return w.height() >= w.sizeHint().height() and dialog.rect().contains(_rect(w, dialog))


def _drop_dialog(qtbot: QtBot, window: MainWindow) -> CashDropDialog:
    qtbot.keyClick(window.search, Qt.Key.Key_F10, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.shift_dialog, CashDropDialog), timeout=5000)
    dialog = window.shift_dialog
    assert isinstance(dialog, CashDropDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_a_refused_drop_says_why_beside_the_amount_and_keeps_the_form(
        qtbot: QtBot, window: MainWindow) -> None:
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    pretend_enrolled(window.app, 5)
    window.app.shifts.open(window.actor, 200_000)
    window.shifts.refresh()
    dialog = _drop_dialog(qtbot, window)
    qtbot.keyClicks(dialog.amount, "1000000")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.amount.error.isVisible(), timeout=5000)
    QApplication.processEvents()
    error = dialog.amount.error
    assert "Trong két chỉ có 200.000 đ" in error.text()
    assert error.property("role") == "error"
    assert QApplication.focusWidget() is dialog.amount
    assert dialog.amount.text() == "1.000.000"  # nothing typed lost
    for part in (dialog.amount, dialog.to_whom, dialog.ok):
        assert _whole(part, dialog), part.objectName()
    assert not _rect(dialog.amount, dialog).intersects(_rect(dialog.to_whom, dialog))
    assert error.height() >= error.heightForWidth(error.width())  # the sentence whole
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def test_ctrl_f10_without_a_shift_says_so_plainly(qtbot: QtBot, window: MainWindow) -> None:
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    dialog = _drop_dialog(qtbot, window)
    QApplication.processEvents()
    assert dialog.refusal.isVisible() and "Chưa mở ca" in dialog.refusal.text()
    assert not dialog.amount.isEnabled() and not dialog.ok.isEnabled()
    assert dialog.refusal.height() >= dialog.refusal.heightForWidth(dialog.refusal.width())
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
