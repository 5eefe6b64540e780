"""Nothing uncaught is silent: the traceback goes to the log, a Vietnamese message on screen.

``sys.excepthook`` (an exception out of a slot or the event loop) and
``threading.excepthook`` (any thread: the sync loop, the printer, a worker)
log the traceback and signal the GUI thread, which shows a message box
without closing anything: committed work stays committed, and the dialog
or form in progress stays open with what was typed (Electrum's
``exception_window``).
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

logger = logging.getLogger(__name__)

CRASH_TEXT: str = cast(str, QT_TRANSLATE_NOOP(
    "crash", "Đã xảy ra lỗi không mong muốn ({kind}). Các khoản đã thu đã được lưu an toàn; "
    "thao tác đang làm dở vẫn còn trên màn hình, hãy thử lại. Nếu lỗi lặp lại, "
    "báo bộ phận hỗ trợ và gửi kèm tệp nhật ký: Ctrl+Shift+E (Xuất nhật ký hỗ trợ) "
    "ở màn hình chính, hoặc lệnh 'quaythu support-bundle'."))


class CrashReporter(QObject):
    """Installed once per process; ``crashed`` is emitted from any thread."""

    crashed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.crashed.connect(self._show)
        self.shown: list[str] = []
        self._previous = (sys.excepthook, threading.excepthook)
        self.box: QMessageBox | None = None

    def install(self) -> CrashReporter:
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _excepthook(self, kind: type[BaseException], exc: BaseException,
                    tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, exc, tb)
            return
        logger.critical("uncaught exception", exc_info=(kind, exc, tb))
        self.crashed.emit(kind.__name__)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        logger.critical("uncaught exception in thread %s", name,
                        exc_info=(args.exc_type, args.exc_value or args.exc_type(),
                                  args.exc_traceback))
        self.crashed.emit(args.exc_type.__name__)

    def _show(self, kind: str) -> None:
        text = QCoreApplication.translate("crash", CRASH_TEXT).format(kind=kind)
        self.shown.append(text)
        if self.box is not None and self.box.isVisible():
            # one box however many follow: the latest says what happened
            self.box.setText(text)
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Critical, "QuayThu", text,
                          QMessageBox.StandardButton.Ok,
                          parent if isinstance(parent, QWidget) else None)
        box.setObjectName("crashBox")
        box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("errors", "Đóng"))
        # not modal over the form: what the cashier typed stays, and stays editable
        box.setModal(False)
        box.show()
        self.box = box


_installed: CrashReporter | None = None


def install_crash_reporter() -> CrashReporter:
    """The process's reporter (made and installed at the first call)."""
    global _installed
    if _installed is None:
        _installed = CrashReporter().install()
    return _installed
