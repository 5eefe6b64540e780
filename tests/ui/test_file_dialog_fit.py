"""Qt's own file dialog (every file choice: ``ui.widgets.common.file_dialog``): a walk found
its columns cut ("Kích th…", "Ngày sửa…", the dates) and the places beside them. Its
columns fit their words and values, and its places list fits its names, at 1366×768 and at
Windows' 150 %; its words stay Vietnamese (tests/ui/test_file_dialog_words.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QListView, QTreeView
from pytestqt.qtbot import QtBot

from tests.ui.test_file_dialog_words import english_in, visible_words
from ui.main import load_stylesheet
from ui.widgets import common

AREAS = {"100": QRect(0, 0, 1366, 728), "150": QRect(0, 0, 911, 485)}


@pytest.mark.parametrize("scale", list(AREAS))
def test_the_file_dialogs_columns_fit(qtbot: QtBot, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, scale: str) -> None:
    QApplication.instance().setStyleSheet(load_stylesheet())  # type: ignore[union-attr]
    monkeypatch.setattr(common, "SCREEN_AREA", AREAS[scale])
    (tmp_path / "bang-ke-thu-tien-ngay-27-11-2026.xlsx").write_bytes(b"x" * 123_456)
    (tmp_path / "phieu.pdf").write_bytes(b"%PDF-1.4\n")
    dialog = common.file_dialog(None, "Lưu bảng kê", str(tmp_path / "bang-ke.xlsx"),
                                "Tệp Excel (*.xlsx)", save=True)
    qtbot.addWidget(dialog)
    dialog.setDirectory(str(tmp_path))
    dialog.show()
    qtbot.waitExposed(dialog)
    area = AREAS[scale]
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    assert dialog.viewMode() == QFileDialog.ViewMode.Detail
    tree = dialog.findChild(QTreeView, "treeView")
    assert tree is not None
    model = tree.model()
    root = tree.rootIndex()
    qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) >= 1, timeout=5000)
    root = tree.rootIndex()
    QApplication.processEvents()
    header = tree.header()
    metrics = tree.fontMetrics()
    for col in range(header.count()):
        if header.isSectionHidden(col):
            continue
        title = str(model.headerData(col, Qt.Orientation.Horizontal))
        assert header.sectionSize(col) >= header.fontMetrics().horizontalAdvance(title), title
        if col == 0:
            continue  # the name: the rest of the width, cut in the middle if it must
        for row in range(model.rowCount(root)):
            value = str(model.index(row, col, root).data() or "")
            assert header.sectionSize(col) >= metrics.horizontalAdvance(value) + 6, value
        # in view, not scrolled off to the right
        assert header.sectionViewportPosition(col) + header.sectionSize(col) \
            <= tree.viewport().width() + 1, title
    # no column in the system's own words (the kind: "Excel 2007 spreadsheet")
    assert header.isSectionHidden(2)
    sidebar = dialog.findChild(QListView, "sidebar")
    assert sidebar is not None and sidebar.model() is not None
    for row in range(sidebar.model().rowCount(QModelIndex())):
        place = str(sidebar.model().index(row, 0).data() or "")
        icon = sidebar.iconSize().width() + 12
        assert sidebar.viewport().width() >= sidebar.fontMetrics().horizontalAdvance(place) \
            + icon, place
    assert english_in(visible_words(dialog)) == []
    dialog.reject()
