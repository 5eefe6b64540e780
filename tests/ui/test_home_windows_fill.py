"""The head cashier's and the agent's windows open as the counter's does, filling the
screen's free area (an outside walk at 1366×768 found them at about 1000 px on a black
desktop), and the head cashier's count, its "đếm được" total and its keys are in view
without scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import App
from tests.staff import sign_in
from tests.ui.test_homes import office_with_a_closed_shift
from ui.agent.agent_window import AgentWindow
from ui.main import load_stylesheet, open_window
from ui.shell.tasks import Tasks
from ui.widgets import common

#: a 1366×768 screen less a 40 px task bar
AREA = QRect(0, 0, 1366, 728)


def in_view(widget: QWidget, window: QWidget) -> bool:
    shown = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return widget.isVisible() and window.rect().contains(shown)


def test_the_head_cashiers_window_fills_the_screen_and_needs_no_scrolling(
        qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "SCREEN_AREA", AREA)
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    w, runner, _counts, _counted = office_with_a_closed_shift(qtbot, app)
    panel = w.panel
    QApplication.processEvents()
    assert w.frameGeometry() == AREA, w.frameGeometry()
    title_bar = 30  # what a window manager takes above (the offscreen platform takes none)
    w.resize(AREA.width(), AREA.height() - title_bar)
    qtbot.waitUntil(lambda: w.height() == AREA.height() - title_bar, timeout=3000)
    QApplication.processEvents()
    # the count's rows, its total and the keys in view: the page does not scroll
    assert w.pages_scroll.verticalScrollBar().maximum() == 0
    for part in (*panel.counts.values(), panel.counted, panel.ok, panel.reason):
        assert in_view(part, w), part.objectName()
    w.close()
    runner.wait(5000)


def test_the_agents_window_fills_the_screen(qtbot: QtBot, agent: App,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "SCREEN_AREA", AREA)
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    runner = Tasks(agent)
    w = open_window(agent, runner, sign_in(agent, "daily"), online=False)
    assert isinstance(w, AgentWindow)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()
    assert w.frameGeometry() == AREA, w.frameGeometry()
    w.close()
    runner.wait(5000)
