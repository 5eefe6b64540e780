"""The counter's main window: the search (``search_pane.py``), the results, the account
panel, and the keys that take money, requests and receipts for the customer on screen.

Keyboard first: the search box has focus at start, F2 brings it back, and after every
dialog the keys come back to it. The status bar, the lock, the sign-out and the keys
every window has are the shell's (``ui/shell/window.py``); the shift's keys are
``shift_flow.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.app import App
from desktop.dto import AccountDetail
from desktop.events import PaymentCommitted, PaymentVoided, SyncFinished
from desktop.money.shifts import ShiftView
from desktop.request_drafts import DraftView
from desktop.staff.auth import Actor
from desktop.staff.permissions import Permission, allowed
from ui.counter.account_panel import AccountPanel
from ui.counter.payment_dialog import PaymentDialog
from ui.counter.receipts_dialog import ReceiptsDialog
from ui.counter.request_dialog import ServiceRequestDialog
from ui.counter.request_list_window import RequestListWindow
from ui.counter.search_pane import SearchPane
from ui.counter.shift_flow import ShiftFlow
from ui.counter.tools_window import ToolsWindow
from ui.plumbing.errors import presenter
from ui.setup.printer_dialog import PrinterDialog
from ui.shell.tasks import LatestOnly, Tasks
from ui.shell.type_ahead import TypeAhead
from ui.shell.window import ShellWindow

logger = logging.getLogger(__name__)

#: posted behind the paint of a customer just opened (the paint's own request is low
#: priority, and events of one priority keep their order): the next F9's dialog is built
#: once the cashier sees the customer, never before
_AFTER_PAINT = QEvent.Type(QEvent.registerEventType())


class MainWindow(ShellWindow):
    SWITCHES_IN_PLACE = True
    account_opened = Signal(int)

    def __init__(self, app: App, runner: Tasks | None = None, *, actor: Actor,
                 online: bool = False) -> None:
        super().__init__(app, runner, actor=actor, online=online)
        #: account opens: only the newest one's answer fills the panel
        self._accounts = LatestOnly()
        self.resize(1340, 740)

        central = QWidget()
        root = QVBoxLayout(central)
        self.finder = SearchPane(self)
        root.addWidget(self.finder)
        # the search's parts by the names the tests and the benchmarks use
        f = self.finder
        self.search, self.results, self.results_model = f.search, f.results, f.model
        self.caption, self.result_info, self.results_shown = f.caption, f.result_info, \
            f.results_shown
        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        root.addWidget(self.banner)
        self.panel = AccountPanel()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("counterSplit")
        split.addWidget(self.results)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 580])
        self.split = split
        root.addWidget(split, 1)
        self.setCentralWidget(central)
        self.retranslate()
        f.open_requested.connect(self.open_account)
        f.returned.connect(self._scanned)
        f.edited.connect(lambda: self.notify(""))
        f.cleared.connect(self.close_account)

        #: F9 on another highlighted row: the payment follows once that row is open
        self._pay_after_open: int | None = None
        #: the keys typed with F9, held for its dialog until it opens
        self._type_ahead = TypeAhead(self)
        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.setInterval(self._FRAME_STAYS_MS)
        self._frame_timer.timeout.connect(self._frame_gone)
        self.payment: PaymentDialog | None = None
        #: the next F9's dialog, built for the customer on screen just after the panel
        #: painted them: F9 shows it rather than building it then (issue 31)
        self._spare: PaymentDialog | None = None
        #: the next F8's, built while nothing happens (its list asked for as it opens)
        self._spare_receipts: ReceiptsDialog | None = None
        self.request_dialog: ServiceRequestDialog | None = None
        self.request_list: RequestListWindow | None = None
        self.tools: ToolsWindow | None = None
        self.receipts: ReceiptsDialog | None = None
        self.printer_dialog: PrinterDialog | None = None
        self.settings_dialog: QDialog | None = None
        #: the demo only: pretend the bank paid a VietQR intent
        self.simulate_bank: Callable[[str], None] | None = None
        self.shifts = ShiftFlow(self)
        # F9 on the bar follows the shift and the row F9 would take money for
        self.shifts.changed.connect(lambda _s: self._show_keys())
        f.highlight_changed.connect(self._show_keys)
        self.shifts.refresh()

        for keys, slot in (
            ("F2", self.focus_search), ("Ctrl+F", self.focus_search),
            ("F8", self.open_receipts), ("Ctrl+Shift+P", self.printer_settings),
            ("Ctrl+Shift+S", self.open_settings), ("Ctrl+H", self.shifts.hand_over),
            ("F9", self.take_payment), ("F10", self.shifts.open_or_close),
            ("Ctrl+F10", self.shifts.cash_drop), ("Ctrl+R", self.take_request),
            ("F4", self.open_request_list),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        # the tools answer questions at any moment, from any window of the app
        QShortcut(QKeySequence("F7"), self, self.open_tools,
                  context=Qt.ShortcutContext.ApplicationShortcut)
        self.events.payment_committed.connect(self._after_payment)
        self.events.payment_voided.connect(self._after_payment)
        self.events.sync_finished.connect(self._sync_finished)
        self.search.setFocus()

    # -- the shift (shift_flow.py) ---------------------------------------------------------

    @property
    def shift(self) -> ShiftView | None:
        """The shift as last read (F9 refuses at once without one)."""
        return self.shifts.shift

    @property
    def shift_dialog(self) -> QDialog | None:
        return self.shifts.dialog

    def refresh_shift(self) -> None:
        self.shifts.refresh()

    def actor_changed(self) -> None:
        self._drop_spare()  # built for the last person
        self.refresh_shift()  # the next person's drawer, not the last one's
        self._customer_on_screen(self.panel.detail is not None)  # their keys, not the last's

    # -- the search and the account ---------------------------------------------------------

    def focus_search(self) -> None:
        self.finder.focus()

    def back_to_work(self) -> None:
        """After a dialog or the lock the next customer comes: the keys go to the search."""
        self.activateWindow()
        self.focus_search()

    def _search_now(self, *, refresh: bool = False) -> None:
        self.finder.search_now(refresh=refresh)

    def _scanned(self, query: str) -> None:
        detail = self.panel.detail
        if detail is not None and query != detail.code:
            # a new scan: the last customer goes at once; the panel's frame stays a moment
            # for the next one (hiding and showing it again doubled what a scan cost)
            self.close_account(frame_stays=True)

    def open_account(self, account_id: int) -> None:
        lookup, actor = self.app.lookup, self.actor
        ticket = self._accounts.next()
        self.runner.run(lambda: lookup.account(account_id, actor=actor),
                        lambda detail: self._show_account(detail, ticket), presenter(self))

    def close_account(self, *, frame_stays: bool = False) -> None:
        """Esc, a new scan, the lock, a sign-out: nothing of this customer stays on screen
        (an answer still on its way for them is dropped too). ``frame_stays``: the panel's
        empty sections and the results' width stay until the next customer comes, or for
        a moment (``_FRAME_STAYS_MS``) when none does."""
        self._accounts.next()
        self._pay_after_open = None
        self._drop_spare()
        self.panel.clear(keep_sections=frame_stays)
        if frame_stays:
            self._show_keys()  # the customer's keys go with them, at once
            self._frame_timer.start()
            return
        self._frame_timer.stop()
        self._customer_on_screen(False)

    #: how long an emptied panel keeps its frame for the customer a scan is opening
    _FRAME_STAYS_MS = 300

    def _frame_gone(self) -> None:
        if self.panel.detail is None:
            self.panel.clear()
            self._customer_on_screen(False)

    #: the results' address column (ui/counter/results.py), hidden once an account is open
    ADDRESS_COLUMN = 2
    NAME_COLUMN = 1
    #: the keys that need a customer on screen: hidden from the key bar without one (F9
    #: follows :meth:`payable`)
    CUSTOMER_KEYS = frozenset({"Esc", "Ctrl+R"})

    def _customer_on_screen(self, shown: bool) -> None:
        """The results give the account their room once one is open (Esc gives it back),
        and the key bar shows the customer's keys only while there is one."""
        # slim: code, name and what is owed; the address is in the account's card, and the
        # name takes what is left (cut at its end if it must), the amount never
        self.results.set_slim(shown)
        total = sum(self.split.sizes()) or 1340
        self.split.setSizes([total * 36 // 100, total - total * 36 // 100] if shown
                            else [total * 56 // 100, total - total * 56 // 100])
        self._show_keys()

    def _show_keys(self) -> None:
        """The bar offers the keys that work now: the customer's with one open, F9 only
        when F9 would take money (``take_payment`` refuses otherwise), settings to an
        administrator."""
        # settings are an administrator's: the bar offers them to nobody else
        hidden = set() if allowed(self.actor.role, Permission.CHANGE_SETTINGS) \
            else {"Ctrl+Shift+S"}
        if self.panel.detail is None:
            hidden |= set(self.CUSTOMER_KEYS)
        if not self.payable():
            hidden.add("F9")
        self.key_bar.show_only(None if not hidden else [k for k in self.key_bar.all_keys()
                                                        if k not in hidden])

    def payable(self) -> bool:
        """Whether F9 would take money now, by the same rules that make it refuse: a role
        that takes money, an open shift, and something owed by the account it would take
        it for (the highlighted row when it is another customer than the one open)."""
        # (the shift as last read; none yet while the window is being built)
        if not allowed(self.actor.role, Permission.TAKE_PAYMENT) or self.open_shift() is None:
            return False
        detail, highlighted = self.panel.detail, self.finder.highlighted()
        if highlighted is not None and (detail is None or highlighted.id != detail.id):
            return highlighted.unpaid_count > 0
        return detail is not None and bool(detail.unpaid_bills)

    def hide_customer(self) -> None:
        """The lock or a sign-out: no customer, no list, no query stays (nor one pending)."""
        self.finder.clear()
        self.close_account()

    def _show_account(self, detail: AccountDetail, ticket: int | None = None) -> None:
        if ticket is not None and not self._accounts.is_current(ticket):
            return  # the customer was closed (or another opened) meanwhile
        self._frame_timer.stop()
        self.panel.show_account(detail)
        self._customer_on_screen(True)
        self._drop_spare()
        self._prepare_later()
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

    def _sync_finished(self, event: SyncFinished) -> None:
        wrong_clock = self.app.clock.describe()  # (memory only: what the link last saw)
        if wrong_clock is not None:
            self.notify(wrong_clock)
        elif "Đồng hồ máy" in self.banner.text():
            self.notify("")
        if event.pulled and self.panel.detail is not None:
            self.open_account(self.panel.detail.id)  # new bills or a payment elsewhere

    def _after_payment(self, event: PaymentCommitted | PaymentVoided) -> None:
        """Whoever took or voided it: what is on screen shows it at once."""
        detail = self.panel.detail
        if detail is not None and detail.id == event.account_id:
            self.open_account(event.account_id)  # the bills now show as paid
        if self.search.text().strip():
            self._search_now(refresh=True)

    # -- the words on screen ------------------------------------------------------------

    def retranslate(self) -> None:
        """The window's own words in the language now installed; what is typed stays."""
        self.setWindowTitle(self.tr("QuayThu – Quầy thu tiền điện"))
        self.finder.retranslate()
        self.key_bar.set_keys(self.tr(
            "F2 tìm · Enter mở · Esc đóng khách · F9 thu tiền · F10 ca · Ctrl+F10 nộp tiền · "
            "Ctrl+H bàn giao cho thủ quỹ · "
            "F8 phiếu trong ca · Ctrl+R yêu cầu · F4 danh sách yêu cầu · F7 công cụ · "
            "Ctrl+Shift+S cài đặt · Ctrl+L khóa · "
            "Ctrl+Shift+E nhật ký hỗ trợ"))
        self._customer_on_screen(self.panel.detail is not None)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "shifts"):
            self.retranslate()
            if self.search.text().strip():
                self._search_now(refresh=True)
            if self.panel.detail is not None:
                self.open_account(self.panel.detail.id)

    # -- dialogs --------------------------------------------------------------------------

    def _dialog(self, dialog: QDialog) -> None:
        dialog.finished.connect(lambda _code: self.back_to_work())
        dialog.open()

    def open_settings(self) -> None:
        """Ctrl+Shift+S: the wizard's pages again, for an administrator."""
        if not allowed(self.actor.role, Permission.CHANGE_SETTINGS):
            self.notify(self.tr("Cài đặt cần quản trị viên: quản trị viên đăng nhập rồi "
                                "Ctrl+Shift+S."))
            return
        from ui.setup.settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(self.app, self.runner, self.actor, parent=self)
        self._dialog(self.settings_dialog)

    def printer_settings(self) -> None:
        """Ctrl+Shift+P: the printer page (saving needs an administrator)."""
        dialog = PrinterDialog(self.app, self.runner, self.actor, self)
        dialog.answered.connect(lambda text: self.printer_status.setText(text))
        self.printer_dialog = dialog
        self._dialog(dialog)

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
        if self.shift is None:
            self.notify(self.tr("Chưa mở ca: F10 để mở ca (nhập tiền đầu ca) rồi mới thu tiền."))
            return
        detail, highlighted = self.panel.detail, self.finder.highlighted()
        if highlighted is not None and (detail is None or highlighted.id != detail.id):
            self._pay_after_open = highlighted.id
            self.open_account(highlighted.id)
            return
        if detail is None:
            self.notify(self.tr("Mở một khách hàng trước (Enter trên danh sách), rồi F9."))
            return
        if not detail.unpaid_bills:
            self.notify(self.tr("Khách hàng {c} không còn nợ.").format(c=detail.code))
            return
        if self._type_ahead.holding:
            return  # (F9 twice at once: the dialog is on its way)
        spare, self._spare = self._spare, None
        # (one that heard of a payment elsewhere meanwhile says so, and refuses money)
        if spare is not None and spare.detail is detail and spare.actor is self.actor:
            spare.online, spare.simulate_bank = self.online, self.simulate_bank
            self.payment = spare
        else:
            if spare is not None:
                spare.deleteLater()
            self.payment = PaymentDialog(self.app, self.runner, self.actor, detail, self,
                                         online=self.online, simulate_bank=self.simulate_bank,
                                         events=self.events, check_now=False)
        # opened once what was typed with F9 is delivered: those keys are the amount's
        # (ui/shell/type_ahead.py)
        self._type_ahead.open_after(self._open_payment)

    def _open_payment(self) -> QWidget | None:
        dialog = self.payment
        if dialog is None or dialog.isVisible() or self.locked or not self.isVisible():
            return None
        dialog.begin_check()
        self._dialog(dialog)
        return dialog.focusWidget() or dialog.tendered

    def _prepare_later(self) -> None:
        """The next F9's and F8's dialogs built once what is on its way is painted."""
        QCoreApplication.postEvent(self, QEvent(_AFTER_PAINT),
                                   Qt.EventPriority.LowEventPriority.value)

    def _prepare(self) -> None:
        self._prepare_payment()
        if self._spare_receipts is not None and self._spare_receipts.actor is not self.actor:
            self._spare_receipts.deleteLater()
            self._spare_receipts = None
        if self._spare_receipts is None and not self.locked and self.isVisible() \
                and QApplication.activeModalWidget() is None:
            spare = ReceiptsDialog(self.app, self.runner, self.actor, self, load_now=False)
            spare.ensurePolished()
            for child in spare.findChildren(QWidget):
                child.ensurePolished()
            self._spare_receipts = spare

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._prepare_later()

    def _prepare_payment(self) -> None:
        """The dialog F9 would open for the customer on screen, built and styled while the
        cashier reads the panel: building it at the key cost more than the key's budget on
        a loaded machine. Its live check is asked when it opens."""
        detail = self.panel.detail
        if detail is None or self.locked or not self.isVisible() or not self.payable() \
                or QApplication.activeModalWidget() is not None \
                or (self._spare is not None and self._spare.detail is detail):
            return  # (a dialog open: F9 is its business until it closes)
        self._drop_spare()
        spare = PaymentDialog(self.app, self.runner, self.actor, detail, self,
                              online=self.online, simulate_bank=self.simulate_bank,
                              events=self.events, check_now=False)
        spare.ensurePolished()
        for child in spare.findChildren(QWidget):
            child.ensurePolished()
        self._spare = spare

    @property
    def prepared_payment(self) -> PaymentDialog | None:
        """The dialog the next F9 shows, when it is built already (None: F9 builds one)."""
        return self._spare

    def _drop_spare(self) -> None:
        spare, self._spare = self._spare, None
        if spare is not None:
            spare.deleteLater()

    def event(self, event: QEvent) -> bool:
        if event.type() == _AFTER_PAINT:
            self._prepare()
            return True
        return super().event(event)

    def take_request(self) -> None:
        """Ctrl+R: a service request for the open customer (none open: a new supply)."""
        detail = self.panel.detail
        dialog = ServiceRequestDialog(self.app, self.runner, self.actor, detail, self)
        if detail is not None:
            dialog.submitted.connect(lambda _v: self.open_account(detail.id))
        self.request_dialog = dialog
        self._dialog(dialog)

    def open_request_list(self) -> None:
        """F4: every request the counter knows of, with its deadline and progress."""
        window = RequestListWindow(self.app, self.runner, self.actor, self)
        window.open_draft.connect(self.resume_draft)
        self.request_list = window
        window.open()

    def resume_draft(self, draft: DraftView) -> None:
        """A draft from the request list, back in its form as it was left."""
        dialog = ServiceRequestDialog(self.app, self.runner, self.actor, None, self,
                                      draft=draft)
        self.request_dialog = dialog
        self._dialog(dialog)

    def open_receipts(self) -> None:
        """F8: today's receipts of this counter; a void from there (supervisor approval)."""
        dialog, self._spare_receipts = self._spare_receipts, None
        if dialog is not None and dialog.actor is self.actor:
            dialog.reload()  # the list as it is now, asked for as it opens
        else:
            if dialog is not None:
                dialog.deleteLater()
            dialog = ReceiptsDialog(self.app, self.runner, self.actor, self)
        # the next F8's, built once this one is closed
        dialog.finished.connect(lambda _code: self._prepare_later())
        dialog.open()
        self.receipts = dialog

    def open_tools(self) -> None:
        """The calculator, bill check and estimator, prefilled from the open account."""
        if self.locked or self.lock_dialog is not None:
            return  # (an application-wide key: it must not open behind the lock screen)
        if self.tools is None:
            self.tools = ToolsWindow(self.app, self.runner, self)
        detail = self.panel.detail
        if detail is None:
            self.tools.forget_account()  # no customer open: none in the tools either
        elif detail.id != self.tools.account_id:
            self.tools.prefill(detail.id, f"{detail.code} · {detail.name}")
        self.tools.show()
        self.tools.raise_()
        self.tools.activateWindow()
        self.tools.focus_first_field()
