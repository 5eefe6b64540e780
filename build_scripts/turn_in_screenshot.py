"""Draw the head cashier's hand-over window (Ctrl+H) for the README.

    QT_QPA_PLATFORM=offscreen python build_scripts/turn_in_screenshot.py

On a small demo store: the cashier opens a shift, takes three payments and closes
it; the head cashier (demo ``thuquy``) signs in inside the window and counts two
notes short, which the window refuses until a reason and a supervisor come. Writes
docs/screenshot-turn-in.png (the window as it draws itself).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from db.demo import DEMO_PASSWORD
    from desktop.app import build_app
    from desktop.demo import generate_demo_store
    from tests.integration.test_turn_ins import closed_shift
    from tests.staff import pretend_enrolled
    from ui.main import make_qapplication
    from ui.tasks import Tasks
    from ui.turn_in_dialog import TurnInDialog

    make_qapplication()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "quaythu.db"
        generate_demo_store(store, accounts=600, seed=3)
        app = build_app(store, create=False)
        try:
            pretend_enrolled(app, 2)
            _key, counts, _counted = closed_shift(app, payments=3)
            dialog = TurnInDialog(app, Tasks(app))
            dialog.show()
            dialog._signed_in(app.auth.sign_in("thuquy", DEMO_PASSWORD))
            for _ in range(100):  # the pending shifts come off the store lane (≤ 5 s)
                QApplication.processEvents()
                if dialog.pages.currentIndex() == 1:
                    break
                time.sleep(0.05)
            for denomination, n in {**counts, 1_000: counts[1_000] - 2}.items():
                dialog.counts[denomination].setValue(n)
            dialog.submit()
            for _ in range(100):
                QApplication.processEvents()
                if "2.000" in dialog.message.text():
                    break
                time.sleep(0.05)
            dialog.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            QApplication.processEvents()
            out = ROOT / "docs" / "screenshot-turn-in.png"
            dialog.grab().save(str(out))
            print(out)
            dialog.close()
            dialog.runner.wait(5000)
        finally:
            app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
