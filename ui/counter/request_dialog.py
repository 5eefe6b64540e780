"""Ctrl+R: take a service request and print its acknowledgement slip."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import App
from desktop.dto import AccountDetail, RequestView
from desktop.service_requests import KINDS, RequestForm
from desktop.staff.auth import Actor
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.widgets.common import message_label
from ui.widgets.inline_error import InlineError


def parse_day(text: str) -> dt.date | None:
    """``15/12/2026`` (or ``15-12-2026``) → a date; empty → None; else ValueError."""
    text = text.strip().replace("-", "/").replace(".", "/")
    if not text:
        return None
    day, month, year = (int(x) for x in text.split("/"))
    return dt.date(year, month, day)


class ServiceRequestDialog(QDialog):
    """The open customer's details filled in; a new supply starts from an empty form."""

    submitted = Signal(object)

    def __init__(self, app: App, runner: Tasks, actor: Actor,
                 detail: AccountDetail | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor, self.detail = app, runner, actor, detail
        # a printer that hangs must not hold up the store's worker: its own runner
        self.printer_runner = runner.printer
        # one key per form: pressing Enter twice, or again after a timeout, is one request
        self.key = str(uuid.uuid4())
        self.taken: RequestView | None = None
        self.setObjectName("serviceRequestDialog")
        self.setWindowTitle(self.tr("Tiếp nhận yêu cầu dịch vụ"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("requestKind")
        for key, label in KINDS.items():
            if detail is None or key != "new_supply":
                self.kind.addItem(label, key)
        if detail is None:
            self.kind.setCurrentIndex(self.kind.findData("new_supply"))
        self.name = QLineEdit(detail.name if detail else "")
        self.name.setObjectName("requestName")
        self.address = QLineEdit(detail.address if detail else "")
        self.address.setObjectName("requestAddress")
        self.phone = QLineEdit()
        self.phone.setObjectName("requestPhone")
        self.phone.setPlaceholderText("0909 123 456")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("requestIdNumber")
        self.id_number.setPlaceholderText(self.tr("12 chữ số (cấp mới, thay đổi, chấm dứt HĐ)"))
        self.preferred = QLineEdit()
        self.preferred.setObjectName("requestDate")
        self.preferred.setPlaceholderText(self.tr("dd/mm/yyyy (không bắt buộc)"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("requestNote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        customer = (self.tr("{code} — {name}").format(code=detail.code, name=detail.name)
                    if detail else self.tr("(khách hàng mới, chưa có mã)"))
        form.addRow(self.tr("Khách hàng"), message_label("requestCustomer", customer))
        form.addRow(self.tr("Loại yêu cầu"), self.kind)
        form.addRow(self.tr("Họ tên người yêu cầu"), self.name)
        form.addRow(self.tr("Địa chỉ sử dụng điện"), self.address)
        form.addRow(self.tr("Điện thoại liên hệ"), self.phone)
        form.addRow(self.tr("Số CCCD"), self.id_number)
        form.addRow(self.tr("Ngày mong muốn"), self.preferred)
        form.addRow(self.tr("Nội dung"), self.note)
        self.form = form
        self.field_error = InlineError("requestFieldError", self)
        layout.addLayout(form)
        self.message = message_label("requestMessage")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.submit_button = QPushButton(self.tr("Tiếp nhận và in phiếu (Ctrl+Enter)"))
        self.submit_button.setObjectName("requestSubmit")
        self.submit_button.clicked.connect(self.submit)
        self.reprint_button = QPushButton(self.tr("In lại phiếu (Ctrl+P)"))
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self.print_slip)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(self.reject)
        for b in (self.submit_button, self.reprint_button, close):
            b.setAutoDefault(False)
            row.addWidget(b)
        layout.addLayout(row)
        for line in (self.name, self.address, self.phone, self.id_number, self.preferred):
            line.returnPressed.connect(self.submit)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_slip)
        (self.phone if detail else self.name).setFocus()

    def submit(self) -> None:
        if self.taken is not None:
            return
        try:
            preferred = parse_day(self.preferred.text())
        except ValueError:
            text = self.tr("Ngày mong muốn không hợp lệ: gõ theo dạng ngày/tháng/năm, "
                           "ví dụ 15/12/2026.")
            self.message.setText(text)
            self.field_error.show_for(self.preferred, text)
            self._place_error(self.preferred)
            return
        self.field_error.clear_message()
        form = RequestForm(
            kind=str(self.kind.currentData()), customer_name=self.name.text(),
            address=self.address.text(), phone=self.phone.text(),
            account_id=self.detail.id if self.detail else None,
            id_number=self.id_number.text(), note=self.note.toPlainText(),
            preferred_on=preferred)
        requests, actor, key = self.app.requests, self.actor, self.key
        self.submit_button.setEnabled(False)
        self.runner.run(lambda: requests.submit(actor, form, key=key), self._taken,
                        self._refused)

    def _refused(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        self.message.setText(error_text(exc))
        field = self._fields().get(getattr(exc, "field", None) or "")
        if field is not None:
            # beside the field it is about, the focus there; what was typed stays (issue 29:
            # the focus stayed on the kind box and the phone typed next was lost)
            self.field_error.show_for(field, error_text(exc))
            self._place_error(field)

    def _fields(self) -> dict[str, QWidget]:
        return {"kind": self.kind, "name": self.name, "address": self.address,
                "phone": self.phone, "id_number": self.id_number,
                "preferred": self.preferred, "note": self.note}

    def _place_error(self, field: QWidget) -> None:
        """The one error line moves under the field it is about."""
        form = self.form

        def row_of(widget: QWidget) -> int:
            return int(cast(tuple[int, object], form.getWidgetPosition(widget))[0])

        current = row_of(self.field_error)
        if current >= 0:
            form.takeRow(current)
        form.insertRow(row_of(field) + 1, "", self.field_error)
        self.field_error.setVisible(True)

    def _taken(self, view: RequestView) -> None:
        self.taken = view
        for w in (self.kind, self.name, self.address, self.phone, self.id_number,
                  self.preferred, self.note):
            w.setEnabled(False)
        self.reprint_button.setEnabled(True)
        self.message.setText(self.tr("Đã tiếp nhận yêu cầu {ref}. Đang in phiếu tiếp nhận…")
                             .format(ref=view.ref))
        self.submitted.emit(view)
        self.print_slip()

    def print_slip(self) -> None:
        if self.taken is None:
            return
        app, actor, ref = self.app, self.actor, self.taken.ref
        self.printer_runner.run(
            lambda: app.prints.print_document(app.requests.slip_document(actor, ref)),
            lambda _r: self.message.setText(
                self.tr("Đã tiếp nhận yêu cầu {ref} và in phiếu. Esc để đóng.").format(ref=ref)),
            lambda exc: self.message.setText(
                self.tr("Đã tiếp nhận yêu cầu {ref}. {error} Ctrl+P để in lại phiếu.")
                .format(ref=ref, error=error_text(exc))))
