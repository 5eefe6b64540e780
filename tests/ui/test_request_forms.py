"""Each kind of service request filled from the keyboard with its papers; a refusal beside
its field; the slip's text; the request list (F4) with its deadlines, lookup and history."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from db.models import Account, OutboxOp, ServiceRequest
from desktop.app import App
from desktop.personal import open_op
from desktop.service_kinds import kinds
from tests.staff import pretend_enrolled, sign_in
from ui.counter.main_window import MainWindow
from ui.counter.request_dialog import ServiceRequestDialog
from ui.theme import LIGHT

SOON = (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
LATER = (dt.date.today() + dt.timedelta(days=90)).strftime("%d/%m/%Y")
#: what a cashier types for each kind: text for a line, the n-th item for a list, a tick
TYPED: dict[str, dict[str, str | int | bool]] = {
    "new_supply": {"purpose": 1, "households": "2", "load_kw": "6",
                   "appliances": "2 máy lạnh, tủ lạnh"},
    "change_details": {"detail": 3, "old_value": "1", "new_value": "2", "effective_on": SOON},
    "extension": {"new_end": LATER},
    "termination": {"final_reading": "12345", "refund": 2},
    "suspension": {"from_day": SOON, "to_day": LATER},
    "meter_inspection": {"reason": 1, "independent": True},
    "auto_debit": {"bank": 1, "holder": "Nguyễn Văn An", "account_no": "0071 0012 34567",
                   "consent": True},
    "usage_alert": {"channel": 3, "contact": "+84 909 123 456", "threshold": "350"},
}


def keys(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    """Typed key by key; Vietnamese letters as the key events an input method sends (QTest
    types ASCII only)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         ch))


def open_form(qtbot: QtBot, window: MainWindow, account: Account | None) -> ServiceRequestDialog:
    if account is not None:
        window.open_account(account.id)
        qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.request_dialog
    assert dialog is not None
    return dialog


def type_kind(qtbot: QtBot, dialog: ServiceRequestDialog, kind: str) -> None:
    part = dialog.kind_forms[kind]
    for name, value in TYPED[kind].items():
        widget = part.inputs[name]
        if isinstance(widget, QComboBox):
            assert isinstance(value, int)
            for _ in range(value):
                qtbot.keyClick(widget, Qt.Key.Key_Down)
        elif isinstance(widget, QCheckBox):
            qtbot.keyClick(widget, Qt.Key.Key_Space)
        else:
            assert isinstance(widget, QLineEdit) and isinstance(value, str)
            keys(qtbot, widget, value)
    for paper in kinds()[kind].papers:
        if paper.required or paper.key == "rental_contract":
            qtbot.keyClick(part.paper_boxes[paper.key], Qt.Key.Key_Space)


def choose_kind(qtbot: QtBot, dialog: ServiceRequestDialog, kind: str) -> None:
    """The kind picked in its list with the arrow keys."""
    dialog.kind.setFocus()
    while dialog.kind.currentData() != kind:  # bounded: the list has one item per kind
        index = dialog.kind.currentIndex()
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down if index < dialog.kind.findData(kind)
                       else Qt.Key.Key_Up)
        assert dialog.kind.currentIndex() != index


def label_of(dialog: ServiceRequestDialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"label_{field}")
    assert isinstance(label, QLabel)
    return label.text()


def test_every_required_field_shows_a_star_from_the_kind_s_data(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    """The CCCD and the consent are starred on each kind that needs them (auto debit
    among them), the name, address and phone on every kind; the core refuses an empty
    starred field; the kind's own required tick box is starred as its lines are."""
    pretend_enrolled(app, 2)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    dialog = open_form(qtbot, window, account)
    for kind in kinds().values():
        choose_kind(qtbot, dialog, kind.key)
        for field in ("customer_name", "address", "phone"):
            assert label_of(dialog, field).endswith(" *"), (kind.key, field)
        assert label_of(dialog, "id_number") == ("Số CCCD *" if kind.needs_id else "Số CCCD")
        assert not label_of(dialog, "note").endswith("*")
    choose_kind(qtbot, dialog, "auto_debit")
    assert label_of(dialog, "id_number") == "Số CCCD *"
    assert label_of(dialog, "personal_consent") == "Dữ liệu cá nhân *"
    box = dialog.kind_forms["auto_debit"].inputs["consent"]
    assert isinstance(box, QCheckBox) and box.text().endswith(" *")
    # starred, and refused empty: the auto debit taken without a CCCD
    qtbot.keyClicks(dialog.phone, "0909 123 456")
    type_kind(qtbot, dialog, "auto_debit")
    qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "cần số CCCD" in dialog.errors["id_number"].text(), timeout=5000)
    dialog.reject()


def test_the_new_supply_form_asks_one_date_named_for_what_it_is(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 2)
    dialog = open_form(qtbot, window, None)
    assert dialog.kind.currentData() == "new_supply"
    dates = [w for w in dialog.findChildren(QLineEdit)
             if w.isVisibleTo(dialog) and w.placeholderText().startswith("dd/mm/yyyy")]
    assert dates == [dialog.preferred]
    assert label_of(dialog, "preferred_on") == "Ngày muốn có điện"
    qtbot.keyClicks(dialog.preferred, "31/02/2027")
    qtbot.keyClick(dialog.preferred, Qt.Key.Key_Return)
    assert dialog.errors["preferred_on"].text().startswith("Ngày muốn có điện không hợp lệ")
    choose_kind(qtbot, dialog, "meter_inspection")  # another kind: the usual name
    assert label_of(dialog, "preferred_on") == "Ngày mong muốn"
    dialog.reject()


@pytest.mark.parametrize("kind", list(TYPED))
def test_each_kind_is_filled_from_the_keyboard_and_taken(
        qtbot: QtBot, app: App, window: MainWindow, kind: str) -> None:
    assert set(TYPED) == set(kinds())
    pretend_enrolled(app, 2)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    dialog = open_form(qtbot, window, None if kind == "new_supply" else account)
    choose_kind(qtbot, dialog, kind)
    if kind == "new_supply":
        qtbot.keyClicks(dialog.preferred, SOON)  # the one date: when power is wanted
        keys(qtbot, dialog.name, "Trần Thị Ngọc Ánh")
        keys(qtbot, dialog.address, "12 Hoàng Văn Thụ, phường Tân Sơn Hòa, TP. Hồ Chí Minh")
    qtbot.keyClicks(dialog.phone, "0909.123.456")
    if kinds()[kind].needs_id:
        qtbot.keyClicks(dialog.id_number, "079 190 001 234")
    type_kind(qtbot, dialog, kind)
    if kinds()[kind].needs_id:
        # asked, not pre-ticked: without the customer's consent the CCCD is refused
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "đồng ý" in dialog.errors["personal_consent"].text(),
                        timeout=5000)
        assert dialog.consent.hasFocus() and dialog.id_number.text() == "079 190 001 234"
        qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)
        assert dialog.consent.isChecked()
    with qtbot.waitSignal(dialog.submitted, timeout=5000) as taken:
        qtbot.keyClick(dialog.phone, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ref = taken.args[0].ref
    with app.sessions() as s:
        row = s.scalars(select(ServiceRequest).where(ServiceRequest.ref == ref)).one()
        op = s.scalars(select(OutboxOp).where(OutboxOp.key == row.key)).one()
        sent = json.loads(op.data)
        kept = json.loads(row.details or "{}")
    assert row.kind == kind and row.due_on is not None and row.due_on > dt.date.today()
    assert sent["due_on"] == row.due_on.isoformat()
    assert bool(sent["papers"]) == bool(kinds()[kind].papers)
    assert set(sent["details"]) >= {n for n in TYPED[kind] if n != "appliances"}
    if kind == "auto_debit":  # the full number goes to central; the counter keeps its end
        # sealed in the outbox row: opened only to send
        assert "0071001234567" not in op.data
        assert open_op(app.sealer(), op.key, sent)["details"]["account_no"] == "0071001234567"
        assert kept["account_no"] == "••••4567"
        assert "0071001234567" not in json.dumps(kept)
    if kind == "new_supply":
        day = dt.datetime.strptime(SOON, "%d/%m/%Y").date()
        assert sent["preferred_on"] == day.isoformat() and row.preferred_on == day
        assert "wanted_on" not in sent["details"]
    if kind == "usage_alert":
        assert sent["details"]["threshold_unit"] == "kWh" and sent["details"]["threshold"] == 350
    dialog.reject()


def test_a_refusal_sits_beside_its_field_and_nothing_typed_is_lost(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 2)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    dialog = open_form(qtbot, window, account)
    dialog.kind.setCurrentIndex(dialog.kind.findData("suspension"))
    part = dialog.kind_forms["suspension"]
    qtbot.keyClicks(dialog.phone, "+84 909 123 456")
    qtbot.keyClicks(part.inputs["from_day"], SOON)
    far = (dt.date.today() + dt.timedelta(days=400)).strftime("%d/%m/%Y")
    qtbot.keyClicks(part.inputs["to_day"], far)
    qtbot.keyClick(part.paper_boxes["application"], Qt.Key.Key_Space)
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "tối đa 180 ngày" in part.errors["to_day"].text(), timeout=5000)
    assert part.inputs["to_day"].hasFocus()
    assert isinstance(part.inputs["from_day"], QLineEdit)
    assert part.inputs["from_day"].text() == SOON and dialog.phone.text() == "+84 909 123 456"
    dialog.id_number.setText("079790001234")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "thế kỷ" in dialog.errors["id_number"].text(), timeout=5000)
    assert dialog.id_number.hasFocus() and part.errors["to_day"].text() == ""
    with app.sessions() as s:
        assert s.scalars(select(ServiceRequest)).first() is None
    dialog.reject()


def test_the_slip_lists_papers_brought_and_missing_the_deadline_and_data_use(
        app: App, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from desktop.printing.pdf import render_pdf
    from desktop.service_requests import RequestForm

    pretend_enrolled(app, 2)
    cashier = sign_in(app)
    taken = app.requests.submit(cashier, RequestForm(
        "new_supply", "Trần Thị Ngọc Ánh", "12 Hoàng Văn Thụ, phường Tân Sơn Hòa", "0909123456",
        id_number="079190001234",
        details={"purpose": "Sinh hoạt", "households": "2", "load_kw": "6"},
        papers=("application",)))
    with app.sessions() as s:
        due = s.scalars(select(ServiceRequest.due_on)
                        .where(ServiceRequest.ref == taken.ref)).one()
    assert due is not None
    pdf = render_pdf(app.requests.slip_document(cashier, taken.ref), tmp_path / "phieu.pdf", "a5")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Mục đích sử dụng điện: Sinh hoạt" in text and "Số hộ dùng chung: 2" in text
    assert "Giấy tờ đã nộp: + Giấy đề nghị mua điện" in text
    assert "Giấy tờ còn thiếu: - Một trong: Bản sao CCCD" in text
    assert f"Hạn giải quyết: {due:%d/%m/%Y} (7 ngày làm việc, ký hợp đồng và cấp điện)" in text
    assert "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15" in text
    assert "079190001234" not in text


def test_the_request_list_filters_looks_up_and_marks_the_overdue(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    from desktop.service_requests import RequestForm

    pretend_enrolled(app, 2)
    cashier = sign_in(app)
    with app.sessions() as s:
        accounts = s.scalars(select(Account).where(Account.status == "active")
                             .order_by(Account.id).limit(2)).all()
    taken = [app.requests.submit(cashier, RequestForm(
        "meter_inspection", a.name, a.address, phone, account_id=a.id,
        details={"reason": "Công tơ chạy nhanh"}, papers=("application",)))
        for a, phone in zip(accounts, ("0909123456", "0912 000 111"), strict=True)]
    late = app.requests.submit(cashier, RequestForm(
        "extension", accounts[0].name, accounts[0].address, "0909123456",
        account_id=accounts[0].id, details={"new_end": LATER}, papers=("application",)))
    with app.writes() as s, s.begin():
        s.execute(update(ServiceRequest).where(ServiceRequest.ref == late.ref)
                  .values(due_on=dt.date.today() - dt.timedelta(days=2)))
    qtbot.keyClick(window.search, Qt.Key.Key_F4)
    lst = window.request_list
    assert lst is not None
    qtbot.waitUntil(lambda: lst.model.rowCount() == 3, timeout=5000)
    assert "1 quá hạn" in lst.message.text()
    top = [lst.model.item(0, c).text() for c in range(lst.model.columnCount())]
    assert top[0] == late.ref and top[5].startswith("QUÁ HẠN ")  # a word, not colour alone
    # the theme's danger colour (ui/theme.py), whose contrast the theme's test computes
    assert lst.model.item(0, 5).foreground().color().name().upper() == LIGHT.danger
    assert not lst.model.item(1, 5).text().startswith("QUÁ HẠN")
    qtbot.waitUntil(lambda: "Chờ gửi về trung tâm" in lst.history.text(), timeout=5000)

    qtbot.keyClicks(lst.lookup, "+84 912 000 111")  # a phone in another spelling
    qtbot.keyClick(lst.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1, timeout=5000)
    assert lst.model.item(0, 0).text() == taken[1].ref
    lst.lookup.clear()
    qtbot.keyClicks(lst.lookup, taken[0].ref.lower())
    qtbot.keyClick(lst.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lst.model.item(0, 0) is not None
                    and lst.model.item(0, 0).text() == taken[0].ref
                    and lst.model.rowCount() == 1, timeout=5000)
    lst.lookup.clear()
    lst.status.setCurrentIndex(lst.status.findData("overdue"))
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1
                    and lst.model.item(0, 0).text() == late.ref, timeout=5000)
    lst.status.setCurrentIndex(0)
    lst.kind.setCurrentIndex(lst.kind.findData("meter_inspection"))
    qtbot.waitUntil(lambda: lst.model.rowCount() == 2, timeout=5000)
    qtbot.keyClicks(lst.since, "31/12/2026")
    qtbot.keyClicks(lst.until, "01/12/2026")
    qtbot.keyClick(lst.until, Qt.Key.Key_Return)
    assert "phải sau" in lst.message.text() and lst.until.hasFocus()
    assert lst.since.text() == "31/12/2026"  # nothing typed lost
    lst.reject()


def test_the_account_panel_shows_what_is_registered(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    from desktop.service_requests import RequestForm

    pretend_enrolled(app, 2)
    with app.sessions() as s:
        account = s.scalars(select(Account).where(Account.status == "active")
                            .order_by(Account.id).limit(1)).one()
    window.open_account(account.id)
    qtbot.waitUntil(lambda: window.panel.detail is not None, timeout=5000)
    assert "Thanh toán tự động: chưa đăng ký" in window.panel.registrations.text()
    app.requests.submit(sign_in(app), RequestForm(
        "usage_alert", account.name, account.address, "0909123456", account_id=account.id,
        details={"channel": "Zalo", "contact": "0909123456", "threshold": "300",
                 "threshold_unit": "kWh"}))
    window.open_account(account.id)
    qtbot.waitUntil(lambda: "Cảnh báo ngưỡng: Chờ gửi về trung tâm"
                    in window.panel.registrations.text(), timeout=5000)
    assert "Thanh toán tự động: chưa đăng ký" in window.panel.registrations.text()
