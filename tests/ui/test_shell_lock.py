"""Every window stands on the one shell: the counter's, the agent's and the field
collector's lock after the idle time and with Ctrl+L, hide the customer while locked,
keep the lock screen whatever closes it, and the core refuses their money meanwhile
(pytest-qt, offscreen; the idle clock is a fake one moved on by the test, never waited)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.demo import DEMO_PASSWORD
from db.models import Account, RouteSheet
from desktop.app import App
from desktop.labels import VN_TZ
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.auth import ScreenLocked
from tests.staff import pretend_enrolled, sign_in
from tests.ui.test_sign_in import type_in
from ui.agent.agent_window import AgentWindow
from ui.collector.collector_window import CollectorWindow
from ui.counter.main_window import MainWindow
from ui.shell.window import ShellWindow

WINDOWS = ("counter", "agent", "collector")
USERS = {"counter": "thungan", "agent": "daily", "collector": "thuld"}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _customer(app: App) -> tuple[int, str, str]:
    account_id = accounts_with_unpaid_bills(app)[0]
    with app.sessions() as s:
        a = s.get(Account, account_id)
        assert a is not None
        return account_id, a.code, a.name


def _route_for_today(app: App, account_id: int) -> None:
    """The sheet a sync brings down, for this store without central: one stop."""
    with app.writes() as s, s.begin():
        s.add(RouteSheet(id=1, route_code="PE1400-001", collector="thuld",
                         day=dt.datetime.now(VN_TZ).date(), stops=json.dumps([account_id])))


@pytest.fixture(params=WINDOWS)
def shell(request: pytest.FixtureRequest, qtbot: QtBot, app: App) -> Iterator[ShellWindow]:
    kind: str = request.param
    pretend_enrolled(app, 21)
    account_id, _code, _name = _customer(app)
    actor = sign_in(app, USERS[kind])
    w: ShellWindow
    if kind == "counter":
        app.shifts.open(actor, 0)
        w = MainWindow(app, actor=actor)
    elif kind == "agent":
        app.shifts.open(actor, 0)  # opened with a word (F10), as the agent does
        w = AgentWindow(app, actor=actor)
    else:
        app.shifts.open(actor, 0)
        _route_for_today(app, account_id)
        w = CollectorWindow(app, actor=actor)
    # events decide, not the clock: the lock's own once-a-second look is off (the idle
    # test calls it by hand after moving its fake clock on)
    w.idle_check.stop()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: w.shift_status.text().startswith("Ca mở"), timeout=5000)
    yield w
    w.runner.wait(5000)


def customer_on_screen(qtbot: QtBot, w: ShellWindow) -> QWidget:
    """The customer put on screen as the window's person does; the field F9 is typed in."""
    _id, code, _name = _customer(w.app)
    if isinstance(w, MainWindow):
        qtbot.keyClicks(w.search, code)
        with qtbot.waitSignal(w.account_opened, timeout=5000):
            qtbot.keyClick(w.search, Qt.Key.Key_Return)
        return w.search
    if isinstance(w, AgentWindow):
        qtbot.keyClicks(w.code, code)
        with qtbot.waitSignal(w.found, timeout=5000):
            qtbot.keyClick(w.code, Qt.Key.Key_Return)
        return w.code
    assert isinstance(w, CollectorWindow)
    qtbot.waitUntil(lambda: w.row_count() == 1, timeout=5000)
    w.table.setFocus()
    return w.table


def _open_customer(qtbot: QtBot, w: ShellWindow) -> None:
    """The window's way to put the customer on screen, and its cash dialog for them."""
    _id, _code, name = _customer(w.app)
    qtbot.keyClick(customer_on_screen(qtbot, w), Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.payment is not None and w.payment.isVisible(),  # type: ignore[attr-defined]
                    timeout=5000)
    assert _on_screen(w, name)


def _on_screen(w: ShellWindow, text: str) -> bool:
    """Whether ``text`` can be read in the window or in any of its other windows."""
    widgets: list[QWidget] = [w, *w.other_windows()]
    for top in widgets:
        if top.isVisible() and text in top.windowTitle():
            return True
        for label in top.findChildren(QLabel):
            if label.isVisible() and text in label.text():
                return True
        for view in top.findChildren(QAbstractItemView):
            model = view.model()
            if not view.isVisible() or model is None:
                continue
            columns = model.columnCount() if isinstance(model, QAbstractTableModel) else 1
            if any(text in str(model.data(model.index(r, c)) or "")
                   for r in range(model.rowCount()) for c in range(columns)):
                return True
    return False


def _lock_screen_up(w: ShellWindow) -> bool:
    d = w.lock_dialog
    return d is not None and shiboken6.isValid(d) and d.isVisible() and d.password.isVisible()


def _refused_while_locked(w: ShellWindow) -> None:
    """The lock is the core's: the window's money is refused whatever the screen shows."""
    app, actor = w.app, w.actor
    account_id, code, _name = _customer(app)
    with pytest.raises(ScreenLocked):
        app.payments.take_cash(actor, account_id)
    with pytest.raises(ScreenLocked):
        if isinstance(w, AgentWindow):
            app.agent.close_day(actor)
        elif isinstance(w, CollectorWindow):
            app.routes.mark(actor, 1, account_id, "not_home", "vắng nhà")
        else:
            app.lookup.search(code, actor=actor)


def _unlock(qtbot: QtBot, w: ShellWindow) -> None:
    d = w.lock_dialog
    assert d is not None
    with qtbot.waitSignal(w.screen_unlocked, timeout=5000):
        type_in(qtbot, d, None, DEMO_PASSWORD)  # the name is already there: the password
    assert not w.locked and not w.app.auth.is_locked(w.actor)
    assert w.pages.currentIndex() == 0


def test_the_idle_time_locks_every_window_and_hides_its_customer(
        qtbot: QtBot, shell: ShellWindow) -> None:
    w, clock = shell, FakeClock()
    w.idle.clock = clock
    w.idle.touch()
    limit = w.app.settings.idle_lock_minutes * 60
    assert w.idle_limit == limit  # the one setting, in every window
    _open_customer(qtbot, w)
    clock.now += limit - 1
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Shift)  # someone is here
    clock.now += limit - 1
    w.lock.check()  # the timer's turn: not idle long enough since that key
    assert not w.locked
    clock.now += 2
    with qtbot.waitSignal(w.screen_locked, timeout=5000):
        w.lock.check()
    assert w.locked and w.pages.currentIndex() == 1
    qtbot.waitUntil(lambda: w.app.auth.is_locked(w.actor), timeout=5000)
    assert _lock_screen_up(w)
    d = w.lock_dialog
    assert d is not None and d.username.text() == USERS[_kind(w)]
    _id, code, name = _customer(w.app)
    # nothing of the customer anywhere: not the window, not the cash dialog (closed)
    assert not _on_screen(w, name) and not _on_screen(w, code)
    assert w.other_windows() == []
    _refused_while_locked(w)
    _unlock(qtbot, w)
    if isinstance(w, CollectorWindow):
        qtbot.waitUntil(lambda: _on_screen(w, name), timeout=5000)  # the day's route again
    else:
        assert not _on_screen(w, name)  # the next customer starts from an empty screen


def _kind(w: ShellWindow) -> str:
    return {MainWindow: "counter", AgentWindow: "agent", CollectorWindow: "collector"}[type(w)]


def test_ctrl_l_locks_every_window_and_no_way_of_closing_the_lock_screen_opens_it(
        qtbot: QtBot, shell: ShellWindow) -> None:
    w = shell
    qtbot.waitUntil(lambda: w.isActiveWindow(), timeout=5000)
    with qtbot.waitSignal(w.screen_locked, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_L,
                       Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.app.auth.is_locked(w.actor), timeout=5000)
    seen = []
    for how in ("Esc", "×/Alt+F4", "reject()", "close()", "hide()", "deleteLater()",
                "destroyed"):
        first = w.lock_dialog
        assert first is not None and _lock_screen_up(w), how
        if how == "Esc":
            qtbot.keyClick(first.password, Qt.Key.Key_Escape)  # not even closed
        elif how == "×/Alt+F4":
            QApplication.sendEvent(first, QCloseEvent())  # what the title bar's × sends
        elif how == "reject()":
            first.reject()
        elif how == "close()":
            first.close()
        elif how == "hide()":
            first.hide()
        elif how == "deleteLater()":
            with qtbot.waitSignal(first.destroyed, timeout=5000):
                first.deleteLater()  # another part of the program let it go
        else:
            shiboken6.delete(first)  # the window destroyed from outside
        qtbot.waitUntil(lambda: _lock_screen_up(w), timeout=5000)
        if how != "Esc":
            assert w.lock_dialog is not first, how  # a new one, with its password box
            fresh = w.lock_dialog
            assert fresh is not None and fresh.password.isVisible(), how
        assert w.locked and w.pages.currentIndex() == 1, how
        assert w.app.auth.is_locked(w.actor), how
        seen.append(how)
    assert len(seen) == 7
    visible = [t for t in QApplication.topLevelWidgets() if t.isVisible() and t is not w]
    assert visible == [w.lock_dialog]  # one lock screen, never two
    _refused_while_locked(w)
    _unlock(qtbot, w)


def test_signing_out_at_the_agents_lock_screen_hands_the_shop_pc_to_whoever_signs_in(
        qtbot: QtBot, app: App) -> None:
    pretend_enrolled(app, 22)
    w = AgentWindow(app, actor=sign_in(app, "daily"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.lock_screen()
    d = w.lock_dialog
    assert d is not None
    with qtbot.waitSignal(w.signed_out, timeout=5000):
        d.findChild(type(d.ok), "signOutButton").click()
    sign_in_screen = w.lock_dialog
    assert sign_in_screen is not None and sign_in_screen is not d
    type_in(qtbot, sign_in_screen, "thuld", DEMO_PASSWORD)
    # a collector gets the route's window (ui/main.run_gui opens it), not the agent's
    qtbot.waitUntil(lambda: w.next_actor is not None, timeout=5000)
    assert w.next_actor is not None and w.next_actor.role == "field_collector"
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    with app.sessions() as s:  # the agent's session ended with the sign-out
        from db.models import StaffSession

        ended = s.scalars(select(StaffSession.signed_out_at)).all()
    assert any(e is not None for e in ended)


def test_the_head_cashiers_office_closes_with_the_lock_and_its_session_ends(
        qtbot: QtBot, window: MainWindow) -> None:
    """The hand-over dialog holds the head cashier's own session: the lock must not leave
    it to whoever unlocks the counter, so it closes and that session ends."""
    from desktop.staff.auth import NotSignedIn
    from ui.office.turn_in_dialog import TurnInDialog

    window.idle_check.stop()
    qtbot.keyClick(window.search, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    office = window.shift_dialog
    assert isinstance(office, TurnInDialog) and office.isVisible()
    qtbot.keyClicks(office.username, "thuquy")
    qtbot.keyClick(office.username, Qt.Key.Key_Return)
    qtbot.keyClicks(office.password, DEMO_PASSWORD)
    qtbot.keyClick(office.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: office.pages.currentIndex() == 1, timeout=5000)
    head = office.head
    assert head is not None
    with qtbot.waitSignal(window.screen_locked, timeout=5000):
        window.lock_screen()  # the idle time's way (Ctrl+L would go to the office dialog)
    assert not office.isVisible() and window.other_windows() == []

    def ended() -> bool:
        try:
            window.app.turn_ins.pending(head)
        except NotSignedIn:
            return True
        return False

    qtbot.waitUntil(ended, timeout=5000)
    _unlock(qtbot, window)
    assert not office.isVisible()
