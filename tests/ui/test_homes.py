"""Each person's home (issue 29, Build 3): the window the role that signs in gets, and
what works in it from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import App
from desktop.money.amounts import format_vnd
from tests.integration.test_turn_ins import closed_shift
from tests.staff import pretend_enrolled, sign_in
from ui.main import open_window
from ui.office.office_window import OfficeWindow
from ui.shell.tasks import Tasks


def test_the_head_cashier_signed_in_gets_the_office_and_takes_a_shift_over(
        qtbot: QtBot, app: App) -> None:
    pretend_enrolled(app, 11)
    _key, counts, counted = closed_shift(app)
    runner = Tasks(app)
    w = open_window(app, runner, sign_in(app, "thuquy"), online=False)
    assert isinstance(w, OfficeWindow)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    keys = w.key_bar.text()
    assert "Ctrl+D" in keys and "Ctrl+Enter" in keys and "F9" not in keys
    panel = w.panel
    # no second sign-in: the closed shift is listed at once, blind
    qtbot.waitUntil(lambda: panel.shifts.count() == 1, timeout=5000)
    assert panel.pages.currentIndex() == 1
    assert "Nguyễn Thị Thu Ngân" in panel.shifts.item(0).text()
    for denomination, n in counts.items():
        panel.counts[denomination].setValue(n)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(panel.done_views), timeout=5000)
    assert panel.done_views[0].counted == counted and panel.shifts.count() == 0
    # Ctrl+D: the deposit page, with the cash just taken over
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier)
    page = panel.deposit
    qtbot.waitUntil(lambda: page.items.count() == 1, timeout=5000)
    assert panel.pages.currentWidget() is page and page.isVisible()
    assert page.total.text().endswith(format_vnd(counted))
    # Esc closes nothing: the office is the window
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Escape)
    assert panel.isVisible() and w.isVisible()
    w.close()
    runner.wait(5000)


def test_a_cashier_at_the_same_pc_still_gets_the_counter(qtbot: QtBot, app: App) -> None:
    from ui.counter.main_window import MainWindow

    runner = Tasks(app)
    w = open_window(app, runner, sign_in(app, "thungan"), online=False)
    qtbot.addWidget(w)
    assert isinstance(w, MainWindow)
    assert "Ctrl+H" in w.key_bar.text()  # the hand-over is offered where it works
    w.close()
    runner.wait(5000)
