"""F9: take cash for the open account's unpaid bills, by keyboard.

Amount tendered (or a quick note button, or "đủ tiền") → Enter → the change,
large → Enter closes. The payment's key is made when the dialog opens, so a
double Enter or a double click is still one payment. The dialog opens at once
with the amount field focused; the live check with central runs beside it on
the network lane and what it says shows when it comes. A bill central says is
paid stops the payment: an Enter pressed before central has answered is held
(the screen says so) and goes on, or is refused, when the answer comes (the
client's live timeout bounds that wait).

F6 shows a VietQR instead. The VietQR session is the core's
(``desktop/money/qr_session.py``): the dialog starts it, shows what the core
says of it (``CoreEvents.qr_changed``) and, however it closes (Esc, ×, Alt+F4,
a sign-out, the lock), withdraws it; the core then asks central to cancel it and
records the payment if the bank had paid. The dialog never polls or records.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.contract import QrState, vietqr_payment_key
from desktop.dto import AccountDetail, LiveCheck, QrView
from desktop.events import PaymentCommitted, QrChanged
from desktop.money.amounts import format_vnd, group_digits
from desktop.money.payments import TakenPayment, round_change, tender_for_exact
from desktop.staff.auth import Actor
from ui.counter.customer_display import CustomerDisplay, qr_pixmap
from ui.plumbing.errors import error_text
from ui.shell.core_events import CoreEvents
from ui.shell.keys import keys_changed
from ui.shell.tasks import Tasks
from ui.widgets.amount_field import AmountField
from ui.widgets.common import fit_on_screen, message_label
from ui.widgets.table_model import RowsModel, table_view

QUICK_NOTES = (500_000, 200_000, 100_000, 50_000)
#: how long the change stays on screen before an Enter may close it (the Enter that took
#: the money is often pressed twice); Esc closes at once
CHANGE_GUARD_S = 0.8
#: a payment not written after this long (ms) says what it waits for: the store held by
#: another program's write (it waits up to db/engine.py's BUSY_TIMEOUT_MS, then refuses)
SLOW_WRITE_MS = 400


class PaymentDialog(QDialog):
    payment_committed = Signal(object)
    checked = Signal(object)
    qr_shown = Signal(object)
    #: the digits typed with F9, before the window manager gives this dialog the keyboard,
    #: are the amount's (ui/plumbing/key_relay.py)
    takes_early_keys = True

    def __init__(self, app: App, runner: Tasks, actor: Actor, detail: AccountDetail,
                 parent: QWidget | None = None, *, online: bool = False,
                 simulate_bank: Callable[[str], None] | None = None,
                 events: CoreEvents | None = None, check_now: bool = True) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor, self.detail = app, runner, actor, detail
        #: the payment on its way to the store (the runner's ticket), None otherwise
        self._writing: int | None = None
        self.key = str(uuid.uuid4())  # one dialog, one payment, however often confirmed
        self.taken: TakenPayment | None = None
        self.live: LiveCheck | None = None
        #: the live check is on its way (no answer, no failure yet)
        self.checking = False
        #: Enter was pressed while central had not answered: the payment waits for it
        self.held = False
        #: this dialog's VietQR session (made when F6 is pressed): its key is made here, so
        #: that closing the dialog withdraws it even before the core has answered
        self.qr_key = str(uuid.uuid4())
        self._qr_asked = False
        self.total = detail.unpaid_total
        self.setObjectName("paymentDialog")
        # whose money this is, in the title as well as the first line
        self.setWindowTitle(self.tr("Thu tiền – {code} · {name}").format(code=detail.code,
                                                                        name=detail.name))
        self.setMinimumWidth(780)  # the quick-cash keys large, side by side (ui/theme.py)
        # the form scrolls inside the dialog when it is taller than the screen (a QR, many
        # bills): the buttons below stay in view at 1366×768
        outer = QVBoxLayout(self)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.form_scroll = QScrollArea()
        self.form_scroll.setObjectName("paymentScroll")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(content)
        outer.addWidget(self.form_scroll, 1)
        who = QLabel(f"<b>{detail.name}</b> · {detail.code}<br>{detail.address}")
        who.setWordWrap(True)
        layout.addWidget(who)
        self.bills_model = RowsModel([self.tr("Thu"), self.tr("Kỳ"), self.tr("Số hóa đơn"),
                                      self.tr("Số tiền"), self.tr("Hạn TT")], right_aligned=(3,))
        layout.addWidget(table_view(self.bills_model, "payBills", fit_to_rows=True))
        # the reconnection fee the core takes with a payment clearing the debt (where the
        # account's unit has its counters collect it): a line of its own, in the total
        self.fee_label = QLabel("")
        self.fee_label.setObjectName("feeDue")
        self.fee_label.setWordWrap(True)
        self.fee_label.setVisible(detail.fee_due is not None)
        layout.addWidget(self.fee_label)
        self.total_label = QLabel("")
        self.total_label.setObjectName("amountDue")
        due_font = self.total_label.font()
        due_font.setPointSize(28)
        due_font.setBold(True)
        self.total_label.setFont(due_font)
        #: how many of the unpaid bills, oldest first, this payment takes
        self.count = len(detail.unpaid_bills)
        if self.count > 1:
            hint = QLabel(self.tr("Khách trả một phần: Ctrl+↓ bớt hóa đơn mới nhất, Ctrl+↑ "
                                  "thêm lại (hóa đơn cũ luôn thu trước)."))
            hint.setWordWrap(True)
            layout.addWidget(hint)
        QShortcut(QKeySequence("Ctrl+Down"), self, lambda: self.set_count(self.count - 1))
        QShortcut(QKeySequence("Ctrl+Up"), self, lambda: self.set_count(self.count + 1))
        self._show_bills()
        self.live_label = message_label("liveCheck", self.tr(
            "Đang chờ trung tâm xác nhận hóa đơn chưa thanh toán… (vẫn nhập được số tiền)"))
        layout.addWidget(self.live_label)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Khách đưa:")))
        # empty until typed: a stray Enter is never a payment
        self.tendered = AmountField("tendered", value=None)
        # short enough to be read whole at 22 pt (the longer one was cut with "…"); the
        # Enter is on the confirm key below
        self.tendered.setPlaceholderText(self.tr("số tiền khách đưa · F5: đủ tiền"))
        self.tendered.valueChanged.connect(lambda _v: self._show_change())
        row.addWidget(self.tendered, 1)
        row.addWidget(self.tendered.error, 1)
        # the amount and the quick-cash keys sit under the scrolling form, never in it: with
        # large text the form scrolls and they stayed in view only in part (a walk)
        # the amount due with them: at 150 % the form scrolled it out of view (a look at
        # the real window), and it is the number the customer is told
        keys = QVBoxLayout()
        keys.addWidget(self.total_label)
        keys.addLayout(row)
        quick = QGridLayout()
        for i, note in enumerate(QUICK_NOTES):
            b = QPushButton(f"+{group_digits(note)} (F{i + 1})")
            b.setObjectName(f"note{note}")
            b.setProperty("quickCash", True)  # large, from the theme
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _c=False, n=note: self.add_note(n))
            quick.addWidget(b, 0, i)
            QShortcut(QKeySequence(f"F{i + 1}"), self, lambda n=note: self.add_note(n))
        self.qr_button = QPushButton(self.tr("VietQR (F6)"))
        self.qr_button.setObjectName("vietqr")
        self.qr_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.qr_button.clicked.connect(self.start_qr)
        QShortcut(QKeySequence("F6"), self, self.start_qr)
        quick.addWidget(self.qr_button, 1, 0, 1, 2)
        exact = QPushButton(self.tr("Đủ tiền (F5)"))
        self.exact_button = exact
        exact.setObjectName("exact")
        exact.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        exact.clicked.connect(self.exact)
        QShortcut(QKeySequence("F5"), self, self.exact)
        quick.addWidget(exact, 0, len(QUICK_NOTES))
        keys.addLayout(quick)
        outer.addLayout(keys)
        self.message = message_label("paymentMessage")
        self.qr_image = QLabel("")
        self.qr_image.setObjectName("qrImage")
        self.qr_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.qr_image)
        self.change = QLabel("")
        self.change.setObjectName("changeAmount")
        big = self.change.font()
        big.setPointSize(40)
        big.setBold(True)
        self.change.setFont(big)
        self.change.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # a long line wraps instead of widening the dialog past the screen (a 40 pt line
        # scrolled the amount field out of view)
        self.change.setWordWrap(True)
        # the odd đồng credited to the customer, on a line of its own in body size: at 44 pt
        # it was a second line under the change that fell below the fold at 1366×768
        self.credit = QLabel("")
        self.credit.setObjectName("changeCredit")
        self.credit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.credit.setWordWrap(True)
        self.credit.setVisible(False)
        self._change_fitted = (False, False)
        # the change, its credit and the dialog's sentence stay in view under the scrolling
        # form, above the buttons, whatever the screen's height (1366×768, 125 %, 150 %)
        outer.addWidget(self.change)
        outer.addWidget(self.credit)
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        self.confirm = QPushButton(self.tr("Thu tiền (Enter)"))
        self.confirm.setObjectName("confirmPayment")
        self.confirm.setDefault(True)
        self.confirm.clicked.connect(self.submit)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        buttons.addWidget(close)
        outer.addLayout(buttons)
        self.tendered.returnPressed.connect(self.submit)
        self.tendered.setFocus()
        #: when the change screen showed (None: no payment yet)
        self._change_shown_at: float | None = None
        self.clock: Callable[[], float] = time.monotonic
        self.confirm.installEventFilter(self)
        self.tendered.installEventFilter(self)
        # where the cashier types stays in view when the form scrolls (a short screen: 150 %)
        self.form_scroll.viewport().installEventFilter(self)
        #: whether this counter talks to central (live check, VietQR) or works offline
        self.online = online
        #: the VietQR session as the core last said it (None: no QR asked for)
        self.intent: QrView | None = None
        self.display: CustomerDisplay | None = None
        self.finished.connect(self._closing)
        self.simulate_bank = simulate_bank
        # (not F7: that opens the tools from anywhere, and two owners of a key fire neither)
        self.bank_button = QPushButton(self.tr("Demo: ngân hàng báo đã nhận tiền (Ctrl+B)"))
        self.bank_button.setObjectName("simulateBank")
        self.bank_button.setVisible(False)
        self.bank_button.clicked.connect(self._simulate_bank)
        QShortcut(QKeySequence("Ctrl+B"), self, self._simulate_bank)
        layout.insertWidget(layout.indexOf(self.qr_image) + 1, self.bank_button)
        # network: its own lane, never the store thread the lookups wait on
        self._net = runner.network
        #: the core's events (the window's; a dialog opened alone hears them itself)
        self.events = events or CoreEvents(app, self)
        # a payment for this customer taken elsewhere (another window, process or the
        # sync) while this dialog is open makes it stale: said at once, money refused
        self.events.payment_committed.connect(self._payment_elsewhere)
        # what the core's VietQR session says: paid (recorded), expired, cancelled
        self.events.qr_changed.connect(self._qr_changed)
        #: the live check was asked for (a dialog built ahead of F9 asks when it opens)
        self._check_asked = False
        if check_now:
            self.begin_check()

    def bar_keys(self) -> str:
        """The keys of this dialog, for the window's bar while it covers the window."""
        if self._change_shown_at is not None or self.confirm.text() == self.tr("Xong (Enter)"):
            return self.tr("Enter xong · Esc đóng")
        more = (self.tr(" · Ctrl+↓ bớt hóa đơn · Ctrl+↑ thêm hóa đơn")
                if len(self.detail.unpaid_bills) > 1 else "")
        return self.tr("Enter thu tiền · F1/F2/F3/F4 cộng tờ tiền · F5 đủ tiền · "
                       "F6 VietQR · Esc đóng") + more

    def bar_buttons(self) -> dict[str, QWidget]:
        return {"Enter": self.confirm, "F5": self.exact_button, "F6": self.qr_button}
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        fit_on_screen(self, self.form_scroll)

    def _show_tendered(self) -> None:
        """The whole amount field in the form's view (ensureWidgetVisible shows only its
        cursor)."""
        field, content = self.tendered, self.form_scroll.widget()
        if content is None or not content.isAncestorOf(field):
            return
        centre = field.mapTo(content, field.rect().center())
        self.form_scroll.ensureVisible(centre.x(), centre.y(), 0, field.height() // 2 + 4)

    def _fit_later(self) -> None:
        QTimer.singleShot(0, self._fit)

    def _payment_elsewhere(self, event: PaymentCommitted) -> None:
        if event.account_id != self.detail.id or event.key == self.key or self.taken is not None:
            return
        if self.intent is not None and event.method == "vietqr":
            return  # this dialog's own VietQR payment, recorded by the core
        self.confirm.setEnabled(False)
        self.tendered.setEnabled(False)
        self.qr_button.setEnabled(False)
        self.message.setText(self.tr("Khách hàng này vừa được thu nơi khác (phiếu {r}, {a}): "
                                     "không thu tiếp. Đóng (Esc) và mở lại khách hàng.").format(
            r=event.receipt_no, a=format_vnd(event.amount)))

    # -- the live check ---------------------------------------------------------------

    def begin_check(self) -> None:
        """Ask central whether the bills are still unpaid (once; the answer shows when it
        comes, and money is never taken against a bill central says is paid)."""
        if not self._check_asked:
            self._check_asked = True
            self._check()

    def _check(self) -> None:
        live, account_id = self.app.live, self.detail.id
        self.checking = True
        self._net.run(lambda: live.check_bills(account_id), self._checked, self._check_failed)

    def _check_failed(self, exc: BaseException) -> None:
        # a check that broke is no word from central that a bill is paid: the cache rules,
        # as it does offline, and a held Enter goes on
        self.checking = False
        self.live_label.setText(error_text(exc))
        self._release_held()

    def _release_held(self) -> None:
        # closed meanwhile (Esc while waiting): the held Enter is dropped, never a payment
        if self.held and self.isVisible():
            self.held = False
            self.confirm.setEnabled(True)
            self.submit()

    def _checked(self, live: LiveCheck) -> None:
        self.checking = False
        self.live = live
        self.live_label.setText(live.message)
        self.live_label.setProperty("alert", not live.ok_to_take)
        self.live_label.style().unpolish(self.live_label)
        self.live_label.style().polish(self.live_label)
        if not live.ok_to_take:
            self.held = False
            self.confirm.setEnabled(False)
            self.tendered.setEnabled(False)
            self.message.setText(self.tr("Không thu: trung tâm báo hóa đơn đã được thanh toán."))
        self.checked.emit(live)
        self._release_held()

    # -- VietQR -----------------------------------------------------------------------

    def start_qr(self) -> None:
        """Ask the core for a VietQR session: it writes the intent, then asks central; the
        QR shows here and on the customer's screen when it comes."""
        if self.taken is not None or self.intent is not None or self._qr_asked:
            return
        if self.live is not None and not self.live.ok_to_take:
            return
        self.message.setText(self.tr("Đang tạo mã VietQR…"))
        qr, actor, account_id, key = self.app.qr, self.actor, self.detail.id, self.qr_key
        bill_ids = self._bill_ids()
        self._qr_asked = True
        self._net.run(lambda: qr.start(actor, account_id, bill_ids=bill_ids, key=key),
                      self._qr_started, self._qr_failed)

    def _qr_failed(self, exc: BaseException) -> None:
        # nothing shown, and the core closed or withdrew that intent: cash still works, and
        # F6 again asks for a new one under a new key
        self._qr_asked = False
        self.qr_key = str(uuid.uuid4())
        self.message.setText(error_text(exc))

    def _qr_started(self, view: QrView) -> None:
        if not self.isVisible():
            return  # closed meanwhile: the core was told (_closing) and withdraws it
        self.intent = view
        self.confirm.setEnabled(False)
        self.tendered.setEnabled(False)
        self.qr_image.setPixmap(qr_pixmap(view.payload, 200))
        fee = self.detail.fee_due
        if fee is not None:
            # a VietQR payment pays the bills only: the fee is not in the QR's amount
            self.fee_label.setText(self.tr(
                "{label} {total}: không thu qua VietQR, điện lực thu sau").format(
                label=fee.label, total=format_vnd(fee.total)))
            self.total_label.setText(self.tr("Phải thu: {t}").format(t=format_vnd(view.amount)))
        expires = labels.local_datetime(view.expires_at)[-5:] if view.expires_at else ""
        self.message.setText(self.tr("Chờ khách quét mã VietQR ({ref}) – hết hạn lúc {t}. "
                                     "Esc để hủy.").format(ref=view.reference, t=expires))
        self.display = CustomerDisplay(self)
        self.display.place_beside(self)
        self.display.show_qr(self.detail.name, self.detail.code, view.amount, view.payload)
        # the customer's window never takes the cashier's keyboard (Esc still cancels)
        self.activateWindow()
        self.bank_button.setVisible(self.simulate_bank is not None)
        self._fit_later()  # the QR makes the form taller: the dialog still fits the screen
        self.qr_shown.emit(view)

    def _simulate_bank(self) -> None:
        intent, simulate = self.intent, self.simulate_bank
        if intent is None or simulate is None or self.taken is not None \
                or intent.reference is None:
            return
        reference = intent.reference
        self._net.run(lambda: simulate(reference), lambda _r: None,
                      lambda exc: self.message.setText(error_text(exc)))

    def _qr_changed(self, event: QrChanged) -> None:
        """The core's word on this dialog's session (never decided here)."""
        if event.key != self.qr_key or self.taken is not None:
            return
        if event.state == QrState.RECORDED and event.reference:
            payments, key = self.app.payments, vietqr_payment_key(event.reference)
            self.runner.run(lambda: payments.get(key), self._qr_paid, self._failed)
            return
        text = {QrState.EXPIRED: self.tr("Mã VietQR đã hết hạn: chưa thu tiền."),
                QrState.CANCELLED: self.tr("Đã hủy mã VietQR: chưa thu tiền."),
                QrState.REFUSED: self.tr("Trung tâm không nhận mã VietQR này: chưa thu tiền.")
                }.get(QrState(event.state))
        if text is None:
            return
        self.qr_image.clear()
        self.bank_button.setVisible(False)
        self.message.setText(text)
        if self.display is not None:
            self.display.show_message(text)

    def _qr_paid(self, taken: TakenPayment) -> None:
        self.taken = taken
        # the bank paid, not a key: the next Enter is the cashier's own and may close
        self._change_shown_at = self.clock() - CHANGE_GUARD_S
        self.qr_image.clear()
        self.bank_button.setVisible(False)
        self.message.setText(self.tr("Ngân hàng đã xác nhận ({ref}) · đã thu {a} · phiếu {r}")
                             .format(ref=taken.bank_ref, a=format_vnd(taken.amount),
                                     r=taken.receipt_no))
        self.change.setText(self.tr("ĐÃ THANH TOÁN"))
        if self.display is not None:
            self.display.show_message(self.tr("Đã nhận tiền. Cảm ơn quý khách!"))
        self.confirm.setText(self.tr("Xong (Enter)"))
        self.confirm.setEnabled(True)
        self.confirm.setFocus()
        keys_changed(self)
        self.payment_committed.emit(taken)

    def _closing(self, _code: int) -> None:
        if self._qr_asked and self.taken is None:
            # closed however (Esc, ×, Alt+F4, a sign-out, the lock): the QR is withdrawn;
            # the core asks central to cancel it and records the payment if the bank paid
            qr, key = self.app.qr, self.qr_key
            self.runner.run(lambda: qr.withdraw(key))
        if self.display is not None:
            self.display.close()

    # -- the bills --------------------------------------------------------------------

    def set_count(self, n: int) -> None:
        """Pay the ``n`` oldest bills (whole bills; the newest ones wait)."""
        if self.taken is not None or self.intent is not None:
            return
        n = max(1, min(n, len(self.detail.unpaid_bills)))
        if n != self.count:
            self.count = n
            self._show_bills()

    def _show_bills(self) -> None:
        bills = self.detail.unpaid_bills
        self.total = sum(b.total for b in bills[:self.count])
        fee = self.detail.fee_due
        if fee is not None:
            if self.count == len(bills):
                self.total += fee.total
                self.fee_label.setText(self.tr(
                    "{label}: {amount} + thuế GTGT {rate}% {vat} = {total} (thu cùng khoản "
                    "thanh toán hết nợ)").format(
                    label=fee.label, amount=format_vnd(fee.amount), rate=fee.vat_rate,
                    vat=format_vnd(fee.vat), total=format_vnd(fee.total)))
            else:
                self.fee_label.setText(self.tr(
                    "{label} {total}: chỉ thu khi khách thanh toán hết nợ").format(
                    label=fee.label, total=format_vnd(fee.total)))
        self.bills_model.set_rows(
            [("✓" if i < self.count else "", labels.period(b.period_start, b.period_end),
              b.bill_no, format_vnd(b.total), labels.local_date(b.due_on))
             for i, b in enumerate(bills)], bills, [b.overdue for b in bills])
        text = self.tr("Phải thu: {t}").format(t=format_vnd(self.total))
        if self.count < len(bills):
            text += self.tr(" ({n}/{m} hóa đơn)").format(n=self.count, m=len(bills))
        self.total_label.setText(text)

    def _bill_ids(self) -> list[int]:
        return [b.id for b in self.detail.unpaid_bills[:self.count]]

    # -- the amount -------------------------------------------------------------------

    def _amount(self) -> int:
        return self.tendered.value()

    def add_note(self, note: int) -> None:
        if self.taken is not None or not self.tendered.isEnabled():
            return
        self.tendered.setValue(self._amount() + note)
        self.tendered.setFocus()

    def exact(self) -> None:
        """F5: what the drawer can hold for the total (rounded up to its smallest note; the
        odd đồng are the customer's credit, said with the change)."""
        if self.taken is not None or not self.tendered.isEnabled():
            return
        self.tendered.setValue(tender_for_exact(self.total, self.app.payments.drawer_unit))
        self.tendered.setFocus()

    def _show_change(self) -> None:
        """The change, live as the amount is typed (what the core will hand back)."""
        if self.taken is not None:
            return
        self._live_change()
        self._refit_for_change()

    def _live_change(self) -> None:
        self._show_credit(0)
        given = None if self.tendered.is_empty() else self._amount()
        short = given is not None and given < self.total
        if self.change.property("short") != short:
            # a shortfall is not change: in the warning's colour, never the success green
            self.change.setProperty("short", short)
            self.change.style().unpolish(self.change)
            self.change.style().polish(self.change)
        if given is None:
            self.change.setText("")
            return
        if given < self.total:
            self.change.setText(self.tr("Còn thiếu {m}").format(m=format_vnd(self.total - given)))
            return
        change, credit = round_change(given - self.total, self.app.payments.change_note)
        self.change.setText(self.tr("Tiền thối: {c}").format(c=format_vnd(change)))
        self._show_credit(credit)

    def _show_credit(self, credit: int) -> None:
        self.credit.setText(self.tr("(+{r} ghi có)").format(r=format_vnd(credit))
                            if credit else "")
        self.credit.setVisible(bool(credit))

    def _refit_for_change(self) -> None:
        shown = (bool(self.change.text()), not self.credit.isHidden())
        if shown != self._change_fitted:
            # the 44 pt line or the credit came or went: the dialog grows into the screen
            # for them, rather than taking their room from the form
            self._change_fitted = shown
            self._fit_later()

    def change_may_close(self) -> bool:
        """Whether an Enter may close the change screen now: not the Enter that took the
        money nor a second press of the same impatient finger (issue 29: the cashier never
        saw the change). The change stays CHANGE_GUARD_S on screen whatever is pressed; Esc
        closes at once. ``clock`` is swapped by tests (no sleeps)."""
        return self._change_shown_at is not None and (
            self.clock() - self._change_shown_at >= CHANGE_GUARD_S)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.form_scroll.viewport():
            QTimer.singleShot(0, self._show_tendered)  # once the scroll bar has its new range
            return False
        if self.taken is not None and event.type() == QEvent.Type.KeyPress:
            key_event = cast(QKeyEvent, event)
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and key_event.isAutoRepeat():
                return True  # a held Enter never closes the change screen
        return super().eventFilter(watched, event)

    def submit(self) -> None:
        if self.taken is not None:
            if self.change_may_close():
                self.accept()  # the change was read: Enter again closes
            return
        if not self.confirm.isEnabled():
            return  # a payment is on its way, or the live check refused
        if not self.tendered.text().strip():
            # one stray Enter is never a payment: the amount is typed, or F5 says "exact"
            self.message.setText(self.tr("Nhập số tiền khách đưa, hoặc F5 nếu khách đưa đúng "
                                         "số tiền, rồi Enter."))
            self.tendered.setFocus()
            return
        tendered = self._amount()
        if tendered < self.total:
            self.message.setText(self.tr("Khách đưa {t}, thiếu {m}.").format(
                t=format_vnd(tendered), m=format_vnd(self.total - tendered)))
            return
        self.confirm.setEnabled(False)
        if self.checking:
            # money is never taken before central has had its say on these bills
            self.held = True
            self.message.setText(self.tr("Chờ trung tâm xác nhận hóa đơn rồi thu (vài giây; "
                                         "không cần bấm lại Enter)…"))
            return
        self.message.setText(self.tr("Đang ghi…"))
        payments, actor, account_id, key = self.app.payments, self.actor, self.detail.id, self.key
        bill_ids = self._bill_ids()
        self._writing = self.runner.run(
            lambda: payments.take_cash(actor, account_id, bill_ids=bill_ids, tendered=tendered,
                                       key=key),
            self._done, self._failed)
        writing = self._writing
        QTimer.singleShot(SLOW_WRITE_MS, self, lambda: self._still_writing(writing))

    def _still_writing(self, ticket: int) -> None:
        if self.taken is None and self._writing == ticket:
            self.message.setText(self.tr(
                "Đang chờ ghi: dữ liệu của quầy đang bận (chương trình khác đang ghi). "
                "Tiền chưa được ghi, chưa thối tiền; máy tự ghi khi xong."))

    def _done(self, taken: TakenPayment) -> None:
        self._writing = None
        self.taken = taken
        self._change_shown_at = self.clock()
        self.tendered.setEnabled(False)
        self.message.setText(self.tr("Đã thu {a} · phiếu {r}").format(
            a=format_vnd(taken.amount), r=taken.receipt_no))
        self.change.setText(self.tr("TIỀN THỐI: {c}").format(c=format_vnd(taken.change or 0)))
        self._show_credit(taken.change_credit or 0)
        self._refit_for_change()
        if taken.change_credit:
            self.message.setText(self.message.text() + self.tr(
                " · tiền lẻ {r} ghi có vào tài khoản khách (két không thối tiền dưới {n})").format(
                r=format_vnd(taken.change_credit), n=format_vnd(self.app.settings.change_note)))
        self.confirm.setText(self.tr("Xong (Enter)"))
        self.confirm.setEnabled(True)
        self.confirm.setFocus()
        keys_changed(self)
        self._fit_later()
        if self.display is None:
            self.display = CustomerDisplay()
            self.display.place_beside(self)
        self.display.show_change(self.detail.name, self.detail.code, taken.amount,
                                 taken.tendered or taken.amount, taken.change or 0,
                                 taken.change_credit)
        self.activateWindow()  # the customer's window never takes the cashier's keyboard
        self.payment_committed.emit(taken)

    def _failed(self, exc: BaseException) -> None:
        self._writing = None
        self.confirm.setEnabled(True)
        self.message.setText(error_text(exc))
