"""The status bar stays one line at 1366×768, at 100 % and at Windows' 150 % (911 logical
pixels wide), with the day's usual words in it: who works, the open shift, "Đã in N
phiếu", the link. A walk found it wrapped onto two lines; now the least needed parts give
way, cut with "…" and whole in their tooltips, and who works and the shift stay whole."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import App
from tests.staff import on_shift
from ui.counter.main_window import MainWindow
from ui.main import load_stylesheet
from ui.shell.statusbar.part import Part

#: the window's inner width at 1366×768: at 100 % and at 150 %
WIDTHS = {"100": 1366, "150": 911}
SYNC = "Trực tuyến · đồng bộ 1 phút trước · chờ gửi 3 · F5 đồng bộ · F6 cần xử lý"


def _shown(window: MainWindow) -> list[Part]:
    return [p for p in window.status.parts if p.isVisibleTo(window) and p.text()]


@pytest.mark.parametrize("scale", list(WIDTHS))
def test_the_status_bar_stays_one_line(qtbot: QtBot, app: App, scale: str) -> None:
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    window = MainWindow(app, actor=on_shift(app), online=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca mở"), timeout=5000)
    window.resize(WIDTHS[scale], 600)
    qtbot.waitUntil(lambda: window.width() == WIDTHS[scale], timeout=3000)
    window.sync_status.setText(SYNC)  # the link's usual words (this window works offline)
    window.printer_status.setText("Đã in 12 phiếu")
    QApplication.processEvents()
    status = window.status
    line = window.staff_status.fontMetrics().lineSpacing()
    assert status.height() < 2 * line, (status.height(), line)
    for part in _shown(window):
        assert part.height() < 2 * line, part.objectName()
        assert status.rect().contains(part.geometry()), part.objectName()
        if part.is_cut():
            # cut on screen with "…", whole in its tooltip
            assert part.shown_text().endswith("…"), part.objectName()
            assert part.toolTip() == part.text(), part.objectName()
        else:
            assert part.toolTip() == ""
    # who works and the shift are whole; the store's name gives way before the link
    for part in (window.staff_status, window.shift_status):
        assert not part.is_cut(), part.text()
    if window.sync_status.is_cut():
        assert window.store_status.width() <= window.store_status.minimumSizeHint().width()
        assert window.printer_status.width() <= window.printer_status.minimumSizeHint().width()
    # a message shown in the bar gets room too, the bar still one line
    status.showMessage("Đã lưu bảng kê vào thư mục Tài liệu.", 5000)
    QApplication.processEvents()
    assert status.height() < 2 * line
    assert not window.shift_status.is_cut()
    status.clearMessage()
    window.close()
    window.runner.wait(5000)


def test_the_link_badge_arriving_last_takes_the_quiet_parts_room(
        qtbot: QtBot, app: App) -> None:
    """The link's badge shows after the words it sits beside (the first sync's answer):
    the row fits again, the store's name gives way, not who works nor the shift (a real
    window showed every part cut alike)."""
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    window = MainWindow(app, actor=on_shift(app), online=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca mở"), timeout=5000)
    window.resize(1340, 600)
    qtbot.waitUntil(lambda: window.width() == 1340, timeout=3000)
    badge = window.status.sync.badge
    badge.set_state("")
    window.sync_status.setText(SYNC)
    QApplication.processEvents()
    badge.set_state("online")
    QApplication.processEvents()
    assert badge.isVisibleTo(window)
    for part in (window.staff_status, window.shift_status, window.sync_status):
        assert not part.is_cut(), part.text()
    assert window.store_status.is_cut()
    window.close()
    window.runner.wait(5000)


def test_large_text_fits_the_bar_again(qtbot: QtBot, app: App) -> None:
    """The large-text setting changes every part's width without a word changed: the bar
    fits again, who works and the shift whole."""
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    qapp.setStyleSheet(load_stylesheet())
    window = MainWindow(app, actor=on_shift(app), online=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca mở"), timeout=5000)
    window.resize(1366, 600)
    qtbot.waitUntil(lambda: window.width() == 1366, timeout=3000)
    window.sync_status.setText(SYNC)
    window.printer_status.setText("Đã in 12 phiếu")
    QApplication.processEvents()
    try:
        qapp.setStyleSheet(load_stylesheet(large_text=True))
        QApplication.processEvents()
        line = window.staff_status.fontMetrics().lineSpacing()
        assert window.status.height() < 2 * line
        for part in (window.staff_status, window.shift_status):
            assert not part.is_cut(), part.text()
        assert window.store_status.is_cut()
    finally:
        qapp.setStyleSheet(load_stylesheet())
    window.close()
    window.runner.wait(5000)
