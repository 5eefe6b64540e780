"""One QuayThu process per data directory, enforced by an OS file lock.

The lock dies with the process (crash included), so a stale lock file never
keeps the counter closed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from desktop.errors import InstanceRunning

LOCK_FILE = "quaythu.lock"


class InstanceLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        fh = self.path.open("a+b")
        try:
            _lock(fh)
        except OSError as exc:
            fh.close()
            raise InstanceRunning(
                "QuayThu đang chạy trên thư mục dữ liệu này ở một cửa sổ khác; "
                "hãy dùng cửa sổ đó hoặc đóng nó trước.",
                detail=str(exc),
            ) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()).encode())
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing releases the lock
            self._fh = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows counters
    import msvcrt

    def _lock(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
