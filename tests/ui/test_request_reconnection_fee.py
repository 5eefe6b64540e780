"""Reconnection on payment, the fee (issue 30, build 5): F9 on a demo account cut off for
non-payment, in a unit whose rules have the counter collect the fee, shows the fee as a line
of its own in what is due; the payment takes it, and its receipt says it."""

from __future__ import annotations

import sqlite3

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import LocalPayment
from desktop.app import App
from desktop.money.amounts import format_vnd
from desktop.money.fees import counter_fee
from desktop.printing.pdf import render_pdf
from desktop.printing.receipts.model import receipt_document, receipt_for
from tests.staff import pretend_enrolled
from tests.ui.test_payment_flow import open_account, pay
from ui.counter.main_window import MainWindow


def disconnected_in_debt(app: App) -> str:
    """A demo account of PE1400 (the data file: its counters collect the fee), cut off for
    non-payment, owing something."""
    con = sqlite3.connect(app.store_path)
    row = con.execute(
        "SELECT a.code FROM accounts a JOIN bills b ON b.account_id = a.id "
        "WHERE a.status = 'disconnected' AND a.unit_code = 'PE1400' AND b.status = 'unpaid' "
        "ORDER BY a.id LIMIT 1").fetchone()
    con.close()
    assert row is not None, "the demo city has disconnected accounts in debt"
    return str(row[0])


def test_f9_on_a_disconnected_account_takes_the_fee_once_and_the_receipt_says_it(
        qtbot: QtBot, app: App, window: MainWindow, tmp_path: object) -> None:
    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 0)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca "), timeout=5000)
    open_account(qtbot, window, disconnected_in_debt(app))
    detail = window.panel.detail
    fee = detail.fee_due
    assert fee is not None and fee.kind == "reconnection"
    debt = detail.unpaid_total
    dialog = pay(qtbot, window)
    # what the cashier reads: the fee with its VAT, and a total that includes it
    assert dialog.fee_label.isVisible()
    assert dialog.fee_label.text().startswith(
        f"Phí đóng điện lại: {format_vnd(fee.amount)} + thuế GTGT {fee.vat_rate}% "
        f"{format_vnd(fee.vat)} = {format_vnd(fee.total)}")
    assert dialog.total == debt + fee.total
    assert dialog.total_label.text() == f"Phải thu: {format_vnd(debt + fee.total)}"
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_F5)
    with qtbot.waitSignal(dialog.payment_committed, timeout=5000) as committed:
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
        dialog.submit()  # a second Enter: still one payment, one fee
    taken = committed.args[0]
    assert taken.amount == debt + fee.total and taken.fees == (fee,)
    assert fee == counter_fee(detail.unit_code, detail.voltage, taken.paid_at)
    dialog.reject()
    window.runner.wait(5000)
    with app.sessions() as s:
        rows = s.scalars(select(LocalPayment).where(
            LocalPayment.account_id == detail.id)).all()
        assert [(p.amount, p.fees is not None) for p in rows] == [(debt + fee.total, True)]
        receipt = receipt_for(s, taken.key, "t")
    # the receipt: the fee line and its VAT, in the printed PDF text as in the total
    assert receipt.total == debt + fee.total and receipt.fees == (fee,)
    pdf = render_pdf(receipt_document(receipt), tmp_path / "r.pdf", "a5")  # type: ignore[operator]
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert f"Phí đóng điện lại (chưa VAT) {format_vnd(fee.amount)}" in text
    assert f"Thuế GTGT {fee.vat_rate}% {format_vnd(fee.vat)}" in text
    assert "thu tại quầy" in text


def test_a_vietqr_shown_for_a_disconnected_account_says_the_fee_is_not_in_it(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    """A VietQR pays the bills only (central refuses a fee on it): once the QR is on screen
    the fee line and the total say so, never 'taken with the payment'."""
    from desktop.contract import QrState
    from desktop.dto import QrView

    pretend_enrolled(app, 6)
    app.shifts.open(window.actor, 0)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca "), timeout=5000)
    open_account(qtbot, window, disconnected_in_debt(app))
    detail = window.panel.detail
    fee = detail.fee_due
    assert fee is not None
    dialog = pay(qtbot, window)
    assert dialog.total == detail.unpaid_total + fee.total
    # what the core's session answers for the bills (as central's QR would carry)
    dialog._qr_started(QrView(key=dialog.qr_key, state=QrState.PENDING, account_id=detail.id,
                              amount=detail.unpaid_total, bills=(), reference="QT1",
                              payload="000201"))
    assert "không thu qua VietQR" in dialog.fee_label.text()
    assert "thu cùng khoản" not in dialog.fee_label.text()
    assert dialog.total_label.text() == f"Phải thu: {format_vnd(detail.unpaid_total)}"
    dialog.intent = None  # no session of the core's to withdraw behind this test's back
    dialog.reject()
    window.runner.wait(5000)
