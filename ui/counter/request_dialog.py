"""Ctrl+R: take a service request and print its acknowledgement slip."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app import App
from desktop.contract import OLD_PREFERRED
from desktop.documents import Attached
from desktop.dto import AccountDetail, RequestView
from desktop.request_drafts import DraftView
from desktop.service_kinds import PREFERRED_LABEL, FieldError, kinds, required_fields
from desktop.service_requests import RequestForm
from desktop.staff.auth import Actor
from ui.counter.request_kind_form import KindForm, clear_when_empty
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.widgets.common import WrappingCheck, fit_on_screen, message_label, open_file_name
from ui.widgets.inline_error import InlineError
from ui.widgets.prefilled_line import PrefilledLine

#: how long after the last key a draft is written: one write per pause, not per key
DRAFT_DELAY_MS = 700


def parse_day(text: str) -> dt.date | None:
    """``15/12/2026`` (or ``15-12-2026``) → a date; empty → None; else ValueError."""
    text = text.strip().replace("-", "/").replace(".", "/")
    if not text:
        return None
    day, month, year = (int(x) for x in text.split("/"))
    return dt.date(year, month, day)


class ServiceRequestDialog(QDialog):
    """The open customer's details filled in; a new supply starts from an empty form."""

    submitted = Signal(object)
    #: a draft written to the store (tests wait for it)
    draft_saved = Signal()

    def __init__(self, app: App, runner: Tasks, actor: Actor,
                 detail: AccountDetail | None, parent: QWidget | None = None, *,
                 draft: DraftView | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor, self.detail = app, runner, actor, detail
        # a printer that hangs must not hold up the store's worker: its own runner
        self.printer_runner = runner.printer
        # one key per form: pressing Enter twice, or again after a timeout, is one request
        self.key = draft.key if draft else str(uuid.uuid4())
        #: the account the form is for: the open customer's, or the draft's
        self.account_id = detail.id if detail else (draft.account_id if draft else None)
        self.taken: RequestView | None = None
        #: the slip came out once: printing it again makes a copy ("BẢN SAO")
        self.slip_printed = False
        self.setObjectName("serviceRequestDialog")
        self.setWindowTitle(self.tr("Tiếp nhận yêu cầu dịch vụ"))
        self.setMinimumWidth(900)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        # each of the form's own fields' label, its text without the mark of required
        self.row_labels: dict[str, tuple[QLabel, str]] = {}
        self.kind = QComboBox()
        self.kind.setObjectName("requestKind")
        # every kind, new supply too: a customer with a contract may ask for another place
        self.forms = QStackedWidget()
        self.kind_forms: dict[str, KindForm] = {}
        for key, kind in kinds().items():
            self.kind.addItem(kind.label, key)
            self.kind_forms[key] = KindForm(kind)
            self.forms.addWidget(self.kind_forms[key])
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if draft is not None:
            self.kind.setCurrentIndex(self.kind.findData(draft.kind))
        elif detail is None:
            self.kind.setCurrentIndex(self.kind.findData("new_supply"))
        else:
            self.kind.setCurrentIndex(self.kind.findData("meter_inspection"))
        self._kind_changed()
        self.name = QLineEdit(detail.name if detail else "")
        self.name.setObjectName("requestName")
        self.address = QLineEdit(detail.address if detail else "")
        self.address.setObjectName("requestAddress")
        # the phone on file, as this person may see it (masked for a cashier: the core
        # takes the one on file for it), selected to be typed over
        self.phone = PrefilledLine()
        self.phone.setObjectName("requestPhone")
        self.phone.setPlaceholderText("0909 123 456")
        if detail is not None and detail.phone:
            self.phone.prefill(detail.phone)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("requestIdNumber")
        self.id_number.setPlaceholderText(self.tr("12 chữ số (cấp mới, thay đổi, chấm dứt HĐ)"))
        # asked, never pre-ticked (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15); a draft keeps
        # the answer the customer gave, so a reopened form shows it as it was
        # the box and its sentence apart: the sentence wraps (a QCheckBox's text was cut
        # at a 900 px dialog and at 150 %)
        self.consent_row = WrappingCheck("requestConsent", self.tr(
            "Khách hàng đồng ý cho xử lý số CCCD và số tài khoản ngân hàng để giải quyết "
            "yêu cầu này"))
        self.consent = self.consent_row.box
        # documents from a file (a scanner or a phone's camera saves one): checked and
        # kept sealed by the core; the list shows what is attached
        self.attached: list[Attached] = []
        self.attach_button = QPushButton(self.tr("Đính kèm giấy tờ: ảnh, PDF (Ctrl+O)"))
        self.attach_button.setObjectName("requestAttach")
        self.attach_button.setAutoDefault(False)
        self.attach_button.clicked.connect(self.attach)
        self.documents_list = QListWidget()
        self.documents_list.setObjectName("requestDocuments")
        self.documents_list.setFixedHeight(56)
        self.documents_list.setToolTip(self.tr("Delete: bỏ giấy tờ đang chọn khỏi yêu cầu"))
        # a paper taken out of the form: the draft forgets it, and the core removes its
        # file unless another draft or unsent request names it
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.documents_list,
                           self.remove_document)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.documents_box = QWidget()
        documents_layout = QVBoxLayout(self.documents_box)
        documents_layout.setContentsMargins(0, 0, 0, 0)
        documents_layout.addWidget(self.attach_button)
        documents_layout.addWidget(self.documents_list)
        self.documents_box.setFocusProxy(self.attach_button)
        self.preferred = QLineEdit()
        self.preferred.setObjectName("requestDate")
        self.preferred.setPlaceholderText(self.tr("dd/mm/yyyy (không bắt buộc)"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("requestNote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        customer = (self.tr("{code} — {name}").format(code=detail.code, name=detail.name)
                    if detail else draft.customer_name if draft and draft.account_id
                    else self.tr("(khách hàng mới, chưa có mã)"))
        form.addRow(self.tr("Khách hàng"), message_label("requestCustomer", customer))
        self.fields: dict[str, QWidget] = {
            "kind": self.kind, "customer_name": self.name, "address": self.address,
            "phone": self.phone, "id_number": self.id_number, "personal_consent": self.consent,
            "preferred_on": self.preferred, "documents": self.documents_box,
            "note": self.note}
        self.errors: dict[str, InlineError] = {}
        for name, label in (("kind", self.tr("Loại yêu cầu")),
                            ("customer_name", self.tr("Họ tên người yêu cầu")),
                            ("address", self.tr("Địa chỉ sử dụng điện")),
                            ("phone", self.tr("Điện thoại liên hệ")),
                            ("id_number", self.tr("Số CCCD")),
                            ("personal_consent", self.tr("Dữ liệu cá nhân")),
                            ("preferred_on", self.tr("Ngày mong muốn")),
                            ("documents", self.tr("Giấy tờ đính kèm")),
                            ("note", self.tr("Nội dung"))):
            error = InlineError(f"error_{name}")  # red, bold, shown only when it says
            self.errors[name] = error
            box = QVBoxLayout()
            box.addWidget(self.consent_row if name == "personal_consent" else self.fields[name])
            box.addWidget(error)
            row_label = QLabel(label)
            row_label.setObjectName(f"label_{name}")
            self.row_labels[name] = (row_label, label)
            form.addRow(row_label, box)
        self._label_rows()
        # the form scrolls inside a dialog kept within the screen: a kind with many fields
        # (automatic payment) was taller than a 1366×768 counter's screen and its last
        # fields, buttons and messages fell below it
        body = QWidget()
        inside = QVBoxLayout(body)
        inside.setContentsMargins(0, 0, 0, 0)
        inside.addLayout(form)
        inside.addWidget(self.forms)
        self.form_scroll = QScrollArea()
        self.form_scroll.setObjectName("requestFormScroll")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(body)
        layout.addWidget(self.form_scroll, 1)
        self.message = message_label("requestMessage")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.submit_button = QPushButton(self.tr("Tiếp nhận và in phiếu (Ctrl+Enter)"))
        self.submit_button.setObjectName("requestSubmit")
        self.submit_button.clicked.connect(self.submit)
        self.reprint_button = QPushButton(self.tr("In lại phiếu (Ctrl+P)"))
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self.print_slip)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(self.reject)
        for b in (self.submit_button, self.reprint_button, close):
            b.setAutoDefault(False)
            row.addWidget(b)
        layout.addLayout(row)
        for line in (self.name, self.address, self.phone, self.id_number, self.preferred):
            line.returnPressed.connect(self.submit)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_slip)
        QShortcut(QKeySequence("Ctrl+O"), self, self.attach)
        (self.phone if detail else self.name).setFocus()
        if draft is not None:
            self._restore(draft.fields)
        # saved a moment after the last change, so a program closed or killed loses nothing
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self.draft_timer.timeout.connect(self.save_draft)
        for line in (self.name, self.address, self.phone, self.preferred):
            line.textEdited.connect(self._changed)
        for name, typed in (("customer_name", self.name), ("address", self.address),
                            ("phone", self.phone), ("id_number", self.id_number),
                            ("preferred_on", self.preferred)):
            typed.textEdited.connect(
                lambda text, e=self.errors[name]: clear_when_empty(text, e))
        self.note.textChanged.connect(self._changed)
        self.consent.toggled.connect(self._changed)
        self.kind.currentIndexChanged.connect(self._changed)
        for part in self.kind_forms.values():
            part.changed.connect(self._changed)

    def bar_keys(self) -> str:
        """The keys of this form, for the window's bar while it covers the window."""
        return self.tr("Ctrl+Enter tiếp nhận và in phiếu · Ctrl+O đính kèm giấy tờ · "
                       "Ctrl+P in lại phiếu · Esc đóng")

    def bar_buttons(self) -> dict[str, QWidget]:
        return {"Ctrl+Enter": self.submit_button, "Ctrl+O": self.attach_button,
                "Ctrl+P": self.reprint_button}

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_on_screen(self, self.form_scroll)

    def submit(self) -> None:
        if self.taken is not None:
            return
        try:
            preferred = parse_day(self.preferred.text())
        except ValueError:
            # said once, red beside the date (not a second black copy under the form)
            self.message.setText("")
            self.errors["preferred_on"].show_for(self.preferred, self.tr(
                "{label} không hợp lệ: gõ theo dạng ngày/tháng/năm, ví dụ 15/12/2026.").format(
                    label=self._date_label()))
            return
        kind = kinds()[str(self.kind.currentData())]
        part = self.kind_forms[kind.key]
        self._clear_errors()
        form = RequestForm(
            kind=kind.key, customer_name=self.name.text(),
            address=self.address.text(), phone=self.phone.text(),
            phone_from=self.account_id,
            account_id=self.account_id if kind.needs_account else None,
            id_number=self.id_number.text(), note=self.note.toPlainText(),
            preferred_on=preferred, details=part.details(), papers=part.papers(),
            consent=self.consent.isChecked(),
            documents=tuple(d.sha256 for d in self.attached))
        requests, actor, key = self.app.requests, self.actor, self.key
        self.submit_button.setEnabled(False)
        self.runner.run(lambda: requests.submit(actor, form, key=key), self._taken,
                        self._refused)

    def choose_file(self) -> str:
        """The file to attach ("" when cancelled), in the Vietnamese file dialog."""
        return open_file_name(self, self.tr("Chọn giấy tờ đính kèm"),
                              self.tr("Ảnh hoặc PDF (*.png *.jpg *.jpeg *.pdf);;Mọi tệp (*)"))

    def attach(self) -> None:
        if self.taken is not None:
            return
        chosen = self.choose_file()
        if not chosen:
            return
        documents, already = self.app.documents, [d.sha256 for d in self.attached]
        self.errors["documents"].setText("")
        self.attach_button.setEnabled(False)
        self.runner.run(lambda: documents.add(Path(chosen), already), self._attached,
                        self._not_attached)

    def remove_document(self) -> None:
        """Delete on the list: the selected paper leaves the form (and the draft)."""
        row = self.documents_list.currentRow()
        if self.taken is not None or not 0 <= row < len(self.attached):
            return
        gone = self.attached.pop(row)
        self.documents_list.takeItem(row)
        self.message.setText(self.tr("Đã bỏ {name}.").format(name=gone.name))
        self._changed()

    def _listed(self, doc: Attached) -> None:
        self.attached.append(doc)
        self.documents_list.addItem(self.tr("{name} ({size} KB)").format(
            name=doc.name, size=max(1, doc.size // 1024)))

    def _attached(self, doc: Attached) -> None:
        self.attach_button.setEnabled(True)
        self._listed(doc)
        self.message.setText(self.tr("Đã đính kèm {name}.").format(name=doc.name))
        self.attach_button.setFocus()
        self._changed()  # the draft keeps what is attached

    def _not_attached(self, exc: BaseException) -> None:
        """Why the file was refused, beside the documents; what is typed stays."""
        self.attach_button.setEnabled(True)
        self.errors["documents"].setText(error_text(exc))
        self.message.setText("")  # said once, beside the documents
        self.attach_button.setFocus()

    def _refused(self, exc: BaseException) -> None:
        """The reason beside the field it is about, focus there; what is typed stays."""
        self.submit_button.setEnabled(True)
        # said once: red beside the field it is about (issue 29: a second, black copy
        # stood under the form), or under the form when it is about no field on screen
        self.message.setText("")
        if isinstance(exc, FieldError):
            part = self.kind_forms[str(self.kind.currentData())]
            field = exc.field or ""
            if part.show_error(field, error_text(exc)):
                self._reveal(part.inputs[field], part.errors[field])
                return
            if field in self.fields:
                self.errors[field].setText(error_text(exc))
                self.fields[field].setFocus()
                self._reveal(self.fields[field], self.errors[field])
                return
        self.message.setText(error_text(exc))

    def _reveal(self, field: QWidget, error: QLabel) -> None:
        """The refused field and its reason scrolled into the form's view (a long form's
        field may be far above or below what shows), once the reason's line is laid out."""
        def scroll() -> None:
            content = self.form_scroll.widget()
            if content is None or not content.isAncestorOf(field):
                return
            top = field.mapTo(content, QPoint(0, 0)).y()
            bottom = top + field.height()
            if error.isVisible() and content.isAncestorOf(error):
                bottom = max(bottom, error.mapTo(content, QPoint(0, error.height())).y())
            # the whole of both when they fit, else the field itself
            half = min((bottom - top) // 2, self.form_scroll.viewport().height() // 2 - 4)
            self.form_scroll.ensureVisible(field.mapTo(content, QPoint(0, 0)).x(),
                                           top + half, 4, max(half, 0) + 4)

        content = self.form_scroll.widget()
        layout = content.layout() if content is not None else None
        if layout is not None:
            layout.activate()  # the reason's line takes its place now
        scroll()
        QTimer.singleShot(0, scroll)  # and again once every layout has settled

    def _changed(self) -> None:
        if self.taken is None:
            self.draft_timer.start()

    def draft_fields(self) -> dict[str, object]:
        key = str(self.kind.currentData())
        part = self.kind_forms[key]
        return {"customer_name": self.name.text(), "address": self.address.text(),
                "phone": self.phone.text(), "preferred_on": self.preferred.text(),
                "note": self.note.toPlainText(), "details": part.details(),
                "papers": list(part.papers()),
                "personal_consent": self.consent.isChecked(),
                # the files stay sealed in the data folder; their names the draft seals too
                "documents": [{"sha256": d.sha256, "media_type": d.media_type,
                               "size": d.size, "name": d.name} for d in self.attached]}

    def save_draft(self) -> None:
        """The form as typed, to the store (the CCCD and account numbers stay out)."""
        if self.taken is not None:
            return
        drafts, actor, key = self.app.drafts, self.actor, self.key
        kind, account_id, fields = str(self.kind.currentData()), self.account_id, \
            self.draft_fields()
        self.runner.run(lambda: drafts.save(actor, key, kind, account_id, fields),
                        lambda _r: self.draft_saved.emit(), lambda _exc: None)

    def _restore(self, fields: Mapping[str, object]) -> None:
        for line, name in ((self.name, "customer_name"), (self.address, "address"),
                           (self.phone, "phone"), (self.preferred, "preferred_on")):
            if isinstance(fields.get(name), str):
                line.setText(str(fields[name]))
        details = fields.get("details")
        old = details.get(OLD_PREFERRED) if isinstance(details, dict) else None
        if not self.preferred.text() and isinstance(old, str):
            # a draft of the new-supply form when it had a second date: the same wish
            self.preferred.setText(old)
        self.note.setPlainText(str(fields.get("note", "")))
        self.consent.setChecked(fields.get("personal_consent") is True)
        part = self.kind_forms[str(self.kind.currentData())]
        papers = fields.get("papers")
        part.restore(details if isinstance(details, dict) else {},
                     papers if isinstance(papers, list) else [])
        documents = fields.get("documents")
        for i, d in enumerate(documents if isinstance(documents, list) else [], start=1):
            if isinstance(d, dict) and isinstance(d.get("sha256"), str):
                picked = d.get("name")
                self._listed(Attached(d["sha256"], str(d.get("media_type", "")),
                                      int(d.get("size", 0)),
                                      picked if isinstance(picked, str) and picked
                                      else self.tr("Giấy tờ {n}").format(n=i)))

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.setText("")
        for part in self.kind_forms.values():
            part.clear_errors()

    def _kind_changed(self) -> None:
        key = self.kind.currentData()
        if key in self.kind_forms:
            self.forms.setCurrentWidget(self.kind_forms[key])
        self._label_rows()

    def _date_label(self) -> str:
        """The preferred date's name for the chosen kind ("Ngày muốn có điện")."""
        kind = kinds().get(str(self.kind.currentData()))
        if kind is not None and kind.preferred_label != PREFERRED_LABEL:
            return kind.preferred_label  # the kind's data, as its own fields' labels
        return self.tr("Ngày mong muốn")

    def _label_rows(self) -> None:
        """The preferred date named for the chosen kind, and `*` after the label of each
        field the kind requires, from the same data the core refuses an empty one by
        (service_kinds.required_fields), as the kind's own fields are marked from their
        ``required``."""
        kind = kinds().get(str(self.kind.currentData()))
        required = required_fields(kind) if kind is not None else frozenset()
        for name, (label, text) in self.row_labels.items():
            if name == "preferred_on":
                text = self._date_label()
            label.setText(text + (" *" if name in required else ""))

    def _taken(self, view: RequestView) -> None:
        self.taken = view
        for w in (self.kind, self.name, self.address, self.phone, self.id_number,
                  self.consent_row, self.preferred, self.note, self.forms, self.documents_box):
            w.setEnabled(False)
        self.reprint_button.setEnabled(True)
        self.message.setText(self.tr("Đã tiếp nhận yêu cầu {ref}. Đang in phiếu tiếp nhận…")
                             .format(ref=view.ref))
        self.submitted.emit(view)
        self.print_slip()

    def print_slip(self) -> None:
        if self.taken is None:
            return
        app, actor, ref = self.app, self.actor, self.taken.ref
        # once the slip has come out, Ctrl+P prints a copy ("BẢN SAO")
        copy = self.slip_printed

        def printed(_r: object) -> None:
            self.slip_printed = True
            self.message.setText(
                self.tr("Đã tiếp nhận yêu cầu {ref} và in phiếu. Esc để đóng.").format(ref=ref))

        self.printer_runner.run(
            lambda: app.prints.print_document(app.requests.slip_document(actor, ref,
                                                                         copy=copy)),
            printed,
            lambda exc: self.message.setText(
                self.tr("Đã tiếp nhận yêu cầu {ref}. {error} Ctrl+P để in lại phiếu.")
                .format(ref=ref, error=error_text(exc))))
