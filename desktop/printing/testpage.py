"""The printer test page that lets a person pick how the printer prints Vietnamese.

One Vietnamese line, three times: as a raster image (every printer), in the
printer's CP1258 table and in its TCVN-3 tables, each under a number printed in
plain ASCII (which every printer reads right). The person at the printer picks
the number whose line reads right; the choice is kept as ``?text=…`` in the
printer's address (:mod:`desktop.printing.receipts.profiles`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PIL import Image, ImageDraw

from desktop.printing.receipts.escpos_out import paper_dots
from desktop.printing.receipts.profiles import RASTER, Profile, profile
from desktop.printing.receipts.raster import _font

#: every kind of letter that goes wrong: capitals with tones, đ/Đ, stacked marks
TEST_LINE = "Tiếng Việt: ĐIỆN LỰC Ắ Ặ Ữ, đã thu đủ ắ ặ ữ ỹ"
#: Epson's ESC t numbering (escpos-printer-db's default profile): an unknown printer's guess
_GENERIC_PAGES = {"cp1258": (52,), "tcvn3": (30, 31)}


@dataclass(frozen=True, slots=True)
class Choice:
    number: int
    #: "raster", "cp1258" or "tcvn3": the value of ``?text=`` in the printer's address
    text: str
    #: what is printed beside the number (ASCII: it must read right on every printer)
    label: str


def choices(printer: Profile) -> list[Choice]:
    """What the test page offers for this printer, in the order printed."""
    pages = printer.pages or _GENERIC_PAGES
    out = [Choice(1, "raster", "RASTER (image)")]
    for text, name in (("cp1258", "CP1258"), ("tcvn3", "TCVN-3")):
        if text in pages:
            numbers = "/".join(str(n) for n in pages[text])
            out.append(Choice(len(out) + 1, text, f"{name} (ESC t {numbers})"))
    return out


def _line_image(text: str, width: int) -> Image.Image:
    font = _font(False, 22)
    img = Image.new("1", (width, 32), 1)
    ImageDraw.Draw(img).text((4, 3), text, font=font, fill=0)
    return img


def encoding_test_page(profile_name: str | None, paper_mm: int = 80) -> bytes:
    """The test page for the named printer profile (None: a printer nobody named)."""
    printer = profile(profile_name)
    if not printer.pages:
        printer = dataclasses.replace(printer if printer != RASTER else Profile("generic"),
                                      pages=_GENERIC_PAGES)
    from escpos.printer import Dummy

    width = paper_dots(paper_mm, printer)
    out = Dummy()
    out.profile.profile_data["media"]["width"]["pixels"] = width
    out.hw("INIT")
    out._raw(b"QuayThu - TEST PAGE / TRANG IN THU\n")
    out._raw(f"Printer / May in: {printer.name}\n".encode("ascii", "replace"))
    for choice in choices(printer):
        out._raw(f"{choice.number}) {choice.label}\n".encode("ascii"))
        if choice.text == "raster":
            out.image(_line_image(TEST_LINE, width), impl="bitImageRaster", center=False)
        else:
            as_text = dataclasses.replace(printer, text=choice.text,
                                          codepage=printer.pages[choice.text][0])
            # back to the ASCII page after the line: the next label reads right anyway
            out._raw(as_text.encode(TEST_LINE) + b"\x1bt\x00\n")
    out._raw(b"Pick the number whose line reads right.\n"
             b"Chon so cua dong in dung tieng Viet.\n")
    out.cut()
    return bytes(out.output)
