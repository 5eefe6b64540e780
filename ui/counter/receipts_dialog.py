"""The day's receipts of this counter (F8), and voiding one with a supervisor's approval."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.errors import as_core_error
from desktop.money.amounts import format_vnd
from desktop.money.exports import write_csv, write_xlsx
from desktop.money.payments import VOID_REASONS, CounterPayment
from desktop.printing.queue import ReprintNeedsApproval
from desktop.staff.auth import Actor
from desktop.staff.permissions import ApprovalAction
from ui.plumbing.errors import error_text, present_error, presenter
from ui.shell.keys import keys_changed
from ui.shell.tasks import LatestOnly, Tasks
from ui.widgets.approval_dialog import ApprovalDialog
from ui.widgets.common import message_label, save_file_name
from ui.widgets.table_model import RowsModel, table_view

#: the receipt preview's width on screen (the printer's 576 dots, scaled down)
PREVIEW_WIDTH = 320
#: the newest receipts F8 shows before the whole list (a busy counter has thousands): more
#: than the list's height shows, few enough to list within F8's budget on a loaded machine
FIRST_PAGE = 40
#: the preview asked for once the list is painted (its drawing shares the interpreter)
_PREVIEW_LATER = QEvent.Type(QEvent.registerEventType())


class ReceiptsDialog(QDialog):
    loaded = Signal(int)
    voided = Signal(str)
    exported = Signal(str)
    reprinted = Signal(str)
    previewed = Signal(int)

    def __init__(self, app: App, runner: Tasks, actor: Actor,
                 parent: QWidget | None = None, *, load_now: bool = True) -> None:
        """``load_now`` False: built ahead of F8 (the window's), the list asked for with
        :meth:`reload` as it opens."""
        super().__init__(parent)
        self.app, self.runner, self.actor = app, runner, actor
        self.approval: ApprovalDialog | None = None
        self._void_checks = LatestOnly()
        #: the list's loads: only the newest reload's answers are shown
        self._loads = LatestOnly()
        #: what is shown is the first page only, the whole list on its way
        self._first_page = False
        #: the chosen receipt's preview asked for, after the list's paint
        self._preview_asked = False
        self.setObjectName("receiptsDialog")
        self.setWindowTitle(self.tr("Phiếu thu của các ca tại quầy (ca đang mở và ca vừa đóng)"))
        self.resize(1320, 600)
        layout = QVBoxLayout(self)
        self.model = RowsModel([self.tr("Số phiếu"), self.tr("Giờ"), self.tr("Mã KH"),
                                self.tr("Khách hàng"), self.tr("Số tiền"), self.tr("Hình thức"),
                                self.tr("Thu ngân"), self.tr("Tình trạng")], right_aligned=(4,))
        self.view = table_view(self.model, "receipts", stretch=3)
        # the customer's name gets the room: the short columns fit their contents
        self.view.horizontalHeader().setMinimumSectionSize(60)
        # the cashier's name is whole (a column of 110 px cut "Nguyễn Thị Th…"); the
        # customer's name takes what is left, cut at its end if it must (whole in its
        # tooltip and in the receipt beside the list)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # the columns fit the rows on screen: a busy day's thousands of receipts (or even
        # the first page's) are not measured one by one on the GUI thread at each F8
        self.view.horizontalHeader().setResizeContentsPrecision(0)
        layout.addWidget(self.view, 1)
        self.summary = QLabel("")
        self.summary.setObjectName("receiptsSummary")
        layout.addWidget(self.summary)
        #: why the chosen receipt cannot be voided, said at Del before any password
        self.refusal = message_label("receiptsRefusal")
        self.refusal.setProperty("role", "error")
        self.refusal.setVisible(False)
        layout.addWidget(self.refusal)
        row = QHBoxLayout()
        self.void_button = QPushButton(self.tr("Hủy phiếu chọn… (Del)"))
        self.void_button.setObjectName("voidButton")
        self.void_button.clicked.connect(self.void_selected)
        csv_button = QPushButton(self.tr("Xuất CSV (Ctrl+E)"))
        csv_button.clicked.connect(lambda: self.ask_export("csv"))
        xlsx_button = QPushButton(self.tr("Xuất Excel (Ctrl+Shift+E)"))
        xlsx_button.clicked.connect(lambda: self.ask_export("xlsx"))
        QShortcut(QKeySequence("Ctrl+E"), self, lambda: self.ask_export("csv"))
        QShortcut(QKeySequence("Ctrl+Shift+E"), self, lambda: self.ask_export("xlsx"))
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(self.close)
        for button in (csv_button, xlsx_button, self.void_button, close):
            # Enter belongs to the list (preview), never to a button of the dialog
            button.setAutoDefault(False)
        row.addWidget(csv_button)
        row.addWidget(xlsx_button)
        row.addStretch(1)
        row.addWidget(self.void_button)
        row.addWidget(close)
        layout.addLayout(row)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self, self.void_selected)
        reprint = QPushButton(self.tr("In lại bản sao (Ctrl+P)"))
        self.reprint_button = reprint
        reprint.setObjectName("reprintButton")
        reprint.setAutoDefault(False)
        reprint.clicked.connect(lambda: self.reprint_selected())
        row.insertWidget(row.count() - 2, reprint)
        QShortcut(QKeySequence("Ctrl+P"), self, lambda: self.reprint_selected())
        self.view.activated.connect(lambda _i: self.preview_selected())
        # the right-hand panel follows the selection (drawn on the store lane, newest wins)
        self._previews = LatestOnly()
        self.view.selectionModel().currentRowChanged.connect(
            lambda _now, _before: self._row_changed())
        self.preview = QLabel("")
        self.preview.setObjectName("receiptPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        # the receipt is drawn to the panel's width (no sideways scrolling): the list
        # keeps the room for the customer's name and the status
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(PREVIEW_WIDTH + 24)
        body = QHBoxLayout()
        layout.removeWidget(self.view)
        body.addWidget(self.view, 1)
        body.addWidget(scroll, 0)
        layout.insertLayout(0, body, 1)
        self._say_what_works()
        if load_now:
            self.reload()

    def bar_keys(self) -> str:
        """The keys of this dialog, for the window's bar while it covers the window (here
        Ctrl+Shift+E is the Excel export, not the window's support log)."""
        return self.tr("Enter xem phiếu · Ctrl+P in lại bản sao · "
                       "Del hủy phiếu · Ctrl+E xuất CSV · Ctrl+Shift+E xuất Excel · Esc đóng")

    def bar_buttons(self) -> dict[str, QWidget]:
        return {"Ctrl+P": self.reprint_button, "Del": self.void_button}
    def reload(self) -> None:
        """The newest FIRST_PAGE receipts first (painted at once, however long the day),
        then the whole list behind them; the summary counts the whole list."""
        payments, actor = self.app.payments, self.actor
        ticket = self._loads.next()
        self._first_page = False  # a new load (after a void): its preview is drawn again

        def first(rows: tuple[CounterPayment, ...]) -> None:
            if not self._loads.is_current(ticket):
                return  # a newer reload (after a void) is on its way
            if len(rows) < FIRST_PAGE:
                self._show(rows)  # that is the whole list
                return
            self._show(rows, whole=False)
            self.runner.run(lambda: payments.recent(actor),
                            lambda every: self._show(every) if self._loads.is_current(
                                ticket) else None, presenter(self))

        self.runner.run(lambda: payments.recent(actor, limit=FIRST_PAGE), first,
                        presenter(self))

    def _show(self, rows: tuple[CounterPayment, ...], *, whole: bool = True) -> None:
        def status(p: CounterPayment) -> str:
            # short, so the list needs no sideways scrolling; the reason is in the tooltip
            # and on the receipt's preview
            return self.tr("ĐÃ HỦY") if p.status == "voided" else self.tr("Đã thu")

        keep = self._selected_receipt()
        # the whole list behind its first page: the selected receipt's preview is there
        shown = keep if self._first_page else None
        self._first_page = not whole

        self.model.set_rows(
            [(p.receipt_no, labels.local_datetime(p.paid_at)[-5:], p.account_code, p.account_name,
              format_vnd(p.amount), labels.PAYMENT_METHOD.get(p.method, p.method), p.staff,
              status(p)) for p in rows], rows, [p.status == "voided" for p in rows])
        taken = [p for p in rows if p.status != "voided"]
        if whole:
            self.summary.setText(self.tr(
                "{n} phiếu đã thu, tổng {total}; {v} phiếu đã hủy.").format(
                n=len(taken), total=format_vnd(sum(p.amount for p in taken)),
                v=len(rows) - len(taken)))
        for i, p in enumerate(rows):
            if p.void_reason:
                self.model.set_tooltip(i, self.tr("Lý do hủy: {why}").format(why=p.void_reason))
        if rows:
            # after a void or a copy the same receipt stays selected, not the top row
            at = next((i for i, p in enumerate(rows) if p.receipt_no == keep), 0)
            self.view.selectRow(at)
            self.view.setFocus()
            if rows[at].receipt_no != shown:
                self._preview_later()
        self._say_what_works()
        if whole:
            self.loaded.emit(len(rows))

    def _preview_later(self) -> None:
        """The chosen receipt drawn once the list is painted: drawn first, it held the list
        back (its drawing shares the interpreter with the painting, issue 31)."""
        if not self._preview_asked:
            self._preview_asked = True
            QCoreApplication.postEvent(self, QEvent(_PREVIEW_LATER),
                                       Qt.EventPriority.LowEventPriority.value)

    def event(self, event: QEvent) -> bool:
        if event.type() == _PREVIEW_LATER:
            self._preview_asked = False
            if self.isVisible():
                self.preview_selected()
            return True
        return super().event(event)

    def _row_changed(self) -> None:
        self._refuse("")  # the refusal was the last receipt's
        self._say_what_works()
        self._preview_later()

    def _say_what_works(self) -> None:
        """Ctrl+P and Del only where they can act: a copy needs a receipt chosen, a void a
        receipt not voided already (the bar greys their keys with the buttons)."""
        row = self.view.currentIndex().row()
        chosen: CounterPayment | None = (self.model.item(row)
                                         if 0 <= row < self.model.rowCount() else None)
        self.reprint_button.setEnabled(chosen is not None)
        self.void_button.setEnabled(chosen is not None and chosen.status != "voided")

    def _refuse(self, text: str) -> None:
        self.refusal.setText(text)
        self.refusal.setVisible(bool(text))

    def _selected_receipt(self) -> str | None:
        row = self.view.currentIndex().row()
        if row < 0 or row >= self.model.rowCount():
            return None
        payment: CounterPayment = self.model.item(row)
        return payment.receipt_no

    def ask_export(self, kind: str) -> None:
        day = dt.datetime.now(labels.VN_TZ).date().isoformat()
        path = save_file_name(self, self.tr("Lưu bảng kê thu"), f"bang-ke-thu-{day}.{kind}",
                              self.tr("Tệp CSV (*.csv)") if kind == "csv"
                              else self.tr("Tệp Excel (*.xlsx)"))
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        """Write the list as shown to ``path`` (.csv or .xlsx) on the worker."""
        payments = tuple(self.model.item(r) for r in range(self.model.rowCount()))
        writer = write_xlsx if path.suffix.lower() == ".xlsx" else write_csv
        self.runner.run(lambda: writer(payments, path), lambda _r: self._exported(path),
                        presenter(self))

    def _exported(self, path: Path) -> None:
        self.summary.setText(self.tr("Đã lưu {name}.").format(name=path.name))
        self.exported.emit(str(path))

    def preview_selected(self) -> None:
        """Enter: the receipt as it prints, from the same object the printer gets."""
        row = self.view.currentIndex().row()
        if row < 0:
            return
        payment: CounterPayment = self.model.item(row)
        prints, actor = self.app.prints, self.actor
        ticket = self._previews.next()
        self.runner.run(lambda: prints.preview(actor, payment.key),
                        lambda png: self._show_preview(png) if self._previews.is_current(
                            ticket) else None, presenter(self))

    def _show_preview(self, png: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.preview.setPixmap(pixmap.scaledToWidth(
            min(PREVIEW_WIDTH, pixmap.width()), Qt.TransformationMode.SmoothTransformation))
        self.previewed.emit(pixmap.width())

    def reprint_selected(self, approval_id: str | None = None) -> None:
        """A copy ("BẢN SAO"); after the reprint window a supervisor approves it."""
        row = self.view.currentIndex().row()
        if row < 0:
            return
        payment: CounterPayment = self.model.item(row)
        prints, actor = self.app.prints, self.actor
        self.runner.run(lambda: prints.reprint(actor, payment.key, approval_id),
                        lambda n: self._reprinted(payment, n),
                        lambda exc: self._reprint_refused(payment, exc))

    def _reprinted(self, payment: CounterPayment, copy_no: int) -> None:
        self.summary.setText(self.tr("Đã xếp in bản sao số {n} của phiếu {r}.").format(
            n=copy_no, r=payment.receipt_no))
        self.reprinted.emit(payment.key)

    def _reprint_refused(self, payment: CounterPayment, exc: BaseException) -> None:
        if not isinstance(exc, ReprintNeedsApproval):
            present_error(self, exc)
            return
        self.approval = ApprovalDialog(
            self.app, self.runner, self.actor, ApprovalAction.LATE_REPRINT, payment.key,
            cast(tuple[str, ...], (QT_TRANSLATE_NOOP("reasons", "Khách làm mất phiếu"),
             QT_TRANSLATE_NOOP("reasons", "Phiếu in mờ, rách"),
             QT_TRANSLATE_NOOP("reasons", "Khách cần thêm bản"),
             QT_TRANSLATE_NOOP("reasons", "Lý do khác"))),
            self, shown_subject=f"{payment.receipt_no} · {exc.user_message}")
        dialog = self.approval
        dialog.finished.connect(lambda code: self.reprint_selected(dialog.approval_id)
                                if code == QDialog.DialogCode.Accepted else None)
        dialog.open()

    def void_selected(self) -> None:
        row = self.view.currentIndex().row()
        if row < 0:
            return
        payment: CounterPayment = self.model.item(row)
        if payment.status == "voided":
            return
        if self.approval is not None and self.approval.isVisible():
            return  # already asked for this one
        # a receipt that cannot be voided (of a closed shift) is refused now, before a
        # supervisor types a password for nothing; the core refuses the void itself too
        payments, actor = self.app.payments, self.actor
        ticket = self._void_checks.next()  # Del pressed twice: one question, the last
        self.runner.run(lambda: payments.check_void(actor, payment.key),
                        lambda _r: self._ask_approval(payment)
                        if self._void_checks.is_current(ticket) else None,
                        lambda exc: self._void_refused(exc)
                        if self._void_checks.is_current(ticket) else None)

    def _void_refused(self, exc: BaseException) -> None:
        if as_core_error(exc) is None:
            present_error(self, exc)  # not a refusal: the one presenter logs and says it
            return
        self._refuse(error_text(exc))
        self.view.setFocus()

    def _ask_approval(self, payment: CounterPayment) -> None:
        if not self.isVisible() or self._selected_receipt() != payment.receipt_no:
            return  # closed, or another receipt chosen meanwhile: nothing asked
        self._refuse("")
        subject = f"{payment.receipt_no} · {payment.account_code} · {format_vnd(payment.amount)}"
        self.approval = ApprovalDialog(self.app, self.runner, self.actor, ApprovalAction.VOID,
                                       payment.key, VOID_REASONS, self, shown_subject=subject)
        dialog = self.approval

        def approved(code: int) -> None:
            if code != QDialog.DialogCode.Accepted or dialog.approval_id is None:
                return
            payments, actor, reason = self.app.payments, self.actor, dialog.reason_text
            approval_id = dialog.approval_id
            self.runner.run(lambda: payments.void(actor, payment.key, reason, approval_id),
                            lambda _r: self._voided(payment.key),
                            presenter(self))

        dialog.finished.connect(approved)
        # the bar says this list's keys again, whether or not the platform hands the
        # keyboard back to this dialog at once
        dialog.finished.connect(lambda _code: keys_changed(self))
        dialog.open()

    def _voided(self, key: str) -> None:
        self.voided.emit(key)
        self.reload()
