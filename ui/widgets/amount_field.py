"""The one field where a number is typed: amounts, counts, kWh, readings.

Why not QSpinBox: its text is not selected when the focus comes with the window's first
activation, so ``16`` typed into a count of 0 became ``160`` (issue 29). Here a value the
person did not type themselves (the initial 0, a prefilled reading, a quick-cash sum) is
replaced by the first digit typed, wherever the focus came from, unless they moved the
cursor into it first. Digits group as they are typed (``1.000.000``); a pasted
``1.000.000 đ`` or ``1 000 000`` is one amount; a minus, a letter or a value past the
range is refused with a sentence beside the field and the text before it kept.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolTip, QWidget

from desktop.errors import ValidationError
from desktop.money.amounts import MAX_AMOUNT, group_digits, parse_amount
from ui.widgets.inline_error import InlineError

_TYPED = re.compile(r"[\d.]*")  # what typing gives: digits and the dots this field put there
_MINUS = ("-", "−", "–")
_MOVES = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End}


class AmountField(QLineEdit):
    """A whole number ≥ ``minimum`` and ≤ ``maximum``, typed with grouped digits.

    ``value()`` is 0 while the field is empty (live totals); ``checked_value()`` is what a
    submit reads: an empty field or one below its minimum says so beside the field."""

    # object, not int: Qt's int is 32 bits, and an amount of 2 147 483 648 đ or more
    # (ten digits, a key held down) raised OverflowError mid-typing and kept the number
    valueChanged = Signal(object)  # noqa: N815 (QSpinBox's name: a drop-in)

    def __init__(self, name: str, *, minimum: int = 0, maximum: int = MAX_AMOUNT,
                 value: int | None = 0, step: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._min, self._max, self._step = minimum, maximum, step
        self._last = ""
        #: the text was not typed by the person: the first key typed replaces it
        self._fresh = True
        #: a minus typed where a number starts: the person meant a negative number, so the
        #: refusal stays beside the digits that follow ("-5" read as 5 with no word said)
        self._meant_negative = False
        self.error = InlineError(f"{name}Error")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.setMaxLength(len(group_digits(maximum)) + 2)
        self.textEdited.connect(self._edited)
        if value is not None:
            self.setValue(value)

    # -- the value ---------------------------------------------------------------------

    def value(self) -> int:
        digits = self.text().replace(".", "")
        return int(digits) if digits.isdigit() else 0

    def is_empty(self) -> bool:
        return not self.text().strip()

    def setValue(self, value: int) -> None:
        value = max(self._min, min(self._max, int(value)))
        before = self.text()
        self.setText(group_digits(value))
        self._last = self.text()
        self._fresh = True  # the next focus selects it, to be typed over
        self._meant_negative = False
        if self.hasFocus():
            self.selectAll()
        else:
            # a QLineEdit draws its selection without the focus too: a head cashier's
            # count reset to 0 showed every row highlighted (screenshot turn-in)
            self.deselect()
        self.error.clear_message()
        if self.text() != before:
            self.valueChanged.emit(value)

    def setRange(self, minimum: int, maximum: int) -> None:
        self._min, self._max = minimum, maximum
        self.setMaxLength(len(group_digits(maximum)) + 2)

    def minimum(self) -> int:
        return self._min

    def maximum(self) -> int:
        return self._max

    def setSingleStep(self, step: int) -> None:
        self._step = step

    def checked_value(self) -> int:
        """The value for a submit; an empty field or one below the minimum is refused beside
        the field, with the focus on it (``ValidationError`` carries the same sentence)."""
        if self.is_empty():
            message = (QCoreApplication.translate("AmountField", "Nhập số (0 nếu không có).")
                       if self._min == 0 else QCoreApplication.translate("AmountField", "Nhập số."))
            self.show_error(message, retype=True)
            raise ValidationError(message)
        value = self.value()
        if value < self._min:
            message = QCoreApplication.translate("AmountField", "Ít nhất {n}.").format(
                n=group_digits(self._min))
            self.show_error(message, retype=True)
            raise ValidationError(message)
        return value

    # -- the message beside the field ---------------------------------------------------

    def placed(self) -> QWidget:
        """The field with its error line to its right, for a form row."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self, 1)
        row.addWidget(self.error, 1)
        return box

    def show_error(self, message: str, *, retype: bool = False) -> None:
        """The sentence beside the field, the focus on it; ``retype``: what is there is
        selected, to be typed over (a refused key keeps the half-typed number instead)."""
        if self.error.parentWidget() is None:  # not placed: a tooltip rather than a window
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), message, self)
        self.error.show_for(self, message)
        if retype:
            self.selectAll()
            self._fresh = True

    # -- typing --------------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Tab, a click or a shortcut into the field: it is retyped whole. The window coming
        # back (another window was in front) keeps a half-typed number as it is.
        if event.reason() not in (Qt.FocusReason.ActiveWindowFocusReason,
                                  Qt.FocusReason.PopupFocusReason):
            self._fresh = True
        if self._fresh:
            self.selectAll()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._fresh and not self.hasSelectedText():
            self.selectAll()  # the click that brought the focus also placed the cursor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if event.matches(QKeySequence.StandardKey.Paste):
            self._paste(QGuiApplication.clipboard().text())
            return
        if plain and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = self._step if key == Qt.Key.Key_Up else -self._step
            self._accept(max(self._min, min(self._max, self.value() + step)))
            return
        if key in _MOVES:
            self._fresh = False
            super().keyPressEvent(event)
            return
        text = event.text()
        if text and text.isprintable() and not (mods & Qt.KeyboardModifier.ControlModifier):
            if text in _MINUS:
                if self._fresh or self.hasSelectedText() or not self.text().strip():
                    self._meant_negative = True
                self.show_error(QCoreApplication.translate("AmountField", "Không nhận số âm."))
                return
            if text in (".", ",", " "):
                return  # the dots are the field's own
            if not text.isdigit():
                self.show_error(QCoreApplication.translate("AmountField", "Chỉ nhập chữ số."))
                return
            if self._fresh:
                self.selectAll()  # the first digit replaces what was not typed
                self._fresh = False
        super().keyPressEvent(event)

    def _paste(self, text: str) -> None:
        """A pasted amount is a whole amount: it replaces the field."""
        self._fresh = False
        self._take(text.strip(), whole=True)

    def _edited(self, text: str) -> None:
        self._fresh = False
        self._take(text, whole=False)

    def _take(self, text: str, *, whole: bool) -> None:
        if not text.strip() and not whole:
            self._last = ""
            self._meant_negative = False
            self.error.clear_message()
            self.valueChanged.emit(0)
            return
        if text.lstrip().startswith(_MINUS):
            self._refuse(QCoreApplication.translate("AmountField", "Không nhận số âm."))
            return
        if not whole and _TYPED.fullmatch(text):
            digits = text.replace(".", "")
        else:
            try:
                digits = str(parse_amount(text, allow_zero=True))
            except ValidationError:
                self._refuse(QCoreApplication.translate(
                    "AmountField", "Không phải một số: “{t}”.").format(t=text.strip()[:30]))
                return
        value = int(digits)
        if value > self._max:
            self._refuse(QCoreApplication.translate("AmountField", "Tối đa {n}.").format(
                n=group_digits(self._max)))
            return
        if whole:
            self._accept(value)
            self._fresh = False
            return
        # the cursor stays after the same digit it was after, the dots moving round it
        left = len(re.sub(r"\D", "", text[:self.cursorPosition()]))
        shown = group_digits(value) if digits else ""
        self.setText(shown)
        pos, seen = 0, 0
        while seen < left and pos < len(shown):
            if shown[pos].isdigit():
                seen += 1
            pos += 1
        self.setCursorPosition(pos)
        self._last = shown
        if self._meant_negative:
            self.show_error(QCoreApplication.translate("AmountField", "Không nhận số âm."))
        else:
            self.error.clear_message()
        self.valueChanged.emit(value)

    def _accept(self, value: int) -> None:
        before = self._last
        self.setText(group_digits(value))
        self._last = self.text()
        self.error.clear_message()
        if self._last != before:
            self.valueChanged.emit(value)

    def _refuse(self, message: str) -> None:
        """What was there before stays; the sentence says why the rest was not taken."""
        self.setText(self._last)
        self.show_error(message)
