"""ESC/POS bytes of a receipt or a slip: raster image or native text, a cut, the drawer kick.

Printers whose profile prints Vietnamese (CP1258 or TCVN-3, see ``profiles.py``)
get characters; every other printer gets the receipt drawn with the bundled font.
Either way the verification QR is a raster image, and the layout is the same
(``layout.py``).
"""

from __future__ import annotations

import logging
import textwrap
import unicodedata
from typing import TYPE_CHECKING

from PIL import Image

from desktop.contract import PaymentMethod
from desktop.printing.documents import Document
from desktop.printing.receipts.layout import layout_document, layout_receipt
from desktop.printing.receipts.model import Receipt
from desktop.printing.receipts.profiles import RASTER, Profile
from desktop.printing.receipts.raster import PAPER_DOTS, render, render_document

if TYPE_CHECKING:
    from escpos.printer import Dummy

logger = logging.getLogger(__name__)

#: Font A is 12 dots wide: 48 characters on 80 mm paper, 32 on 58 mm
FONT_A_DOTS = 12
_ESC, _GS = b"\x1b", b"\x1d"
_ALIGN = {"left": 0, "center": 1, "right": 2}


def _printer(width: int) -> Dummy:
    # python-escpos reads its printer database when first imported (half a second):
    # at the first receipt, not at every start of the program
    from escpos.printer import Dummy

    printer = Dummy()
    # the paper's width in dots, which python-escpos otherwise prints a warning about
    printer.profile.profile_data["media"]["width"]["pixels"] = width
    printer.hw("INIT")
    return printer


#: python-escpos splits a raster image into bands of this many rows (GS v 0 each)
_FRAGMENT_ROWS = 960
#: PIL's 1-bit images are 1 for white; ESC/POS raster is 1 for a printed dot
_INVERT = bytes(255 - b for b in range(256))


def _raster(printer: Dummy, img: Image.Image) -> None:
    """``GS v 0`` bands of a 1-bit image: the bytes python-escpos's ``image()`` sends.

    python-escpos converts every image through RGBA, RGB and greyscale before it packs
    the bits, which costs more than drawing the receipt; a 1-bit image whose width is a
    whole number of bytes is already packed, and only needs its bits inverted.
    """
    if img.mode != "1" or img.width % 8:
        printer.image(img, impl="bitImageRaster", center=False)
        return
    width_bytes = img.width // 8
    packed = img.tobytes().translate(_INVERT)
    for top in range(0, img.height, _FRAGMENT_ROWS):
        rows = min(_FRAGMENT_ROWS, img.height - top)
        printer._raw(_GS + b"v0\x00" + width_bytes.to_bytes(2, "little")
                     + rows.to_bytes(2, "little")
                     + packed[top * width_bytes:(top + rows) * width_bytes])


def _length(text: str) -> int:
    """Columns a line takes on the printer: tone marks print over their letter."""
    return len(unicodedata.normalize("NFC", text))


class _TextCanvas:
    """The layout's calls as ESC/POS characters in the printer's Vietnamese table."""

    def __init__(self, printer: Dummy, width: int, profile: Profile) -> None:
        assert profile.native
        self.printer, self.width, self.size, self.profile = printer, width, 22, profile
        self.columns = profile.columns or width // FONT_A_DOTS

    def _line(self, text: str, *, bold: bool, big: bool, align: str) -> None:
        self.printer._raw(_ESC + b"a" + bytes([_ALIGN[align]]) + _ESC + b"E" + bytes([bold])
                          + _GS + b"!" + (b"\x11" if big else b"\x00")
                          + self.profile.encode(text) + b"\n")

    def text(self, text: str, *, bold: bool = False, size: int | None = None,
             align: str = "left") -> None:
        big = size is not None and size > self.size + 2  # titles: double width and height
        columns = self.columns // 2 if big else self.columns
        text = unicodedata.normalize("NFC", text)
        for line in textwrap.wrap(text, columns, break_long_words=True) or [""]:
            self._line(line, bold=bold, big=big, align=align)

    def pair(self, left: str, right: str, *, bold: bool = False) -> None:
        gap = self.columns - _length(left) - _length(right)
        if gap >= 1:
            self._line(left + " " * gap + right, bold=bold, big=False, align="left")
        else:
            self.text(left, bold=bold)
            self.text(right, bold=bold, align="right")

    def rule(self) -> None:
        self._line("-" * self.columns, bold=False, big=False, align="left")

    def image(self, img: Image.Image) -> None:
        centred = Image.new("1", (self.width, img.height), 1)
        centred.paste(img, ((self.width - img.width) // 2, 0))
        self.printer._raw(_ESC + b"a\x00")
        _raster(self.printer, centred)


def paper_dots(paper_mm: int, profile: Profile = RASTER) -> int:
    """Dots per line: the profile's when it knows them, else the paper's."""
    return profile.pixels or PAPER_DOTS.get(paper_mm, PAPER_DOTS[80])


def receipt_bytes(receipt: Receipt, paper_mm: int = 80, *, kick_drawer: bool = True,
                  profile: Profile = RASTER) -> bytes:
    """What goes down the wire to the printer for this receipt."""
    width = paper_dots(paper_mm, profile)
    printer = _printer(width)
    if profile.native:
        layout_receipt(receipt, _TextCanvas(printer, width, profile))
    else:
        _raster(printer, render(receipt, width))
    if kick_drawer and receipt.method == PaymentMethod.CASH and not receipt.copy:
        printer.cashdraw(2)  # the drawer opens while the paper comes out
    printer.cut()
    return bytes(printer.output)


def document_bytes(doc: Document, paper_mm: int = 80, *, profile: Profile = RASTER) -> bytes:
    """A slip (shift report, cash drop, acknowledgement); never opens the drawer."""
    width = paper_dots(paper_mm, profile)
    printer = _printer(width)
    if profile.native:
        layout_document(doc, _TextCanvas(printer, width, profile))
    else:
        _raster(printer, render_document(doc, width))
    printer.cut()
    return bytes(printer.output)
