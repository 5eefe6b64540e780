"""The field collector's window (thu lưu động): the day's route, the visits, the progress.

Before leaving, the "ready to go offline" box (F2 asks again) says the data's age, the route downloaded,
whether the printer answers, the battery, and what is still unsent; it stays on screen
all day and says "everything synced" at the end. The route's stops are listed in
reading-book order with what each owes; Ctrl+U shows only those still owing. Enter or
F9 takes cash at the highlighted stop (the counter's own cash dialog and 58 mm receipt);
Ctrl+1…Ctrl+4 mark not at home / refused / moved / meter problem, with the note typed
in the note field. F10 opens or closes the shift, Ctrl+H hands it over to the head
cashier, F5 syncs when there is a link. The shift's keys are the counter's own
(``ui/counter/shift_flow.py``); the lock, the sign-out and the status bar are the shell's
(``ui/shell/window.py``), as in every window.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.dto import AccountDetail
from desktop.modes import Mode
from desktop.money.amounts import format_vnd
from desktop.money.route import MANUAL, Readiness, Sheet, Stop, outcome_label
from desktop.money.shifts import ShiftView
from desktop.staff.auth import Actor, ScreenLocked
from ui.counter.payment_dialog import PaymentDialog
from ui.counter.shift_flow import ShiftFlow
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.shell.type_ahead import TypeAhead
from ui.shell.window import ShellWindow
from ui.widgets.common import message_label
from ui.widgets.table_model import RowsModel, elide_addresses, table_view

COLUMNS: tuple[str, ...] = cast(tuple[str, ...], (
    "#", QT_TRANSLATE_NOOP("CollectorWindow", "Mã KH"), QT_TRANSLATE_NOOP("CollectorWindow", "Tên"),
    QT_TRANSLATE_NOOP("CollectorWindow", "Địa chỉ"),
    QT_TRANSLATE_NOOP("CollectorWindow", "Còn nợ"),
    QT_TRANSLATE_NOOP("CollectorWindow", "Kết quả"), QT_TRANSLATE_NOOP("CollectorWindow", "Lúc")))


class CollectorWindow(ShellWindow):
    MODE = Mode.COLLECTOR
    listed = Signal(object)
    marked = Signal(object)

    def __init__(self, app: App, runner: Tasks | None = None, *, actor: Actor,
                 online: bool = False) -> None:
        super().__init__(app, runner, actor=actor, online=online,
                         offline=QCoreApplication.translate(
                             "CollectorWindow", "Ngoại tuyến: làm việc trên dữ liệu đã tải."))
        self.sheet: Sheet | None = None
        self.unpaid_only = False
        self.payment: PaymentDialog | None = None
        self._type_ahead = TypeAhead(self)
        self.setObjectName("collectorWindow")
        self.resize(1280, 720)
        root = QWidget()
        layout = QVBoxLayout(root)

        top = QHBoxLayout()
        progress_box = QVBoxLayout()
        self.progress = QLabel("")
        self.progress.setObjectName("collectorProgress")
        self.progress.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("collectorBar")
        self.bar.setFormat("%v / %m")
        progress_box.addWidget(self.progress)
        progress_box.addWidget(self.bar)
        top.addLayout(progress_box, 3)
        ready = QGroupBox(self.tr("Sẵn sàng làm việc ngoại tuyến"))
        ready_layout = QVBoxLayout(ready)
        self.ready = QLabel(self.tr("Đang kiểm tra…"))
        self.ready.setObjectName("collectorReady")
        self.ready.setTextFormat(Qt.TextFormat.RichText)
        # five lines, always: the box does not jump when the answers come in
        self.ready.setMinimumHeight(self.ready.fontMetrics().lineSpacing() * 5 + 4)
        ready_layout.addWidget(self.ready)
        top.addWidget(ready, 2)
        layout.addLayout(top)

        # a model, not 2 000 widget items: a refresh of the whole route is one reset
        self.model = RowsModel([self.tr(c) for c in COLUMNS], right_aligned=(4,))
        self.table = table_view(self.model, "routeStops", stretch=3)
        elide_addresses(self.table, 3)  # the address's ward and district stay in view
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        caption = QLabel(self.tr("&Ghi chú:"))
        self.note = QLineEdit()
        self.note.setObjectName("visitNote")
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(self.tr("điều thấy tại nhà khách (bắt buộc khi từ chối, "
                                             "chuyển đi, công tơ có vấn đề)"))
        caption.setBuddy(self.note)
        row.addWidget(caption)
        row.addWidget(self.note, 1)
        layout.addLayout(row)
        self.message = message_label("collectorMessage")
        layout.addWidget(self.message)
        self.key_bar.set_keys(self.tr(
            "Enter/F9: thu tiền · Ctrl+1 không có nhà · Ctrl+2 từ chối · Ctrl+3 chuyển đi · "
            "Ctrl+4 công tơ có vấn đề · Ctrl+U chỉ khách còn nợ · F2 kiểm tra sẵn sàng · "
            "F10 mở/đóng ca · Ctrl+H bàn giao · F5 đồng bộ · Ctrl+L khóa"))
        self.setCentralWidget(root)
        self.shifts = ShiftFlow(self)
        # Enter/F9 on the bar follows the shift and the stop it would take cash at
        self.shifts.changed.connect(lambda _s: self._show_keys())
        self.table.selectionModel().currentRowChanged.connect(
            lambda _now, _before: self._show_keys())
        self._show_keys()

        for key, action in (("F9", self.take_payment), ("Ctrl+U", self.toggle_unpaid),
                            ("F10", self.shifts.open_or_close), ("Ctrl+H", self.shifts.hand_over),
                            ("F2", self.check_ready)):
            QShortcut(QKeySequence(key), self, action)
        for n, outcome in enumerate(MANUAL, start=1):
            QShortcut(QKeySequence(f"Ctrl+{n}"), self, lambda o=outcome: self.mark(o))
        self.table.activated.connect(lambda _i: self.take_payment())
        self.events.payment_committed.connect(lambda _e: self.refresh())
        self.events.sync_finished.connect(self._synced)
        self.setWindowTitle(self.tr("QuayThu – Thu lưu động – {who}").format(
            who=actor.full_name))
        self.readiness: Readiness | None = None
        self.refresh()
        self.shifts.refresh()
        self.check_ready()
        self.table.setFocus()

    # -- listing -----------------------------------------------------------------

    def refresh(self) -> None:
        routes, actor, unpaid_only = self.app.routes, self.actor, self.unpaid_only

        def read() -> Sheet | BaseException:
            try:
                return routes.today(actor, unpaid_only=unpaid_only)
            except Exception as exc:  # no route is a state the screen shows, not a crash
                return exc

        self.runner.run(read, self._listed, self.show_refusal)

    def check_ready(self) -> None:
        """F2 (and at the start, and after a sync): ready to go offline? The printer is
        asked, so this runs on the network lane."""
        routes, actor = self.app.routes, self.actor
        self.runner.network.run(lambda: routes.readiness(actor=actor), self._ready,
                                self.show_refusal)

    def _ready(self, readiness: Readiness) -> None:
        self.readiness = readiness
        self.ready.setText("<br>".join(
            ("✔ " if fine else "<span style='color:#b00020'>✘</span> ") + text
            for fine, text in readiness.lines()))

    def _listed(self, sheet: Sheet | BaseException) -> None:
        if isinstance(sheet, ScreenLocked):
            return  # read behind the lock screen: read again once it is open
        if isinstance(sheet, BaseException):
            self.sheet = None
            self.model.set_rows([], [])
            self.progress.setText(error_text(sheet))
            self.bar.setValue(0)
            self._show_keys()
            return
        keep = self._current_account()
        self.sheet = sheet
        p = sheet.progress
        self.progress.setText(self.tr("Lộ trình {r} · {t}").format(r=sheet.route_code,
                                                                   t=p.text()))
        self.bar.setRange(0, max(1, p.stops))
        self.bar.setValue(p.paid)
        self.model.set_rows([
            (str(stop.seq), stop.code, stop.name, stop.address,
             format_vnd(stop.unpaid) if stop.unpaid else "—",
             outcome_label(stop.outcome) if stop.outcome else "",
             labels.local_datetime(stop.at) if stop.at else "") for stop in sheet.stops],
            list(sheet.stops), [stop.outcome in ("refused", "meter_problem", "moved")
                                for stop in sheet.stops])
        rows = [s.account_id for s in sheet.stops]
        if rows:
            self.table.selectRow(rows.index(keep) if keep in rows else 0)
        self._show_keys()
        self.listed.emit(sheet)

    def payable(self) -> bool:
        """Whether Enter/F9 would take cash now, by the rules that make it refuse: an open
        shift and a highlighted stop that owes."""
        stop = self.current_stop()
        return self.shift is not None and stop is not None and stop.unpaid > 0

    def _show_keys(self) -> None:
        """The bar offers Enter/F9 only when it would take cash."""
        self.key_bar.show_only(None if self.payable() else
                               [k for k in self.key_bar.all_keys() if k != "Enter/F9"])

    def _current_account(self) -> int | None:
        stop = self.current_stop()
        return stop.account_id if stop else None

    def current_stop(self) -> Stop | None:
        if self.sheet is None:
            return None
        row = self.table.currentIndex().row()
        return self.sheet.stops[row] if 0 <= row < len(self.sheet.stops) else None

    def row_count(self) -> int:
        return self.model.rowCount()

    def code_at(self, row: int) -> str:
        return str(self.model.item(row).code)

    def toggle_unpaid(self) -> None:
        """Ctrl+U: only the stops still owing, or all of them again."""
        self.unpaid_only = not self.unpaid_only
        self.message.setText(self.tr("Chỉ hiện khách còn nợ.") if self.unpaid_only
                             else self.tr("Hiện mọi khách của lộ trình."))
        self.refresh()

    # -- at a door --------------------------------------------------------------------

    def mark(self, outcome: str) -> None:
        stop = self.current_stop()
        if stop is None or self.sheet is None:
            return
        routes, actor, sheet_id, note = self.app.routes, self.actor, self.sheet.id, \
            self.note.text()
        self.runner.run(lambda: routes.mark(actor, sheet_id, stop.account_id, outcome, note),
                        self._marked, self.show_refusal)

    def _marked(self, stop: Stop) -> None:
        self.note.clear()
        self.message.setText(self.tr("Đã ghi {c}: {o}.").format(
            c=stop.code, o=outcome_label(stop.outcome or "")))
        self.marked.emit(stop)
        self.refresh()
        self.table.setFocus()

    def take_payment(self) -> None:
        """Enter/F9: cash at the highlighted stop."""
        stop = self.current_stop()
        if stop is None:
            return
        if self.shift is None:  # refused before anything is typed, as at the counter
            self.message.setText(self.tr("Chưa mở ca: F10 để mở ca rồi mới thu tiền."))
            return
        if not stop.unpaid:
            self.message.setText(self.tr("Khách hàng {c} không còn nợ.").format(c=stop.code))
            return
        if self._type_ahead.holding:
            return  # (F9 twice at once: the dialog is on its way)
        # the keys typed after F9 are the amount's, held while the stop's bills are read
        # (ui/shell/type_ahead.py)
        self._type_ahead.hold()
        lookup, actor = self.app.lookup, self.actor
        self.runner.run(lambda: lookup.account(stop.account_id, actor=actor), self._pay,
                        self._not_paying)

    def _not_paying(self, exc: BaseException) -> None:
        self._type_ahead.give_to(None)
        self.show_refusal(exc)

    def _pay(self, detail: AccountDetail) -> None:
        if self.locked or not self.isVisible():
            self._type_ahead.give_to(None)
            return
        dialog = PaymentDialog(self.app, self.runner, self.actor, detail, self,
                               online=self.online, events=self.events)
        self.payment = dialog
        dialog.finished.connect(self._back)
        # open() runs before the keys are given; a key that came with F9 is delivered
        # already (the bills were read on a lane, a turn of the loop at least)
        dialog.open()
        self._type_ahead.give_to(dialog.focusWidget() or dialog.tendered)

    def _back(self, _code: int = 0) -> None:
        self.activateWindow()  # the keys come back to the route after a dialog
        self.table.setFocus()
        self.refresh()

    # -- the shift (ui/counter/shift_flow.py), the link, the lock ---------------------------

    @property
    def shift(self) -> ShiftView | None:
        """The shift as last read (cash is refused at once without one)."""
        return self.shifts.shift

    @property
    def dialog(self) -> QDialog | None:
        """The shift or hand-over dialog last opened."""
        return self.shifts.dialog

    def _synced(self, _event: object) -> None:
        self.refresh()
        self.check_ready()

    def hide_customer(self) -> None:
        self.note.clear()  # what was seen at a door is that customer's

    def back_to_work(self) -> None:
        self._back()

    def notify(self, text: str, *, done: bool = False) -> None:
        self.message.setText(text)
