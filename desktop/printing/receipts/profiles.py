"""Printer profiles: paper width, and which printers print Vietnamese as text.

The profile names, widths, columns and code-page tables are python-escpos's
printer capabilities. A printer whose profile has Windows-1258 (CP1258,
Vietnamese) gets the receipt as text in that code page: fewer bytes, crisper
print. Any other printer, an unknown name, or no name at all gets the raster
image, which every ESC/POS printer prints; a known profile still gives its
width in dots (a TM-T88 prints 512, not 576). The profile travels in the
printer's address: ``tcp://10.0.0.5:9100?profile=TM-T88V``.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

logger = logging.getLogger(__name__)

#: the tone marks, which CP1258 keeps as combining characters after the letter
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    #: ``ESC t n`` of the printer's CP1258 table; None: print the raster image
    codepage: int | None = None
    #: dots per line, when the profile knows it (else the paper setting decides)
    pixels: int | None = None
    #: characters per line in Font A, when the profile knows it
    columns: int | None = None

    @property
    def native(self) -> bool:
        return self.codepage is not None


RASTER = Profile("raster")


@functools.cache
def _profiles() -> dict[str, Profile]:
    from escpos.capabilities import CAPABILITIES

    found: dict[str, Profile] = {}
    for name, data in CAPABILITIES["profiles"].items():
        if name == "default":
            continue  # "some ESC/POS printer": nothing is known of it
        pages = sorted(data.get("codePages", {}).items(), key=lambda x: int(x[0]))
        codepage = next((int(n) for n, page in pages if page == "CP1258"), None)
        pixels = data.get("media", {}).get("width", {}).get("pixels")
        columns = data.get("fonts", {}).get("0", {}).get("columns")
        found[name] = Profile(
            name, codepage, pixels if isinstance(pixels, int) else None,
            # a few tables say 12 columns for an 80 mm printer: not believable
            columns if isinstance(columns, int) and columns >= 24 else None)
    return found


def native_profiles() -> list[str]:
    """The profile names that print Vietnamese text natively (for the settings page)."""
    return sorted(n for n, p in _profiles().items() if p.native)


def profile(name: str | None) -> Profile:
    """The named profile, or plain raster when the name is unknown."""
    if not name:
        return RASTER
    found = _profiles().get(name)
    if found is None:
        logger.info("printer profile %r unknown: printing raster", name)
        return RASTER
    return found


def profile_of(uri: str | None) -> Profile:
    """The profile named in a printer address (``?profile=…``)."""
    if not uri:
        return RASTER
    return profile(parse_qs(urlsplit(uri).query).get("profile", [None])[0])


def encode_cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed, tone marks combining.

    Python's codec refuses precomposed toned letters (ế, ợ…): split each into
    its CP1258 base (ê, ơ…) and its tone mark. What the page lacks prints '?'.
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        tones = "".join(c for c in parts if c in _TONES)
        try:
            out += base.encode("cp1258") + tones.encode("cp1258")
        except UnicodeEncodeError:
            out += b"?"
    return bytes(out)


def decode_cp1258(data: bytes) -> str:
    """What a CP1258 printer shows for ``data``, as one precomposed string."""
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
