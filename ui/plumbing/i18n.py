"""The language on screen: Qt translators for QuayThu's own words and Qt's.

The source strings are Vietnamese; ``resources/translations/quaythu_<lang>.ts`` (kept
by ``pyside6-lupdate``, see ``build_scripts/translations.py``) give each language's
words and are compiled to ``.qm`` at build time. A source checkout has no ``.qm``
yet: the first start compiles them with ``pyside6-lrelease`` into the user cache.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.config import APP_NAME

logger = logging.getLogger(__name__)

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return Path(str(resources.files("resources").joinpath("translations")))


def _lrelease() -> str | None:
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        if (here / name).exists():
            return str(here / name)
    return shutil.which("pyside6-lrelease")


def qm_file(language: str) -> Path | None:
    """The compiled translation: shipped beside the .ts, else compiled once into the cache."""
    ts = translations_dir() / f"quaythu_{language}.ts"
    shipped = ts.with_suffix(".qm")
    # the bundle's .qm was compiled from its .ts at build time (copying may reorder their
    # dates); in a checkout a .ts edited since the last build is compiled afresh
    frozen = bool(getattr(sys, "frozen", False))
    if shipped.exists() and (frozen or not ts.exists()
                             or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return None
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    cached = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "translations" / (
        f"quaythu_{language}-{digest}.qm")
    if cached.exists():
        return cached
    tool = _lrelease()
    if tool is None:
        logger.warning("no pyside6-lrelease: %s shown untranslated", language)
        return None
    cached.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool, "-silent", str(ts), "-qm", str(cached)], check=True, timeout=120)
    return cached


def install(language: str) -> bool:
    """Make ``language`` the one every later ``tr()`` answers in (True: a translation loaded)."""
    app = QCoreApplication.instance()
    assert app is not None
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ok = False
    path = qm_file(language)
    if path is not None:
        ours = QTranslator(app)
        if ours.load(str(path)):
            app.installTranslator(ours)
            _installed.append(ours)
            ok = True
    # Qt's own words (buttons of message boxes and the wizard) in the same language
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    elif language == "vi":
        # PySide6 ships no qtbase_vi: the file dialog's words come from ours
        from ui.plumbing.qt_words import QtWords

        words = QtWords(app)
        app.installTranslator(words)
        _installed.append(words)
    QLocale.setDefault(QLocale(language))
    from desktop import i18n as core

    core.set_language(language)  # the core's messages in the same language
    return ok


def ensure_qt_words() -> None:
    """Before a file dialog: Qt's own words in Vietnamese, unless the screen is in English
    (a dialog shown before ``install`` ran, as in a test or the setup wizard)."""
    from ui.plumbing.qt_words import QtWords

    app = QCoreApplication.instance()
    if app is None or QLocale().language() == QLocale.Language.English:
        return
    if any(isinstance(t, QtWords) for t in _installed):
        return
    if any(t.language().startswith("vi") for t in _installed):  # a qtbase_vi was loaded
        return
    words = QtWords(app)
    app.installTranslator(words)
    _installed.append(words)
