"""Show the head cashier's or the agent's window with a day's work in it, for the
screenshots in docs/ (issue 29: each person's home).

    /work/shared/tools/shot docs/home-office.png 25 -- \
        .venv/bin/python build_scripts/home_screenshots.py office
    /work/shared/tools/shot docs/home-agent.png 25 -- \
        .venv/bin/python build_scripts/home_screenshots.py agent

A small demo store in a temporary folder; a cashier's shift closed with cash in it (the
office), or the agent's shift opened and two customers paid (the agent). The window stays
until the screenshot tool stops it.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(which: str) -> int:
    from db.demo import DEMO_PASSWORD
    from desktop.app import build_app
    from desktop.demo import generate_demo_store
    from desktop.sim import accounts_with_unpaid_bills
    from tests.integration.test_turn_ins import closed_shift
    from tests.staff import pretend_enrolled
    from ui.main import make_qapplication, open_window
    from ui.shell.tasks import Tasks

    qapp = make_qapplication()
    from ui.plumbing import i18n

    i18n.install("vi")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "quaythu.db"
        generate_demo_store(path, accounts=800, seed=7, as_of=dt.date(2026, 11, 27),
                            processes=1)
        app = build_app(path, create=False)
        pretend_enrolled(app, 31)
        if which == "office":
            closed_shift(app)
            actor = app.auth.sign_in("thuquy", DEMO_PASSWORD)
        else:
            actor = app.auth.sign_in("daily", DEMO_PASSWORD)
            app.shifts.open(actor, 200_000)
            for account in accounts_with_unpaid_bills(app)[:2]:
                app.payments.take_cash(actor, account)
        runner = Tasks(app)
        window = open_window(app, runner, actor, online=False)
        window.showMaximized()
        window.activateWindow()
        code = qapp.exec()
        runner.wait(5000)
        app.close()
        return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "office"))
