"""Draw the agent's window for the README, on a real central with an agent unit and a limit.

    QT_QPA_PLATFORM=offscreen python build_scripts/agent_screenshot.py

A small demo city is loaded into a central on loopback; an agent unit (a shop) with a
collection limit is added, its counter enrolled and synced; the agent takes cash for two
customers by exact code, then looks up a third. Writes docs/screenshot-agent.png (the
window as it draws itself).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wait(done: Callable[[], bool]) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(200):  # answers come off the store and network lanes (≤ 10 s)
        QApplication.processEvents()
        if done():
            return
        time.sleep(0.05)


def main() -> int:
    from central.seed import seed
    from db.demo import DEMO_PASSWORD, demo_password_hash
    from desktop.app import build_app
    from tests.central_server import central_on, serving
    from tests.integration.test_agent import unpaid_accounts
    from ui.agent.agent_window import AgentWindow
    from ui.main import make_qapplication
    from ui.shell.tasks import Tasks

    make_qapplication()
    with tempfile.TemporaryDirectory() as tmp, central_on(f"{tmp}/central.db") as central:
        seed(central.sessions, accounts=1500, seed=9, as_of=dt.date(2026, 11, 27))
        central.add_unit("DL0001", "Cửa hàng Minh Anh (thu hộ)", kind="agent")
        central.add_staff("DL0001", "daily", "Võ Minh Anh", "agent", demo_password_hash())
        central.set_collection_limit("DL0001", 5_000_000)
        with serving(central) as url:
            app = build_app(Path(tmp) / "agent" / "quaythu.db")
            try:
                app.link.enrol(url, central.issue_enrolment_code("DL0001"), "Đại lý Minh Anh")
                app.link.sync_once()
                app.link.active = True
                actor = app.auth.sign_in("daily", DEMO_PASSWORD)
                app.shifts.open(actor, 0)
                codes = [c for c, _owed in unpaid_accounts(central, 3)]
                for code in codes[:2]:
                    app.payments.take_cash(actor, app.agent.find(actor, code).detail.id)
                app.link.sync_once()
                central.remit("DL0001", 500_000, "Nộp tại Điện lực Tân Bình")
                app.link.sync_once()
                window = AgentWindow(app, Tasks(app), actor=actor, online=True)
                window.show()
                wait(lambda: "Hạn mức" in window.limit_label.text())
                window.code.setText(codes[2])
                window.look_up()
                wait(lambda: window.detail is not None)
                wait(lambda: "Điện lực" in window.remittances.item(0).text()
                     if window.remittances.count() else False)
                wait(lambda: window.sync_status.text().startswith("Trực tuyến"))
                out = ROOT / "docs" / "screenshot-agent.png"
                window.grab().save(str(out))
                print(out)
                window.close()
            finally:
                app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
