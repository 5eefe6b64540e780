"""The administrator's settings: the first-run wizard's pages again, each saved on its own.

Language, central's address (and CA file), the collection point, the printer (with
the same test page). Every change goes through the core with the signed-in actor,
which must hold ``CHANGE_SETTINGS`` and is journaled; a cashier is told so instead
of being shown a page that cannot save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app import App
from desktop.dto import SetupState
from desktop.settings_file import save_setting
from desktop.staff.auth import Actor
from ui.plumbing import i18n
from ui.plumbing.errors import error_text
from ui.setup.setup_wizard import CentralPage, LanguagePage, PointPage, PrinterPage
from ui.shell.tasks import Tasks
from ui.widgets.common import message_label


class SettingsDialog(QDialog):
    def __init__(self, app: App, runner: Tasks, actor: Actor, *, settings_path: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner, self.actor = app, runner, actor
        self.language = app.settings.language
        self.settings_path = settings_path
        self.state: SetupState | None = None
        self.working = False
        self.done_ok = False
        self.setObjectName("settingsDialog")
        self.setMinimumSize(720, 520)
        self.tabs = QTabWidget()
        self.language_page = LanguagePage(self)
        self.central = CentralPage(self)
        self.point = PointPage(self)
        self.printer = PrinterPage(self)
        for page in (self.language_page, self.central, self.point, self.printer):
            self.tabs.addTab(page, "")
        # the device's text size and contrast (the theme's variants, ui/theme.py)
        self.display_page = QWidget()
        self.display_page.setObjectName("displayPage")
        shown = QVBoxLayout(self.display_page)
        self.large_text = QCheckBox()
        self.large_text.setObjectName("largeText")
        self.large_text.setChecked(bool(getattr(app.settings, "large_text", False)))
        self.high_contrast = QCheckBox()
        self.high_contrast.setObjectName("highContrast")
        self.high_contrast.setChecked(bool(getattr(app.settings, "high_contrast", False)))
        for box in (self.large_text, self.high_contrast):
            box.toggled.connect(self._preview_display)
            shown.addWidget(box)
        shown.addStretch(1)
        self.tabs.addTab(self.display_page, "")
        self.message = message_label("settingsMessage")
        #: the log's key kept in a file (no OS keyring): the designed fallback, a fact for
        #: the administrator, not a red line on every window (desktop/vault.py)
        self.key_note = message_label("logKeyNote")
        self.key_note.setProperty("role", "note")
        self.key_note.setVisible(bool(app.admin_notices()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.key_note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.runner.store.run(app.device.setup_state, self._show, self._failed)

    def _show(self, state: SetupState) -> None:
        self.state = state
        # what the administrator already typed stays
        if not self.central.url.text():
            self.central.url.setText(state.central_url)
            self.central.ca.setText(state.ca_bundle or "")
        if not self.point.address.text():
            self.point.address.setText(state.point_address)
            self.point.phone.setText(state.point_phone)
        if not self.printer.network.text() and state.printer_uri:
            self.printer.show_saved(state.printer_uri, state.paper)
        self.point.show_unit()

    def _failed(self, exc: BaseException) -> None:
        self.busy(False)
        self.message.setText(error_text(exc))

    # what the pages ask of the window they sit in (ui.setup.setup_wizard.PageOwner)
    def busy(self, on: bool) -> None:
        self.working = on

    def set_language(self, language: str) -> None:
        self.language = language
        i18n.install(language)
        self.retranslate()

    def next(self) -> None:
        pass

    def finished_setup(self) -> None:
        pass

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("QuayThu – cài đặt (quản trị viên)"))
        self.large_text.setText(self.tr("Chữ lớn (mọi cỡ chữ ×1,25)"))
        self.key_note.setText(self.tr(
            "Máy này không có kho khoá của hệ điều hành: khoá của sổ thao tác (ops.log) nằm "
            "trong một tệp chỉ người dùng này đọc được, ngoài thư mục dữ liệu ({folder}). "
            "Đó là cách dự phòng đã định; quầy vẫn thu bình thường.").format(
                folder=self.app.vault.folder))
        self.high_contrast.setText(self.tr("Tương phản cao (chữ đen trên nền trắng, viền chọn "
                                           "vàng)"))
        for index, text in enumerate((self.tr("Ngôn ngữ"), self.tr("Máy chủ trung tâm"),
                                      self.tr("Điểm thu"), self.tr("Máy in"),
                                      self.tr("Hiển thị"))):
            self.tabs.setTabText(index, text)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("Lưu trang này (Ctrl+S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            self.tr("Đóng (Esc)"))
        for page in (self.language_page, self.central, self.point, self.printer):
            page.retranslate()

    def save(self) -> None:
        """The page in front, through the core (which checks the administrator)."""
        if self.working:
            return
        page = self.tabs.currentWidget()
        app, actor = self.app, self.actor
        if page is self.display_page:
            large, contrast, where = (self.large_text.isChecked(),
                                      self.high_contrast.isChecked(), self.settings_path)

            def write() -> None:
                save_setting("large_text", large, where)
                save_setting("high_contrast", contrast, where)

            self.busy(True)
            self.runner.store.run(write, lambda _r: self._saved(), self._failed)
            return
        if page is self.language_page:
            language, path = self.language, self.settings_path
            self.busy(True)
            self.runner.store.run(lambda: save_setting("language", language, path),
                                  lambda _p: self._language_saved(), self._failed)
            return
        url, ca = self.central.values()
        address, phone = self.point.address.text(), self.point.phone.text()
        uri, paper = self.printer.chosen_uri(), int(self.printer.paper.currentText())

        def work() -> None:
            if page is self.central:
                app.device.change_central_url(actor, url, ca_bundle=ca)
            elif page is self.point:
                app.device.set_point_details(actor, address, phone)
            else:
                app.device.set_printer(actor, uri, paper)

        if page is self.central and not self.central.validatePage():
            return
        if page is self.point and not self.point.validatePage():
            return
        if page is self.printer and uri is not None and (
                self.printer.tested != self.printer.base_uri()):
            self.printer.say(self.tr("In trang thử (F6) trước, để chọn dòng in đúng."))
            return
        self.busy(True)
        self.runner.store.run(work, lambda _r: self._saved(), self._failed)

    def _preview_display(self) -> None:
        """Every window takes the new size at once (saved with Ctrl+S for the next start)."""
        from ui.main import apply_theme

        apply_theme(self.large_text.isChecked(), self.high_contrast.isChecked())

    def _language_saved(self) -> None:
        self.busy(False)
        self.message.setText(self.tr("Đã lưu ngôn ngữ."))

    def _saved(self) -> None:
        self.busy(False)
        self.message.setText(self.tr("Đã lưu."))
