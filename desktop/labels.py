"""How core values read on screen and on paper, in Vietnamese.

Time is stored in UTC and shown in Asia/Ho_Chi_Minh as ``dd/MM/yyyy HH:mm``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

TARIFF_CLASS = {
    "residential": "Sinh hoạt",
    "prepaid": "Sinh hoạt – công tơ trả trước",
    "business": "Kinh doanh",
    "production": "Sản xuất",
    "administrative": "Hành chính sự nghiệp (bệnh viện, trường học)",
    "public": "Chiếu sáng công cộng, cơ quan hành chính",
}
VOLTAGE = {"lv": "dưới 6 kV", "mv6": "từ 6 kV", "mv22": "từ 22 kV", "hv": "từ 110 kV"}
# keyed by the contract's AccountStatus and PaymentMethod values, spelled here as text: this
# module is loaded by commands that must not pay for pydantic (quaythu words, --help)
ACCOUNT_STATUS = {"active": "Đang cấp điện", "suspended": "Tạm ngừng", "terminated": "Đã thanh lý",
                  "disconnected": "Cắt điện do nợ"}
PAYMENT_METHOD = {"cash": "Tiền mặt", "vietqr": "VietQR", "bank": "Ngân hàng"}


def local_datetime(value: dt.datetime) -> str:
    """A stored UTC instant as the counter reads it: ``27/11/2026 10:15``."""
    return value.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")


def vn_today(now: dt.datetime | None = None) -> dt.date:
    """The day it is in Vietnam, whatever the machine's own time zone (a counter PC's may
    be UTC, and from 17:00 UTC the Vietnamese day is already the next one)."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(VN_TZ).date()


def local_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def period(start: dt.date, end: dt.date) -> str:
    return f"{start:%d/%m} – {end:%d/%m/%Y}"


def age(since: dt.datetime, now: dt.datetime | None = None) -> str:
    """How old the cached data is, in words: ``5 phút trước``, ``2 ngày trước``."""
    now = now or dt.datetime.now(dt.UTC)
    seconds = max(0, int((now - since).total_seconds()))
    if seconds < 60:
        return "vừa xong"
    if seconds < 3600:
        return f"{seconds // 60} phút trước"
    if seconds < 86400:
        return f"{seconds // 3600} giờ trước"
    return f"{seconds // 86400} ngày trước"
