"""What the counter keeps outside its data folder: the log's secret, the receipt key, a
mark, the clock verdict.

Anyone who can write the data folder can write ``ops.log`` and the store, so the
second copy is only a second copy if its lines carry a MAC under a secret that is
not in that folder. The secret lives in the OS keyring (beside the device token)
where one exists; elsewhere in a 0600 file in a per-user key folder that is not
the data folder (``QUAYTHU_KEY_DIR``, else the user config directory) — weaker,
and said so at start and in ``quaythu status``. The key that signs the receipts' QR
(``QT2``, given by central) is kept the same way, under its own name.

Beside it, a *mark*: the highest receipt number, service-request number, deposit slip
and log sequence this counter ever handed out, its journal's last line (seq and hash),
and the last clock verdict central gave. A data folder put back by hand (an old copy)
is behind the mark: numbers continue after the mark, and the start says so on screen.
The mark is rewritten after each logged operation without its own fsync (the log's
fsync is the one a payment pays for): it survives a data folder put back by hand, and
only a power cut in the same second loses its last step.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import secrets
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import platformdirs

logger = logging.getLogger(__name__)

ENV_KEY_DIR = "QUAYTHU_KEY_DIR"
SERVICE = "QuayThu"
KEY_FILE = "oplog.key"
MARK_FILE = "mark.json"

FILE_ONLY = ("Khoá bảo vệ sổ thao tác (ops.log) nằm trong tệp trên đĩa, không trong kho khoá "
             "của hệ điều hành: người ghi được thư mục của người dùng này có thể giả sổ.")


def _slot(data_dir: Path) -> str:
    # one slot per data directory: a PC may run a test counter beside the real one
    return hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]


def key_root() -> Path:
    env = os.environ.get(ENV_KEY_DIR)
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir("QuayThu", appauthor=False)) / "keys"


def _write_private(path: Path, data: bytes, *, sync: bool) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


#: the thread that finds the OS keyring while the start goes on (``look_up_keyring``)
_looking: threading.Thread | None = None


def _find_keyring() -> None:
    """Load keyring and let it pick its backend (it keeps the choice): all its backends'
    modules are imported, and on Linux the macOS one asks the linker for libraries that
    are not there: about a fifth of a second of the cold start, part of it waiting."""
    try:
        import keyring

        keyring.get_keyring()
    except Exception:  # said, if it matters, when the vault asks again
        pass


def look_up_keyring() -> None:
    """Start finding the OS keyring on a thread of its own, so that the window's start
    (its imports, the store) goes on meanwhile; the vault waits for it before it reads
    the log's key, which stays the first thing read from the keyring (cold start)."""
    global _looking
    if _looking is None and os.environ.get("QUAYTHU_TOKEN_STORE", "auto") != "file":
        _looking = threading.Thread(target=_find_keyring, name="keyring", daemon=True)
        _looking.start()


def _usable_keyring() -> Any:
    """The OS keyring (as the token's store picks it), or None: keyring's fail/null
    backends count as none. Imported here, not at the top: light commands stay light."""
    if _looking is not None:
        _looking.join()  # keyring's choice made on the thread: the same backend, at once
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration must not stop the counter
        return None
    priority = getattr(backend, "priority", 0)
    return backend if isinstance(priority, int | float) and priority > 0 else None


RECEIPT_KEY_FILE = "receipt.key"
_receipt_keys: dict[str, str] = {}


def keep_receipt_key(data_dir: Path, key: str) -> str:
    """Keep the key the counter signs its receipts' QR with (central gives it at enrolment
    and renewal) beside the log's key: the OS keyring, else a 0600 file in the key folder
    outside the data folder — never in the store. Where it went: "keyring" or "file"."""
    slot = _slot(data_dir)
    folder = key_root() / slot
    if folder.resolve().is_relative_to(data_dir.resolve()):
        raise ValueError("the key folder must not be inside the data folder")
    backend = None
    if os.environ.get("QUAYTHU_TOKEN_STORE", "auto") != "file":
        backend = _usable_keyring()
    where = "file"
    if backend is not None:
        try:
            backend.set_password(SERVICE, "receipt-key:" + slot, key)
            where = "keyring"
        except Exception:  # a keyring that refuses: the file below
            logger.warning("keyring refused the receipt key; keeping it in a 0600 file")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if where == "file":
        _write_private(folder / RECEIPT_KEY_FILE, key.encode("ascii"), sync=True)
    else:
        (folder / RECEIPT_KEY_FILE).unlink(missing_ok=True)
    _receipt_keys[slot] = key
    return where


def receipt_key(data_dir: Path) -> str | None:
    """The receipt key kept by :func:`keep_receipt_key` (None before enrolment, or for a
    counter enrolled before central gave one: its receipts carry the first QR format)."""
    slot = _slot(data_dir)
    if slot in _receipt_keys:
        return _receipt_keys[slot]
    found = None
    backend = None
    if os.environ.get("QUAYTHU_TOKEN_STORE", "auto") != "file":
        backend = _usable_keyring()
    if backend is not None:
        with contextlib.suppress(Exception):
            found = backend.get_password(SERVICE, "receipt-key:" + slot)
    if not found:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            found = (key_root() / slot / RECEIPT_KEY_FILE).read_text("ascii").strip()
    if found:
        _receipt_keys[slot] = found
    return found or None


class Vault:
    """The secret and the mark of the counter whose data folder is ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        self.slot = _slot(data_dir)
        self.folder = key_root() / self.slot
        if self.folder.resolve().is_relative_to(data_dir.resolve()):
            raise ValueError("the key folder must not be inside the data folder")
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = threading.Lock()
        #: where the secret is: "keyring" or "file"
        self.where = "file"
        #: True when the secret was made now (no log line was signed before)
        self.created = False
        self.secret = self._secret()
        self._mark: dict[str, Any] = self._read_mark()

    # -- the secret --------------------------------------------------------------------

    def _secret(self) -> bytes:
        backend = None
        if os.environ.get("QUAYTHU_TOKEN_STORE", "auto") != "file":
            backend = _usable_keyring()
        user = "oplog-key:" + self.slot
        if backend is not None:
            try:
                found = backend.get_password(SERVICE, user)
                if not found:
                    found = secrets.token_hex(32)
                    backend.set_password(SERVICE, user, found)
                    self.created = True
                self.where = "keyring"
                return bytes.fromhex(found)
            except Exception:  # a keyring that refuses: the file below, and said so
                logger.warning("keyring refused the log key; keeping it in a 0600 file")
        path = self.folder / KEY_FILE
        try:
            return bytes.fromhex(path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            key = secrets.token_hex(32)
            _write_private(path, key.encode("ascii"), sync=True)
            self.created = True
            return bytes.fromhex(key)

    @property
    def warning(self) -> str | None:
        """The sentence for the start and ``quaythu status`` when the key is only a file."""
        return FILE_ONLY if self.where == "file" else None

    # -- the mark ----------------------------------------------------------------------

    def _read_mark(self) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / MARK_FILE).read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (FileNotFoundError, ValueError):
            return {}

    def mark(self) -> dict[str, Any]:
        with self._lock:
            return dict(self._mark)

    def raise_mark(self, **values: int) -> None:
        """Raise the mark's numbers (never lowers them); written without its own fsync."""
        self.raise_all(values, ())

    def raise_all(self, values: Mapping[str, int],
                  journal: Iterable[tuple[str, int, str]]) -> None:
        """``raise_mark`` and ``raise_journal`` in one write, without its own fsync: it
        follows every payment's log line, so a second file replace would double its cost."""
        with self._lock:
            changed = False
            for name, value in values.items():
                if value > int(self._mark.get(name, 0)):
                    self._mark[name] = value
                    changed = True
            for device, seq, digest in journal:
                changed = self._raise_journal_locked(device, seq, digest) or changed
            if changed:
                self._store_locked(sync=False)

    def raise_journal(self, device: str, seq: int, digest: str) -> None:
        """The last journal line this counter wrote as ``device`` (seq and hash): a data
        folder put back by hand goes on with its journal after it, as central's chain
        does. A line of another device (enrolled anew in this folder) starts afresh."""
        with self._lock:
            if self._raise_journal_locked(device, seq, digest):
                self._store_locked(sync=False)

    def _raise_journal_locked(self, device: str, seq: int, digest: str) -> bool:
        same = self._mark.get("journal_device") == device
        if same and seq <= int(self._mark.get("journal_seq", 0)):
            return False
        self._mark.update(journal_device=device, journal_seq=seq, journal_hash=digest)
        return True

    def set_journal(self, device: str, seq: int, digest: str) -> None:
        """The journal's head as it is now, lower or not: the journal was re-chained onto
        central's head (desktop.rowseal.rechain_journal), and a mark left on a line of the
        old copy would make the next line fork again."""
        with self._lock:
            self._mark.update(journal_device=device, journal_seq=seq, journal_hash=digest)
            self._store_locked(sync=True)

    def journal_head(self, device: str) -> tuple[int, str] | None:
        """The last journal line written as ``device`` (None: none, or another device's)."""
        with self._lock:
            seq, digest = self._mark.get("journal_seq"), self._mark.get("journal_hash")
            mine = bool(device) and self._mark.get("journal_device") == device
        if mine and isinstance(seq, int) and isinstance(digest, str) and len(digest) == 64:
            return seq, digest
        return None

    def set_clock(self, skew: float | None) -> None:
        """The last verdict central gave on this machine's clock (kept across restarts)."""
        with self._lock:
            if self._mark.get("clock_skew") == skew:
                return
            self._mark["clock_skew"] = skew
            self._store_locked(sync=True)

    def clock(self) -> float | None:
        with self._lock:
            value = self._mark.get("clock_skew")
        return float(value) if isinstance(value, int | float) else None

    def _store_locked(self, *, sync: bool) -> None:
        with contextlib.suppress(OSError):  # the mark is a guard; the log stays the copy
            _write_private(self.folder / MARK_FILE,
                           json.dumps(self._mark, sort_keys=True).encode(), sync=sync)
