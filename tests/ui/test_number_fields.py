"""Every number field, typed from its first focus, pasted into, emptied, given a minus or
too much: exactly the number meant, or a sentence beside the field with the focus on it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.errors import ValidationError
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
