"""F10 on an open shift: close it with a blind count and read the Z report."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.money.amounts import format_vnd
from desktop.money.shifts import OverShortNeedsApproval, RecountNeedsApproval, ShiftView, ZReport
from desktop.staff.auth import Actor
from desktop.staff.permissions import ApprovalAction
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.widgets.approval_dialog import ApprovalDialog
from ui.widgets.common import checked_counts, count_form, fit_on_screen, message_label

# QT_TRANSLATE_NOOP: found by lupdate, shown translated, journaled as written
RECOUNT_REASONS: tuple[str, ...] = cast(tuple[str, ...], (
    QT_TRANSLATE_NOOP("reasons", "Đếm sót một xấp tiền"),
    QT_TRANSLATE_NOOP("reasons", "Nhập nhầm số tờ"),
    QT_TRANSLATE_NOOP("reasons", "Lý do khác")))
OVER_SHORT_REASONS: tuple[str, ...] = cast(tuple[str, ...], (
    QT_TRANSLATE_NOOP("reasons", "Thối nhầm tiền cho khách"),
    QT_TRANSLATE_NOOP("reasons", "Nhận nhầm tiền giả/tiền rách"),
    QT_TRANSLATE_NOOP("reasons", "Đếm nhầm lúc nộp tiền"),
    QT_TRANSLATE_NOOP("reasons", "Chưa rõ nguyên nhân"),
    QT_TRANSLATE_NOOP("reasons", "Lý do khác")))


class CloseShiftDialog(QDialog):
    """The blind count: the expected cash is shown only once the shift is closed."""

    closed = Signal(object)

    reconciled = Signal(object)

    def __init__(self, app: App, runner: Tasks, actor: Actor, shift: ShiftView,
                 parent: QWidget | None = None, *,
                 reconcile: Callable[[str], tuple[str, ...]] | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor, self.shift = app, runner, actor, shift
        self.reconcile = reconcile
        self.report: ZReport | None = None
        self.approval: ApprovalDialog | None = None
        self.setObjectName("closeShiftDialog")
        self.setWindowTitle(self.tr("Đóng ca – kiểm đếm tiền mặt"))
        outer = QVBoxLayout(self)
        # the count and the report scroll inside a dialog that fits the screen; the buttons
        # stay under them, in view (with large text the report pushed "Xong (Enter)" and
        # "Hủy" below a 1366×768 screen's edge)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.form_scroll = QScrollArea()
        self.form_scroll.setObjectName("closeShiftScroll")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(content)
        outer.addWidget(self.form_scroll, 1)
        layout.addWidget(QLabel(self.tr("Ca của {who}, mở lúc {when}. Đếm tiền trong két theo "
                                        "mệnh giá:").format(
            who=shift.staff, when=labels.local_datetime(shift.opened_at))))
        form, self.counts = count_form(app.shifts.denominations, "count", self._recount)
        layout.addLayout(form)
        self.counted = QLabel("")
        self.counted.setObjectName("counted")
        layout.addWidget(self.counted)
        self.reason = QLineEdit()
        self.reason.setObjectName("overShortReason")
        self.reason.setPlaceholderText(self.tr("lý do nếu thừa/thiếu (khi được hỏi)"))
        layout.addWidget(self.reason)
        self.message = message_label("shiftMessage")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        #: a supervisor's approval to count again (the first count is final without it)
        self.recount_approval: str | None = None
        self.recount_button = QPushButton(self.tr("Đếm lại – cần giám sát (Ctrl+R)"))
        self.recount_button.setObjectName("recount")
        self.recount_button.setAutoDefault(False)
        self.recount_button.setVisible(False)
        self.recount_button.clicked.connect(self.ask_recount)
        QShortcut(QKeySequence("Ctrl+R"), self, self.ask_recount)
        row.addWidget(self.recount_button)
        self.ok = QPushButton(self.tr("Đóng ca (Ctrl+Enter)"))
        self.ok.setObjectName("closeShift")
        # Enter moves through the counts; closing takes Ctrl+Enter (a blind count
        # must not end by a stray key)
        self.ok.setAutoDefault(False)
        self.ok.clicked.connect(lambda: self.submit())
        QShortcut(QKeySequence("Ctrl+Return"), self, lambda: self.submit())
        cancel = QPushButton(self.tr("Hủy (Esc)"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(self.ok)
        row.addWidget(cancel)
        outer.addLayout(row)
        self._recount()
        next(iter(self.counts.values())).setFocus()

    def bar_keys(self) -> str:
        """The keys of this dialog, for the window's bar while it covers the window."""
        return self.tr("Ctrl+Enter đóng ca · Ctrl+R đếm lại · Esc hủy")

    def bar_buttons(self) -> dict[str, QWidget]:
        return {"Ctrl+Enter": self.ok, "Ctrl+R": self.recount_button}

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        fit_on_screen(self, self.form_scroll)

    def _fit_to_report(self) -> None:
        """The report grew: the dialog grows into the screen, then scrolls to the report."""
        def fit() -> None:
            self._fit()
            self.form_scroll.ensureWidgetVisible(self.message, 0, 0)
        QTimer.singleShot(0, fit)

    def _recount(self) -> None:
        total = sum(d * box.value() for d, box in self.counts.items())
        self.counted.setText(self.tr("Đã đếm: {t}").format(t=format_vnd(total)))

    def submit(self, approval_id: str | None = None) -> None:
        if self.report is not None:
            self.accept()
            return
        counts = checked_counts(self.counts)
        if counts is None:
            return  # an empty row: said beside it
        shifts, actor, reason = self.app.shifts, self.actor, self.reason.text()
        self.ok.setEnabled(False)
        recount = self.recount_approval
        self.runner.run(lambda: shifts.close(actor, counts, reason=reason,
                                             approval_id=approval_id,
                                             recount_approval_id=recount),
                        self._done, self._failed)

    def _lock_counts(self) -> None:
        """The count was submitted: it is final (a blind count cannot be tuned to match)."""
        for box in self.counts.values():
            box.setEnabled(False)
        self.recount_button.setVisible(True)

    def ask_recount(self) -> None:
        """Ctrl+R after a submitted count: a supervisor approves counting again."""
        if self.report is not None or not self.recount_button.isVisible():
            return
        self.approval = ApprovalDialog(self.app, self.runner, self.actor, ApprovalAction.RECOUNT,
                                       self.shift.key, RECOUNT_REASONS, self,
                                       shown_subject=self.tr("Đếm lại tiền cuối ca"))
        dialog = self.approval
        dialog.finished.connect(lambda code: self._recount_approved(dialog.approval_id)
                                if code == QDialog.DialogCode.Accepted else None)
        dialog.open()

    def _recount_approved(self, approval_id: str | None) -> None:
        self.recount_approval = approval_id
        for box in self.counts.values():
            box.setEnabled(True)
        self.recount_button.setVisible(False)
        self.activateWindow()  # the keyboard comes back to the count
        self.message.setText(self.tr("Giám sát đã cho đếm lại: đếm lại rồi Ctrl+Enter. Cả hai "
                                     "lần đếm đều được ghi vào báo cáo ca."))
        next(iter(self.counts.values())).setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(error_text(exc))
        if isinstance(exc, OverShortNeedsApproval | RecountNeedsApproval):
            self._lock_counts()
        if isinstance(exc, OverShortNeedsApproval) and self.reason.text().strip():
            self.approval = ApprovalDialog(self.app, self.runner, self.actor,
                                           ApprovalAction.OVER_SHORT, self.shift.key,
                                           OVER_SHORT_REASONS, self,
                                           shown_subject=exc.user_message)
            dialog = self.approval
            dialog.finished.connect(lambda code: self.submit(dialog.approval_id)
                                    if code == QDialog.DialogCode.Accepted else None)
            dialog.open()
        elif isinstance(exc, OverShortNeedsApproval):
            self.reason.setFocus()

    def _reconciled(self, differences: tuple[str, ...]) -> None:
        self._show_reconciliation(
            [self.tr("Đối soát với trung tâm: khớp.")] if not differences else
            [self.tr("Đối soát với trung tâm: CHÊNH LỆCH"), *list(differences)])
        self.reconciled.emit(differences)

    def _show_reconciliation(self, lines: list[str]) -> None:
        self.message.setText("<br>".join([*self.lines, *lines]))
        self._fit_to_report()

    def _done(self, report: ZReport) -> None:
        self.report = report
        for box in self.counts.values():
            box.setEnabled(False)
        lines = [self.tr("<b>Báo cáo ca</b> {a} – {b}").format(
            a=labels.local_datetime(report.opened_at), b=labels.local_datetime(report.closed_at))]
        for m in report.by_method:
            lines.append(self.tr("{m}: {n} phiếu, {a}").format(
                m=labels.PAYMENT_METHOD.get(m.method, m.method), n=m.count, a=format_vnd(m.amount)))
        lines += [
            self.tr("Phiếu hủy: {n} ({a})").format(n=report.voided_count,
                                                   a=format_vnd(report.voided_amount)),
            self.tr("Tiền đầu ca {f} · đã nộp {d}").format(f=format_vnd(report.opening_float),
                                                           d=format_vnd(report.drops)),
            self.tr("Phải có {e} · đếm được {c} · chênh lệch {o}").format(
                e=format_vnd(report.expected_cash), c=format_vnd(report.counted_cash),
                o=("+" if report.over_short > 0 else "") + format_vnd(report.over_short)),
        ]
        if report.first_counted is not None:
            lines.append(self.tr("Lần đếm đầu {f}; đếm lại (giám sát duyệt) {c}").format(
                f=format_vnd(report.first_counted), c=format_vnd(report.counted_cash)))
        self.lines = [*lines, self.tr("Ctrl+P: in báo cáo ca")]
        self.message.setText("<br>".join(self.lines))
        self._fit_to_report()
        if self.reconcile is not None:
            # the report goes up, then central's own totals come back to compare
            reconcile, key = self.reconcile, report.key
            self.runner.network.run(lambda: reconcile(key), self._reconciled,
                          lambda exc: self._show_reconciliation(
                              [self.tr("Chưa đối soát được với trung tâm: {m}").format(
                                  m=error_text(exc))]))
        self.ok.setText(self.tr("Xong (Enter)"))
        self.ok.setEnabled(True)
        self.ok.setDefault(True)
        self.ok.setFocus()
        self.recount_button.setVisible(False)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_report)
        self.closed.emit(report)

    def print_report(self) -> None:
        """Ctrl+P: the shift report on the counter's printer."""
        if self.report is None:
            return
        shifts, prints, actor, key = self.app.shifts, self.app.prints, self.actor, self.report.key
        self.runner.printer.run(lambda: prints.print_document(shifts.report_document(actor, key)),
                          lambda _r: self._show_reconciliation([self.tr("Đã in báo cáo ca.")]),
                          lambda exc: self._show_reconciliation([error_text(exc)]))
