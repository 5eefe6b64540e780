"""Benchmark: the longest GUI-thread stall while the counter runs a full first sync.

    QT_QPA_PLATFORM=offscreen python tests/perf/bench_gui_stall.py \\
        --central-db /tmp/c200k.db [--accounts 200000] [--unit PE1000]

A central (its own process, on the given SQLite file, seeded when absent)
serves; the main window of a freshly enrolled counter is open and the sync
thread (the GUI's own ``SyncWorker``) pulls the whole unit. A 5 ms timer on
the GUI thread records how late each tick comes; the longest gap is the
stall a cashier would feel. Prints JSON; passes or fails nothing. Budget
(DESIGN.md): ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "perf"))

from bench_sync import served_by_process  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402

from central.seed import seed  # noqa: E402
from desktop.app import build_app  # noqa: E402
from tests.central_server import central_on  # noqa: E402
from tests.staff import sign_in  # noqa: E402
from ui.counter.main_window import MainWindow  # noqa: E402
from ui.main import make_qapplication  # noqa: E402
from ui.shell.sync_issues_dialog import SyncWorker  # noqa: E402

TICK_MS = 5


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--central-db", type=Path, required=True)
    ap.add_argument("--accounts", type=int, default=200_000)
    ap.add_argument("--unit", default="PE1000")
    ap.add_argument("--timeout", type=float, default=900.0)
    args = ap.parse_args()
    qapp = make_qapplication()  # as the app makes it (its interpreter settings too)
    with central_on(str(args.central_db)) as central, \
            tempfile.TemporaryDirectory(prefix="quaythu-bench-stall-") as tmp:
        if not any(True for _ in central.list_staff()):
            seed(central.sessions, accounts=args.accounts, seed=1, as_of=dt.date(2026, 11, 27))
        with served_by_process(str(args.central_db), 1) as url:
            app = build_app(Path(tmp) / "quaythu.db")
            app.link.enrol(url, central.issue_enrolment_code(args.unit), "stall bench")
            engine = app.link.engine
            # the first page brings the unit and its staff (they come first in the log):
            # a cashier signs in, and the window is open while the rest comes down
            engine.pull_once(max_pages=1)
            actor = sign_in(app, "thungan")
            window = MainWindow(app, actor=actor)
            window.show()
            worker = SyncWorker(engine, interval=3600)
            gaps: list[float] = []
            last = [time.perf_counter()]

            def tick() -> None:
                now = time.perf_counter()
                gaps.append((now - last[0]) * 1000 - TICK_MS)
                last[0] = now

            timer = QTimer()
            timer.setInterval(TICK_MS)
            timer.timeout.connect(tick)
            done: list[object] = []
            worker.sync_finished.connect(lambda _s, report: done.append(report))
            worker.sync_failed.connect(lambda _s, message: done.append(message))
            timer.start()
            t0 = time.perf_counter()
            worker.start()
            deadline = t0 + args.timeout
            while not done and time.perf_counter() < deadline:
                qapp.processEvents()
                time.sleep(0.001)
            seconds = time.perf_counter() - t0
            timer.stop()
            worker.stop()
            report = done[0] if done else "timeout"
            window.close()
            engine.client.close()
            app.close()
    print(json.dumps({
        "switch_interval_ms": sys.getswitchinterval() * 1000,
        "benchmark": "gui_stall_during_first_sync", "unit": args.unit,
        "changes": getattr(report, "pulled", None), "result": str(report)[:200],
        "sync_seconds": round(seconds, 1), "ticks": len(gaps),
        "longest_stall_ms": round(max(gaps), 1) if gaps else None,
        "p99_stall_ms": round(statistics.quantiles(gaps, n=100)[98], 1) if len(gaps) > 100
        else None,
        "budget_ms": 100,
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
