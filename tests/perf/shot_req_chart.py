"""Shows the account panel of a disconnected demo account with its 24-month chart, for the
screenshot docs/req-chart.png (not a test):

    /work/shared/tools/shot docs/req-chart.png 25 -- .venv/bin/python tests/perf/shot_req_chart.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from db.models import Account  # noqa: E402
from desktop.app import build_app  # noqa: E402
from desktop.demo import generate_demo_store  # noqa: E402
from ui.counter.account_panel import AccountPanel  # noqa: E402

AS_OF = dt.date(2026, 11, 27)


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "quaythu.db"
    generate_demo_store(path, accounts=300, seed=7, as_of=AS_OF, processes=1)
    app = build_app(path, create=False)
    with app.sessions() as s:
        account_id = s.scalars(select(Account.id).where(
            Account.status == "disconnected", Account.tariff_class == "residential")
            .order_by(Account.id).limit(1)).one()
    # a usage alert registered at 250 kWh a month (the registration form is req-forms')
    detail = dataclasses.replace(app.lookup.account(account_id, today=AS_OF), alert_kwh=250)
    qapp = QApplication(sys.argv)
    qapp.setStyleSheet((ROOT / "resources" / "style.qss").read_text(encoding="utf-8"))
    panel = AccountPanel()
    panel.setWindowTitle("QuayThu — bảng khách hàng")
    panel.resize(1000, 740)
    panel.show_account(detail)
    panel.show()
    QTimer.singleShot(60_000, qapp.quit)
    qapp.exec()
    app.close()


if __name__ == "__main__":
    main()
