"""Sending bytes to a printer named by a URI.

``tcp://host:9100`` (network printers and the emulator), ``file:///path``
(diagnostics), ``usb://VID:PID``, ``serial:///dev/ttyUSB0?baud=9600`` (and
Bluetooth SPP ports), ``win32://Printer name`` (the Windows spooler) — the
last three through python-escpos. A failure is a typed error with a
Vietnamese message; the payment it prints for is already committed.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from desktop.errors import QuayThuError
from desktop.i18n import say

logger = logging.getLogger(__name__)

TIMEOUT = 5.0


class PrinterError(QuayThuError):
    """The printer did not take the job (off, unplugged, out of paper, cut connection)."""


def send(uri: str, data: bytes) -> None:
    parts = urlsplit(uri)
    scheme = parts.scheme
    try:
        if scheme == "tcp":
            _tcp(parts.hostname or "127.0.0.1", parts.port or 9100, data)
        elif scheme == "file":
            Path(unquote(parts.path)).write_bytes(data)
        elif scheme == "usb":
            from escpos.printer import Usb

            vid, pid = (int(x, 16) for x in (parts.netloc or parts.path.strip("/")).split(":"))
            _raw_and_close(Usb(vid, pid), data)
        elif scheme == "serial":
            from escpos.printer import Serial

            baud = int(parse_qs(parts.query).get("baud", ["9600"])[0])
            # serial:///dev/rfcomm0 (a path) or serial://COM3 (a Windows port name)
            device = unquote(parts.netloc + parts.path)
            _raw_and_close(Serial(devfile=device, baudrate=baud), data)
        elif scheme == "win32":
            from escpos.printer import Win32Raw

            printer = Win32Raw(unquote(parts.netloc + parts.path))
            printer.open()
            printer._raw(data)
            printer.close()
        else:
            raise PrinterError(f"Không hiểu địa chỉ máy in: {uri}")
    except PrinterError:
        raise
    except Exception as exc:  # every driver fails in its own way: one message for all
        logger.info("printer %s failed: %s", scheme, type(exc).__name__)
        raise PrinterError("Máy in không nhận lệnh in (tắt, hết giấy, mất kết nối?). "
                           "Phiếu thu đã được ghi; in lại khi máy in sẵn sàng.",
                           detail=type(exc).__name__) from exc


def _raw_and_close(printer: Any, data: bytes) -> None:
    # closed here, not by the garbage collector after the port is gone
    try:
        printer._raw(data)
    finally:
        printer.close()


def query_status(uri: str) -> str:
    """What the printer says of itself, in the chosen language (network printers answer
    DLE EOT)."""
    parts = urlsplit(uri)
    if parts.scheme != "tcp":
        return say("Máy in loại này không trả lời trạng thái; dùng In thử.")
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 9100),
                                      timeout=TIMEOUT) as conn:
            conn.sendall(STATUS_REQUEST)
            answer = conn.recv(1)
    except OSError:
        return say("Máy in không trả lời (tắt hoặc mất kết nối).")
    if not answer:
        return say("Máy in không trả lời (tắt hoặc mất kết nối).")
    if answer[0] & 0x60:
        return say("Máy in hết giấy.")
    if answer[0] & 0x04:
        return say("Nắp máy in đang mở.")
    return say("Máy in sẵn sàng.")


#: DLE EOT 1: "printer status" — its answer says the whole job arrived
STATUS_REQUEST = b"\x10\x04\x01"


def _tcp(host: str, port: int, data: bytes) -> None:
    with socket.create_connection((host, port), timeout=TIMEOUT) as conn:
        try:
            conn.sendall(data + STATUS_REQUEST)
            answer = conn.recv(1)
        except (ConnectionError, TimeoutError) as exc:
            raise PrinterError("Máy in ngắt kết nối giữa chừng; phiếu thu đã được ghi, "
                               "hãy in lại.", detail=type(exc).__name__) from exc
    if not answer:
        raise PrinterError("Máy in ngắt kết nối giữa chừng; phiếu thu đã được ghi, hãy in lại.")
    if answer[0] & 0x60:  # paper-end bits of the status byte
        raise PrinterError("Máy in hết giấy: thay giấy rồi in lại (phiếu thu đã được ghi).")
