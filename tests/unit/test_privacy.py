"""Masks on screen and redaction in logs."""

from __future__ import annotations

import io
import logging

import pytest

from desktop.staff.privacy import RedactingFilter, mask_id_number, mask_phone, redact


@pytest.mark.parametrize("raw, shown", [
    ("0909123456", "0909***456"), ("0909 123 456", "0909***456"), ("+84 909 123 456", "0909***456"),
    ("", ""), (None, ""), ("12345", "***"),
])
def test_phone_masks(raw: str | None, shown: str) -> None:
    assert mask_phone(raw) == shown


def test_id_number_mask() -> None:
    assert mask_id_number("079201001234") == "079******234"


def test_redaction_hides_phones_ids_tokens_and_passwords_but_not_codes_or_amounts() -> None:
    text = ("ĐT 0909123456, 0909.123.456, CCCD 079201001234, Authorization: Bearer qtd_abcDEF, "
            "token=qtd_xyz, password: hunter2; mã PE0400012345, 250000 đ, 2026-11-27 06:34")
    clean = redact(text)
    for secret in ("0909123456", "0909.123.456", "079201001234", "qtd_abcDEF", "qtd_xyz",
                   "hunter2"):
        assert secret not in clean
    for kept in ("PE0400012345", "250000 đ", "2026-11-27 06:34"):
        assert kept in clean


def test_the_filter_redacts_what_a_handler_writes() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RedactingFilter())
    log = logging.getLogger("quaythu.test.redaction")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("customer %s called with %s", "0909123456", "Bearer qtd_secret")
    finally:
        log.removeHandler(handler)
    assert out.getvalue().strip() == "customer 090***456 called with Bearer ***"



def test_redaction_hides_a_long_bank_account_number() -> None:
    clean = redact("STK 1903456789012345 của khách; 19034567890123 nữa")
    assert "1903456789012345" not in clean and "19034567890123" not in clean
    assert "190***345" in clean
