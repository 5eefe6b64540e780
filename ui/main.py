"""Start the GUI: on an already built core (the demo, see ``desktop/__main__.py``), or
the sign-in screen first and the core opened behind it (:func:`start_gui`, a counter's
start: issue 31's cold start)."""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from desktop.errors import QuayThuError
from desktop.staff.identity import Actor
from ui.plumbing.qapp import (  # noqa: F401 - here too, where callers have found them
    apply_theme,
    load_stylesheet,
    make_qapplication,
    register_fonts,
)
from ui.shell.sign_in_dialog import Mode, SignInDialog
from ui.shell.tasks import Tasks

if TYPE_CHECKING:  # the windows' modules load once someone signed in (cold start)
    from desktop.app import App
    from desktop.config import Settings
    from ui.shell.window import ShellWindow

T = TypeVar("T")


def show_fatal(message: str) -> None:
    """A message box for a failure before the main window could open."""
    qapp = make_qapplication()
    box = QMessageBox(QMessageBox.Icon.Critical, "QuayThu", message)
    box.setObjectName("fatalBox")
    box.exec()
    qapp.processEvents()


def _wait_for(runner: Tasks, fn: Callable[[], T], *, lane: str = "network") -> T | str | None:
    """Run ``fn`` on a lane while the event loop turns (no window yet to freeze, but the
    GUI thread never does store or network work); its answer, or the failure's message."""
    from PySide6.QtCore import QEventLoop

    answer: list[T | str | None] = []
    loop = QEventLoop()

    def done(result: T) -> None:
        answer.append(result)
        loop.quit()

    def failed(exc: BaseException) -> None:
        answer.append(exc.user_message if isinstance(exc, QuayThuError) else str(exc))
        loop.quit()

    (runner.store if lane == "store" else runner.network).run(fn, done, failed)
    if not answer:
        loop.exec()
    return answer[0] if answer else None


#: a file that the moment the sign-in screen is first shown is written to (wall clock,
#: seconds since the epoch), after which the program leaves: the cold-start benchmark
#: (tests/perf/bench_startup.py) times the installed bundle with it from outside
ENV_STARTUP_PROBE = "QUAYTHU_STARTUP_PROBE"


def sign_in(app: App, runner: Tasks, hint: str = "",
            early: SignInDialog | None = None) -> Actor | None:
    """Who works now; ``early``: the screen already shown while the core opened (what was
    typed on it stays)."""
    if early is not None:
        dialog = early
        if hint and not dialog.hint:
            dialog.hint = hint
        dialog.attach(app, runner)
    else:
        dialog = SignInDialog(app, runner, Mode.SIGN_IN, hint=hint)
    probe = os.environ.get(ENV_STARTUP_PROBE)
    if probe:
        from PySide6.QtCore import QTimer

        def shown() -> None:
            # the moment the screen was first shown, then the moment it could sign in
            seen = dialog.first_shown_at or time.time()
            Path(probe).write_text(f"{seen!r}\n{time.time()!r}\n", encoding="ascii")
            dialog.reject()

        QTimer.singleShot(0, shown)  # runs once the dialog's event loop shows it
    if dialog.exec() != SignInDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def open_window(app: App, runner: Tasks, actor: Actor, *, online: bool,
                simulate_bank: Callable[[str], None] | None = None) -> ShellWindow:
    """The window the unit's kind and the role call for (desktop.modes), not a setting."""
    from desktop.modes import Mode as WindowMode
    from desktop.modes import window_mode

    # read off the GUI thread, as everything of the store
    found = _wait_for(runner, lambda: window_mode(app.sessions, actor), lane="store")
    mode = found if isinstance(found, WindowMode) else WindowMode.COUNTER
    if mode is WindowMode.AGENT:
        from ui.agent.agent_window import AgentWindow

        return AgentWindow(app, runner, actor=actor, online=online)
    if mode is WindowMode.COLLECTOR:
        from ui.collector.collector_window import CollectorWindow

        return CollectorWindow(app, runner, actor=actor, online=online)
    if mode is WindowMode.OFFICE:
        from ui.office.office_window import OfficeWindow

        return OfficeWindow(app, runner, actor=actor, online=online)
    from ui.counter.main_window import MainWindow

    window = MainWindow(app, runner, actor=actor, online=online)
    window.simulate_bank = simulate_bank
    return window


def _dress(settings: Settings) -> None:
    """The language and the theme the settings ask for (before any screen is built)."""
    from ui.plumbing import i18n

    i18n.install(settings.language)
    apply_theme(bool(getattr(settings, "large_text", False)),
                bool(getattr(settings, "high_contrast", False)))


def start_gui(build: Callable[[], App], settings: Settings) -> int:
    """A counter's start: the sign-in screen first, then the core (``build``: the store
    opened, checked and put back from its log) behind it, then the rest as
    :func:`run_gui`. The cashier sees where to type at once and types while the store
    opens; the core's library alone cost a third of a second of the start before.

    A :class:`QuayThuError` of ``build`` closes the screen and goes to the caller."""
    qapp = make_qapplication()
    _dress(settings)
    early = SignInDialog(None, None, Mode.SIGN_IN)
    early.show()
    # painted before the core is opened: the store's work blocks this thread meanwhile
    # (bounded: a window manager that never maps the window does not hold the start)
    handle, deadline = early.windowHandle(), time.monotonic() + 2.0
    qapp.processEvents()
    while handle is not None and not handle.isExposed() and time.monotonic() < deadline:
        qapp.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    qapp.processEvents()
    early.first_shown_at = time.time()
    try:
        app = _open_behind(build)
    except BaseException:
        early.hide()
        early.deleteLater()
        raise
    try:
        return run_gui(app, with_sync=True, early=early)
    finally:
        app.close()


class _Opened(QObject):
    # emitted from the thread that opens the store: delivered on the GUI thread
    finished = Signal()


def _open_behind(build: Callable[[], App]) -> App:
    """``build()`` on a thread of its own while the event loop turns: the sign-in screen
    shows what is typed and answers Enter and Esc (it keeps them for the store) instead of
    standing still while the store opens (0.7 s on the 2.6 M store, issue 31). The core
    touches no Qt object; its failure is raised here, on the GUI thread."""
    result: list[App] = []
    failure: list[BaseException] = []
    opened = _Opened()
    loop = QEventLoop()
    opened.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        try:
            result.append(build())
        except BaseException as exc:  # raised again on the GUI thread below
            failure.append(exc)
        finally:
            opened.finished.emit()

    from ui.plumbing.collector import GuiThreadCollector

    collector = QCoreApplication.instance().findChild(GuiThreadCollector)  # type: ignore[union-attr]
    if collector is not None:
        collector.hold()  # (the store's modules and the App are loading: nothing to free)
    thread = threading.Thread(target=work, name="quaythu-store-open", daemon=True)
    thread.start()
    try:
        loop.exec()  # (a finish before this line is queued: it ends the loop at once)
        thread.join()
    finally:
        if collector is not None:
            collector.release()
    if failure:
        raise failure[0]
    return result[0]


def run_gui(app: App, *, with_sync: bool = False,
            sign_in_hint: str | Callable[[], str] = "",
            simulate_bank: Callable[[str], None] | None = None,
            early: SignInDialog | None = None) -> int:
    """The main window; with ``with_sync``, first enrol if needed, then keep in step.

    Nobody works without signing in: the sign-in screen comes before the window.
    ``early``: the sign-in screen shown already (:func:`start_gui`).
    """
    qapp = make_qapplication()
    # what loaded after the QApplication was made (the demo's core, behind its progress
    # window) out of the collector's sight too, as make_qapplication says
    gc.freeze()
    runner = Tasks(app)
    if early is None:
        _dress(app.settings)
    if with_sync:
        from desktop.dto import SetupState

        state = _wait_for(runner, app.device.setup_state, lane="store")
        if not isinstance(state, SetupState):
            show_fatal(str(state))
            return 1
        if not state.done:
            if early is not None:  # a first run: the wizard, then a sign-in screen anew
                early.hide()
                early.deleteLater()
                early = None
            # the wizard's modules load only on a first run (cold start)
            from ui.setup.setup_wizard import SetupWizard

            wizard = SetupWizard(app, runner, state, language=app.settings.language)
            if wizard.exec() != SetupWizard.DialogCode.Accepted:
                runner.wait(5000)
                return 1
        problem = _wait_for(runner, app.link.pull_until_staff)
        if problem is not None:
            show_fatal(QCoreApplication.translate("main", "Chưa đăng nhập được: {0}")
                       .format(problem))
            return 1
    actor = sign_in(app, runner, sign_in_hint() if callable(sign_in_hint) else sign_in_hint,
                    early)
    if actor is None:
        runner.wait(5000)
        return 1
    code = 0
    # at most one window per sign-in; bounded for the loop's sake (a counter's day)
    for _ in range(10_000):
        # the main window's modules load once someone signed in: the sign-in screen first
        window = open_window(app, runner, actor, online=with_sync,
                             simulate_bank=simulate_bank)
        # the sign-in after a sign-out says what the first one said (the demo's accounts)
        window.sign_in_hint = sign_in_hint
        window.show()
        # the cashier starts typing at once: take the keyboard
        window.raise_()
        window.activateWindow()
        code = qapp.exec()
        runner.wait(5000)
        # whoever signed in after a sign-out may need another window (a collector at a
        # counter PC), or a fresh one of their own (ui/shell/window.py)
        if window.next_actor is None:
            break
        actor = window.next_actor
    return int(code)
