"""The receipt drawn into a 1-bit image with the bundled Vietnamese font.

Thermal printers without a Vietnamese code page print this image (ESC/POS
raster); 58 mm paper is 384 dots wide, 80 mm 576. Long names and addresses
wrap by pixel width, never cut; the height grows with the content.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from desktop.printing.documents import Document
from desktop.printing.receipts.layout import layout_document, layout_receipt
from desktop.printing.receipts.model import Receipt

#: dots per line of the usual paper widths
PAPER_DOTS = {58: 384, 80: 576}


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    with resources.as_file(resources.files("resources").joinpath("fonts", name)) as path:
        return ImageFont.truetype(str(path), size)


@functools.lru_cache(maxsize=2048)
def _ink(text: str, bold: bool, size: int, frac_x: float) -> tuple[Any, tuple[int, int]]:
    """A line's glyph mask and its offset, as ``ImageDraw.text`` would draw it.

    Rendering the glyphs is most of a receipt's cost, and most of a receipt's lines
    (the utility, the title, the footer, the labels of the totals) are the same on every
    receipt: they are rendered once.
    """
    mask, offset = _font(bold, size).getmask2(text, "1", start=(frac_x, 0.0))
    return mask, offset


def _draw_text(draw: ImageDraw.ImageDraw, x: float, y: int, text: str, bold: bool,
               size: int) -> None:
    frac_x = x - int(x)
    mask, (dx, dy) = _ink(text, bold, size, frac_x)
    draw.draw.draw_bitmap((int(x) + dx, y + dy), mask, 0)


@functools.lru_cache(maxsize=4096)
def _length(text: str, bold: bool, size: int) -> float:
    return _font(bold, size).getlength(text)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines no wider than ``width`` pixels; a word longer than a line is split."""
    if "\n" not in text and font.getlength(text) <= width:
        return [" ".join(text.split())]  # most lines fit: one measure, not one a word
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if font.getlength(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while font.getlength(word) > width:  # a 40-digit number, a long code
                cut = max(1, next(i for i in range(len(word), 0, -1)
                                  if font.getlength(word[:i]) <= width))
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


class _Canvas:
    def __init__(self, width: int) -> None:
        self.width = width
        self.margin = 8
        self.size = 22 if width >= 512 else 18
        self.rows: list[tuple[str, str, bool, int, str]] = []  # (kind, text, bold, size, align)
        self.images: dict[int, Image.Image] = {}

    def text(self, text: str, *, bold: bool = False, size: int | None = None,
             align: str = "left") -> None:
        size = size or self.size
        for line in wrap(text, _font(bold, size), self.width - 2 * self.margin):
            self.rows.append(("text", line, bold, size, align))

    def pair(self, left: str, right: str, *, bold: bool = False) -> None:
        """A label on the left and an amount on the right; wrapped when they do not fit."""
        font = _font(bold, self.size)
        room = self.width - 2 * self.margin
        if font.getlength(left) + font.getlength(right) + 12 <= room:
            self.rows.append(("pair", f"{left}\t{right}", bold, self.size, "left"))
        else:
            self.text(left, bold=bold)
            self.text(right, bold=bold, align="right")

    def rule(self) -> None:
        self.rows.append(("rule", "", False, 4, "left"))

    def image(self, img: Image.Image) -> None:
        self.images[len(self.rows)] = img
        self.rows.append(("image", "", False, img.height, "center"))

    def render(self) -> Image.Image:
        heights = [size + 8 if kind in ("text", "pair") else (8 if kind == "rule" else size + 8)
                   for kind, _t, _b, size, _a in self.rows]
        out = Image.new("1", (self.width, sum(heights) + 2 * self.margin + 40), 1)
        draw = ImageDraw.Draw(out)
        y = self.margin
        for i, ((kind, text, bold, size, align), h) in enumerate(zip(self.rows, heights,
                                                                     strict=True)):
            if kind == "text":
                w = _length(text, bold, size)
                x = {"left": self.margin, "center": (self.width - w) / 2,
                     "right": self.width - self.margin - w}[align]
                _draw_text(draw, x, y, text, bold, size)
            elif kind == "pair":
                left, right = text.split("\t")
                _draw_text(draw, self.margin, y, left, bold, size)
                _draw_text(draw, self.width - self.margin - _length(right, bold, size), y,
                           right, bold, size)
            elif kind == "rule":
                draw.line((self.margin, y + 3, self.width - self.margin, y + 3), fill=0,
                          width=1)
            else:
                img = self.images[i]
                out.paste(img, ((self.width - img.width) // 2, y))
            y += h
        return out


def render_document(doc: Document, width: int) -> Image.Image:
    """Any slip (shift report, cash drop, request acknowledgement) as a raster."""
    c = _Canvas(width)
    layout_document(doc, c)
    return c.render()


def render(receipt: Receipt, width: int) -> Image.Image:
    """The receipt as the printer prints it, ``width`` dots wide."""
    c = _Canvas(width)
    layout_receipt(receipt, c)
    return c.render()
