"""This counter's identity towards central: enrolment and the device token.

The token is kept in the OS keyring where one exists, else in a file readable
only by the user who runs QuayThu (:mod:`desktop.link.token_store`); it never goes
into the database or the logs. Central's certificate is verified (against the
system's CAs or a CA bundle the administrator gives); plain HTTP is accepted
only on this machine's loopback, or when asked for explicitly.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import os
import re
import secrets
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from db.models import DeviceState, Unit
from desktop.app import App
from desktop.contract import device_code
from desktop.errors import QuayThuError, ValidationError
from desktop.events import PrinterChanged
from desktop.link.sync.client import CentralClient

# what enrolment may raise, for the screens (ui/ never imports the client itself)
from desktop.link.sync.client import CentralRefused as CentralRefused
from desktop.link.sync.client import CentralUnreachable as CentralUnreachable
from desktop.link.sync.client import CentralUntrusted as CentralUntrusted
from desktop.link.token_store import load_token as _load_token
from desktop.link.token_store import save_token as _save_token
from desktop.staff import audit
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission

logger = logging.getLogger(__name__)


class AlreadyEnrolled(QuayThuError):
    """This data directory already belongs to a device."""


class NotEnrolled(QuayThuError):
    """No device identity yet: run the enrolment first."""


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


def _enrol_key(app: App) -> str:
    """This data directory's enrolment key (made once, owner-only)."""
    path = app.data_dir / ENROL_KEY_FILE
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


def save_token(app: App, token: str) -> str:
    return _save_token(app.data_dir, token)


def load_token(app: App) -> str:
    token = _load_token(app.data_dir)
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


def enrol(app: App, central_url: str, code: str, name: str | None = None, *,
          ca_bundle: str | None = None, allow_http: bool = False,
          setup_pending: bool = False) -> DeviceState:
    """Enrol this data directory as a device of the unit the one-time code is for.

    With ``setup_pending`` (the first-run wizard) the collection point and the printer
    are still to come: :func:`complete_setup` may set them once without a signed-in
    administrator, the enrolment code having been the authority. Otherwise (the
    command line, the demo) the setup counts as done and changes need an administrator.
    """
    central_url = check_central_url(central_url, allow_http=allow_http)
    with app.sessions() as s:
        if s.get(DeviceState, 1) is not None:
            raise AlreadyEnrolled("Thiết bị này đã đăng ký; dùng thư mục dữ liệu khác cho "
                                  "một quầy mới.")
    client = CentralClient(central_url, verify=_verify(ca_bundle))
    try:
        # kept before the request: when the answer is lost, the retry carries the same key
        # and central gives this counter its device again instead of "code already used"
        body = client.enrol(code, name or socket.gethostname(), _enrol_key(app))
    finally:
        client.close()
    where = save_token(app, body["token"])
    now = dt.datetime.now(dt.UTC)
    state = DeviceState(
        id=1, central_url=central_url, device_id=body["device_id"],
        unit_code=body["unit_code"], device_code=device_code(body["unit_code"], body["device_id"]),
        enrolled_at=now, receipt_seq=0, ca_bundle=ca_bundle,
        setup_done_at=None if setup_pending else now,
        receipt_key=body.get("receipt_key") if isinstance(body.get("receipt_key"), str) else None,
    )
    with app.writes() as s, s.begin():
        s.add(state)
        s.flush()
        audit.append(s, action="enrol", staff=None, now=now, subject=state.device_code,
                     detail={"central": central_url, "token_store": where})
    logger.info("enrolled as device %s of unit %s (token in the %s)", state.device_id,
                state.unit_code, where)
    return state


def set_central_url(app: App, url: str) -> None:
    """Point an enrolled counter at central's new address (same device, same token).

    Used by ``quaythu demo``, whose embedded central gets a new port each run;
    staff change it through :func:`change_central_url`.
    """
    with app.writes() as s, s.begin():
        device = s.get(DeviceState, 1)
        if device is None:
            raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm.")
        device.central_url = url.rstrip("/")


def point_demo_printer(app: App, uri: str) -> None:
    """``quaythu demo``: its printer emulator gets a new port each run as well.

    Only a printer that is unset or an earlier run's emulator is repointed: one
    an administrator chose on the printer page stays.
    """
    with app.writes() as s, s.begin():
        device = s.get(DeviceState, 1)
        if device is None:
            raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm.")
        current = device.printer_uri or ""
        if not current or current.startswith("tcp://127.0.0.1:"):
            device.printer_uri = uri
    app.events.publish(PrinterChanged(uri))


def change_central_url(app: App, actor: Actor, url: str, *, ca_bundle: str | None = None,
                       allow_http: bool = False) -> None:
    """An administrator points the counter at another central address."""
    url = check_central_url(url, allow_http=allow_http)
    _verify(ca_bundle)

    def apply(device: DeviceState) -> None:
        device.central_url, device.ca_bundle = url, ca_bundle

    _change_settings(app, actor, "central_url_changed",
                     {"central": url, "ca_bundle": ca_bundle or ""}, apply)


def _change_settings(app: App, actor: Actor, action: str, detail: dict[str, object],
                     apply: Callable[[DeviceState], None]) -> None:
    """An administrator's change of the device's settings, journaled in its transaction."""
    with app.writes() as s, s.begin():
        authorize(s, actor, Permission.CHANGE_SETTINGS)
        device = s.get(DeviceState, 1)
        if device is None:
            raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm.")
        apply(device)
        audit.append(s, action=action, staff=actor.username, now=dt.datetime.now(dt.UTC),
                     detail=detail)


def printer_settings(app: App) -> tuple[str | None, int]:
    with app.sessions() as s:
        device = s.get(DeviceState, 1)
        return (device.printer_uri, device.printer_paper) if device else (None, 80)


def set_printer(app: App, actor: Actor, uri: str | None, paper: int = 80) -> None:
    """An administrator names the counter's receipt printer (None: no printer)."""
    _check_printer(uri, paper)

    def apply(device: DeviceState) -> None:
        device.printer_uri, device.printer_paper = uri, paper

    _change_settings(app, actor, "printer_changed", {"printer": uri or "", "paper": paper},
                     apply)
    # the receipts taken while there was no (working) printer print now
    app.events.publish(PrinterChanged(uri))


class SetupAlreadyDone(QuayThuError):
    """The first-run setup finished: further changes need a signed-in administrator."""


@dataclass(frozen=True, slots=True)
class SetupState:
    enrolled: bool
    done: bool
    unit_code: str = ""
    unit_name: str = ""
    device_code: str = ""
    point_address: str = ""
    point_phone: str = ""
    printer_uri: str | None = None
    paper: int = 80
    central_url: str = ""
    ca_bundle: str | None = None


def setup_state(app: App) -> SetupState:
    """Where the first run stands (the wizard resumes at the first page not done)."""
    with app.sessions() as s:
        device = s.get(DeviceState, 1)
        if device is None:
            return SetupState(False, False)
        unit = s.get(Unit, device.unit_code)
        return SetupState(True, device.setup_done_at is not None, device.unit_code,
                          unit.name if unit else "", device.device_code,
                          device.point_address or "", device.point_phone or "",
                          device.printer_uri, device.printer_paper, device.central_url,
                          device.ca_bundle)


def check_point(address: str, phone: str) -> tuple[str | None, str | None]:
    address, phone = " ".join(address.split()), "".join(phone.split())
    if len(address) > 200:
        raise ValidationError("Địa chỉ điểm thu dài quá 200 ký tự.")
    if phone and not re.fullmatch(r"(\+84|0)[0-9]{8,10}", phone.replace(".", "")):
        raise ValidationError("Số điện thoại của điểm thu không đúng (ví dụ 028 3822 1234).")
    return address or None, phone.replace(".", "") or None


def _check_printer(uri: str | None, paper: int) -> None:
    if paper not in (58, 80):
        raise ValidationError("Khổ giấy là 58 hoặc 80 mm.")
    if uri is not None and urlsplit(uri).scheme not in ("tcp", "usb", "serial", "win32", "file"):
        raise ValidationError("Địa chỉ máy in: tcp://, usb://, serial://, win32:// hoặc file://.")


def complete_setup(app: App, *, point_address: str, point_phone: str,
                   printer_uri: str | None, paper: int = 80) -> None:
    """The wizard's last step, once: the collection point and the printer, journaled."""
    address, phone = check_point(point_address, point_phone)
    _check_printer(printer_uri, paper)
    now = dt.datetime.now(dt.UTC)
    with app.writes() as s, s.begin():
        device = s.get(DeviceState, 1)
        if device is None:
            raise NotEnrolled("Thiết bị chưa đăng ký với máy chủ trung tâm.")
        if device.setup_done_at is not None:
            raise SetupAlreadyDone("Quầy này đã cài đặt xong; quản trị viên thay đổi trong "
                                   "Cài đặt (Ctrl+Shift+S).")
        device.point_address, device.point_phone = address, phone
        device.printer_uri, device.printer_paper = printer_uri, paper
        device.setup_done_at = now
        audit.append(s, action="setup_completed", staff=None, now=now,
                     subject=device.device_code,
                     detail={"printer": printer_uri or "", "paper": paper,
                             "point_address": address or ""})
    app.events.publish(PrinterChanged(printer_uri))


def set_point_details(app: App, actor: Actor, address: str, phone: str) -> None:
    """An administrator changes the collection point's details printed on receipts."""
    checked_address, checked_phone = check_point(address, phone)

    def apply(device: DeviceState) -> None:
        device.point_address, device.point_phone = checked_address, checked_phone

    _change_settings(app, actor, "point_changed", {"point_address": checked_address or ""},
                     apply)


def is_enrolled(app: App) -> bool:
    with app.sessions() as s:
        return s.get(DeviceState, 1) is not None
