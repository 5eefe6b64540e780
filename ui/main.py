"""Start the GUI on an already built core (see ``desktop/__main__.py``)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from importlib import resources

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import App
from desktop.auth import Actor
from desktop.device import is_enrolled, sync_engine
from desktop.errors import QuayThuError
from desktop.sync.engine import SyncEngine
from ui.enrol_dialog import EnrolDialog
from ui.main_window import MainWindow
from ui.sign_in_dialog import Mode, SignInDialog
from ui.tasks import TaskRunner


def load_stylesheet() -> str:
    return resources.files("resources").joinpath("style.qss").read_text(encoding="utf-8")


def make_qapplication() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # The sync thread parses and stores pages while a second one fetches the
    # next: with the default 5 ms the window can wait behind both for the
    # interpreter lock. 1 ms keeps the window answering within the budget.
    sys.setswitchinterval(0.001)
    # Everything imported so far lives as long as the process: out of the
    # collector's sight, a full collection while a sync parses pages does not
    # walk all of Qt and SQLAlchemy again (a pause the window would feel).
    gc.freeze()
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("QuayThu")
    qapp.setStyleSheet(load_stylesheet())
    return qapp


def show_fatal(message: str) -> None:
    """A message box for a failure before the main window could open."""
    qapp = make_qapplication()
    box = QMessageBox(QMessageBox.Icon.Critical, "QuayThu", message)
    box.setObjectName("fatalBox")
    box.exec()
    qapp.processEvents()


def _first_sync(app: App, engine: SyncEngine) -> str | None:
    """Right after enrolment no staff is known yet: pull until they are, no further.

    A page at a time, stopping as soon as someone can sign in: the rest of a
    big unit comes down on the sync thread with the window open.
    """
    if app.auth.has_staff():
        return None
    try:
        for _ in range(100_000):
            pulled, _cursor = engine.pull_once(max_pages=1)
            if app.auth.has_staff() or pulled == 0:
                break
    except QuayThuError as exc:
        return exc.user_message
    return None if app.auth.has_staff() else "Máy chủ trung tâm chưa có nhân viên nào cho đơn vị này."


def sign_in(app: App, runner: TaskRunner, hint: str = "") -> Actor | None:
    dialog = SignInDialog(app, runner, Mode.SIGN_IN, hint=hint)
    if dialog.exec() != SignInDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def run_gui(app: App, *, with_sync: bool = False, sign_in_hint: str = "",
            simulate_bank: Callable[[str], None] | None = None) -> int:
    """The main window; with ``with_sync``, first enrol if needed, then keep in step.

    Nobody works without signing in: the sign-in screen comes before the window.
    """
    qapp = make_qapplication()
    runner = TaskRunner()
    engine = None
    if with_sync:
        enrolled = is_enrolled(app) or (
            EnrolDialog(app, runner).exec() == EnrolDialog.DialogCode.Accepted)
        if not enrolled:
            return 1
        engine = sync_engine(app)
        problem = _first_sync(app, engine)
        if problem is not None:
            show_fatal(f"Chưa đăng nhập được: {problem}")
            return 1
    actor = sign_in(app, runner, sign_in_hint)
    if actor is None:
        runner.wait(5000)
        return 1
    window = MainWindow(app, runner, sync=engine, actor=actor)
    window.simulate_bank = simulate_bank
    window.show()
    # the cashier starts typing at once: take the keyboard
    window.raise_()
    window.activateWindow()
    code = qapp.exec()
    window.runner.wait(5000)
    return int(code)
