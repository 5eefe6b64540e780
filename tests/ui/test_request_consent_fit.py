"""The personal-data consent in the service-request form: its whole sentence shows at the
form's narrowest (a 900 px dialog) and at Windows' 150 % (the same logical 900 px with
every size scaled alike; the large-text setting stands in for the larger letters), and the
box is still ticked from the keyboard or by a click on its words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from desktop.app import App
from tests.staff import pretend_enrolled, sign_in
from ui import theme
from ui.counter.request_dialog import ServiceRequestDialog
from ui.shell.tasks import Tasks


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    theme.apply_to(qapp)


@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large-text"])
def test_consent_sentence_is_whole_at_900_px(qtbot: QtBot, app: App, themed: QApplication,
                                             large_text: bool) -> None:
    theme.apply_to(themed, large_text=large_text)
    pretend_enrolled(app, 8)
    dialog = ServiceRequestDialog(app, Tasks(app), sign_in(app, "thungan"), None)
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.width() == 900
    words = dialog.findChild(QLabel, "requestConsentText")
    assert words is not None and words.isVisible()
    assert "giải quyết yêu cầu này" in words.text()
    # the check box carries no text of its own to be cut
    assert dialog.consent.text() == ""
    # wrapped, and as tall as its wrapped lines need: nothing clipped below
    assert words.wordWrap()
    assert words.height() >= words.heightForWidth(words.width())
    # its right edge inside the form's visible width (no horizontal scroll hides it)
    viewport = dialog.form_scroll.viewport()
    right = words.mapTo(viewport, QPoint(words.width(), 0)).x()
    assert 0 < right <= viewport.width()
    # one line would not have fitted: the sentence really wraps at this width
    assert words.fontMetrics().horizontalAdvance(words.text()) > words.width()
    # the box is the field: Space ticks it, a click on the words too
    dialog.consent.setFocus()
    qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)
    assert dialog.consent.isChecked()
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert not dialog.consent.isChecked() and isinstance(dialog.consent, QCheckBox)
    dialog.close()
