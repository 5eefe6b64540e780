"""ESC/POS bytes of a receipt: the raster image, a cut, the drawer kick for cash."""

from __future__ import annotations

import logging

from escpos.printer import Dummy

from desktop.documents import Document
from desktop.receipts.model import Receipt
from desktop.receipts.raster import PAPER_DOTS, render, render_document

logger = logging.getLogger(__name__)


def receipt_bytes(receipt: Receipt, paper_mm: int = 80, *, kick_drawer: bool = True) -> bytes:
    """What goes down the wire to a printer without a Vietnamese code page."""
    width = PAPER_DOTS.get(paper_mm, PAPER_DOTS[80])
    image = render(receipt, width)
    printer = Dummy()
    # the paper's width in dots, which python-escpos otherwise prints a warning about
    printer.profile.profile_data["media"]["width"]["pixels"] = width
    printer.hw("INIT")
    printer.image(image, impl="bitImageRaster", center=False)
    if kick_drawer and receipt.method == "cash" and not receipt.copy:
        printer.cashdraw(2)  # the drawer opens while the paper comes out
    printer.cut()
    return bytes(printer.output)


def document_bytes(doc: Document, paper_mm: int = 80) -> bytes:
    """A slip (shift report, cash drop) for the same printers; never opens the drawer."""
    width = PAPER_DOTS.get(paper_mm, PAPER_DOTS[80])
    printer = Dummy()
    printer.profile.profile_data["media"]["width"]["pixels"] = width
    printer.hw("INIT")
    printer.image(render_document(doc, width), impl="bitImageRaster", center=False)
    printer.cut()
    return bytes(printer.output)
