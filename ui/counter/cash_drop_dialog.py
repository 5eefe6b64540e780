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
from ui.widgets.inline_error import InlineError


class CashDropDialog(QDialog):
    """Cash out of the drawer to the safe or the head cashier, mid-shift (nộp tiền)."""

    dropped = Signal(str)

    def __init__(self, app: App, runner: Tasks, actor: Actor,
                 parent: QWidget | None = None, *, shift_open: bool = True) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor = app, runner, actor
        self.setObjectName("cashDropDialog")
        self.setWindowTitle(self.tr("Nộp tiền giữa ca"))
        # wide enough for a sentence beside the amount; the dialog grows with what it says
        # (a fixed size squeezed the form: the amount cut in half, "Nộp cho" over it)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        # a refusal about the whole drop (no shift open…), in red above the form
        self.refusal = InlineError("dropRefusal")
        layout.addWidget(self.refusal)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.amount = AmountField("dropAmount", minimum=1, value=None)
        self.to_whom = QLineEdit(self.tr("Két sắt"))
        self.to_whom.setObjectName("dropTo")
        self.to_whom_error = InlineError("dropToError")
        self.to_whom.textEdited.connect(lambda _t: self.to_whom_error.clear_message())
        form.addRow(self.tr("Số tiền nộp"), self.amount)
        form.addRow("", self.amount.error)  # under the field, the width of the form
        form.addRow(self.tr("Nộp cho"), self.to_whom)
        form.addRow("", self.to_whom_error)
        layout.addLayout(form)
        self.message = message_label("shiftMessage")
        layout.addWidget(self.message)
        self.ok = QPushButton(self.tr("Nộp (Enter)"))
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.submit)
        layout.addWidget(self.ok)
        self.amount.setFocus()
        if not shift_open:
            # nothing in a drawer without a shift: said plainly, nothing to type
            for w in (self.amount, self.to_whom, self.ok):
                w.setEnabled(False)
            self.refusal.setText(self.tr(
                "Chưa mở ca: két chưa có tiền để nộp. Mở ca bằng F10 trước. Esc để đóng."))
            self.resize(self.width(), self.sizeHint().height())

    def submit(self) -> None:
        try:
            amount = self.amount.checked_value()
        except QuayThuError:
            return  # said beside the field
        shifts, actor, to_whom = self.app.shifts, self.actor, self.to_whom.text()
        self.refusal.clear_message()
        self.to_whom_error.clear_message()
        self.runner.run(lambda: shifts.drop(actor, amount, to_whom),
                        lambda key: self._done(key, amount), self._refused)

    def _refused(self, exc: BaseException) -> None:
        """The sentence beside the field it is about (focus there), else above the form."""
        field = getattr(exc, "field", None)
        if field == "amount":
            self.amount.show_error(error_text(exc), retype=True)
        elif field == "to_whom":
            self.to_whom_error.show_for(self.to_whom, error_text(exc))
        else:
            self.refusal.setText(error_text(exc))
        self._grow()

    def _grow(self) -> None:
        """Taller by what the sentence takes, never squeezing the form."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
            wanted = max(self.height(), layout.totalHeightForWidth(self.width())
                         if layout.hasHeightForWidth() else layout.totalSizeHint().height())
            if wanted > self.height():
                self.resize(self.width(), wanted)

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
