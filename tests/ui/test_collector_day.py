"""A field collector's whole day in the real window: the route downloaded before leaving,
50 collections offline with their receipts on the 58 mm printer emulator, doors marked,
the hand-over to the head cashier, and everything at central exactly once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from central.models import Payment as CentralPayment
from central.models import TurnIn as CentralTurnIn
from central.models import Visit as CentralVisit
from central.service import Central
from db.demo import DEMO_PASSWORD
from desktop.app import App
from desktop.printing.emulator import PrinterEmulator
from ui.collector.collector_window import CollectorWindow
from ui.counter.open_shift_dialog import OpenShiftDialog
from ui.counter.payment_dialog import CHANGE_GUARD_S
from ui.office.turn_in_dialog import TurnInDialog
from ui.shell.tasks import Tasks

ROUTE = "PE1400-001"
COLLECTIONS = 50


def today() -> dt.date:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()


def collect_first_owing(qtbot: QtBot, window: CollectorWindow) -> str:
    """Enter on the first stop still owing, exact money, Enter, Enter: its code."""
    stop = window.current_stop()
    assert stop is not None and stop.unpaid
    rows = window.row_count()
    before = window.payment
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.payment is not before and window.payment is not None,
                    timeout=10_000)
    dialog = window.payment
    assert dialog is not None and dialog.detail.code == stop.code
    qtbot.waitUntil(lambda: dialog.live is not None, timeout=10_000)
    assert dialog.live.message.startswith("Ngoại tuyến")  # all day without a link
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_F5)
    with qtbot.waitSignal(dialog.payment_committed, timeout=10_000):
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
    read = dialog.clock() + CHANGE_GUARD_S  # the change was on screen long enough
    dialog.clock = lambda: read
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    # the paid stop leaves the owing list; the next one is highlighted
    qtbot.waitUntil(lambda: window.row_count() == rows - 1
                    and window.current_stop() is not None, timeout=10_000)
    return stop.code


def test_a_collectors_whole_day(qtbot: QtBot, synced_counter: App, central: Central,
                                tmp_path: Path) -> None:
    app = synced_counter
    sheet = central.issue_route("PE1400", ROUTE, "thuld", today())
    app.link.sync_once()  # at the office, before leaving: the route comes down
    with PrinterEmulator(tmp_path / "paper", width=384) as printer:
        app.device.set_printer(app.auth.sign_in("quantri", DEMO_PASSWORD),
                    f"tcp://127.0.0.1:{printer.port}", 58)
        actor = app.auth.sign_in("thuld", DEMO_PASSWORD)
        window = CollectorWindow(app, Tasks(app), actor=actor)  # the link stays down all day
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: window.row_count() == len(sheet["stops"]), timeout=10_000)
        qtbot.waitUntil(lambda: "Máy in sẵn sàng" in window.ready.text(), timeout=10_000)
        assert f"Lộ trình {ROUTE}: {len(sheet['stops'])} khách" in window.ready.text()
        assert "Dữ liệu cập nhật" in window.ready.text()

        qtbot.keyClick(window.table, Qt.Key.Key_F10)
        qtbot.waitUntil(lambda: isinstance(window.dialog, OpenShiftDialog), timeout=5000)
        opening = window.dialog
        assert isinstance(opening, OpenShiftDialog)
        opening.float_.setText("200.000")
        with qtbot.waitSignal(opening.opened, timeout=5000):
            qtbot.keyClick(opening.float_, Qt.Key.Key_Return)
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        qtbot.waitUntil(lambda: window.shift_status.text().startswith("Ca mở"), timeout=5000)

        owing = sum(1 for st in app.routes.today(actor).stops if st.unpaid)
        qtbot.keyClick(window.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.row_count() == owing, timeout=5000)
        assert 0 < owing < len(sheet["stops"])  # the paid-up are hidden
        assert owing > COLLECTIONS + 4
        collected = [collect_first_owing(qtbot, window) for _ in range(COLLECTIONS)]
        assert len(set(collected)) == COLLECTIONS
        assert window.row_count() == owing - COLLECTIONS
        assert len(printer.wait_for_jobs(COLLECTIONS, timeout=60)) == COLLECTIONS

        marked = []
        for n, note in ((1, ""), (2, "Chủ nhà hẹn tuần sau"), (3, "Nhà đã bán"),
                        (4, "Công tơ không quay")):
            window.table.selectRow(n)
            stop = window.current_stop()
            assert stop is not None
            window.note.setText(note)
            with qtbot.waitSignal(window.marked, timeout=5000):
                qtbot.keyClick(window.table, getattr(Qt.Key, f"Key_{n}"),
                               Qt.KeyboardModifier.ControlModifier)
            marked.append(stop.code)
            qtbot.waitUntil(lambda: window.current_stop() is not None, timeout=5000)
        row = next(r for r in range(window.row_count())
                   if window.code_at(r) == marked[1])
        window.table.selectRow(row)
        qtbot.keyClick(window.table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "mỗi nhà ghi một lần" in window.message.text(), timeout=5000)
        assert window.progress.text().startswith(f"Lộ trình {ROUTE} · Đã thu {COLLECTIONS}/")

        # back at the office: the shift closed with its count, handed to the head cashier
        with app.sessions() as s:
            from db.models import LocalPayment

            # exact money to the 500 đ the drawer holds: the odd đồng are credits
            cash = 200_000 + int(s.scalar(select(func.sum(
                LocalPayment.amount + LocalPayment.change_credit))) or 0)
        counts = {100_000: cash // 100_000, 1_000: cash % 100_000 // 1_000,
                  500: cash % 1_000 // 500}
        shift = app.shifts.current(actor)
        assert shift is not None
        app.shifts.close(actor, counts)
        qtbot.keyClick(window.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: isinstance(window.dialog, TurnInDialog), timeout=5000)
        hand_over = window.dialog
        assert isinstance(hand_over, TurnInDialog)
        qtbot.keyClicks(hand_over.username, "thuquy")
        qtbot.keyClick(hand_over.username, Qt.Key.Key_Return)
        qtbot.keyClicks(hand_over.password, DEMO_PASSWORD)
        qtbot.keyClick(hand_over.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: hand_over.shifts.count() == 1, timeout=5000)
        for denomination, n in counts.items():
            hand_over.counts[denomination].setValue(n)
        qtbot.keyClick(hand_over, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(hand_over.done_views), timeout=5000)
        hand_over.close()
        window.close()

    for _ in range(3):  # the link is back: everything goes up, and a retry changes nothing
        app.link.sync_once()
    with central.sessions() as s:
        payments = s.scalars(select(CentralPayment).where(
            CentralPayment.shift_key == shift.key)).all()
        visits = s.scalars(select(CentralVisit).where(
            CentralVisit.sheet_id == sheet["id"])).all()
        turn_ins = s.scalars(select(CentralTurnIn).where(
            CentralTurnIn.shift_key == shift.key)).all()
    assert len(payments) == COLLECTIONS
    assert sorted(v.account_code for v in visits if v.outcome == "paid") == sorted(collected)
    assert [v.account_code for v in visits if v.outcome != "paid"] == marked
    assert len(turn_ins) == 1 and turn_ins[0].counted == sum(d * n for d, n in counts.items())
    with app.sessions() as s:
        from db.models import OutboxOp

        assert s.scalar(select(func.count()).select_from(OutboxOp)
                        .where(OutboxOp.state == "pending")) == 0
