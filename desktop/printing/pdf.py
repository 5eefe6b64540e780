"""PDF renderer of :mod:`desktop.printing.documents` (reportlab), font embedded.

Layouts: ``slip80`` (80 mm wide, as long as the content, for thermal
printers through the OS spooler), ``a5`` and ``a4``. Vietnamese needs a font
that has its letters: the bundled DejaVu Sans (licence in resources/fonts).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desktop.errors import QuayThuError
from desktop.printing.documents import Document

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
LAYOUTS = ("slip80", "a5", "a4")


class DocumentWriteError(QuayThuError):
    """The PDF could not be written where asked."""


@cache
def _register_fonts() -> None:
    fonts = resources.files("resources").joinpath("fonts")
    for name in (FONT, FONT_BOLD):
        with resources.as_file(fonts.joinpath(f"{name}.ttf")) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    words, lines, line = text.split(), [], ""
    for w in words:
        trial = f"{line} {w}".strip()
        if pdfmetrics.stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    return lines or [""]


def render_pdf(doc: Document, path: Path | str, layout: str = "a4") -> Path:
    """Write ``doc`` as a PDF; returns the path."""
    if layout not in LAYOUTS:
        raise ValueError(layout)
    _register_fonts()
    path = Path(path)
    if layout == "slip80":
        width, margin, size = 80 * mm, 4 * mm, 8.0
    else:
        width = (A4 if layout == "a4" else A5)[0]
        margin, size = 18 * mm, 10.5 if layout == "a4" else 9.5
    inner = width - 2 * margin
    lead = size * 1.35
    # lay out first, so that a slip is exactly as long as its content
    ops: list[tuple[str, str, str, float]] = []  # (kind, font, text, size)
    for t in _wrap(doc.title, FONT_BOLD, size * 1.3, inner):
        ops.append(("center", FONT_BOLD, t, size * 1.3))
    for s in doc.subtitle:
        ops += [("center", FONT, t, size) for t in _wrap(s, FONT, size, inner)]
    ops.append(("space", FONT, "", size))
    for row in doc.rows:
        if row.rule:
            ops.append(("rule", FONT, "", size))
        font = FONT_BOLD if row.bold else FONT
        right_w = pdfmetrics.stringWidth(row.right, font, size) + 4 if row.right else 0
        wrapped = _wrap(row.left, font, size, inner - right_w)
        for i, t in enumerate(wrapped):
            ops.append(("row", font, t + ("\x00" + row.right if i == 0 and row.right else ""),
                        size))
    ops.append(("space", FONT, "", size))
    for f in doc.footer:
        ops += [("center", FONT, t, size * 0.85) for t in _wrap(f, FONT, size * 0.85, inner)]
    height = (A4 if layout == "a4" else A5)[1] if layout != "slip80" else (
        2 * margin + lead * len(ops) + 6 * mm)
    try:
        c = Canvas(str(path), pagesize=(width, height))
    except OSError as exc:  # pragma: no cover - reportlab opens lazily
        raise DocumentWriteError(f"Không ghi được tệp PDF: {exc}") from exc
    c.setTitle(doc.title)
    c.setAuthor("QuayThu")
    y = height - margin - lead
    for kind, font, text, sz in ops:
        if y < margin:
            c.showPage()
            y = height - margin - lead
        c.setFont(font, sz)
        if kind == "center":
            c.drawCentredString(width / 2, y, text)
        elif kind == "rule":
            # between the previous row's descenders and the next row's capitals
            c.line(margin, y + sz * 0.95, width - margin, y + sz * 0.95)
            y -= lead * 0.25
            continue
        elif kind == "row":
            left, _, right = text.partition("\x00")
            c.drawString(margin, y, left)
            if right:
                c.drawRightString(width - margin, y, right)
        y -= lead if kind != "space" else lead * 0.6
    try:
        c.save()
    except OSError as exc:
        raise DocumentWriteError(f"Không ghi được tệp PDF {path}: {exc.strerror or exc}.") from exc
    return path
