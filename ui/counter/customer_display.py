"""The customer-facing window: a second screen the customer reads (and scans)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap, QResizeEvent, QScreen
from PySide6.QtWidgets import QLabel, QLayout, QSizePolicy, QVBoxLayout, QWidget

from desktop.money.amounts import format_vnd
from desktop.money.vietqr import qr_matrix
from ui.widgets import common


def qr_pixmap(payload: str, size: int) -> QPixmap:
    """The QR drawn module by module (4 modules of quiet zone), scaled without blur."""
    matrix = qr_matrix(payload)
    n = len(matrix) + 8
    image = QImage(n, n, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x + 4, y + 4, 0xFF000000)
    return QPixmap.fromImage(image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.FastTransformation))


def customer_screen(screens: Sequence[QScreen], cashier: QScreen | None) -> QScreen | None:
    """The screen the customer reads: another one than the cashier's when there is one
    (the second screen of a counter), else ``None`` (one screen, shared)."""
    for screen in screens:
        if screen is not cashier and screen != cashier:
            return screen
    return None


class CustomerDisplay(QWidget):
    """Large amount, the QR, the customer's name and code; on the second screen if any."""

    def __init__(self, cashier: QWidget | None = None) -> None:
        # kept above the cashier's (maximised) window: on one screen it opened behind it
        # (issue 29, Found 5); never takes the keyboard from the cashier's dialog
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus
                         | Qt.WindowType.WindowStaysOnTopHint)
        # shown without taking the keyboard from the cashier's dialog
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("QuayThu – màn hình khách hàng"))
        self._layout = layout = QVBoxLayout(self)
        # the window is the strip it is given; its content fits it (never the other way)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.who = QLabel("")
        self.who.setObjectName("displayCustomer")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.amount = QLabel("")
        self.amount.setObjectName("displayAmount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QLabel("")
        self.qr.setObjectName("displayQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel("")
        self.note.setObjectName("displayNote")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.who.setWordWrap(True)
        self.amount.setWordWrap(True)  # the last resort, below the smallest step
        for w in (self.who, self.amount, self.qr, self.note):
            # what the labels say never widens the window past the strip it is given
            # (the change at 36 pt made a 459 px strip 587 px wide, off the screen's edge)
            w.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            layout.addWidget(w)
        self.qr_size = 360
        self.strip: QRect | None = None  # the screen area the strip was placed in
        own = cashier.screen() if cashier is not None else QGuiApplication.primaryScreen()
        self.target = customer_screen(QGuiApplication.screens(), own)
        if self.target is not None:  # the customer's own screen, all of it
            self.setScreen(self.target)
            self.setGeometry(self.target.availableGeometry())
            self.shared = False
        else:
            self.shared = True

    def place_beside(self, cashier: QWidget) -> None:
        """One screen only: the display takes the right-hand strip and the cashier's
        dialog moves to the left of it, so neither covers the other."""
        if not self.shared:
            return
        screen = cashier.screen() or QGuiApplication.primaryScreen()
        if screen is None and common.SCREEN_AREA is None:
            return
        area = common.SCREEN_AREA if common.SCREEN_AREA is not None \
            else screen.availableGeometry()
        width = max(320, min(460, area.width() - cashier.frameGeometry().width() - 24))
        self.qr_size = max(200, min(300, width - 60))
        self.setGeometry(area.right() - width + 1, area.top(), width, area.height())
        self.strip = area
        self._frame_within()
        frame = cashier.frameGeometry()
        x = max(area.left(), min(frame.left(), area.right() - width - frame.width()))
        cashier.move(x, max(area.top(), min(frame.top(), area.bottom() - frame.height())))

    def show_qr(self, name: str, code: str, amount: int, payload: str) -> None:
        self.who.setText(f"{name}\n{code}")
        self.amount.setText(format_vnd(amount))
        self._fit_amount()
        self.qr.setPixmap(qr_pixmap(payload, self.qr_size))
        self.note.setText(self.tr("Quét mã bằng ứng dụng ngân hàng để thanh toán"))
        self.show()
        self._frame_within()
        # above the cashier's window, which was raised when it opened (ui/main.py)
        self.raise_()

    def _frame_within(self) -> None:
        """A window manager's frame lies outside the geometry (known once shown): the
        frame, title bar included, is kept within the strip's screen area."""
        area = self.strip
        if area is None:
            return
        frame, inner = self.frameGeometry(), self.geometry()
        top = inner.top() - frame.top()
        right, bottom = frame.right() - inner.right(), frame.bottom() - inner.bottom()
        if frame.right() <= area.right() and frame.bottom() <= area.bottom() \
                and frame.top() >= area.top():
            return
        self.setGeometry(area.right() - right - inner.width() + 1, area.top() + top,
                         inner.width(), area.height() - top - bottom)

    def _fit_amount(self) -> None:
        """The amount's font one step smaller until its longest line fits the window's
        width (the theme's ``fit`` steps), so no digit of the change is cut off."""
        margins = self._layout.contentsMargins()
        room = self.width() - margins.left() - margins.right() - 4
        lines = self.amount.text().split("\n")
        for step in ("", "1", "2", "3"):
            self.amount.setProperty("fit", step)
            self.amount.style().unpolish(self.amount)
            self.amount.style().polish(self.amount)
            metrics = self.amount.fontMetrics()
            if max(metrics.horizontalAdvance(line) for line in lines) <= room:
                break

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_amount()

    def show_message(self, text: str) -> None:
        self.qr.clear()
        self.note.setText(text)

    def show_change(self, name: str, code: str, paid: int, given: int, change: int,
                    credit: int = 0) -> None:
        """Cash taken: what the customer gave and the change they get, as the cashier sees
        it (issue 29)."""
        self.who.setText(f"{name}\n{code}")
        self.amount.setText(self.tr("Tiền thối: {c}").format(c=format_vnd(change)))
        self._fit_amount()
        self.qr.clear()
        lines = [self.tr("Đã thu {p} · khách đưa {g}").format(p=format_vnd(paid),
                                                             g=format_vnd(given))]
        if credit:
            lines.append(self.tr("{c} ghi có vào tài khoản, trừ vào hóa đơn sau")
                         .format(c=format_vnd(credit)))
        lines.append(self.tr("Cảm ơn quý khách!"))
        self.note.setText("\n".join(lines))
        self.show()
        self._frame_within()
