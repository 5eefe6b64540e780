"""Show one window or dialog of QuayThu as a person meets it, for the screenshots of
``docs/screens.md`` (before and after the design system).

    build_scripts/look_screens.sh after             # every scene, this tree, docs/look-after-*.png

    python build_scripts/look_screens.py SCENE     # under ../shared/tools/shot

SCENES lists them. A small demo city is loaded into a central on loopback, a counter (or an
agent shop) enrolled and synced, someone signed in; the window then stays on screen,
maximised (a dialog over its window), for the screenshot taken from outside (a real
window, with the window manager). The script only uses what the windows had before the
design system where it can, so the same scene runs on the tree before it for the "before"
pictures; a scene that tree cannot show writes its reason to $LOOK_MISSING (the shell
script then keeps no picture of it).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, os.getcwd())

#: every scene, in the order a person meets them over a day
SCENES = ("sign-in", "counter", "payment", "payment-change", "vietqr", "tools", "receipts",
          "shift-open", "shift-close", "cash-drop", "cash-drop-refused", "lock", "request",
          "request-list", "sync-issues", "office", "turn-in", "deposit", "deposit-refused",
          "agent", "agent-closing", "collector",
          "collector-close", "settings", "printer", "wizard")


def wait(done: Callable[[], bool], rounds: int = 200) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):  # answers come off the store and network lanes (≤ 10 s)
        QApplication.processEvents()
        if done():
            return
        time.sleep(0.05)


def missing(scene: str, why: str) -> int:
    """This tree cannot show the scene: say so (no picture is kept)."""
    print(f"look_screens: {scene}: {why}", file=sys.stderr)
    where = os.environ.get("LOOK_MISSING")
    if where:
        Path(where).write_text(why + "\n", encoding="utf-8")
    return 0


def type_into_focus(text: str) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    field = QApplication.focusWidget()
    if field is not None:
        QTest.keyClicks(field, text)


def shown(dialog: Any) -> Any:
    """A dialog on screen over its window, active, as a person sees it."""
    wait(lambda: dialog is not None and dialog.isVisible())
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def main(scene: str) -> int:
    from central.seed import seed
    from db.demo import DEMO_PASSWORD, demo_password_hash
    from desktop.app import build_app
    from tests.central_server import central_on, serving
    from ui.main import make_qapplication
    from ui.shell.tasks import Tasks

    qapp = make_qapplication()
    if scene == "wizard":
        return wizard(qapp)
    as_of = dt.date(2026, 11, 27)
    with tempfile.TemporaryDirectory() as tmp, central_on(f"{tmp}/central.db") as central:
        seed(central.sessions, accounts=1500, seed=9, as_of=as_of)
        unit = "PE1400"
        if scene.startswith("agent"):
            unit = "DL0001"
            central.add_unit(unit, "Cửa hàng Minh Anh (thu hộ)", kind="agent")
            central.add_staff(unit, "daily", "Võ Minh Anh", "agent", demo_password_hash())
            central.set_collection_limit(unit, 5_000_000)
        if scene.startswith("collector"):
            # the counter's day (Asia/Ho_Chi_Minh): after 17:00 UTC the machine's date is
            # the day before, and the route would not be today's
            from zoneinfo import ZoneInfo

            today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
            central.issue_route("PE1400", "PE1400-001", "thuld", today)
        with serving(central) as url:
            app = build_app(Path(tmp) / "counter" / "quaythu.db")
            app.link.enrol(url, central.issue_enrolment_code(unit), "Quầy 1")
            app.link.sync_once()
            if scene == "sign-in":
                from ui.shell.sign_in_dialog import Mode, SignInDialog

                dialog = SignInDialog(app, Tasks(app), Mode.SIGN_IN)
                dialog.show()
                dialog.username.setFocus()
                qapp.exec()
                return 0
            if scene in ("office", "turn-in", "deposit", "deposit-refused"):
                return office(qapp, app, scene, DEMO_PASSWORD)
            window: Any  # the scene's window: each has its own parts
            who = "daily" if scene.startswith("agent") else \
                "thuld" if scene.startswith("collector") else "thungan"
            actor = app.auth.sign_in(who, DEMO_PASSWORD)
            if scene.startswith("agent"):
                from ui.agent.agent_window import AgentWindow

                app.shifts.open(actor, 0)
                window = AgentWindow(app, Tasks(app), actor=actor, online=True)
            elif scene.startswith("collector"):
                from ui.collector.collector_window import CollectorWindow

                if scene == "collector-close":
                    app.shifts.open(actor, 200_000)
                window = CollectorWindow(app, Tasks(app), actor=actor)
            else:
                from ui.counter.main_window import MainWindow

                if scene != "shift-open":
                    app.shifts.open(actor, 500_000)
                if scene in ("receipts", "shift-close", "cash-drop", "cash-drop-refused"):
                    from desktop.sim import accounts_with_unpaid_bills

                    for account_id in accounts_with_unpaid_bills(app)[:3]:
                        app.payments.take_cash(actor, account_id)
                window = MainWindow(app, Tasks(app), actor=actor, online=True)
            window.showMaximized()
            window.raise_()
            window.activateWindow()
            wait(lambda: window.isVisible())
            if scene in ("counter", "payment", "payment-change", "vietqr", "tools", "request"):
                open_customer(window)
            try:
                why = act(qapp, app, window, scene, DEMO_PASSWORD, central)
            except (AttributeError, ImportError) as exc:  # a part this tree does not have
                import traceback

                traceback.print_exc()
                why = f"{type(exc).__name__}: {exc}"
            if why:
                return missing(scene, why)
            qapp.exec()
            app.close()
    return 0


def open_customer(window: Any) -> None:
    window.search.setText("nguyen")
    window._search_now()
    wait(lambda: window.results_model.rowCount() > 0)
    window.results.setFocus()
    index = window.results_model.index(min(3, window.results_model.rowCount() - 1), 0)
    window.results.setCurrentIndex(index)
    hit = window.finder.highlighted()
    if hit is not None:
        window.open_account(hit.id)
    wait(lambda: window.panel.detail is not None)


def act(qapp: Any, app: Any, window: Any, scene: str, password: str, central: Any) -> str:
    """What the person did in the window before the picture; a reason when this tree
    cannot show the scene."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ui.shell.tasks import Tasks

    if scene in ("payment", "payment-change", "vietqr"):
        window.take_payment()
        wait(lambda: window.payment is not None and window.payment.isVisible())
        payment = shown(window.payment)
        if scene in ("payment", "payment-change"):
            payment.tendered.setFocus()
            # typed as a cashier types it: grouped, the change (or what is missing) live
            QTest.keyClicks(payment.tendered, "2000000")
            if scene == "payment-change":  # taken: the change, on the customer's display too
                QTest.keyClick(payment.tendered, Qt.Key.Key_Return)
                wait(lambda: payment.display is not None and payment.display.isVisible(),
                     rounds=300)
        else:
            payment.start_qr()
            wait(lambda: payment.qr_image.pixmap() is not None
                 and not payment.qr_image.pixmap().isNull(), rounds=300)
            payment.raise_()
            payment.activateWindow()
    elif scene == "tools":
        window.open_tools()
        tools = shown(window.tools)
        wait(lambda: tools.isActiveWindow())
        type_into_focus("300")
    elif scene == "receipts":
        window.open_receipts()
        shown(window.receipts)
    elif scene in ("shift-open", "shift-close", "collector-close"):
        wait(lambda: window.shifts.shift is not None, rounds=40)
        window.shifts.open_or_close()
        wait(lambda: window.shifts.dialog is not None)
        dialog = shown(window.shifts.dialog)
        wait(lambda: dialog.isActiveWindow(), rounds=40)
        type_into_focus("500000" if scene == "shift-open" else "3")
    elif scene in ("cash-drop", "cash-drop-refused"):
        window.shifts.cash_drop()
        wait(lambda: window.shifts.dialog is not None)
        drop = shown(window.shifts.dialog)
        if scene == "cash-drop":
            type_into_focus("2000000")
        else:  # more than the drawer holds: refused, said under the amount
            type_into_focus("90000000")
            QTest.keyClick(drop.amount, Qt.Key.Key_Return)
            wait(lambda: drop.amount.error.isVisible(), rounds=300)
    elif scene == "lock":
        window.lock_screen()
    elif scene == "request":
        window.take_request()
        dialog = shown(window.request_dialog)
        dialog.phone.setText("0909 123 456")
        dialog.id_number.setText("079190001234")
        if hasattr(dialog, "consent"):  # (the personal-data consent came later)
            dialog.consent.setChecked(True)
        dialog.note.setPlainText("Công tơ chạy nhanh bất thường từ tháng 10")
        dialog.phone.setFocus()
    elif scene == "request-list":
        if not hasattr(window, "open_request_list"):
            return "no request list (F4) in this tree"
        from desktop.service_requests import RequestForm
        from desktop.sim import accounts_with_unpaid_bills

        with app.sessions() as s:
            from db.models import Account

            accounts = [s.get(Account, i) for i in accounts_with_unpaid_bills(app)[:3]]
            people = [(a.id, a.name, a.address) for a in accounts if a is not None]
        for (account_id, name, address), kind, details in zip(people, (
                "meter_inspection", "usage_alert", "meter_inspection"), (
                {"reason": "Công tơ chạy nhanh"},
                {"channel": "Zalo", "contact": "0909123456", "threshold": "300",
                 "threshold_unit": "kWh"}, {"reason": "Công tơ chạy nhanh"}), strict=False):
            app.requests.submit(window.actor, RequestForm(
                kind, name, address, "0909123456", account_id=account_id, details=details,
                papers=("application",) if kind == "meter_inspection" else ()))
        window.open_request_list()
        shown(window.request_list)
    elif scene == "sync-issues":
        window.show_sync_issues()
        from ui.shell.sync_issues_dialog import SyncIssuesDialog

        wait(lambda: any(w.isVisible() for w in qapp.topLevelWidgets()
                         if isinstance(w, SyncIssuesDialog)))
        for w in qapp.topLevelWidgets():
            if isinstance(w, SyncIssuesDialog) and w.isVisible():
                shown(w)
    elif scene in ("settings", "printer"):
        admin = app.auth.sign_in("quantri", password)
        if scene == "settings":
            from ui.setup.settings_dialog import SettingsDialog

            dialog = SettingsDialog(app, Tasks(app), admin, parent=window)
        else:
            from ui.setup.printer_dialog import PrinterDialog

            dialog = PrinterDialog(app, Tasks(app), admin, window)
        dialog.open()
        shown(dialog)
    elif scene == "agent":
        from tests.integration.test_agent import unpaid_accounts

        window.code.setText(unpaid_accounts(central, 1)[0][0])
        window.look_up()
        wait(lambda: window.detail is not None)
    elif scene == "agent-closing":
        if not hasattr(window, "close_day"):
            return "no day's closing in the agent's window of this tree"
        wait(lambda: getattr(window, "day_view", None) is not None)
        window.close_day()  # the first Ctrl+K: says what will be sent
    return ""


def office(qapp: Any, app: Any, scene: str, password: str) -> int:
    """The head cashier: the own window (office), or the turn-in count and the deposit."""
    from PySide6.QtCore import Qt

    from tests.integration.test_turn_ins import closed_shift
    from ui.office.turn_in_dialog import TurnInDialog
    from ui.shell.tasks import Tasks

    _key, counts, _counted = closed_shift(app, payments=3)
    head = app.auth.sign_in("thuquy", password)
    if scene == "office":
        try:
            from ui.office.office_window import OfficeWindow
        except ImportError:
            return missing(scene, "no head cashier's window in this tree (Ctrl+H only)")
        window = OfficeWindow(app, Tasks(app), actor=head)
        window.showMaximized()
        window.activateWindow()
        qapp.exec()
        app.close()
        return 0
    dialog = TurnInDialog(app, Tasks(app))
    dialog.show()
    dialog._signed_in(head)
    wait(lambda: dialog.pages.currentIndex() == 1)
    if scene == "turn-in":
        first = min(counts)
        for denomination, n in counts.items():
            if denomination != first:
                dialog.counts[denomination].setValue(n)
        field = dialog.counts[first]
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        type_into_focus(str(counts[first]))  # the last row typed as the head cashier types
    else:
        for denomination, n in counts.items():
            dialog.counts[denomination].setValue(n)
        dialog.submit()
        wait(lambda: bool(getattr(dialog, "done_views", None)))
        dialog.show_deposit()
        wait(lambda: dialog.deposit.items.count() >= 1)
        if scene == "deposit":
            dialog.deposit.bank.setText("Vietcombank CN Tân Bình")
        else:  # Ctrl+Enter with no bank: said beside the field, what is typed next lands there
            dialog.deposit.bank.clear()
            dialog.deposit.items.setFocus()
            dialog.deposit.submit()
            wait(lambda: dialog.deposit.bank_error.isVisible(), rounds=300)
            type_into_focus("Vietcombank CN Tan Binh")
    dialog.raise_()
    dialog.activateWindow()
    qapp.exec()
    app.close()
    return 0


def wizard(qapp: Any) -> int:
    """The first run: the setup wizard on a new counter, at its enrolment page."""
    from desktop.app import build_app
    from desktop.dto import SetupState
    from ui.setup.setup_wizard import SetupWizard
    from ui.shell.tasks import Tasks

    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Path(tmp) / "quaythu.db")
        wizard = SetupWizard(app, Tasks(app), SetupState(False, False), language="vi",
                             settings_path=Path(tmp) / "settings.toml")
        wizard.central.url.setText("https://thu.evnhcmc.vn")
        wizard.enrol_page.code.setText("K7QM-3WXA-9PLD")
        wizard.enrol_page.name.setText("Quầy 3 – Gia Định")
        wizard.setStartId(2)
        wizard.show()
        wizard.activateWindow()
        qapp.exec()
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
