"""Start the GUI on an already built core (see ``desktop/__main__.py``)."""

from __future__ import annotations

import sys
from importlib import resources

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import App
from ui.main_window import MainWindow


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


def run_gui(app: App) -> int:
    qapp = make_qapplication()
    window = MainWindow(app)
    window.show()
    # the cashier starts typing at once: take the keyboard
    window.raise_()
    window.activateWindow()
    code = qapp.exec()
    window.runner.wait(5000)
    return int(code)
