"""What the agent's and the field collector's windows share: who is signed in, the lanes,
the core's events, the link and the printer started, and the sign-out when closed."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from desktop.app import App
from desktop.staff.auth import Actor
from ui.shell.core_events import CoreEvents
from ui.shell.tasks import Tasks


class SimpleWindow(QMainWindow):
    def __init__(self, app: App, runner: Tasks | None, *, actor: Actor,
                 online: bool) -> None:
        super().__init__()
        self.app, self.actor, self.online = app, actor, online
        self.runner = runner or Tasks(app, self)
        self.events = CoreEvents(app, self)
        self.sync_status = QLabel("")
        #: closed by signing out (Ctrl+Shift+L): the sign-in screen comes next, and then
        #: the window of whoever signs in (ui/main.run_gui)
        self.ask_next = False

    def sign_out(self) -> None:
        self.ask_next = True
        self.close()

    def start(self, connecting: str, offline: str) -> None:
        """The link (when this window keeps the device in step) and the printer thread."""
        if self.online:
            self.sync_status.setText(connecting)
            self.app.link.start()
        else:
            self.sync_status.setText(offline)
        # receipts a crash or a dead printer left behind print now
        self.app.printer.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.events.detach()
        if self.online:
            self.app.link.stop()
        auth, actor = self.app.auth, self.actor
        self.runner.run(lambda: auth.sign_out(actor))  # their session is this window's
        self.runner.wait(10_000)
        super().closeEvent(event)
