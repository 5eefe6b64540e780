"""This counter's identity towards central: enrolment and the device token.

The token is kept in a file readable only by the user who runs QuayThu (the
OS keyring comes with the security issue); it never goes into the database
or the logs.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from pathlib import Path

from db.models import DeviceState
from desktop.app import App
from desktop.errors import QuayThuError
from desktop.sync.client import CentralClient
from desktop.sync.engine import SyncEngine

logger = logging.getLogger(__name__)

TOKEN_FILE = "device.token"


class AlreadyEnrolled(QuayThuError):
    """This data directory already belongs to a device."""


class NotEnrolled(QuayThuError):
    """No device identity yet: run the enrolment first."""


def _token_path(app: App) -> Path:
    return app.data_dir / TOKEN_FILE


def save_token(app: App, token: str) -> None:
    path = _token_path(app)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(token)


def load_token(app: App) -> str:
    try:
        return _token_path(app).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm: "
                          "chạy 'quaythu enrol --central URL --code MÃ'.") from None


def enrol(app: App, central_url: str, code: str, name: str | None = None) -> DeviceState:
    with app.sessions() as s:
        if s.get(DeviceState, 1) is not None:
            raise AlreadyEnrolled("Thiết bị này đã đăng ký; dùng thư mục dữ liệu khác cho "
                                  "một quầy mới.")
    client = CentralClient(central_url)
    try:
        body = client.enrol(code, name or socket.gethostname())
    finally:
        client.close()
    save_token(app, body["token"])
    state = DeviceState(
        id=1, central_url=central_url.rstrip("/"), device_id=body["device_id"],
        unit_code=body["unit_code"], device_code=f"{body['unit_code']}D{body['device_id']:03d}",
        enrolled_at=dt.datetime.now(dt.UTC), receipt_seq=0,
    )
    with app.sessions() as s, s.begin():
        s.add(state)
    logger.info("enrolled as device %s of unit %s", state.device_id, state.unit_code)
    return state


def set_central_url(app: App, url: str) -> None:
    """Point an enrolled counter at central's new address (same device, same token)."""
    with app.sessions() as s, s.begin():
        device = s.get(DeviceState, 1)
        if device is None:
            raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm.")
        device.central_url = url.rstrip("/")


def is_enrolled(app: App) -> bool:
    with app.sessions() as s:
        return s.get(DeviceState, 1) is not None


def sync_engine(app: App) -> SyncEngine:
    with app.sessions() as s:
        device = s.get(DeviceState, 1)
    if device is None:
        raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm: "
                          "chạy 'quaythu enrol --central URL --code MÃ'.")
    return SyncEngine(app.sessions, CentralClient(device.central_url, load_token(app)))
