"""The receipt as a plain object, read from the store in one session.

The verification QR carries the receipt number, the customer code, the
amount and a MAC. ``QT2`` (devices enrolled with a receipt key): 64 bits of
HMAC-SHA256 keyed by the device's receipt key, which central derives from a
secret it keeps outside its database. ``QT`` (the first format, devices without
one): 32 bits keyed by the SHA-256 of the device token. Either way central
calls a receipt valid only when it also holds the payment.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Account, Bill, DeviceState, LocalPayment, PaymentAllocation, Staff, Unit
from desktop import labels
from desktop.contract import PaymentMethod, PaymentStatus, receipt_qr, receipt_qr2, token_hash
from desktop.errors import NotFound
from desktop.money.amounts import format_vnd, group_digits
from desktop.money.fees import FeeLine
from desktop.printing.documents import Document, Row
from desktop.service_requests import reconnection_for, reconnection_lines
from desktop.vault import receipt_key
from desktop.words import amount_in_words

UTILITY = "TỔNG CÔNG TY ĐIỆN LỰC TP. HỒ CHÍ MINH"


#: a receipt is not the VAT invoice: customers and auditors must not take it for one
NOT_AN_INVOICE = ("Phiếu thu tiền, không phải hóa đơn GTGT. Hóa đơn điện tử do Điện lực "
                  "phát hành và gửi cho khách hàng theo kỳ hóa đơn.")


def _e_invoice_line() -> str:
    """Where the customer finds the VAT e-invoice (``resources/einvoice.toml``, with its
    sources): the receipt says it, as the invoice itself is the utility's."""
    import tomllib
    from importlib import resources

    text = resources.files("resources").joinpath("einvoice.toml").read_text(encoding="utf-8")
    return str(tomllib.loads(text)["line"])


#: printed under NOT_AN_INVOICE on every receipt (ESC/POS and PDF)
E_INVOICE = _e_invoice_line()

@dataclass(frozen=True, slots=True)
class ReceiptLine:
    period_start: dt.date
    period_end: dt.date
    bill_no: str
    kwh: int
    amount: int


@dataclass(frozen=True, slots=True)
class Receipt:
    utility: str
    unit_name: str
    device_code: str
    receipt_no: str
    paid_at: dt.datetime
    cashier: str
    customer_code: str
    customer_name: str
    customer_address: str
    lines: tuple[ReceiptLine, ...]
    total: int
    total_in_words: str
    method: str
    tendered: int | None
    change: int | None
    bank_ref: str | None
    verification: str
    copy: bool = False
    voided: bool = False
    #: change rounding left with the utility, credited to the customer's account
    change_credit: int = 0
    #: the collection point's address and phone (first-run wizard), under the unit's name
    point: str = ""
    #: an agent's name and code (thu hộ: "Cửa hàng Minh Anh (mã DL0001)"); "" at the utility's
    #: own counters. An agent's receipt names the service and the provider as well, as
    #: payment intermediaries require (transaction code, service, provider, amount).
    agent: str = ""
    #: what the receipt says of a reconnection the payment raised (requested, by when, fee)
    reconnection: tuple[str, ...] = ()
    #: fees taken besides the bills (the reconnection fee collected at the counter)
    fees: tuple[FeeLine, ...] = ()


def verification_text(receipt_no: str, customer_code: str, amount: int, token: str) -> str:
    """The receipt's QR text; central recomputes its MAC (:mod:`desktop.contract`)."""
    return receipt_qr(receipt_no, customer_code, amount, token_hash(token))


def _kept_receipt_key(s: Session) -> str | None:
    """The receipt key of the counter whose store this session reads (kept outside the
    data folder, desktop.vault)."""
    store = s.get_bind().engine.url.database
    return receipt_key(Path(store).parent) if store and store != ":memory:" else None


def receipt_for(s: Session, payment_key: str, token: str, *, copy: bool = False,
                key: str | None = None) -> Receipt:
    payment = s.get(LocalPayment, payment_key)
    if payment is None:
        raise NotFound("Không tìm thấy phiếu thu này trên máy.")
    account = s.get(Account, payment.account_id)
    device = s.get(DeviceState, 1)
    assert account is not None and device is not None
    signing = key or _kept_receipt_key(s)
    unit = s.get(Unit, device.unit_code)
    staff = s.get(Staff, payment.staff_id) if payment.staff_id else None
    bills = s.scalars(select(Bill).join(PaymentAllocation, PaymentAllocation.bill_id == Bill.id)
                      .where(PaymentAllocation.payment_key == payment_key)
                      .order_by(Bill.period_end)).all()
    return Receipt(
        utility=UTILITY, unit_name=unit.name if unit else device.unit_code,
        device_code=device.device_code, receipt_no=payment.receipt_no, paid_at=payment.paid_at,
        cashier=staff.full_name if staff else "", customer_code=account.code,
        customer_name=account.name, customer_address=account.address,
        lines=tuple(ReceiptLine(b.period_start, b.period_end, b.bill_no, b.kwh, b.total)
                    for b in bills),
        total=payment.amount, total_in_words=amount_in_words(payment.amount),
        method=payment.method, tendered=payment.tendered, change=payment.change,
        bank_ref=payment.bank_ref, change_credit=payment.change_credit or 0,
        verification=(receipt_qr2(payment.receipt_no, account.code, payment.amount,
                                  signing) if signing else
                      verification_text(payment.receipt_no, account.code, payment.amount,
                                        token)),
        copy=copy, voided=payment.status == PaymentStatus.VOIDED,
        point=" · ".join(x for x in (device.point_address, device.point_phone) if x),
        agent=f"{unit.name} (mã {unit.code})" if unit is not None and unit.kind == "agent"
        else "",
        reconnection=reconnection_lines(reconnection_for(s, payment_key)),
        fees=tuple(FeeLine.of(d) for d in json.loads(payment.fees)) if payment.fees else ())


def fee_rows(fee: FeeLine) -> tuple[tuple[str, str], tuple[str, str]]:
    """A fee's two lines on the receipt: before VAT, and its VAT (ESC/POS and PDF alike)."""
    return ((f"{fee.label} (chưa VAT)", format_vnd(fee.amount)),
            (f"  Thuế GTGT {fee.vat_rate}%", format_vnd(fee.vat)))


SERVICE = "Thanh toán tiền điện"


def agent_lines(receipt: Receipt) -> tuple[str, ...]:
    """What an agent's receipt says besides a counter's: who collected on whose behalf."""
    if not receipt.agent:
        return ()
    return (f"Đại lý thu hộ: {receipt.agent}", f"Mã giao dịch: {receipt.receipt_no}",
            f"Dịch vụ: {SERVICE}", f"Nhà cung cấp: {receipt.utility}")


def receipt_document(receipt: Receipt) -> Document:
    """The same receipt for the PDF renderer (A5 for a customer who wants paper by email)."""
    subtitle = [receipt.utility, receipt.unit_name] + ([receipt.point] if receipt.point else [])
    if receipt.copy:
        subtitle.append("BẢN SAO")
    if receipt.voided:
        subtitle.append("*** ĐÃ HỦY ***")
    rows = [Row(f"Số phiếu: {receipt.receipt_no}"),
            Row(f"Ngày: {labels.local_datetime(receipt.paid_at)}"),
            Row(f"Quầy: {receipt.device_code} · Thu ngân: {receipt.cashier}"),
            *(Row(text) for text in agent_lines(receipt)),
            Row(f"Mã khách hàng: {receipt.customer_code}", bold=True, rule=True),
            Row(f"Tên: {receipt.customer_name}"), Row(f"Địa chỉ: {receipt.customer_address}")]
    for i, line in enumerate(receipt.lines):
        rows.append(Row(f"Kỳ {labels.period(line.period_start, line.period_end)} · "
                        f"HĐ {line.bill_no} · {group_digits(line.kwh)} kWh",
                        format_vnd(line.amount), rule=i == 0))
    for fee in receipt.fees:
        rows += [Row(left, right) for left, right in fee_rows(fee)]
    rows += [Row("TỔNG CỘNG", format_vnd(receipt.total), bold=True, rule=True),
             Row(f"Bằng chữ: {receipt.total_in_words}.")]
    if receipt.method == PaymentMethod.CASH and receipt.tendered is not None:
        rows += [Row("Tiền mặt khách đưa", format_vnd(receipt.tendered)),
                 Row("Tiền thối", format_vnd(receipt.change or 0))]
        if receipt.change_credit:
            rows.append(Row("Tiền lẻ ghi có vào tài khoản", format_vnd(receipt.change_credit)))
    elif receipt.method != PaymentMethod.CASH:
        rows.append(Row(f"VietQR · mã giao dịch {receipt.bank_ref or ''}"))
    for i, said in enumerate(receipt.reconnection):
        rows.append(Row(said, bold=i == 0, rule=i == 0))
    return Document("PHIẾU THU TIỀN ĐIỆN", tuple(subtitle), tuple(rows),
                    (f"Mã kiểm tra: {receipt.verification}", NOT_AN_INVOICE, E_INVOICE,
                     "Cảm ơn quý khách!"))
