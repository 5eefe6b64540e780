"""The reconnection request the core raises on payment, in F4's list: its kind in words,
its 24 h deadline (and the overdue mark once past it), an entry of its own in the "Loại"
filter; its slip prints the deadline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from db.models import Account, ServiceRequest
from desktop import labels
from desktop.app import App
from desktop.printing.pdf import render_pdf
from tests.staff import pretend_enrolled
from tests.ui.test_request_reconnection_fee import disconnected_in_debt
from ui.counter.main_window import MainWindow

LABEL = "Đóng điện trở lại sau khi thanh toán nợ"


def test_f4_shows_the_reconnection_request_in_words_with_its_deadline(
        qtbot: QtBot, app: App, window: MainWindow, tmp_path: Path) -> None:
    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 0)
    with app.sessions() as s:
        account_id = s.scalar(select(Account.id).where(
            Account.code == disconnected_in_debt(app)))
    assert account_id is not None
    paid_at = dt.datetime.now(dt.UTC)
    app.payments.take_cash(window.actor, account_id, now=paid_at)
    due = (paid_at + dt.timedelta(hours=24)).astimezone(labels.VN_TZ).date()

    qtbot.keyClick(window.search, Qt.Key.Key_F4)
    lst = window.request_list
    assert lst is not None
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1, timeout=5000)
    row = [lst.model.item(0, c).text() for c in range(lst.model.columnCount())]
    assert row[1] == LABEL and "reconnection" not in row
    assert row[5] == due.strftime("%d/%m/%Y")
    # the "Loại" filter offers it, in words, and finds it
    at = lst.kind.findData("reconnection")
    assert at > 0 and lst.kind.itemText(at) == LABEL
    lst.kind.setCurrentIndex(at)
    qtbot.waitUntil(lambda: lst.rows is not None and len(lst.rows) == 1
                    and lst.rows[0].kind == "reconnection", timeout=5000)
    lst.reject()

    # past its deadline it is overdue, as any other request
    with app.writes() as s, s.begin():
        s.execute(update(ServiceRequest).where(ServiceRequest.kind == "reconnection")
                  .values(due_on=dt.date.today() - dt.timedelta(days=1)))
    window.open_request_list()
    lst = window.request_list
    assert lst is not None
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1, timeout=5000)
    assert lst.model.item(0, 5).text().startswith("QUÁ HẠN ")
    assert "1 quá hạn" in lst.message.text()
    ref = lst.model.item(0, 0).text()
    lst.reject()

    # the slip says by when
    pdf = render_pdf(app.requests.slip_document(window.actor, ref), tmp_path / "s.pdf", "a5")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert (f"Hạn giải quyết: {labels.local_datetime(paid_at + dt.timedelta(hours=24))}"
            in text)
