"""The counter's main window: search box, results, account panel.

Keyboard first: the search box has focus at start and F2 brings it back;
Down moves into the results; Enter opens the selected account; a barcode scan
(the code followed by Enter) opens the account at once. Every query runs on
the task runner, and an answer to an older query than the newest is dropped.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.dto import AccountDetail, AccountHit, LookupResult
from desktop.events import PaymentCommitted, PaymentVoided, PrintFinished, SyncFinished
from desktop.labels import ACCOUNT_STATUS
from desktop.link.sync.engine import SyncStatus
from desktop.modes import Mode as WindowMode
from desktop.modes import window_mode
from desktop.money.amounts import format_vnd
from desktop.money.shifts import ShiftView
from desktop.staff.auth import Actor
from desktop.staff.permissions import Permission, allowed
from ui.counter.account_panel import AccountPanel
from ui.counter.cash_drop_dialog import CashDropDialog
from ui.counter.close_shift_dialog import CloseShiftDialog
from ui.counter.open_shift_dialog import OpenShiftDialog
from ui.counter.payment_dialog import PaymentDialog
from ui.counter.receipts_dialog import ReceiptsDialog
from ui.counter.request_dialog import ServiceRequestDialog
from ui.counter.tools_window import ToolsWindow
from ui.plumbing.errors import present_error, presenter
from ui.setup.printer_dialog import PrinterDialog
from ui.shell.core_events import CoreEvents
from ui.shell.sign_in_dialog import SIGNED_OUT, Mode, SignInDialog
from ui.shell.sync_issues_dialog import SyncIssuesDialog, status_text
from ui.shell.tasks import LatestOnly, Tasks
from ui.widgets.table_model import RowsModel

logger = logging.getLogger(__name__)

#: Pause after the last keystroke before searching, so fast typing makes one query.
TYPING_PAUSE_MS = 150


class IdleWatcher(QObject):
    """Notes the time of the last key press, click, wheel or real mouse movement."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_input = time.monotonic()
        self._last_pos: object = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.last_input = time.monotonic()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            # some platforms repeat a move without movement: only a real one counts
            pos = event.globalPosition().toPoint()
            if pos != self._last_pos:
                self._last_pos = pos
                self.last_input = time.monotonic()
        return False

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_input


class MainWindow(QMainWindow):
    results_shown = Signal(int)
    account_opened = Signal(int)
    printed = Signal(object)
    screen_locked = Signal()
    screen_unlocked = Signal()
    signed_out = Signal()

    def __init__(self, app: App, runner: Tasks | None = None, *, actor: Actor,
                 online: bool = False) -> None:
        super().__init__()
        self.app = app
        self.actor = actor
        self.lock_dialog: SignInDialog | None = None
        #: who signed in after a sign-out and needs another window than this one
        self.next_actor: Actor | None = None
        self._locked = False
        #: whether this window keeps the counter in step with central (app.link)
        self.online = online
        self.runner = runner or Tasks(app, self)
        self.events = CoreEvents(app, self)
        self._latest = LatestOnly()
        #: account opens: only the newest one's answer fills the panel
        self._accounts = LatestOnly()
        self._open_on_result = False
        self.resize(1340, 740)

        central = QWidget()
        root = QVBoxLayout(central)
        bar = QHBoxLayout()
        caption = QLabel()
        self.caption = caption
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(120)
        caption.setBuddy(self.search)
        self.result_info = QLabel("")
        self.result_info.setObjectName("resultInfo")
        bar.addWidget(caption)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.result_info)
        root.addLayout(bar)
        self.hints = QLabel("")
        self.hints.setObjectName("keyHints")
        root.addWidget(self.hints)
        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        root.addWidget(self.banner)

        self.results_model = RowsModel(self._result_headers(), right_aligned=(3,))
        self.results = QTableView()
        self.results.setObjectName("results")
        self.results.setModel(self.results_model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        self.results.setAlternatingRowColors(True)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # long company names must not squeeze the address, which tells people apart
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 190)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.panel = AccountPanel()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.results)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 580])
        root.addWidget(split, 1)
        # while the screen is locked, no customer's data stays in view
        self.pages = QStackedWidget()
        self.pages.addWidget(central)
        locked = QLabel()
        self.locked_label = locked
        locked.setObjectName("lockedPage")
        locked.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(locked)
        self.setCentralWidget(self.pages)

        self.staff_status = QLabel("")
        self.staff_status.setObjectName("staffStatus")
        self.statusBar().addPermanentWidget(self.staff_status)
        self.shift_status = QLabel("")
        self.shift_status.setObjectName("shiftStatus")
        self.statusBar().addPermanentWidget(self.shift_status)
        self.printer_status = QLabel("")
        self.printer_status.setObjectName("printerStatus")
        self.statusBar().addPermanentWidget(self.printer_status)
        # the printer may hang for seconds: it has a thread of its own, the core's
        self.printer_runner = self.runner.printer
        self.store_status = QLabel("")
        self.store_status.setObjectName("storeStatus")
        self.statusBar().addPermanentWidget(self.store_status)
        # the keys, on a line of their own under the search: a temporary status-bar
        # message would run under the permanent labels at 1366 px
        self.retranslate()
        self._show_staff()
        self._printed_total = 0
        #: the shift as last read (F9 refuses at once without one)
        self._shift: ShiftView | None = None
        #: F9 on another highlighted row: the payment follows once that row is open
        self._pay_after_open: int | None = None
        self.payment: PaymentDialog | None = None
        self.request_dialog: ServiceRequestDialog | None = None
        self.shift_dialog: QDialog | None = None
        #: the demo only: pretend the bank paid a VietQR intent
        self.simulate_bank: Callable[[str], None] | None = None
        self.refresh_shift()
        #: seconds without input before the screen locks
        self.idle_limit = max(1, app.settings.idle_lock_minutes) * 60.0
        self.idle = IdleWatcher(self)
        qapp = QCoreApplication.instance()
        if qapp is not None:
            qapp.installEventFilter(self.idle)
        self.idle_check = QTimer(self)
        self.idle_check.setInterval(1000)
        self.idle_check.timeout.connect(self._check_idle)
        self.idle_check.start()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._search_now)
        self.search.textEdited.connect(self._on_text_edited)
        self.search.returnPressed.connect(self._on_return)
        self.search.installEventFilter(self)
        self.results.activated.connect(self._open_index)
        self.results.doubleClicked.connect(self._open_index)
        self.results.installEventFilter(self)

        for keys, slot in (
            ("F2", self.focus_search),
            ("Ctrl+F", self.focus_search),
            ("Ctrl+Q", self.close),
            ("Ctrl+L", self.lock_screen),
            ("F8", self.open_receipts),
            ("Ctrl+P", self.print_now),
            ("Ctrl+Shift+P", self.printer_settings),
            ("Ctrl+Shift+S", self.open_settings),
            ("Ctrl+H", self.hand_over),
            ("F9", self.take_payment),
            ("F10", self.open_or_close_shift),
            ("Ctrl+F10", self.cash_drop),
            ("Ctrl+R", self.take_request),
            ("Ctrl+Shift+L", self.sign_out),
            ("Ctrl+Shift+E", self.export_support),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        # the tools answer questions at any moment, from any window of the app
        QShortcut(QKeySequence("F7"), self, self.open_tools,
                  context=Qt.ShortcutContext.ApplicationShortcut)
        self.tools: ToolsWindow | None = None
        self.receipts: ReceiptsDialog | None = None
        self.printer_dialog: PrinterDialog | None = None
        self.settings_dialog: QDialog | None = None
        self.turn_in_dialog: QDialog | None = None
        self.sync_status = QLabel("")
        self.sync_status.setObjectName("syncStatus")
        self.statusBar().addPermanentWidget(self.sync_status)
        self.events.payment_committed.connect(self._after_payment)
        self.events.payment_voided.connect(self._after_payment)
        self.events.print_finished.connect(self._printed)
        self.events.request_taken.connect(lambda _e: self._refresh_sync_status())
        self.events.shift_closed.connect(lambda _e: self.refresh_shift())
        self.events.shift_opened.connect(lambda _e: self.refresh_shift())
        if online:
            QShortcut(QKeySequence("F5"), self, self.sync_now)
            QShortcut(QKeySequence("F6"), self, self.show_sync_issues)
            self.events.sync_finished.connect(self._sync_finished)
            self.sync_status.setText(self.tr("Đang kết nối máy chủ trung tâm…"))
            app.link.start()
        else:
            self.sync_status.setText(self.tr("Không kết nối máy chủ trung tâm (dữ liệu cục bộ)"))
        # receipts a crash or a dead printer left behind print now, not at the next payment
        app.printer.start()
        self._show_store_status()
        self.search.setFocus()

    # -- search -----------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_text_edited(self, _text: str) -> None:
        self._open_on_result = False
        self.notify("")
        self._timer.start()

    def _on_return(self) -> None:
        # A scanner types the code and Enter in a burst: search at once and,
        # when the code is exact, open the account without another key.
        self._timer.stop()
        detail = self.panel.detail
        if detail is not None and self.search.text().strip() != detail.code:
            self.close_account()  # a new scan: the last customer goes at once
        self._open_on_result = True
        self._search_now()

    def _search_now(self, *, refresh: bool = False) -> None:
        query = self.search.text()
        ticket = self._latest.next()
        lookup = self.app.lookup
        latest = self._latest
        self.runner.run(
            # a query still queued when a newer one arrives is not run at all
            lambda: lookup.search(query) if latest.is_current(ticket) else None,
            lambda result: self._on_result(ticket, result, refresh=refresh),
            lambda exc: self._on_error(ticket, exc),
        )

    def _refresh_results(self) -> None:
        """The same query again (a payment changed what is owed); the row stays chosen."""
        self._search_now(refresh=True)

    def _on_result(self, ticket: int, result: LookupResult | None, *,
                   refresh: bool = False) -> None:
        if result is None or not self._latest.is_current(ticket):
            return  # a newer keystroke superseded this query
        if refresh:
            row = self.results.currentIndex().row()
            hits = result.hits
            self.results_model.set_rows([_hit_row(h) for h in hits], hits,
                                        [h.status != "active" for h in hits])
            if 0 <= row < len(hits):
                self.results.selectRow(row)
            self.results_shown.emit(len(hits))
            return
        hits = result.hits
        self.results_model.set_rows([_hit_row(h) for h in hits], hits,
                                    [h.status != "active" for h in hits])
        if not result.query.strip():
            self.result_info.setText("")
        elif not hits:
            self.result_info.setText(self.tr("Không tìm thấy"))
        elif result.truncated:
            self.result_info.setText(self.tr("{n} kết quả đầu – gõ thêm để thu hẹp")
                                     .format(n=len(hits)))
        else:
            self.result_info.setText(self.tr("{n} kết quả").format(n=len(hits)))
        if hits:
            self.results.selectRow(0)
        self.results_shown.emit(len(hits))
        if self._open_on_result and hits:
            self._open_on_result = False
            if len(hits) == 1 or hits[0].matched_by == "code":
                self.open_account(hits[0].id)
            else:
                self.results.setFocus()

    def _on_error(self, ticket: int, exc: BaseException) -> None:
        if self._latest.is_current(ticket):
            present_error(self, exc)

    # -- account ------------------------------------------------------------

    def _open_index(self, index: object) -> None:
        row = self.results.currentIndex().row()
        if row >= 0:
            hit: AccountHit = self.results_model.item(row)
            self.open_account(hit.id)

    def open_account(self, account_id: int) -> None:
        lookup, actor = self.app.lookup, self.actor
        ticket = self._accounts.next()
        self.runner.run(
            lambda: lookup.account(account_id, actor=actor),
            lambda detail: self._show_account(detail, ticket),
            presenter(self),
        )

    def close_account(self) -> None:
        """Esc, a new scan, the lock, a sign-out: nothing of this customer stays on screen
        (an answer still on its way for them is dropped too)."""
        self._accounts.next()
        self._pay_after_open = None
        self.panel.clear()

    def _show_account(self, detail: AccountDetail, ticket: int | None = None) -> None:
        if ticket is not None and not self._accounts.is_current(ticket):
            return  # the customer was closed (or another opened) meanwhile
        self.panel.show_account(detail)
        self.account_opened.emit(detail.id)
        if self._pay_after_open == detail.id:
            self._pay_after_open = None
            self.take_payment()

    def notify(self, text: str, *, done: bool = False) -> None:
        """A refusal or a hint where the cashier looks: a coloured line above the results
        (and in the status bar), not only in small text at the bottom; ``done`` says that
        something went right (green, not the refusal's red)."""
        self.banner.setProperty("kind", "done" if done else "")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def sync_now(self) -> None:
        """"Đồng bộ ngay": wake the loop instead of waiting for its next turn."""
        if self.online:
            self.sync_status.setText(self.tr("Đang đồng bộ…"))
            self.app.link.sync_now()

    def _sync_finished(self, event: SyncFinished) -> None:
        self._refresh_sync_status(event.error)
        wrong_clock = self.app.clock.describe()  # (memory only: what the link last saw)
        if wrong_clock is not None:
            self.notify(wrong_clock)
        elif "Đồng hồ máy" in self.banner.text():
            self.notify("")
        if event.pulled and self.panel.detail is not None:
            self.open_account(self.panel.detail.id)  # new bills or a payment elsewhere

    # -- money ------------------------------------------------------------------------

    def refresh_shift(self) -> None:
        shifts, actor = self.app.shifts, self.actor
        self.runner.run(lambda: shifts.current(actor), self._show_shift)

    def _show_shift(self, shift: ShiftView | None) -> None:
        self._shift = shift
        if shift is None:
            self.shift_status.setText(self.tr("Chưa mở ca · F10 mở ca"))
        else:
            self.shift_status.setText(self.tr("Ca {who} từ {when} · F10 đóng ca").format(
                who=shift.staff, when=labels.local_datetime(shift.opened_at)[-5:]))
        self.shift_status.setProperty("alert", shift is None)
        self.shift_status.style().unpolish(self.shift_status)
        self.shift_status.style().polish(self.shift_status)

    def open_or_close_shift(self) -> None:
        shifts, actor = self.app.shifts, self.actor
        self.runner.run(lambda: shifts.current(actor), self._shift_dialog)

    def _shift_dialog(self, shift: ShiftView | None) -> None:
        dialog: QDialog
        if shift is None:
            dialog = OpenShiftDialog(self.app, self.runner, self.actor, self)
            dialog.opened.connect(lambda _s: self.refresh_shift())
        else:
            dialog = CloseShiftDialog(self.app, self.runner, self.actor, shift, self,
                                      reconcile=self._reconcile if self.online else None)
        self.shift_dialog = dialog
        dialog.finished.connect(self._back_to_search)
        dialog.open()

    def _reconcile(self, shift_key: str) -> tuple[str, ...]:
        """Runs off the GUI thread: push the report, then compare with central's totals."""
        return self.app.link.reconcile_shift(self.actor, shift_key)

    def cash_drop(self) -> None:
        """Ctrl+F10: cash from the drawer to the safe or the head cashier."""
        dialog = CashDropDialog(self.app, self.runner, self.actor, self)
        dialog.finished.connect(self._back_to_search)
        self.shift_dialog = dialog
        dialog.open()

    def _back_to_search(self) -> None:
        """After a dialog the next customer comes: the keyboard goes back to the search."""
        self.activateWindow()
        self.focus_search()

    def _after_payment(self, event: PaymentCommitted | PaymentVoided) -> None:
        """Whoever took or voided it: what is on screen shows it at once."""
        detail = self.panel.detail
        if detail is not None and detail.id == event.account_id:
            self.open_account(event.account_id)  # the bills now show as paid
        if self.search.text().strip():
            self._refresh_results()
        self._refresh_sync_status()

    def _result_headers(self) -> list[str]:
        return [self.tr("Mã KH"), self.tr("Tên khách hàng"), self.tr("Địa chỉ"),
                self.tr("Còn nợ")]

    def retranslate(self) -> None:
        """The window's own words in the language now installed; what is typed stays."""
        self.setWindowTitle(self.tr("QuayThu – Quầy thu tiền điện"))
        self.caption.setText(self.tr("Tìm khách hàng (F2):"))
        self.search.setPlaceholderText(self.tr(
            "Mã khách hàng, số điện thoại, số công tơ, hoặc tên và địa chỉ – không cần dấu"))
        self.results_model.set_headers(self._result_headers())
        self.locked_label.setText(self.tr("Màn hình đã khóa"))
        self.hints.setText(self.tr(
            "F2 tìm · Enter mở · Esc đóng khách · F9 thu tiền · F10 ca · Ctrl+F10 nộp tiền · "
            "F8 phiếu trong ca · Ctrl+R yêu cầu · F7 công cụ · Ctrl+Shift+S cài đặt · Ctrl+L khóa · "
            "Ctrl+Shift+E nhật ký hỗ trợ"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "hints"):
            self.retranslate()
            self._refresh_sync_status()
            self._show_shift(self._shift)
            if self.search.text().strip():
                self._refresh_results()
            if self.panel.detail is not None:
                self.open_account(self.panel.detail.id)
        super().changeEvent(event)

    def hand_over(self) -> None:
        """Ctrl+H: the head cashier takes this counter's closed shifts over, counted blind."""
        from ui.office.turn_in_dialog import TurnInDialog

        dialog = TurnInDialog(self.app, self.runner, self)
        dialog.finished.connect(self._back_to_search)
        self.turn_in_dialog = dialog
        dialog.open()

    def open_settings(self) -> None:
        """Ctrl+Shift+S: the wizard's pages again, for an administrator."""
        if not allowed(self.actor.role, Permission.CHANGE_SETTINGS):
            self.notify(self.tr("Cài đặt cần quản trị viên: quản trị viên đăng nhập rồi "
                                "Ctrl+Shift+S."))
            return
        from ui.setup.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.app, self.runner, self.actor, parent=self)
        dialog.finished.connect(self._back_to_search)
        self.settings_dialog = dialog
        dialog.open()

    def printer_settings(self) -> None:
        """Ctrl+Shift+P: the printer page (saving needs an administrator)."""
        dialog = PrinterDialog(self.app, self.runner, self.actor, self)
        dialog.answered.connect(lambda text: self.printer_status.setText(text))
        dialog.finished.connect(self._back_to_search)
        self.printer_dialog = dialog
        dialog.open()

    def print_now(self) -> None:
        """Ctrl+P: the printer thread tries what waits now (it also does after each payment)."""
        self.printer_status.setText(self.tr("Đang in…"))
        self.app.printer.kick()

    def _printed(self, outcome: PrintFinished) -> None:
        if outcome.error:
            self.printer_status.setText(self.tr("Máy in lỗi: {e} · chờ in {w} · Ctrl+P in lại")
                                        .format(e=outcome.error, w=outcome.waiting))
        elif outcome.printed:
            self._printed_total += outcome.printed
            self.printer_status.setText(self.tr("Đã in {n} phiếu").format(n=self._printed_total))
        self.printer_status.setProperty("alert", bool(outcome.error))
        self.printer_status.style().unpolish(self.printer_status)
        self.printer_status.style().polish(self.printer_status)
        self.printed.emit(outcome)

    def take_payment(self) -> None:
        """F9: cash for the unpaid bills of the customer on screen.

        Refused at once, before anything is typed, for a role that may not take
        money or without an open shift. When the highlighted row is another
        customer than the one in the panel, that row is opened first and the
        payment follows for it: money always goes to whose details are shown.
        """
        if not allowed(self.actor.role, Permission.TAKE_PAYMENT):
            self.notify(self.tr("Vai trò {r} không được thu tiền.").format(
                r=self.actor.role_label))
            return
        if self._shift is None:
            self.notify(self.tr("Chưa mở ca: F10 để mở ca (nhập tiền đầu ca) rồi mới thu tiền."))
            return
        detail = self.panel.detail
        row = self.results.currentIndex().row()
        highlighted = self.results_model.item(row) if 0 <= row < self.results_model.rowCount() \
            else None
        if highlighted is not None and (detail is None or highlighted.id != detail.id) \
                and self.results.hasFocus():
            self._pay_after_open = highlighted.id
            self.open_account(highlighted.id)
            return
        if detail is None:
            self.notify(self.tr("Mở một khách hàng trước (Enter trên danh sách), rồi F9."))
            return
        if not detail.unpaid_bills:
            self.notify(self.tr("Khách hàng {c} không còn nợ.").format(c=detail.code))
            return
        dialog = PaymentDialog(self.app, self.runner, self.actor, detail, self,
                               online=self.online, simulate_bank=self.simulate_bank,
                               events=self.events)
        self.payment = dialog
        dialog.finished.connect(self._back_to_search)
        dialog.open()

    def take_request(self) -> None:
        """Ctrl+R: a service request for the open customer (none open: a new supply)."""
        detail = self.panel.detail
        dialog = ServiceRequestDialog(self.app, self.runner, self.actor, detail, self)
        if detail is not None:
            dialog.submitted.connect(lambda _v: self.open_account(detail.id))
        self.request_dialog = dialog
        dialog.finished.connect(self._back_to_search)
        dialog.open()

    def open_receipts(self) -> None:
        """F8: today's receipts of this counter; a void from there (supervisor approval)."""
        dialog = ReceiptsDialog(self.app, self.runner, self.actor, self)
        dialog.open()
        self.receipts = dialog

    def show_sync_issues(self) -> None:
        if self.online:
            dialog = SyncIssuesDialog(self.app, self.runner, self.actor, self)
            dialog.acknowledged.connect(lambda _i: self._refresh_sync_status())
            dialog.open()

    def _refresh_sync_status(self, error: str | None = None) -> None:
        if self.online:
            link = self.app.link
            self.runner.run(link.status, lambda st: self._show_sync(st, error))

    def _show_sync(self, status: SyncStatus, error: str | None = None) -> None:
        text = status_text(status)
        if error:
            text += f" · {error}"
        self.sync_status.setText(text + self.tr(" · F5 đồng bộ · F6 cần xử lý"))
        self.sync_status.setProperty("alert", bool(status.online is False or status.open_issues))
        self.sync_status.style().unpolish(self.sync_status)
        self.sync_status.style().polish(self.sync_status)

    # -- who works at the counter ---------------------------------------------------

    def _show_staff(self) -> None:
        self.staff_status.setText(f"{self.actor.role_label}: {self.actor.full_name}")

    @property
    def locked(self) -> bool:
        """Whether the screen is locked (the core's session is, until the password)."""
        return self._locked

    def _check_idle(self) -> None:
        if self._locked and (self.lock_dialog is None or not self.lock_dialog.isVisible()):
            # locked, yet no lock screen in view (its window destroyed from outside, say):
            # the password can always be given — the lock is the session's, not the dialog's
            if self.lock_dialog is not None:
                self.lock_dialog.finished.disconnect(self._lock_finished)
                self.lock_dialog.deleteLater()
            self._show_lock_dialog()
            return
        if not self._locked and self.lock_dialog is None \
                and self.idle.idle_seconds() >= self.idle_limit:
            self.lock_screen()

    def lock_screen(self) -> None:
        """Idle or Ctrl+L: hide the customer's data until the password is given again."""
        if self.lock_dialog is not None or self._locked:
            return
        self._locked = True
        for child in (self.tools,):
            if child is not None:
                child.hide()
        self.pages.setCurrentIndex(1)
        self.close_account()  # the customer on screen is not the next person's business
        auth, actor = self.app.auth, self.actor
        # the lock is the core's: every service refuses this session until the password
        self.runner.run(lambda: auth.lock(actor))
        self._show_lock_dialog()
        self.screen_locked.emit()

    def _show_lock_dialog(self) -> None:
        self.lock_dialog = SignInDialog(self.app, self.runner, Mode.UNLOCK, self.actor, self)
        self.lock_dialog.finished.connect(self._lock_finished)
        self.lock_dialog.open()

    def _lock_finished(self, code: int) -> None:
        self.lock_dialog = None
        if code == SIGNED_OUT:
            self._locked = False
            self.sign_out()
            return
        if code != SignInDialog.DialogCode.Accepted:
            # closed without the password (×, Alt+F4, Esc, close()): the session is
            # still locked in the core, so the lock screen comes straight back
            QTimer.singleShot(0, self._show_lock_dialog)
            return
        self._locked = False
        self.pages.setCurrentIndex(0)
        self.idle.last_input = time.monotonic()
        self.activateWindow()
        self.focus_search()
        self.screen_unlocked.emit()

    def sign_out(self) -> None:
        """End the session (not the shift) and ask who works next."""
        self.pages.setCurrentIndex(1)
        self.close_account()
        self.results_model.set_rows([], [])
        self.search.clear()
        auth, actor = self.app.auth, self.actor
        self.runner.run(lambda: auth.sign_out(actor), lambda _r: self._ask_sign_in())

    def _ask_sign_in(self) -> None:
        self.signed_out.emit()
        dialog = SignInDialog(self.app, self.runner, Mode.SIGN_IN, None, self)
        self.lock_dialog = dialog

        def finished(code: int) -> None:
            self.lock_dialog = None
            if code != SignInDialog.DialogCode.Accepted or dialog.actor is None:
                self.close()
                return
            actor, sessions = dialog.actor, self.app.sessions
            self.runner.run(lambda: window_mode(sessions, actor),
                            lambda mode: self._signed_in_again(actor, mode))

        dialog.finished.connect(finished)
        dialog.open()

    def _signed_in_again(self, actor: Actor, mode: WindowMode) -> None:
        if mode is not WindowMode.COUNTER:
            # an agent's or a collector's role has its own window (ui/main.run_gui)
            self.next_actor = actor
            self.close()
            return
        self.actor = actor
        self._show_staff()
        self.pages.setCurrentIndex(0)
        self.idle.last_input = time.monotonic()
        self.activateWindow()
        self.focus_search()

    def closeEvent(self, event: QCloseEvent) -> None:
        qapp = QCoreApplication.instance()
        if qapp is not None:
            qapp.removeEventFilter(self.idle)
        self.idle_check.stop()
        self.events.detach()
        if self.online:
            self.app.link.stop()
        self.runner.wait(10_000)
        super().closeEvent(event)

    def open_tools(self) -> None:
        """The calculator, bill check and estimator, prefilled from the open account."""
        if self.tools is None:
            self.tools = ToolsWindow(self.app, self.runner, self)
        detail = self.panel.detail
        if detail is not None and detail.id != self.tools.account_id:
            self.tools.prefill(detail.id, f"{detail.code} · {detail.name}")
        self.tools.show()
        self.tools.raise_()
        self.tools.activateWindow()
        self.tools.focus_first_field()

    def export_support(self) -> None:
        """"Xuất nhật ký hỗ trợ": the zip support asks for (logs redacted, versions,
        settings), where the person chooses; never the store or the token."""
        import datetime as dt
        from pathlib import Path

        from desktop.support import export_support_bundle
        from ui.widgets.common import save_file_name

        suggested = str(Path.home() / f"quaythu-hotro-{dt.datetime.now():%Y%m%d-%H%M}.zip")
        chosen = save_file_name(self, self.tr("Xuất nhật ký hỗ trợ"), suggested,
                                self.tr("Tệp zip (*.zip)"))
        if not chosen:
            return
        settings = dataclasses.asdict(self.app.settings)

        def written(path: Path) -> None:
            self.notify(self.tr("Đã ghi tệp hỗ trợ {path}: gửi tệp này cho bộ phận hỗ trợ.")
                        .format(path=path), done=True)

        self.runner.store.run(lambda: export_support_bundle(Path(chosen), settings=settings),
                              written, presenter(self))

    def _show_store_status(self) -> None:
        self.store_status.setText(self.tr("Kho cục bộ: {name}").format(
            name=self.app.store_path.name))

    # -- keyboard ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key == Qt.Key.Key_Down and self.results_model.rowCount():
                self.results.setFocus()
                if not self.results.currentIndex().isValid():
                    self.results.selectRow(0)
                return True
            if watched is self.results and key == Qt.Key.Key_Escape:
                self.focus_search()
                return True
            if watched is self.search and key == Qt.Key.Key_Escape:
                # Esc: the customer is done; the next one starts from an empty screen
                self.close_account()
                self.results_model.set_rows([], [])
                self.result_info.setText("")
                self.search.clear()
                return True
            if watched is self.results and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_index(None)
                return True
        return super().eventFilter(watched, event)


CITY_SUFFIX = ", TP. Hồ Chí Minh"


def _hit_row(h: AccountHit) -> tuple[str, ...]:
    name = h.name if h.status == "active" else f"{h.name} ({ACCOUNT_STATUS.get(h.status, h.status)})"
    address = h.address.removesuffix(CITY_SUFFIX)
    if h.old_district:
        address += " · " + QCoreApplication.translate("MainWindow", "{0} cũ").format(h.old_district)
    if h.matched_by == "phone" and h.phone:
        address += " · " + QCoreApplication.translate("MainWindow", "ĐT {0}").format(h.phone)
    elif h.matched_by == "meter":
        address += " · " + QCoreApplication.translate("MainWindow", "công tơ {0}").format(h.meter)
    return (h.code, name, address, format_vnd(h.unpaid_total) if h.unpaid_total else "")
