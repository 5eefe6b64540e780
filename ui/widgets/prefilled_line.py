"""A text line that may start with a value the person did not type (the phone on file).

The focus coming to it (Tab, a click, the dialog opening on it) selects that value, and
the first key typed replaces it, wherever the focus came from, unless the person moved
the cursor into it first: a cashier types the number the customer gives without
deleting the one on file. Once typed into, it is a plain line (``AmountField`` does the
same for numbers).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QLineEdit, QWidget

_MOVES = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End}


class PrefilledLine(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: the text was put there, not typed: the first key typed replaces it
        self.fresh = False
        self.textEdited.connect(self._typed)

    def prefill(self, text: str) -> None:
        """A value the person did not type, to be typed over."""
        super().setText(text)
        self.fresh = bool(text)
        if self.hasFocus() and self.fresh:
            self.selectAll()

    def setText(self, text: str | None) -> None:
        """Text as the person left it (a draft): kept, not typed over."""
        super().setText(text)
        self.fresh = False

    def _typed(self, _text: str) -> None:
        self.fresh = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.fresh:
            self.selectAll()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self.fresh and not self.hasSelectedText():
            self.selectAll()  # the click that brought the focus also placed the cursor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _MOVES:
            self.fresh = False
        elif self.fresh and event.text() and event.text().isprintable() and not (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.selectAll()  # the first key replaces what was not typed
        super().keyPressEvent(event)
