"""Show one window of QuayThu as a person sees it, for the design system's screenshots.

    build_scripts/look_screens.sh          # every scene, this tree, docs/look-after-*.png

    python build_scripts/look_screens.py SCENE     # under ../shared/tools/shot

SCENE is one of sign-in, counter (an account open), payment (F9, an amount typed), agent,
collector. A small demo city is loaded into a central on loopback, a counter (or an agent
shop) enrolled and synced, someone signed in; the window then stays on screen, maximised,
for the screenshot taken from outside (a real window, with the window manager). The
script only uses what the windows had before the design system, so the same scene runs on
main for the "before" pictures.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, os.getcwd())


def wait(done: Callable[[], bool], rounds: int = 200) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):  # answers come off the store and network lanes (≤ 10 s)
        QApplication.processEvents()
        if done():
            return
        time.sleep(0.05)


def main(scene: str) -> int:
    from central.seed import seed
    from db.demo import DEMO_PASSWORD, demo_password_hash
    from desktop.app import build_app
    from tests.central_server import central_on, serving
    from ui.main import make_qapplication
    from ui.shell.tasks import Tasks

    qapp = make_qapplication()
    as_of = dt.date(2026, 11, 27)
    with tempfile.TemporaryDirectory() as tmp, central_on(f"{tmp}/central.db") as central:
        seed(central.sessions, accounts=1500, seed=9, as_of=as_of)
        unit = "PE1400"
        if scene == "agent":
            unit = "DL0001"
            central.add_unit(unit, "Cửa hàng Minh Anh (thu hộ)", kind="agent")
            central.add_staff(unit, "daily", "Võ Minh Anh", "agent", demo_password_hash())
            central.set_collection_limit(unit, 5_000_000)
        if scene == "collector":
            central.issue_route("PE1400", "PE1400-001", "thuld", dt.date.today())
        with serving(central) as url:
            app = build_app(Path(tmp) / "counter" / "quaythu.db")
            app.link.enrol(url, central.issue_enrolment_code(unit), "Quầy 1")
            app.link.sync_once()
            if scene == "sign-in":
                from ui.shell.sign_in_dialog import Mode, SignInDialog

                dialog = SignInDialog(app, Tasks(app), Mode.SIGN_IN)
                dialog.show()
                dialog.username.setFocus()
                qapp.exec()
                return 0
            window: Any  # the scene's window: each has its own parts
            who = {"agent": "daily", "collector": "thuld"}.get(scene, "thungan")
            actor = app.auth.sign_in(who, DEMO_PASSWORD)
            if scene == "agent":
                from ui.agent.agent_window import AgentWindow

                app.shifts.open(actor, 0)
                window = AgentWindow(app, Tasks(app), actor=actor, online=True)
            elif scene == "collector":
                from ui.collector.collector_window import CollectorWindow

                window = CollectorWindow(app, Tasks(app), actor=actor)
            else:
                from ui.counter.main_window import MainWindow

                app.shifts.open(actor, 500_000)
                window = MainWindow(app, Tasks(app), actor=actor, online=True)
            window.showMaximized()
            window.raise_()
            window.activateWindow()
            if scene in ("counter", "payment"):
                window.search.setText("nguyen")
                window._search_now()
                wait(lambda: window.results_model.rowCount() > 0)
                window.results.setFocus()
                index = window.results_model.index(min(3, window.results_model.rowCount() - 1),
                                                   0)
                window.results.setCurrentIndex(index)
                hit = window.finder.highlighted()
                if hit is not None:
                    window.open_account(hit.id)
                wait(lambda: window.panel.detail is not None)
            if scene == "payment":
                window.take_payment()
                wait(lambda: window.payment is not None and window.payment.isVisible())
                if window.payment is not None:
                    window.payment.tendered.setFocus()
                    # typed as a cashier types it: grouped, the change (or what is
                    # missing) shown live
                    from PySide6.QtTest import QTest

                    QTest.keyClicks(window.payment.tendered, "2000000")
            if scene == "agent":
                from tests.integration.test_agent import unpaid_accounts

                code = unpaid_accounts(central, 1)[0][0]
                window.code.setText(code)
                window.look_up()
                wait(lambda: window.detail is not None)
            qapp.exec()
            app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
