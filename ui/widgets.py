"""Small widget makers the dialogs share."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def message_label(name: str, text: str = "") -> QLabel:
    """A word-wrapped line under a form where the core's sentences appear."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label
