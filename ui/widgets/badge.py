"""A state badge: a small rounded label whose colour AND word say the state (never colour
alone): ``QUÁ HẠN`` on red, ``NGOẠI TUYẾN`` on grey… (the words and colours in ui/theme.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.theme import states


class StateBadge(QLabel):
    def __init__(self, state: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateBadge")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state = ""
        self.set_state(state)

    def set_state(self, state: str, word: str = "") -> None:
        """Show ``state`` (a key of ``ui.theme.states``) with its word, or ``word`` when the
        window has a more precise one; an empty state hides the badge."""
        self.state = state
        known = states().get(state)
        if not state:
            self.hide()
            return
        if known is None:
            raise ValueError(f"unknown state {state!r}")
        self.setText(word or self.tr(known.word))
        self.setProperty("badge", state)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
