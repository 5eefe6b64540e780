"""The QApplication and its look: Qt and the theme only, nothing of the core, so that a
window can show before the core has loaded (``quaythu demo``'s progress window)."""

from __future__ import annotations

import gc
import sys
from importlib import resources

from PySide6.QtWidgets import QApplication


def load_stylesheet(*, large_text: bool = False, high_contrast: bool = False) -> str:
    """The application's one style sheet, generated from the theme's tokens (ui/theme.py)."""
    from ui.theme import stylesheet

    return stylesheet(large_text=large_text, high_contrast=high_contrast)


def apply_theme(large_text: bool = False, high_contrast: bool = False) -> None:
    """The device's text size and contrast (Settings.large_text / high_contrast), applied
    to every window, those open included."""
    from ui.theme import apply_to

    qapp = QApplication.instance()
    if isinstance(qapp, QApplication):
        apply_to(qapp, large_text=large_text, high_contrast=high_contrast)


def register_fonts() -> list[str]:
    """The fonts QuayThu ships (DejaVu: every Vietnamese glyph), known to Qt too: a counter
    PC whose own fonts lack them still shows names and addresses whole."""
    from PySide6.QtGui import QFontDatabase

    families: list[str] = []
    fonts = resources.files("resources").joinpath("fonts")
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        data = fonts.joinpath(name).read_bytes()
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


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
    from ui.plumbing.collector import GuiThreadCollector

    # never a collection on a worker's thread: it may destroy a Qt object there
    GuiThreadCollector(qapp)
    register_fonts()
    apply_theme()
    from ui.plumbing.crash import install_crash_reporter

    install_crash_reporter()
    from ui.plumbing import key_relay

    key_relay.install(qapp)
    return qapp
