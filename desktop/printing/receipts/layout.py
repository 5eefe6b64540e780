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
from desktop.money.amounts import format_vnd, group_digits
from desktop.printing.documents import Document
from desktop.printing.receipts.model import NOT_AN_INVOICE, Receipt, agent_lines


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
    import io

    import segno

    buf = io.BytesIO()
    code = segno.make(payload, error="m", micro=False)
    scale = max(1, size // (code.symbol_size(border=4)[0]))
    code.save(buf, kind="png", scale=scale, border=4)
    buf.seek(0)
    return Image.open(buf).convert("1")


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
    c.rule()
    c.pair("TỔNG CỘNG", format_vnd(receipt.total), bold=True)
    c.text(f"Bằng chữ: {receipt.total_in_words}.")
    if receipt.method == "cash":
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
    c.rule()
    c.image(qr_image(receipt.verification, c.width // 2))
    c.text("Quét mã để kiểm tra phiếu thu", align="center", size=c.size - 4)
    c.text(NOT_AN_INVOICE, align="center", size=c.size - 4)
    c.text("Cảm ơn quý khách!", align="center")
