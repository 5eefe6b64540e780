"""The printer settings page (administrator): address, paper, a test print, the status."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import App
from desktop.printing.receipts.escpos_out import receipt_bytes
from desktop.printing.receipts.profiles import native_profiles, profile_of
from desktop.printing.receipts.sample import sample_receipt
from desktop.printing.transport import query_status, send
from desktop.staff.auth import Actor
from ui.plumbing.errors import error_text, presenter
from ui.shell.tasks import Tasks
from ui.widgets.common import message_label


class PrinterDialog(QDialog):
    saved = Signal()
    answered = Signal(str)

    def __init__(self, app: App, runner: Tasks, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor = app, runner, actor
        self.printer_runner = runner.printer
        self.setObjectName("printerDialog")
        self.setWindowTitle(self.tr("Máy in phiếu thu"))
        # wide enough for the address examples to be read whole (they were cut with "…")
        self.setMinimumWidth(800)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.uri = QLineEdit("")
        self.uri.setObjectName("printerUri")
        # three examples read whole in the field (four were cut with "…"); all in its tooltip
        self.uri.setPlaceholderText("tcp://192.168.1.50:9100 · usb://04b8:0202 · "
                                    "win32://EPSON TM-T82")
        self.uri.setToolTip("tcp://192.168.1.50:9100 · usb://04b8:0202 · "
                            "serial:///dev/rfcomm0?baud=9600 · win32://EPSON TM-T82")
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItems(["80", "58"])
        # the saved values come from the store lane (never read on the GUI thread)
        self.runner.run(app.device.printer, self._show_saved, presenter(self))
        form.addRow(self.tr("Địa chỉ máy in"), self.uri)
        form.addRow(self.tr("Khổ giấy (mm)"), self.paper)
        hint = QLabel(self.tr("Máy in có bảng mã tiếng Việt (CP1258) in chữ thay vì ảnh: thêm "
                              "?profile=TÊN vào địa chỉ, TÊN là một trong {0}. Máy khác in ảnh.")
                      .format(", ".join(native_profiles())))
        hint.setWordWrap(True)
        hint.setObjectName("profileHint")
        form.addRow("", hint)
        layout.addLayout(form)
        self.message = message_label("printerMessage")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        for text, slot, key in ((self.tr("Lưu (Enter)"), self.save, "Return"),
                                (self.tr("In thử (F5)"), self.test_print, "F5"),
                                (self.tr("Kiểm tra trạng thái (F6)"), self.check, "F6")):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            QShortcut(QKeySequence(key), self, slot)
            row.addWidget(button)
        layout.addLayout(row)

    def _show_saved(self, saved: tuple[str | None, int]) -> None:
        uri, paper = saved
        if not self.uri.text():  # what the administrator already typed stays
            self.uri.setText(uri or "")
            self.paper.setCurrentText(str(paper))

    def _values(self) -> tuple[str | None, int]:
        return self.uri.text().strip() or None, int(self.paper.currentText())

    def save(self) -> None:
        uri, paper = self._values()
        app, actor = self.app, self.actor
        self.runner.run(lambda: app.device.set_printer(actor, uri, paper), lambda _r: self._saved(),
                        lambda exc: self.message.setText(error_text(exc)))

    def _saved(self) -> None:
        self.message.setText(self.tr("Đã lưu máy in."))
        self.saved.emit()

    def test_print(self) -> None:
        uri, paper = self._values()
        if uri is None:
            self.message.setText(self.tr("Nhập địa chỉ máy in."))
            return
        self.message.setText(self.tr("Đang in thử…"))
        self.printer_runner.run(
            lambda: send(uri, receipt_bytes(sample_receipt(), paper, kick_drawer=False,
                                            profile=profile_of(uri))),
            lambda _r: self._answer(self.tr("Đã gửi phiếu in thử.")),
            lambda exc: self._answer(error_text(exc)))

    def check(self) -> None:
        uri, _paper = self._values()
        if uri is None:
            self.message.setText(self.tr("Nhập địa chỉ máy in."))
            return
        self.printer_runner.run(lambda: query_status(uri), self._answer,
                                lambda exc: self._answer(error_text(exc)))

    def _answer(self, text: str) -> None:
        self.message.setText(text)
        self.answered.emit(text)
