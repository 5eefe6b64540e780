"""Amounts in Vietnamese words ("Bằng chữ"), as receipts and slips print them.

Usual official forms (DOMAIN.md): 105 "một trăm linh năm", 1 004 "một
nghìn không trăm linh bốn", 21 "hai mươi mốt", 15 "mười lăm", 25 "hai
mươi lăm". Zero hundreds inside a larger number are spoken ("không trăm");
a group that is all zeros is left out (1 000 000 "một triệu").
"""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _group(n: int, leading: bool) -> list[str]:
    h, t, u = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if h or not leading:
        words += [DIGITS[h], "trăm"]
    if t == 0:
        if u:
            if words:
                words.append("linh")
            words.append(DIGITS[u])
    elif t == 1:
        words.append("mười")
        if u:
            words.append("lăm" if u == 5 else DIGITS[u])
    else:
        words += [DIGITS[t], "mươi"]
        if u:
            words.append({1: "mốt", 5: "lăm"}.get(u, DIGITS[u]))
    return words


def _below_billion(n: int, leading: bool) -> list[str]:
    words: list[str] = []
    for value, scale in ((n // 1_000_000, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")):
        if value:
            words += _group(value, leading=leading and not words)
            if scale:
                words.append(scale)
    return words


def number_in_words(n: int) -> str:
    """``1234567`` → ``một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy``."""
    if n < 0:
        return "âm " + number_in_words(-n)
    if n == 0:
        return DIGITS[0]
    if n >= 1_000_000_000:
        # the billions read as a number of their own: "một nghìn tỷ"
        head = number_in_words(n // 1_000_000_000) + " tỷ"
        rest = n % 1_000_000_000
        return head if not rest else head + " " + " ".join(_below_billion(rest, leading=False))
    return " ".join(_below_billion(n, leading=True))


def amount_in_words(amount: int) -> str:
    """The "Bằng chữ" line: capitalised, ending in "đồng"."""
    text = number_in_words(amount) + " đồng"
    return text[0].upper() + text[1:]
