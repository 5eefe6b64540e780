"""The shared widgets of the design system, in a real window: the key caps show the keys
that work now, the badge says its state in words, the customer display stays above the
cashier's window on one screen and goes to the other screen when there is one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import App
from ui.counter.customer_display import CustomerDisplay, customer_screen
from ui.main import load_stylesheet
from ui.shell.keys import KeyBar, parse_keys
from ui.widgets.badge import StateBadge


def test_hints_become_key_caps() -> None:
    assert parse_keys("F2 tìm · Enter mở · Ctrl+L: khóa · Enter/F9: thu tiền · ghi chú") == [
        ("F2", "tìm"), ("Enter", "mở"), ("Ctrl+L", "khóa"), ("Enter/F9", "thu tiền"),
        ("", "ghi chú")]


def test_key_bar_shows_only_the_keys_that_work_now(qtbot: QtBot) -> None:
    bar = KeyBar()
    qtbot.addWidget(bar)
    bar.set_keys("F2 tìm · F9 thu tiền · F10 ca")
    bar.show()
    caps = bar.findChildren(QLabel, "keyCap")
    assert [c.text() for c in caps] == ["F2", "F9", "F10"]
    assert bar.visible_keys() == ["F2", "F9", "F10"]
    bar.show_only(["F2", "F10"])
    assert bar.visible_keys() == ["F2", "F10"]
    assert "thu tiền" not in bar.text()
    bar.show_only([])
    assert bar.visible_keys() == []
    bar.show_only(None)
    assert bar.visible_keys() == ["F2", "F9", "F10"]


def test_a_dialog_covering_the_bar_and_leaving_it_gives_back_the_windows_keys(
        qtbot: QtBot) -> None:
    bar = KeyBar()
    qtbot.addWidget(bar)
    bar.set_keys("F2 tìm · F9 thu tiền · F10 ca")
    bar.show()
    for _ in range(20):  # F9, Esc, F9, … a day at the counter
        bar.cover("Enter thu tiền · F5 đủ tiền · F6 VietQR · Esc đóng")
        assert bar.visible_keys() == ["Enter", "F5", "F6", "Esc"]
        assert "thu tiền" in bar.text() and "F10" not in bar.text()
        bar.cover("")  # a dialog naming no keys: none
        assert bar.visible_keys() == [] and bar.text() == ""
        bar.cover(None)
        assert bar.visible_keys() == ["F2", "F9", "F10"]
        assert bar.text() == "F2 tìm · F9 thu tiền · F10 ca"
    # the caps are reused, not made anew at each cover
    assert len(bar.findChildren(QLabel, "keyCap")) == 4


def test_badge_says_its_state_in_words(qtbot: QtBot) -> None:
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    badge = StateBadge("overdue")
    qtbot.addWidget(badge)
    assert badge.text() == "QUÁ HẠN"
    assert badge.property("badge") == "overdue"
    badge.set_state("offline")
    assert badge.text() == "NGOẠI TUYẾN"
    badge.set_state("")
    assert badge.isHidden()


def test_customer_display_stays_above_on_one_screen(qtbot: QtBot) -> None:
    cashier = QWidget()
    qtbot.addWidget(cashier)
    cashier.showMaximized()
    display = CustomerDisplay(cashier)
    qtbot.addWidget(display)
    assert display.shared  # the offscreen platform has one screen
    flags = display.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.WindowDoesNotAcceptFocus
    display.show_qr("Nguyễn Văn A", "PE14000000001", 343_786, "000201")
    assert display.isVisible()


def test_customer_display_takes_the_other_screen() -> None:
    # two stand-ins for QScreen: only their identity matters to the choice
    two: list[Any] = [object(), object()]
    assert customer_screen(two, two[0]) is two[1]
    assert customer_screen(two, two[1]) is two[0]
    assert customer_screen(two[:1], two[0]) is None


def test_large_text_setting_scales_every_window_and_is_saved(
        qtbot: QtBot, app: App, tmp_path: Path) -> None:
    from desktop.settings_file import load_settings
    from tests.staff import pretend_enrolled, sign_in
    from ui.setup.settings_dialog import SettingsDialog
    from ui.shell.tasks import Tasks

    pretend_enrolled(app, 8)
    path = tmp_path / "settings.toml"
    dialog = SettingsDialog(app, Tasks(app), sign_in(app, "quantri"), settings_path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    try:
        dialog.tabs.setCurrentWidget(dialog.display_page)
        dialog.large_text.setChecked(True)
        assert "QWidget { font-size: 13.8pt" in qapp.styleSheet()  # 11 pt × 1.25, at once
        dialog.save()
        qtbot.waitUntil(lambda: path.exists() and "large_text" in path.read_text(), timeout=5000)
        loaded = load_settings(path, env={}).settings
        assert loaded.large_text is True and loaded.high_contrast is False
    finally:
        qapp.setStyleSheet(load_stylesheet())
