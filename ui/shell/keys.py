"""The place at the bottom of every window for the keys that work there.

Today a line of text; the next step makes it a bar of key caps (and the shell's theme),
in this one place for every window.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget


class KeyBar(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("keyBar")
        layout = QHBoxLayout(self)
        # in line with the content above it, whose layout has the style's margins
        side = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)
        layout.setContentsMargins(side, 0, side, 0)
        self.label = QLabel("")
        self.label.setObjectName("keyHints")
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)

    def set_keys(self, text: str) -> None:
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()
