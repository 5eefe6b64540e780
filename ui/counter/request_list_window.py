"""F4: the request list ("Yêu cầu") — filters, lookup by number or phone, the legal
deadline with the ones past it marked, the history of the one selected, its slip again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.request_drafts import DraftView
from desktop.request_list import HistoryStep, RequestFilter, RequestRow
from desktop.service_kinds import FieldError, parse_day
from desktop.service_requests import KINDS, RAISED_KINDS, STATUSES
from desktop.staff.auth import Actor
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.theme import LIGHT
from ui.widgets.common import message_label

COLUMNS = ("Mã yêu cầu", "Loại yêu cầu", "Khách hàng", "Ngày nhận", "Trạng thái",
           "Hạn giải quyết", "Người nhận")
OVERDUE_RED = QColor(LIGHT.danger)  # the theme's (ui/theme.py)


class RequestListWindow(QDialog):
    #: a draft to take up again in the request form (the main window opens it)
    open_draft = Signal(object)

    def __init__(self, app: App, runner: Tasks, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor = app, runner, actor
        self.rows: list[RequestRow] = []
        self.setObjectName("requestListWindow")
        self.setWindowTitle(self.tr("Yêu cầu"))
        self.resize(1340, 680)  # the columns and the filters' words whole at 1366×768
        layout = QVBoxLayout(self)
        filters = QGridLayout()
        self.lookup = QLineEdit()
        self.lookup.setObjectName("requestLookup")
        self.lookup.setPlaceholderText(self.tr("Mã yêu cầu hoặc số điện thoại"))
        self.kind = QComboBox()
        self.kind.setObjectName("filterKind")
        self.kind.addItem(self.tr("Mọi loại"), "")
        for key, label in {**KINDS, **RAISED_KINDS}.items():
            self.kind.addItem(label, key)
        self.status = QComboBox()
        self.status.setObjectName("filterStatus")
        self.status.addItem(self.tr("Mọi trạng thái"), "")
        for key, label in STATUSES.items():
            self.status.addItem(label, key)
        self.status.addItem(self.tr("Quá hạn"), "overdue")
        self.since = QLineEdit()
        self.since.setObjectName("filterSince")
        self.since.setPlaceholderText(self.tr("từ ngày dd/mm/yyyy"))
        self.until = QLineEdit()
        self.until.setObjectName("filterUntil")
        self.until.setPlaceholderText(self.tr("đến ngày dd/mm/yyyy"))
        self.staff = QComboBox()
        self.staff.setObjectName("filterStaff")
        self.staff.addItem(self.tr("Mọi nhân viên"), "")
        self.customer = QLineEdit()
        self.customer.setObjectName("filterCustomer")
        self.customer.setPlaceholderText(self.tr("Mã khách hàng hoặc tên"))
        for col, (label, widget) in enumerate(((self.tr("Tra cứu"), self.lookup),
                                               (self.tr("Loại"), self.kind),
                                               (self.tr("Trạng thái"), self.status),
                                               (self.tr("Nhân viên"), self.staff))):
            filters.addWidget(QLabel(label), 0, 2 * col)
            filters.addWidget(widget, 0, 2 * col + 1)
        for col, (label, widget) in enumerate(((self.tr("Từ ngày"), self.since),
                                               (self.tr("Đến ngày"), self.until),
                                               (self.tr("Khách hàng"), self.customer))):
            filters.addWidget(QLabel(label), 1, 2 * col)
            filters.addWidget(widget, 1, 2 * col + 1)
        # a long kind's name no longer widens its box past the search fields beside it
        # (their words were cut: "Mã yêu c…", "từ ngày d…"): the fields share the row
        for box in (self.kind, self.status, self.staff):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(14)
        for col in (1, 3, 5, 7):
            filters.setColumnStretch(col, 1)
        layout.addLayout(filters)
        self.model = QStandardItemModel(0, len(COLUMNS))
        self.model.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table = QTableView()
        self.table.setObjectName("requestTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.history = message_label("requestHistory")
        self.history.setWordWrap(True)
        layout.addWidget(self.history)
        self.message = message_label("requestListMessage")
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Bản nháp (đang nhập dở, lưu tự động)")))
        self.drafts = QListWidget()
        self.drafts.setObjectName("draftList")
        self.drafts.setMaximumHeight(110)
        self.drafts.itemActivated.connect(lambda _i: self.take_up_draft())
        layout.addWidget(self.drafts)
        self.draft_views: list[DraftView] = []
        buttons = QHBoxLayout()
        self.reprint = QPushButton(self.tr("In lại phiếu (Ctrl+P)"))
        self.reprint.clicked.connect(self.print_slip)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(self.reject)
        resume = QPushButton(self.tr("Mở tiếp bản nháp (Ctrl+O)"))
        resume.clicked.connect(self.take_up_draft)
        discard = QPushButton(self.tr("Bỏ bản nháp (Ctrl+Delete)"))
        discard.clicked.connect(self.discard_draft)
        for b in (self.reprint, resume, discard, close):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        layout.addLayout(buttons)
        for line in (self.lookup, self.since, self.until, self.customer):
            line.returnPressed.connect(self.refresh)
        for combo in (self.kind, self.status, self.staff):
            combo.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_slip)
        QShortcut(QKeySequence("Ctrl+O"), self, self.take_up_draft)
        QShortcut(QKeySequence("Ctrl+Delete"), self, self.discard_draft)
        app_, actor_ = app, actor
        runner.run(lambda: app_.request_list.staff_names(actor_), self._staff_loaded,
                   lambda exc: self.message.setText(error_text(exc)))
        self.lookup.setFocus()
        self.refresh()
        self.load_drafts()

    def bar_keys(self) -> str:
        """The keys of this list, for the window's bar while it covers the window."""
        return self.tr("Ctrl+O mở tiếp bản nháp · Ctrl+Del bỏ bản nháp · "
                       "Ctrl+P in lại phiếu · Esc đóng")

    def bar_buttons(self) -> dict[str, QWidget]:
        return {"Ctrl+P": self.reprint}

    def load_drafts(self) -> None:
        app, actor = self.app, self.actor
        self.runner.run(lambda: app.drafts.list(actor), self._drafts_loaded,
                        lambda exc: self.message.setText(error_text(exc)))

    def _drafts_loaded(self, drafts: list[DraftView]) -> None:
        self.draft_views = drafts
        self.drafts.clear()
        for d in drafts:
            self.drafts.addItem(f"{labels.local_datetime(d.updated_at)} · {d.kind_label} · "
                                f"{d.customer_name or self.tr('(chưa có tên)')}")
        if drafts:
            self.drafts.setCurrentRow(0)

    def current_draft(self) -> DraftView | None:
        row = self.drafts.currentRow()
        return self.draft_views[row] if 0 <= row < len(self.draft_views) else None

    def take_up_draft(self) -> None:
        draft = self.current_draft()
        if draft is not None:
            self.open_draft.emit(draft)

    def discard_draft(self) -> None:
        draft = self.current_draft()
        if draft is None:
            return
        app, actor, key = self.app, self.actor, draft.key
        self.runner.run(lambda: app.drafts.discard(actor, key), lambda _r: self.load_drafts(),
                        lambda exc: self.message.setText(error_text(exc)))

    def _staff_loaded(self, names: list[str]) -> None:
        for name in names:
            self.staff.addItem(name, name)

    def _filter(self) -> RequestFilter | None:
        try:
            since = parse_day("since", self.since.text())
        except FieldError as exc:
            self.message.setText(exc.user_message)
            self.since.setFocus()
            return None
        try:
            until = parse_day("until", self.until.text())
        except FieldError as exc:
            self.message.setText(exc.user_message)
            self.until.setFocus()
            return None
        if since and until and until < since:
            self.message.setText(self.tr("\"Đến ngày\" phải sau \"Từ ngày\"."))
            self.until.setFocus()
            return None
        return RequestFilter(kind=self.kind.currentData() or None,
                             status=self.status.currentData() or None, since=since,
                             until=until, staff=self.staff.currentData() or None,
                             customer=self.customer.text(), lookup=self.lookup.text())

    def refresh(self) -> None:
        f = self._filter()
        if f is None:
            return
        app, actor = self.app, self.actor
        self.runner.run(lambda: app.request_list.search(actor, f), self._show,
                        lambda exc: self.message.setText(error_text(exc)))

    def _show(self, rows: list[RequestRow]) -> None:
        self.rows = rows
        self.model.setRowCount(0)
        for r in rows:
            due = r.due_on.strftime("%d/%m/%Y") if r.due_on else ""
            if r.overdue:
                due = self.tr("QUÁ HẠN {day}").format(day=due)  # a word, not colour alone
            cells = [QStandardItem(x) for x in (
                r.ref, r.kind_label, f"{r.account_code or ''} {r.customer_name}".strip(),
                labels.local_datetime(r.created_at), r.status_label, due, r.staff or "")]
            if r.overdue:
                for cell in cells:
                    cell.setForeground(QBrush(OVERDUE_RED))
            self.model.appendRow(cells)
        self.table.resizeColumnsToContents()
        overdue = sum(r.overdue for r in rows)
        self.message.setText(self.tr("{n} yêu cầu, {late} quá hạn.").format(
            n=len(rows), late=overdue))
        if rows:
            self.table.selectRow(0)

    def current(self) -> RequestRow | None:
        row = self.table.currentIndex().row()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _selected(self) -> None:
        r = self.current()
        if r is None:
            self.history.setText("")
            return
        app, actor, key = self.app, self.actor, r.key
        self.runner.run(lambda: app.request_list.history(actor, key), self._history,
                        lambda exc: self.message.setText(error_text(exc)))

    def _history(self, steps: list[HistoryStep]) -> None:
        r = self.current()
        lines = [f"{labels.local_datetime(h.at)}  {h.status_label}"
                 + (f" — {h.note}" if h.note else "") for h in steps]
        self.history.setText((self.tr("Tiến độ {ref}: ").format(ref=r.ref) if r else "")
                             + " · ".join(lines))

    def print_slip(self) -> None:
        r = self.current()
        if r is None:
            return
        app, actor, ref = self.app, self.actor, r.ref
        self.runner.printer.run(
            lambda: app.prints.print_document(app.requests.slip_document(actor, ref,
                                                                         copy=True)),
            lambda _r: self.message.setText(self.tr("Đã in lại phiếu {ref}.").format(ref=ref)),
            lambda exc: self.message.setText(error_text(exc)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in the table reprints nothing by accident: it only moves on
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            return
        super().keyPressEvent(event)
