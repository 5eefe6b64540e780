"""Every file choice in Vietnamese: none of Qt's English words is left on screen
(issue 29, Build 5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.widgets.common import file_dialog

ENGLISH = ("Name", "Size", "Date Modified", "Computer", "Type", "Look in", "File name",
           "Files of type", "Cancel", "Save", "Open", "Back", "Forward", "Folder",
           "Detail View", "List View", "Parent Directory", "Create New Folder", "Drive")


def _rows(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for col in range(model.columnCount()):
        yield str(model.headerData(col, Qt.Orientation.Horizontal) or "")
    stack, seen = [QModelIndex()], 0
    root = view.rootIndex()
    if root.isValid():
        stack.append(root)
    while stack and seen < 2000:  # bounded: a home folder can be large
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            for col in range(model.columnCount(parent)):
                seen += 1
                yield str(model.data(model.index(row, col, parent)) or "")
            if parent == QModelIndex() and model.hasChildren(model.index(row, 0, parent)):
                stack.append(model.index(row, 0, parent))


def visible_words(dialog: QWidget) -> list[str]:
    words: list[str] = [dialog.windowTitle()]
    for w in dialog.findChildren(QWidget):
        if not w.isVisibleTo(dialog):
            continue
        words.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            words.append(w.text())
        elif isinstance(w, QComboBox):
            words += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView):
            words += list(_rows(w))
    return [x for x in words if x]


def english_in(words: list[str]) -> list[str]:
    found = []
    for text in words:
        plain = text.replace("&", "")
        found += [f"{e!r} in {text!r}" for e in ENGLISH
                  if e in plain and "tệp" not in plain.lower()]
    return found


@pytest.mark.parametrize("save", [True, False], ids=["save", "open"])
def test_a_file_choice_shows_no_english(qtbot: QtBot, tmp_path: Path, save: bool) -> None:
    (tmp_path / "thu-muc").mkdir()
    (tmp_path / "phieu.pdf").write_bytes(b"%PDF-1.4\n")
    dialog = file_dialog(None, "Lưu PDF" if save else "Tệp chứng chỉ CA",
                         str(tmp_path / "bang-ke.pdf") if save else str(tmp_path),
                         "Tệp PDF (*.pdf)", save=save)
    qtbot.addWidget(dialog)
    dialog.setDirectory(str(tmp_path))
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    qtbot.waitExposed(dialog)
    # the folder's rows arrive from Qt's file-info thread: wait for them, by event
    qtbot.waitUntil(lambda: any("phieu.pdf" in w for w in visible_words(dialog)))
    words = visible_words(dialog)
    assert english_in(words) == []
    joined = " ".join(words)
    for vietnamese in ("Tên", "Kích thước", "Ngày sửa", "Máy tính", "Thư mục:",
                       "Tên tệp:", "Loại tệp:", "Hủy", "Lưu" if save else "Mở"):
        assert vietnamese in joined, vietnamese
    dialog.reject()
