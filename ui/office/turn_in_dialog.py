"""Ctrl+H: the head cashier takes a closed shift's cash over, counted blind (bàn giao),
and takes the accepted cash to the bank (Ctrl+D: the deposit page).

The head cashier signs in inside this window at the cashier's counter (their session
ends when it closes), picks the closed shift, counts by denomination without seeing
the shift's figure, and takes it over with Ctrl+Enter. The first count is final; a
difference needs a reason and a supervisor's approval (the approval dialog opens).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.money.amounts import format_vnd
from desktop.money.turnins import PendingShift, TurnInDifference, TurnInView
from desktop.staff.auth import Actor
from desktop.staff.permissions import ApprovalAction
from ui.office.deposit_page import DepositPage
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.widgets.approval_dialog import ApprovalDialog
from ui.widgets.common import checked_counts, count_form, message_label

DIFFERENCE_REASONS: tuple[str, ...] = cast(tuple[str, ...], (
    QT_TRANSLATE_NOOP("reasons", "Thu ngân đếm nhầm lúc đóng ca"),
    QT_TRANSLATE_NOOP("reasons", "Thủ quỹ phát hiện tiền giả/tiền rách"),
    QT_TRANSLATE_NOOP("reasons", "Chưa rõ nguyên nhân"),
    QT_TRANSLATE_NOOP("reasons", "Lý do khác")))


class TurnInDialog(QDialog):
    def __init__(self, app: App, runner: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner = app, runner
        self.head: Actor | None = None
        self.pending: list[PendingShift] = []
        self.approval: ApprovalDialog | None = None
        self.done_views: list[TurnInView] = []
        self.setObjectName("turnInDialog")
        self.setWindowTitle(self.tr("Bàn giao tiền của ca cho thủ quỹ · nộp ngân hàng"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)

        sign_in = QWidget()
        form = QFormLayout(sign_in)
        intro = QLabel(self.tr("Thủ quỹ đăng nhập tại đây để nhận tiền của ca đã đóng. Thủ quỹ "
                               "đếm tiền mà không xem số của ca."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.username = QLineEdit()
        self.username.setObjectName("headUsername")
        self.password = QLineEdit()
        self.password.setObjectName("headPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.sign_in)
        self.username.returnPressed.connect(self.password.setFocus)
        form.addRow(self.tr("Thủ quỹ"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        self.pages.addWidget(sign_in)

        count = QWidget()
        # the shifts waiting beside the count, not above it: on a 1366×768 screen the count,
        # its "đếm được" total and the keys are in view without scrolling (a walk found the
        # head cashier scrolling for the total)
        beside = QHBoxLayout(count)
        waiting = QVBoxLayout()
        self.shifts = QListWidget()
        self.shifts.setObjectName("pendingShifts")
        self.shifts.setMinimumWidth(240)
        waiting.addWidget(QLabel(self.tr("Ca đã đóng chờ bàn giao:")))
        waiting.addWidget(self.shifts, 1)
        beside.addLayout(waiting, 2)
        rows = QVBoxLayout()
        beside.addLayout(rows, 3)
        counts, self.counts = count_form(app.shifts.denominations, "turnIn", self._total)
        rows.addLayout(counts)
        self.counted = QLabel("")
        self.counted.setObjectName("turnInCounted")
        rows.addWidget(self.counted)
        self.reason = QLineEdit()
        self.reason.setObjectName("turnInReason")
        self.reason.setPlaceholderText(self.tr("lý do nếu chênh lệch (khi được hỏi)"))
        rows.addWidget(self.reason)
        self.pages.addWidget(count)
        self.deposit = DepositPage(app, runner)
        self.pages.addWidget(self.deposit)
        # the pages as tall as the page shown, not the tallest (the deposit's): the count
        # needs no scrolling on a 1366×768 screen
        self.pages.currentChanged.connect(self._size_to_page)
        self._size_to_page(self.pages.currentIndex())

        self.message = message_label("turnInMessage")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.ok = QPushButton(self.tr("Nhận bàn giao (Ctrl+Enter)"))
        self.ok.setObjectName("acceptTurnIn")
        self.ok.setAutoDefault(False)
        self.ok.setEnabled(False)
        self.ok.clicked.connect(lambda: self.submit())
        QShortcut(QKeySequence("Ctrl+Return"), self, self._ctrl_enter)
        self.to_deposit = QPushButton(self.tr("Nộp ngân hàng (Ctrl+D)"))
        self.to_deposit.setObjectName("toDeposit")
        self.to_deposit.setAutoDefault(False)
        self.to_deposit.setEnabled(False)
        self.to_deposit.clicked.connect(self.show_deposit)
        QShortcut(QKeySequence("Ctrl+D"), self, self.show_deposit)
        for keys, action in (("Ctrl+P", self.deposit.print_slip),
                             ("Ctrl+S", lambda: self.deposit.save_pdf()),
                             ("Ctrl+R", self.deposit.record_reference)):
            QShortcut(QKeySequence(keys), self, lambda a=action: self._on_deposit_page(a))
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.setObjectName("closeTurnIn")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons.addWidget(self.to_deposit)
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._total()
        self.username.setFocus()

    def _size_to_page(self, index: int) -> None:
        for i in range(self.pages.count()):
            page = self.pages.widget(i)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.updateGeometry()

    def sign_in(self) -> None:
        auth = self.app.auth
        username, password = self.username.text(), self.password.text()
        self.message.setText(self.tr("Đang kiểm tra…"))
        self.runner.run(lambda: auth.sign_in(username, password), self._signed_in,
                        self._failed_sign_in)

    def _failed_sign_in(self, exc: BaseException) -> None:
        self.password.clear()
        self.message.setText(error_text(exc))

    def _signed_in(self, actor: Actor) -> None:
        self.head = actor
        self.password.clear()
        turn_ins = self.app.turn_ins
        self.runner.run(lambda: turn_ins.pending(actor), self._listed, self._refused)

    def _refused(self, exc: BaseException) -> None:
        """Not a head cashier: said, and their session ends at once."""
        self.message.setText(error_text(exc))
        self._sign_out()

    def _listed(self, pending: tuple[PendingShift, ...]) -> None:
        self.pending = list(pending)
        self.shifts.clear()
        for p in pending:
            item = QListWidgetItem(self.tr("{who} · đóng lúc {when}").format(
                who=p.cashier, when=labels.local_datetime(p.closed_at)))
            item.setData(Qt.ItemDataRole.UserRole, p.shift_key)
            self.shifts.addItem(item)
        self.pages.setCurrentIndex(1)
        self.to_deposit.setEnabled(True)
        if pending:
            self.shifts.setCurrentRow(0)
            self.ok.setEnabled(True)
            self.message.setText(self.tr("Đếm tiền theo mệnh giá rồi Ctrl+Enter."))
            next(iter(self.counts.values())).setFocus()
        else:
            self.message.setText(self.tr("Không có ca nào chờ bàn giao."))

    def show_deposit(self) -> None:
        """Ctrl+D: the deposit page; Ctrl+D again goes back to the hand-over."""
        if self.head is None:
            return
        if self.pages.currentWidget() is self.deposit:
            self.pages.setCurrentIndex(1)
            self.ok.setText(self.tr("Nhận bàn giao (Ctrl+Enter)"))
            self.ok.setEnabled(self.shifts.count() > 0)
            self.to_deposit.setText(self.tr("Nộp ngân hàng (Ctrl+D)"))
            return
        self.pages.setCurrentWidget(self.deposit)
        self.ok.setText(self.tr("Lập phiếu nộp (Ctrl+Enter)"))
        self.ok.setEnabled(True)
        self.to_deposit.setText(self.tr("Về bàn giao (Ctrl+D)"))
        self.message.setText("")
        self.deposit.open_for(self.head)

    def _on_deposit_page(self, action: Callable[[], None]) -> None:
        if self.pages.currentWidget() is self.deposit:
            action()

    def _ctrl_enter(self) -> None:
        if self.pages.currentWidget() is self.deposit:
            self.deposit.submit()
        else:
            self.submit()

    def _total(self) -> None:
        total = sum(d * box.value() for d, box in self.counts.items())
        self.counted.setText(self.tr("Thủ quỹ đếm được: {t}").format(t=format_vnd(total)))

    def submit(self, approval_id: str | None = None) -> None:
        if self.pages.currentWidget() is self.deposit:
            self.deposit.submit()
            return
        item = self.shifts.currentItem()
        if self.head is None or item is None or not self.ok.isEnabled():
            return
        shift_key = str(item.data(Qt.ItemDataRole.UserRole))
        counts = checked_counts(self.counts)
        if counts is None:
            return  # an empty row: said beside it
        head, turn_ins, reason = self.head, self.app.turn_ins, self.reason.text()
        self.ok.setEnabled(False)
        self.runner.run(lambda: turn_ins.accept(head, shift_key, counts, reason=reason,
                                                approval_id=approval_id),
                        self._accepted, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(error_text(exc))
        if not isinstance(exc, TurnInDifference):
            return
        for box in self.counts.values():  # the first count is final
            box.setEnabled(False)
        if not self.reason.text().strip():
            self.reason.setFocus()
            return
        item = self.shifts.currentItem()
        assert item is not None and self.head is not None
        self.approval = ApprovalDialog(self.app, self.runner, self.head,
                                       ApprovalAction.TURN_IN_DIFFERENCE,
                                       str(item.data(Qt.ItemDataRole.UserRole)),
                                       DIFFERENCE_REASONS, self, shown_subject=exc.user_message)
        dialog = self.approval
        dialog.finished.connect(lambda code: self.submit(dialog.approval_id)
                                if code == QDialog.DialogCode.Accepted else None)
        dialog.open()

    def _accepted(self, view: TurnInView) -> None:
        self.done_views.append(view)
        self.message.setText(self.tr("Đã nhận bàn giao ca của {who}: {amount}.").format(
            who=view.cashier, amount=format_vnd(view.counted)))
        row = self.shifts.currentRow()
        self.shifts.takeItem(row)
        for box in self.counts.values():
            box.setEnabled(True)
            box.setValue(0)
        self.reason.clear()
        self.ok.setEnabled(self.shifts.count() > 0)
        if self.shifts.count():
            self.shifts.setCurrentRow(0)

    def _sign_out(self) -> None:
        head, self.head = self.head, None
        if head is not None:
            auth = self.app.auth
            self.runner.run(lambda: auth.sign_out(head))

    def done(self, result: int) -> None:
        self._sign_out()  # the head cashier's session is this window's only
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._sign_out()
        super().closeEvent(event)
