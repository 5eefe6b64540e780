"""A supervisor approves one action on one subject, with a reason (phê duyệt)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import App
from desktop.staff.auth import Actor
from desktop.staff.permissions import APPROVAL_LABELS, ApprovalAction
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.widgets.common import message_label
from ui.widgets.inline_error import InlineError


class ApprovalDialog(QDialog):
    """A supervisor approves one action on one subject, with a reason."""

    def __init__(self, app: App, runner: Tasks, actor: Actor, action: ApprovalAction,
                 subject: str, reasons: Sequence[str], parent: QWidget | None = None, *,
                 shown_subject: str | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor = app, runner, actor
        self.action, self.subject = action, subject
        self.approval_id: str | None = None
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("Giám sát phê duyệt: {what}").format(
            what=APPROVAL_LABELS[action]))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("{what} – {subject}. Giám sát đăng nhập và ghi lý do.").format(
            what=APPROVAL_LABELS[action].capitalize(), subject=shown_subject or subject))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        # shown in the chosen language, journaled in the utility's (Vietnamese) words
        for reason in reasons:
            self.reason.addItem(QCoreApplication.translate("reasons", reason), reason)
        self.note = QLineEdit()
        self.note.setObjectName("reasonNote")
        self.note.setMaxLength(300)
        self.note.setPlaceholderText(self.tr("ghi thêm (không bắt buộc)"))
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Lý do"), self.reason)
        form.addRow(self.tr("Ghi chú"), self.note)
        form.addRow(self.tr("Giám sát"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        # a refusal (a wrong password, not a supervisor), red under the password, the
        # focus there (issue 29: it was plain black text under the form)
        self.error = InlineError("approvalError")
        form.addRow("", self.error)
        for field in (self.username, self.password):
            field.textEdited.connect(lambda _t: self.error.clear_message())
        layout.addLayout(form)
        self.message = message_label("approvalMessage")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.ok = QPushButton(self.tr("Phê duyệt (Enter)"))
        self.ok.setObjectName("approveButton")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Hủy (Esc)"))
        cancel.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(self.ok)
        row.addWidget(cancel)
        layout.addLayout(row)
        self.reason.setFocus()

    def bar_keys(self) -> str:
        """The keys of this dialog, for the window's bar while it covers the window."""
        return self.tr("Enter phê duyệt · Esc hủy")

    def bar_buttons(self) -> dict[str, QWidget]:
        return {"Enter": self.ok}

    @property
    def reason_text(self) -> str:
        note = self.note.text().strip()
        chosen = str(self.reason.currentData() or self.reason.currentText())
        return f"{chosen}: {note}" if note else chosen

    def submit(self) -> None:
        self.error.clear_message()
        self.ok.setEnabled(False)
        self.message.setText(self.tr("Đang kiểm tra…"))
        auth, actor, action, subject = self.app.auth, self.actor, self.action, self.subject
        username, password, reason = self.username.text(), self.password.text(), self.reason_text
        self.runner.run(lambda: auth.approve(actor, action, subject, username, password, reason),
                        self._done, self._failed)

    def _done(self, approval_id: str) -> None:
        self.approval_id = approval_id
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.password.clear()
        self.message.setText("")
        self.error.show_for(self.password, error_text(exc))
