"""Puts the request form (with its papers) or the request list on screen for a screenshot.

    shot=/work/shared/tools/shot; run="env PYTHONPATH=. .venv/bin/python"
    $shot docs/req-form.png 40 -- $run build_scripts/req_screenshots.py form
    $shot docs/req-list.png 40 -- $run build_scripts/req_screenshots.py list
    $shot docs/req-documents.png 40 -- $run build_scripts/req_screenshots.py documents
    $shot /tmp/req-new-supply.png 40 -- $run build_scripts/req_screenshots.py new_supply

A small demo store in a temporary folder, a few requests taken (one past its deadline),
then the window shown as a cashier would see it.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from db.models import Account, ServiceRequest
from desktop.app import App, build_app
from desktop.demo import generate_demo_store
from desktop.service_requests import RequestForm
from tests.staff import pretend_enrolled, sign_in
from ui.counter.main_window import MainWindow
from ui.counter.request_dialog import ServiceRequestDialog


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "form"
    folder = Path(tempfile.mkdtemp())
    store = folder / "quaythu.db"
    generate_demo_store(store, accounts=300, seed=7, as_of=dt.date(2026, 11, 27), processes=1)
    app = build_app(store, create=False)
    pretend_enrolled(app, 2)
    cashier = sign_in(app)
    with app.sessions() as s:
        accounts = s.scalars(select(Account).where(Account.status == "active")
                             .order_by(Account.id).limit(4)).all()
    later = (dt.date.today() + dt.timedelta(days=60)).strftime("%d/%m/%Y")
    for a, kind, details, papers in (
            (accounts[0], "meter_inspection", {"reason": "Công tơ chạy nhanh"}, ("application",)),
            (accounts[1], "extension", {"new_end": later}, ("application",)),
            (accounts[2], "usage_alert", {"channel": "Zalo", "contact": "0909123456",
                                          "threshold": "300", "threshold_unit": "kWh"}, ()),
            (accounts[3], "suspension", {"from_day": later, "to_day": ""}, ("application",))):
        if kind == "suspension":
            details = {"from_day": (dt.date.today() + dt.timedelta(days=5)).strftime("%d/%m/%Y"),
                       "to_day": later}
        app.requests.submit(cashier, RequestForm(kind, a.name, a.address, "0909123456",
                                                 account_id=a.id, details=details,
                                                 papers=papers))
    app.requests.submit(cashier, RequestForm(
        "new_supply", "Trần Thị Ngọc Ánh", "12 Hoàng Văn Thụ, phường Tân Sơn Hòa", "0912000111",
        id_number="079190001234", details={"purpose": "Sinh hoạt", "households": "2",
                                           "load_kw": "6"}, papers=("application",)))
    with app.writes() as s, s.begin():
        first = s.scalars(select(ServiceRequest).order_by(ServiceRequest.created_at)).first()
        assert first is not None
        s.execute(update(ServiceRequest).where(ServiceRequest.key == first.key)
                  .values(due_on=dt.date.today() - dt.timedelta(days=3)))
    qt = QApplication.instance() or QApplication(sys.argv)
    # the application's own fonts and style sheet, as `quaythu` draws its windows
    from ui.plumbing.qapp import apply_theme, register_fonts

    register_fonts()
    apply_theme()
    window = MainWindow(app, actor=cashier)
    window.resize(1366, 740)
    window.show()
    if what == "list":
        window.open_request_list()
    else:
        window.open_account(accounts[0].id)
        for _ in range(400):  # bounded: the account's details arrive from the worker
            qt.processEvents()
            if window.panel.detail is not None:
                break
            time.sleep(0.02)
        window.take_request()
        dialog = window.request_dialog
        assert dialog is not None
        if what == "documents":
            _documents(app, dialog, folder)
            sys.exit(qt.exec())
        if what == "new_supply":  # another place for the open customer: one date
            dialog.kind.setCurrentIndex(dialog.kind.findData("new_supply"))
            dialog.preferred.setText(later)
            sys.exit(qt.exec())
        dialog.kind.setCurrentIndex(dialog.kind.findData("auto_debit"))
        dialog.phone.setText("0909 123 456")
        dialog.id_number.setText("079190001234")
        part = dialog.kind_forms["auto_debit"]
        part.restore({"bank": "VCB", "holder": accounts[0].name, "account_no": "0071 0012 3456",
                      "consent": True}, ["debit_authorisation"])
        dialog.submit()
    sys.exit(qt.exec())


def _documents(app: App, dialog: ServiceRequestDialog, folder: Path) -> None:
    """A meter inspection with a scanned record and a photo attached, and a file named
    .pdf that is not one refused beside the documents."""
    from desktop.errors import QuayThuError

    dialog.kind.setCurrentIndex(dialog.kind.findData("meter_inspection"))
    dialog.phone.setText("0909 123 456")
    dialog.id_number.setText("079190001234")
    dialog.consent.setChecked(True)
    part = dialog.kind_forms["meter_inspection"]
    part.restore({"reason": "Công tơ chạy nhanh bất thường"}, ["application"])
    files = {"bien-ban-kiem-tra.pdf": b"%PDF-1.7\n" + b"0" * 180_000,
             "anh-cong-to.jpg": b"\xff\xd8\xff\xe0" + b"1" * 420_000}
    for name, body in files.items():
        (folder / name).write_bytes(body)
        dialog._attached(app.documents.add(folder / name,
                                           [d.sha256 for d in dialog.attached]))
    fake = folder / "hop-dong-thue-nha.pdf"
    fake.write_bytes(b"PK\x03\x04 a zip file renamed")
    try:
        app.documents.add(fake)
    except QuayThuError as exc:
        dialog._not_attached(exc)


if __name__ == "__main__":
    main()
