"""The head cashier's own window (thủ quỹ): the closed shifts waiting to be handed over,
counted blind, the deposit to the bank, and the bank's references when its stamped copies
come back.

A head cashier who signs in at a counter PC gets this window (``desktop.modes``), not the
cashier's: no drawer of their own, no F9; Ctrl+D and the hand-over work at once, under the
session they signed in with (no second sign-in as in the cashier's Ctrl+H). The lock, the
sign-out and the status bar are the shell's (``ui/shell/window.py``), as in every window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.app import App
from desktop.modes import Mode
from desktop.money.turnins import TurnInView
from desktop.staff.auth import Actor
from ui.office.turn_in_dialog import TurnInDialog
from ui.shell.tasks import Tasks
from ui.shell.window import ShellWindow
from ui.widgets import common


class OfficePanel(TurnInDialog):
    """The hand-over and deposit pages, in the window, under the window's session: the
    window's sign-out ends it, not this panel (whose Esc closes nothing)."""

    #: what a hand-over came to (the panel's own line, under the count, is scrolled out of
    #: view on a 1366×768 screen): the text, and whether it went right
    said = Signal(str, bool)

    def __init__(self, app: App, runner: Tasks, head: Actor, parent: QWidget) -> None:
        super().__init__(app, runner, parent)
        self.setWindowFlags(Qt.WindowType.Widget)
        closer = self.findChild(QPushButton, "closeTurnIn")
        if closer is not None:
            closer.hide()
        self.start(head)

    def start(self, head: Actor) -> None:
        """The shifts waiting for ``head``, straight after the window's own sign-in."""
        self.head = head
        turn_ins = self.app.turn_ins
        self.runner.run(lambda: turn_ins.pending(head), self._listed, self._refused)

    def reload(self) -> None:
        """After a sync: shifts closed at other counters since (only while nothing is being
        counted, so nothing typed is lost)."""
        if self.head is None or self.pages.currentIndex() != 1:
            return
        if any(box.value() for box in self.counts.values()) or self.reason.text():
            return
        self.start(self.head)

    def forget_counts(self) -> None:
        """The lock: the count typed so far is not left on screen for whoever passes."""
        for box in self.counts.values():
            box.setEnabled(True)
            box.setValue(0)
        self.reason.clear()

    def _accepted(self, view: TurnInView) -> None:
        super()._accepted(view)
        self.said.emit(self.message.text(), True)  # "Đã nhận bàn giao ca của …"

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        self.said.emit(self.message.text(), False)

    def _sign_out(self) -> None:
        pass  # the session is the window's

    def reject(self) -> None:
        pass  # Esc in a window closes nothing

    def done(self, result: int) -> None:
        pass


class OfficeWindow(ShellWindow):
    MODE = Mode.OFFICE

    def __init__(self, app: App, runner: Tasks | None = None, *, actor: Actor,
                 online: bool = False) -> None:
        super().__init__(app, runner, actor=actor, online=online, shift_keys=False)
        self.setObjectName("officeWindow")
        # a head cashier has no drawer: "Chưa mở ca" in red would say something is wrong
        self.status.shift.hide()
        self.resize(1000, 700)
        self._filled = False
        root = QWidget()
        layout = QVBoxLayout(root)
        self.title = QLabel()
        self.title.setObjectName("officeTitle")
        layout.addWidget(self.title)
        # what a take-over came to, above the pages where it is always in view (the way
        # the counter's banner says a payment or a refusal)
        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        layout.addWidget(self.banner)
        self.panel = OfficePanel(app, self.runner, actor, root)
        self.panel.said.connect(lambda text, done: self.notify(text, done=done))
        # the count's rows, one per note and coin, are taller than a 1366×768 screen leaves
        # (the window was 787 px high at y=20, its status bar off the screen, the fields'
        # borders clipped): the pages scroll inside a window that fits, never squeezed
        self.pages_scroll = QScrollArea()
        self.pages_scroll.setObjectName("officeScroll")
        self.pages_scroll.setWidgetResizable(True)
        self.pages_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.pages_scroll.setWidget(self.panel)
        layout.addWidget(self.pages_scroll, 1)
        self.setCentralWidget(root)
        # Ctrl+P is the deposit slip's here (the panel's); the shell's "print what waits"
        # on the same key would make both ambiguous, and neither would fire
        for shortcut in self.findChildren(QShortcut):
            if shortcut.parent() is self and shortcut.key() == QKeySequence("Ctrl+P"):
                shortcut.setEnabled(False)
        self.events.sync_finished.connect(lambda _e: self.panel.reload())
        # a key shows while its button works: no Ctrl+Enter with no shift waiting, no
        # Ctrl+P or Ctrl+S before a slip is made, none of the deposit's on the hand-over
        deposit = self.panel.deposit
        for key, button in (("Ctrl+Enter", self.panel.ok), ("Ctrl+D", self.panel.to_deposit),
                            ("Ctrl+P", deposit.print_button), ("Ctrl+S", deposit.pdf_button),
                            ("Ctrl+R", deposit.ref_button)):
            self.key_bar.bind(key, button)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("QuayThu – Thủ quỹ – {who}").format(
            who=self.actor.full_name))
        self.title.setText(QCoreApplication.translate(
            "OfficeWindow", "Thủ quỹ {who}: bàn giao ca, nộp ngân hàng").format(
                who=self.actor.full_name))
        self.key_bar.set_keys(self.tr(
            "Ctrl+Enter nhận bàn giao / lập phiếu nộp · Ctrl+D nộp ngân hàng ↔ bàn giao · "
            "Ctrl+P in phiếu nộp · Ctrl+S lưu PDF · Ctrl+R ghi số tham chiếu ngân hàng · "
            "F5 đồng bộ · Ctrl+L khóa · Ctrl+Shift+L đăng xuất"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._filled:
            self._filled = True
            common.fill_screen(self)  # the whole screen, as the counter's window
        self.fit_screen()

    def fit_screen(self) -> None:
        """Within the screen's free area, title bar and status bar included."""
        screen = self.screen()
        if screen is None and common.SCREEN_AREA is None:
            return
        area = common.SCREEN_AREA if common.SCREEN_AREA is not None \
            else screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.left(), area.left()), area.right() - frame.width() + 1)
        y = min(max(frame.top(), area.top()), area.bottom() - frame.height() + 1)
        if (x, y) != (frame.left(), frame.top()):
            self.move(x, y)

    def notify(self, text: str, *, done: bool = False) -> None:
        """A hand-over taken (green) or refused (red), where the head cashier looks."""
        self.banner.setProperty("kind", "done" if done else "")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def hide_customer(self) -> None:
        self.panel.forget_counts()
        self.notify("")  # the last hand-over is not left on screen behind the lock

    def back_to_work(self) -> None:
        self.activateWindow()
        self.panel.reload()
        first = next(iter(self.panel.counts.values()), None)
        if self.panel.pages.currentIndex() == 1 and first is not None:
            first.setFocus()
