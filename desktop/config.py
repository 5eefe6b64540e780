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
from typing import Any

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


def _setting(default: object, help: str, low: int | None = None,
             high: int | None = None) -> Any:
    """A setting's default, what it is for, and the range an integer must fall in."""
    return field(default=default, metadata={"help": help, "min": low, "max": high})


@dataclass(frozen=True, slots=True)
class Settings:
    """Application settings, declared once: each has a default, a range and a description.

    Loaded from ``settings.toml`` in the user config directory, then the
    environment, then ``--set`` (:mod:`desktop.settings_file`).
    """

    #: customer-code format of the utility
    customer_code: CustomerCodePattern = field(default_factory=CustomerCodePattern)
    lookup_page_size: int = _setting(50, "số kết quả tìm kiếm tối đa một lần", 5, 500)
    demo_accounts: int = _setting(200_000, "số khách hàng của thành phố demo", 100, 3_000_000)
    sign_in_attempts: int = _setting(5, "số lần sai mật khẩu liên tiếp thì khóa tên đăng nhập",
                                     1, 20)
    sign_in_lock_minutes: int = _setting(15, "số phút khóa tên đăng nhập sau chừng ấy lần sai",
                                         1, 1440)
    idle_lock_minutes: int = _setting(5, "số phút không thao tác thì khóa màn hình", 1, 240)
    over_short_tolerance: int = _setting(10_000, "số tiền thừa/thiếu cuối ca (đ) không cần "
                                         "giám sát duyệt", 0, 10_000_000)
    use_coins: bool = _setting(False, "két có tiền xu (500 đ, 200 đ…) khi đếm tiền cuối ca")
    change_note: int = _setting(500, "tờ tiền nhỏ nhất két thối lại (đ): tiền thối làm tròn "
                                "xuống bội số này, phần lẻ ghi có cho khách", 1, 10_000)
    reprint_window_minutes: int = _setting(30, "số phút sau khi thu được in lại phiếu không "
                                           "cần giám sát", 0, 1440)
    clock_tolerance_minutes: int = _setting(5, "số phút đồng hồ máy được lệch so với máy chủ "
                                            "trung tâm trước khi ngừng thu tiền", 1, 1440)
    backup_keep: int = _setting(7, "số bản sao lưu kho dữ liệu được giữ (bản cũ nhất bị xóa)",
                                1, 365)
    large_text: bool = _setting(False, "chữ lớn trên màn hình (mọi cỡ chữ ×1,25)")
    high_contrast: bool = _setting(False, "tương phản cao (chữ đen trên nền trắng, viền "
                                   "chọn vàng)")
    language: str = _setting("vi", "ngôn ngữ trên màn hình: vi (tiếng Việt) hoặc en (English)")
    sync_interval_seconds: int = _setting(30, "số giây giữa hai lần đồng bộ khi không có gì "
                                          "mới", 5, 3600)
    document_max_mb: int = _setting(10, "dung lượng tối đa một giấy tờ đính kèm yêu cầu (MB)",
                                    1, 50)
