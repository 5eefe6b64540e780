"""Screenshot helper: the account panel with its 24-month chart (docs/req-chart.png)."""
import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import delete, select

from db.models import Account, Bill
from desktop.app import build_app
from desktop.demo import generate_demo_store
from desktop.tariff.billing import BillRequest, calculate

as_of = dt.date(2026, 11, 27)
path = Path(tempfile.mkdtemp()) / "quaythu.db"
generate_demo_store(path, accounts=300, seed=7, as_of=as_of, processes=1)
app = build_app(path, create=False)
with app.writes() as s, s.begin():
    a = s.scalars(select(Account).where(Account.status == "disconnected",
                                        Account.tariff_class == "residential").limit(1)).first()
    if a is None:
        a = s.scalars(select(Account).where(Account.tariff_class == "residential").limit(1)).one()
        a.status = "disconnected"
    s.execute(delete(Bill).where(Bill.account_id == a.id))
    reading = 12000
    seasonal = [150, 145, 170, 210, 260, 280, 265, 240, 215, 190, 165, 150]
    for k in range(24):
        y, m = divmod((as_of.year * 12 + as_of.month - 1) - (23 - k), 12)
        end = dt.date(y, m + 1, 5)
        start = (end.replace(day=1) - dt.timedelta(days=1)).replace(day=6)
        kwh = seasonal[m] + (k * 7) % 23
        r = calculate(BillRequest(period_from=start, period_to=end, tariff_class="residential",
                                  voltage="lv", households=1, kwh=kwh, tou_kwh=None, today=end))
        s.add(Bill(account_id=a.id, bill_no=f"HDSHOT{k:06d}", period_start=start,
                   period_end=end, issued_on=end, due_on=end + dt.timedelta(days=10),
                   old_reading=reading, new_reading=reading + kwh, multiplier=1, kwh=kwh,
                   subtotal=r.subtotal, vat_rate=r.vat_rate, vat=r.vat, total=r.total,
                   status="unpaid" if k >= 22 else "paid",
                   paid_at=None if k >= 22 else dt.datetime.combine(end, dt.time(3), dt.UTC)))
        reading += kwh
    aid = a.id
detail = app.lookup.account(aid, today=as_of)
import dataclasses
detail = dataclasses.replace(detail, alert_kwh=250)

from ui.counter.account_panel import AccountPanel
qapp = QApplication.instance() or QApplication(sys.argv)
panel = AccountPanel()
panel.setWindowTitle("QuayThu — bảng khách hàng")
panel.resize(1000, 740)
panel.show_account(detail)
panel.show()
QTimer.singleShot(int(sys.argv[1]) if len(sys.argv) > 1 else 60000, qapp.quit)
qapp.exec()
