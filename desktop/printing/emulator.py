"""A network ESC/POS printer on loopback that turns each job into a PNG.

``quaythu printer-emulator --port 9100 --out DIR``. It understands what
QuayThu sends — initialise, raster images (``GS v 0``), text in the selected
code page (``ESC t``; CP1258 prints Vietnamese) with alignment (``ESC a``),
bold (``ESC E``) and double size (``GS !``), cuts (``GS V``), the drawer kick
(``ESC p``) and the status request (``DLE EOT``) — and can play a faulty
printer: out of paper, a connection closed mid-job, a slow printer. Tests and
the demo print through the real network path into it; the text of each job,
as the printer decoded it, is kept beside its image (``job-0001.txt``).
"""

from __future__ import annotations

import functools
import logging
import socket
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from desktop.printing.receipts.profiles import decode_table

logger = logging.getLogger(__name__)


@dataclass
class Faults:
    paper_out: bool = False
    #: close the connection after this many bytes of a job (then behave again)
    drop_after: int | None = None
    #: seconds to wait per 4 KiB received
    slow: float = 0.0


@dataclass
class Job:
    """One cut's worth of paper."""

    rows: list[Image.Image] = field(default_factory=list)
    drawer_kicks: int = 0
    #: the text lines as the printer decoded them (empty for a raster-only job)
    text: list[str] = field(default_factory=list)


@dataclass
class _Style:
    align: int = 0
    bold: bool = False
    big: bool = False
    #: the code page the printer was told to use (``ESC t n``)
    encoding: str = "cp437"


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    with resources.as_file(resources.files("resources").joinpath("fonts", name)) as path:
        return ImageFont.truetype(str(path), size)


@functools.cache
def _code_pages() -> dict[int, str]:
    """ESC t numbers to Python codecs, from python-escpos's default profile."""
    from escpos.capabilities import CAPABILITIES

    pages: dict[int, str] = {}
    for name in ("default", "TM-T88V", "NT-5890K"):
        for number, page in CAPABILITIES["profiles"][name].get("codePages", {}).items():
            pages.setdefault(int(number), str(page).lower())
    return pages


def _text_image(text: str, width: int, style: _Style) -> Image.Image:
    # Font A: 12 × 24 dots a character; double size doubles both
    size = 40 if style.big else 20
    img = Image.new("1", (width, size + 8), 1)
    font = _font(style.bold, size)
    w = font.getlength(text)
    x = {0: 2, 1: (width - w) / 2, 2: width - w - 2}.get(style.align, 2)
    ImageDraw.Draw(img).text((x, 2), text, font=font, fill=0)
    return img


class Parser:
    """Consumes bytes; yields finished jobs at each cut."""

    def __init__(self, width: int = 576, pages: dict[int, str] | None = None) -> None:
        self.width = width
        #: ESC t numbers to tables: an Epson's by default; an Xprinter's page 27 is its own
        self.pages = {**_code_pages(), **(pages or {})}
        self.buf = bytearray()
        self.job = Job()
        self.text = bytearray()
        #: the line so far, decoded page by page (ESC t may switch pages mid-line)
        self.decoded: list[str] = []
        self.style = _Style()
        self.done: list[Job] = []
        self.status_requests = 0

    def feed(self, data: bytes) -> None:
        self.buf += data
        while self._step():
            pass

    def _decode_run(self) -> None:
        if not self.text:
            return
        raw = bytes(self.text)
        table = decode_table(self.style.encoding.upper())
        if table is not None:  # TCVN-3: the database's own table
            self.decoded.append("".join(chr(b) if b < 0x80 else table.get(b, "\ufffd")
                                        for b in raw))
        else:
            try:
                self.decoded.append(raw.decode(self.style.encoding, errors="replace"))
            except LookupError:  # a code page Python has no codec for
                self.decoded.append(raw.decode("latin-1"))
        self.text.clear()

    def _flush_text(self) -> None:
        self._decode_run()
        if self.decoded:
            line = unicodedata.normalize("NFC", "".join(self.decoded))
            self.decoded.clear()
            self.job.text.append(line)
            self.job.rows.append(_text_image(line, self.width, self.style))
            self.text.clear()

    def _step(self) -> bool:
        b = self.buf
        if not b:
            return False
        if b[0] == 0x1B:  # ESC
            if len(b) < 2:
                return False
            if b[1] == 0x40:  # ESC @ initialise
                self._flush_text()
                self.style = _Style()
                del b[:2]
                return True
            if b[1] == 0x70:  # ESC p m t1 t2: drawer kick
                if len(b) < 5:
                    return False
                self.job.drawer_kicks += 1
                del b[:5]
                return True
            # ESC x n: code page, alignment, emphasis; others skipped
            if len(b) < 3:
                return False
            if b[1] == 0x74:  # a page switch keeps the line: TCVN-3 switches mid-word
                self._decode_run()
                self.style.encoding = self.pages.get(b[2], "cp437")
                del b[:3]
                return True
            self._flush_text()
            if b[1] == 0x61:
                self.style.align = b[2] % 48  # 0/1/2 or '0'/'1'/'2'
            elif b[1] == 0x45:
                self.style.bold = bool(b[2] & 1)
            del b[:3]
            return True
        if b[0] == 0x1D:  # GS
            if len(b) < 2:
                return False
            if b[1] == 0x76:  # GS v 0 m xL xH yL yH data
                if len(b) < 8:
                    return False
                width_bytes, height = b[4] | b[5] << 8, b[6] | b[7] << 8
                size = width_bytes * height
                if len(b) < 8 + size:
                    return False
                self._flush_text()
                raw = bytes(b[8:8 + size])
                img = Image.frombytes("1", (width_bytes * 8, height), raw)
                # ESC/POS: 1 = black; PIL "1": 0 = black
                self.job.rows.append(Image.eval(img, lambda v: 255 - v).convert("1"))
                del b[:8 + size]
                return True
            if b[1] == 0x56:  # GS V m [n]: cut
                if len(b) < 3:
                    return False
                n = 4 if b[2] in (0x41, 0x42, 65, 66) else 3
                if len(b) < n:
                    return False
                self._flush_text()
                self.done.append(self.job)
                self.job = Job()
                del b[:n]
                return True
            if len(b) < 3:
                return False
            if b[1] == 0x21:  # GS ! n: character size
                self._flush_text()
                self.style.big = b[2] != 0
            del b[:3]
            return True
        if b[0] == 0x0A:  # LF: the line prints
            if self.text or self.decoded:
                self._flush_text()
            else:
                self.job.rows.append(Image.new("1", (self.width, 28), 1))
            del b[:1]
            return True
        if b[0] == 0x10 and len(b) >= 3 and b[1] == 0x04:  # DLE EOT n
            self.status_requests += 1
            del b[:3]
            return True
        self.text.append(b[0])
        del b[:1]
        return True


def job_image(job: Job) -> Image.Image:
    width = max((r.width for r in job.rows), default=576)
    height = sum(r.height for r in job.rows) or 1
    out = Image.new("1", (width, height), 1)
    y = 0
    for r in job.rows:
        out.paste(r, (0, y))
        y += r.height
    return out


class PrinterEmulator:
    """A TCP printer on 127.0.0.1; ``jobs`` lists the PNG files written."""

    def __init__(self, out_dir: Path, port: int = 0, faults: Faults | None = None, *,
                 width: int = 576, pages: dict[int, str] | None = None) -> None:
        self.out_dir = out_dir
        self.pages = pages
        #: dots per line of the emulated paper (text lines are laid out on it)
        self.width = width
        self.faults = faults or Faults()
        self.jobs: list[Path] = []
        #: each job's text as decoded (empty for raster-only jobs), parallel to ``jobs``
        self.texts: list[list[str]] = []
        self.drawer_kicks = 0
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", port))
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self.port = int(self._sock.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="printer-emulator", daemon=True)
        self._lock = threading.Lock()
        self._first = 1

    def start(self) -> PrinterEmulator:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        # an earlier run's paper stays: number on after it
        self._first = 1 + max((int(p.stem[4:]) for p in self.out_dir.glob("job-*.png")
                               if p.stem[4:].isdigit()), default=0)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)
        self._sock.close()

    def __enter__(self) -> PrinterEmulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def wait_for_jobs(self, n: int, timeout: float = 10.0) -> list[Path]:
        """The first ``n`` job images, once they are written (a job is saved when its
        connection closes); fewer if ``timeout`` passes first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.jobs) >= n:
                    return self.jobs[:n]
            time.sleep(0.05)
        with self._lock:
            return list(self.jobs)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _addr = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        parser = Parser(self.width, self.pages)
        received = 0
        while not self._stop.is_set():
            try:
                data = conn.recv(4096)
            except (TimeoutError, OSError):
                break
            if not data:
                break
            received += len(data)
            if self.faults.slow:
                time.sleep(self.faults.slow)
            if self.faults.paper_out:
                # answers a status request with "paper end", prints nothing
                conn.sendall(b"\x72")
                return
            if self.faults.drop_after is not None and received >= self.faults.drop_after:
                self.faults.drop_after = None  # once: the retry goes through
                logger.info("emulator: connection dropped mid-job after %d bytes", received)
                return
            before = parser.status_requests
            parser.feed(data)
            for _ in range(parser.status_requests - before):
                conn.sendall(b"\x12")  # online, paper present
        self._save(parser.done)

    def _save(self, jobs: list[Job]) -> None:
        with self._lock:
            for job in jobs:
                path = self.out_dir / f"job-{self._first + len(self.jobs):04d}.png"
                job_image(job).save(path)
                if job.text:
                    path.with_suffix(".txt").write_text("\n".join(job.text) + "\n",
                                                        encoding="utf-8")
                self.jobs.append(path)
                self.texts.append(job.text)
                self.drawer_kicks += job.drawer_kicks
