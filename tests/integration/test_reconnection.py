"""Reconnection on payment (issue 30, build 5): a disconnected account's debt paid in full
raises one reconnection request in the payment's transaction, the receipt says so, and the
request reaches central once."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from central.models import Account as CentralAccount
from central.models import Alert, AppliedOp, Payment
from central.models import Bill as CentralBill
from central.models import ServiceRequest as CentralRequest
from central.service import Central
from db.demo import DEMO_PASSWORD
from db.models import (
    Account,
    Bill,
    LocalPayment,
    OutboxOp,
    ServiceRequest,
    ServiceRequestHistory,
)
from desktop import labels
from desktop.app import App, build_app
from desktop.contract import BillStatus
from desktop.money.amounts import format_vnd, group_digits
from desktop.money.fees import FeeLine, counter_fee
from desktop.printing.documents import Document
from desktop.printing.emulator import PrinterEmulator
from desktop.printing.pdf import render_pdf
from desktop.printing.receipts.escpos_out import receipt_bytes
from desktop.printing.receipts.layout import layout_receipt
from desktop.printing.receipts.model import receipt_document, receipt_for
from desktop.printing.transport import send
from desktop.service_requests import KINDS, reconnection_fee
from desktop.staff.permissions import ApprovalAction
from tests.journal import journaled_push
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
    with counter.sessions() as s:
        debt = sum(b.total for b in s.scalars(select(Bill).where(
            Bill.account_id == account.id, Bill.status == BillStatus.UNPAID)))
    taken = counter.payments.take_cash(cashier, account.id, key=None)
    [request] = reconnections(counter, account.id)
    # PE1400's rule (the data file): its counters collect the fee with the payment
    fee = counter_fee(account.unit_code, account.voltage, taken.paid_at)
    assert fee is not None and taken.fees == (fee,)
    assert taken.amount == debt + fee.amount + fee.vat
    assert request.ref.endswith("-YC000001")
    [view] = counter.requests.for_account(cashier, account.id)
    assert view.kind_label == "Đóng điện trở lại sau khi thanh toán nợ"
    assert "reconnection" not in KINDS  # raised by the core, not offered in the form
    assert "đóng điện trở lại trước" in request.note
    # the confirm retried (lost answer, double click): the same payment, no second request
    again = counter.payments.take_cash(cashier, account.id, key=taken.key)
    assert again.receipt_no == taken.receipt_no
    assert (again.amount, again.fees) == (taken.amount, taken.fees)
    assert len(reconnections(counter, account.id)) == 1
    # pushed before the void (a payment and its void in one push trip central's journal
    # check: the void's line carries the payment's key; seen here, not this issue's)
    counter.link.engine.sync_once()
    # voided: the debt is back, so the request that payment raised is withdrawn with the
    # void, in its transaction (the account panel no longer says reconnection was asked)
    approval = counter.auth.approve(cashier, ApprovalAction.VOID, taken.key, "giamsat",
                                    DEMO_PASSWORD, "Thu nhầm")
    counter.payments.void(cashier, taken.key, "Thu nhầm", approval)
    [withdrawn] = reconnections(counter, account.id)
    assert withdrawn.status == "cancelled" and "Thu nhầm" in (withdrawn.status_note or "")
    [view] = counter.requests.for_account(cashier, account.id)
    assert view.status == "cancelled"
    # taken again: a new request, with its own 24 h deadline from this payment
    later = taken.paid_at + dt.timedelta(hours=3)
    second = counter.payments.take_cash(cashier, account.id, now=later)
    assert second.receipt_no != taken.receipt_no
    first, again_raised = sorted(reconnections(counter, account.id), key=lambda r: r.ref)
    assert (first.ref, first.status) == (request.ref, "cancelled")
    assert again_raised.ref.endswith("-YC000002") and again_raised.status == "submitted"
    # the void gave the fee back with the rest: the second payment takes it, once
    assert second.fees == (fee,) and second.amount == taken.amount
    with counter.sessions() as s:
        assert s.scalar(select(func.count()).select_from(LocalPayment).where(
            LocalPayment.account_id == account.id, LocalPayment.status == "taken",
            LocalPayment.fees.is_not(None))) == 1
    # the second receipt says reconnection was requested, under the new number and by when
    with counter.sessions() as s:
        lines = receipt_for(s, second.key, "t").reconnection
    due = labels.local_datetime(later + dt.timedelta(hours=24))
    assert lines[:2] == (f"ĐÃ YÊU CẦU ĐÓNG ĐIỆN TRỞ LẠI (mã {again_raised.ref})",
                         f"Điện lực đóng điện trước {due}")

    counter.link.engine.sync_once()
    counter.link.engine.sync_once()
    with central.sessions() as s:
        rows = s.scalars(select(CentralRequest).where(CentralRequest.kind == "reconnection")
                         .order_by(CentralRequest.ref)).all()
        assert [(r.ref, r.account_code, r.status) for r in rows] == [
            (request.ref, account.code, "cancelled"), (again_raised.ref, account.code, "received")]
        assert "Thu nhầm" in (rows[0].note or "")
        assert s.scalar(select(func.count()).select_from(AppliedOp)
                        .where(AppliedOp.key == request.key)) == 1
        # the withdrawal reached central once
        assert s.scalar(select(func.count()).select_from(AppliedOp)
                        .where(AppliedOp.kind == "request_withdrawal")) == 1
        # central recorded the fee with each payment: the voided one and the one standing
        paid = s.execute(select(Payment.receipt_no, Payment.status, Payment.amount,
                                Payment.fees).order_by(Payment.receipt_no)).all()
        line = json.dumps([fee.data()], ensure_ascii=False)
        assert paid == [(taken.receipt_no, "voided", taken.amount, line),
                        (second.receipt_no, "taken", second.amount, line)]
    with counter.sessions() as s:
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 0
        # central's answer came down: the withdrawn one stays withdrawn at the counter
        assert s.get(ServiceRequest, request.key).status == "cancelled"  # type: ignore[union-attr]
        # its history lists the withdrawal once (taken here, then come back from central)
        steps = s.scalars(select(ServiceRequestHistory.status).where(
            ServiceRequestHistory.request_key == request.key)
            .order_by(ServiceRequestHistory.at, ServiceRequestHistory.id)).all()
        assert steps == ["submitted", "received", "cancelled"]


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
    part = counter.payments.take_cash(cashier, two, bill_ids=[oldest])
    assert reconnections(counter, two) == [] and part.fees == ()
    rest = counter.payments.take_cash(cashier, two)  # the rest: now it is raised
    assert len(reconnections(counter, two)) == 1
    assert [f.kind for f in rest.fees] == ["reconnection"]


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
                "thu tại quầy"]
    assert list(receipt.reconnection) == expected
    # the fee is a line of its own, with its VAT (8 % on 06/12/2026, vat.toml), in the total
    assert [(f.amount, f.vat_rate, f.vat) for f in receipt.fees] == [
        (fee.amount, 8, (fee.amount * 8 + 50) // 100)]
    assert receipt.total == sum(line.amount for line in receipt.lines) + receipt.fees[0].total
    fee_lines = [f"Phí đóng điện lại (chưa VAT) {format_vnd(receipt.fees[0].amount)}",
                 f"  Thuế GTGT {receipt.fees[0].vat_rate}% {format_vnd(receipt.fees[0].vat)}"]

    # ESC/POS: the layout draws the lines, and the printed paper is longer for them
    recorder = Recorder()
    layout_receipt(receipt, recorder)
    assert all(line in recorder.lines for line in expected + fee_lines)
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
    assert f"Phí đóng điện lại (chưa VAT) {format_vnd(receipt.fees[0].amount)}" in text
    assert f"Thuế GTGT {receipt.fees[0].vat_rate}% {format_vnd(receipt.fees[0].vat)}" in text


def test_the_fee_comes_from_the_data_file_per_voltage() -> None:
    assert [reconnection_fee("PE1400", v).amount  # type: ignore[union-attr]
            for v in ("lv", "mv6", "mv22", "hv")] == [81_000, 222_000, 222_000, 344_000]
    assert reconnection_fee("PE1400", "unknown") is None
    # the data file says who collects: PE1400 (the demo's counter unit) at the counter,
    # every other unit bills it later (the default); VAT as vat.toml says on the day
    at = dt.datetime(2026, 12, 6, 3, 0, tzinfo=dt.UTC)
    assert counter_fee("PE1400", "lv", at) == FeeLine("reconnection", 81_000, 8, 6_480)
    assert counter_fee("PE1500", "lv", at) is None
    later = counter_fee("PE1400", "hv", dt.datetime(2027, 1, 1, 0, 0, tzinfo=dt.UTC))
    assert later == FeeLine("reconnection", 344_000, 10, 34_400)


def test_central_refuses_a_fee_the_table_does_not_give(central: Central, url: str) -> None:
    """A token holder's hand-made payment with a made-up fee is refused; the table's fee,
    for an account cut off, is taken and recorded."""
    r = httpx.post(f"{url}/v1/devices/enrol", json={
        "code": central.issue_enrolment_code("PE1400"), "device_name": "Quầy"})
    headers = {"Authorization": f"Bearer {r.json()['token']}"}
    with central.sessions() as s:
        account, bill = s.execute(
            select(CentralAccount, CentralBill).join(
                CentralBill, CentralBill.account_id == CentralAccount.id)
            .where(CentralAccount.unit_code == "PE1400", CentralAccount.voltage == "lv",
                   CentralBill.status == "unpaid").order_by(CentralAccount.id).limit(1)).one()
        code, bill_no, total = account.code, bill.bill_no, bill.total
    central.set_account_status(code, "disconnected")
    now = dt.datetime.now(dt.UTC)
    fee = counter_fee("PE1400", "lv", now)
    assert fee is not None

    def push(n: int, line: dict[str, object]) -> dict[str, object]:
        amount = total + int(line["amount"]) + int(line["vat"])  # type: ignore[call-overload]
        op = {"key": str(uuid.uuid4()), "kind": "payment", "data": {
            "account_code": code, "receipt_no": f"X-{n:06d}", "method": "cash",
            "amount": amount, "paid_at": now.isoformat(),
            "bills": [{"bill_no": bill_no, "amount": total}], "fees": [line]}}
        # with the journal line a counter writes for it: the fee is what is refused
        [result] = journaled_push(url, headers, op)
        return result

    for n, forged in enumerate([{**fee.data(), "amount": 10_000_000},  # a fee of its own
                                {**fee.data(), "vat": fee.vat - 1},    # VAT off by a đồng
                                {**fee.data(), "vat_rate": 0, "vat": 0}], start=1):
        assert (push(n, forged)["status"], push(n + 10, forged)["reason"]) == (
            "rejected", "fee-refused")
    with central.sessions() as s:
        assert s.scalar(select(CentralBill.status).where(CentralBill.bill_no == bill_no)) \
            == "unpaid"
        assert s.scalar(select(func.count()).select_from(Alert).where(
            Alert.kind == "fee-refused")) == 6
    # an account not cut off owes no reconnection fee
    central.set_account_status(code, "active")
    assert push(30, fee.data())["reason"] == "fee-refused"
    central.set_account_status(code, "disconnected")
    assert push(31, fee.data())["status"] == "applied"
    with central.sessions() as s:
        assert s.scalar(select(Payment.fees).where(Payment.receipt_no == "X-000031")) == \
            json.dumps([fee.data()], ensure_ascii=False)


def test_central_takes_the_fee_only_with_the_payment_clearing_the_debt_once(
        central: Central, url: str) -> None:
    """Hand-made payments, each with its journal line: a fee with only part of the debt
    (C1), a second fee for the same disconnection citing bills already paid (D2), a future
    ``paid_at`` to pick another VAT rate (E1) are refused with an alert."""
    now = dt.datetime(2026, 12, 6, 3, 0, tzinfo=dt.UTC)
    central.clock = lambda: now  # type: ignore[method-assign]
    r = httpx.post(f"{url}/v1/devices/enrol", json={
        "code": central.issue_enrolment_code("PE1400"), "device_name": "Quầy"})
    headers = {"Authorization": f"Bearer {r.json()['token']}"}
    with central.sessions() as s:
        counts = s.execute(
            select(CentralAccount.code, func.count(CentralBill.id)).join(
                CentralBill, CentralBill.account_id == CentralAccount.id)
            .where(CentralAccount.unit_code == "PE1400", CentralAccount.voltage == "lv",
                   CentralBill.status == "unpaid")
            .group_by(CentralAccount.code).order_by(CentralAccount.code)).all()
    many = next(code for code, n in counts if n >= 2)
    one, other = [code for code, n in counts if n == 1][:2]

    def unpaid(code: str) -> list[tuple[str, int]]:
        with central.sessions() as s:
            return [(b, t) for b, t in s.execute(
                select(CentralBill.bill_no, CentralBill.total).join(CentralAccount)
                .where(CentralAccount.code == code, CentralBill.status == "unpaid")
                .order_by(CentralBill.bill_no)).all()]

    n = iter(range(1, 100))

    def push(code: str, bills: list[tuple[str, int]], line: dict[str, Any],
             paid_at: dt.datetime = now) -> dict[str, Any]:
        amount = sum(t for _, t in bills) + int(line["amount"]) + int(line["vat"])
        op = {"key": str(uuid.uuid4()), "kind": "payment", "data": {
            "account_code": code, "receipt_no": f"X-{next(n):06d}", "method": "cash",
            "amount": amount, "paid_at": paid_at.isoformat(),
            "bills": [{"bill_no": b, "amount": t} for b, t in bills], "fees": [line]}}
        [result] = journaled_push(url, headers, op)
        return result

    fee = counter_fee("PE1400", "lv", now)
    assert fee is not None
    for code in (many, one, other):
        central.set_account_status(code, "disconnected")
    owed = {code: unpaid(code) for code in (many, other)}
    # C1: the fee with one bill of several: the debt is not cleared
    assert push(many, unpaid(many)[:1], fee.data())["reason"] == "fee-refused"
    # D2: the fee taken with the clearing payment, then again citing the paid bill
    bills = unpaid(one)
    assert push(one, bills, fee.data())["status"] == "applied"
    assert push(one, bills, fee.data())["reason"] == "fee-refused"
    # E1: paid_at forged into 2027 to carry 2027's VAT: the rate is the one of today
    future = dt.datetime(2027, 1, 15, 3, 0, tzinfo=dt.UTC)
    forged = counter_fee("PE1400", "lv", future)
    assert forged is not None and forged.vat_rate != fee.vat_rate
    assert push(other, unpaid(other), forged.data(), paid_at=future)["reason"] \
        == "fee-refused"
    with central.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Alert).where(
            Alert.kind == "fee-refused")) == 3
        assert s.scalars(select(Payment.receipt_no).where(Payment.fees.is_not(None))).all() \
            == ["X-000002"]
    assert {code: unpaid(code) for code in (many, other)} == owed  # nothing was settled
    # the whole debt with the fee of today is taken
    assert push(other, unpaid(other), fee.data())["status"] == "applied"
    assert push(many, unpaid(many), fee.data())["status"] == "applied"

    # a counter's clock a few minutes ahead (within the skew central tolerates) just past
    # the VAT change keeps its rate: its cash payment is not refused for it
    change = dt.datetime(2026, 12, 31, 17, 0, tzinfo=dt.UTC)  # 01/01/2027 00:00 in Vietnam
    now = change - dt.timedelta(minutes=2)  # central.clock reads it (the lambda above)
    late = next(code for code, n in counts if n == 1 and code not in (one, other))
    central.set_account_status(late, "disconnected")
    ahead = change + dt.timedelta(minutes=3)
    new_rate = counter_fee("PE1400", "lv", ahead)
    assert new_rate is not None and new_rate.vat_rate != fee.vat_rate
    assert push(late, unpaid(late), new_rate.data(), paid_at=ahead)["status"] == "applied"
