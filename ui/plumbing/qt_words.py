"""Vietnamese for Qt's own file dialog, which Qt ships no catalogue for.

PySide6 carries ``qtbase_<lang>.qm`` for some twenty languages but not Vietnamese
(``PySide6/Qt/translations`` holds no ``qtbase_vi``), so Qt's file dialog would show
"Name", "Size", "Date Modified", "Computer"… beside our own words. This translator answers
the few of Qt's strings a file choice shows; ``ui/plumbing/i18n.py`` installs it for
Vietnamese when no ``qtbase_vi`` was found.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

#: (Qt's context, Qt's English) → the words on screen; what is missing stays Qt's
WORDS: dict[tuple[str, str], str] = {
    ("QFileSystemModel", "Name"): "Tên",
    ("QFileSystemModel", "Size"): "Kích thước",
    ("QFileSystemModel", "Type"): "Loại",
    ("QFileSystemModel", "Kind"): "Loại",
    ("QFileSystemModel", "Date Modified"): "Ngày sửa",
    ("QFileSystemModel", "Computer"): "Máy tính",
    ("QFileSystemModel", "My Computer"): "Máy tính",
    ("QFileSystemModel", "Invalid filename"): "Tên tệp không hợp lệ",
    ("QAbstractFileIconProvider", "Drive"): "Ổ đĩa",
    ("QAbstractFileIconProvider", "Folder"): "Thư mục",
    ("QAbstractFileIconProvider", "File Folder"): "Thư mục",
    ("QAbstractFileIconProvider", "Shortcut"): "Lối tắt",
    ("QAbstractFileIconProvider", "File"): "Tệp",
    ("QAbstractFileIconProvider", "%1 File"): "Tệp %1",
    ("QAbstractFileIconProvider", "Unknown"): "Không rõ",
    ("QFileDialog", "&Delete"): "&Xóa",
    ("QFileDialog", "&Look in:"): "&Thư mục:",
    ("QFileDialog", "Look in:"): "Thư mục:",
    ("QFileDialog", "&New Folder"): "Thư mục &mới",
    ("QFileDialog", "New Folder"): "Thư mục mới",
    ("QFileDialog", "&Open"): "&Mở",
    ("QFileDialog", "Open"): "Mở",
    ("QFileDialog", "&Save"): "&Lưu",
    ("QFileDialog", "Save"): "Lưu",
    ("QFileDialog", "Save As"): "Lưu thành",
    ("QFileDialog", "&Choose"): "&Chọn",
    ("QFileDialog", "&Rename"): "Đổi &tên",
    ("QFileDialog", "All Files (*)"): "Mọi tệp (*)",
    ("QFileDialog", "Back"): "Lùi",
    ("QFileDialog", "Forward"): "Tới",
    ("QFileDialog", "Go back"): "Quay lại",
    ("QFileDialog", "Go forward"): "Đi tới",
    ("QFileDialog", "Parent Directory"): "Thư mục cha",
    ("QFileDialog", "Go to the parent directory"): "Lên thư mục cha",
    ("QFileDialog", "Create New Folder"): "Tạo thư mục mới",
    ("QFileDialog", "Create a New Folder"): "Tạo một thư mục mới",
    ("QFileDialog", "List View"): "Danh sách",
    ("QFileDialog", "Detail View"): "Chi tiết",
    ("QFileDialog", "Change to list view mode"): "Xem dạng danh sách",
    ("QFileDialog", "Change to detail view mode"): "Xem dạng chi tiết",
    ("QFileDialog", "File &name:"): "&Tên tệp:",
    ("QFileDialog", "File name:"): "Tên tệp:",
    ("QFileDialog", "Files of &type:"): "&Loại tệp:",
    ("QFileDialog", "Files of type:"): "Loại tệp:",
    ("QFileDialog", "Files"): "Tệp",
    ("QFileDialog", "Directory:"): "Thư mục:",
    ("QFileDialog", "Directories"): "Thư mục",
    ("QFileDialog", "Find Directory"): "Chọn thư mục",
    ("QFileDialog", "Show "): "Hiện ",
    ("QFileDialog", "Show &hidden files"): "Hiện tệp ẩn",
    ("QFileDialog", "Sidebar"): "Thanh bên",
    ("QFileDialog", "List of places and bookmarks"): "Các nơi hay dùng",
    ("QFileDialog", "Recent Places"): "Nơi mở gần đây",
    ("QFileDialog", "%1 already exists.\nDo you want to replace it?"):
        "%1 đã có.\nGhi đè lên tệp này?",
    ("QFileDialog", "Are you sure you want to delete '%1'?"): "Xóa '%1'?",
    ("QFileDialog", "Could not delete directory."): "Không xóa được thư mục.",
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."):
        "%1\nKhông thấy tệp.\nHãy kiểm tra lại tên tệp.",
    ("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct directory name "
                    "was given."): "%1\nKhông thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
    ("QFileDialog", "'%1' is write protected.\nDo you want to delete it anyway?"):
        "'%1' đang được bảo vệ chống ghi.\nVẫn xóa?",
    ("QPlatformTheme", "Cancel"): "Hủy",
    ("QPlatformTheme", "OK"): "Đồng ý",
    ("QPlatformTheme", "Open"): "Mở",
    ("QPlatformTheme", "Save"): "Lưu",
    ("QPlatformTheme", "&Yes"): "&Có",
    ("QPlatformTheme", "&No"): "&Không",
    ("QPlatformTheme", "Yes"): "Có",
    ("QPlatformTheme", "No"): "Không",
}


class QtWords(QTranslator):
    """Qt's own words of a file choice in Vietnamese (``WORDS``); nothing else."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return WORDS.get((context, source))

    def isEmpty(self) -> bool:
        return False
