"""F6: what the sync set aside (rejected operations, credit alerts) until a supervisor
acknowledges it. The status line is ``ui/shell/statusbar/sync.py``."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.dto import IssueView
from desktop.staff.auth import Actor
from desktop.staff.permissions import Permission, allowed
from ui.plumbing.errors import presenter
from ui.shell.sign_in_dialog import Mode, SignInDialog
from ui.shell.tasks import Tasks
from ui.widgets.table_model import RowsModel, table_view

logger = logging.getLogger(__name__)


class SyncIssuesDialog(QDialog):
    """Rejected operations and credit alerts, until a supervisor acknowledges them."""

    acknowledged = Signal(int)
    loaded = Signal(int)

    def __init__(self, app: App, runner: Tasks, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.runner = runner
        self.actor = actor
        self.setObjectName("syncIssues")
        self.setWindowTitle(self.tr("Các mục đồng bộ cần xử lý"))
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        self.model = RowsModel([self.tr("Thời gian"), self.tr("Loại"), self.tr("Lý do"),
                                self.tr("Nội dung")])
        self.view = table_view(self.model, "issues")
        layout.addWidget(self.view, 1)
        self.empty = QLabel(self.tr("Không có mục nào cần xử lý."))
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        ack = QPushButton(self.tr("Xác nhận đã xem mục chọn (Enter)"))
        ack.setObjectName("acknowledge")
        ack.setDefault(True)
        ack.clicked.connect(self.acknowledge_selected)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(self.close)
        row.addStretch(1)
        row.addWidget(ack)
        row.addWidget(close)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        """Read the open issues on the store worker, show them when they come."""
        self.runner.run(self.app.sync.open_issues, self._show, presenter(self))

    def _show(self, issues: tuple[IssueView, ...]) -> None:
        kinds = {"rejected": self.tr("Bị từ chối"), "credit": self.tr("Ghi có cho khách"),
                 "quarantined": self.tr("Hỏng, đã để riêng"),
                 "unsealed": self.tr("Không do quầy ghi, đã để riêng"),
                 "log_gap": self.tr("Sổ thao tác thiếu dòng"),
                 "clash": self.tr("Trùng số phiếu thu"),
                 "journal": self.tr("Nhật ký khác trung tâm")}
        self.model.set_rows([(labels.local_datetime(i.created_at), kinds.get(i.kind, i.kind),
                              i.reason, i.message) for i in issues], issues,
                            [i.kind == "rejected" for i in issues])
        self.empty.setVisible(not issues)
        if issues:
            self.view.selectRow(0)
        self.loaded.emit(len(issues))

    def acknowledge_selected(self) -> None:
        """A supervisor acknowledges; anyone else fetches one, who signs in for this."""
        row = self.view.currentIndex().row()
        if row < 0:
            return
        issue = self.model.item(row)
        if allowed(self.actor.role, Permission.ACKNOWLEDGE_ISSUES):
            self._acknowledge(issue.id, self.actor, temporary=False)
            return
        self.supervisor = SignInDialog(self.app, self.runner, Mode.SUPERVISOR, None, self)

        def signed_in(code: int) -> None:
            dialog = self.supervisor
            if code == SignInDialog.DialogCode.Accepted and dialog.actor is not None:
                self._acknowledge(issue.id, dialog.actor, temporary=True)

        self.supervisor.finished.connect(signed_in)
        self.supervisor.open()

    def _acknowledge(self, issue_id: int, actor: Actor, *, temporary: bool) -> None:
        sync, auth = self.app.sync, self.app.auth

        def work() -> None:
            try:
                sync.acknowledge(actor, issue_id)
            finally:
                if temporary:  # the supervisor's session lasts this one action
                    auth.sign_out(actor)

        def done(_r: object) -> None:
            self.acknowledged.emit(issue_id)
            self.reload()

        self.runner.run(work, done, presenter(self))

