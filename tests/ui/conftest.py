"""Fixtures of the GUI tests: the real main window on the shared demo store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import App
from desktop.auth import Actor
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, app: App, cashier: Actor) -> Iterator[MainWindow]:
    w = MainWindow(app, actor=cashier)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.runner.wait(5000)
