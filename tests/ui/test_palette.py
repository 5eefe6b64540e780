"""The application's QPalette is the theme's: what the style sheet does not reach (a message
box, Qt's file dialog, a menu, a tooltip, a Windows dark mode's defaults) shows the same
tokens, and the high-contrast setting changes them as it changes the sheet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QToolTip
from pytestqt.qtbot import QtBot

from desktop.app import App
from ui import theme

Group, Role = QPalette.ColorGroup, QPalette.ColorRole


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    theme.apply_to(qapp)  # the next test finds the ordinary look


def seen(palette: QPalette) -> dict[tuple[str, str], str]:
    return {(g, r): palette.color(getattr(Group, g), getattr(Role, r)).name().upper()
            for g, r in theme.palette_colours()}


@pytest.mark.parametrize("high_contrast", [False, True], ids=["light", "high-contrast"])
def test_every_palette_role_is_the_theme_token(themed: QApplication, qtbot: QtBot,
                                               high_contrast: bool) -> None:
    theme.apply_to(themed, high_contrast=high_contrast)
    tokens = theme.HIGH_CONTRAST if high_contrast else theme.LIGHT
    wanted = {k: v.upper() for k, v in theme.palette_colours(tokens).items()}
    assert len(wanted) == 3 * len(theme.PALETTE_ROLES)
    assert seen(themed.palette()) == wanted
    assert seen(QToolTip.palette()) == wanted
    # widgets the sheet barely styles take it too
    box = QMessageBox(QMessageBox.Icon.Warning, "Lỗi", "Không kết nối được trung tâm")
    menu = QMenu()
    for w in (box, menu):
        qtbot.addWidget(w)
        assert w.palette().color(Role.WindowText).name().upper() == tokens.text.upper()
        assert w.palette().color(Role.Highlight).name().upper() == tokens.primary.upper()


def test_disabled_words_are_greyed_and_still_readable(themed: QApplication) -> None:
    theme.apply_to(themed)
    p = themed.palette()
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        assert p.color(Group.Disabled, role) != p.color(Group.Active, role)
    assert p.color(Group.Disabled, Role.Text).name().upper() == theme.LIGHT.text_secondary
    # and every pair the palette draws words with is among the pairs the contrast test checks
    names = {name for name, _fg, _bg in theme.text_pairs()}
    for group in ("Active", "Disabled"):
        for fg, bg in theme.PALETTE_TEXT_ON:
            assert f"palette {group} {fg} on {bg}" in names


def test_high_contrast_setting_changes_the_palette_at_once(
        themed: QApplication, qtbot: QtBot, app: App, tmp_path: Path) -> None:
    from tests.staff import pretend_enrolled, sign_in
    from ui.setup.settings_dialog import SettingsDialog
    from ui.shell.tasks import Tasks

    theme.apply_to(themed)
    before = seen(themed.palette())
    pretend_enrolled(app, 8)
    runner = Tasks(app)
    dialog = SettingsDialog(app, runner, sign_in(app, "quantri"),
                            settings_path=tmp_path / "settings.toml")
    qtbot.addWidget(dialog)
    # the dialog's own reads (the printer profiles) done first: the whole application is
    # restyled below, and a restyle raced by a lane's answer once crashed the process
    qtbot.waitUntil(lambda: runner.pending() == 0, timeout=10_000)
    dialog.high_contrast.setChecked(True)
    after = seen(themed.palette())
    changed = {r for (g, r), c in after.items() if g == "Active" and before["Active", r] != c}
    assert {"Window", "WindowText", "Text"} <= changed
    assert after["Active", "Window"] == theme.HIGH_CONTRAST.background
    assert after["Active", "Text"] == theme.HIGH_CONTRAST.text
    dialog.high_contrast.setChecked(False)
    assert seen(themed.palette()) == before


def test_a_shortfall_is_drawn_red_and_change_green(themed: QApplication, qtbot: QtBot) -> None:
    """The payment's line under the amount: "Còn thiếu …" in the danger colour, "Tiền thối
    …" in the success colour (a walk found the shortfall green, as if it were change)."""
    from PySide6.QtWidgets import QLabel

    theme.apply_to(themed)
    label = QLabel("Còn thiếu 602.170 đ")
    label.setObjectName("changeAmount")
    qtbot.addWidget(label)
    label.ensurePolished()
    assert label.palette().color(Role.WindowText).name().upper() == theme.LIGHT.success.upper()
    label.setProperty("short", True)
    label.style().unpolish(label)
    label.style().polish(label)
    assert label.palette().color(Role.WindowText).name().upper() == theme.LIGHT.danger.upper()
