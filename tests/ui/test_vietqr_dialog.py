"""The VietQR dialog closed every way the counter window has: Esc, ×, Alt+F4, a sign-out,
the lock — with the QR pending, and with the bank's money arrived but not yet polled.

The dialog decides nothing: each way of closing it withdraws the core's session, and the
core's loop (driven here pass by pass) asks central to cancel and acts on its answer.
A payment the bank made becomes one payment and one receipt (queued, printed as soon as
a printer is there) and the window says so; a pending one is closed at central. The
core-level table, and the program killed, are tests/integration/test_vietqr_sessions.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.demo import DEMO_PASSWORD
from db.models import Account
from desktop.app import App
from desktop.contract import QrState
from desktop.dto import QrView
from desktop.printing.emulator import PrinterEmulator
from tests.vietqr import Place, agreed, bank_pays, online_counter, vietqr_place
from ui.counter.main_window import MainWindow
from ui.counter.payment_dialog import PaymentDialog

WAYS = ["Esc", "×", "Alt+F4", "sign-out", "lock"]


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Place]:
    with vietqr_place(tmp_path_factory.mktemp("vietqr-ui")) as p:
        yield p


@pytest.fixture(scope="module")
def counter(place: Place) -> Iterator[App]:
    with online_counter(place) as app:
        yield app


@pytest.fixture
def window(qtbot: QtBot, counter: App) -> Iterator[MainWindow]:
    # the link is active (the fixture); the window starts no loop: passes are driven
    w = MainWindow(counter, actor=counter.auth.sign_in("thungan", DEMO_PASSWORD))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.runner.wait(5000)


def qr_on_screen(qtbot: QtBot, window: MainWindow, code: str) -> tuple[PaymentDialog, QrView]:
    window.search.clear()
    qtbot.keyClicks(window.search, code)
    with qtbot.waitSignal(window.account_opened, timeout=5000):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.keyClick(window.search, Qt.Key.Key_F9)
    dialog = window.payment
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.live is not None, timeout=5000)
    assert dialog.live is not None and dialog.live.online
    with qtbot.waitSignal(dialog.qr_shown, timeout=10000) as shown:
        qtbot.keyClick(dialog.tendered, Qt.Key.Key_F6)
    view = shown.args[0]
    assert view.state == QrState.PENDING and view.key == dialog.qr_key
    return dialog, view


def close(qtbot: QtBot, window: MainWindow, dialog: PaymentDialog, way: str) -> None:
    if way == "Esc":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    elif way == "×":
        dialog.close()
    elif way == "Alt+F4":  # what the window manager sends for Alt+F4 and the title bar's ×
        QApplication.sendEvent(dialog, QCloseEvent())
    elif way == "sign-out":
        window.sign_out()
    else:
        window.lock_screen()  # the idle time ran out, or Ctrl+L
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


@pytest.mark.parametrize("paid", [False, True], ids=["pending", "paid, not yet polled"])
@pytest.mark.parametrize("way", WAYS)
def test_the_dialog_closed_leaves_the_outcome_to_the_core(
        qtbot: QtBot, place: Place, counter: App, window: MainWindow, way: str,
        paid: bool) -> None:
    dialog, view = qr_on_screen(qtbot, window, next(place.codes))
    if paid:
        bank_pays(place, view.reference or "")
    close(qtbot, window, dialog, way)
    # closing withdrew the session in the core (on the store lane), nothing else
    qtbot.waitUntil(lambda: counter.qr.view(view.key).withdrawn, timeout=5000)
    assert counter.qr.view(view.key).state == QrState.PENDING
    assert dialog.taken is None
    assert counter.qr.follow_once() == 0  # the core's loop: cancel, and act on the answer
    if paid:
        recorded = counter.qr.view(view.key)
        assert recorded.state == QrState.RECORDED and recorded.receipt_no
        # the window says so, wherever it is (locked, signed out: its banner waits there)
        qtbot.waitUntil(lambda: recorded.receipt_no in window.banner.text(), timeout=5000)
        assert "sau khi đóng cửa sổ" in window.banner.text()
    else:
        assert counter.qr.view(view.key).state == QrState.CANCELLED
        assert "VietQR" not in window.banner.text()
    agreed(counter, place, view.key, paid=paid)


def test_a_receipt_paid_after_its_dialog_prints_once_a_printer_is_there(
        qtbot: QtBot, place: Place, counter: App, window: MainWindow, tmp_path: Path) -> None:
    dialog, view = qr_on_screen(qtbot, window, next(place.codes))
    bank_pays(place, view.reference or "")
    close(qtbot, window, dialog, "Esc")
    qtbot.waitUntil(lambda: counter.qr.view(view.key).withdrawn, timeout=5000)
    assert counter.qr.follow_once() == 0
    receipt = counter.qr.view(view.key).receipt_no
    assert receipt
    waiting = counter.prints.pending()  # this one, and the earlier tests' receipts
    assert waiting >= 1
    with PrinterEmulator(tmp_path / "paper") as printer:
        admin = counter.auth.sign_in("quantri", DEMO_PASSWORD)
        counter.device.set_printer(admin, f"tcp://127.0.0.1:{printer.port}", 80)
        try:
            jobs = printer.wait_for_jobs(waiting, timeout=30)
            printed = []
            for job in jobs:
                with Image.open(job) as image:
                    [qr] = zxingcpp.read_barcodes(image)  # the receipt's verification QR
                printed.append(qr.text.split("|")[1])
            assert printed.count(receipt) == 1
            qtbot.waitUntil(lambda: counter.prints.pending() == 0, timeout=10000)
        finally:
            counter.device.set_printer(admin, None)


def test_the_dialog_shows_the_core_recording_it_while_open(
        qtbot: QtBot, place: Place, counter: App, window: MainWindow) -> None:
    """Paid while the QR is on screen: the core's pass records it and the dialog only
    shows it (the payment, its bank reference, its receipt)."""
    dialog, view = qr_on_screen(qtbot, window, next(place.codes))
    bank_pays(place, view.reference or "")
    with qtbot.waitSignal(dialog.payment_committed, timeout=10000) as committed:
        assert counter.qr.follow_once() == 0  # a poll (not a cancel): its dialog shows it
    taken = committed.args[0]
    assert (taken.method, taken.amount) == ("vietqr", view.amount)
    assert taken.receipt_no in dialog.message.text() and taken.bank_ref in dialog.message.text()
    assert "VietQR" not in window.banner.text()  # it was on screen: nothing more to say
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    with counter.sessions() as s:
        assert s.scalar(select(Account.id).where(Account.id == view.account_id)) is not None
    agreed(counter, place, view.key, paid=True)
