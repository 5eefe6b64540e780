"""The first-run wizard from the keyboard, in each language, against the real central
(over HTTPS with a private CA) and the printer emulator on loopback."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from central.service import Central
from desktop.app import App, build_app
from desktop.printing.emulator import PrinterEmulator
from desktop.printing.testpage import TEST_LINE
from tests.central_server import serving_tls
from ui.plumbing import i18n
from ui.setup.setup_wizard import CENTRAL, ENROL, POINT, PRINTER, SetupWizard
from ui.shell.tasks import Tasks

UNIT = "PE1400"
WORDS: dict[str, dict[str, Any]] = {  # what the person reads on each page, by language
    "vi": {"title": "QuayThu – cài đặt quầy thu", "https": "phải dùng HTTPS",
           "untrusted": "không do CA tin cậy", "refused": "từ chối mã đăng ký",
           "phone": "Số điện thoại", "no_answer": "không trả lời", "test_first": "In trang thử",
           "back": "< &Quay lại", "printed": "Đã in trang thử"},
    "en": {"title": "QuayThu – set up the counter", "https": "must use HTTPS",
           "untrusted": "not from a trusted CA", "refused": "refused this enrolment code",
           "phone": "phone number is not valid", "no_answer": "does not answer",
           "test_first": "Print the test page", "back": "< &Back", "printed": "Test page printed"},
}


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[App]:
    app = build_app(tmp_path / "counter" / "quaythu.db")
    yield app
    app.close()
    i18n.install("vi")
    QApplication.processEvents()  # its LanguageChange reaches today's windows, not the next test's


def _enter(qtbot: QtBot, wizard: QWizard) -> None:
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)


def _type(qtbot: QtBot, field: object, text: str) -> None:
    field.setFocus()  # type: ignore[attr-defined]
    field.selectAll()  # type: ignore[attr-defined]
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:  # Vietnamese comes through the input method, not as key codes QTest knows
        field.insert(text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_wizard_sets_up_a_counter_from_the_keyboard(
        qtbot: QtBot, fresh: App, central: Central, tmp_path: Path, language: str) -> None:
    words = WORDS[language]
    settings = tmp_path / "settings.toml"
    runner = Tasks(fresh)
    with serving_tls(central, tmp_path) as (url, ca_file), \
            PrinterEmulator(tmp_path / "paper") as printer:
        wizard = SetupWizard(fresh, runner, fresh.device.setup_state(), settings_path=settings)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        # 1. language: Down picks English; the words change at once
        wizard.language_page.language.setFocus()
        if language == "en":
            qtbot.keyClick(wizard.language_page.language, Qt.Key.Key_Down)
        assert wizard.windowTitle() == words["title"]
        _enter(qtbot, wizard)
        qtbot.waitUntil(lambda: wizard.currentId() == CENTRAL, timeout=5000)  # file written
        assert tomllib.loads(settings.read_text(encoding="utf-8"))["language"] == language
        # 2. central: plain HTTP to another machine refused, then HTTPS without its CA
        _type(qtbot, wizard.central.url, "http://10.20.30.40:8000")
        _enter(qtbot, wizard)
        assert wizard.currentId() == CENTRAL
        assert words["https"] in wizard.central.message.text()
        _type(qtbot, wizard.central.url, url)
        _enter(qtbot, wizard)
        assert wizard.currentId() == ENROL
        # 3. enrolment: the unknown CA, then a wrong code, then the right one
        code = central.issue_enrolment_code(UNIT)
        _type(qtbot, wizard.enrol_page.code, code)
        _enter(qtbot, wizard)
        qtbot.waitUntil(lambda: words["untrusted"] in wizard.enrol_page.message.text(),
                        timeout=10000)
        assert wizard.enrol_page.code.text() == code  # what was typed stays
        back = wizard.button(QWizard.WizardButton.BackButton)
        assert back.text() == words["back"]
        back.setFocus()  # Tab to "< Back", Space
        qtbot.keyClick(back, Qt.Key.Key_Space)
        assert wizard.currentId() == CENTRAL
        _type(qtbot, wizard.central.ca, str(ca_file))
        _enter(qtbot, wizard)
        _type(qtbot, wizard.enrol_page.code, "WRONG-CODE-0000")
        _enter(qtbot, wizard)
        qtbot.waitUntil(lambda: words["refused"] in wizard.enrol_page.message.text(),
                        timeout=10000)
        assert not fresh.device.setup_state().enrolled
        _type(qtbot, wizard.enrol_page.code, code)
        _enter(qtbot, wizard)
        qtbot.waitUntil(lambda: wizard.currentId() == POINT, timeout=10000)
        assert UNIT in wizard.point.unit.text()
        # 4. the collection point: a bad phone refused, then a good one
        _type(qtbot, wizard.point.address, "35 Tôn Đức Thắng, phường Sài Gòn")
        _type(qtbot, wizard.point.phone, "12345")
        _enter(qtbot, wizard)
        assert wizard.currentId() == POINT and words["phone"] in wizard.point.message.text()
        _type(qtbot, wizard.point.phone, "028 3822 1234")
        _enter(qtbot, wizard)
        assert wizard.currentId() == PRINTER
        page = wizard.printer
        qtbot.waitUntil(lambda: page.found.count() >= 1, timeout=10000)  # the OS's printers
        # 5. the printer: one that does not answer, then the emulator; no finish untested
        _type(qtbot, page.network, "127.0.0.1:9")
        qtbot.keyClick(page.network, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: words["no_answer"] in page.message.text(), timeout=10000)
        _type(qtbot, page.network, f"127.0.0.1:{printer.port}")
        _enter(qtbot, wizard)
        assert wizard.currentId() == PRINTER and words["test_first"] in page.message.text()
        page.model.setCurrentIndex(page.model.findData("TM-T82"))
        qtbot.keyClick(page.network, Qt.Key.Key_F6)
        printer.wait_for_jobs(1)
        qtbot.waitUntil(lambda: words["printed"] in page.message.text(), timeout=10000)
        [lines] = printer.texts
        assert lines[lines.index("2) CP1258 (ESC t 52)") + 1] == TEST_LINE
        page.line.setFocus()
        qtbot.keyClick(page.line, Qt.Key.Key_Down)  # line 2: CP1258
        assert page.line.currentData() == "cp1258"
        with qtbot.waitSignal(wizard.accepted, timeout=10000,
                              check_params_cb=None, raising=False) as finished:
            _enter(qtbot, wizard)
        assert finished.signal_triggered, page.message.text()
    runner.wait()
    state = fresh.device.setup_state()
    assert state.done and state.point_phone == "02838221234"
    assert state.printer_uri == f"tcp://127.0.0.1:{printer.port}?profile=TM-T82&text=cp1258"


def test_a_wizard_closed_after_enrolment_resumes_at_the_collection_point(
        qtbot: QtBot, fresh: App, central: Central, url: str) -> None:
    from desktop.device_settings import SetupAlreadyDone

    fresh.link.enrol(url, central.issue_enrolment_code(UNIT), "Quầy 1", setup_pending=True)
    state = fresh.device.setup_state()
    assert state.enrolled and not state.done
    wizard = SetupWizard(fresh, Tasks(fresh), state)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == POINT
    fresh.device.complete_setup(point_address="", point_phone="", printer_uri=None)
    # once done, the way without an administrator is closed
    with pytest.raises(SetupAlreadyDone):
        fresh.device.complete_setup(point_address="", point_phone="", printer_uri="tcp://10.0.0.9:9100")
    assert fresh.device.setup_state().printer_uri is None
    wizard.runner.wait()


def test_switching_language_keeps_what_is_on_screen(qtbot: QtBot, window: Any) -> None:
    """The main window's words change with the language; the search typed stays."""
    qtbot.keyClicks(window.search, "PE14")
    try:
        i18n.install("en")
        window.retranslate()  # what its LanguageChange event does
        assert window.caption.text() == "Find customer (F2):"
        assert window.results_model.headerData(1, Qt.Orientation.Horizontal) == "Name"
        assert window.search.text() == "PE14"
    finally:
        i18n.install("vi")
        QApplication.processEvents()  # the LanguageChange: delivered now, to this window
        window.retranslate()
    assert window.caption.text() == "Tìm khách hàng (F2):"
