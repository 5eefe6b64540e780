"""Printer profiles: paper width, and how (if at all) a printer prints Vietnamese as text.

The profiles are python-escpos's printer capabilities plus the counters' common
printers it lacks (``resources/printers/profiles.toml``, each with its source).
A printer prints Vietnamese as text in one of two tables: Windows-1258 (CP1258,
tone marks as combining characters) or TCVN-3 (TCVN 5712 VN3: lower case on one
page, upper case on another). Which one reads right on a given printer is picked
by a person from the test page (:func:`encoding_test_bytes`) and kept in the
printer's address: ``tcp://10.0.0.5:9100?profile=XP-80&text=tcvn3``
(``text=raster`` prints the image even on a printer with a table). Without
``text=``, a profile whose database entry has CP1258 prints CP1258; every other
printer gets the raster image, which every ESC/POS printer prints. A known
profile still gives its width in dots (a TM-T88 prints 512, not 576).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import parse_qs, urlsplit

logger = logging.getLogger(__name__)

#: the tone marks, which CP1258 keeps as combining characters after the letter
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ESC = b"\x1b"
#: how a printer may print Vietnamese text
TEXT_ENCODINGS = ("cp1258", "tcvn3")


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    #: ``ESC t n`` of the printer's CP1258 table; None: print the raster image
    codepage: int | None = None
    #: dots per line, when the profile knows it (else the paper setting decides)
    pixels: int | None = None
    #: characters per line in Font A, when the profile knows it
    columns: int | None = None
    #: the ESC t numbers of each Vietnamese table the printer may have
    pages: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    #: "cp1258", "tcvn3", or None for the raster image
    text: str | None = None
    title: str = ""
    source: str = ""

    @property
    def native(self) -> bool:
        return self.text is not None

    def encode(self, line: str) -> bytes:
        """One line in the chosen table, with the ``ESC t`` it needs."""
        if self.text == "tcvn3":
            return encode_tcvn3(line, self.pages["tcvn3"])
        assert self.codepage is not None
        return _ESC + b"t" + bytes([self.codepage]) + encode_cp1258(line)


RASTER = Profile("raster")


@functools.cache
def _profiles() -> dict[str, Profile]:
    from escpos.capabilities import CAPABILITIES

    found: dict[str, Profile] = {}
    for name, data in CAPABILITIES["profiles"].items():
        if name == "default":
            continue  # "some ESC/POS printer": nothing is known of it
        pages = sorted(data.get("codePages", {}).items(), key=lambda x: int(x[0]))
        cp1258 = tuple(int(n) for n, page in pages if page == "CP1258")[:1]
        tcvn = (tuple(int(n) for n, page in pages if page == "TCVN-3-1")[:1]
                + tuple(int(n) for n, page in pages if page == "TCVN-3-2")[:1])
        pixels = data.get("media", {}).get("width", {}).get("pixels")
        columns = data.get("fonts", {}).get("0", {}).get("columns")
        vietnamese = {k: v for k, v in (("cp1258", cp1258), ("tcvn3", tcvn)) if v}
        found[name] = Profile(
            name, cp1258[0] if cp1258 else None, pixels if isinstance(pixels, int) else None,
            # a few tables say 12 columns for an 80 mm printer: not believable
            columns if isinstance(columns, int) and columns >= 24 else None,
            vietnamese, "cp1258" if cp1258 else None, str(data.get("name", name)),
            "escpos-printer-db (python-escpos's capabilities)")
    text = resources.files("resources").joinpath("printers", "profiles.toml").read_text(
        encoding="utf-8")
    for entry in tomllib.loads(text)["printer"]:
        vietnamese = {k: tuple(int(n) for n in v) for k, v in entry["vietnamese"].items()}
        # a page number alone is no promise: raster until the test page says otherwise
        found[entry["name"]] = Profile(
            entry["name"], None, int(entry["pixels"]), int(entry["columns"]), vietnamese, None,
            entry["title"], " ".join(entry["source"].split()))
    return found


def native_profiles() -> list[str]:
    """The profile names that may print Vietnamese text (for the settings page)."""
    return sorted(n for n, p in _profiles().items() if p.pages)


def counter_profiles() -> list[Profile]:
    """The profiles of the counters' common printers, then every one with a Vietnamese table."""
    ours = [p for p in _profiles().values() if not p.source.startswith("escpos-printer-db")]
    rest = [p for p in _profiles().values() if p.pages and p not in ours]
    return ours + sorted(rest, key=lambda p: p.name)


def profile(name: str | None, text: str | None = None) -> Profile:
    """The named profile (raster when the name is unknown), printing in ``text`` if given."""
    if not name:
        return RASTER
    found = _profiles().get(name)
    if found is None:
        logger.info("printer profile %r unknown: printing raster", name)
        return RASTER
    if text == "raster":
        return dataclasses.replace(found, text=None, codepage=None)
    if text in TEXT_ENCODINGS and text in found.pages:
        codepage = found.pages["cp1258"][0] if text == "cp1258" else None
        return dataclasses.replace(found, text=text, codepage=codepage)
    return found


def profile_of(uri: str | None) -> Profile:
    """The profile named in a printer address (``?profile=…&text=…``)."""
    if not uri:
        return RASTER
    query = parse_qs(urlsplit(uri).query)
    return profile(query.get("profile", [None])[0], query.get("text", [None])[0])


@functools.cache
def _tcvn3_tables() -> tuple[dict[str, int], dict[str, int]]:
    """Character → byte of Epson's two TCVN-3 pages, from escpos-printer-db's tables."""
    from escpos.capabilities import CAPABILITIES

    tables = []
    for name in ("TCVN-3-1", "TCVN-3-2"):
        rows = CAPABILITIES["encodings"][name]["data"]
        table = {ch: 0x80 + i for i, ch in enumerate("".join(rows)) if ch != " "}
        if "\u00d0" in table:  # the database writes the capital Đ as Ð (U+00D0)
            table["\u0110"] = table.pop("\u00d0")
        tables.append(table)
    return tables[0], tables[1]


def encode_tcvn3(text: str, pages: tuple[int, ...]) -> bytes:
    """Vietnamese in TCVN-3: each letter from the page that has it, ``ESC t`` between.

    A printer with a single TCVN-3 page (``pages`` of one) prints upper-case toned
    letters as '?': its test page line shows it.
    """
    lower, upper = _tcvn3_tables()
    out = bytearray()
    current = None
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
            continue
        page, byte = (0, lower[ch]) if ch in lower else (
            (1, upper[ch]) if ch in upper and len(pages) > 1 else (None, ord("?")))
        if page is not None and page != current:
            out += _ESC + b"t" + bytes([pages[page]])
            current = page
        out.append(byte)
    if current is None:
        out[0:0] = _ESC + b"t" + bytes([pages[0]])
    return bytes(out)


@functools.cache
def decode_table(name: str) -> dict[int, str] | None:
    """Byte → character of a code page the database gives as a table (TCVN-3)."""
    from escpos.capabilities import CAPABILITIES

    data = CAPABILITIES["encodings"].get(name, {}).get("data")
    if not data:
        return None
    table = {0x80 + i: ch for i, ch in enumerate("".join(data)) if ch != " "}
    return {k: "\u0110" if v == "\u00d0" else v for k, v in table.items()}


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
