"""The agent's window (đại lý thu hộ): scan or type the code, see the amount, take cash, print.

An agent collects between other sales: one field, one account, one key to take the money
(F9, the counter's own cash dialog, which prints the receipt). The collection limit's room
is always in view and turns to a warning before it runs out. There is no customer list and
no name search: only the account whose exact code was typed or scanned. The agent's own
shift: F10 opens it (the till's change, 0 if none) and closes it with a blind count; F9
takes no cash without one (it offers to open it). "Hôm nay" is this agent's receipts.
Ctrl+K sends the day's closing (pressed twice: the first press says what will be sent),
then asks for the shift's count; F7 shows the remittance history central holds. The lock,
the sign-out and the status bar are the shell's
(``ui/shell/window.py``), as in every window.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.dto import AccountDetail
from desktop.modes import Mode
from desktop.money.agent import DayView, Found, LimitView, limit_text
from desktop.money.amounts import format_vnd
from desktop.staff.auth import Actor
from ui.counter.payment_dialog import PaymentDialog
from ui.counter.shift_flow import ShiftFlow
from ui.plumbing.errors import error_text
from ui.shell.tasks import LatestOnly, Tasks
from ui.shell.type_ahead import TypeAhead
from ui.shell.window import ShellWindow
from ui.widgets import common
from ui.widgets.common import message_label


class AgentWindow(ShellWindow):
    MODE = Mode.AGENT
    found = Signal(object)
    closed_day = Signal(object)

    def __init__(self, app: App, runner: Tasks | None = None, *, actor: Actor,
                 online: bool = False) -> None:
        super().__init__(app, runner, actor=actor, online=online, shift_keys=False,
                         offline=QCoreApplication.translate(
                             "AgentWindow", "Ngoại tuyến: chỉ tra được mã đã tra trước đây."))
        self.detail: AccountDetail | None = None
        self.payment: PaymentDialog | None = None
        self._type_ahead = TypeAhead(self)
        self.limit_view: LimitView | None = None
        self.day_view: DayView | None = None
        self._closing_armed = False
        #: the closing's "count the till" sentence while the shift is still open
        self._count_hint = ""
        self._lookups = LatestOnly()
        self.setObjectName("agentWindow")
        self.resize(900, 640)
        self._filled = False
        root = QWidget()
        layout = QVBoxLayout(root)

        self.limit_label = QLabel("")
        self.limit_label.setObjectName("agentLimit")
        self.limit_label.setWordWrap(True)
        self.limit_bar = QProgressBar()
        self.limit_bar.setObjectName("agentLimitBar")
        self.limit_bar.setTextVisible(False)
        self.limit_bar.setMaximumHeight(12)
        layout.addWidget(self.limit_label)
        layout.addWidget(self.limit_bar)

        row = QHBoxLayout()
        caption = QLabel(self.tr("&Mã khách hàng (quét hoặc gõ):"))
        self.code = QLineEdit()
        self.code.setObjectName("agentCode")
        self.code.setMaxLength(20)
        self.code.setPlaceholderText("PE14000012345")
        self.code.returnPressed.connect(self.look_up)
        caption.setBuddy(self.code)
        row.addWidget(caption)
        row.addWidget(self.code, 1)
        layout.addLayout(row)

        box = QGroupBox(self.tr("Khách hàng"))
        form = QFormLayout(box)
        self.name = QLabel("—")
        self.name.setObjectName("agentName")
        self.address = QLabel("—")
        self.address.setWordWrap(True)
        # empty until a customer is found: a 28 pt bold "—" read as a black bar (issue 29)
        self.amount = QLabel("")
        self.amount.setObjectName("agentAmount")
        self.bills = QLabel("")
        form.addRow(self.tr("Tên"), self.name)
        form.addRow(self.tr("Địa chỉ"), self.address)
        form.addRow(self.tr("Số tiền phải trả"), self.amount)
        form.addRow("", self.bills)
        layout.addWidget(box)

        self.message = message_label("agentMessage")
        layout.addWidget(self.message)

        lower = QHBoxLayout()
        today = QGroupBox(self.tr("Hôm nay"))
        today_layout = QVBoxLayout(today)
        self.day_label = QLabel("")
        self.day_label.setObjectName("agentDay")
        self.day_label.setWordWrap(True)
        today_layout.addWidget(self.day_label)
        today_layout.addStretch(1)
        lower.addWidget(today, 1)
        history = QGroupBox(self.tr("Lịch sử nộp tiền (F7)"))
        history_layout = QVBoxLayout(history)
        self.remittances = QListWidget()
        self.remittances.setObjectName("agentRemittances")
        self.remittances.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        history_layout.addWidget(self.remittances)
        lower.addWidget(history, 1)
        layout.addLayout(lower)

        self.setCentralWidget(root)

        for key, action in (("F9", self.take_payment), ("F7", self.refresh_remittances),
                            ("Ctrl+K", self.close_day), ("F10", self.open_or_close_shift)):
            QShortcut(QKeySequence(key), self, action)
        self.events.payment_committed.connect(lambda _e: self.refresh())
        self.events.sync_finished.connect(lambda _e: self.refresh())
        self.setWindowTitle(self.tr("QuayThu – Đại lý thu hộ – {who}").format(
            who=actor.full_name))
        # the agent's own shift, opened with a word (F10): no cash is taken under a shift
        # nobody opened
        self.shifts = ShiftFlow(self)
        self.shifts.changed.connect(self._shift_read)
        self.shifts.refresh()
        self._show_keys()
        self.refresh()
        self.refresh_remittances()
        self.code.setFocus()

    # -- the shift -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._filled:
            self._filled = True
            common.fill_screen(self)  # the whole screen, as the counter's window

    def _show_keys(self) -> None:
        """Only the keys that work now: F9 when it would take cash, F10 to open a shift
        until the day is closed, Ctrl+K until it is (the sign-out is the shell's)."""
        shift = self.shifts.shift
        keys = [self.tr("Enter: tra mã")]
        if self.payable():
            keys += [self.tr("F9: thu tiền mặt và in")]
        if shift is not None:
            keys += [self.tr("F10: đóng ca")]
        elif not self.day_closed():
            keys += [self.tr("F10: mở ca")]  # after the day's closing: no new shift today
        keys += [self.tr("F7: lịch sử nộp")]
        if self.day_view is not None and not self.day_closed():
            keys += [self.tr("Ctrl+K: chốt ngày")]  # sent once: a second press sends nothing
        keys += [self.tr("Ctrl+L: khóa")]
        self.key_bar.set_keys(" · ".join(keys))

    def payable(self) -> bool:
        """Whether F9 would take cash now, by the rules that make it refuse: the day not
        closed, an open shift, a customer on screen who owes, within the limit's room."""
        d, limit = self.detail, self.limit_view
        if self.day_closed() or self.shifts.shift is None or d is None or not d.unpaid_bills:
            return False
        return limit is None or limit.room is None or d.unpaid_total <= limit.room

    def day_closed(self) -> bool:
        """Whether today's closing was sent: nothing more is taken today."""
        return self.day_view is not None and self.day_view.closed_at is not None

    def _refuse_after_closing(self) -> bool:
        """F9 or F10 (to open) after the day's closing: said plainly, nothing opens."""
        day = self.day_view
        if day is None or day.closed_at is None:
            return False
        self.message.setText(self.tr(
            "Đã chốt ngày {d}: không mở ca và không thu thêm trong ngày. Ngày mai mở ca "
            "mới (F10).").format(d=day.day.strftime("%d/%m/%Y")))
        return True

    def _shift_read(self, shift: object) -> None:
        self._show_keys()
        if shift is None and self._count_hint and self._count_hint in self.message.text():
            # the till was counted and the shift closed: the line asking for it goes
            self.message.setText(self.message.text().replace(self._count_hint, ""))
            self._count_hint = ""
        if shift is None and not self.message.text():
            self.message.setText(self.tr("Chưa mở ca: bấm F10 để mở ca trước khi thu tiền."))

    def open_or_close_shift(self) -> None:
        """F10: open the agent's shift (the till's change), or close it with a count."""
        self._closing_armed = False
        if self.shifts.shift is None and self._refuse_after_closing():
            return
        self.shifts.open_or_close()

    # -- the day, the limit -------------------------------------------------------

    def refresh(self) -> None:
        agent, actor = self.app.agent, self.actor
        self.runner.run(lambda: (agent.limit(actor=actor), agent.day(actor=actor, mine=True)),
                        self._refreshed, self.show_refusal)

    def _refreshed(self, found: tuple[LimitView, DayView]) -> None:
        self.limit_view, self.day_view = found
        self._show_keys()  # after the day's closing, F9 and F10 are no longer offered
        view, day = found
        self.limit_label.setText(limit_text(view))
        state = "exhausted" if view.exhausted else "warn" if view.warn else ""
        self.limit_label.setProperty("state", state)
        self.limit_label.style().unpolish(self.limit_label)  # the sheet's [state] colour
        self.limit_label.style().polish(self.limit_label)
        if view.limit:
            self.limit_bar.setRange(0, 1000)
            self.limit_bar.setValue(min(1000, max(0, view.held * 1000 // view.limit)))
            self.limit_bar.show()
        else:
            self.limit_bar.hide()
        closed = (self.tr(" · đã chốt lúc {t}").format(t=labels.local_datetime(day.closed_at))
                  if day.closed_at else "")
        self.day_label.setText(self.tr("{d}: {n} phiếu, {t}{c}").format(
            d=day.day.strftime("%d/%m/%Y"), n=day.count, t=format_vnd(day.total), c=closed))

    def refresh_remittances(self) -> None:
        """F7: what this agent handed over to the utility, as central records it."""
        link = self.app.link
        self.runner.network.run(link.remittances, self._remitted, lambda _e: None)

    def _remitted(self, body: dict[str, object] | None) -> None:
        self.remittances.clear()
        if body is None:
            self.remittances.addItem(self.tr("Ngoại tuyến: chưa lấy được lịch sử nộp tiền."))
            return
        rows = body.get("remittances")
        if not isinstance(rows, list) or not rows:
            self.remittances.addItem(self.tr("Chưa có lần nộp tiền nào."))
            return
        for r in rows:
            if not isinstance(r, dict):
                continue
            at = dt.datetime.fromisoformat(str(r.get("at")))
            note = f" · {r['note']}" if r.get("note") else ""
            self.remittances.addItem(f"{labels.local_datetime(at)} · "
                                     f"{format_vnd(int(r.get('amount', 0)))}{note}")

    # -- one customer -------------------------------------------------------------

    def look_up(self) -> None:
        agent, actor, code = self.app.agent, self.actor, self.code.text()
        self._closing_armed = False
        self.message.setText(self.tr("Đang tra mã…"))
        ticket = self._lookups.next()  # only the newest answer fills the window
        self.runner.network.run(lambda: agent.find(actor, code),
                                lambda f: self._found(f) if self._lookups.is_current(ticket)
                                else None,
                                lambda e: self._not_found(e) if self._lookups.is_current(ticket)
                                else None)

    def _forget(self) -> None:
        self._lookups.next()  # an answer still on its way is not shown either
        self.detail = None
        for label in (self.name, self.address):
            label.setText("—")
        self.amount.setText("")
        self.bills.setText("")
        self._show_keys()

    def hide_customer(self) -> None:
        """The lock or a sign-out: the customer on screen goes, and the armed closing."""
        self._forget()
        self._closing_armed = False
        self.code.clear()
        self.message.setText("")

    def back_to_work(self) -> None:
        self.activateWindow()
        self.code.setFocus()
        self.refresh()  # what changed behind the lock (a sync, the day's receipts)

    def notify(self, text: str, *, done: bool = False) -> None:
        self.message.setText(text)

    def _not_found(self, exc: BaseException) -> None:
        self._forget()
        self.message.setText(error_text(exc))
        self.code.selectAll()
        self.code.setFocus()

    def _found(self, found: Found) -> None:
        d = found.detail
        self.detail = d
        self.name.setText(d.name)
        self.address.setText(d.address)
        self.amount.setText(format_vnd(d.unpaid_total))
        self.bills.setText(self.tr("{n} hóa đơn chưa thanh toán").format(n=len(d.unpaid_bills))
                           if d.unpaid_bills else self.tr("Không còn nợ."))
        age = "" if found.online else self.tr(" (dữ liệu đã lưu trên máy, chưa kiểm tra với "
                                              "trung tâm)")
        self.message.setText((self.tr("F9 để thu tiền mặt và in phiếu.") if d.unpaid_bills
                              else self.tr("Khách hàng không còn nợ.")) + age)
        self._show_keys()
        self.found.emit(d)

    def take_payment(self) -> None:
        """F9: the counter's own cash dialog for the account on screen."""
        d = self.detail
        if self._refuse_after_closing():
            return
        if d is None:
            self.message.setText(self.tr("Tra mã khách hàng trước (Enter), rồi F9."))
            return
        if not d.unpaid_bills:
            self.message.setText(self.tr("Khách hàng {c} không còn nợ.").format(c=d.code))
            return
        if self.shifts.shift is None:
            # never cash under a shift opened without a word: the agent opens it now
            self.message.setText(self.tr("Chưa mở ca: mở ca trước khi thu tiền (F10)."))
            self.shifts.open_or_close()
            return
        if self.limit_view is not None and self.limit_view.room is not None \
                and d.unpaid_total > self.limit_view.room:
            self.message.setText(self.tr(
                "Vượt hạn mức: còn được thu {r}, khoản này {a}. Nộp tiền cho Điện lực để thu "
                "tiếp.").format(r=format_vnd(max(self.limit_view.room, 0)),
                                a=format_vnd(d.unpaid_total)))
            return
        if self._type_ahead.holding:
            return  # (F9 twice at once: the dialog is on its way)
        dialog = PaymentDialog(self.app, self.runner, self.actor, d, self, online=self.online,
                               events=self.events)
        self.payment = dialog
        dialog.finished.connect(self._after_payment)
        # opened once what was typed with F9 is delivered: those keys are the amount's
        self._type_ahead.open_after(lambda: self._open_payment(dialog))

    def _open_payment(self, dialog: PaymentDialog) -> QWidget | None:
        if dialog is not self.payment or self.locked or not self.isVisible():
            return None
        dialog.open()
        return dialog.focusWidget() or dialog.tendered

    def _after_payment(self, _code: int) -> None:
        """Back to an empty field: the next customer in the queue scans next."""
        paid = self.payment is not None and self.payment.taken is not None
        self._forget()
        self.code.clear()
        self.activateWindow()  # the keys come back to this window after the dialog
        self.code.setFocus()
        self.refresh()
        if paid:
            self.message.setText(self.tr("Đã thu và in phiếu. Quét mã khách hàng tiếp theo."))
        else:  # (the customer went with the dialog: "F9 to take cash" no longer stands)
            self.message.setText(self.tr("Chưa thu tiền. Quét hoặc nhập mã khách hàng (Enter)."))

    # -- the closing ---------------------------------------------------------------

    def close_day(self) -> None:
        """Ctrl+K twice: the day's closing; the first press says what will be sent."""
        day = self.day_view
        if day is None:
            return
        if day.closed_at is not None:
            self.message.setText(self.tr("Đã gửi chốt ngày {d} lúc {t}.").format(
                d=day.day.strftime("%d/%m/%Y"), t=labels.local_datetime(day.closed_at)))
            return
        if not self._closing_armed:
            self._closing_armed = True
            self.message.setText(self.tr(
                "Chốt ngày {d}: {n} phiếu, {t}. Sau khi chốt không thu thêm được trong ngày. "
                "Bấm Ctrl+K lần nữa để gửi; gõ mã khác để thôi.").format(
                    d=day.day.strftime("%d/%m/%Y"), n=day.count, t=format_vnd(day.total)))
            return
        self._closing_armed = False
        agent, actor = self.app.agent, self.actor
        self.runner.run(lambda: agent.close_day(actor), self._closed,
                        self.show_refusal)

    def _closed(self, day: DayView) -> None:
        self.day_view = day  # at once: a third Ctrl+K must not arm a second closing
        self._show_keys()
        self.message.setText(self.tr("Đã gửi chốt ngày: {n} phiếu, {t}. Trung tâm đối soát khi "
                                     "nhận được.").format(n=day.count, t=format_vnd(day.total)))
        self.closed_day.emit(day)
        self.refresh()
        if self.shifts.shift is not None:
            # the day is sent: the till is counted and the shift closed (its dialog)
            self._count_hint = self.tr(" Đếm tiền trong két để đóng ca.")
            self.message.setText(self.message.text() + self._count_hint)
            self.shifts.open_or_close()
        if self.online:
            link = self.app.link
            self.runner.network.run(link.sync_once, lambda _r: None, lambda _e: None)
