"""The window that opens follows the unit's kind and the role, as central sent them."""

from __future__ import annotations

from pathlib import Path

import pytest

from central.service import Central
from db.demo import DEMO_PASSWORD, demo_password_hash
from desktop.app import App, build_app
from desktop.modes import Mode, window_mode
from desktop.settings_file import save_setting
from tests.staff import sign_in


def test_a_power_company_counter_opens_the_counter_window_except_for_agents_and_collectors(
        synced_counter: App, central: Central) -> None:
    app = synced_counter
    assert window_mode(app.sessions, sign_in(app)) is Mode.COUNTER
    assert window_mode(app.sessions, sign_in(app, "thuquy")) is Mode.OFFICE
    app.link.sync_once()
    assert window_mode(app.sessions, sign_in(app, "thuld")) is Mode.COLLECTOR
    assert window_mode(app.sessions, sign_in(app, "daily")) is Mode.AGENT


@pytest.mark.parametrize(("kind", "mode"), [("agent", Mode.AGENT), ("route", Mode.COLLECTOR)])
def test_the_unit_kind_decides_for_everyone_and_no_local_setting_changes_it(
        tmp_path: Path, central: Central, url: str, kind: str, mode: Mode) -> None:
    code = "DL0002" if kind == "agent" else "TD0001"
    central.add_unit(code, f"Đơn vị {kind}", kind=kind)
    central.add_staff(code, "nhanvien", "Nhân Viên", "cashier", demo_password_hash())
    app = build_app(tmp_path / "c" / "quaythu.db")
    try:
        app.link.enrol(url, central.issue_enrolment_code(code), "Máy 1")
        app.link.sync_once()
        actor = app.auth.sign_in("nhanvien", DEMO_PASSWORD)
        assert window_mode(app.sessions, actor) is mode
        # a settings file naming a "mode" is no way around it: there is no such setting
        with pytest.raises(Exception, match="mode"):
            save_setting("mode", "counter", tmp_path / "settings.toml")
        assert window_mode(app.sessions, actor) is mode
    finally:
        app.close()
