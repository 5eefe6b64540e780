"""The account panel: who the customer is and what the account owes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.dto import AccountDetail
from desktop.money.amounts import format_vnd, group_digits
from ui.widgets.badge import StateBadge
from ui.widgets.table_model import RowsModel, table_view
from ui.widgets.usage_chart import UsageChart


class AccountPanel(QScrollArea):
    """Read-only view of one :class:`AccountDetail`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)

        self.title = QLabel(self.tr("Chưa chọn khách hàng"))
        self.title.setObjectName("accountTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(self.tr("Gõ mã khách hàng, số điện thoại, số công tơ, "
                                       "hoặc tên và địa chỉ (không cần dấu), rồi Enter."))
        self.subtitle.setObjectName("accountSubtitle")
        self.subtitle.setWordWrap(True)
        # the account's state by colour and word beside the name (QUÁ HẠN, ĐÃ CẮT ĐIỆN…)
        self.badge = StateBadge()
        self.badge.setObjectName("stateBadge")
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.badge)
        heading.addStretch(1)
        layout.addLayout(heading)
        layout.addWidget(self.subtitle)

        self.identity = QGroupBox(self.tr("Thông tin khách hàng"))
        form = QFormLayout(self.identity)
        self.fields: dict[str, QLabel] = {}
        for key, caption in (
            ("address", self.tr("Địa chỉ")),
            ("old_address", self.tr("Địa chỉ cũ")),
            ("phone", self.tr("Điện thoại")),
            ("meter", self.tr("Số công tơ")),
            ("tariff", self.tr("Mục đích sử dụng")),
            ("households", self.tr("Số hộ")),
            ("status", self.tr("Tình trạng")),
            ("unit", self.tr("Điện lực")),
            ("reading", self.tr("Ghi chỉ số kỳ tới")),
        ):
            value = QLabel("")
            value.setObjectName(f"field_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(caption + ":", value)
        layout.addWidget(self.identity)

        self.bills_box = QGroupBox(self.tr("Hóa đơn chưa thanh toán"))
        bills_layout = QVBoxLayout(self.bills_box)
        self.unpaid_total = QLabel("")
        self.unpaid_total.setObjectName("unpaidTotal")
        self.unpaid_total.setWordWrap(True)  # at 125–150 % it wraps rather than being cut
        self.bills_model = RowsModel(
            [self.tr("Kỳ"), self.tr("Số hóa đơn"), self.tr("kWh"), self.tr("Số tiền"),
             self.tr("Hạn TT"), self.tr("Ghi chú")],
            right_aligned=(2, 3),
        )
        self.bills_view = table_view(self.bills_model, "unpaidBills", fit_to_rows=True)
        bills_layout.addWidget(self.unpaid_total)
        bills_layout.addWidget(self.bills_view)
        layout.addWidget(self.bills_box)

        self.usage_box = QGroupBox(self.tr("Điện tiêu thụ 24 tháng (kWh)"))
        usage_layout = QVBoxLayout(self.usage_box)
        self.usage_chart = UsageChart()
        usage_layout.addWidget(self.usage_chart)
        layout.addWidget(self.usage_box)

        self.payments_box = QGroupBox(self.tr("Thanh toán gần đây"))
        pay_layout = QVBoxLayout(self.payments_box)
        self.payments_model = RowsModel(
            [self.tr("Thời gian"), self.tr("Số tiền"), self.tr("Hình thức"),
             self.tr("Biên nhận"), self.tr("Nơi thu")],
            right_aligned=(1,),
        )
        self.payments_view = table_view(self.payments_model, "recentPayments", fit_to_rows=True)
        self.no_payment = QLabel(self.tr("Chưa có thanh toán nào trong dữ liệu cục bộ."))
        pay_layout.addWidget(self.no_payment)
        pay_layout.addWidget(self.payments_view)
        layout.addWidget(self.payments_box)

        self.outages_box = QGroupBox(self.tr("Lịch ngừng cấp điện trong khu vực"))
        out_layout = QVBoxLayout(self.outages_box)
        self.outages_model = RowsModel([self.tr("Từ"), self.tr("Đến"), self.tr("Lý do"),
                                        self.tr("Khu vực")])
        self.no_outage = QLabel(self.tr("Không có lịch ngừng cấp điện sắp tới."))
        self.outages_view = table_view(self.outages_model, "outages", fit_to_rows=True)
        out_layout.addWidget(self.no_outage)
        out_layout.addWidget(self.outages_view)
        layout.addWidget(self.outages_box)

        self.requests_box = QGroupBox(self.tr("Yêu cầu dịch vụ (Ctrl+R: tiếp nhận yêu cầu mới)"))
        req_layout = QVBoxLayout(self.requests_box)
        self.requests_model = RowsModel([self.tr("Mã yêu cầu"), self.tr("Loại"),
                                         self.tr("Ngày nhận"), self.tr("Tiến độ"),
                                         self.tr("Ghi chú")])
        self.no_request = QLabel(self.tr("Chưa có yêu cầu nào."))
        self.requests_view = table_view(self.requests_model, "serviceRequests", fit_to_rows=True)
        # automatic payment and usage alerts: what the customer has registered, at a glance
        self.registrations = QLabel("")
        self.registrations.setObjectName("registrations")
        self.registrations.setWordWrap(True)
        req_layout.addWidget(self.registrations)
        req_layout.addWidget(self.no_request)
        req_layout.addWidget(self.requests_view)
        layout.addWidget(self.requests_box)

        self.cache_age = QLabel("")
        self.cache_age.setObjectName("cacheAge")
        layout.addWidget(self.cache_age)
        layout.addStretch(1)
        self.setWidget(body)
        self._show_sections(False)
        self.detail: AccountDetail | None = None

    def _show_sections(self, visible: bool) -> None:
        for box in (self.identity, self.bills_box, self.usage_box, self.payments_box,
                    self.outages_box, self.requests_box):
            box.setVisible(visible)
        self.cache_age.setVisible(visible)

    def clear(self, *, keep_sections: bool = False) -> None:
        """Back to the empty panel (after a sign-out: nothing of the last customer stays);
        ``keep_sections``: emptied, their frames left for the next customer."""
        self.detail = None
        self.title.setText(self.tr("Chưa chọn khách hàng"))
        self.subtitle.setText("")
        self.badge.set_state("")
        for value in self.fields.values():
            value.setText("")
        # (the sections' own lines too: an emptied panel may keep its frames a moment)
        for line in (self.unpaid_total, self.registrations, self.cache_age):
            line.setText("")
        for model in (self.bills_model, self.payments_model, self.outages_model,
                      self.requests_model):
            model.set_rows([], [])
        self.usage_chart.set_usage(())
        if not keep_sections:
            self._show_sections(False)

    def _registrations(self, d: AccountDetail) -> str:
        """The newest auto-debit and usage-alert registration not refused, with its status."""
        lines = []
        for kind, caption in (("auto_debit", self.tr("Thanh toán tự động")),
                              ("usage_alert", self.tr("Cảnh báo ngưỡng"))):
            latest = next((r for r in d.requests if r.kind == kind and r.status != "refused"),
                          None)
            state = (latest.status_label if latest else self.tr("chưa đăng ký"))
            lines.append(f"{caption}: {state}")
        return self.tr("Đăng ký: ") + " · ".join(lines)

    def show_account(self, d: AccountDetail) -> None:
        self.detail = d
        self.title.setText(f"{d.name}")
        self.subtitle.setText(self.tr("Mã khách hàng: {code}").format(code=d.code))
        f = self.fields
        f["address"].setText(d.address)
        old = ", ".join(x for x in (d.old_ward, d.old_district) if x)
        f["old_address"].setText(old or "—")
        f["phone"].setText(d.phone or "—")
        f["meter"].setText(d.meter)
        f["tariff"].setText(
            f"{labels.TARIFF_CLASS.get(d.tariff_class, d.tariff_class)} "
            f"({labels.VOLTAGE.get(d.voltage, d.voltage)}) · {self.tr('mã giá')} {d.price_code}"
        )
        f["households"].setText(str(d.households))
        status = labels.ACCOUNT_STATUS.get(d.status, d.status)
        asked = next((r for r in d.requests if r.kind == "reconnection"
                      and r.status in ("submitted", "received", "in_progress")), None)
        if asked is not None:
            status += self.tr(" — đã yêu cầu đóng điện lại ({ref})").format(ref=asked.ref)
        f["status"].setText(status)
        f["status"].setProperty("alert", d.status != "active")
        if d.status == "suspended":
            self.badge.set_state("cut", self.tr("TẠM NGỪNG CẤP ĐIỆN"))
        elif d.status != "active":
            self.badge.set_state("cut", labels.ACCOUNT_STATUS.get(d.status, d.status).upper())
        elif any(b.overdue for b in d.unpaid_bills):
            self.badge.set_state("overdue")
        elif not d.unpaid_bills:
            self.badge.set_state("paid", self.tr("KHÔNG CÒN NỢ"))
        else:
            self.badge.set_state("")
        f["unit"].setText(f"{d.unit_name} ({d.unit_code})")
        f["reading"].setText(
            (labels.local_date(d.next_reading_on) if d.next_reading_on else "—")
            + f" · {self.tr('lộ trình')} {d.route_code}"
        )
        if d.unpaid_bills:
            overdue = sum(1 for b in d.unpaid_bills if b.overdue)
            text = self.tr("Tổng nợ: {total} ({n} hóa đơn").format(
                total=format_vnd(d.unpaid_total), n=len(d.unpaid_bills))
            text += self.tr(", {k} quá hạn)").format(k=overdue) if overdue else ")"
        else:
            text = self.tr("Không còn nợ.")
        self.unpaid_total.setText(text)
        self.unpaid_total.setProperty("state", "owing" if d.unpaid_bills else "clear")
        self.bills_view.setVisible(bool(d.unpaid_bills))
        self.bills_model.set_rows(
            [(labels.period(b.period_start, b.period_end), b.bill_no, group_digits(b.kwh),
              format_vnd(b.total), labels.local_date(b.due_on),
              self.tr("QUÁ HẠN") if b.overdue else "")
             for b in d.unpaid_bills],
            d.unpaid_bills,
            [b.overdue for b in d.unpaid_bills],
        )
        self.payments_model.set_rows(
            [(labels.local_datetime(p.paid_at), format_vnd(p.amount),
              labels.PAYMENT_METHOD.get(p.method, p.method), p.receipt_no, p.place)
             for p in d.recent_payments],
            d.recent_payments,
        )
        self.no_payment.setVisible(not d.recent_payments)
        self.payments_view.setVisible(bool(d.recent_payments))
        self.outages_model.set_rows(
            [(labels.local_datetime(o.starts_at), labels.local_datetime(o.ends_at), o.reason,
              o.area) for o in d.outages],
            d.outages,
        )
        self.no_outage.setVisible(not d.outages)
        self.outages_view.setVisible(bool(d.outages))
        self.usage_chart.set_usage(d.usage, d.price_changes, d.alert_kwh, d.alert_label)
        self.requests_model.set_rows(
            [(r.ref, r.kind_label, labels.local_datetime(r.created_at), r.status_label,
              r.status_note or "") for r in d.requests],
            d.requests,
        )
        self.no_request.setVisible(not d.requests)
        self.requests_view.setVisible(bool(d.requests))
        self.registrations.setText(self._registrations(d))
        source = self.tr("dữ liệu demo") if d.data_source == "demo" else self.tr("dữ liệu cục bộ")
        if d.data_as_of is None:
            self.cache_age.setText(self.tr("Chưa đồng bộ lần nào: {s}.").format(s=source))
        else:
            self.cache_age.setText(self.tr("Cập nhật {age} ({when}), {s}.").format(
                age=labels.age(d.data_as_of), when=labels.local_datetime(d.data_as_of), s=source))
        for w in (f["status"], self.unpaid_total):
            w.style().unpolish(w)
            w.style().polish(w)
        self._show_sections(True)
        self.verticalScrollBar().setValue(0)
