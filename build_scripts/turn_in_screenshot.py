"""Draw the head cashier's hand-over window (Ctrl+H) for the README.

    QT_QPA_PLATFORM=offscreen python build_scripts/turn_in_screenshot.py

On a small demo store: the cashier opens a shift, takes three payments and closes
it; the head cashier (demo ``thuquy``) signs in inside the window and counts two
notes short, which the window refuses until a reason and a supervisor come. Writes
docs/screenshot-turn-in.png (the window as it draws itself). Then the supervisor
approves, and the head cashier opens the deposit page (Ctrl+D), names the bank and
writes the slip: docs/screenshot-deposit.png.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wait(done: Callable[[], bool]) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(100):  # answers come off the store lane (≤ 5 s)
        QApplication.processEvents()
        if done():
            return
        time.sleep(0.05)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from db.demo import DEMO_PASSWORD
    from desktop.app import build_app
    from desktop.demo import generate_demo_store
    from desktop.staff.permissions import ApprovalAction
    from tests.integration.test_turn_ins import closed_shift
    from tests.staff import pretend_enrolled
    from ui.main import make_qapplication
    from ui.office.turn_in_dialog import TurnInDialog
    from ui.shell.tasks import Tasks

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

            head = dialog.head
            assert head is not None
            approval = app.auth.approve(head, ApprovalAction.TURN_IN_DIFFERENCE, _key,
                                        "giamsat", DEMO_PASSWORD, "Thiếu 2 tờ 1.000 đ")
            dialog.reason.setText("Thiếu 2 tờ 1.000 đ")
            dialog.submit(approval)
            wait(lambda: bool(dialog.done_views))
            dialog.show_deposit()
            wait(lambda: dialog.deposit.items.count() == 1)
            dialog.deposit.bank.setText("Vietcombank CN Tân Bình")
            dialog.deposit.submit()
            wait(lambda: dialog.deposit.waiting.count() == 1)
            wait(lambda: "máy in" in dialog.deposit.message.text())
            dialog.deposit.reference.setFocus(Qt.FocusReason.OtherFocusReason)
            QApplication.processEvents()
            out = ROOT / "docs" / "screenshot-deposit.png"
            dialog.grab().save(str(out))
            print(out)
            dialog.close()
            dialog.runner.wait(5000)
        finally:
            app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
