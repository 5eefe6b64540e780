"""Whether this machine's clock can be trusted: compared with central's at every answer.

A counter whose clock is a day behind or a year ahead stamps receipts, shifts
and journal lines with wrong times, and the day's lists go wrong with them.
The link records how far off it is (central sends its own time with every
answer); beyond the tolerance the counter says so on screen and takes no cash
until the clock is put right (DESIGN.md, what QuayThu promises about money, 6).

The last verdict is kept on disk (``clock.json`` beside the store) and read at start:
a counter that central last saw a day off still takes no cash after a restart without
a link, until central has been asked again (issue 28, finding 3). Only a change of
verdict is written, so a payment never waits on it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path

logger = logging.getLogger(__name__)

#: beside the store: the last verdict, read at start
CLOCK_FILE = "clock.json"


class ClockCheck:
    def __init__(self, tolerance_minutes: int, path: Path | None = None) -> None:
        self.tolerance = tolerance_minutes * 60.0
        self._lock = threading.Lock()
        self._path = path
        #: this machine's clock minus central's, in seconds (None: not compared yet)
        self.skew: float | None = self._load()

    def _load(self) -> float | None:
        if self._path is None:
            return None
        try:
            skew = json.loads(self._path.read_text(encoding="utf-8"))["skew"]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # unreadable: the cautious verdict is "not yet compared", which central's next
            # answer settles; a torn write of a trusted verdict must not stop the till
            logger.warning("clock verdict file unreadable: %s", self._path)
            return None
        return float(skew) if isinstance(skew, int | float) else None

    def _save(self, skew: float) -> None:
        if self._path is None:
            return
        tmp = self._path.with_name(self._path.name + ".tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump({"skew": skew}, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self._path)
        except OSError:
            logger.warning("clock verdict not saved (%s)", self._path, exc_info=True)

    def observe(self, skew: float | None) -> None:
        if skew is None:
            return
        with self._lock:
            was_off = self.skew is not None and abs(self.skew) > self.tolerance
            first = self.skew is None
            self.skew = skew
            now_off = abs(skew) > self.tolerance
        if first or was_off != now_off:
            self._save(skew)

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
