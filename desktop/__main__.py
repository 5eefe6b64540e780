"""``python -m desktop`` and the ``quaythu`` window: the one module of the core that starts
the GUI (``ui``, imported lazily) and, for ``quaythu demo``, an embedded ``central``
(DESIGN.md, layout). Every other command lives in :mod:`desktop.cli`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from central.embedded import EmbeddedCentral
    from central.service import Central
    from desktop.app import App

from desktop.cli import main
from desktop.cli.common import settings_of
from desktop.config import STORE_FILE, Settings, ensure_data_dir, resolve_data_dir
from desktop.errors import QuayThuError

DEMO_DIR = "demo"
DEMO_SEED = 2026
#: the demo counter belongs to Điện lực Tân Bình
DEMO_UNIT = "PE1400"
#: the demo's agent (``quaythu demo --agent``): a shop collecting for the utility, with a
#: device of its own in ``demo/agent``, so its day (shift, cash, closing) is its own
DEMO_AGENT_UNIT = "DL0001"
DEMO_AGENT_LIMIT = 50_000_000
#: accounts in each part the demo city is made (and grows) in: ``db.demo.CHUNK`` (not
#: imported here: this module is on the path of every start)
DEMO_CHUNK = 10_000


def cmd_self_test(_args: argparse.Namespace) -> int:
    """Headless checks of an installed copy (``QuayThu --self-test``); 0 when all pass."""
    import os
    import tempfile
    from pathlib import Path

    from central.database import self_check
    from desktop.selftest import CORE_CHECKS, Check, run_checks
    from ui.plumbing.selftest import QT_CHECK, TRANSLATIONS_CHECK

    checks = (CORE_CHECKS[0], Check("central", self_check), *CORE_CHECKS[1:], QT_CHECK,
              TRANSLATIONS_CHECK)
    out = sys.stdout
    if out is None:  # a windowed program on Windows has no console: the report goes to a file
        path = Path(os.environ.get("QUAYTHU_SELF_TEST_OUT")
                    or Path(tempfile.gettempdir()) / "quaythu-self-test.txt")
        with path.open("w", encoding="utf-8") as report:
            return run_checks(checks, report)
    return run_checks(checks, out)


def cmd_demo(args: argparse.Namespace) -> int:
    """The embedded default: a central on loopback, this counter enrolled with it, synced."""
    from desktop.instance import InstanceLock

    problem = getattr(args, "settings_problem", None)
    if isinstance(problem, QuayThuError):
        return _fatal(problem)
    settings = settings_of(args) or Settings()
    as_agent = bool(getattr(args, "agent", False))
    try:
        data_dir = ensure_data_dir(resolve_data_dir(args.data_dir))
        demo_dir = data_dir / DEMO_DIR
        # the agent's device: a store of its own beside the counter's, same demo central
        store_dir = demo_dir / "agent" if as_agent else demo_dir
        with InstanceLock(data_dir):
            # only Qt and the progress window before the window shows: the core and
            # central (FastAPI, uvicorn, SQLAlchemy) load on the worker while it does
            from ui.plumbing.startup import Report, StartupCancelled, run_with_progress

            def prepare(report: Report) -> tuple[EmbeddedCentral, App]:
                """The slow part, on a thread while the progress window shows it."""
                # the one place in desktop/ that starts central (DESIGN.md, layout)
                from central.embedded import start_embedded
                from desktop.app import build_app
                from desktop.events import SyncProgressed
                from desktop.money.amounts import group_digits

                embedded = start_embedded(
                    demo_dir / "central.db", accounts=args.accounts or settings.demo_accounts,
                    seed_value=DEMO_SEED, say=lambda m: print(m, file=sys.stderr),
                    progress=lambda fraction, what: report(what, 80 * fraction),
                    # the counter's unit first; the rest of the city grows behind the
                    # sign-in (grow_city below)
                    first_unit=DEMO_UNIT, chunk_size=DEMO_CHUNK)
                try:
                    if as_agent:
                        ensure_demo_agent(embedded.central)
                    store_dir.mkdir(parents=True, exist_ok=True)
                    app = build_app(store_dir / STORE_FILE, settings=settings)
                except BaseException:
                    embedded.stop()
                    raise
                try:
                    if app.link.is_enrolled():
                        app.link.set_central_url(embedded.url)  # a new port every start
                    else:
                        unit = DEMO_AGENT_UNIT if as_agent else DEMO_UNIT
                        app.link.enrol(embedded.url,
                                       embedded.central.issue_enrolment_code(unit),
                                       "Đại lý demo" if as_agent else "Quầy demo")
                    if not as_agent:
                        issue_demo_route(embedded.central)
                    print("Đang đồng bộ với máy chủ trung tâm demo …", file=sys.stderr)
                    report("Đồng bộ quầy với máy chủ trung tâm demo", 80)
                    head = max(1, embedded.central.head())

                    def pulled(event: SyncProgressed) -> None:
                        if event.step == "pull":
                            report(f"Đồng bộ: {group_digits(event.cursor)} / "
                                   f"{group_digits(head)} thay đổi",
                                   80 + 20 * min(1.0, event.cursor / head))

                    stop_listening = app.events.subscribe(SyncProgressed, pulled)
                    try:
                        app.link.sync_once()
                    finally:
                        stop_listening()
                    report("Sẵn sàng", 100)
                except BaseException:
                    app.close()
                    embedded.stop()
                    raise
                return embedded, app

            try:
                embedded, app = run_with_progress("QuayThu demo", prepare)
            except StartupCancelled:
                # nothing half-made stays: the city is built aside and renamed when whole,
                # the store's writes are transactions, the sync is exactly once
                print("Đã dừng chuẩn bị demo; lần chạy sau làm lại từ bước đang dở.",
                      file=sys.stderr)
                return 1
            try:
                try:
                    from db.demo import DEMO_PASSWORD, DEMO_STAFF
                    from desktop.printing.emulator import PrinterEmulator
                    from ui.main import run_gui  # the GUI is only loaded here and for `quaythu`

                    growing = start_city_growth(embedded, app)

                    # the demo prints too: receipts and slips become PNGs in demo/printer
                    with PrinterEmulator(demo_dir / "printer") as printer:
                        app.device.point_demo_printer(f"tcp://127.0.0.1:{printer.port}")
                        print(f"Máy in demo: ảnh phiếu in trong {demo_dir / 'printer'}",
                              file=sys.stderr)
                        base_hint = (
                                f"Demo đại lý {DEMO_AGENT_UNIT}: đại lý 'daily', mật khẩu "
                                f"'{DEMO_PASSWORD}'. F10 mở ca, Enter tra mã, F9 thu, "
                                "Ctrl+K chốt ngày." if as_agent else
                                f"Demo: thu ngân '{DEMO_STAFF[0][0]}', giám sát "
                                f"'{DEMO_STAFF[2][0]}', quản trị '{DEMO_STAFF[3][0]}', "
                                f"thủ quỹ '{DEMO_STAFF[4][0]}', thu lưu động "
                                f"'{DEMO_STAFF[5][0]}', đại lý '{DEMO_STAFF[6][0]}'; "
                                f"mật khẩu '{DEMO_PASSWORD}'.")

                        def hint() -> str:
                            # said while it is so: a sign-in after the city is whole omits it
                            return base_hint + (
                                " Thành phố demo còn đang được tạo thêm phía sau; khách hàng "
                                f"của {DEMO_UNIT} đã sẵn sàng."
                                if growing and app.demo_city is not None else "")

                        return run_gui(app, with_sync=True,
                                       simulate_bank=embedded.simulate_bank,
                                       sign_in_hint=hint)
                finally:
                    app.close()
            finally:
                embedded.stop()
    except QuayThuError as exc:
        return _fatal(exc)


def start_city_growth(embedded: EmbeddedCentral, app: App) -> bool:
    """Grow the rest of the demo city behind the sign-in (a first run made only the
    counter's unit), the screens told how far through ``app.demo_city`` and its event."""
    from desktop.events import DemoCityGrew

    def grew(done: int, total: int) -> None:
        event = DemoCityGrew(done, total)
        app.demo_city = event if event.growing else None
        app.events.publish(event)

    return embedded.grow_city(grew)


def ensure_demo_agent(central: Central) -> None:
    """The demo's agent unit at central, its agent and its administrator (once: a second
    start finds them), with a collection limit, so that the agent's device enrols to it."""
    from db.demo import DEMO_STAFF, demo_password_hash

    try:
        central.add_unit(DEMO_AGENT_UNIT, "Cửa hàng Minh Anh (thu hộ)", kind="agent")
    except ValueError:
        return  # made at an earlier start
    central.set_collection_limit(DEMO_AGENT_UNIT, DEMO_AGENT_LIMIT)
    names = {u: n for u, n, _r in DEMO_STAFF}
    for username, role in (("daily", "agent"), ("quantri", "administrator"),
                           ("giamsat", "supervisor")):
        central.add_staff(DEMO_AGENT_UNIT, username, names[username], role,
                          demo_password_hash())


def issue_demo_route(central: Central) -> None:
    """Today's sheet of the demo unit's first route for the demo field collector, so that
    signing in as them shows a route (once a day: a second start finds it issued)."""
    import datetime as dt

    from db.demo import DEMO_STAFF

    collector = next(u for u, _n, role in DEMO_STAFF if role == "field_collector")
    today = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()
    try:
        central.issue_route(DEMO_UNIT, f"{DEMO_UNIT}-001", collector, today)
    except ValueError as exc:  # issued already today, or the route is empty
        print(f"demo route: {exc}", file=sys.stderr)


def _fatal(exc: QuayThuError) -> int:
    """A failure before the window opened: on stderr and, for a desktop shortcut, on screen."""
    from ui.main import show_fatal

    print(exc.user_message, file=sys.stderr)
    show_fatal(exc.user_message)
    return 2


def _set_up(store: Path) -> bool:
    """Whether the store says its first run was finished. Read with the standard library
    (the store's own library loads behind the sign-in screen); a store that cannot be read
    so counts as set up: the sign-in screen first, and the store's own opening decides."""
    if not store.exists():
        return False
    try:
        con = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
        try:
            row = con.execute("SELECT setup_done_at FROM device WHERE id = 1").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return True
    return row is not None and row[0] is not None


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.instance import InstanceLock

    problem = getattr(args, "settings_problem", None)
    if isinstance(problem, QuayThuError):
        return _fatal(problem)  # a typo in settings.toml, said in a window
    try:
        data_dir = ensure_data_dir(resolve_data_dir(args.data_dir))
        with InstanceLock(data_dir):
            from desktop.vault import look_up_keyring

            # keyring picks its backend on a thread while the core and Qt load (cold start)
            look_up_keyring()
            settings = settings_of(args) or Settings()
            # a first run (no store yet, or a wizard left half done) goes to the wizard,
            # not to a sign-in screen that flashes before it
            first_run = not _set_up(data_dir / STORE_FILE)
            with _loading():
                # the sign-in screen's modules only: the store's library loads behind it
                from ui.main import run_gui, start_gui

            def build() -> App:
                with _loading():
                    from desktop.app import build_app

                    return build_app(data_dir / STORE_FILE, settings=settings)

            if not first_run:
                return start_gui(build, settings)
            app = build()
            try:
                return run_gui(app, with_sync=True)
            finally:
                app.close()
    except QuayThuError as exc:
        return _fatal(exc)


@contextlib.contextmanager
def _loading() -> Iterator[None]:
    """No cyclic garbage collection while the start loads the core and Qt: the ~10⁵
    objects made (modules, classes, the App) live as long as the process, and the
    collections each few hundred of them set off were a seventh of the cold start's
    imports. Once loaded they are frozen out of the collector's sight, as
    ``make_qapplication`` does with what the window loads."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if was_on:
            gc.enable()


__all__ = ["cmd_demo", "cmd_gui", "main"]  # main: older installs' entry point names it here

if __name__ == "__main__":
    sys.exit(main())
