"""F9 and the amount typed in one go reach the amount in every window that takes cash: the
counter's, the agent's and the field collector's (issue 31; the counter's alone held them
at first, and the agent's dialog lost "16 000" typed with F9 as the counter's once did).
The keys come before the dialog could open; the window holds them and hands them to the
amount as it opens (ui/shell/type_ahead.py), and none of them acts on the window below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import LocalPayment
from tests.ui.test_shell_lock import (  # noqa: F401  (shell: the fixture)
    _customer,
    customer_on_screen,
    shell,
)
from ui.agent.agent_window import AgentWindow
from ui.counter.main_window import MainWindow
from ui.shell.window import ShellWindow


def test_f9_and_the_amount_typed_at_once_give_that_amount(
        qtbot: QtBot, shell: ShellWindow) -> None:  # noqa: F811
    w = shell
    field = customer_on_screen(qtbot, w)
    qtbot.keyClick(field, Qt.Key.Key_F9)
    qtbot.keyClicks(field, "16000")  # delivered before the dialog's turn
    qtbot.keyClick(field, Qt.Key.Key_F10)  # the window's own key (its shift): not acted on
    qtbot.waitUntil(lambda: w.payment is not None  # type: ignore[attr-defined]
                    and w.payment.isVisible(), timeout=5000)  # type: ignore[attr-defined]
    dialog = w.payment  # type: ignore[attr-defined]
    assert dialog.tendered.text() == "16.000"
    # nothing typed for the amount went to the window below, nor opened its shift dialog
    if isinstance(w, (MainWindow, AgentWindow)):
        assert field.text() == _customer(w.app)[1]  # type: ignore[attr-defined]
    shift_dialog = getattr(w, "dialog", None) or getattr(w.shifts, "dialog", None)
    assert shift_dialog is None or not shift_dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    if isinstance(w, AgentWindow):
        # the customer went with the dialog: the line no longer offers F9 (a walk found it)
        assert w.detail is None and "F9" not in w.message.text()
        assert "Chưa thu tiền" in w.message.text()
    with w.app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(LocalPayment)) == 0


def test_f9_twice_at_once_opens_one_dialog(qtbot: QtBot, shell: ShellWindow) -> None:  # noqa: F811
    w = shell
    field = customer_on_screen(qtbot, w)
    qtbot.keyClick(field, Qt.Key.Key_F9)
    first = getattr(w, "payment", None)
    qtbot.keyClick(field, Qt.Key.Key_F9)  # a double press: the dialog is on its way
    qtbot.waitUntil(lambda: w.payment is not None  # type: ignore[attr-defined]
                    and w.payment.isVisible(), timeout=5000)  # type: ignore[attr-defined]
    dialog = w.payment  # type: ignore[attr-defined]
    assert first is None or first is dialog
    opened = [d for d in w.findChildren(type(dialog)) if d.isVisible()]
    assert opened == [dialog]
    dialog.reject()
