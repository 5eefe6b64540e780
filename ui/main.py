"""Start the GUI on an already built core (see ``desktop/__main__.py``)."""

from __future__ import annotations

import sys
from importlib import resources

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import App
from desktop.device import is_enrolled, sync_engine
from ui.enrol_dialog import EnrolDialog
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def load_stylesheet() -> str:
    return resources.files("resources").joinpath("style.qss").read_text(encoding="utf-8")


def make_qapplication() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
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


def run_gui(app: App, *, with_sync: bool = False) -> int:
    """The main window; with ``with_sync``, first enrol if needed, then keep in step."""
    qapp = make_qapplication()
    runner = TaskRunner()
    engine = None
    if with_sync:
        enrolled = is_enrolled(app) or (
            EnrolDialog(app, runner).exec() == EnrolDialog.DialogCode.Accepted)
        if not enrolled:
            return 1
        engine = sync_engine(app)
    window = MainWindow(app, runner, sync=engine)
    window.show()
    # the cashier starts typing at once: take the keyboard
    window.raise_()
    window.activateWindow()
    code = qapp.exec()
    window.runner.wait(5000)
    return int(code)
