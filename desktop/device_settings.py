"""The device's own settings: the receipt printer, the collection point, the first-run setup,
and an administrator's change of central's address.

They live in the store's one ``device`` row beside the link's identity (the device code,
the token's place), but they are the core's: each change is an administrator's action
(``settings.change``), journaled in its own transaction, and a new printer wakes the
print queue. The link (:mod:`desktop.link.device`) keeps only enrolment and the address
it talks to; the checks of that address are its own and said here again for the screens.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from sqlalchemy.orm import Session, sessionmaker

from db.models import DeviceState, Unit
from desktop.dto import SetupState
from desktop.errors import NotEnrolled, QuayThuError, ValidationError
from desktop.events import EventBus, PrinterChanged
from desktop.link.device import PlainHttpRefused, check_ca_file, check_central_url
from desktop.staff import audit
from desktop.staff.auth import Actor, authorize
from desktop.staff.permissions import Permission

logger = logging.getLogger(__name__)

__all__ = ["DeviceSettings", "PlainHttpRefused", "SetupAlreadyDone", "SetupState",
           "check_ca_file", "check_central_url", "check_point", "check_printer"]

_NOT_ENROLLED = "Thiết bị chưa đăng ký với máy chủ trung tâm."


class SetupAlreadyDone(QuayThuError):
    """The first-run setup finished: further changes need a signed-in administrator."""


def check_point(address: str, phone: str) -> tuple[str | None, str | None]:
    """The collection point's address and phone as kept, or a ValidationError."""
    address, phone = " ".join(address.split()), "".join(phone.split())
    if len(address) > 200:
        raise ValidationError("Địa chỉ điểm thu dài quá 200 ký tự.")
    if phone and not re.fullmatch(r"(\+84|0)[0-9]{8,10}", phone.replace(".", "")):
        raise ValidationError("Số điện thoại của điểm thu không đúng (ví dụ 028 3822 1234).")
    return address or None, phone.replace(".", "") or None


def check_printer(uri: str | None, paper: int) -> None:
    if paper not in (58, 80):
        raise ValidationError("Khổ giấy là 58 hoặc 80 mm.")
    if uri is not None and urlsplit(uri).scheme not in ("tcp", "usb", "serial", "win32", "file"):
        raise ValidationError("Địa chỉ máy in: tcp://, usb://, serial://, win32:// hoặc file://.")


class DeviceSettings:
    """The printer, the collection point, the setup, central's address (``app.device``)."""

    def __init__(self, reads: sessionmaker[Session], writes: sessionmaker[Session],
                 events: EventBus,
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        self._reads, self._writes, self._events, self._clock = reads, writes, events, clock

    # -- reads --------------------------------------------------------------------------

    def setup_state(self) -> SetupState:
        """Where the first run stands (the wizard resumes at the first page not done)."""
        with self._reads() as s:
            device = s.get(DeviceState, 1)
            if device is None:
                return SetupState(False, False)
            unit = s.get(Unit, device.unit_code)
            return SetupState(True, device.setup_done_at is not None, device.unit_code,
                              unit.name if unit else "", device.device_code,
                              device.point_address or "", device.point_phone or "",
                              device.printer_uri, device.printer_paper, device.central_url,
                              device.ca_bundle)

    def printer(self) -> tuple[str | None, int]:
        """(the receipt printer's address or None, the paper's width in mm)."""
        with self._reads() as s:
            device = s.get(DeviceState, 1)
            return (device.printer_uri, device.printer_paper) if device else (None, 80)

    # -- an administrator's changes ------------------------------------------------------

    def set_printer(self, actor: Actor, uri: str | None, paper: int = 80) -> None:
        """An administrator names the counter's receipt printer (None: no printer)."""
        check_printer(uri, paper)

        def apply(device: DeviceState) -> None:
            device.printer_uri, device.printer_paper = uri, paper

        self._change(actor, "printer_changed", {"printer": uri or "", "paper": paper}, apply)
        # the receipts taken while there was no (working) printer print now
        self._events.publish(PrinterChanged(uri))

    def set_point_details(self, actor: Actor, address: str, phone: str) -> None:
        """An administrator changes the collection point's details printed on receipts."""
        checked_address, checked_phone = check_point(address, phone)

        def apply(device: DeviceState) -> None:
            device.point_address, device.point_phone = checked_address, checked_phone

        self._change(actor, "point_changed", {"point_address": checked_address or ""}, apply)

    def change_central_url(self, actor: Actor, url: str, *, ca_bundle: str | None = None,
                           allow_http: bool = False) -> None:
        """An administrator points the counter at another central address (the link builds
        its next client for it)."""
        url = check_central_url(url, allow_http=allow_http)
        if ca_bundle is not None:
            check_ca_file(ca_bundle)

        def apply(device: DeviceState) -> None:
            device.central_url, device.ca_bundle = url, ca_bundle

        self._change(actor, "central_url_changed",
                     {"central": url, "ca_bundle": ca_bundle or ""}, apply)

    def _change(self, actor: Actor, action: str, detail: dict[str, object],
                apply: Callable[[DeviceState], None]) -> None:
        """An administrator's change of the device's settings, journaled in its transaction."""
        with self._writes() as s, s.begin():
            authorize(s, actor, Permission.CHANGE_SETTINGS)
            device = s.get(DeviceState, 1)
            if device is None:
                raise NotEnrolled(_NOT_ENROLLED)
            apply(device)
            audit.append(s, action=action, staff=actor.username, now=self._clock(),
                         detail=detail)

    # -- the first run and the demo ---------------------------------------------------

    def complete_setup(self, *, point_address: str, point_phone: str,
                       printer_uri: str | None, paper: int = 80) -> None:
        """The wizard's last step, once: the collection point and the printer, journaled."""
        address, phone = check_point(point_address, point_phone)
        check_printer(printer_uri, paper)
        now = self._clock()
        with self._writes() as s, s.begin():
            device = s.get(DeviceState, 1)
            if device is None:
                raise NotEnrolled(_NOT_ENROLLED)
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
        self._events.publish(PrinterChanged(printer_uri))

    def point_demo_printer(self, uri: str) -> None:
        """``quaythu demo``: its printer emulator gets a new port each run as well.

        Only a printer that is unset or an earlier run's emulator is repointed: one
        an administrator chose on the printer page stays.
        """
        with self._writes() as s, s.begin():
            device = s.get(DeviceState, 1)
            if device is None:
                raise NotEnrolled(_NOT_ENROLLED)
            current = device.printer_uri or ""
            if not current or current.startswith("tcp://127.0.0.1:"):
                device.printer_uri = uri
        self._events.publish(PrinterChanged(uri))
