"""Folding and phone numbers: what staff type must meet what the store holds."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.text import fold, fold_words, normalise_phone

# Every Vietnamese vowel with every tone mark, upper and lower case.
VOWELS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}


@pytest.mark.parametrize("base,variants", sorted(VOWELS.items()))
def test_every_tone_mark_folds_to_the_bare_vowel(base: str, variants: str) -> None:
    for ch in variants + variants.upper():
        assert fold(ch) == base, ch


def test_d_with_stroke_folds_to_d_in_both_cases() -> None:
    assert fold("Đặng Đình Đức") == "dang dinh duc"
    assert fold("đường") == "duong"


def test_nfc_and_nfd_input_fold_alike() -> None:
    name = "Nguyễn Thanh Chấn, Phường Tân Bình"
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != name
    assert fold(nfd) == fold(name) == "nguyen thanh chan, phuong tan binh"


@given(st.text())
def test_fold_is_idempotent_and_never_raises(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


def test_fold_words_keeps_letters_and_digits_only() -> None:
    assert fold_words("12/3A Cộng Hòa, P.4 – Q.Tân Bình 😀") == [
        "12", "3a", "cong", "hoa", "p", "4", "q", "tan", "binh"
    ]
    assert fold_words("' OR 1=1 --") == ["or", "1", "1"]


@pytest.mark.parametrize(
    "spelling",
    ["0909123456", "0909 123 456", "0909.123.456", "0909-123-456", "+84 909 123 456",
     "84909123456", "(+84) 909.123.456", " 0909123456 "],
)
def test_usual_phone_spellings_are_one_number(spelling: str) -> None:
    assert normalise_phone(spelling) == "0909123456"


@pytest.mark.parametrize(
    "text", ["", "abc", "0909", "12345678", "0009123456", "09091234567890", "PE0400012345",
             "0909 123 456 x"],
)
def test_things_that_are_not_phone_numbers(text: str) -> None:
    assert normalise_phone(text) is None


def test_landline_with_area_code() -> None:
    assert normalise_phone("028 3822 1234") == "02838221234"
    assert normalise_phone("+84 28 3822 1234") == "02838221234"
