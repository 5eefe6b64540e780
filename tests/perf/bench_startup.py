"""Cold start to the sign-in screen, one sign-in, and the CLI's start (JSON).

    python tests/perf/bench_startup.py [--db STORE] [--runs 5] [--bundle dist/QuayThu]

``cold_start_to_sign_in_s`` (the program from source, median) is printed beside
``python_c_pass_s`` of the same run; issue 31's budget for it is 1 s. Beside them,
``cold_start_cpu_s`` and ``python_c_pass_cpu_s``: the same processes' CPU time (user +
system), which a shared machine's load moves far less than the wall clock. The store
given is opened, so give a copy of one you keep.

Each run is a new process (imports, Qt, the sign-in window shown, then the store opened,
checked and put back from its log behind it); ``cold_start_to_sign_in_s`` is from just
before the process is made to the window being shown, ``cold_start_to_sign_in_ready_s``
to the moment the window could sign someone in, both as the process writes them.
Budget (DESIGN.md): ≤ 2 s.

In the same run, ``quaythu words 5`` and ``quaythu --help`` are timed as
whole processes against ``python -c pass`` (the interpreter's own start), so
that the ratio cancels the machine's load; budget: under 0.5 s each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys, time
t0 = time.perf_counter()
from pathlib import Path
from desktop.app import build_app
from ui.main import make_qapplication
from ui.shell.sign_in_dialog import Mode, SignInDialog
from ui.shell.tasks import Tasks
app = build_app(Path(sys.argv[1]), create=False)
qapp = make_qapplication()
dialog = SignInDialog(app, Tasks(app), Mode.SIGN_IN)
dialog.show()
qapp.processEvents()
shown = time.perf_counter() - t0
t1 = time.perf_counter()
app.auth.sign_in("thungan", "demo1234")
print(shown, time.perf_counter() - t1)
app.close()
"""


def children_cpu() -> float:
    """User + system CPU seconds of the children waited for so far (0 where the platform
    does not say): on a shared machine the wall clock carries the others' load, the CPU
    time of the start much less of it."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def program_starts(command: list[str], store: Path, runs: int, env: dict[str, str],
                   cpu: list[float] | None = None,
                   ready: list[float] | None = None) -> list[float]:
    """The real program, as a shortcut starts it, to its sign-in screen (wall clock, from
    just before the process is made to the moment the screen is shown, as the program
    writes it to ``QUAYTHU_STARTUP_PROBE``). The data folder holds ``store`` set up as
    an enrolled counter whose central does not answer: nothing waits on the network."""
    import shutil

    from desktop.app import build_app
    from tests.staff import pretend_enrolled

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        shutil.copyfile(store, data / "quaythu.db")
        app = build_app(data / "quaythu.db", create=False)
        try:
            pretend_enrolled(app, 1)
        finally:
            app.close()
        probe = Path(tmp) / "shown"
        for _ in range(runs):
            probe.unlink(missing_ok=True)
            used = children_cpu()
            t0 = time.time()
            # the probe closes the sign-in screen unanswered: the program then exits 1
            done = subprocess.run([*command, "--data-dir", str(data)], timeout=600,
                                  env={**env, "QUAYTHU_STARTUP_PROBE": str(probe)},
                                  capture_output=True, text=True)
            if cpu is not None:  # the whole process: to the screen, then closing it
                cpu.append(children_cpu() - used)
            if not probe.exists():
                raise RuntimeError(f"{command[0]} never showed the sign-in screen "
                                   f"(exit {done.returncode}): {done.stderr[-2000:]}")
            # the screen shown; then (a later program) the moment it could sign in: the
            # store opened behind it
            lines = probe.read_text(encoding="ascii").split()
            times.append(float(lines[0]) - t0)
            if ready is not None and len(lines) > 1:
                ready.append(float(lines[1]) - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=None,
                        help="dist/QuayThu: also time the built bundle's QuayThu to sign-in")
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": str(root)}
    with tempfile.TemporaryDirectory() as tmp:
        # an installed program starts from its byte-code (pip compiles a wheel's modules
        # and the libraries', the bundle carries them): a shell with
        # PYTHONDONTWRITEBYTECODE=1 made every start compile the project's ~90 modules
        # from source first. They are compiled once, beside their sources (__pycache__,
        # as any run of Python leaves them), and each start reads them from there.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("PYTHONPYCACHEPREFIX", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0",
                        *(str(root / part) for part in ("desktop", "ui", "db", "central"))],
                       env=env, capture_output=True, check=True)
        db = args.db
        if db is None:
            from desktop.demo import generate_demo_store

            db = Path(tmp) / "demo.db"
            generate_demo_store(db, accounts=200_000, seed=1, as_of=dt.date(2026, 11, 27))
        walls, shown, sign_in = [], [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", CHILD, str(db)], env=env,
                                 capture_output=True, text=True, check=True).stdout
            walls.append(time.perf_counter() - t0)
            a, b = (float(x) for x in out.split())
            shown.append(a)
            sign_in.append(b)
        source_cpu: list[float] = []
        source_ready: list[float] = []
        program = {"source (python -m desktop)": program_starts(
            [sys.executable, "-m", "desktop"], db, args.runs, env, source_cpu, source_ready)}
        if args.bundle is not None:
            program["bundle (QuayThu)"] = program_starts(
                [str(args.bundle / "QuayThu")], db, args.runs, env)
        cli: dict[str, list[float]] = {"python -c pass": [], "quaythu words 5": [],
                                       "quaythu --help": []}
        bare_cpu: list[float] = []
        commands = {"python -c pass": [sys.executable, "-c", "pass"],
                    "quaythu words 5": [sys.executable, "-m", "desktop", "words", "5"],
                    "quaythu --help": [sys.executable, "-m", "desktop", "--help"]}
        for _ in range(max(args.runs, 5)):
            for name, cmd in commands.items():
                used = children_cpu()
                t0 = time.perf_counter()
                subprocess.run(cmd, env=env, capture_output=True, check=True)
                cli[name].append(time.perf_counter() - t0)
                if name == "python -c pass":
                    bare_cpu.append(children_cpu() - used)
    bare = statistics.median(cli["python -c pass"])
    source = statistics.median(program["source (python -m desktop)"])
    print(json.dumps({
        # issue 31: the program's cold start to its sign-in beside the interpreter's own
        # start, both taken in this run (the machine's load is in both)
        "cold_start_to_sign_in_s": round(source, 3),
        "python_c_pass_s": round(bare, 3),
        "cold_start_budget_s": 1.0,
        "cold_start_within_budget": source <= 1.0,
        # the same starts, to the moment the screen could sign in (the store opened, checked
        # and put back from its log behind the screen, while the person types)
        "cold_start_to_sign_in_ready_s": (round(statistics.median(source_ready), 3)
                                          if source_ready else None),
        # the same starts' CPU time (user + system of the process, median), beside the
        # interpreter's own: what the machine's load changes least (0 on Windows)
        "cold_start_cpu_s": round(statistics.median(source_cpu), 3),
        "python_c_pass_cpu_s": round(statistics.median(bare_cpu), 3),
        "store": str(args.db or "200 000-account demo store"), "runs": args.runs,
        "bytecode": "compiled before the runs, as an installed program has it",
        "to_sign_in_screen_s": {"median": round(statistics.median(shown), 3),
                                "max": round(max(shown), 3)},
        "process_wall_s_incl_interpreter": {"median": round(statistics.median(walls), 3)},
        "sign_in_argon2_s": {"median": round(statistics.median(sign_in), 3)},
        "budget_s": 2.0,
        "program_to_sign_in_screen_s": {
            name: {"median": round(statistics.median(t), 3), "max": round(max(t), 3)}
            for name, t in program.items()},
        "cli_s": {name: {"median": round(statistics.median(t), 3),
                         "ratio_to_python_c_pass": round(statistics.median(t) / bare, 2)}
                  for name, t in cli.items()},
        "cli_budget_s": 0.5,
    }, indent=1))


if __name__ == "__main__":
    main()
