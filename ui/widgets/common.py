"""Small widget makers the dialogs share."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from desktop.errors import ValidationError
from desktop.money.amounts import format_vnd, group_digits
from ui.widgets.amount_field import AmountField


def message_label(name: str, text: str = "") -> QLabel:
    """A word-wrapped line under a form where the core's sentences appear."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class _TickingLabel(QLabel):
    """The words of a ``WrappingCheck``: a click on them ticks the box, as a check box's
    own text does."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled() \
                and self.rect().contains(event.position().toPoint()):
            self.box.toggle()
            self.box.setFocus()
        super().mouseReleaseEvent(event)


class WrappingCheck(QWidget):
    """A check box whose sentence wraps (a QCheckBox's own text never does: at 900 px or
    150 % a long consent line was cut). ``box`` is the check box (ticked with Space, focus
    for an error); ``words`` the word-wrapped label beside it, its buddy."""

    def __init__(self, name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Row")
        self.box = QCheckBox()
        self.box.setObjectName(name)
        self.box.setAccessibleName(text)  # a screen reader reads the sentence with the box
        self.words = _TickingLabel(text, self.box)
        self.words.setObjectName(f"{name}Text")
        self.words.setWordWrap(True)
        self.words.setBuddy(self.box)
        self.words.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.words, 1)
        self.setFocusProxy(self.box)

    def set_text(self, text: str) -> None:
        self.words.setText(text)
        self.box.setAccessibleName(text)


# the screen area dialogs fit in when set (tests: a 1366×768 counter's at 100–150 %)
SCREEN_AREA: QRect | None = None


def fit_on_screen(window: QWidget, scroll: QScrollArea | None = None,
                  margin: int = 16) -> None:
    """Keep a dialog inside the screen it is on (1366×768 counters): as tall as its content
    wants, never taller than the screen (the content of ``scroll`` scrolls inside then),
    never off its edge."""
    screen = window.screen()
    if screen is None and SCREEN_AREA is None:
        return
    available = SCREEN_AREA if SCREEN_AREA is not None else screen.availableGeometry()
    area = available.adjusted(margin, margin, -margin, -margin)
    frame = window.frameGeometry()
    extra = frame.height() - window.height()  # the title bar, when a window manager adds one
    extra_w = frame.width() - window.width()
    inner = scroll.widget() if scroll is not None else None
    # as wide as the content needs, up to the screen: a scroll area never scrolls sideways
    # (large text: "Khách đưa" showed 600.00 with its last digit cut, "Đủ tiền (F5)" half
    # hidden to the right, the form slid left after the payment)
    wanted_w = max(window.width(), window.minimumSizeHint().width())
    if scroll is not None and inner is not None:
        bar = scroll.verticalScrollBar().sizeHint().width()
        short = inner.minimumSizeHint().width() + bar + 2 * scroll.frameWidth() - scroll.width()
        wanted_w = max(wanted_w, window.width() + short)
    wanted_w = min(wanted_w, area.width() - extra_w)
    if window.width() != wanted_w:
        window.resize(wanted_w, window.height())
        layout = window.layout()
        if layout is not None:
            layout.activate()  # wrapped words take their height at the new width
    natural = window.sizeHint().height()
    if scroll is not None and inner is not None:
        # a scroll area asks for little: the dialog wants what its content would need
        natural += inner.sizeHint().height() - scroll.sizeHint().height() + 2 * scroll.frameWidth()
    wanted = min(natural, area.height() - extra)
    if window.height() != wanted:
        window.resize(window.width(), wanted)
    frame = window.frameGeometry()
    x = min(max(frame.left(), area.left()), area.right() - frame.width())
    y = min(max(frame.top(), area.top()), area.bottom() - frame.height())
    if (x, y) != (frame.left(), frame.top()):
        window.move(x, y)


def fill_screen(window: QWidget) -> None:
    """A person's home window fills the screen's free area, as the counter's does: the head
    cashier's and the agent's opened at about 1000 px on a black desktop, the head cashier
    scrolling for the count's total (a walk at 1366×768). Maximised on a real screen, and
    sized to the free area first (what it is restored to, and the size in tests)."""
    screen = window.screen()
    if screen is None and SCREEN_AREA is None:
        return
    area = SCREEN_AREA if SCREEN_AREA is not None else screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    window.resize(area.width() - extra_w, area.height() - extra_h)
    window.move(area.topLeft())
    if SCREEN_AREA is None:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def file_dialog(parent: QWidget | None, title: str, suggested: str, name_filter: str, *,
                save: bool) -> QFileDialog:
    """Qt's file dialog (not the platform's, whose words we cannot set) in Vietnamese: our
    words on its labels and buttons, Qt's own ("Name", "Size", "Computer"…) through
    ``ui/plumbing/qt_words.py`` (Qt ships no Vietnamese catalogue for them)."""
    from ui.plumbing.i18n import ensure_qt_words

    ensure_qt_words()
    dialog = QFileDialog(parent, title, suggested, name_filter)
    dialog.setObjectName("saveFileDialog" if save else "openFileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save
                         else QFileDialog.AcceptMode.AcceptOpen)
    if not save:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if suggested:
        dialog.selectFile(suggested)
    accept = (QCoreApplication.translate("widgets", "Lưu") if save
              else QCoreApplication.translate("widgets", "Mở"))
    labels = (
        (QFileDialog.DialogLabel.LookIn, QCoreApplication.translate("widgets", "Thư mục:")),
        (QFileDialog.DialogLabel.FileName, QCoreApplication.translate("widgets", "Tên tệp:")),
        (QFileDialog.DialogLabel.FileType, QCoreApplication.translate("widgets", "Loại tệp:")),
        (QFileDialog.DialogLabel.Accept, accept),
        (QFileDialog.DialogLabel.Reject, QCoreApplication.translate("widgets", "Hủy")))
    for label, text in labels:
        dialog.setLabelText(label, text)
    _fit_file_dialog(dialog)
    return dialog


def _fit_file_dialog(dialog: QFileDialog) -> None:
    """Qt's dialog sized for the screen and its words (a walk found "Kích th…", the dates
    and the places cut): the list in detail, the name taking what the size and
    the date leave (each as wide as its words), the places as wide as their names; the
    kind's column hidden (the system's words, and the filter says it)."""
    from PySide6.QtWidgets import QHeaderView, QListView, QSplitter, QTreeView

    screen = dialog.screen()
    area = SCREEN_AREA if SCREEN_AREA is not None else (
        screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728))
    width, height = min(960, area.width() - 32), min(600, area.height() - 32)
    dialog.resize(width, height)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a name keeps its ".xlsx"
        # the kind: the system's words ("Excel 2007 spreadsheet", in the OS's language, not
        # ours), and the filter below already says it
        header.setSectionHidden(2, True)
    sidebar = dialog.findChild(QListView, "sidebar")
    splitter = dialog.findChild(QSplitter, "splitter")
    model = sidebar.model() if sidebar is not None else None
    if sidebar is not None and splitter is not None and model is not None:
        metrics = sidebar.fontMetrics()
        widest = max([metrics.horizontalAdvance(str(model.index(r, 0).data() or ""))
                      for r in range(model.rowCount())] or [0])
        side = min(widest + sidebar.iconSize().width() + 40, width // 3)
        sidebar.setMinimumWidth(side)
        splitter.setSizes([side, width - side])


def _chosen(dialog: QFileDialog) -> str:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return ""
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else ""


def save_file_name(parent: QWidget | None, title: str, suggested: str, name_filter: str) -> str:
    """Where to save, in Vietnamese (``file_dialog``): the chosen path, or "" when
    cancelled."""
    return _chosen(file_dialog(parent, title, suggested, name_filter, save=True))


def open_file_name(parent: QWidget | None, title: str, name_filter: str) -> str:
    """Which file to open, in Vietnamese (``file_dialog``): its path, or "" when
    cancelled."""
    return _chosen(file_dialog(parent, title, "", name_filter, save=False))


def count_form(denominations: Sequence[int], name: str,
               on_change: Callable[[], None]) -> tuple[QFormLayout, dict[int, AmountField]]:
    """A blind count by denomination: one field per note and coin in use
    (``<name><note>`` for tests), each with its subtotal (``<name><note>Subtotal``)."""
    form = QFormLayout()
    boxes: dict[int, AmountField] = {}
    for d in denominations:
        box = AmountField(f"{name}{d}", maximum=100_000)
        subtotal = QLabel(format_vnd(0))
        subtotal.setObjectName(f"{name}{d}Subtotal")
        subtotal.setMinimumWidth(120)
        subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        box.valueChanged.connect(
            lambda n, label=subtotal, note=d: label.setText(format_vnd(n * note)))
        box.valueChanged.connect(on_change)
        boxes[d] = box
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        # a count of notes is a few digits: a narrow field with its subtotal beside it
        # reads as a count sheet, not a form stretched across the screen
        box.setMaximumWidth(160)
        line.addWidget(box)
        line.addWidget(subtotal)
        line.addWidget(box.error)
        line.addStretch(1)
        form.addRow(f"{group_digits(d)} đ × ", row)
    return form, boxes


def checked_counts(boxes: dict[int, AmountField]) -> dict[int, int] | None:
    """The counts for a submit; None when a field is empty (said beside it, focus there)."""
    try:
        values = {d: box.checked_value() for d, box in boxes.items()}
    except ValidationError:
        return None
    return {d: n for d, n in values.items() if n}
