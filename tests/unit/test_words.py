"""Amounts in words, against a table of our own (DOMAIN.md)."""

from __future__ import annotations

import pytest

from desktop.words import amount_in_words, number_in_words

TABLE = [
    (0, "không"),
    (1, "một"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (101, "một trăm linh một"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (1_004, "một nghìn không trăm linh bốn"),
    (1_050, "một nghìn không trăm năm mươi"),
    (1_500, "một nghìn năm trăm"),
    (10_000, "mười nghìn"),
    (217_836, "hai trăm mười bảy nghìn tám trăm ba mươi sáu"),
    (1_000_000, "một triệu"),
    (1_001_000, "một triệu không trăm linh một nghìn"),
    (1_234_567, "một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy"),
    (2_000_000_000, "hai tỷ"),
    (5_000_001_000, "năm tỷ không trăm linh một nghìn"),
    (1_000_000_000_000, "một nghìn tỷ"),
]


@pytest.mark.parametrize("n,words", TABLE)
def test_number_in_words(n: int, words: str) -> None:
    assert number_in_words(n) == words


def test_receipt_line_is_capitalised_and_ends_in_dong() -> None:
    assert amount_in_words(1_234_567) == (
        "Một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy đồng")
    assert amount_in_words(217_836) == "Hai trăm mười bảy nghìn tám trăm ba mươi sáu đồng"
