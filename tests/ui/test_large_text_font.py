"""The large-text setting scales the application's font, not only the style sheet's sizes:
a message box, a table, a menu or a tooltip grows with it (a walk found the sheet's
sizes ×1.25 and the application font left as it was)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableView, QToolTip
from pytestqt.qtbot import QtBot

from ui import theme


@pytest.fixture
def qapp_themed(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    theme.apply_to(qapp)  # the next test finds the ordinary look


def _sizes(qtbot: QtBot) -> dict[str, float]:
    box = QMessageBox(QMessageBox.Icon.Warning, "QuayThu", "Không in được phiếu.")
    qtbot.addWidget(box)
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem("PE14000012345"))
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    for w in (box, table):
        w.ensurePolished()
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label is not None
    label.ensurePolished()
    return {"application": QApplication.font().pointSizeF(),
            "tooltip": QToolTip.font().pointSizeF(),
            "message box": label.font().pointSizeF(),
            "table": table.font().pointSizeF()}


def test_large_text_scales_the_application_font(qtbot: QtBot,
                                                qapp_themed: QApplication) -> None:
    theme.apply_to(qapp_themed)
    normal = _sizes(qtbot)
    theme.apply_to(qapp_themed, large_text=True)
    large = _sizes(qtbot)
    body = theme.TypeScale().body
    assert normal["application"] == pytest.approx(body)
    for what, size in normal.items():
        assert large[what] == pytest.approx(size * theme.LARGE_TEXT, abs=0.06), what
    # and back: the setting turned off gives the ordinary size again, nothing compounded
    theme.apply_to(qapp_themed)
    assert _sizes(qtbot) == normal
