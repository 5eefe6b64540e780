"""Reconnection on payment (issue 30, build 5): a disconnected account's debt paid in full
raises one reconnection request in the payment's transaction, the receipt says so, and the
request reaches central once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from central.models import AppliedOp
from central.models import ServiceRequest as CentralRequest
from central.service import Central
from db.demo import DEMO_PASSWORD
from db.models import Account, Bill, OutboxOp, ServiceRequest
from desktop import labels
from desktop.app import App, build_app
from desktop.contract import BillStatus
from desktop.money.amounts import group_digits
from desktop.printing.documents import Document
from desktop.printing.emulator import PrinterEmulator
from desktop.printing.pdf import render_pdf
from desktop.printing.receipts.escpos_out import receipt_bytes
from desktop.printing.receipts.layout import layout_receipt
from desktop.printing.receipts.model import receipt_document, receipt_for
from desktop.printing.transport import send
from desktop.service_requests import KINDS, reconnection_fee
from desktop.staff.permissions import ApprovalAction
from tests.staff import on_shift


@pytest.fixture
def counter(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    app = build_app(tmp_path / "counter" / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    app.link.engine.sync_once()
    yield app
    app.close()


def cut_off(counter: App, central: Central) -> Account:
    """An account owing something, cut off at central; the counter learns it by its pull."""
    with counter.sessions() as s:
        account = s.scalars(select(Account).join(Bill, Bill.account_id == Account.id)
                            .where(Bill.status == BillStatus.UNPAID, Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    central.set_account_status(account.code, "disconnected")
    counter.link.engine.sync_once()
    with counter.sessions() as s:
        pulled = s.get(Account, account.id)
        assert pulled is not None and pulled.status == "disconnected"
        return pulled


def reconnections(counter: App, account_id: int) -> list[ServiceRequest]:
    with counter.sessions() as s:
        return list(s.scalars(select(ServiceRequest).where(
            ServiceRequest.account_id == account_id, ServiceRequest.kind == "reconnection")))


def test_paying_the_debt_raises_one_reconnection_also_on_retry_and_after_a_void(
        counter: App, central: Central) -> None:
    account = cut_off(counter, central)
    cashier = on_shift(counter)
    taken = counter.payments.take_cash(cashier, account.id, key=None)
    [request] = reconnections(counter, account.id)
    assert request.ref.endswith("-YC000001")
    [view] = counter.requests.for_account(cashier, account.id)
    assert view.kind_label == "Đóng điện trở lại sau khi thanh toán nợ"
    assert "reconnection" not in KINDS  # raised by the core, not offered in the form
    assert "đóng điện trở lại trước" in request.note
    # the confirm retried (lost answer, double click): the same payment, no second request
    again = counter.payments.take_cash(cashier, account.id, key=taken.key)
    assert again.receipt_no == taken.receipt_no
    assert len(reconnections(counter, account.id)) == 1
    # pushed before the void (a payment and its void in one push trip central's journal
    # check: the void's line carries the payment's key; seen here, not this issue's)
    counter.link.engine.sync_once()
    # voided and taken again: the debt is paid once more, the episode's request stands
    approval = counter.auth.approve(cashier, ApprovalAction.VOID, taken.key, "giamsat",
                                    DEMO_PASSWORD, "Thu nhầm")
    counter.payments.void(cashier, taken.key, "Thu nhầm", approval)
    second = counter.payments.take_cash(cashier, account.id)
    assert second.receipt_no != taken.receipt_no
    assert len(reconnections(counter, account.id)) == 1
    # the second receipt says nothing new was asked (the first one's request stands)
    with counter.sessions() as s:
        assert receipt_for(s, second.key, "t").reconnection == ()

    counter.link.engine.sync_once()
    counter.link.engine.sync_once()
    with central.sessions() as s:
        rows = s.scalars(select(CentralRequest).where(CentralRequest.kind == "reconnection")).all()
        assert [(r.ref, r.account_code, r.status) for r in rows] == [
            (request.ref, account.code, "received")]
        assert s.scalar(select(func.count()).select_from(AppliedOp)
                        .where(AppliedOp.key == request.key)) == 1
    with counter.sessions() as s:
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 0


def test_a_partial_payment_or_an_active_account_raises_nothing(
        counter: App, central: Central) -> None:
    cashier = on_shift(counter)
    with counter.sessions() as s:
        active = s.scalars(select(Bill.account_id).join(Account).where(
            Bill.status == BillStatus.UNPAID, Account.status == "active")
            .order_by(Bill.account_id).limit(1)).one()
    counter.payments.take_cash(cashier, active)
    assert reconnections(counter, active) == []
    with counter.sessions() as s:
        # an account with two unpaid bills: one paid leaves debt, nothing is raised
        two = s.execute(select(Bill.account_id).join(Account).where(
            Bill.status == BillStatus.UNPAID, Account.status == "active")
            .group_by(Bill.account_id).having(func.count() >= 2)
            .order_by(Bill.account_id).limit(1)).scalar_one()
        code = s.get(Account, two).code  # type: ignore[union-attr]
        oldest = s.scalars(select(Bill.id).where(Bill.account_id == two,
                                                 Bill.status == BillStatus.UNPAID)
                           .order_by(Bill.period_end).limit(1)).one()
    central.set_account_status(code, "disconnected")
    counter.link.engine.sync_once()
    counter.payments.take_cash(cashier, two, bill_ids=[oldest])
    assert reconnections(counter, two) == []
    counter.payments.take_cash(cashier, two)  # the rest: now it is raised
    assert len(reconnections(counter, two)) == 1


class Recorder:
    """A Canvas that keeps the text the ESC/POS layout draws."""

    size, width = 24, 576

    def __init__(self) -> None:
        self.lines: list[str] = []

    def text(self, text: str, **_kw: Any) -> None:
        self.lines.append(text)

    def pair(self, left: str, right: str, **_kw: Any) -> None:
        self.lines.append(f"{left} {right}")

    def rule(self) -> None:
        pass

    def image(self, _img: Any) -> None:
        pass


def test_the_receipt_says_reconnection_was_requested_and_by_when(
        counter: App, central: Central, tmp_path: Path) -> None:
    account = cut_off(counter, central)
    cashier = on_shift(counter)
    paid_at = dt.datetime(2026, 12, 6, 9, 30, tzinfo=dt.UTC)
    taken = counter.payments.take_cash(cashier, account.id, now=paid_at)
    [request] = reconnections(counter, account.id)
    due = labels.local_datetime(paid_at + dt.timedelta(hours=24))
    assert due == "07/12/2026 16:30"
    with counter.sessions() as s:
        receipt = receipt_for(s, taken.key, "t")
    fee = reconnection_fee(account.unit_code, account.voltage)
    assert fee is not None
    expected = [f"ĐÃ YÊU CẦU ĐÓNG ĐIỆN TRỞ LẠI (mã {request.ref})",
                f"Điện lực đóng điện trước {due}",
                f"Phí đóng điện lại: {group_digits(fee.amount)} đ (chưa VAT), "
                "tính vào hóa đơn kỳ sau"]
    assert list(receipt.reconnection) == expected

    # ESC/POS: the layout draws the lines, and the printed paper is longer for them
    recorder = Recorder()
    layout_receipt(receipt, recorder)
    assert all(line in recorder.lines for line in expected)
    import dataclasses
    with PrinterEmulator(tmp_path / "paper") as em:
        send(f"tcp://127.0.0.1:{em.port}", receipt_bytes(receipt, 80))
        send(f"tcp://127.0.0.1:{em.port}",
             receipt_bytes(dataclasses.replace(receipt, reconnection=()), 80))
        with_it, without = em.wait_for_jobs(2)
    from PIL import Image
    assert Image.open(with_it).height > Image.open(without).height + 40

    # PDF: the text is there as the customer reads it
    doc: Document = receipt_document(receipt)
    pdf = render_pdf(doc, tmp_path / "receipt.pdf", "a5")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "ĐÃ YÊU CẦU ĐÓNG ĐIỆN TRỞ LẠI" in text
    assert f"trước {due}" in text


def test_the_fee_comes_from_the_data_file_per_voltage() -> None:
    assert [reconnection_fee("PE1400", v).amount  # type: ignore[union-attr]
            for v in ("lv", "mv6", "mv22", "hv")] == [81_000, 222_000, 222_000, 344_000]
    assert reconnection_fee("PE1400", "unknown") is None
