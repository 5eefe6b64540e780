"""Sign-in, the lock after wrong passwords, sessions, unlock, approvals, voids."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from db.demo import DEMO_PASSWORD
from db.models import Account, AuditEntry, Bill, LocalPayment, OutboxOp, SignInGuard
from desktop.app import App
from desktop.config import Settings
from desktop.errors import QuayThuError
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.auth import (
    AccountLocked,
    Actor,
    ApprovalInvalid,
    AuthService,
    NotSignedIn,
    PermissionDenied,
    ScreenLocked,
    SignInFailed,
)
from desktop.staff.permissions import ApprovalAction
from tests.staff import pretend_enrolled, sign_in


def journal(app: App) -> list[tuple[str, str]]:
    import json

    with app.sessions() as s:
        return [(e["action"], e["staff"]) for e in (
            json.loads(t) for t in s.scalars(select(AuditEntry.entry).order_by(AuditEntry.seq)))]


@pytest.fixture
def enrolled(app: App) -> App:
    pretend_enrolled(app, 3)
    return app


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def test_sign_in_names_the_person_and_the_role_and_is_journaled(app: App) -> None:
    actor = sign_in(app, "giamsat")
    assert (actor.full_name, actor.role, actor.role_label) == (
        "Trần Minh Giám", "supervisor", "Giám sát")
    assert journal(app)[-1] == ("sign_in", "giamsat")
    # user names are typed any way
    assert app.auth.sign_in("  ThuNgan ", DEMO_PASSWORD).username == "thungan"


def test_five_wrong_passwords_lock_the_name_for_fifteen_minutes(
        app: App, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    auth = AuthService(app.writes, Settings(), clock)
    messages = []
    for _ in range(4):
        with pytest.raises(SignInFailed) as failed:
            auth.sign_in("thungan", "sai-mat-khau")
        messages.append(failed.value.user_message)
    assert messages[0] == "Sai tên đăng nhập hoặc mật khẩu (còn 4 lần thử)."
    assert messages[-1] == "Sai tên đăng nhập hoặc mật khẩu (còn 1 lần thử)."
    with caplog.at_level(logging.WARNING, logger="desktop.staff.auth"), pytest.raises(AccountLocked):
        auth.sign_in("thungan", "sai-mat-khau")
    assert "locked after 5 wrong passwords" in caplog.text and "sai-mat-khau" not in caplog.text
    # the right password does not open a locked name
    clock.now += dt.timedelta(minutes=14)
    with pytest.raises(AccountLocked) as locked:
        auth.sign_in("thungan", DEMO_PASSWORD)
    assert locked.value.user_message.endswith("thử lại sau 1 phút.")
    clock.now += dt.timedelta(minutes=1, seconds=1)
    assert auth.sign_in("thungan", DEMO_PASSWORD).username == "thungan"
    actions = [a for a, _ in journal(app)]
    assert actions.count("sign_in_failed") == 4 and "sign_in_locked" in actions
    assert "sign_in_refused_locked" in actions


def test_the_lock_is_configurable_and_unknown_names_count_the_same(app: App) -> None:
    auth = AuthService(app.writes, Settings(sign_in_attempts=2, sign_in_lock_minutes=60))
    with pytest.raises(SignInFailed):
        auth.sign_in("khongco", "x")
    with pytest.raises(AccountLocked) as locked:
        auth.sign_in("khongco", "x")
    assert "60 phút" in locked.value.user_message
    with app.sessions() as s:
        assert s.get(SignInGuard, "khongco").locked_until is not None


def test_signing_out_ends_the_session_for_every_service(enrolled: App) -> None:
    actor = sign_in(enrolled)
    account_id = accounts_with_unpaid_bills(enrolled)[0]
    enrolled.auth.sign_out(actor)
    with pytest.raises(NotSignedIn):
        enrolled.payments.take_cash(actor, account_id)
    assert journal(enrolled)[-1] == ("sign_out", "thungan")


def test_an_idle_screen_opens_for_the_same_person_or_a_supervisor(app: App) -> None:
    actor = sign_in(app, "thungan")
    app.auth.unlock(actor, "thungan", DEMO_PASSWORD)
    with pytest.raises(PermissionDenied):
        app.auth.unlock(actor, "thungan2", DEMO_PASSWORD)  # another cashier
    with pytest.raises(SignInFailed):
        app.auth.unlock(actor, "thungan", "doan-bua")
    app.auth.unlock(actor, "giamsat", DEMO_PASSWORD)
    assert journal(app)[-1] == ("unlock", "giamsat")


def test_the_same_persons_unlock_skips_argon2_and_nothing_else_does(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """The unlock by the person whose session it is, with the password they signed in
    with, is checked against the session's own check (issue 31: argon2 was the unlock's
    whole budget); a wrong password, another person, a password changed at central since
    the sign-in and a session signed out all go through argon2 and the failure count."""
    import desktop.staff.auth as auth_module

    argon2_checks: list[str] = []
    real_verify = auth_module._verify

    def counted(digest: str, password: str) -> bool:
        argon2_checks.append(password)
        return real_verify(digest, password)

    monkeypatch.setattr(auth_module, "_verify", counted)
    actor = sign_in(app, "thungan")
    argon2_checks.clear()
    app.auth.lock(actor)
    app.auth.unlock(actor, " ThuNgan ", DEMO_PASSWORD)
    assert argon2_checks == [] and journal(app)[-1] == ("unlock", "thungan")
    # a wrong password: argon2, counted as a failure like any other
    app.auth.lock(actor)
    with pytest.raises(SignInFailed, match="còn 4 lần"):
        app.auth.unlock(actor, "thungan", "doan-bua")
    assert argon2_checks == ["doan-bua"]
    with app.sessions() as s:
        assert s.get(SignInGuard, "thungan").failures == 1
    # a supervisor: their own password, by argon2
    app.auth.unlock(actor, "giamsat", DEMO_PASSWORD)
    assert argon2_checks == ["doan-bua", DEMO_PASSWORD]
    # the password changed at central since the sign-in: the old one no longer opens
    from db.models import Staff
    from desktop.staff.auth import hash_password

    app.auth.lock(actor)
    with app.sessions() as s, s.begin():
        staff = s.scalar(select(Staff).where(Staff.username == "thungan"))
        assert staff is not None
        staff.password_hash = hash_password("mat-khau-moi")
    with pytest.raises(SignInFailed):
        app.auth.unlock(actor, "thungan", DEMO_PASSWORD)
    app.auth.unlock(actor, "thungan", "mat-khau-moi")
    # signed out: the session's check is gone with it
    app.auth.sign_out(actor)
    argon2_checks.clear()
    with pytest.raises(QuayThuError):
        app.auth.unlock(actor, "thungan", "mat-khau-moi")


def test_a_void_needs_a_fresh_approval_for_that_payment_used_once(enrolled: App) -> None:
    cashier = sign_in(enrolled)
    enrolled.shifts.open(cashier, 0)
    first, second = accounts_with_unpaid_bills(enrolled)[:2]
    taken = enrolled.payments.take_cash(cashier, first)
    other = enrolled.payments.take_cash(cashier, second)
    with pytest.raises(ApprovalInvalid) as none:
        enrolled.payments.void(cashier, taken.key, "Thu nhầm", None)
    assert none.value.user_message == "Cần giám sát phê duyệt để hủy phiếu thu."
    with pytest.raises(SignInFailed):
        enrolled.auth.approve(cashier, ApprovalAction.VOID, taken.key, "giamsat", "sai",
                              "Thu nhầm")
    for_other = enrolled.auth.approve(cashier, ApprovalAction.VOID, other.key, "giamsat",
                                      DEMO_PASSWORD, "Thu nhầm")
    with pytest.raises(ApprovalInvalid):  # an approval for another receipt
        enrolled.payments.void(cashier, taken.key, "Thu nhầm", for_other)
    approval = enrolled.auth.approve(cashier, ApprovalAction.VOID, taken.key, "giamsat",
                                     DEMO_PASSWORD, "Thu nhầm khách hàng")
    voided = enrolled.payments.void(cashier, taken.key, "Thu nhầm khách hàng", approval)
    assert voided.status == "voided" and voided.receipt_no == taken.receipt_no
    with enrolled.sessions() as s:
        assert set(s.scalars(select(Bill.status).where(Bill.bill_no.in_(taken.bill_nos)))) == {
            "unpaid"}
        assert s.scalar(select(OutboxOp.kind).where(OutboxOp.kind == "void")) == "void"
    with pytest.raises(Exception, match="đã hủy"):
        enrolled.payments.void(cashier, taken.key, "again", approval)
    from db.models import Approval

    with enrolled.sessions() as s:
        spent = s.get(Approval, approval)
        assert spent.used_at is not None and spent.reason == "Thu nhầm khách hàng"
        assert s.get(Approval, for_other).used_at is None
    actions = [a for a, _ in journal(enrolled)]
    assert actions.count("approval") == 2 and actions.count("void") == 1


def test_an_approval_expires(enrolled: App) -> None:
    clock = Clock()
    auth = AuthService(enrolled.writes, Settings(), clock)
    cashier = auth.sign_in("thungan", DEMO_PASSWORD)
    enrolled.shifts.open(cashier, 0)
    taken = enrolled.payments.take_cash(cashier, accounts_with_unpaid_bills(enrolled)[0],
                                        now=clock.now)
    approval = auth.approve(cashier, ApprovalAction.VOID, taken.key, "giamsat", DEMO_PASSWORD,
                            "Thu nhầm")
    with pytest.raises(ApprovalInvalid, match="hết hạn"):
        enrolled.payments.void(cashier, taken.key, "Thu nhầm", approval,
                               now=clock.now + dt.timedelta(minutes=11))


# -- the lock, in every window ---------------------------------------------------------

#: what each window asks of the core with its person's session (ui/counter, ui/agent,
#: ui/collector, ui/office): every one of them must refuse a locked session itself
WINDOW_CALLS: dict[str, tuple[str, dict[str, Callable[[App, Actor, int, str], object]]]] = {
    "counter": ("thungan", {
        "search": lambda app, a, acc, code: app.lookup.search("nguyen", actor=a),
        "account": lambda app, a, acc, code: app.lookup.account(acc, actor=a),
        "shift": lambda app, a, acc, code: app.shifts.current(a),
        "open shift": lambda app, a, acc, code: app.shifts.open(a, 0),
        "take cash": lambda app, a, acc, code: app.payments.take_cash(a, acc),
        "cash drop": lambda app, a, acc, code: app.shifts.drop(a, 10_000, "két sắt"),
        "close shift": lambda app, a, acc, code: app.shifts.close(a, {}),
        "receipts": lambda app, a, acc, code: app.payments.recent(a),
        "preview": lambda app, a, acc, code: app.prints.preview(a, "no-such-key"),
        "reprint": lambda app, a, acc, code: app.prints.reprint(a, "no-such-key"),
        "void": lambda app, a, acc, code: app.payments.void(a, "no-such-key", "nhầm", None),
        "requests": lambda app, a, acc, code: app.requests.for_account(a, acc),
    }),
    "agent": ("daily", {
        "limit": lambda app, a, acc, code: app.agent.limit(actor=a),
        "day": lambda app, a, acc, code: app.agent.day(actor=a),
        "find": lambda app, a, acc, code: app.agent.find(a, code),
        "take cash": lambda app, a, acc, code: app.payments.take_cash(a, acc),
        "closing": lambda app, a, acc, code: app.agent.close_day(a),
    }),
    "collector": ("thuld", {
        "route": lambda app, a, acc, code: app.routes.today(a),
        "mark": lambda app, a, acc, code: app.routes.mark(a, 1, acc, "not_home", "vắng"),
        "readiness": lambda app, a, acc, code: app.routes.readiness(actor=a),
        "account": lambda app, a, acc, code: app.lookup.account(acc, actor=a),
        "take cash": lambda app, a, acc, code: app.payments.take_cash(a, acc),
    }),
    "office": ("thuquy", {
        "turn-ins": lambda app, a, acc, code: app.turn_ins.pending(a),
        "accept": lambda app, a, acc, code: app.turn_ins.accept(a, "no-such-shift", {}),
        "deposits": lambda app, a, acc, code: app.deposits.recent(a),
        "candidates": lambda app, a, acc, code: app.deposits.candidates(a),
        "slip": lambda app, a, acc, code: app.deposits.slip("no-such-key", actor=a),
        "bank ref": lambda app, a, acc, code: app.deposits.record_reference(a, "no-such-key",
                                                                             "FT123"),
    }),
}


def _not_locked(call: Callable[[], object]) -> None:
    """The call is not refused for the lock (it may do its work or refuse for another
    reason: no route today, no such receipt)."""
    try:
        call()
    except ScreenLocked:
        raise
    except QuayThuError:
        pass


@pytest.mark.parametrize("window", sorted(WINDOW_CALLS))
def test_a_locked_session_is_refused_by_every_service_its_window_calls(
        enrolled: App, window: str) -> None:
    username, calls = WINDOW_CALLS[window]
    actor = sign_in(enrolled, username)
    account_id = accounts_with_unpaid_bills(enrolled)[0]
    with enrolled.sessions() as s:
        code = s.scalar(select(Account.code).where(Account.id == account_id))
    assert code is not None
    enrolled.auth.lock(actor)
    refused = []
    for name, call in calls.items():
        with pytest.raises(ScreenLocked):
            call(enrolled, actor, account_id, code)
        refused.append(name)
    assert refused == list(calls)
    with enrolled.writes() as s:  # nothing was written behind the lock
        assert s.scalar(select(func.count()).select_from(LocalPayment)) == 0
    enrolled.auth.unlock(actor, username, DEMO_PASSWORD)
    for call in calls.values():  # the same calls, the password given: not the lock's refusal
        _not_locked(lambda c=call: c(enrolled, actor, account_id, code))


def test_a_search_refuses_a_session_as_every_other_service_does(enrolled: App) -> None:
    """The search checks its person's session in one statement of its own (issue 31): the
    same refusals as ``authorize``, whatever the way around it."""
    import dataclasses

    from db.models import Staff
    from desktop.staff.auth import AccountDisabled

    actor = sign_in(enrolled, "thungan")
    assert enrolled.lookup.search("nguyen", actor=actor).hits
    # another person's name on this session, a session never opened
    for forged in (dataclasses.replace(actor, staff_id=actor.staff_id + 1),
                   dataclasses.replace(actor, session_id="0" * 32)):
        with pytest.raises(NotSignedIn):
            enrolled.lookup.search("nguyen", actor=forged)
    with enrolled.writes() as s, s.begin():
        staff = s.get(Staff, actor.staff_id)
        assert staff is not None
        staff.active = False  # disabled at central meanwhile
    with pytest.raises(AccountDisabled):
        enrolled.lookup.search("nguyen", actor=actor)
    with enrolled.writes() as s, s.begin():
        staff = s.get(Staff, actor.staff_id)
        assert staff is not None
        staff.active = True
    assert enrolled.lookup.search("nguyen", actor=actor).hits
    enrolled.auth.sign_out(actor)
    with pytest.raises(NotSignedIn):
        enrolled.lookup.search("nguyen", actor=actor)
