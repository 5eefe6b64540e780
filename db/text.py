"""How the store folds text for search.

The index and every query must fold text the same way, so the one function
that does it lives next to the index (DOMAIN.md, "Vietnamese search").
"""

from __future__ import annotations

import re
import unicodedata

# Đ/đ are letters of their own, not D with a combining mark: NFD keeps them.
_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_WORD = re.compile(r"[0-9a-z]+")


def _fold_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_D_MAP).casefold()


class _FoldTable(dict[int, str]):
    """Each character's fold, worked out once (``str.translate`` asks per character).

    Folding is per character: decomposition, dropping the marks and case
    folding never look at a neighbour, so the whole text folds as its
    characters do — and a first sync folds millions of names and addresses.
    """

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_slow(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case, no diacritics, đ→d; NFC and NFD input give the same result."""
    return text.translate(_FOLD)


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``, in order: letters and digits only."""
    return _WORD.findall(fold(text))


def normalise_phone(text: str) -> str | None:
    """A Vietnamese phone number in its national form ``0xxxxxxxxx``, or None.

    ``0909 123 456``, ``0909.123.456``, ``+84 909 123 456`` and
    ``84909123456`` are one number.
    """
    if not re.fullmatch(r"[\s.\-()+0-9]+", text):
        return None
    digits = re.sub(r"\D", "", text)
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if digits.startswith("0") and len(digits) in (10, 11) and digits[1] != "0":
        return digits
    return None
