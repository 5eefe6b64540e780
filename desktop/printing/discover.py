"""The printers this machine knows, as printer addresses for the printer page.

The Windows spooler's printers (pywin32, where installed), USB printers
(pyusb, where libusb is present: class 7 or a known receipt-printer vendor),
serial ports and Bluetooth serial links (pyserial; ``/dev/rfcomm*`` on Linux).
Network printers are not discovered: their address is typed (``tcp://host:9100``).
Every source may be missing on a given machine; what is missing is skipped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

#: vendors whose USB devices are receipt printers even when they say "vendor class"
RECEIPT_VENDORS = {0x04B8: "Epson", 0x0416: "Winbond (Xprinter)", 0x0483: "STM (Xprinter)",
                   0x1FC9: "NXP (Xprinter)", 0x0FE6: "ICS (generic POS)", 0x0519: "Star",
                   0x1504: "Bixolon", 0x28E9: "GD32 (generic POS)"}


@dataclass(frozen=True, slots=True)
class FoundPrinter:
    uri: str
    #: what the person sees in the list
    label: str
    kind: str  # "win32", "usb", "serial"


def windows_printers() -> list[FoundPrinter]:
    try:
        import win32print
    except ImportError:
        return []
    flags = win32print.PRINTER_ENUM_LOCAL | win32print.PRINTER_ENUM_CONNECTIONS
    return [FoundPrinter(f"win32://{p[2]}", f"{p[2]} (Windows)", "win32")
            for p in win32print.EnumPrinters(flags)]


def usb_printers() -> list[FoundPrinter]:
    try:
        import usb.core
    except ImportError:
        return []
    found = []
    try:
        devices = list(usb.core.find(find_all=True))
    except Exception as exc:  # no libusb backend, no permission: nothing to list
        logger.info("USB printers not listed: %s", type(exc).__name__)
        return []
    for dev in devices:
        is_printer = dev.idVendor in RECEIPT_VENDORS or any(
            intf.bInterfaceClass == 7 for cfg in dev for intf in cfg)
        if is_printer:
            vendor = RECEIPT_VENDORS.get(dev.idVendor, "USB")
            found.append(FoundPrinter(f"usb://{dev.idVendor:04x}:{dev.idProduct:04x}",
                                      f"{vendor} {dev.idVendor:04x}:{dev.idProduct:04x} (USB)",
                                      "usb"))
    return found


def serial_printers() -> list[FoundPrinter]:
    ports: dict[str, str] = {}
    try:
        from serial.tools import list_ports

        for port in list_ports.comports():
            ports[port.device] = port.description or port.device
    except ImportError:
        pass
    for path in sorted(Path("/dev").glob("rfcomm*")):
        ports.setdefault(str(path), "Bluetooth")
    # pyserial says "n/a" for a port it knows nothing of: the name alone then
    return [FoundPrinter(f"serial://{device}?baud=9600",
                         f"{device} — {desc} (serial)" if desc and desc != "n/a"
                         else f"{device} (serial)", "serial")
            for device, desc in sorted(ports.items())]


def known_printers() -> list[FoundPrinter]:
    """Every printer the OS lists, spooler first (what a counter PC usually has)."""
    found: list[FoundPrinter] = []
    for source in (windows_printers, usb_printers, serial_printers):
        try:
            found += source()
        except Exception as exc:  # one broken source never hides the others
            logger.info("%s failed: %s", source.__name__, type(exc).__name__)
    return found
