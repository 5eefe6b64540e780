"""Typed errors of the local store, each with a message for the counter staff.

The application core wraps these in its own error family; the store only
promises that every failure it knows of arrives as one of these, with the file
left as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError


class StoreError(Exception):
    """The local store cannot be used as asked. ``user_message`` is Vietnamese."""

    user_message = "Không dùng được cơ sở dữ liệu cục bộ."

    def __init__(self, path: Path | str, detail: str = "") -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(f"{type(self).__name__}: {path}: {detail}".rstrip(": "))


class StoreNotFound(StoreError):
    user_message = "Không tìm thấy tệp dữ liệu."


class StoreForeign(StoreError):
    user_message = "Tệp này không phải dữ liệu của QuayThu; không mở và không sửa tệp này."


class StoreCorrupt(StoreError):
    user_message = "Tệp dữ liệu bị hỏng; tệp được giữ nguyên. Hãy liên hệ bộ phận hỗ trợ."


class StoreTooNew(StoreError):
    user_message = "Tệp dữ liệu do phiên bản QuayThu mới hơn tạo ra; hãy cập nhật ứng dụng."


class StoreMigrationFailed(StoreError):
    user_message = "Nâng cấp dữ liệu thất bại; tệp cũ được giữ nguyên."


class StoreLocked(StoreError):
    user_message = "Dữ liệu đang được một phiên QuayThu khác sử dụng; hãy đóng phiên đó rồi thử lại."


class StoreReadOnly(StoreError):
    user_message = "Không ghi được vào thư mục dữ liệu (chỉ đọc hoặc không có quyền)."


class StoreDiskFull(StoreError):
    user_message = "Ổ đĩa đã đầy; thao tác chưa được lưu, dữ liệu cũ không mất. Hãy giải phóng dung lượng."


def translate(exc: BaseException, path: Path | str) -> StoreError | None:
    """The typed error for a SQLite/SQLAlchemy failure, or None if unknown."""
    if isinstance(exc, StoreError):
        return exc
    inner = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(inner, sqlite3.Error):
        return None
    text = str(inner).lower()
    if "locked" in text or "busy" in text:
        return StoreLocked(path, text)
    if "disk is full" in text or "disk full" in text:
        return StoreDiskFull(path, text)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreReadOnly(path, text)
    if "disk i/o" in text and _disk_nearly_full(path):
        # SQLite says "disk I/O error" when it cannot even grow its -wal or -shm: with no
        # space left that is a full disk, not a damaged file
        return StoreDiskFull(path, text)
    if "not a database" in text or "malformed" in text or "disk i/o" in text:
        return StoreCorrupt(path, text)
    return None


def _disk_nearly_full(path: Path | str, margin: int = 1 << 20) -> bool:
    """Whether the file system of ``path`` has less than ``margin`` bytes free."""
    import shutil

    where = Path(path) if str(path) else Path.cwd()
    for candidate in (where, *where.parents):
        try:
            return shutil.disk_usage(candidate).free < margin
        except OSError:
            continue
    return False
