"""Ctrl+F10: cash out of the drawer to the safe or the head cashier, mid-shift."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import App
from desktop.errors import QuayThuError, ValidationError
from desktop.money.amounts import format_vnd
from desktop.staff.auth import Actor
from ui.plumbing.errors import error_text, present_error
from ui.shell.tasks import Tasks
from ui.widgets.amount_field import AmountField
from ui.widgets.common import message_label


class CashDropDialog(QDialog):
    """Cash out of the drawer to the safe or the head cashier, mid-shift (nộp tiền)."""

    dropped = Signal(str)

    def __init__(self, app: App, runner: Tasks, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor = app, runner, actor
        self.setObjectName("cashDropDialog")
        self.setWindowTitle(self.tr("Nộp tiền giữa ca"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.amount = AmountField("dropAmount", minimum=1, value=None)
        self.to_whom = QLineEdit(self.tr("Két sắt"))
        self.to_whom.setObjectName("dropTo")
        form.addRow(self.tr("Số tiền nộp"), self.amount.placed())
        form.addRow(self.tr("Nộp cho"), self.to_whom)
        layout.addLayout(form)
        self.message = message_label("shiftMessage")
        layout.addWidget(self.message)
        self.ok = QPushButton(self.tr("Nộp (Enter)"))
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.submit)
        layout.addWidget(self.ok)
        self.amount.setFocus()

    def submit(self) -> None:
        try:
            amount = self.amount.checked_value()
        except QuayThuError:
            return  # said beside the field
        shifts, actor, to_whom = self.app.shifts, self.actor, self.to_whom.text()
        self.runner.run(lambda: shifts.drop(actor, amount, to_whom),
                        lambda key: self._done(key, amount),
                        lambda exc: self.message.setText(error_text(exc)))

    def _done(self, key: str, amount: int) -> None:
        self.message.setText(self.tr("Đã ghi nộp {a} (phiếu {k}).").format(
            a=format_vnd(amount), k=key[:8].upper()))
        # the slip, when the counter has a printer; a printer fault does not undo the drop
        shifts, prints, actor = self.app.shifts, self.app.prints, self.actor
        parent = self.parentWidget()
        self.runner.printer.run(
            lambda: prints.print_document(shifts.drop_document(actor, key)), lambda _r: None,
            # no printer configured: nothing to say; a printer fault: said at once
            lambda exc: None if isinstance(exc, ValidationError) else present_error(parent, exc))
        self.dropped.emit(key)
        self.accept()
