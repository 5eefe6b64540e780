"""Personal data shown or logged only as much as the task needs.

A cashier sees ``0909***456``; logs never hold a full phone number, a full
ID number (CCCD) or a token, whatever a developer passes to them.
"""

from __future__ import annotations

import logging
import re

from db.text import normalise_phone

# a phone number in any usual spelling, or a bare run of 9–19 digits (CCCD, CMND,
# a bank account number); never inside a longer code such as PE0400012345
_DIGITS = re.compile(r"(?<!\w)(?:(?:\+?84 ?|0)\d{2,3}[ .-]?\d{3,4}[ .-]?\d{3,4}|\d{9,19})(?!\w)")
_SECRET = re.compile(r"(?i)(bearer\s+|token[\"']?\s*[:=]\s*[\"']?|password[\"']?\s*[:=]\s*[\"']?)"
                     r"[^\s\"',;]+")


def mask_phone(phone: str | None) -> str:
    """``0909123456`` → ``0909***456``; short or empty values are hidden whole."""
    digits = normalise_phone(phone or "") or re.sub(r"\D", "", phone or "")
    if len(digits) < 8:
        return "***" if digits else ""
    return f"{digits[:4]}***{digits[-3:]}"


def mask_id_number(number: str | None) -> str:
    """A CCCD (12 digits): province code and the last three digits only."""
    digits = re.sub(r"\D", "", number or "")
    if len(digits) < 9:
        return "***" if digits else ""
    return f"{digits[:3]}******{digits[-3:]}"


def redact(text: str) -> str:
    """Hide tokens, passwords and long digit runs (phones, ID numbers) in free text."""
    text = _SECRET.sub(lambda m: m.group(1) + "***", text)

    def digits(m: re.Match[str]) -> str:
        run = re.sub(r"\D", "", m.group(0))
        if not 9 <= len(run) <= 19:
            return m.group(0)
        return f"{run[:3]}***{run[-3:]}"

    return _DIGITS.sub(digits, text)


class RedactingFilter(logging.Filter):
    """Installed on every handler QuayThu sets up: the record is redacted once formatted."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


def install_log_redaction(logger: logging.Logger | None = None) -> None:
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
