"""The head cashier's bank deposit, inside the hand-over window (Ctrl+D there).

The accepted turn-ins not yet deposited are listed, each ticked (online: every counter's
of the unit, as central lists them; offline: this counter's, and the page says so); the
bank's name, then Ctrl+Enter writes the slip. The slip prints with Ctrl+P and is saved
as a PDF with Ctrl+S. When the bank's stamped copy comes back, its reference is typed
against the slip waiting for it and recorded with Ctrl+R, once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.money.amounts import format_vnd
from desktop.money.deposits import Candidates, DepositItem, DepositView
from desktop.printing.pdf import render_pdf
from desktop.staff.auth import Actor
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.widgets.common import message_label, save_file_name
from ui.widgets.inline_error import InlineError


class DepositPage(QWidget):
    def __init__(self, app: App, runner: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner = app, runner
        self.head: Actor | None = None
        self.offered: list[DepositItem] = []
        self.made: DepositView | None = None
        self.awaiting: list[DepositView] = []
        self.busy = False
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Nộp tiền vào ngân hàng"))
        title.setObjectName("depositTitle")
        layout.addWidget(title)
        self.source = QLabel("")
        self.source.setObjectName("depositSource")
        self.source.setWordWrap(True)
        layout.addWidget(self.source)
        self.items = QListWidget()
        self.items.setObjectName("depositItems")
        self.items.setMaximumHeight(130)
        self.items.itemChanged.connect(lambda _i: self._total())
        # letters typed while the list has the focus are meant for the bank's name: they
        # go there (and the focus with them), so the next space never toggles a tick
        self.items.installEventFilter(self)
        layout.addWidget(self.items)
        self.items_error = InlineError("depositItemsError")
        layout.addWidget(self.items_error)
        self.total = QLabel("")
        self.total.setObjectName("depositTotal")
        layout.addWidget(self.total)
        form = QFormLayout()
        self.bank = QLineEdit()
        self.bank.setObjectName("depositBank")
        self.bank.setPlaceholderText(self.tr("ví dụ: Vietcombank CN Tân Bình"))
        form.addRow(self.tr("&Ngân hàng nhận"), self.bank)
        self.bank_error = InlineError("depositBankError")
        self.bank.textEdited.connect(lambda _t: self.bank_error.clear_message())
        form.addRow("", self.bank_error)
        layout.addLayout(form)
        self.slip = QLabel("")
        self.slip.setObjectName("depositSlip")
        self.slip.setWordWrap(True)
        layout.addWidget(self.slip)
        slip_row = QHBoxLayout()
        slip_row.addStretch(1)
        self.print_button = QPushButton(self.tr("In phiếu (Ctrl+P)"))
        self.print_button.setObjectName("printSlip")
        self.pdf_button = QPushButton(self.tr("Lưu PDF (Ctrl+S)"))
        self.pdf_button.setObjectName("saveSlipPdf")
        for b in (self.print_button, self.pdf_button):
            b.setAutoDefault(False)
            b.setEnabled(False)
            slip_row.addWidget(b)
        self.print_button.clicked.connect(self.print_slip)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        layout.addLayout(slip_row)

        layout.addWidget(QLabel(self.tr("Phiếu nộp chờ mã giao dịch của ngân hàng:")))
        self.waiting = QListWidget()
        self.waiting.setObjectName("awaitingReference")
        self.waiting.setMaximumHeight(80)
        layout.addWidget(self.waiting)
        ref_row = QHBoxLayout()
        self.reference = QLineEdit()
        self.reference.setObjectName("bankReference")
        self.reference.setPlaceholderText(self.tr("mã giao dịch in trên phiếu đã đóng dấu"))
        self.reference.returnPressed.connect(self.record_reference)
        ref_row.addWidget(self.reference, 1)
        self.ref_button = QPushButton(self.tr("Ghi mã (Ctrl+R)"))
        self.ref_button.setObjectName("recordReference")
        self.ref_button.setAutoDefault(False)
        self.ref_button.clicked.connect(self.record_reference)
        ref_row.addWidget(self.ref_button)
        layout.addLayout(ref_row)
        self.reference_error = InlineError("bankReferenceError")
        self.reference.textEdited.connect(lambda _t: self.reference_error.clear_message())
        layout.addWidget(self.reference_error)
        self.message = message_label("depositMessage")
        layout.addWidget(self.message)

    # -- listing ------------------------------------------------------------------

    def open_for(self, head: Actor) -> None:
        self.head = head
        self.refresh()

    def refresh(self, said: str = "", then: Callable[[], None] | None = None) -> None:
        """List again; ``said`` (what was just done) stays on screen afterwards, and
        ``then`` runs once the list is in."""
        head, deposits = self.head, self.app.deposits
        if head is None:
            return
        self.message.setText(self.tr("Đang lấy danh sách bàn giao…"))

        def listed(found: tuple[Candidates, tuple[DepositView, ...]]) -> None:
            self._listed(found, said)
            if then is not None:
                then()

        self.runner.run(lambda: (deposits.candidates(head), deposits.recent(head)),
                        listed, self._failed)

    def _listed(self, found: tuple[Candidates, tuple[DepositView, ...]], said: str = "") -> None:
        candidates, recent = found
        self.offered = list(candidates.items)
        self.source.setText(
            self.tr("Các lần bàn giao đã nhận, chưa nộp, của mọi quầy trong đơn vị (theo "
                    "trung tâm).") if candidates.online else
            self.tr("Ngoại tuyến: chỉ các lần bàn giao nhận tại quầy này. Lần bàn giao ở quầy "
                    "khác hiện ra khi có mạng."))
        self.items.blockSignals(True)
        self.items.clear()
        for i in candidates.items:
            where = "" if i.here else self.tr(" · quầy khác")
            item = QListWidgetItem(f"{labels.local_datetime(i.at)} · {i.cashier}{where} · "
                                   f"{format_vnd(i.counted)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, i.key)
            self.items.addItem(item)
        self.items.blockSignals(False)
        if candidates.items:
            self.items.setCurrentRow(0)
        self.awaiting = [d for d in recent if d.bank_ref is None]
        self.waiting.clear()
        for d in self.awaiting:
            self.waiting.addItem(f"{d.slip_no} · {d.bank} · {format_vnd(d.total)}")
        if self.awaiting:
            self.waiting.setCurrentRow(0)
        if not self.bank.text() and recent:
            self.bank.setText(recent[0].bank)  # the same bank, day after day
        self._total()
        self.message.setText(said or (
            self.tr("Bỏ chọn bằng phím cách; ghi ngân hàng rồi Ctrl+Enter để lập phiếu nộp.")
            if candidates.items else self.tr("Không có lần bàn giao nào chờ nộp ngân hàng.")))
        # the first thing still to fill: the bank's name, else the ticks
        (self.bank if not self.bank.text().strip() else self.items).setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.items and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            text = event.text()
            plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                              | Qt.KeyboardModifier.KeypadModifier)
            if plain and text and text.isprintable() and not text.isspace():
                self.bank.setFocus()
                self.bank.end(False)
                QApplication.sendEvent(self.bank, QKeyEvent(
                    event.type(), event.key(), event.modifiers(), text))
                return True
        return super().eventFilter(watched, event)

    def chosen(self) -> list[DepositItem]:
        keys = {str(self.items.item(r).data(Qt.ItemDataRole.UserRole))
                for r in range(self.items.count())
                if self.items.item(r).checkState() == Qt.CheckState.Checked}
        return [i for i in self.offered if i.key in keys]

    def _total(self) -> None:
        chosen = self.chosen()
        self.total.setText(self.tr("Nộp {n} lần bàn giao: {t}").format(
            n=len(chosen), t=format_vnd(sum(i.counted for i in chosen))))

    # -- the deposit ----------------------------------------------------------------

    def submit(self) -> None:
        """Ctrl+Enter: the slip for the ticked turn-ins."""
        if self.head is None or self.busy:
            return
        head, deposits, chosen, bank = self.head, self.app.deposits, self.chosen(), \
            self.bank.text()
        for error in (self.bank_error, self.items_error, self.reference_error):
            error.clear_message()
        self.busy = True
        self.runner.run(lambda: deposits.make(head, chosen, bank), self._made, self._failed)

    def _made(self, view: DepositView) -> None:
        self.busy = False
        self.made = view
        self.slip.setText(self.tr("Phiếu nộp {no}: {t}, {bank}.").format(
            no=view.slip_no, t=format_vnd(view.total), bank=view.bank))
        for b in (self.print_button, self.pdf_button):
            b.setEnabled(True)
        # printed as soon as it is written: the head cashier takes it with the cash
        self.refresh(self.tr("Đã lập phiếu nộp {no}.").format(no=view.slip_no),
                     then=self.print_slip)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        field = {"bank": (self.bank_error, self.bank),
                 "items": (self.items_error, self.items),
                 "reference": (self.reference_error, self.reference)}.get(
                     getattr(exc, "field", None) or "")
        if field is None:
            self.message.setText(error_text(exc))
            return
        # the sentence beside the field it is about, the focus there: what is typed next
        # lands in it (not in the list, where a space toggles a tick)
        self.message.setText("")
        error, widget = field
        error.show_for(widget, error_text(exc))

    def print_slip(self) -> None:
        """Ctrl+P: the slip on the counter's printer."""
        if self.made is None:
            return
        deposits, prints, key = self.app.deposits, self.app.prints, self.made.key
        self.message.setText(self.tr("Đang in phiếu nộp…"))
        self.runner.printer.run(lambda: prints.print_document(deposits.slip(key)),
                                lambda _r: self.message.setText(self.tr("Đã in phiếu nộp.")),
                                lambda exc: self.message.setText(self.tr(
                                    "Chưa in được phiếu nộp: {e} Có thể lưu PDF (Ctrl+S).")
                                    .format(e=error_text(exc))))

    def save_pdf(self, path: str | None = None) -> None:
        """Ctrl+S: the slip as an A4 PDF, where the head cashier chooses."""
        if self.made is None:
            return
        if not path:
            path = save_file_name(self, self.tr("Lưu phiếu nộp"),
                                  str(Path.home() / f"{self.made.slip_no}.pdf"),
                                  self.tr("Tệp PDF (*.pdf)"))
        if not path:
            return
        deposits, key, target = self.app.deposits, self.made.key, Path(path)
        self.runner.run(lambda: render_pdf(deposits.slip(key), target, "a4"),
                        lambda written: self.message.setText(
                            self.tr("Đã lưu {p}").format(p=written)), self._failed)

    def record_reference(self) -> None:
        """Ctrl+R: the bank's reference against the chosen waiting slip."""
        row = self.waiting.currentRow()
        if self.head is None or row < 0 or row >= len(self.awaiting) or self.busy:
            if not self.awaiting:
                self.message.setText(self.tr("Không có phiếu nộp nào chờ mã ngân hàng."))
            return
        head, deposits, key = self.head, self.app.deposits, self.awaiting[row].key
        ref = self.reference.text()
        self.reference_error.clear_message()
        self.busy = True
        self.runner.run(lambda: deposits.record_reference(head, key, ref), self._recorded,
                        self._failed)

    def _recorded(self, view: DepositView) -> None:
        self.busy = False
        self.reference.clear()
        self.refresh(self.tr("Đã ghi mã {ref} cho phiếu {no}.").format(
            ref=view.bank_ref, no=view.slip_no))
