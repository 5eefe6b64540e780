"""The program's first screen is the sign-in, shown before the store opens behind it
(issue 31, cold start): what is typed meanwhile stays, an Enter pressed early signs in
once the store is open, Esc waits for it, and a store that cannot open closes the screen
and says why."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.demo import DEMO_PASSWORD
from desktop.app import App
from ui.shell.sign_in_dialog import Mode, SignInDialog
from ui.shell.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]


def test_what_is_typed_before_the_store_opens_signs_in_once_it_has(qtbot: QtBot,
                                                                   app: App) -> None:
    dialog = SignInDialog(None, None, Mode.SIGN_IN)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc before the store is read: it waits
    assert dialog.isVisible() and "Đang mở dữ liệu" in dialog.message.text()
    qtbot.keyClicks(dialog.username, "thungan")
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # then Enter: the last key wins
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.message.text() == "Đang kiểm tra…" and not dialog.ok.isEnabled()
    runner = TaskRunner()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.attach(app, runner)  # type: ignore[arg-type]
    assert dialog.actor is not None and dialog.actor.username == "thungan"
    runner.wait()


@pytest.mark.parametrize("shift_open", [False, True])
def test_esc_before_the_store_opens_is_answered_once_it_has(qtbot: QtBot, app: App,
                                                            shift_open: bool) -> None:
    if shift_open:
        from tests.staff import pretend_enrolled, sign_in

        pretend_enrolled(app, 5)
        app.shifts.open(sign_in(app, "thungan"), 0)
    dialog = SignInDialog(None, None, Mode.SIGN_IN)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "thungan")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc last: the person wants to leave
    assert dialog.isVisible()
    runner = TaskRunner()
    if not shift_open:
        with qtbot.waitSignal(dialog.rejected, timeout=10_000):
            dialog.attach(app, runner)  # type: ignore[arg-type]
        assert not dialog.isVisible() and dialog.actor is None
    else:
        dialog.attach(app, runner)  # type: ignore[arg-type]
        # a shift is still open: asked first, as an Esc after the store opened is
        qtbot.waitUntil(lambda: dialog.quit_box is not None and dialog.quit_box.isVisible(),
                        timeout=10_000)
        assert dialog.isVisible()
        assert "Đang mở dữ liệu" not in dialog.message.text()
        assert dialog.quit_box is not None
        dialog.quit_box.reject()
        dialog.done(0)
    runner.wait()


def test_a_wrong_password_typed_early_is_refused_once_the_store_opens(qtbot: QtBot,
                                                                       app: App) -> None:
    dialog = SignInDialog(None, None, Mode.SIGN_IN)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "thungan")
    qtbot.keyClicks(dialog.password, "sai")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    runner = TaskRunner()
    dialog.attach(app, runner)  # type: ignore[arg-type]
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=10_000)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.error.text().startswith("Sai tên đăng nhập hoặc mật khẩu")
    assert dialog.password.text() == ""
    runner.wait()
    dialog.reject()


#: the program's start with a core that cannot be built: what was on screen, and what
#: was loaded, when the core was asked for; then what the start did with the failure
CHILD = """
import json, sys
from PySide6.QtWidgets import QApplication
from desktop.config import Settings
from desktop.errors import QuayThuError
import ui.main
from ui.shell.sign_in_dialog import SignInDialog

seen = {}
def build():
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, SignInDialog) and w.isVisible()]
    seen["sign_in_shown"] = len(shown)
    seen["exposed"] = bool(shown) and shown[0].windowHandle().isExposed()
    seen["store_library_loaded"] = "sqlalchemy" in sys.modules
    raise QuayThuError("Kho dữ liệu hỏng.")

try:
    ui.main.start_gui(build, Settings())
except QuayThuError as exc:
    seen["error"] = exc.user_message
seen["left_on_screen"] = [type(w).__name__ for w in QApplication.topLevelWidgets()
                          if w.isVisible()]
print(json.dumps(seen))
"""


def test_the_sign_in_is_on_screen_before_the_store_library_loads() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["sign_in_shown"] == 1 and seen["exposed"]
    assert seen["store_library_loaded"] is False
    # the failure goes to the caller (which says it in a window), the screen closed
    assert seen["error"] == "Kho dữ liệu hỏng."
    assert seen["left_on_screen"] == []


@pytest.mark.parametrize("typed_early", [True, False])
def test_the_program_signs_in_from_its_first_screen(tmp_path: Path, typed_early: bool) -> None:
    """The whole program (``quaythu`` with no command) on an enrolled store: the cashier
    types on the first screen before or after the store opened, and the window opens."""
    from desktop.app import build_app
    from tests.staff import add_staff, pretend_enrolled

    data = tmp_path / "data"
    data.mkdir()
    app = build_app(data / "quaythu.db")
    try:
        pretend_enrolled(app, 1)
        add_staff(app, "thungan", "cashier")
    finally:
        app.close()
    child = f"""
import json, sys
from PySide6.QtCore import QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
import ui.main
from ui.shell.sign_in_dialog import SignInDialog

opened = []
real_build = ui.main.start_gui

def type_in(d):
    QTest.keyClicks(d.username, "thungan")
    QTest.keyClicks(d.password, {DEMO_PASSWORD!r})
    QTest.keyClick(d.password, Qt.Key.Key_Return)

import threading
from PySide6.QtCore import QObject, Signal

class Typist(QObject):
    go = Signal()

typed = threading.Event()
typist = Typist()

def type_on_screen():
    d = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog))
    type_in(d)
    typed.set()

typist.go.connect(type_on_screen, Qt.ConnectionType.QueuedConnection)

def start_gui(build, settings):
    def build_after_typing():
        if {typed_early!r}:
            # typed while the store opens: the screen takes the keys meanwhile (a screen
            # that stood still until the store was open never types: no sign-in)
            typist.go.emit()
            if not typed.wait(60):
                raise SystemExit("the sign-in screen stood still while the store opened")
        return build()
    return real_build(build_after_typing, settings)
ui.main.start_gui = start_gui

real_open = ui.main.open_window
def open_window(*a, **k):
    w = real_open(*a, **k)
    opened.append(type(w).__name__)
    QTimer.singleShot(0, w.close)
    return w
ui.main.open_window = open_window

if not {typed_early!r}:  # typed once the screen can sign in (the store open)
    real_attach = SignInDialog.attach
    def attach(self, app, runner):
        real_attach(self, app, runner)
        QTimer.singleShot(0, lambda: type_in(self))
    SignInDialog.attach = attach

from desktop.cli import main
code = main(["--data-dir", sys.argv[1]])
print(json.dumps({{"code": code, "opened": opened}}))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", child, str(data)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["opened"] == ["MainWindow"]



def test_a_wizard_left_half_done_comes_back_without_a_sign_in_screen_first(
        tmp_path: Path) -> None:
    """A store enrolled but whose first run was not finished (the wizard closed halfway):
    the wizard comes back at once; no sign-in screen flashes before it (found by a walk in
    a real window, issue 31)."""
    import sqlite3

    from desktop.app import build_app
    from tests.staff import pretend_enrolled

    data = tmp_path / "data"
    data.mkdir()
    app = build_app(data / "quaythu.db")
    try:
        pretend_enrolled(app, 1)
    finally:
        app.close()
    with sqlite3.connect(data / "quaythu.db") as con:
        con.execute("UPDATE device SET setup_done_at = NULL")
    child = """
import json, sys
from ui.shell.sign_in_dialog import SignInDialog
from ui.setup.setup_wizard import SetupWizard

seen = {"sign_in_shown": 0, "wizard": 0}
real_show = SignInDialog.showEvent
def show_event(self, event):
    seen["sign_in_shown"] += 1
    real_show(self, event)
SignInDialog.showEvent = show_event
def wizard_exec(self):
    seen["wizard"] += 1
    seen["wizard_at_page"] = self.currentId()
    return SetupWizard.DialogCode.Rejected
SetupWizard.exec = wizard_exec

from desktop.cli import main
seen["code"] = main(["--data-dir", sys.argv[1]])
print(json.dumps(seen))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", child, str(data)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["wizard"] == 1 and seen["sign_in_shown"] == 0, seen
    assert seen["code"] == 1  # the wizard closed: nothing opened behind it
