"""The head cashier's window on a 1366×768 screen (tester's walk, issue 29): it opened
1000×787 at y=20, its status bar below the screen's edge, and could not be made smaller;
the count fields' lower borders were clipped. At 100 % (with a window manager's title bar)
and at Windows' 125 % it now lies within the screen, the status bar in view, and no count
field is squeezed below its height (the page scrolls instead)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import App
from tests.integration.test_turn_ins import closed_shift
from tests.staff import pretend_enrolled, sign_in
from ui.main import load_stylesheet, open_window
from ui.office.office_window import OfficeWindow
from ui.shell.tasks import Tasks
from ui.widgets import common

#: 1366×768 less a 40 px task bar, in logical pixels at 100 % and 125 %
AREAS = {"100": QRect(0, 0, 1366, 728), "125": QRect(0, 0, 1093, 582)}


@pytest.mark.parametrize("scale", list(AREAS))
def test_the_head_cashiers_window_fits_the_screen(
        qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch, scale: str) -> None:
    area = AREAS[scale]
    monkeypatch.setattr(common, "SCREEN_AREA", area)
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    pretend_enrolled(app, 11)
    closed_shift(app)
    runner = Tasks(app)
    w = open_window(app, runner, sign_in(app, "thuquy"), online=False)
    assert isinstance(w, OfficeWindow)
    qtbot.addWidget(w)
    w.move(0, 20)
    w.show()
    qtbot.waitExposed(w)
    panel = w.panel
    qtbot.waitUntil(lambda: panel.shifts.count() == 1, timeout=5000)
    QApplication.processEvents()
    title_bar = 30  # what a window manager adds above (the offscreen platform adds none)
    assert w.minimumSizeHint().height() + title_bar <= area.height()
    assert area.contains(w.frameGeometry()), w.frameGeometry()
    status = w.statusBar()
    assert status.isVisible() and w.rect().contains(
        QRect(status.mapTo(w, QPoint(0, 0)), status.size()))
    for box in panel.counts.values():
        assert box.height() >= box.sizeHint().height(), (box.objectName(), box.sizeHint())
    w.close()
    runner.wait(5000)
