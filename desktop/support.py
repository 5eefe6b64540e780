"""Logs that stay, and what support gets: rotating log files and the support bundle.

Every run of the window or a command writes its log lines (INFO and above,
already redacted: no tokens, passwords, full phone or ID numbers) to
``quaythu.log`` in the user log directory, kept to five files of 1 MiB.
"Xuất nhật ký hỗ trợ" (:func:`export_support_bundle`) writes a zip of those
files — redacted once more, in case an older version wrote something it
should not have — and of the versions and settings in effect. It never holds
the store, the operation log or the device token.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import platform
import sys
import zipfile
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

from desktop.config import APP_NAME
from desktop.errors import QuayThuError
from desktop.staff.privacy import RedactingFilter, redact

LOG_FILE = "quaythu.log"
ENV_LOG_DIR = "QUAYTHU_LOG_DIR"
#: the packages whose versions support asks for first
PACKAGES = ("quaythu", "PySide6-Essentials", "SQLAlchemy", "alembic", "httpx", "reportlab",
            "python-escpos", "Pillow", "fastapi", "uvicorn", "keyring", "platformdirs")


class SupportBundleError(QuayThuError):
    """The support bundle could not be written where asked."""


def log_dir() -> Path:
    env = os.environ.get(ENV_LOG_DIR)
    return Path(env).expanduser() if env else Path(
        platformdirs.user_log_dir(APP_NAME, appauthor=False))


class _UtcFormatter(logging.Formatter):
    """Times in UTC, as everything QuayThu stores."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        at = dt.datetime.fromtimestamp(record.created, dt.UTC)
        return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(record.msecs):03d}Z"


def install_file_log(level: int = logging.INFO) -> Path | None:
    """Add the rotating file to the root logger; its path, or None when the log directory
    cannot be written (a log is never a reason not to start)."""
    folder = log_dir()
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1 << 20, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setLevel(level)
    handler.setFormatter(_UtcFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


def versions(extra: dict[str, str] | None = None) -> dict[str, str]:
    """QuayThu's, Python's, the OS's and the main packages' versions."""
    from importlib import metadata  # here: the log set up at every start does not need it

    found = {"python": sys.version.split()[0], "platform": platform.platform(),
             "frozen": str(bool(getattr(sys, "frozen", False)))}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
    return {**found, **(extra or {})}


def export_support_bundle(out: Path, *, settings: dict[str, object] | None = None,
                          extra: dict[str, str] | None = None) -> Path:
    """Write the zip for support to ``out``; its path."""
    out = Path(out)
    logs = sorted(log_dir().glob(LOG_FILE + "*"))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for path in logs:
                text = path.read_text(encoding="utf-8", errors="replace")
                bundle.writestr(f"logs/{path.name}",
                                "".join(redact(line) for line in text.splitlines(True)))
            about = {"exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                     "versions": versions(extra), "log_files": [p.name for p in logs]}
            bundle.writestr("versions.json", json.dumps(about, ensure_ascii=False, indent=1))
            if settings is not None:
                bundle.writestr("settings.json", redact(json.dumps(
                    settings, ensure_ascii=False, indent=1, default=str)))
    except OSError as exc:
        raise SupportBundleError(
            f"Không ghi được tệp hỗ trợ {out}: {exc.strerror or exc}. Hãy chọn thư mục khác.",
            detail=str(exc)) from exc
    return out
