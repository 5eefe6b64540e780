"""On a machine without an OS keyring the log's key lives in a 0600 file outside the data
folder (desktop/vault.py): the designed fallback. A walk found a red line naming
``ops.log`` on every window of every role, which no cashier can act on. It is the
administrator's to know (settings, ``quaythu status``); the red line stays for a danger."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.app import App
from desktop.vault import FILE_ONLY
from tests.staff import pretend_enrolled, sign_in
from ui.counter.main_window import MainWindow
from ui.setup.settings_dialog import SettingsDialog
from ui.shell.tasks import Tasks


@pytest.fixture
def no_keyring(app: App, monkeypatch: pytest.MonkeyPatch) -> App:
    """The key in its file, as keyring's fail backend leaves it (and this test machine)."""
    monkeypatch.setattr(app.vault, "where", "file")
    return app


def test_a_cashiers_window_shows_no_red_line_about_the_log_key(
        qtbot: QtBot, no_keyring: App) -> None:
    app = no_keyring
    w = MainWindow(app, actor=sign_in(app, "thungan"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    shown = [lab.text() for lab in w.findChildren(QLabel) if lab.isVisibleTo(w)]
    assert not [t for t in shown if "ops.log" in t or "kho khoá" in t], shown
    assert w.start_notice.isHidden()
    w.close()
    w.runner.wait(5000)


def test_a_danger_still_shows_red_on_the_window(
        qtbot: QtBot, no_keyring: App, monkeypatch: pytest.MonkeyPatch) -> None:
    app = no_keyring
    monkeypatch.setattr(type(app), "start_notices", lambda _self: ("Sổ thao tác hỏng.",))
    w = MainWindow(app, actor=sign_in(app, "thungan"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.start_notice.isVisibleTo(w) and w.start_notice.property("role") == "error"
    assert "Sổ thao tác hỏng." in w.start_notice.text()
    w.close()
    w.runner.wait(5000)


def test_the_administrator_still_sees_the_fact_calmly(qtbot: QtBot, no_keyring: App) -> None:
    app = no_keyring
    assert FILE_ONLY in app.admin_notices()  # `quaythu status` lists it in its notices
    assert FILE_ONLY not in app.start_notices()
    pretend_enrolled(app, 8)
    runner = Tasks(app)
    dialog = SettingsDialog(app, runner, sign_in(app, "quantri"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    note = dialog.key_note
    assert note.isVisibleTo(dialog)
    assert "ops.log" in note.text() and str(app.vault.folder) in note.text()
    assert note.property("role") == "note"  # the theme's calm words, never red
    dialog.close()
    runner.wait(5000)
