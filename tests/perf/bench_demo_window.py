"""How long a first ``quaythu demo`` takes to show its progress window, and to be ready.

    python tests/perf/bench_demo_window.py [--accounts N]

On a virtual screen (Debian's xvfb and xdotool, as ``../shared/tools/shot`` uses), with a
fresh data directory: the seconds from starting the command to the progress window
being mapped ("QuayThu demo"), and to the sign-in screen ("… đăng nhập"). Prints JSON;
passes or fails nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def visible(display: str, name: str) -> bool:
    done = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name],
                          env={**os.environ, "DISPLAY": display}, capture_output=True, timeout=10)
    return done.returncode == 0 and bool(done.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=None,
                        help="the demo city's size (default: the setting, as a newcomer gets)")
    parser.add_argument("--log", type=Path, default=None,
                        help="write the demo's own output (stderr) here")
    args = parser.parse_args()
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            raise SystemExit(f"needs {tool}: apt-get install -y xvfb xdotool")
    # a display nobody else uses (other benchmarks and screenshots run beside this one)
    number = next(n for n in range(97, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                  and not Path(f"/tmp/.X{n}-lock").exists())
    display = f":{number}"
    screen = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    data = Path(tempfile.mkdtemp(prefix="quaythu-demo-bench-"))
    try:
        time.sleep(1)
        command = [sys.executable, "-m", "desktop", "--data-dir", str(data), "demo"]
        if args.accounts:
            command += ["--accounts", str(args.accounts)]
        started = time.perf_counter()
        demo = subprocess.Popen(command, env={**os.environ, "DISPLAY": display,
                                              "QT_QPA_PLATFORM": "xcb",
                                              "PYTHONPATH": str(ROOT)},
                                stdout=subprocess.DEVNULL,
                                stderr=args.log.open("wb") if args.log else subprocess.DEVNULL)
        figures: dict[str, float | None] = {"progress_window_s": None, "sign_in_s": None}
        for _ in range(12_000):  # 20 minutes at most
            now = time.perf_counter() - started
            if figures["progress_window_s"] is None and visible(display, "QuayThu demo"):
                figures["progress_window_s"] = round(now, 2)
            if visible(display, "đăng nhập"):
                figures["sign_in_s"] = round(now, 2)
                break
            if demo.poll() is not None:
                break
            time.sleep(0.1)
        exit_code = demo.poll()
        demo.terminate()
        demo.wait(30)
        print(json.dumps({"accounts": args.accounts or "default", **figures,
                          "exited_early": exit_code}))
    finally:
        screen.terminate()
        shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
