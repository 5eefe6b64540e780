"""Quitting a window with the person's shift still open (tester's walk, issue 29): Ctrl+Q
and Alt+F4 closed the counter at once, though the README says quitting asks first while a
shift is open (only the sign-in screen did). The window now asks as the sign-in screen does
("Ca … vẫn đang mở", stay or quit), the stay key the default."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import App
from tests.staff import pretend_enrolled, sign_in
from ui.collector.collector_window import CollectorWindow
from ui.counter.main_window import MainWindow
from ui.shell.tasks import Tasks
from ui.shell.window import ShellWindow


def _window(kind: str, app: App) -> ShellWindow:
    if kind == "counter":
        return MainWindow(app, actor=sign_in(app, "thungan"))
    return CollectorWindow(app, Tasks(app), actor=sign_in(app, "thuld"))


@pytest.mark.parametrize("kind", ["counter", "collector"])
def test_alt_f4_and_ctrl_q_ask_first_while_the_shift_is_open(
        qtbot: QtBot, app: App, kind: str) -> None:
    pretend_enrolled(app, 5)
    w = _window(kind, app)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    app.shifts.open(w.actor, 100_000)
    w.shifts.refresh()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: w.open_shift() is not None, timeout=5000)
    # Alt+F4 (or the title bar's ✕): the window system's close event, to the window
    handle = w.windowHandle()
    assert handle is not None
    QApplication.sendEvent(handle, QCloseEvent())
    box = w.quit_box
    assert box is not None and box.isVisible() and w.isVisible()
    assert "vẫn đang mở" in box.text() and w.actor.full_name in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # stay
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
    assert w.isVisible()
    # Ctrl+Q: the same question; "Thoát" quits
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Q,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.quit_box is not None and w.quit_box is not box
                    and w.quit_box.isVisible(), timeout=5000)
    assert w.isVisible()
    second = w.quit_box
    assert second is not None
    [quit_button] = [b for b in second.buttons() if b.text() == "Thoát"]
    quit_button.click()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    w.runner.wait(5000)


def test_without_a_shift_ctrl_q_quits_at_once(qtbot: QtBot, app: App) -> None:
    w = _window("counter", app)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Q,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    assert w.quit_box is None
    w.runner.wait(5000)
