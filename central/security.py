"""Device tokens and enrolment codes: random, shown once, stored hashed."""

from __future__ import annotations

import hashlib
import re
import secrets

from desktop.contract import token_hash

TOKEN_PREFIX = "qtd_"
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L to misread


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    # 256 random bits: a plain SHA-256 suffices, no password stretching needed.
    return token_hash(token)


def new_enrolment_code() -> str:
    """Twelve characters an administrator can read out, in groups of four."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def hash_code(code: str) -> str:
    """Codes are typed by people: case, spaces and dashes do not matter."""
    return hashlib.sha256(re.sub(r"[\s\-]", "", code).upper().encode()).hexdigest()


def hash_password(password: str) -> str:
    """A staff password as devices will verify it offline (argon2id, library defaults)."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)
