"""The first run: language, central, enrolment, the collection point, the printer.

Keyboard-first: Enter goes on (the default button), Esc leaves, every field has a
mnemonic. A page that is wrong says so in the chosen language and stays with what
was typed. Enrolment happens when its page is left (the one-time code is spent
there); the collection point and the printer are written together at the end
(:meth:`desktop.device_settings.DeviceSettings.complete_setup`), so a wizard closed halfway resumes
at the collection point next time and nothing is half-written. The same pages,
later, are the administrator's settings (:mod:`ui.setup.settings_dialog`).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.app import App
from desktop.device_settings import check_ca_file, check_central_url, check_point
from desktop.dto import SetupState
from desktop.errors import CentralRefused, CentralUntrusted
from desktop.printing.discover import FoundPrinter, known_printers
from desktop.printing.receipts.profiles import Profile, counter_profiles
from desktop.printing.testpage import choices, encoding_test_page
from desktop.printing.transport import query_status, send
from desktop.settings_file import save_setting
from ui.plumbing import i18n
from ui.plumbing.errors import error_text
from ui.shell.tasks import Tasks
from ui.widgets.common import message_label

LANGUAGE, CENTRAL, ENROL, POINT, PRINTER = range(5)


def _problem(exc: BaseException) -> str:
    """What went wrong on a page. The core says its messages in the chosen language
    itself (desktop/i18n.py); two answers of central get this wizard's own words, which
    say what to do on these pages."""
    if isinstance(exc, CentralUntrusted):
        return QCoreApplication.translate(
            "SetupWizard", "Chứng chỉ của máy chủ trung tâm không do CA tin cậy cấp: "
            "chọn tệp CA riêng của công ty ở trang trước, hoặc hỏi bộ phận CNTT.")
    if isinstance(exc, CentralRefused):  # central's own words are Vietnamese
        return QCoreApplication.translate(
            "SetupWizard", "Máy chủ trung tâm từ chối mã đăng ký này (sai, đã dùng hoặc "
            "hết hạn): hỏi quản trị viên mã mới.")
    return error_text(exc)


class PageOwner(Protocol):
    """What a page needs of the window it sits in: the wizard, or the settings dialog."""

    app: App
    runner: Tasks
    language: str
    settings_path: Any
    state: SetupState | None
    working: bool
    done_ok: bool
    central: CentralPage
    point: PointPage

    def busy(self, on: bool) -> None: ...

    def set_language(self, language: str) -> None: ...

    def next(self) -> None: ...

    def finished_setup(self) -> None: ...


class _Page(QWizardPage):
    """A page that can be told its words again (the language may change under it)."""

    def __init__(self, wizard: PageOwner) -> None:
        super().__init__()
        self.owner = wizard
        self.message = message_label("")
        self.message.setObjectName(f"{type(self).__name__}Message")

    def retranslate(self) -> None:
        raise NotImplementedError

    def say(self, text: str) -> None:
        self.message.setText(text)

    def run(self, lane: str, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Work off the GUI thread; a failure is said on the page, the fields stay."""
        self.owner.busy(True)

        def ok(result: Any) -> None:
            self.owner.busy(False)
            done(result)

        def failed(exc: BaseException) -> None:
            self.owner.busy(False)
            self.say(_problem(exc))

        getattr(self.owner.runner, lane).run(fn, ok, failed)


class LanguagePage(_Page):
    def __init__(self, wizard: PageOwner) -> None:
        super().__init__(wizard)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in i18n.LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(wizard.language)))
        self.language.currentIndexChanged.connect(self._changed)
        #: the language last written to the settings file
        self.saved: str | None = None
        self.label = QLabel()
        self.label.setBuddy(self.language)
        form = QFormLayout()
        form.addRow(self.label, self.language)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Ngôn ngữ"))
        self.intro.setText(self.tr("Chào mừng đến với QuayThu. Vài bước sau đây cài đặt quầy "
                                   "thu này: ngôn ngữ, máy chủ trung tâm, mã đăng ký, điểm thu "
                                   "và máy in."))
        self.label.setText(self.tr("&Ngôn ngữ"))

    def _changed(self) -> None:
        self.owner.set_language(str(self.language.currentData()))

    def validatePage(self) -> bool:
        if self.saved == self.owner.language:
            return True
        language, path = self.owner.language, self.owner.settings_path
        # a file write: off the GUI thread; a read-only or broken file is said, page kept
        self.run("store", lambda: save_setting("language", language, path),
                 lambda _path: self._saved(language))
        return False

    def _saved(self, language: str) -> None:
        self.saved = language
        self.owner.next()


class CentralPage(_Page):
    def __init__(self, wizard: PageOwner) -> None:
        super().__init__(wizard)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setObjectName("centralUrl")
        self.url.setPlaceholderText("https://thu.evnhcmc.vn")
        self.ca = QLineEdit()
        self.ca.setObjectName("caFile")
        self.browse = QPushButton()
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.ca)
        row.addWidget(self.browse)
        self.url_label, self.ca_label = QLabel(), QLabel()
        self.url_label.setBuddy(self.url)
        self.ca_label.setBuddy(self.ca)
        form = QFormLayout()
        form.addRow(self.url_label, self.url)
        form.addRow(self.ca_label, row)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Máy chủ trung tâm"))
        self.intro.setText(self.tr("Địa chỉ HTTPS của máy chủ trung tâm do bộ phận CNTT cấp. "
                                   "Nếu máy chủ dùng chứng chỉ của CA riêng của công ty, chọn "
                                   "tệp chứng chỉ CA (.pem)."))
        self.url_label.setText(self.tr("Địa chỉ &máy chủ"))
        self.ca_label.setText(self.tr("Tệp &CA riêng (nếu có)"))
        self.browse.setText(self.tr("Chọn tệp…"))

    def _browse(self) -> None:
        from ui.widgets.common import open_file_name

        path = open_file_name(self, self.tr("Tệp chứng chỉ CA"),
                              self.tr("Chứng chỉ PEM (*.pem *.crt *.cer)"))
        if path:
            self.ca.setText(path)

    def values(self) -> tuple[str, str | None]:
        return self.url.text().strip(), self.ca.text().strip() or None

    def validatePage(self) -> bool:
        url, ca = self.values()
        try:
            check_central_url(url)
            if ca:
                check_ca_file(ca)
        except Exception as exc:
            self.say(_problem(exc))
            return False
        self.say("")
        return True


class EnrolPage(_Page):
    def __init__(self, wizard: PageOwner) -> None:
        super().__init__(wizard)
        self.enrolled = False
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("enrolmentCode")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX")
        self.name = QLineEdit(socket.gethostname())
        self.name.setObjectName("counterName")
        self.code_label, self.name_label = QLabel(), QLabel()
        self.code_label.setBuddy(self.code)
        self.name_label.setBuddy(self.name)
        form = QFormLayout()
        form.addRow(self.code_label, self.code)
        form.addRow(self.name_label, self.name)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Đăng ký quầy"))
        self.intro.setText(self.tr("Mã đăng ký một lần do quản trị viên cấp cho quầy này. "
                                   "Mã chỉ dùng được một lần."))
        self.code_label.setText(self.tr("Mã &đăng ký"))
        self.name_label.setText(self.tr("&Tên quầy"))

    def validatePage(self) -> bool:
        if self.enrolled:
            return True
        code, name = self.code.text().strip(), self.name.text().strip()
        if not code:
            self.say(self.tr("Nhập mã đăng ký."))
            return False
        url, ca = self.owner.central.values()
        app = self.owner.app
        self.say(self.tr("Đang đăng ký với máy chủ trung tâm…"))

        def work() -> SetupState:
            app.link.enrol(url, code, name or None, ca_bundle=ca, setup_pending=True)
            return app.device.setup_state()

        self.run("network", work, self._enrolled)
        return False

    def _enrolled(self, state: SetupState) -> None:
        self.enrolled = True
        self.owner.state = state
        self.say("")
        self.owner.point.show_unit()
        self.owner.next()


class PointPage(_Page):
    def __init__(self, wizard: PageOwner) -> None:
        super().__init__(wizard)
        layout = QVBoxLayout(self)
        self.unit = QLabel()
        self.unit.setObjectName("unitName")
        self.unit.setWordWrap(True)
        self.address = QLineEdit()
        self.address.setObjectName("pointAddress")
        self.phone = QLineEdit()
        self.phone.setObjectName("pointPhone")
        self.address_label, self.phone_label = QLabel(), QLabel()
        self.address_label.setBuddy(self.address)
        self.phone_label.setBuddy(self.phone)
        form = QFormLayout()
        form.addRow(self.address_label, self.address)
        form.addRow(self.phone_label, self.phone)
        layout.addWidget(self.unit)
        layout.addLayout(form)
        layout.addWidget(self.message)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Điểm thu"))
        self.address_label.setText(self.tr("Địa chỉ điểm &thu"))
        self.phone_label.setText(self.tr("Điện thoại điểm thu"))
        self.address.setPlaceholderText(self.tr("in dưới tên điện lực trên phiếu thu"))
        self.phone.setPlaceholderText("028 3822 1234")
        self.show_unit()

    def show_unit(self) -> None:
        state = self.owner.state
        if state is not None and state.enrolled:
            self.unit.setText(self.tr("Quầy {device} của {unit} ({code}). Nếu không đúng, mã "
                                      "đăng ký là của đơn vị khác: báo bộ phận CNTT.").format(
                device=state.device_code, unit=state.unit_name or state.unit_code,
                code=state.unit_code))

    def validatePage(self) -> bool:
        try:
            check_point(self.address.text(), self.phone.text())
        except Exception as exc:
            self.say(_problem(exc))
            return False
        return True


class PrinterPage(_Page):
    """Pick or type the printer, check it answers, print the test page, pick the line."""

    def __init__(self, wizard: PageOwner) -> None:
        super().__init__(wizard)
        self.tested: str | None = None
        layout = QVBoxLayout(self)
        self.found = QListWidget()
        self.found.setObjectName("foundPrinters")
        self.found.setMaximumHeight(110)
        self.network = QLineEdit()
        self.network.setObjectName("networkPrinter")
        self.network.setPlaceholderText("192.168.1.50:9100")
        self.network.textEdited.connect(lambda _t: self.found.setCurrentRow(0))
        self.model = QComboBox()
        self.model.setObjectName("printerModel")
        self.model.currentIndexChanged.connect(lambda _i: self._fill_lines())
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItems(["80", "58"])
        self.line = QComboBox()
        self.line.setObjectName("goodLine")
        self.labels = [QLabel() for _ in range(5)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.found, self.network, self.model, self.paper,
                                              self.line), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.check_button, self.test_button = QPushButton(), QPushButton()
        buttons = QHBoxLayout()
        for button, slot, key in ((self.check_button, self.check, "F5"),
                                  (self.test_button, self.print_test, "F6")):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            QShortcut(QKeySequence(key), self, slot)
            buttons.addWidget(button)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        self.printers: list[FoundPrinter] = []
        #: the printer models (python-escpos's database: half a second to read, off the GUI
        #: thread); a saved address waits for them
        self.profiles: list[Profile] = []
        self._saved_address: tuple[str, int] | None = None
        # listing is no step of the person's: it never holds the wizard back
        wizard.runner.printer.run(lambda: (known_printers(), counter_profiles()),
                                  lambda found: self._listed(*found),
                                  lambda _exc: self._listed([], []))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Máy in phiếu thu"))
        for label, text in zip(self.labels, (
                self.tr("Máy in &hệ thống biết"), self.tr("hoặc máy in &mạng"),
                self.tr("&Loại máy in"), self.tr("&Khổ giấy (mm)"),
                self.tr("Dòng in &đúng trên trang thử")), strict=True):
            label.setText(text)
        self.check_button.setText(self.tr("Kiểm tra máy in (F5)"))
        self.test_button.setText(self.tr("In trang thử (F6)"))
        self.hint.setText(self.tr("In trang thử, xem dòng tiếng Việt nào in đúng (1, 2 hoặc 3) "
                                  "rồi chọn số đó. Dòng 1 (ảnh) in đúng trên mọi máy in."))
        self._fill_models()
        self._fill_lines()
        if self.found.count():
            self.found.item(0).setText(self.tr("Không dùng máy in (in sau)"))

    def _fill_models(self) -> None:
        chosen = self.model.currentData()
        self.model.blockSignals(True)
        self.model.clear()
        self.model.addItem(self.tr("Không rõ (máy in ESC/POS khác)"), "")
        for p in self.profiles:
            self.model.addItem(p.title if p.title != p.name else p.name, p.name)
        self.model.setCurrentIndex(max(0, self.model.findData(chosen)))
        self.model.blockSignals(False)

    def _fill_lines(self) -> None:
        chosen = self.line.currentData()
        self.line.clear()
        from desktop.printing.receipts.profiles import profile

        for c in choices(profile(str(self.model.currentData() or "") or None)):
            self.line.addItem(f"{c.number} – {c.label}", c.text)
        self.line.setCurrentIndex(max(0, self.line.findData(chosen)))

    def _listed(self, printers: list[FoundPrinter], profiles: list[Profile]) -> None:
        self.printers, self.profiles = printers, profiles
        self._fill_models()
        self._fill_lines()
        if self._saved_address is not None:
            self.show_saved(*self._saved_address)
        self.found.clear()
        self.found.addItem(QListWidgetItem(self.tr("Không dùng máy in (in sau)")))
        for p in printers:
            item = QListWidgetItem(p.label)
            item.setData(Qt.ItemDataRole.UserRole, p.uri)
            self.found.addItem(item)
        self.found.setCurrentRow(0)

    def show_saved(self, uri: str, paper: int) -> None:
        """A saved address back into the fields: the printer, its model, the line picked."""
        if not self.profiles:  # the models are still loading: shown once they are in
            self._saved_address = (uri, paper)
            return
        self._saved_address = None
        parts = urlsplit(uri)
        query = dict(parse_qsl(parts.query))
        rest = urlencode([(k, v) for k, v in parse_qsl(parts.query)
                          if k not in ("profile", "text")])
        base = urlunsplit(parts._replace(query=rest))
        self.network.setText(base.removeprefix("tcp://"))
        self.model.setCurrentIndex(max(0, self.model.findData(query.get("profile", ""))))
        self._fill_lines()
        self.line.setCurrentIndex(max(0, self.line.findData(query.get("text", "raster"))))
        self.paper.setCurrentText(str(paper))
        self.tested = self.base_uri()  # it printed before; a new address prints its page

    def base_uri(self) -> str | None:
        typed = self.network.text().strip()
        if typed:
            return typed if "://" in typed else f"tcp://{typed}"
        item = self.found.currentItem()
        uri = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return str(uri) if uri else None

    def chosen_uri(self) -> str | None:
        """The address kept: the printer, its profile and the line picked on the test page."""
        base = self.base_uri()
        if base is None:
            return None
        parts = urlsplit(base)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("profile", "text")]
        if self.model.currentData():
            query.append(("profile", str(self.model.currentData())))
        query.append(("text", str(self.line.currentData() or "raster")))
        return urlunsplit(parts._replace(query=urlencode(query)))

    def check(self) -> None:
        uri = self.base_uri()
        if uri is None:
            self.say(self.tr("Chọn một máy in hoặc nhập địa chỉ máy in mạng."))
            return
        self.run("printer", lambda: query_status(uri), self.say)

    def print_test(self) -> None:
        uri = self.base_uri()
        if uri is None:
            self.say(self.tr("Chọn một máy in hoặc nhập địa chỉ máy in mạng."))
            return
        name = str(self.model.currentData() or "") or None
        paper = int(self.paper.currentText())
        self.say(self.tr("Đang in trang thử…"))

        def sent(_r: object) -> None:
            self.tested = uri
            self.say(self.tr("Đã in trang thử. Chọn số của dòng tiếng Việt in đúng."))

        self.run("printer", lambda: send(uri, encoding_test_page(name, paper)), sent)

    def validatePage(self) -> bool:
        if self.owner.done_ok:  # QWizard asks again on its way out: the setup is saved
            return True
        uri = self.chosen_uri()
        if uri is not None and self.tested != self.base_uri():
            self.say(self.tr("In trang thử (F6) trước, để chọn dòng in đúng."))
            return False
        address, phone = self.owner.point.address.text(), self.owner.point.phone.text()
        paper = int(self.paper.currentText())
        app = self.owner.app
        self.say(self.tr("Đang lưu…"))
        self.run("store", lambda: app.device.complete_setup(point_address=address,
                                                            point_phone=phone,
                                                            printer_uri=uri, paper=paper),
                 lambda _r: self.owner.finished_setup())
        return False


class SetupWizard(QWizard):
    def __init__(self, app: App, runner: Tasks, state: SetupState, *, language: str = "vi",
                 settings_path: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.runner = app, runner
        self.state: SetupState | None = state
        self.language, self.settings_path = language, settings_path
        self.done_ok = False
        self.working = False
        self.setObjectName("setupWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setMinimumSize(720, 480)
        self.pages: list[_Page] = []
        self.language_page = LanguagePage(self)
        self.central = CentralPage(self)
        self.enrol_page = EnrolPage(self)
        self.point = PointPage(self)
        self.printer = PrinterPage(self)
        for number, page in enumerate((self.language_page, self.central, self.enrol_page,
                                       self.point, self.printer)):
            self.setPage(number, page)
            self.pages.append(page)
        if state.enrolled:  # closed halfway last time: the code is spent, go on from there
            self.enrol_page.enrolled = True
            self.setStartId(POINT)
            self.point.address.setText(state.point_address)
            self.point.phone.setText(state.point_phone)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        i18n.install(language)
        self.retranslate()  # now: Qt posts its LanguageChange events for later

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("QuayThu – cài đặt quầy thu"))
        for which, text in ((QWizard.WizardButton.BackButton, self.tr("< &Quay lại")),
                            (QWizard.WizardButton.NextButton, self.tr("&Tiếp > (Enter)")),
                            (QWizard.WizardButton.FinishButton, self.tr("&Xong (Enter)")),
                            (QWizard.WizardButton.CancelButton, self.tr("Thoát (Esc)"))):
            self.setButtonText(which, text)
        for page in self.pages:
            page.retranslate()

    def busy(self, on: bool) -> None:
        # a flag, not disabled buttons: a disabled default button stops answering Enter
        self.working = on

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter goes on from any field, on the last page too (where Qt's default button
        # is not always Finish)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.working:
            if self.currentId() == PRINTER:
                if self.validateCurrentPage():
                    self.accept()
            else:
                self.next()
            return
        super().keyPressEvent(event)

    def validateCurrentPage(self) -> bool:
        return not self.working and super().validateCurrentPage()

    def finished_setup(self) -> None:
        self.done_ok = True
        self.accept()

    def accept(self) -> None:
        # Finish runs the printer page's validation, which saves off the GUI thread and
        # calls finished_setup: only then is the wizard done
        if self.done_ok:
            super().accept()
