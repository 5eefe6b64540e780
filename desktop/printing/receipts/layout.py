"""What a receipt and a slip say, line by line, for any canvas.

The raster canvas (``raster.py``) draws the lines with the bundled font into
an image; the text canvas (``escpos_out.py``) sends them as characters in the
printer's Vietnamese code page. Both get the same calls, so a receipt reads
the same on every printer.
"""

from __future__ import annotations

from typing import Protocol

from PIL import Image

from desktop import labels
from desktop.contract import PaymentMethod
from desktop.money.amounts import format_vnd, group_digits
from desktop.printing.documents import Document
from desktop.printing.receipts.model import (
    E_INVOICE,
    NOT_AN_INVOICE,
    Receipt,
    agent_lines,
    fee_rows,
)


class Canvas(Protocol):
    #: the paper's width in dots, and the body text's size (larger titles add to it)
    width: int
    size: int

    def text(self, text: str, *, bold: bool = False, size: int | None = None,
             align: str = "left") -> None: ...

    def pair(self, left: str, right: str, *, bold: bool = False) -> None: ...

    def rule(self) -> None: ...

    def image(self, img: Image.Image) -> None: ...


def qr_image(payload: str, size: int) -> Image.Image:
    """The QR code as a 1-bit image about ``size`` dots wide, with its 4-module quiet zone.

    Built from the symbol's matrix (one byte a module, then scaled): the same pixels as
    segno's PNG at that scale, without writing and decoding a PNG for every receipt.
    """
    import segno

    code = segno.make(payload, error="m", micro=False)
    border = 4
    modules = int(code.symbol_size(border=border)[0])
    scale = max(1, size // modules)
    inner = len(code.matrix)
    dark = bytes(0 if m else 255 for row in code.matrix for m in row)
    img = Image.frombytes("L", (inner, inner), dark)
    framed = Image.new("L", (modules, modules), 255)
    framed.paste(img, (border, border))
    return framed.resize((modules * scale, modules * scale), Image.Resampling.NEAREST) \
        .convert("1", dither=Image.Dither.NONE)


def layout_document(doc: Document, c: Canvas) -> None:
    """Any slip (shift report, cash drop, request acknowledgement), like the receipt."""
    c.text(doc.title, bold=True, size=c.size + 4, align="center")
    for line in doc.subtitle:
        c.text(line, align="center")
    c.rule()
    for row in doc.rows:
        if row.rule:
            c.rule()
        if row.right:
            c.pair(row.left, row.right, bold=row.bold)
        else:
            c.text(row.left, bold=row.bold)
    c.rule()
    for line in doc.footer:
        c.text(line, align="center", size=c.size - 2)


def layout_receipt(receipt: Receipt, c: Canvas) -> None:
    """The receipt, top to bottom."""
    c.text(receipt.utility, bold=True, align="center", size=c.size - 2)
    c.text(receipt.unit_name, align="center")
    if receipt.point:
        c.text(receipt.point, align="center", size=c.size - 2)
    c.text("PHIẾU THU TIỀN ĐIỆN", bold=True, size=c.size + 8, align="center")
    if receipt.copy:
        c.text("BẢN SAO", bold=True, size=c.size + 4, align="center")
    if receipt.voided:
        c.text("*** ĐÃ HỦY ***", bold=True, size=c.size + 4, align="center")
    c.rule()
    c.text(f"Số phiếu: {receipt.receipt_no}")
    c.text(f"Ngày: {labels.local_datetime(receipt.paid_at)}")
    c.text(f"Quầy: {receipt.device_code} · Thu ngân: {receipt.cashier}")
    for said in agent_lines(receipt):
        c.text(said)
    c.rule()
    c.text(f"Mã KH: {receipt.customer_code}", bold=True)
    c.text(f"Tên: {receipt.customer_name}")
    c.text(f"Địa chỉ: {receipt.customer_address}")
    c.rule()
    for line in receipt.lines:
        c.text(f"Kỳ {labels.period(line.period_start, line.period_end)} · "
               f"{group_digits(line.kwh)} kWh")
        c.pair(f"  HĐ {line.bill_no}", format_vnd(line.amount))
    for fee in receipt.fees:
        for left, right in fee_rows(fee):
            c.pair(left, right)
    c.rule()
    c.pair("TỔNG CỘNG", format_vnd(receipt.total), bold=True)
    c.text(f"Bằng chữ: {receipt.total_in_words}.")
    if receipt.method == PaymentMethod.CASH:
        if receipt.tendered is not None:
            c.pair("Tiền mặt khách đưa", format_vnd(receipt.tendered))
            c.pair("Tiền thối", format_vnd(receipt.change or 0))
            if receipt.change_credit:
                # the coins a drawer has not: credited, not kept (the next bill is less)
                c.pair("Tiền lẻ ghi có vào tài khoản", format_vnd(receipt.change_credit))
        else:
            c.text("Hình thức: tiền mặt")
    else:
        c.text(f"Hình thức: VietQR · mã giao dịch {receipt.bank_ref or ''}")
    if receipt.reconnection:
        c.rule()
        for i, said in enumerate(receipt.reconnection):
            c.text(said, bold=i == 0)
    c.rule()
    c.image(qr_image(receipt.verification, c.width // 2))
    c.text("Quét mã để kiểm tra phiếu thu", align="center", size=c.size - 4)
    c.text(NOT_AN_INVOICE, align="center", size=c.size - 4)
    c.text(E_INVOICE, align="center", size=c.size - 4)
    c.text("Cảm ơn quý khách!", align="center")
