"""This counter's identity towards central: enrolment, the device token, central's address.

The token is kept in the OS keyring where one exists, else in a file readable
only by the user who runs QuayThu (:mod:`desktop.link.token_store`); it never goes
into the database or the logs. Central's certificate is verified (against the
system's CAs or a CA bundle the administrator gives); plain HTTP is accepted
only on this machine's loopback, or when asked for explicitly.

Part of the link: it is handed the store's sessions, the data folder and the
journal's append function, and imports nothing of the core above it. The
device's other settings (printer, collection point, the first-run setup) are the
core's (:mod:`desktop.device_settings`).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import os
import secrets
import socket
import ssl
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from sqlalchemy.orm import Session, sessionmaker

from db.models import DeviceState
from desktop.contract import device_code
from desktop.errors import NotEnrolled, QuayThuError, ValidationError
from desktop.vault import keep_receipt_key

logger = logging.getLogger(__name__)

__all__ = ["ENROL_KEY_FILE", "AlreadyEnrolled", "Journal", "NotEnrolled", "PlainHttpRefused",
           "check_ca_file", "check_central_url", "enrol", "enrol_key", "is_enrolled",
           "load_token", "save_token", "set_central_url"]


class Journal(Protocol):
    """The journal's append (``desktop.staff.audit.append``), handed to the link by the
    composition root: the link writes its journal lines without importing the core."""

    def __call__(self, s: Session, *, action: str, staff: str | None, now: dt.datetime,
                 subject: str = "", detail: Mapping[str, Any] | None = None) -> object: ...


class AlreadyEnrolled(QuayThuError):
    """This data directory already belongs to a device."""


class PlainHttpRefused(ValidationError):
    """Plain HTTP to another machine (the command line can allow it with --allow-http)."""


def check_central_url(url: str, *, allow_http: bool = False) -> str:
    """The URL to keep, or a ValidationError saying what is wrong with it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValidationError("Địa chỉ máy chủ trung tâm phải có dạng https://tên-máy[:cổng].")
    if parts.scheme == "http" and not allow_http and not _is_loopback(parts.hostname):
        raise PlainHttpRefused("Máy chủ trung tâm phải dùng HTTPS (https://…); http:// chỉ "
                               "dùng được tới chính máy này. Hỏi bộ phận CNTT địa chỉ HTTPS "
                               "của máy chủ.")
    return url.strip().rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


ENROL_KEY_FILE = "enrol.key"


def enrol_key(data_dir: Path) -> str:
    """This data directory's enrolment key (made once, owner-only)."""
    path = data_dir / ENROL_KEY_FILE
    try:
        key = path.read_text(encoding="ascii").strip()
        if len(key) >= 32:
            return key
    except (OSError, UnicodeDecodeError):
        pass
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
        fh.flush()
        os.fsync(fh.fileno())
    return key


# the HTTP client (httpx) and the keyring are imported where used, not here: the core
# imports this module's address checks on the way to the sign-in screen (cold start)


def save_token(data_dir: Path, token: str) -> str:
    from desktop.link.token_store import save_token as keep

    return keep(data_dir, token)


def load_token(data_dir: Path) -> str:
    from desktop.link.token_store import load_token as find

    token = find(data_dir)
    if not token:
        raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm: "
                          "chạy 'quaythu enrol --central URL --code MÃ'.")
    return token


def check_ca_file(path: str) -> ssl.SSLContext:
    """The TLS context of a CA file, or a ValidationError naming the file."""
    context = _verify(path)
    assert isinstance(context, ssl.SSLContext)
    return context


def _verify(ca_bundle: str | None) -> bool | ssl.SSLContext:
    if ca_bundle is None:
        return True
    try:
        return ssl.create_default_context(cafile=ca_bundle)
    except (OSError, ssl.SSLError) as exc:
        raise ValidationError(f"Không đọc được tệp chứng chỉ CA: {ca_bundle}",
                              detail=str(exc)) from exc


def enrol(reads: sessionmaker[Session], writes: sessionmaker[Session], data_dir: Path,
          journal: Journal, central_url: str, code: str, name: str | None = None, *,
          ca_bundle: str | None = None, allow_http: bool = False,
          setup_pending: bool = False) -> DeviceState:
    """Enrol this data directory as a device of the unit the one-time code is for.

    With ``setup_pending`` (the first-run wizard) the collection point and the printer
    are still to come: :meth:`desktop.device_settings.DeviceSettings.complete_setup` may
    set them once without a signed-in administrator, the enrolment code having been the
    authority. Otherwise (the command line, the demo) the setup counts as done and
    changes need an administrator.
    """
    central_url = check_central_url(central_url, allow_http=allow_http)
    with reads() as s:
        if s.get(DeviceState, 1) is not None:
            raise AlreadyEnrolled("Thiết bị này đã đăng ký; dùng thư mục dữ liệu khác cho "
                                  "một quầy mới.")
    from desktop.link.sync.client import CentralClient

    client = CentralClient(central_url, verify=_verify(ca_bundle))
    try:
        # kept before the request: when the answer is lost, the retry carries the same key
        # and central gives this counter its device again instead of "code already used"
        body = client.enrol(code, name or socket.gethostname(), enrol_key(data_dir))
    finally:
        client.close()
    where = save_token(data_dir, body["token"])
    now = dt.datetime.now(dt.UTC)
    state = DeviceState(
        id=1, central_url=central_url, device_id=body["device_id"],
        unit_code=body["unit_code"], device_code=device_code(body["unit_code"], body["device_id"]),
        enrolled_at=now, receipt_seq=0, ca_bundle=ca_bundle,
        setup_done_at=None if setup_pending else now,
    )
    if isinstance(body.get("receipt_key"), str):
        # beside the token, outside the data folder: never in the store
        keep_receipt_key(data_dir, body["receipt_key"])
    with writes() as s, s.begin():
        s.add(state)
        s.flush()
        journal(s, action="enrol", staff=None, now=now, subject=state.device_code,
                detail={"central": central_url, "token_store": where})
    logger.info("enrolled as device %s of unit %s (token in the %s)", state.device_id,
                state.unit_code, where)
    return state


def move_receipt_key_out(writes: sessionmaker[Session], data_dir: Path,
                         reads: sessionmaker[Session] | None = None) -> bool:
    """A store enrolled before the receipt key left it: the key goes beside the token
    (desktop.vault) and out of the store, once. The row is rewritten with SQLite's
    secure_delete on and the write-ahead log emptied, so the file keeps no copy of it.
    True when it moved."""
    from sqlalchemy import text, update

    if reads is not None:  # the usual start: a read, no write lock
        with reads() as s:
            if not s.scalar(text("SELECT receipt_key FROM device WHERE id = 1")):
                return False
    with writes() as s, s.begin():
        key = s.scalar(text("SELECT receipt_key FROM device WHERE id = 1"))
        if not key:
            return False
        keep_receipt_key(data_dir, str(key))
        s.execute(text("PRAGMA secure_delete = ON"))
        s.execute(update(DeviceState).where(DeviceState.id == 1).values(receipt_key=None))
        s.execute(text("PRAGMA secure_delete = OFF"))  # the freed bytes are zeros already
    bind = writes.kw.get("bind")
    if bind is not None:
        raw = bind.raw_connection()  # outside any transaction: the checkpoint needs that
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    logger.warning("receipt key moved out of the store, beside the device token")
    return True


def set_central_url(writes: sessionmaker[Session], url: str) -> None:
    """Point an enrolled counter at central's new address (same device, same token).

    Used by ``quaythu demo``, whose embedded central gets a new port each run;
    staff change it through ``DeviceSettings.change_central_url``.
    """
    with writes() as s, s.begin():
        device = s.get(DeviceState, 1)
        if device is None:
            raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm.")
        device.central_url = url.rstrip("/")


def is_enrolled(reads: sessionmaker[Session]) -> bool:
    with reads() as s:
        return s.get(DeviceState, 1) is not None
