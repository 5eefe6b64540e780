"""F10 without a shift: open it with the drawer's float."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import App
from desktop.errors import QuayThuError
from desktop.money.shifts import ShiftView
from desktop.staff.auth import Actor
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.widgets.amount_field import AmountField
from ui.widgets.common import message_label


class OpenShiftDialog(QDialog):
    opened = Signal(object)

    def __init__(self, app: App, runner: Tasks, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor = app, runner, actor
        self.setObjectName("openShiftDialog")
        self.setWindowTitle(self.tr("Mở ca thu"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.float_ = AmountField("openingFloat", value=0)
        form.addRow(self.tr("Tiền đầu ca (tiền lẻ trong két)"), self.float_.placed())
        layout.addLayout(form)
        self.message = message_label("shiftMessage")
        layout.addWidget(self.message)
        ok = QPushButton(self.tr("Mở ca (Enter)"))
        ok.setDefault(True)
        ok.clicked.connect(self.submit)
        self.float_.returnPressed.connect(self.submit)
        layout.addWidget(ok)

    def submit(self) -> None:
        try:
            amount = self.float_.checked_value()
        except QuayThuError:
            return  # said beside the field
        shifts, actor = self.app.shifts, self.actor
        self.runner.run(lambda: shifts.open(actor, amount), self._done,
                        lambda exc: self.message.setText(error_text(exc)))

    def _done(self, shift: ShiftView) -> None:
        self.opened.emit(shift)
        self.accept()
