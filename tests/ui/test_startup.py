"""The progress window of a slow start: it follows the work, and closing it stops the start
instead of leaving the program working on without a window."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from ui.plumbing import startup
from ui.plumbing.startup import Report, StartupCancelled, run_with_progress


def test_the_window_follows_the_work_and_returns_its_result(qtbot: QtBot) -> None:
    def work(report: Report) -> str:
        for step in range(1, 5):
            report(f"Bước {step}", step * 25)
        return "xong"

    assert run_with_progress("QuayThu", work) == "xong"
    window = startup.last_window
    assert window is not None and not window.isVisible()
    assert window.history[-1] == ("Bước 4", 100)


@pytest.mark.parametrize("how", ["esc", "close"])
def test_closing_the_window_stops_the_start(qtbot: QtBot, how: str) -> None:
    release = threading.Event()

    def work(report: Report) -> str:
        report("Tạo thành phố demo", 10)
        release.wait(30)  # a long step: the person gives up meanwhile
        return "không tới đây"

    def give_up() -> None:
        window = startup.last_window
        assert window is not None and window.isVisible()
        if how == "esc":
            qtbot.keyClick(window, "\x1b")
        else:
            window.close()  # the × of the title bar, Alt+F4

    QTimer.singleShot(300, give_up)
    try:
        with pytest.raises(StartupCancelled):
            run_with_progress("QuayThu", work)
    finally:
        release.set()
