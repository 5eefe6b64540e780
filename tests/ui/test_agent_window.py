"""The agent's window by keyboard: exact code, cash to its limit, the warning, the closing,
receipts to the printer emulator and everything at central once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from central.models import Payment as CentralPayment
from central.service import Central
from db.demo import DEMO_PASSWORD
from desktop.app import App
from desktop.printing.emulator import PrinterEmulator
from tests.conftest import AGENT
from tests.integration.test_agent import unpaid_accounts
from ui.agent.agent_window import AgentWindow
from ui.counter.payment_dialog import CHANGE_GUARD_S
from ui.shell.tasks import Tasks


def look_up(qtbot: QtBot, window: AgentWindow, code: str) -> None:
    window.code.clear()
    qtbot.keyClicks(window.code, code)
    with qtbot.waitSignal(window.found, timeout=10_000):
        qtbot.keyClick(window.code, Qt.Key.Key_Return)


def pay(qtbot: QtBot, window: AgentWindow) -> None:
    qtbot.keyClick(window.code, Qt.Key.Key_F9)
    dialog = window.payment
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.live is not None, timeout=10_000)
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_F5)  # the exact amount
    with qtbot.waitSignal(dialog.payment_committed, timeout=10_000):
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
    read = dialog.clock() + CHANGE_GUARD_S  # the change was on screen long enough
    dialog.clock = lambda: read
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)  # the keys are the window's again


def open_shift(qtbot: QtBot, window: AgentWindow, float_: str = "0") -> None:
    """F10 with no shift: the open-shift dialog, the till's change typed, Enter."""
    from ui.counter.open_shift_dialog import OpenShiftDialog

    qtbot.keyClick(window.code, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: isinstance(window.shifts.dialog, OpenShiftDialog)
                    and window.shifts.dialog.isVisible(), timeout=5000)
    dialog = window.shifts.dialog
    assert isinstance(dialog, OpenShiftDialog)
    dialog.float_.selectAll()
    qtbot.keyClicks(dialog.float_, float_)
    with qtbot.waitSignal(dialog.opened, timeout=5000):
        qtbot.keyClick(dialog.float_, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shifts.shift is not None, timeout=5000)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def test_an_agent_reaches_its_limit_by_keyboard_and_sends_its_closing(
        qtbot: QtBot, agent: App, central: Central, tmp_path: Path) -> None:
    app = agent
    by_amount = sorted({o: (c, o) for c, o in unpaid_accounts(central, 40)}.values(),
                       key=lambda r: r[1])
    (first, owed1), (second, owed2), (third, owed3) = by_amount[-1], by_amount[-2], by_amount[0]
    # room for the two largest and 1 đ short of the smallest: a warning after the two
    central.set_collection_limit(AGENT, owed1 + owed2 + owed3 - 1)
    app.link.sync_once()
    actor = app.auth.sign_in("daily", DEMO_PASSWORD)
    with PrinterEmulator(tmp_path / "paper", width=384) as printer:
        app.device.set_printer(app.auth.sign_in("quantri", DEMO_PASSWORD),
                    f"tcp://127.0.0.1:{printer.port}", 58)
        window = AgentWindow(app, Tasks(app), actor=actor)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        qtbot.waitUntil(lambda: "Hạn mức còn" in window.limit_label.text(), timeout=5000)
        assert not hasattr(window, "search") and not hasattr(window, "results")  # no browsing
        window.code.insert("Nguyễn Văn")  # a name is refused: exact codes only
        qtbot.keyClick(window.code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "không tìm theo tên" in window.message.text(), timeout=5000)

        look_up(qtbot, window, first)
        assert window.name.text() != "—" and window.detail is not None
        open_shift(qtbot, window)
        pay(qtbot, window)
        look_up(qtbot, window, second)
        pay(qtbot, window)
        qtbot.waitUntil(lambda: "Sắp hết hạn mức" in window.limit_label.text(), timeout=5000)
        look_up(qtbot, window, third)
        qtbot.keyClick(window.code, Qt.Key.Key_F9)  # over by 1 đ: refused before the dialog
        assert "Vượt hạn mức" in window.message.text()
        assert len(printer.wait_for_jobs(2)) == 2  # the two receipts, printed

        qtbot.keyClick(window.code, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        assert "lần nữa" in window.message.text()  # the first press only says what is sent
        with qtbot.waitSignal(window.closed_day, timeout=10_000) as sent:
            qtbot.keyClick(window.code, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        assert sent.args[0].count == 2 and sent.args[0].total == owed1 + owed2
        qtbot.keyClick(window.code, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        assert "Đã gửi chốt" in window.message.text()  # a second closing is not sent
        window.close()
    app.link.sync_once()
    with central.sessions() as s:
        assert len(s.scalars(select(CentralPayment).where(
            CentralPayment.unit_code == AGENT)).all()) == 2
    [closing] = central.closings(AGENT)
    assert (closing["status"], closing["count"]) == ("matched", 2)
