"""The one question asked before quitting while a shift is still open: on the sign-in
screen (Esc, "Thoát") and in every window (Ctrl+Q, Alt+F4, ×)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_quit_with_shift_open(parent: QWidget, who: str, on_quit: Callable[[], None],
                             on_stay: Callable[[], None] | None = None) -> QMessageBox:
    """Opens the question (window-modal, "Ở lại" the default and Esc) and returns it;
    ``on_quit`` runs when the person chooses "Thoát", ``on_stay`` otherwise."""
    title = QCoreApplication.translate("QuitBox", "Thoát QuayThu?")
    text = QCoreApplication.translate(
        "QuitBox", "Ca của {who} vẫn đang mở. Thoát bây giờ thì ca vẫn mở, tiền trong két vẫn "
        "tính cho ca đó; đóng ca bằng F10 sau khi đăng nhập. Vẫn thoát?").format(who=who)
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("quitWithShiftOpen")
    quit_button = box.addButton(QCoreApplication.translate("QuitBox", "Thoát"),
                                QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton(QCoreApplication.translate("QuitBox", "Ở lại (Esc)"),
                         QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)

    def answered(_code: int) -> None:
        if box.clickedButton() is quit_button:
            on_quit()
        elif on_stay is not None:
            on_stay()

    box.finished.connect(answered)
    box.open()
    return box
