"""Whether this machine's clock can be trusted: compared with central's at every answer.

A counter whose clock is a day behind or a year ahead stamps receipts, shifts
and journal lines with wrong times, and the day's lists go wrong with them.
The link records how far off it is (central sends its own time with every
answer); beyond the tolerance the counter says so on screen and takes no cash
until the clock is put right (DESIGN.md, what QuayThu promises about money, 6).
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class ClockCheck:
    def __init__(self, tolerance_minutes: int, *, last: float | None = None,
                 keep: Callable[[float | None], None] = lambda _skew: None) -> None:
        self.tolerance = tolerance_minutes * 60.0
        self._lock = threading.Lock()
        #: this machine's clock minus central's, in seconds (None: not compared yet); the
        #: last verdict kept outside the data folder holds across a restart until central
        #: is asked again (a counter a day off, restarted offline, takes no cash)
        self.skew: float | None = last
        self._keep = keep

    def observe(self, skew: float | None) -> None:
        if skew is None:
            return
        with self._lock:
            before = self.skew
            # kept (one small fsynced write) when the verdict or the size changes
            changed = before is None or abs(before - skew) > 60 or (
                (abs(before) > self.tolerance) != (abs(skew) > self.tolerance))
            self.skew = skew
        if changed:
            self._keep(skew)

    def trusted(self) -> bool:
        with self._lock:
            return self.skew is None or abs(self.skew) <= self.tolerance

    def describe(self) -> str | None:
        """The Vietnamese sentence for the screen when the clock is off; None when it is not."""
        with self._lock:
            skew = self.skew
        if skew is None or abs(skew) <= self.tolerance:
            return None
        minutes = abs(skew) / 60
        size = (f"{minutes / 1440:.1f} ngày" if minutes >= 1410 else
                f"{minutes / 60:.1f} giờ" if minutes >= 90 else f"{minutes:.0f} phút")
        way = "nhanh" if skew > 0 else "chậm"
        return (f"Đồng hồ máy {way} {size} so với máy chủ trung tâm: chỉnh lại giờ của máy "
                "(Windows: Cài đặt › Thời gian) rồi đồng bộ lại; tạm ngừng thu tiền.")

    def refusal(self) -> str | None:
        return self.describe()
