"""The Qt part of ``QuayThu --self-test``: the platform plugin starts, the style sheet
loads, and a Vietnamese line is drawn with real glyphs (not boxes)."""

from __future__ import annotations

from desktop.selftest import Check


def _qt() -> str:
    from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QImage
    from PySide6.QtWidgets import QApplication, QLabel

    from ui.main import apply_theme, register_fonts

    qapp = QApplication.instance() or QApplication(["QuayThu"])
    assert isinstance(qapp, QApplication)
    families = register_fonts()
    if "DejaVu Sans" not in families:
        raise RuntimeError(f"Qt không nạp được phông của QuayThu ({families})")
    apply_theme()
    text = "Tiền điện tháng 11 – Đã thu"
    label = QLabel(text)
    label.setFont(QFont("DejaVu Sans", 12))
    label.adjustSize()
    image = QImage(label.size(), QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    label.render(image)
    metrics = QFontMetrics(label.font())
    missing = [c for c in "ềữđạ" if not metrics.inFontUcs4(ord(c))]
    if missing:
        raise RuntimeError(f"phông {label.font().family()} thiếu {''.join(missing)}")
    inked = sum(1 for x in range(image.width()) for y in range(image.height())
                if image.pixel(x, y) != 0xFFFFFFFF)
    if inked == 0:
        raise RuntimeError("không vẽ được chữ")
    return f"nền {QGuiApplication.platformName()}, phông {label.font().family()}"


def _translations() -> str:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from ui.plumbing import i18n

    QApplication.instance() or QApplication(["QuayThu"])
    try:
        if not i18n.install("en"):
            raise RuntimeError(f"không nạp được bản dịch tiếng Anh ({i18n.qm_file('en')})")
        said = QCoreApplication.translate("SyncView", "Trực tuyến")
        if said != "Online":
            raise RuntimeError(f"bản dịch tiếng Anh sai: {said!r}")
    finally:
        i18n.install("vi")
    return "vi, en"


QT_CHECK = Check("qt", _qt)
TRANSLATIONS_CHECK = Check("i18n", _translations)
