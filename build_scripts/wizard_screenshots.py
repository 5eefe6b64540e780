"""Draw the first-run wizard's pages in Vietnamese and in English for the README.

    QT_QPA_PLATFORM=offscreen python build_scripts/wizard_screenshots.py

Writes docs/screenshot-wizard-vi.png and docs/screenshot-wizard-en.png: each page of
the real wizard (ui/setup/setup_wizard.py) as the window draws it, on a fresh data folder,
the printer page with the emulator's address typed. No central is contacted.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from PIL import Image
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_app
    from desktop.dto import SetupState
    from ui.main import make_qapplication
    from ui.plumbing import i18n
    from ui.setup.setup_wizard import SetupWizard
    from ui.shell.tasks import Tasks

    make_qapplication()
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Path(tmp) / "quaythu.db")
        try:
            for language in ("vi", "en"):
                i18n.install(language)
                shots = []
                for page in range(5):
                    state = SetupState(True, False, "PE0400", "Điện lực Gia Định", "PE0400D003")
                    wizard = SetupWizard(app, Tasks(app), state if page >= 3 else
                                         SetupState(False, False), language=language,
                                         settings_path=Path(tmp) / "settings.toml")
                    wizard.resize(720, 480)
                    wizard.central.url.setText("https://thu.evnhcmc.vn")
                    wizard.enrol_page.code.setText("K7QM-3WXA-9PLD")
                    wizard.enrol_page.name.setText("Quầy 3 – Gia Định")
                    wizard.point.address.setText("35 Tôn Đức Thắng, phường Sài Gòn")
                    wizard.point.phone.setText("028 3822 1234")
                    wizard.printer.network.setText("192.168.1.50:9100")
                    wizard.printer.model.setCurrentIndex(wizard.printer.model.findData("XP-80"))
                    wizard.setStartId(page)
                    wizard.show()
                    if page == 4:
                        for _ in range(100):  # the OS's printers listed (≤ 5 s)
                            QApplication.processEvents()
                            if wizard.printer.found.count():
                                break
                            time.sleep(0.05)
                        wizard.printer.say(wizard.printer.tr(
                            "Đã in trang thử. Chọn số của dòng tiếng Việt in đúng."))
                    QApplication.processEvents()
                    path = Path(tmp) / f"{language}-{page}.png"
                    wizard.grab().save(str(path))
                    shots.append(Image.open(path).convert("RGB"))
                    wizard.close()
                    wizard.runner.wait(5000)
                width = max(s.width for s in shots)
                sheet = Image.new("RGB", (width * 2 + 10, (shots[0].height + 10) * 3), "white")
                for n, shot in enumerate(shots):
                    sheet.paste(shot, ((n % 2) * (width + 10), (n // 2) * (shot.height + 10)))
                out = ROOT / "docs" / f"screenshot-wizard-{language}.png"
                sheet.save(out)
                print(out)
        finally:
            app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
