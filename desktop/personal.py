"""Personal data sealed at rest on the counter (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).

A citizen ID number (CCCD) and a bank account number taken with a service
request are needed on the counter only until central holds them. They are
therefore never written in clear: the request keeps a mask (``001******345``,
``****1234``) and the outbox row that carries them to central keeps them
sealed with AES-GCM. The push opens them just before sending; once central
answers, the row (and with it the only full copy) is deleted.

The key is per data folder and lives OUTSIDE it — in the OS keyring where one
exists, else in a 0600 file under the user's configuration folder
(``QUAYTHU_KEY_DIR`` overrides it) — so a copied or stolen data folder,
backups and support bundles included, yields no personal number.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import secrets
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from desktop.errors import QuayThuError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring and cryptography are imported where a key is first needed (LazySealer): not on
# the way to the sign-in screen (cold start)

logger = logging.getLogger(__name__)

KEY_DIR_ENV = "QUAYTHU_KEY_DIR"
#: what a sealed value starts with (the version of the format)
PREFIX = "pd1:"
#: the outbox field that carries the sealed personal values of an operation
SEALED_FIELD = "sealed"
#: the keyring's service name, the device token's
SERVICE = "QuayThu"


class SealBroken(QuayThuError, ValueError):
    """A sealed value that this counter's key cannot open (another key, damaged bytes)."""


def usable_keyring() -> KeyringBackend | None:
    """The OS keyring, unless there is none (keyring's fail/null backends); the same
    test as the device token's (desktop.link.token_store), which the core may not import."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration must not stop the counter
        logger.info("keyring unavailable", exc_info=True)
        return None
    priority = getattr(backend, "priority", 0)
    if not isinstance(priority, int | float) or priority <= 0:
        return None
    return backend


def key_dir() -> Path:
    """Where the key file lives when there is no keyring: never the data folder."""
    override = os.environ.get(KEY_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("QuayThu", appauthor=False)) / "keys"


def _key_name(data_dir: Path) -> str:
    # one key per data folder: a test counter beside the real one has its own
    return "personal-key:" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]


def _key_file(data_dir: Path) -> Path:
    path = key_dir() / (_key_name(data_dir).split(":", 1)[1] + ".key")
    inside = data_dir.resolve()
    if path.resolve().is_relative_to(inside):
        raise QuayThuError("Thư mục khóa dữ liệu cá nhân không được nằm trong thư mục dữ liệu.")
    return path


def _file_key(data_dir: Path, create: bool) -> bytes | None:
    path = _key_file(data_dir)
    with contextlib.suppress(FileNotFoundError):
        return base64.b64decode(path.read_text(encoding="ascii").strip())
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = AESGCM.generate_key(bit_length=256)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(base64.b64encode(key).decode("ascii"))
    return key


def load_key(data_dir: Path) -> bytes:
    """This data folder's key, made on first use: keyring first, else the key file."""
    import keyring.errors
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    name = _key_name(data_dir)
    backend = usable_keyring()
    if backend is not None and os.environ.get("QUAYTHU_TOKEN_STORE", "auto") != "file":
        try:
            stored = backend.get_password(SERVICE, name)
            if stored:
                return base64.b64decode(stored)
            old = _file_key(data_dir, create=False)
            key = old or AESGCM.generate_key(bit_length=256)
            backend.set_password(SERVICE, name, base64.b64encode(key).decode("ascii"))
            return key
        except keyring.errors.KeyringError:
            logger.info("keyring refused the personal-data key; using the key file")
    made = _file_key(data_dir, create=True)
    assert made is not None  # create=True always gives one
    return made


class Sealer:
    """Seals and opens short personal values (and document bytes) with one key."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aes = AESGCM(key)

    def seal_bytes(self, plain: bytes, context: str) -> bytes:
        nonce = secrets.token_bytes(12)
        return nonce + self._aes.encrypt(nonce, plain, context.encode())

    def open_bytes(self, sealed: bytes, context: str) -> bytes:
        from cryptography.exceptions import InvalidTag

        try:
            return self._aes.decrypt(sealed[:12], sealed[12:], context.encode())
        except (InvalidTag, ValueError) as exc:
            raise SealBroken("Không mở được dữ liệu cá nhân đã mã hóa "
                             "(khóa của quầy khác hoặc dữ liệu hỏng).") from exc

    def seal(self, values: Mapping[str, Any], context: str) -> str:
        plain = json.dumps(dict(values), ensure_ascii=False).encode()
        return PREFIX + base64.b64encode(self.seal_bytes(plain, context)).decode("ascii")

    def open(self, sealed: str, context: str) -> dict[str, Any]:
        if not sealed.startswith(PREFIX):
            raise SealBroken("Dữ liệu cá nhân đã mã hóa không đúng định dạng.")
        try:
            raw = base64.b64decode(sealed[len(PREFIX):], validate=True)
        except ValueError as exc:
            raise SealBroken("Dữ liệu cá nhân đã mã hóa không đúng định dạng.") from exc
        opened = json.loads(self.open_bytes(raw, context))
        if not isinstance(opened, dict):
            raise SealBroken("Dữ liệu cá nhân đã mã hóa không đúng định dạng.")
        return opened


class LazySealer:
    """The data folder's sealer, its key read from the keyring on first use (never at
    start-up, never on the window's thread by itself)."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._sealer: Sealer | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Sealer:
        with self._lock:
            if self._sealer is None:
                self._sealer = Sealer(load_key(self._data_dir))
            return self._sealer


def seal_op(sealer: Sealer, key: str, data: dict[str, Any],
            personal: Mapping[str, Any]) -> dict[str, Any]:
    """An outbox operation's data with its personal values sealed (bound to the
    operation's key: a sealed blob copied onto another row does not open)."""
    if not personal:
        return data
    return {**data, SEALED_FIELD: sealer.seal(personal, "op:" + key)}


def opener(sealer: Callable[[], Sealer]) -> Callable[[str, dict[str, Any]], dict[str, Any]]:
    """What the sync engine calls on each outbox operation before sending it (the link
    may not import this module: the composition root hands it this)."""
    def open_sealed(key: str, data: dict[str, Any]) -> dict[str, Any]:
        return open_op(sealer(), key, data) if SEALED_FIELD in data else data
    return open_sealed


def open_op(sealer: Sealer, key: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The operation's data as central takes it: the sealed values put back in place."""
    sealed = data.get(SEALED_FIELD)
    out = {k: v for k, v in data.items() if k != SEALED_FIELD}
    if not isinstance(sealed, str):
        return out
    personal = sealer.open(sealed, "op:" + key)
    for name, value in personal.items():
        if name == "details" and isinstance(value, Mapping):
            out["details"] = {**(out.get("details") or {}), **value}
        else:
            out[name] = value
    return out

