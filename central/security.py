"""Device tokens and enrolment codes: random, shown once, stored hashed."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

import platformdirs

from desktop.contract import token_hash

TOKEN_PREFIX = "qtd_"
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L to misread


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    # 256 random bits: a plain SHA-256 suffices, no password stretching needed.
    return token_hash(token)


ENV_RECEIPT_SECRET = "QUAYTHU_RECEIPT_SECRET"
SECRET_FILE = "receipt.secret"


def receipt_secret(db_url: str | None = None) -> str:
    """The secret central derives each device's receipt key from. Never in the database:
    ``QUAYTHU_RECEIPT_SECRET`` (production: from the operator's secret store), else a file
    beside a SQLite database, else one in the user data directory (made once, 0600)."""
    env = os.environ.get(ENV_RECEIPT_SECRET)
    if env:
        return env
    folder: Path | None = None
    if db_url and db_url.startswith("sqlite") and ":///" in db_url:
        folder = Path(db_url.split(":///", 1)[1]).parent
    elif db_url and "://" not in db_url:
        folder = Path(db_url).parent
    if folder is None:
        folder = Path(platformdirs.user_data_dir("QuayThu-central", appauthor=False))
    path = folder / SECRET_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_hex(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secret)
        return secret


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
