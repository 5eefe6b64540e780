"""The tools window: bill calculator, bill check and consumption estimator.

One window, reachable with F7 from anywhere in the application, prefilled
from the open account. Calculations are microseconds of pure arithmetic and
run in place; reading the store and writing PDFs go to the task runner.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.app import App
from desktop.errors import ValidationError
from desktop.money.amounts import format_vnd, group_digits
from desktop.printing import documents
from desktop.printing.documents import Document
from desktop.printing.pdf import render_pdf
from desktop.tariff.bill_check import BillCheck, CachedBill
from desktop.tariff.billing import BillRequest, BillResult, ReadingBelowOld, calculate
from desktop.tariff.estimator import Estimate, Usage, catalogue, estimate
from desktop.tariff.prices import HOUSEHOLD_CLASSES, TARIFF_CLASSES, TOU_CLASSES, VOLTAGES
from desktop.words import amount_in_words
from ui.plumbing.errors import error_text, presenter
from ui.shell.tasks import Tasks
from ui.widgets.amount_field import AmountField
from ui.widgets.common import fit_on_screen, save_file_name
from ui.widgets.table_model import RowsModel, table_view

logger = logging.getLogger(__name__)

MODE_KWH, MODE_READINGS, MODE_TOU = 0, 1, 2


def _spin(name: str, maximum: int, minimum: int = 0) -> AmountField:
    return AmountField(name, minimum=minimum, maximum=maximum, value=minimum)


def _date_edit(name: str) -> QDateEdit:
    box = QDateEdit()
    box.setObjectName(name)
    box.setDisplayFormat("dd/MM/yyyy")
    box.setCalendarPopup(True)
    return box


def _to_qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _from_qdate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class _Totals(QWidget):
    """Subtotal, VAT, total and the total in words, under a result table."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.subtotal = QLabel()
        self.vat = QLabel()
        self.total = QLabel()
        self.total.setObjectName(f"{prefix}Total")
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("notes")
        for row, (caption, label) in enumerate(
            ((self.tr("Cộng tiền điện:"), self.subtotal), (self.tr("Thuế GTGT:"), self.vat),
             (self.tr("Tổng cộng:"), self.total))
        ):
            grid.addWidget(QLabel(caption), row, 0)
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(label, row, 1)
        grid.addWidget(self.words, 3, 0, 1, 2)
        grid.addWidget(self.notes, 4, 0, 1, 2)

    def show_result(self, r: BillResult | None) -> None:
        if r is None:
            for label in (self.subtotal, self.vat, self.total, self.words, self.notes):
                label.setText("")
            return
        self.subtotal.setText(format_vnd(r.subtotal))
        self.vat.setText(f"{r.vat_rate}%: {format_vnd(r.vat)}")
        self.total.setText((self.tr("Ước tính ") if r.estimate else "") + format_vnd(r.total))
        # the amount in words is Vietnamese in every language: it is what the receipt says
        self.words.setText(self.tr("Bằng chữ: ") + amount_in_words(r.total))
        self.notes.setText("\n".join(r.notes))


def _scrolled(page: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(page)
    return scroll


class ToolsWindow(QDialog):
    calculated = Signal(object)
    checked = Signal(object)
    estimated = Signal(object)
    document_written = Signal(str)
    slip_printed = Signal(bool)

    def __init__(self, app: App, runner: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.runner = runner
        self.setObjectName("toolsWindow")
        # digits as the counter writes them: 29.949 and 8,5
        self.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.setWindowTitle(self.tr("Công cụ: tính hóa đơn, kiểm tra hóa đơn, ước tính điện năng"))
        self.resize(920, 680)
        self.account_id: int | None = None
        self.account_label: str | None = None
        self.bill_result: BillResult | None = None
        self.request: BillRequest | None = None
        self.check_result: BillCheck | None = None
        self.estimate_result: Estimate | None = None
        self.baseline: Estimate | None = None
        self.usages: list[Usage] = []

        layout = QVBoxLayout(self)
        self.header = QLabel(self.tr("Không gắn với khách hàng nào"))
        self.header.setObjectName("toolsHeader")
        layout.addWidget(self.header)
        self.tabs = QTabWidget()
        # each tab scrolls inside a window that fits the screen, its buttons below in view
        # (large text at 1366×768: the window was taller than the screen)
        self.tabs.addTab(_scrolled(self._calculator_tab()), self.tr("Tính hóa đơn (Ctrl+1)"))
        self.tabs.addTab(_scrolled(self._check_tab()), self.tr("Kiểm tra hóa đơn (Ctrl+2)"))
        self.tabs.addTab(_scrolled(self._estimator_tab()),
                         self.tr("Ước tính điện năng (Ctrl+3)"))
        layout.addWidget(self.tabs, 1)
        self.error = QLabel("")
        self.error.setObjectName("toolsError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.status_line = QLabel("")
        self.status_line.setObjectName("toolsStatus")
        layout.addWidget(self.status_line)
        self.slip_button = QPushButton(self.tr("In ra máy in của quầy (Ctrl+P)"))
        self.pdf_button = QPushButton(self.tr("Lưu PDF A4… (Ctrl+E)"))
        close = QPushButton(self.tr("Đóng (Esc)"))
        self.slip_button.clicked.connect(self.print_slip)
        self.pdf_button.clicked.connect(self.export_pdf)
        close.clicked.connect(self.close)
        buttons.addStretch(1)
        for b in (self.slip_button, self.pdf_button, close):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        layout.addLayout(buttons)
        for i in range(3):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self._go_to_tab(i))
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_slip)
        QShortcut(QKeySequence("Ctrl+E"), self, self.export_pdf)
        self._reset_dates(labels.vn_today())
        self._on_mode_changed()

    def bar_keys(self) -> str:
        """The keys of the tools, for the window's bar while the tools have the keyboard."""
        return self.tr("Ctrl+1/Ctrl+2/Ctrl+3 chọn trang · Enter tính · Ctrl+P in phiếu · "
                       "Ctrl+E lưu PDF · F7 công cụ · Esc đóng")

    def bar_buttons(self) -> dict[str, QWidget]:
        return {"Ctrl+P": self.slip_button, "Ctrl+E": self.pdf_button}

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_on_screen(self)

    def _go_to_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.focus_first_field()

    # -- calculator ---------------------------------------------------------

    def _calculator_tab(self) -> QWidget:
        tab = QWidget()
        outer = QHBoxLayout(tab)
        form = QFormLayout()
        self.tariff_class = QComboBox()
        self.tariff_class.setObjectName("tariffClass")
        for key in TARIFF_CLASSES:
            self.tariff_class.addItem(labels.TARIFF_CLASS[key], key)
        self.voltage = QComboBox()
        self.voltage.setObjectName("voltage")
        for key in VOLTAGES:
            self.voltage.addItem(labels.VOLTAGE[key], key)
        self.date_from = _date_edit("dateFrom")
        self.date_to = _date_edit("dateTo")
        self.mode = QComboBox()
        self.mode.setObjectName("inputMode")
        self.mode.addItems([self.tr("Sản lượng kWh"), self.tr("Chỉ số công tơ"),
                            self.tr("Theo 3 khung giờ")])
        self.kwh = _spin("kwh", 99_999_999)
        self.old_reading = _spin("oldReading", 999_999_999)
        self.new_reading = _spin("newReading", 999_999_999)
        self.multiplier = _spin("multiplier", 100_000, 1)
        self.tou = [_spin(f"tou{i}", 99_999_999) for i in range(3)]
        self.households = _spin("households", 500)
        self.households.setValue(1)
        self.by_tenants = QCheckBox(self.tr("Tính theo số người thuê (4 người = 1 hộ)"))
        self.by_tenants.setObjectName("byTenants")
        self.tenants = _spin("tenants", 2000, 1)
        self.tenants.setEnabled(False)
        self.by_tenants.toggled.connect(self.tenants.setEnabled)
        self.by_tenants.toggled.connect(lambda on: self.households.setEnabled(not on))
        rows = [
            (self.tr("Nhóm giá"), self.tariff_class), (self.tr("Cấp điện áp"), self.voltage),
            (self.tr("Từ ngày"), self.date_from), (self.tr("Đến ngày"), self.date_to),
            (self.tr("Cách nhập"), self.mode), (self.tr("Sản lượng (kWh)"), self.kwh),
            (self.tr("Chỉ số cũ"), self.old_reading), (self.tr("Chỉ số mới"), self.new_reading),
            (self.tr("Hệ số nhân"), self.multiplier),
            (self.tr("Giờ bình thường (kWh)"), self.tou[0]),
            (self.tr("Giờ thấp điểm (kWh)"), self.tou[1]),
            (self.tr("Giờ cao điểm (kWh)"), self.tou[2]),
            (self.tr("Số hộ"), self.households), ("", self.by_tenants),
            (self.tr("Số người thuê"), self.tenants),
        ]
        self._form_rows: dict[QWidget, QLabel] = {}
        #: what a row shows: a number field with its error line beside it
        self._row_widgets: dict[QWidget, QWidget] = {}
        for caption, widget in rows:
            label = QLabel(caption)
            label.setBuddy(widget)
            shown = widget.placed() if isinstance(widget, AmountField) else widget
            form.addRow(label, shown)
            self._form_rows[widget] = label
            self._row_widgets[widget] = shown
        self.calc_button = QPushButton(self.tr("Tính (Enter)"))
        self.calc_button.setObjectName("calculate")
        self.calc_button.setDefault(True)
        self.calc_button.clicked.connect(self.calculate_now)
        form.addRow(self.calc_button)
        outer.addLayout(form)
        right = QVBoxLayout()
        self.lines_model = RowsModel([self.tr("Diễn giải"), self.tr("kWh"), self.tr("Đơn giá"),
                                      self.tr("Thành tiền")], right_aligned=(1, 2, 3))
        right.addWidget(table_view(self.lines_model, "billLines", stretch=0), 1)
        self.calc_totals = _Totals("calc")
        right.addWidget(self.calc_totals)
        outer.addLayout(right, 1)
        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        self.tariff_class.currentIndexChanged.connect(self._on_class_changed)
        self._on_class_changed()
        return tab

    def _reset_dates(self, today: dt.date) -> None:
        self.date_to.setDate(_to_qdate(today))
        self.date_from.setDate(_to_qdate(today - dt.timedelta(days=29)))

    def _on_class_changed(self) -> None:
        tou = self.tariff_class.currentData() in TOU_CLASSES
        # household prices have no voltage bands: below 6 kV, not a choice
        household = self.tariff_class.currentData() in HOUSEHOLD_CLASSES
        if household:
            self.voltage.setCurrentIndex(max(0, self.voltage.findData("lv")))
        self.voltage.setEnabled(not household)
        if tou and self.mode.currentIndex() != MODE_TOU:
            self.mode.setCurrentIndex(MODE_TOU)
        elif not tou and self.mode.currentIndex() == MODE_TOU:
            self.mode.setCurrentIndex(MODE_KWH)
        self._on_mode_changed()

    def _on_mode_changed(self) -> None:
        mode = self.mode.currentIndex()
        visible: dict[QWidget, bool] = {
            self.kwh: mode == MODE_KWH,
            self.old_reading: mode == MODE_READINGS,
            self.new_reading: mode == MODE_READINGS,
            self.multiplier: mode == MODE_READINGS,
            **{w: mode == MODE_TOU for w in self.tou},
        }
        residential = self.tariff_class.currentData() == "residential"
        visible |= {self.households: residential, self.by_tenants: residential,
                    self.tenants: residential}
        for widget, show in visible.items():
            self._row_widgets[widget].setVisible(show)
            self._form_rows[widget].setVisible(show)

    def bill_request(self, **overrides: object) -> BillRequest:
        mode = self.mode.currentIndex()
        residential = self.tariff_class.currentData() == "residential"
        values: dict[str, object] = {
            "period_from": _from_qdate(self.date_from.date()),
            "period_to": _from_qdate(self.date_to.date()),
            "tariff_class": self.tariff_class.currentData(),
            "voltage": self.voltage.currentData(),
            "kwh": self.kwh.value() if mode == MODE_KWH else None,
            "old_reading": self.old_reading.value() if mode == MODE_READINGS else None,
            "new_reading": self.new_reading.value() if mode == MODE_READINGS else None,
            "multiplier": self.multiplier.value() if mode == MODE_READINGS else 1,
            "tou_kwh": tuple(w.value() for w in self.tou) if mode == MODE_TOU else None,
            "households": (self.households.value()
                           if residential and not self.by_tenants.isChecked() else None),
            "tenants": self.tenants.value() if residential and self.by_tenants.isChecked() else None,
        }
        values.update(overrides)
        return BillRequest(**values)  # type: ignore[arg-type]

    def calculate_now(self, **overrides: object) -> None:
        for field, shown in self._row_widgets.items():
            if (isinstance(field, AmountField) and not shown.isHidden()
                    and field.isEnabled()):
                try:
                    field.checked_value()
                except ValidationError:
                    return  # an empty field is not a silent 0: said beside it
        req = self.bill_request(**overrides)
        try:
            result = calculate(req)
        except ReadingBelowOld as exc:
            self._ask_rollover(exc)
            return
        except ValidationError as exc:
            self._show_error(exc.user_message)
            self.lines_model.set_rows([], [])
            self.calc_totals.show_result(None)
            self.bill_result = None
            return
        self._show_error("")
        self.request, self.bill_result = req, result
        self.lines_model.set_rows(
            [(x.label, group_digits(x.kwh), format_vnd(x.unit_price), format_vnd(x.amount))
             for x in result.lines], result.lines)
        self.calc_totals.show_result(result)
        self.calculated.emit(result)

    def _ask_rollover(self, exc: ReadingBelowOld) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "QuayThu", exc.user_message,
                          parent=self)
        box.setObjectName("rolloverQuestion")
        rolled = box.addButton(self.tr("Công tơ quay vòng"), QMessageBox.ButtonRole.AcceptRole)
        replaced = box.addButton(self.tr("Đã thay công tơ"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("Hủy"), QMessageBox.ButtonRole.RejectRole)
        self._place_beside_readings(box)
        box.exec()
        if box.clickedButton() is rolled:
            digits, ok = QInputDialog.getInt(
                self, "QuayThu", self.tr("Công tơ có bao nhiêu chữ số?"),
                max(5, len(str(exc.old))), 4, 9)
            if ok:
                self.calculate_now(rollover_digits=digits)
        elif box.clickedButton() is replaced:
            self.mode.setCurrentIndex(MODE_KWH)
            self._show_error(self.tr("Công tơ đã thay: nhập sản lượng kWh của kỳ "
                                     "(công tơ cũ và công tơ mới cộng lại)."))
            self.kwh.setFocus()

    def _place_beside_readings(self, box: QWidget) -> None:
        """The question just below the readings it is about: centred on the window it hid
        their right-aligned digits, and the fields looked empty behind it."""
        box.adjustSize()
        below = self.new_reading.mapToGlobal(QPoint(0, self.new_reading.height() + 8))
        centre = self.mapToGlobal(QPoint(self.width() // 2, 0)).x()
        box.move(centre - box.width() // 2, below.y())

    def focus_first_field(self) -> None:
        """Put the cursor where the cashier types next on the current tab."""
        index = self.tabs.currentIndex()
        if index == 0:
            mode = self.mode.currentIndex()
            target: QWidget = (self.kwh if mode == MODE_KWH else
                               self.new_reading if mode == MODE_READINGS else self.tou[0])
        elif index == 1:
            target = self.bills_view
        else:
            target = self.appliance
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)

    # -- prefill from the open account ----------------------------------------

    def prefill(self, account_id: int, label: str) -> None:
        """Fill the calculator from the account's latest bill and list its bills."""
        self.account_id, self.account_label = account_id, label
        self.header.setText(self.tr("Khách hàng: {who}").format(who=label))
        check = self.app.bill_check
        self.runner.run(lambda: (check.request_for(account_id), check.bills(account_id)),
                        self._apply_prefill, presenter(self))

    def forget_account(self) -> None:
        """The account was closed (Esc): F7 then shows no customer, neither their name nor
        their readings and bills (it kept the last one's, tester's walk, issue 29)."""
        if self.account_id is None:
            return
        self.account_id, self.account_label = None, None
        self.header.setText(self.tr("Không gắn với khách hàng nào"))
        self.bills_model.set_rows([], [])
        self.compare_model.set_rows([], [])
        self.verdict.setText("")
        self.lines_model.set_rows([], [])
        self.check_result = None
        self.bill_result = None
        self.request = None
        for box in (self.kwh, self.old_reading, self.new_reading, *self.tou):
            box.setValue(0)
        self.multiplier.setValue(1)
        self.households.setValue(1)
        self.usage_households.setValue(1)
        self._reset_dates(labels.vn_today())
        self.mode.setCurrentIndex(MODE_KWH)
        self._on_mode_changed()
        self.calc_totals.show_result(None)
        self.error.setText("")

    def _apply_prefill(self, loaded: tuple[BillRequest, tuple[CachedBill, ...]]) -> None:
        req, bills = loaded
        self.tariff_class.setCurrentIndex(max(0, self.tariff_class.findData(req.tariff_class)))
        self.voltage.setCurrentIndex(max(0, self.voltage.findData(req.voltage)))
        self.date_from.setDate(_to_qdate(req.period_from))
        self.date_to.setDate(_to_qdate(req.period_to))
        if req.tou_kwh is not None:
            self.mode.setCurrentIndex(MODE_TOU)
            for w, v in zip(self.tou, req.tou_kwh, strict=True):
                w.setValue(v)
        elif req.old_reading is not None and req.new_reading is not None:
            self.mode.setCurrentIndex(MODE_READINGS)
            self.old_reading.setValue(req.old_reading)
            self.new_reading.setValue(req.new_reading)
            self.multiplier.setValue(req.multiplier)
        else:
            self.mode.setCurrentIndex(MODE_KWH)
            self.kwh.setValue(req.kwh or 0)
        self.households.setValue(req.households or 1)
        self.by_tenants.setChecked(False)
        self._on_mode_changed()
        self.bills_model.set_rows(
            [(b.bill_no, labels.period(b.period_start, b.period_end), group_digits(b.kwh),
              format_vnd(b.total),
              self.tr("Đã thanh toán") if b.status == "paid" else self.tr("Chưa thanh toán"))
             for b in bills], bills)
        if bills:
            self.bills_view.selectRow(0)
        self.usage_households.setValue(req.households or 1)
        self.calculate_now()
        if self.tabs.currentIndex() == 0:
            # the mode may have changed under the focus (kWh hidden, readings shown): the
            # cursor goes where the next number is typed, over the prefilled one (issue 29)
            self.focus_first_field()

    # -- bill check ----------------------------------------------------------------

    def _check_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("Hóa đơn trong dữ liệu cục bộ của khách hàng đang mở:")))
        self.bills_model = RowsModel([self.tr("Số hóa đơn"), self.tr("Kỳ"), self.tr("kWh"),
                                      self.tr("Số tiền"), self.tr("Tình trạng")],
                                     right_aligned=(2, 3))
        self.bills_view = table_view(self.bills_model, "cachedBills", stretch=0)
        self.bills_view.activated.connect(lambda _i: self.check_selected())
        layout.addWidget(self.bills_view, 1)
        check = QPushButton(self.tr("Kiểm tra hóa đơn đã chọn (Enter)"))
        check.setObjectName("checkBill")
        check.clicked.connect(self.check_selected)
        layout.addWidget(check)
        self.verdict = QLabel("")
        self.verdict.setObjectName("verdict")
        layout.addWidget(self.verdict)
        self.compare_model = RowsModel(
            [self.tr("Dòng"), self.tr("kWh trên HĐ"), self.tr("Tiền trên HĐ"),
             self.tr("kWh tính lại"), self.tr("Tiền tính lại"), self.tr("Chênh lệch")],
            right_aligned=(1, 2, 3, 4, 5))
        layout.addWidget(table_view(self.compare_model, "comparison", stretch=0), 1)
        return tab

    def check_selected(self) -> None:
        row = self.bills_view.currentIndex().row()
        if row < 0:
            self._show_error(self.tr("Chọn một hóa đơn để kiểm tra."))
            return
        bill: CachedBill = self.bills_model.item(row)
        check = self.app.bill_check
        self.runner.run(lambda: check.check(bill.id), self._show_check,
                        presenter(self))

    def _show_check(self, c: BillCheck) -> None:
        self.check_result = c
        rows = [(x.label, group_digits(x.billed_kwh), format_vnd(x.billed_amount),
                 group_digits(x.computed_kwh), format_vnd(x.computed_amount),
                 format_vnd(x.billed_amount - x.computed_amount)) for x in c.lines]
        rows += [
            (self.tr("Cộng tiền điện"), "", format_vnd(c.billed_subtotal), "",
             format_vnd(c.computed.subtotal), format_vnd(c.billed_subtotal - c.computed.subtotal)),
            (self.tr("Thuế GTGT"), "", format_vnd(c.billed_vat), "", format_vnd(c.computed.vat),
             format_vnd(c.billed_vat - c.computed.vat)),
            (self.tr("Tổng cộng"), "", format_vnd(c.billed_total), "", format_vnd(c.computed.total),
             format_vnd(c.difference)),
        ]
        alerts = [not x.agrees for x in c.lines] + [
            c.billed_subtotal != c.computed.subtotal, c.billed_vat != c.computed.vat,
            c.difference != 0]
        self.compare_model.set_rows(rows, list(range(len(rows))), alerts)
        if c.agrees:
            self.verdict.setText(self.tr("Hóa đơn {no} khớp với cách tính theo biểu giá.")
                                 .format(no=c.bill_no))
            self.verdict.setProperty("state", "ok")
        else:
            self.verdict.setText(self.tr("Hóa đơn {no} chênh lệch {d} so với tính lại.")
                                 .format(no=c.bill_no, d=format_vnd(c.difference)))
            self.verdict.setProperty("state", "alert")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.checked.emit(c)

    # -- estimator -------------------------------------------------------------------

    def _estimator_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        pick = QHBoxLayout()
        self.appliance = QComboBox()
        self.appliance.setObjectName("appliance")
        for a in catalogue():
            self.appliance.addItem(f"{a.name} – {a.watts} W", a.key)
        self.quantity = _spin("quantity", 100, 1)
        self.quantity.setValue(1)
        self.hours = QDoubleSpinBox()
        self.hours.setObjectName("hours")
        self.hours.setRange(0, 24)
        self.hours.setSingleStep(0.5)
        self.days = _spin("days", 31)
        self.appliance.currentIndexChanged.connect(self._appliance_defaults)
        add = QPushButton(self.tr("Thêm (Ctrl+Enter)"))
        add.setObjectName("addAppliance")
        add.clicked.connect(self.add_usage)
        for caption, w in ((self.tr("Thiết bị"), self.appliance), (self.tr("SL"), self.quantity),
                           (self.tr("Giờ/ngày"), self.hours), (self.tr("Ngày/tháng"), self.days)):
            label = QLabel(caption)
            label.setBuddy(w)
            pick.addWidget(label)
            pick.addWidget(w, 3 if w is self.appliance else 0)
        pick.addWidget(add)
        layout.addLayout(pick)
        self.usage_model = RowsModel([self.tr("Thiết bị"), self.tr("SL"), self.tr("Công suất"),
                                      self.tr("Giờ/ngày"), self.tr("Ngày"), self.tr("kWh/tháng")],
                                     right_aligned=(1, 2, 3, 4, 5))
        self.usage_view = table_view(self.usage_model, "usages", stretch=0)
        layout.addWidget(self.usage_view, 1)
        bottom = QHBoxLayout()
        remove = QPushButton(self.tr("Xóa dòng chọn (Delete)"))
        remove.clicked.connect(self.remove_usage)
        self.usage_households = _spin("usageHouseholds", 500, 1)
        self.usage_households.setValue(1)
        self.usage_households.valueChanged.connect(lambda _v: self._estimate())
        remember = QPushButton(self.tr("Ghi nhớ làm phương án gốc"))
        remember.setObjectName("remember")
        remember.clicked.connect(self.remember_baseline)
        bottom.addWidget(remove)
        bottom.addWidget(QLabel(self.tr("Số hộ")))
        bottom.addWidget(self.usage_households)
        bottom.addStretch(1)
        bottom.addWidget(remember)
        layout.addLayout(bottom)
        self.estimate_summary = QLabel("")
        self.estimate_summary.setObjectName("estimateSummary")
        self.what_if = QLabel("")
        self.what_if.setObjectName("whatIf")
        layout.addWidget(self.estimate_summary)
        layout.addWidget(self.what_if)
        self.est_totals = _Totals("est")
        layout.addWidget(self.est_totals)
        QShortcut(QKeySequence("Ctrl+Return"), tab, self.add_usage)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.usage_view,
                  self.remove_usage)
        self._appliance_defaults()
        return tab

    def _appliance_defaults(self) -> None:
        key = self.appliance.currentData()
        for a in catalogue():
            if a.key == key:
                self.hours.setValue(a.hours)
                self.days.setValue(a.days)

    def add_usage(self) -> None:
        key = self.appliance.currentData()
        try:
            usage = Usage.of(key, self.quantity.value(), self.hours.value(), self.days.value())
            usage.kwh()
        except ValidationError as exc:
            self._show_error(exc.user_message)
            return
        self.usages.append(usage)
        self._estimate()

    def remove_usage(self) -> None:
        row = self.usage_view.currentIndex().row()
        if 0 <= row < len(self.usages):
            del self.usages[row]
            self._estimate()

    def remember_baseline(self) -> None:
        self.baseline = self.estimate_result
        self._estimate()

    def _estimate(self) -> None:
        try:
            est = estimate(self.usages, households=self.usage_households.value())
        except ValidationError as exc:
            self._show_error(exc.user_message)
            return
        self._show_error("")
        self.estimate_result = est
        self.usage_model.set_rows(
            [(u.name, str(u.quantity), f"{u.watts} W", f"{u.hours_per_day:g}",
              str(u.days_per_month), f"{float(k):.1f}".replace(".", ","))
             for u, k in zip(est.usages, est.line_kwh, strict=True)], list(est.usages))
        self.estimate_summary.setText(
            self.tr("Ước tính {kwh} kWh/tháng → tiền điện {total} (đã gồm GTGT)")
            .format(kwh=group_digits(est.kwh), total=format_vnd(est.bill.total)))
        self.est_totals.show_result(est.bill)
        if self.baseline is not None:
            dk = est.kwh - self.baseline.kwh
            dm = est.bill.total - self.baseline.bill.total
            self.what_if.setText(self.tr("So với phương án gốc: {dk} kWh, {dm}").format(
                dk=f"{dk:+,}".replace(",", "."), dm=("+" if dm >= 0 else "") + format_vnd(dm)))
        else:
            self.what_if.setText("")
        self.estimated.emit(est)

    # -- documents ---------------------------------------------------------------------

    def current_document(self) -> Document | None:
        if self.tabs.currentIndex() == 2:
            if self.estimate_result is None or not self.usages:
                return None
            return documents.consumption_estimate(self.estimate_result)
        if self.bill_result is None or self.request is None:
            return None
        return documents.bill_calculation(self.request, self.bill_result,
                                          customer=self.account_label)

    def _write(self, path: Path, layout: str) -> None:
        doc = self.current_document()
        if doc is None:
            self._show_error(self.tr("Chưa có kết quả để in; hãy tính trước."))
            return

        def done(written: Path) -> None:
            self.status_line.setText(self.tr("Đã lưu {p}").format(p=written))
            self.document_written.emit(str(written))

        self.runner.run(lambda: render_pdf(doc, path, layout), done,
                        presenter(self))

    def print_slip(self) -> None:
        """Ctrl+P: the slip on the counter's own printer (its printer thread); what happened
        is said either way — printed, no printer set, or the printer's complaint."""
        doc = self.current_document()
        if doc is None:
            self._show_error(self.tr("Chưa có kết quả để in; hãy tính trước."))
            return
        prints = self.app.prints
        self._show_error("")
        self.status_line.setText(self.tr("Đang in phiếu…"))
        self.runner.printer.run(lambda: prints.print_document(doc), self._slip_printed,
                                self._slip_failed)

    def _slip_printed(self, _result: object) -> None:
        self.status_line.setText(self.tr("Đã in phiếu ra máy in của quầy."))
        self.slip_printed.emit(True)

    def _slip_failed(self, exc: BaseException) -> None:
        self.status_line.setText("")
        self._show_error(self.tr("Chưa in được phiếu: {e} Có thể lưu PDF (Ctrl+E).").format(
            e=error_text(exc)))
        self.slip_printed.emit(False)

    def export_pdf(self, path: str | None = None) -> None:
        """Ctrl+E: an A4 PDF, where the person chooses (a file dialog in Vietnamese)."""
        if not path:
            path = save_file_name(self, self.tr("Lưu PDF"),
                                  str(Path.home() / "phieu-tinh-tien-dien.pdf"),
                                  self.tr("Tệp PDF (*.pdf)"))
        if path:
            self._write(Path(path), "a4")
