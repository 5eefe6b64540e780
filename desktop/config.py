"""Where QuayThu keeps its files, and the settings declared once with defaults.

The data directory comes from ``--data-dir``, else ``QUAYTHU_DATA_DIR``, else
the user data directory of the platform; tests, operators and several
instances never share files by accident.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from desktop.errors import DataDirUnavailable

APP_NAME = "QuayThu"
ENV_DATA_DIR = "QUAYTHU_DATA_DIR"
STORE_FILE = "quaythu.db"


def resolve_data_dir(explicit: str | Path | None = None) -> Path:
    """The data directory chosen by the flag, the environment or the platform."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure_data_dir(path: Path) -> Path:
    """Create ``path`` if needed and check that it can be written to."""
    try:
        # the owner only: it holds customers' data and the device's identity
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirUnavailable(
            f"Không tạo được thư mục dữ liệu {path}: {exc.strerror or exc}.",
            detail=str(exc),
        ) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise DataDirUnavailable(f"Thư mục dữ liệu {path} chỉ đọc; hãy chọn thư mục khác.")
    return path


@dataclass(frozen=True, slots=True)
class CustomerCodePattern:
    """The utility's customer-code format: configuration, not scattered regexes.

    Ho Chi Minh City: ``PE`` + 11 digits, 13 characters (DOMAIN.md).
    """

    letters: str = "P[A-Z]"
    digits: int = 11

    def is_code(self, text: str) -> bool:
        return re.fullmatch(f"{self.letters}[0-9]{{{self.digits}}}", text) is not None

    def is_prefix(self, text: str) -> bool:
        """A start of a code, at least 4 characters (letters and some digits)."""
        if len(text) < 4:
            return False
        return re.fullmatch(f"{self.letters}[0-9]{{1,{self.digits}}}", text) is not None


@dataclass(frozen=True, slots=True)
class Settings:
    """Application settings; each field has a default and says what it is for."""

    #: customer-code format of the utility
    customer_code: CustomerCodePattern = field(default_factory=CustomerCodePattern)
    #: most results a lookup returns (a page, never a whole table)
    lookup_page_size: int = 50
    #: accounts of the demo city that ``quaythu demo`` seeds into its embedded central
    demo_accounts: int = 200_000
    #: wrong passwords in a row that lock a staff account …
    sign_in_attempts: int = 5
    #: … for this many minutes
    sign_in_lock_minutes: int = 15
    #: minutes without a key or mouse event before the screen locks
    idle_lock_minutes: int = 5
    #: đồng of over/short at shift close that pass without a supervisor
    over_short_tolerance: int = 10_000
    #: whether the unit's drawers take coins (500 đ, 200 đ…) in the count
    use_coins: bool = False
    #: minutes after a payment within which a copy of its receipt needs no supervisor
    reprint_window_minutes: int = 30
