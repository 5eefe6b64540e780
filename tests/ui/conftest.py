"""Fixtures of the GUI tests: the real main window on the shared demo store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import App
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, app: App) -> Iterator[MainWindow]:
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.runner.wait(5000)
