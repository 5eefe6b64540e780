"""Where the device token lives: the OS keyring, or a file only its owner reads.

Windows Credential Manager, the macOS keychain and the Secret Service of a
Linux desktop are used through ``keyring``; a machine without one (a
headless box, a minimal Linux) keeps the token in ``device.token`` with mode
0600. ``QUAYTHU_TOKEN_STORE=file`` forces the file. The token never goes into
the database or the logs.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from pathlib import Path
from typing import Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

logger = logging.getLogger(__name__)

SERVICE = "QuayThu"
TOKEN_FILE = "device.token"


class TokenStore(Protocol):
    name: str

    def save(self, token: str) -> None: ...

    def load(self) -> str | None: ...

    def delete(self) -> None: ...


class FileTokenStore:
    name = "file"

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / TOKEN_FILE

    def save(self, token: str) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(token)
        os.chmod(self.path, 0o600)  # O_CREAT's mode does not apply to an existing file

    def load(self) -> str | None:
        try:
            return self.path.read_text(encoding="ascii").strip() or None
        except FileNotFoundError:
            return None

    def delete(self) -> None:
        self.path.unlink(missing_ok=True)


class KeyringTokenStore:
    name = "keyring"

    def __init__(self, data_dir: Path, backend: KeyringBackend) -> None:
        # one entry per data directory: a PC may run a test counter beside the real one
        self.user = "device-token:" + hashlib.sha256(
            str(data_dir.resolve()).encode()).hexdigest()[:16]
        self.backend = backend
        self._file = FileTokenStore(data_dir)

    def save(self, token: str) -> None:
        self.backend.set_password(SERVICE, self.user, token)
        self._file.delete()  # a token once kept in the file fallback does not linger

    def load(self) -> str | None:
        token = self.backend.get_password(SERVICE, self.user)
        return token or self._file.load()

    def delete(self) -> None:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self.backend.delete_password(SERVICE, self.user)
        self._file.delete()


def usable_keyring() -> KeyringBackend | None:
    """The OS keyring, unless there is none (keyring's fail/null backends)."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration must not stop the counter
        logger.info("keyring unavailable", exc_info=True)
        return None
    priority = getattr(backend, "priority", 0)
    if not isinstance(priority, int | float) or priority <= 0:
        return None
    return backend


def token_store(data_dir: Path) -> TokenStore:
    if os.environ.get("QUAYTHU_TOKEN_STORE", "auto") == "file":
        return FileTokenStore(data_dir)
    backend = usable_keyring()
    if backend is None:
        return FileTokenStore(data_dir)
    return KeyringTokenStore(data_dir, backend)


def save_token(data_dir: Path, token: str) -> str:
    """Keep the token; the name of the store that took it."""
    store = token_store(data_dir)
    try:
        store.save(token)
        return store.name
    except keyring.errors.KeyringError:
        logger.info("keyring refused the token; keeping it in a 0600 file instead")
        fallback = FileTokenStore(data_dir)
        fallback.save(token)
        return fallback.name


def load_token(data_dir: Path) -> str | None:
    store = token_store(data_dir)
    try:
        return store.load()
    except keyring.errors.KeyringError:
        logger.info("keyring unreadable; trying the file")
        return FileTokenStore(data_dir).load()
