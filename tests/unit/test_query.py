"""Query parsing: one box understands codes, scans, phones, meters and text."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.config import CustomerCodePattern
from desktop.lookup import (
    CODE,
    CODE_PREFIX,
    EMPTY,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    METER,
    PHONE,
    TEXT,
    parse_query,
)


@pytest.mark.parametrize("raw", ["PE04000012345", "pe04000012345", " PE04000012345\n",
                                 "PE 0400 0012 345", "PE0400-0012345"])
def test_full_code_typed_or_scanned(raw: str) -> None:
    q = parse_query(raw)
    assert (q.kind, q.value) == (CODE, "PE04000012345")


@pytest.mark.parametrize("raw,value", [("PE04", "PE04"), ("pe0400", "PE0400"),
                                       ("PE040001", "PE040001")])
def test_code_prefix_from_four_characters(raw: str, value: str) -> None:
    q = parse_query(raw)
    assert (q.kind, q.value) == (CODE_PREFIX, value)


def test_three_characters_are_not_a_code_prefix() -> None:
    assert parse_query("PE0").kind == TEXT


def test_code_pattern_is_configuration() -> None:
    hanoi = CustomerCodePattern(letters="PD", digits=11)
    assert parse_query("PD01000012345", hanoi).kind == CODE
    assert parse_query("PE01000012345", hanoi).kind != CODE


@pytest.mark.parametrize("raw", ["0909 123 456", "+84 909 123 456", "84909123456",
                                 "0909.123.456"])
def test_phone_spellings(raw: str) -> None:
    q = parse_query(raw)
    assert (q.kind, q.value) == (PHONE, "0909123456")


def test_meter_serial() -> None:
    assert (parse_query("39627810").kind, parse_query("39627810").value) == (METER, "39627810")


def test_free_text_is_folded_into_prefix_terms() -> None:
    q = parse_query("Nguyễn  CHẤN tân bình")
    assert q.kind == TEXT
    assert q.terms == ("nguyen", "chan", "tan", "binh")


def test_nfd_input_parses_like_nfc() -> None:
    raw = "Nguyễn Chấn Tân Bình"
    assert parse_query(unicodedata.normalize("NFD", raw)) == parse_query(raw)


@pytest.mark.parametrize("raw", ["", "   ", "\n\t", "😀😀", "---", "''", "%%%", "*"])
def test_nothing_searchable_is_empty(raw: str) -> None:
    assert parse_query(raw).kind == EMPTY


def test_huge_input_is_cut_and_terms_bounded() -> None:
    q = parse_query("nguyen van an " * 40)
    assert q.kind == TEXT
    assert len(q.terms) <= MAX_TERMS
    assert len(parse_query("x" * 500).value) <= MAX_QUERY_CHARS


def test_sql_looking_input_is_only_words() -> None:
    q = parse_query("' OR 1=1 --")
    assert q.kind == TEXT
    assert q.terms == ("or", "1")


def test_mixed_script_keeps_the_latin_words() -> None:
    q = parse_query("Lê Lợi Москва 東京")
    assert q.kind == TEXT
    assert q.terms[:2] == ("le", "loi")
