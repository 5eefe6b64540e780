"""Sign-in, the lock after wrong passwords, sessions, unlock, approvals, voids."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import select

from db.demo import DEMO_PASSWORD
from db.models import AuditEntry, Bill, OutboxOp, SignInGuard
from desktop.app import App
from desktop.config import Settings
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.auth import (
    AccountLocked,
    ApprovalInvalid,
    AuthService,
    NotSignedIn,
    PermissionDenied,
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
