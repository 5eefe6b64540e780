"""The receipt says where the customer finds the VAT e-invoice (issue 29, Build 5)."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from PIL import Image

from desktop.printing.receipts.layout import layout_receipt
from desktop.printing.receipts.sample import sample_receipt


class Recorder:
    """A canvas that keeps the words the thermal printer would be given."""

    size = 24
    width = 576

    def __init__(self) -> None:
        self.words: list[str] = []

    def text(self, text: str, *, bold: bool = False, size: int | None = None,
             align: str = "left") -> None:
        self.words.append(text)

    def pair(self, left: str, right: str, *, bold: bool = False) -> None:
        self.words += [left, right]

    def rule(self) -> None:
        pass

    def image(self, img: Image.Image) -> None:
        pass


def _data() -> dict[str, str]:
    text = resources.files("resources").joinpath("einvoice.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def test_the_printed_receipt_names_the_app_and_the_lookup_address() -> None:
    data = _data()
    canvas = Recorder()
    layout_receipt(sample_receipt(), canvas)
    printed = " ".join(canvas.words)
    assert data["app"] == "EVNHCMC CSKH"
    assert "EVNHCMC CSKH" in printed and "cskh.evnhcmc.vn" in printed
    assert data["line"] in canvas.words


def test_the_pdf_receipt_carries_the_same_line(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from desktop.printing.pdf import render_pdf
    from desktop.printing.receipts.model import receipt_document

    path = render_pdf(receipt_document(sample_receipt()), tmp_path / "phieu.pdf", "a5")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
    assert "EVNHCMC CSKH" in text and "cskh.evnhcmc.vn" in text
