"""Fixtures of the GUI tests: the real main window on the shared demo store, and a guard
that fails any test in which ui/ code touched the store, the keyring or the network on the
GUI thread."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, event

from desktop.app import App
from desktop.staff.auth import Actor
from ui.counter.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
UI = (ROOT / "ui").as_posix() + "/"
TESTS = (ROOT / "tests").as_posix() + "/"


def _from_ui() -> str | None:
    """The ui/ frame that made this call on the GUI thread, if one did (the innermost frame
    of ui/ or of the tests decides: a test's own call inside the event loop is not ui/'s)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    for frame in reversed(traceback.extract_stack()[:-3]):
        name = frame.filename.replace("\\", "/")
        if name.startswith(TESTS):
            return None
        if name.startswith(UI):
            return f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
    return None


@pytest.fixture(autouse=True)
def gui_thread_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A store query, a keyring read or an HTTP request from ui/ code on the GUI thread is a
    stall the cashier feels: recorded here and failed at the end of the test. (A test's own
    set-up on the main thread is not ui/ code and does not count.)"""
    seen: list[str] = []

    def on_execute(*_args: Any) -> None:
        where = _from_ui()
        if where:
            seen.append(f"store query from {where}")

    real_send = httpx.Client.send

    def send(self: httpx.Client, *args: Any, **kwargs: Any) -> httpx.Response:
        where = _from_ui()
        if where:
            seen.append(f"network request from {where}")
        return real_send(self, *args, **kwargs)

    import desktop.link.token_store as token_store

    real_store = token_store.token_store

    def keyring_store(*args: Any, **kwargs: Any) -> Any:
        where = _from_ui()
        if where:
            seen.append(f"keyring (device token) from {where}")
        return real_store(*args, **kwargs)

    event.listen(Engine, "before_cursor_execute", on_execute)
    # the exact lookups run prepared statements on connections of their own, which no
    # engine event sees: taking one is the store I/O to catch
    import desktop.lookup as lookup

    real_acquire = lookup.LookupService._acquire

    def acquire(self: lookup.LookupService) -> Any:
        on_execute()
        return real_acquire(self)

    monkeypatch.setattr(lookup.LookupService, "_acquire", acquire)
    monkeypatch.setattr(httpx.Client, "send", send)
    monkeypatch.setattr(token_store, "token_store", keyring_store)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", on_execute)
    assert seen == [], "I/O on the GUI thread:\n" + "\n".join(sorted(set(seen)))


@pytest.fixture
def window(qtbot: QtBot, app: App, cashier: Actor) -> Iterator[MainWindow]:
    w = MainWindow(app, actor=cashier)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.runner.wait(5000)


@pytest.fixture(autouse=True)
def no_window_left_open(request: pytest.FixtureRequest) -> Iterator[None]:
    """A dialog a test leaves on screen sits modal over every later test's window (one did:
    a shift-closing dialog made the lock tests of three windows fail). Whatever this test
    left visible is closed here, and its name fails the test that left it."""
    import shiboken6
    from PySide6.QtWidgets import QApplication

    def address(w: Any) -> int:
        return int(shiboken6.getCppPointer(w)[0])

    before = {address(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    yield
    left = [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and address(w) not in before]
    for w in left:
        w.hide()
        w.deleteLater()
    names = sorted(f"{type(w).__name__}({w.objectName()})" for w in left)
    assert names == [], f"{request.node.name} left on screen: {names}"
