"""The field collector's window (thu lưu động): the day's route, the visits, the progress.

Before leaving, the "ready to go offline" box (F2 asks again) says the data's age, the route downloaded,
whether the printer answers, the battery, and what is still unsent; it stays on screen
all day and says "everything synced" at the end. The route's stops are listed in
reading-book order with what each owes; Ctrl+U shows only those still owing. Enter or
F9 takes cash at the highlighted stop (the counter's own cash dialog and 58 mm receipt);
Ctrl+1…Ctrl+4 mark not at home / refused / moved / meter problem, with the note typed
in the note field. F10 opens or closes the shift, Ctrl+H hands it over to the head
cashier, F5 syncs when there is a link.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
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
from desktop.money.amounts import format_vnd
from desktop.money.route import MANUAL, Readiness, Sheet, Stop, outcome_label
from desktop.money.shifts import ShiftView
from desktop.staff.auth import Actor
from ui.counter.close_shift_dialog import CloseShiftDialog
from ui.counter.open_shift_dialog import OpenShiftDialog
from ui.counter.payment_dialog import PaymentDialog
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.shell.window import SimpleWindow
from ui.widgets.common import message_label
from ui.widgets.table_model import RowsModel, table_view

COLUMNS: tuple[str, ...] = cast(tuple[str, ...], (
    "#", QT_TRANSLATE_NOOP("CollectorWindow", "Mã KH"), QT_TRANSLATE_NOOP("CollectorWindow", "Tên"),
    QT_TRANSLATE_NOOP("CollectorWindow", "Địa chỉ"),
    QT_TRANSLATE_NOOP("CollectorWindow", "Còn nợ"),
    QT_TRANSLATE_NOOP("CollectorWindow", "Kết quả"), QT_TRANSLATE_NOOP("CollectorWindow", "Lúc")))


class CollectorWindow(SimpleWindow):
    listed = Signal(object)
    marked = Signal(object)

    def __init__(self, app: App, runner: Tasks | None = None, *, actor: Actor,
                 online: bool = False) -> None:
        super().__init__(app, runner, actor=actor, online=online)
        self.sheet: Sheet | None = None
        self.unpaid_only = False
        self.payment: PaymentDialog | None = None
        self.dialog: QDialog | None = None
        self.setObjectName("collectorWindow")
        self.resize(1280, 720)
        root = QWidget()
        layout = QVBoxLayout(root)

        top = QHBoxLayout()
        progress_box = QVBoxLayout()
        self.progress = QLabel("")
        self.progress.setObjectName("collectorProgress")
        self.progress.setStyleSheet("font-weight: bold")
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
        keys = QLabel(self.tr("Enter/F9: thu tiền · Ctrl+1 không có nhà · Ctrl+2 từ chối · "
                              "Ctrl+3 chuyển đi · Ctrl+4 công tơ có vấn đề · Ctrl+U chỉ khách "
                              "còn nợ · F2 kiểm tra sẵn sàng · F10 mở/đóng ca · Ctrl+H bàn giao · "
                              "F5 đồng bộ"))
        keys.setObjectName("collectorKeys")
        keys.setWordWrap(True)
        layout.addWidget(keys)
        self.setCentralWidget(root)
        self.shift_status = QLabel("")
        self.statusBar().addWidget(self.shift_status, 1)
        self.statusBar().addWidget(self.sync_status, 1)

        for key, action in (("F9", self.take_payment), ("Ctrl+U", self.toggle_unpaid),
                            ("F10", self.open_or_close_shift), ("Ctrl+H", self.hand_over),
                            ("F5", self.sync_now), ("F2", self.check_ready),
                            ("Ctrl+Shift+L", self.sign_out)):
            QShortcut(QKeySequence(key), self, action)
        for n, outcome in enumerate(MANUAL, start=1):
            QShortcut(QKeySequence(f"Ctrl+{n}"), self, lambda o=outcome: self.mark(o))
        self.table.activated.connect(lambda _i: self.take_payment())
        self.events.payment_committed.connect(lambda _e: self.refresh())
        self.events.sync_finished.connect(self._synced)
        self.events.shift_opened.connect(lambda _e: self.refresh_shift())
        self.events.shift_closed.connect(lambda _e: self.refresh_shift())
        self.setWindowTitle(self.tr("QuayThu – Thu lưu động – {who}").format(
            who=actor.full_name))
        self.start(self.tr("Đang kết nối máy chủ trung tâm…"),
                   self.tr("Ngoại tuyến: làm việc trên dữ liệu đã tải."))
        self.readiness: Readiness | None = None
        self.shift: ShiftView | None = None
        self.refresh()
        self.refresh_shift()
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

        self.runner.run(read, self._listed, lambda exc: self.message.setText(error_text(exc)))

    def check_ready(self) -> None:
        """F2 (and at the start, and after a sync): ready to go offline? The printer is
        asked, so this runs on the network lane."""
        routes = self.app.routes
        self.runner.network.run(routes.readiness, self._ready,
                                lambda exc: self.message.setText(error_text(exc)))

    def _ready(self, readiness: Readiness) -> None:
        self.readiness = readiness
        self.ready.setText("<br>".join(
            ("✔ " if fine else "<span style='color:#b00020'>✘</span> ") + text
            for fine, text in readiness.lines()))

    def _listed(self, sheet: Sheet | BaseException) -> None:
        if isinstance(sheet, BaseException):
            self.sheet = None
            self.model.set_rows([], [])
            self.progress.setText(error_text(sheet))
            self.bar.setValue(0)
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
        self.listed.emit(sheet)

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
                        self._marked, lambda exc: self.message.setText(error_text(exc)))

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
        lookup, actor = self.app.lookup, self.actor
        self.runner.run(lambda: lookup.account(stop.account_id, actor=actor), self._pay,
                        lambda exc: self.message.setText(error_text(exc)))

    def _pay(self, detail: AccountDetail) -> None:
        dialog = PaymentDialog(self.app, self.runner, self.actor, detail, self,
                               online=self.online, events=self.events)
        self.payment = dialog
        dialog.finished.connect(self._back)
        dialog.open()

    def _back(self, _code: int = 0) -> None:
        self.activateWindow()  # the keys come back to the route after a dialog
        self.table.setFocus()
        self.refresh()

    # -- the shift, the hand-over, the link -----------------------------------------

    def refresh_shift(self) -> None:
        shifts, actor = self.app.shifts, self.actor
        self.runner.run(lambda: shifts.current(actor), self._shift_shown)

    def _shift_shown(self, shift: ShiftView | None) -> None:
        self.shift = shift
        self.shift_status.setText(
            self.tr("Ca mở lúc {t}").format(t=labels.local_datetime(shift.opened_at))
            if shift else self.tr("Chưa mở ca: F10 để mở ca rồi mới thu tiền."))

    def open_or_close_shift(self) -> None:
        shifts, actor = self.app.shifts, self.actor
        self.runner.run(lambda: shifts.current(actor), self._shift_dialog)

    def _shift_dialog(self, shift: ShiftView | None) -> None:
        dialog: QDialog
        if shift is None:
            dialog = OpenShiftDialog(self.app, self.runner, self.actor, self)
        else:
            dialog = CloseShiftDialog(self.app, self.runner, self.actor, shift, self)
        self.dialog = dialog
        dialog.finished.connect(self._back)
        dialog.open()

    def hand_over(self) -> None:
        """Ctrl+H: back at the office, the head cashier takes the closed shift's cash."""
        from ui.office.turn_in_dialog import TurnInDialog

        dialog = TurnInDialog(self.app, self.runner, self)
        self.dialog = dialog
        dialog.finished.connect(self._back)
        dialog.open()

    def _synced(self, _event: object) -> None:
        self.sync_status.setText(self.tr("Đã đồng bộ."))
        self.refresh()
        self.check_ready()

    def sync_now(self) -> None:
        if self.online:
            self.sync_status.setText(self.tr("Đang đồng bộ…"))
            self.app.link.sync_now()
        else:
            self.message.setText(self.tr("Máy đang làm việc ngoại tuyến."))
