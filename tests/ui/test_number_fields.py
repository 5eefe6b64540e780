"""Every number field, typed from its first focus, pasted into, emptied, given a minus or
too much: exactly the number meant, or a sentence beside the field with the focus on it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.demo import DEMO_PASSWORD
from desktop.app import App
from desktop.errors import ValidationError
from desktop.money.amounts import format_vnd
from desktop.sim import accounts_with_unpaid_bills
from tests.integration.test_turn_ins import closed_shift
from tests.staff import pretend_enrolled, sign_in
from tests.ui.test_sign_in import type_in
from ui.collector.collector_window import CollectorWindow
from ui.counter.close_shift_dialog import CloseShiftDialog
from ui.counter.main_window import MainWindow
from ui.counter.open_shift_dialog import OpenShiftDialog
from ui.counter.payment_dialog import CHANGE_GUARD_S
from ui.counter.tools_window import MODE_READINGS
from ui.office.turn_in_dialog import TurnInDialog
from ui.shell.tasks import Tasks
from ui.widgets.amount_field import AmountField


def type_into_focus(qtbot: QtBot, text: str) -> QWidget:
    """Keys to whatever has the keyboard, as a person types: no click first."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)
    return focused


def _dialog(qtbot: QtBot, field: AmountField) -> QDialog:
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    layout.addWidget(field.placed())
    qtbot.addWidget(dialog)
    field.setFocus()  # before show, as the dialogs do: the focus comes with activation
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=5000)
    return dialog


def test_the_first_digits_replace_the_initial_zero_and_group_as_typed(qtbot: QtBot) -> None:
    field = AmountField("n", value=0)
    dialog = _dialog(qtbot, field)  # noqa: F841 (kept alive)
    type_into_focus(qtbot, "16")
    assert field.value() == 16 and field.text() == "16"
    field.setValue(54_740)  # a prefilled reading is replaced too
    type_into_focus(qtbot, "1000000")
    assert field.text() == "1.000.000" and field.value() == 1_000_000


def test_moving_the_cursor_first_edits_in_place(qtbot: QtBot) -> None:
    field = AmountField("n", value=1_000)
    dialog = _dialog(qtbot, field)  # noqa: F841 (kept alive)
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClicks(field, "0")
    assert field.value() == 10_000 and field.text() == "10.000"


@pytest.mark.parametrize("pasted", ["1.000.000 đ", "1 000 000", "1000000", "1,000,000",
                                    " 1.000.000đ\n"])
def test_a_pasted_amount_is_one_amount(qtbot: QtBot, pasted: str) -> None:
    field = AmountField("n", value=0)
    dialog = _dialog(qtbot, field)  # noqa: F841 (kept alive)
    QGuiApplication.clipboard().setText(pasted)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.value() == 1_000_000 and field.text() == "1.000.000"


def test_a_minus_a_letter_and_too_much_are_refused_beside_the_field(qtbot: QtBot) -> None:
    field = AmountField("n", value=0, maximum=100_000)
    dialog = _dialog(qtbot, field)  # noqa: F841 (kept alive)
    type_into_focus(qtbot, "12")
    qtbot.keyClicks(field, "-")
    assert field.value() == 12 and "âm" in field.error.text() and field.error.isVisible()
    assert QApplication.focusWidget() is field
    qtbot.keyClicks(field, "a")
    assert field.value() == 12 and "chữ số" in field.error.text()
    qtbot.keyClicks(field, "3")  # nothing typed before the refusal was lost
    assert field.value() == 123 and not field.error.isVisible()
    qtbot.keyClicks(field, "456")  # 123.456 > 100.000: the last key is refused
    assert field.value() == 12_345 and "Tối đa 100.000" in field.error.text()
    QGuiApplication.clipboard().setText("-5.000")
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.value() == 12_345 and "âm" in field.error.text()


def test_ten_digits_and_more_are_one_number_and_past_the_maximum_refused(qtbot: QtBot) -> None:
    """Qt's int is 32 bits: a held key gave 2 147 483 648 or more, an OverflowError box
    mid-typing, and the number at that moment was saved (a 9.999.999.999 đ float)."""
    field = AmountField("n", value=0)
    seen: list[int] = []
    field.valueChanged.connect(seen.append)
    dialog = _dialog(qtbot, field)  # noqa: F841 (kept alive)
    type_into_focus(qtbot, "5000000000")
    assert field.value() == 5_000_000_000 and seen[-1] == 5_000_000_000
    type_into_focus(qtbot, "0000")  # 50.000.000.000.000 is past the field's maximum
    assert field.value() == 500_000_000_000 and seen[-1] == 500_000_000_000
    assert "Tối đa 1.000.000.000.000" in field.error.text()
    field.setValue(3_000_000_000)
    assert seen[-1] == 3_000_000_000


def test_a_minus_typed_first_stays_said_beside_the_digits_that_follow(qtbot: QtBot) -> None:
    """"-5" typed over the field: the minus is refused, and the 5 that follows is not read
    as a silent 5 — the refusal stays beside it until the field is emptied or set."""
    field = AmountField("n", value=0)
    dialog = _dialog(qtbot, field)  # noqa: F841 (kept alive)
    type_into_focus(qtbot, "-5")
    assert field.value() == 5
    assert field.error.isVisible() and "âm" in field.error.text()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # emptied: the person starts again
    assert not field.error.isVisible()
    type_into_focus(qtbot, "7")
    assert field.value() == 7 and not field.error.isVisible()


def test_an_empty_field_is_not_a_silent_zero(qtbot: QtBot) -> None:
    field = AmountField("n", value=5)
    dialog = _dialog(qtbot, field)  # noqa: F841 (kept alive)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == ""
    with pytest.raises(ValidationError):
        field.checked_value()
    assert field.error.isVisible() and "Nhập số" in field.error.text()
    assert QApplication.focusWidget() is field
    type_into_focus(qtbot, "7")
    assert field.checked_value() == 7


def test_up_and_down_step_and_there_are_no_arrows(qtbot: QtBot) -> None:
    field = AmountField("n", value=0, maximum=3)
    dialog = _dialog(qtbot, field)  # noqa: F841 (kept alive)
    for _ in range(5):
        qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.value() == 3
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.value() == 2
    for _ in range(5):
        qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.value() == 0


# -- the real windows, each in the role that opens it ----------------------------------


def test_the_head_cashiers_blind_count_takes_16_as_16(qtbot: QtBot, app: App) -> None:
    """Ctrl+H, signed in as the head cashier: ``16`` in the 500.000 đ row is 16 notes."""
    pretend_enrolled(app, 5)
    closed_shift(app)
    runner = Tasks(app)
    dialog = TurnInDialog(app, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "thuquy")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.shifts.count() == 1, timeout=10000)
    first = dialog.counts[500_000]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=5000)
    type_into_focus(qtbot, "16")
    assert first.value() == 16
    assert "8.000.000 đ" in dialog.counted.text()
    subtotal = dialog.findChild(QLabel, "turnIn500000Subtotal")
    assert subtotal is not None and subtotal.text() == "8.000.000 đ"
    # an emptied row is not a silent 0: the count is not sent, the row says so
    qtbot.keyClick(first, Qt.Key.Key_Backspace)
    qtbot.keyClick(first, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert first.error.isVisible() and QApplication.focusWidget() is first
    assert dialog.ok.isEnabled() and not dialog.done_views
    dialog.close()
    runner.wait()


def test_the_cashiers_float_and_close_count_from_their_first_focus(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    pretend_enrolled(app, 5)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Chưa mở ca"), timeout=5000)
    qtbot.keyClick(window.search, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: window.shift_dialog is not None, timeout=5000)
    opening = window.shift_dialog
    assert isinstance(opening, OpenShiftDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is opening.float_, timeout=5000)
    type_into_focus(qtbot, "500000")
    assert opening.float_.text() == "500.000"
    qtbot.keyClick(opening.float_, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca "), timeout=5000)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    shift = app.shifts.current(window.actor)
    assert shift is not None and shift.opening_float == 500_000
    qtbot.keyClick(window.search, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: isinstance(window.shift_dialog, CloseShiftDialog), timeout=5000)
    closing = window.shift_dialog
    assert isinstance(closing, CloseShiftDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is closing.counts[500_000],
                    timeout=5000)
    type_into_focus(qtbot, "1")
    assert closing.counts[500_000].value() == 1
    with qtbot.waitSignal(closing.closed, timeout=5000):
        qtbot.keyClick(closing.counts[500_000], Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    assert closing.report is not None and closing.report.counted_cash == 500_000
    assert closing.report.counted_cash == closing.report.expected_cash


@pytest.mark.parametrize("with_customer", [False, True])
def test_f7_on_its_first_opening_takes_300_kwh(qtbot: QtBot, window: MainWindow,
                                                with_customer: bool) -> None:
    if with_customer:
        with qtbot.waitSignal(window.account_opened, timeout=5000):
            window.open_account(42)
    qtbot.keyClick(window.search, Qt.Key.Key_F7)
    tools = window.tools
    assert tools is not None
    qtbot.waitExposed(tools)
    if with_customer:
        qtbot.waitUntil(lambda: tools.bill_result is not None, timeout=5000)
        field = tools.new_reading if tools.mode.currentIndex() == MODE_READINGS else tools.kwh
        old = tools.old_reading.value()
        # the reading typed over the prefilled one, from the focus F7 gave
        qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=5000)
        type_into_focus(qtbot, str(old + 300))
        assert field.value() == old + 300
        with qtbot.waitSignal(tools.calculated, timeout=3000):
            qtbot.keyClick(field, Qt.Key.Key_Return)
        assert tools.bill_result is not None and tools.bill_result.kwh == 300 * (
            tools.multiplier.value() if field is tools.new_reading else 1)
    else:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is tools.kwh, timeout=5000)
        type_into_focus(qtbot, "300")
        assert tools.kwh.value() == 300
        with qtbot.waitSignal(tools.calculated, timeout=3000):
            qtbot.keyClick(tools.kwh, Qt.Key.Key_Return)
        assert tools.bill_result is not None and tools.bill_result.kwh == 300
        tools.kwh.clear()  # empty is not 0 kWh
        tools.calculate_now()
        assert tools.kwh.error.isVisible() and QApplication.focusWidget() is tools.kwh


def test_a_wrong_phone_puts_the_focus_on_the_phone_and_keeps_what_was_typed(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    """Found 6: Ctrl+Enter from the kind box, the phone refused: the sentence beside the
    phone, the keyboard there, nothing typed lost."""
    pretend_enrolled(app, 2)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        window.open_account(42)
    qtbot.keyClick(window.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.request_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    qtbot.keyClicks(dialog.phone, "0909")
    qtbot.keyClicks(dialog.id_number, "0790")
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    error = dialog.errors["phone"]
    qtbot.waitUntil(lambda: error.text() != "", timeout=5000)
    assert "điện thoại" in error.text().lower(), dialog.message.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.phone, timeout=5000)
    type_into_focus(qtbot, "123456")
    assert dialog.phone.text() == "0909123456" and dialog.id_number.text() == "0790"
    assert dialog.name.text() and dialog.address.text()


def test_after_sign_out_nothing_of_the_previous_person_stays(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    """Found 7: the status bar forgets the cashier and their shift; after the next sign-in
    no result count sits beside an empty search box."""
    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 0)
    window.refresh_shift()
    qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca "), timeout=5000)
    code = str(app.lookup.account(42, actor=window.actor).code)
    qtbot.keyClicks(window.search, code)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "kết quả" in window.finder.result_info.text(), timeout=5000)
    cashier_name = window.actor.full_name
    with qtbot.waitSignal(window.signed_out, timeout=5000):
        window.sign_out()
    assert cashier_name not in window.staff_status.text()
    assert not window.shift_status.text().startswith("Ca ")
    sign_in_dialog = window.lock_dialog
    assert sign_in_dialog is not None
    type_in(qtbot, sign_in_dialog, "thungan2", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: window.actor.username == "thungan2", timeout=5000)
    qtbot.waitUntil(lambda: window.staff_status.text() != "", timeout=5000)
    assert cashier_name not in window.staff_status.text()
    assert window.search.text() == "" and window.finder.result_info.text() == ""
    window.runner.wait(5000)
    assert window.finder.result_info.text() == "" and window.finder.model.rowCount() == 0
    assert not window.shift_status.text().startswith("Ca ")  # thungan2 has no shift open


def test_the_collectors_float_and_hand_over_count_take_what_is_typed(
        qtbot: QtBot, app: App) -> None:
    """The field collector's window: F10's float and Ctrl+H's count (``3`` → 3, not 30)."""
    pretend_enrolled(app, 5)
    closed_shift(app)  # a counter's shift waits for the head cashier
    actor = app.auth.sign_in("thuld", DEMO_PASSWORD)
    window = CollectorWindow(app, Tasks(app), actor=actor)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.table, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: isinstance(window.dialog, OpenShiftDialog), timeout=5000)
    opening = window.dialog
    assert isinstance(opening, OpenShiftDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is opening.float_, timeout=5000)
    type_into_focus(qtbot, "200000")
    with qtbot.waitSignal(opening.opened, timeout=5000):
        qtbot.keyClick(opening.float_, Qt.Key.Key_Return)
    shift = app.shifts.current(actor)
    assert shift is not None and shift.opening_float == 200_000
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, TurnInDialog), timeout=5000)
    hand_over = window.dialog
    assert isinstance(hand_over, TurnInDialog)
    qtbot.keyClicks(hand_over.username, "thuquy")
    qtbot.keyClick(hand_over.username, Qt.Key.Key_Return)
    qtbot.keyClicks(hand_over.password, DEMO_PASSWORD)
    qtbot.keyClick(hand_over.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: hand_over.shifts.count() >= 1, timeout=10000)
    first = hand_over.counts[500_000]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=5000)
    type_into_focus(qtbot, "3")
    assert first.value() == 3 and "1.500.000 đ" in hand_over.counted.text()
    hand_over.close()
    window.close()
    window.runner.wait(5000)


def test_f9_change_live_then_a_held_or_doubled_enter_keeps_the_change_screen(
        qtbot: QtBot, app: App, window: MainWindow) -> None:
    """The change shows as the amount is typed; the Enter that took the money, its
    auto-repeat and a second press do not close the change screen; a deliberate Enter once
    the change was on screen CHANGE_GUARD_S does. The customer's screen shows the change."""
    pretend_enrolled(app, 5)
    app.shifts.open(window.actor, 0)
    account_id = accounts_with_unpaid_bills(app)[0]
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        window.open_account(account_id)
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    dialog = window.payment
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.live is not None, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tendered, timeout=5000)
    due = dialog.total
    given = (due // 100_000 + 1) * 100_000
    type_into_focus(qtbot, str(given))
    assert dialog.tendered.value() == given
    change = (given - due) // 500 * 500
    assert dialog.change.text().startswith(f"Tiền thối: {format_vnd(change)}")
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_Backspace)
    assert dialog.change.text().startswith("Còn thiếu")  # live, both ways
    # a shortfall is not change: the theme draws it red (tests/ui/test_palette.py)
    assert dialog.change.property("short") is True
    type_into_focus(qtbot, "0")
    assert dialog.change.property("short") is False
    with qtbot.waitSignal(dialog.payment_committed, timeout=5000):
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)  # the double Enter
    assert dialog.change.text() == f"TIỀN THỐI: {format_vnd(change)}"
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # still the impatient finger
    held = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier,
                     "\r", True)
    later = dialog.clock() + CHANGE_GUARD_S  # long enough: only the auto-repeat is tried
    dialog.clock = lambda: later
    QApplication.sendEvent(dialog.confirm, held)
    assert dialog.isVisible() and dialog.taken is not None
    display = dialog.display
    assert display is not None and display.isVisible()
    assert format_vnd(change) in display.amount.text()
    with app.sessions() as s:
        from db.models import LocalPayment

        assert s.scalar(select(func.count()).select_from(LocalPayment)) == 1
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # read: a deliberate Enter closes
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert not display.isVisible()


def test_a_supervisor_at_the_counter_types_the_same_numbers(qtbot: QtBot, app: App) -> None:
    """The supervisor's counter window: F7's kWh from its first focus."""
    w = MainWindow(app, actor=sign_in(app, "giamsat"))
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    qtbot.keyClick(w.search, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: w.tools is not None, timeout=5000)
    tools = w.tools
    assert tools is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tools.kwh, timeout=5000)
    type_into_focus(qtbot, "300")
    assert tools.kwh.value() == 300
    QGuiApplication.clipboard().setText("1 000 đ")
    qtbot.keyClick(tools.kwh, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert tools.kwh.value() == 1_000
    tools.close()
    w.runner.wait(5000)
