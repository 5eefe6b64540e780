"""The first-run screen: enrol this counter with central (one-time code)."""

from __future__ import annotations

import socket

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.app import App
from desktop.link.device import enrol
from ui.errors import error_text
from ui.tasks import Tasks
from ui.widgets import message_label


class EnrolDialog(QDialog):
    def __init__(self, app: App, runner: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.runner = runner
        self.setObjectName("enrolDialog")
        self.setWindowTitle(self.tr("QuayThu – đăng ký quầy thu"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Quầy này chưa đăng ký với máy chủ trung tâm. Nhập địa chỉ máy chủ và mã đăng ký "
            "một lần do quản trị viên cấp."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setObjectName("centralUrl")
        self.url.setPlaceholderText("https://thu.evnhcmc.vn")
        self.code = QLineEdit()
        self.code.setObjectName("enrolmentCode")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX")
        self.name = QLineEdit(socket.gethostname())
        self.name.setObjectName("counterName")
        form.addRow(self.tr("Máy chủ trung tâm"), self.url)
        form.addRow(self.tr("Mã đăng ký"), self.code)
        form.addRow(self.tr("Tên quầy"), self.name)
        layout.addLayout(form)
        self.message = message_label("enrolMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Đăng ký (Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Thoát (Esc)"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.url.setFocus()

    def submit(self) -> None:
        url, code, name = self.url.text().strip(), self.code.text().strip(), self.name.text()
        if not url.startswith(("http://", "https://")) or not code:
            self.message.setText(self.tr("Nhập địa chỉ máy chủ (http:// hoặc https://) "
                                         "và mã đăng ký."))
            return
        self.ok.setEnabled(False)
        self.message.setText(self.tr("Đang đăng ký…"))
        app = self.app
        self.runner.run(lambda: enrol(app, url, code, name.strip() or None), self._done,
                        self._failed)

    def _done(self, _state: object) -> None:
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(error_text(exc))
