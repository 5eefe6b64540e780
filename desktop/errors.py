"""The one exception family of the application core.

Every error a user can meet is a :class:`QuayThuError` child whose
``user_message`` is the sentence the screen shows, written in Vietnamese where it is
raised and said in the chosen language (:mod:`desktop.i18n`); the GUI has one
presenter for all of them.
"""

from __future__ import annotations


class QuayThuError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, user_message: str, *, detail: str = "") -> None:
        from desktop.i18n import translate

        # in the chosen language (desktop/i18n.py); the core writes Vietnamese
        self.user_message = translate(user_message)
        self.detail = detail
        super().__init__(user_message if not detail else f"{user_message} ({detail})")


class ValidationError(QuayThuError):
    """Input that the core refuses: the user can correct it. ``field`` names the input it is
    about (the form's own word: "phone", "name"…), so the screen puts the sentence beside
    it and the focus there."""

    field: str | None = None

    def __init__(self, user_message: str, *, detail: str = "", field: str | None = None) -> None:
        super().__init__(user_message, detail=detail)
        if field is not None:
            self.field = field


class StoreUnavailable(QuayThuError):
    """The local store cannot be opened or written (see ``reason``)."""

    def __init__(self, user_message: str, *, reason: str, path: str, detail: str = "") -> None:
        self.reason = reason
        self.path = path
        super().__init__(user_message, detail=detail)


class DataDirUnavailable(QuayThuError):
    """The data directory cannot be created or written."""


class InstanceRunning(QuayThuError):
    """Another QuayThu process already works on this data directory."""


class NotFound(QuayThuError):
    """The thing asked for does not exist (any more) in the store."""


class NotEnrolled(ValidationError):
    """No device identity yet (receipt numbers, the token towards central): run the
    enrolment first. The one class for the link, the payments and the requests."""


# -- central's answers, as every layer meets them -------------------------------------
# Raised by the link (desktop/link/), caught by the core services and the screens: they
# live here, a leaf both may import, so that neither imports the other's module for them.

class CentralUnreachable(QuayThuError):
    """No answer from central (offline, timeout, connection cut)."""


class CentralOffline(CentralUnreachable):
    """This process works offline (its link is not active, or the device is not enrolled):
    central was not asked at all."""


class CentralUntrusted(CentralUnreachable):
    """Central's TLS certificate did not verify: never talk to it then."""


class CentralProtocolError(QuayThuError):
    """Central answered something that is not the contract."""


class CentralRefused(QuayThuError):
    """Central answered with a problem document (401, 403, 410…)."""

    def __init__(self, status: int, problem_type: str, title: str) -> None:
        self.status, self.problem_type = status, problem_type
        super().__init__(f"Máy chủ trung tâm từ chối: {title} ({status}).",
                         detail=problem_type)


class TokenExpired(CentralRefused):
    """The device token's lifetime is over: a renewal code from an administrator renews it
    (``quaythu renew --code``); nothing waiting to be sent is lost."""

    def __init__(self, status: int, problem_type: str, title: str) -> None:
        super().__init__(status, problem_type, title)
        self.user_message = ("Mã thiết bị của quầy đã hết hạn. Dữ liệu chưa gửi vẫn được giữ "
                             "nguyên: nhờ quản trị cấp mã gia hạn (quaythu-central "
                             "renewal-code SỐ_THIẾT_BỊ) rồi chạy 'quaythu renew --code MÃ'.")


#: what a store failure met during an operation means for the person at the counter
_AT_A_CALL = {
    "StoreLocked": "Dữ liệu đang bận (một thao tác khác đang ghi); thao tác này chưa được lưu. "
                   "Hãy thử lại.",
    "StoreDiskFull": "Ổ đĩa đã đầy: thao tác này chưa được lưu, dữ liệu đã lưu không mất. "
                     "Hãy giải phóng dung lượng ổ đĩa rồi thử lại.",
    "StoreCorrupt": "Tệp dữ liệu bị hỏng: thao tác này chưa được lưu. Ngừng thu tiền trên máy "
                    "này và báo bộ phận hỗ trợ.",
    "StoreReadOnly": "Không ghi được vào tệp dữ liệu (chỉ đọc hoặc không có quyền): thao tác "
                     "này chưa được lưu.",
}


def as_core_error(exc: BaseException, path: str = "") -> QuayThuError | None:
    """A SQLite failure met at any call (busy, disk full, corrupt, read-only) as the core's
    typed error with its Vietnamese message; None for anything else. ``path`` is the
    store's (a disk I/O error on a full disk is told from a damaged file by its free
    space)."""
    if isinstance(exc, QuayThuError):
        return exc
    from db import errors as store_errors  # the store's own classification

    typed = store_errors.translate(exc, path)
    if typed is None:
        return None
    kind = type(typed).__name__
    return StoreUnavailable(_AT_A_CALL.get(kind, typed.user_message), reason=kind, path=path,
                            detail=str(exc)[:200])
