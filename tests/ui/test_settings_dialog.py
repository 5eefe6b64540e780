"""The administrator's settings: the wizard's pages again, saved through the core."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import AuditEntry
from desktop.app import App
from tests.staff import pretend_enrolled, sign_in
from ui.setup.settings_dialog import SettingsDialog
from ui.shell.tasks import Tasks


def _open(qtbot: QtBot, app: App, username: str, tmp_path: Path) -> SettingsDialog:
    dialog = SettingsDialog(app, Tasks(app), sign_in(app, username),
                            settings_path=tmp_path / "settings.toml")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.state is not None, timeout=5000)
    qtbot.waitUntil(lambda: dialog.printer.found.count() >= 1, timeout=10000)  # models in
    return dialog


def test_an_administrator_changes_the_collection_point_a_cashier_cannot(
        qtbot: QtBot, app: App, tmp_path: Path) -> None:
    pretend_enrolled(app, 8)
    cashier = _open(qtbot, app, "thungan", tmp_path)
    cashier.tabs.setCurrentWidget(cashier.point)
    cashier.point.phone.setFocus()
    qtbot.keyClicks(cashier.point.phone, "0283 822 1234")
    qtbot.keyClick(cashier.point.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not cashier.working, timeout=5000)
    assert "không được đổi cấu hình" in cashier.message.text()  # the core refused
    assert app.device.setup_state().point_phone == ""
    cashier.runner.wait()

    admin = _open(qtbot, app, "quantri", tmp_path)
    admin.tabs.setCurrentWidget(admin.point)
    admin.point.phone.setFocus()
    qtbot.keyClicks(admin.point.phone, "0283 822 1234")
    qtbot.keyClick(admin.point.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: admin.message.text() == "Đã lưu.", timeout=5000)
    assert app.device.setup_state().point_phone == "02838221234"
    with app.sessions() as s:  # journaled, with who did it
        entries = s.scalars(select(AuditEntry.entry)).all()
    assert any('"point_changed"' in e and '"quantri"' in e for e in entries)
    admin.runner.wait()


def test_the_printer_page_shows_what_was_picked_and_a_new_printer_needs_its_test_page(
        qtbot: QtBot, app: App, tmp_path: Path) -> None:
    pretend_enrolled(app, 8)
    app.device.set_printer(sign_in(app, "quantri"), "tcp://10.0.0.5:9100?profile=XP-80&text=tcvn3")
    dialog = _open(qtbot, app, "quantri", tmp_path)
    page = dialog.printer
    assert page.network.text() == "10.0.0.5:9100"
    assert page.model.currentData() == "XP-80" and page.line.currentData() == "tcvn3"
    assert page.chosen_uri() == "tcp://10.0.0.5:9100?profile=XP-80&text=tcvn3"
    dialog.tabs.setCurrentWidget(page)
    page.network.setFocus()
    page.network.selectAll()
    qtbot.keyClicks(page.network, "10.0.0.6:9100")
    qtbot.keyClick(page.network, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "F6" in page.message.text()
    assert app.device.setup_state().printer_uri == "tcp://10.0.0.5:9100?profile=XP-80&text=tcvn3"
    dialog.runner.wait()
