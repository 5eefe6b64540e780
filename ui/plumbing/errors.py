"""The one presenter that turns core errors into messages on screen."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import as_core_error
from desktop.staff.identity import ScreenLocked

logger = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    typed = as_core_error(exc)
    if typed is not None:
        return typed.user_message
    return QCoreApplication.translate("errors", "Đã xảy ra lỗi không mong muốn; thao tác chưa hoàn tất và "
                                      "dữ liệu đã lưu không bị ảnh hưởng. Hãy thử lại hoặc "
                                      "báo bộ phận hỗ trợ.")


def present_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, ScreenLocked):
        # an answer that arrives behind the lock screen: the lock screen already says it
        logger.info("refused behind the lock screen: not shown")
        return
    if as_core_error(exc) is not None:
        logger.info("shown to user: %s", type(exc).__name__)
    else:
        logger.error("unexpected error", exc_info=exc)
    box = QMessageBox(QMessageBox.Icon.Warning, "QuayThu", error_text(exc),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("errors", "Đóng"))
    box.open()


def presenter(parent: QWidget | None) -> Callable[[BaseException], None]:
    """The failure handler of a task started by ``parent``: the one presenter, over it."""
    return lambda exc: present_error(parent, exc)
