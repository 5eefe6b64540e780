"""A red sentence beside the field it is about (the style sheet colours ``[role="error"]``)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class InlineError(QLabel):
    """Hidden until there is something to say; ``show_for`` says it and moves the focus to
    the field, so what the person types next lands where the mistake is."""

    def __init__(self, name: str = "inlineError", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setVisible(False)

    def setText(self, text: str) -> None:
        """Shown only with something to say: an empty line under every field of a long form
        took its height (the request form's rows stood far apart)."""
        super().setText(text)
        self.setVisible(bool(text))

    def show_for(self, field: QWidget | None, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))
        if field is not None and message:
            field.setFocus()

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)
