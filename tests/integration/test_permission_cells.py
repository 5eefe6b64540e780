"""Every cell of the permission table, tried on the real services of the core.

A refused cell must raise PermissionDenied from the service itself (no GUI
involved); an allowed cell must do the thing.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from db.demo import DEMO_PASSWORD
from db.models import Account, SyncIssue
from desktop.app import App, build_app
from desktop.sim import accounts_with_unpaid_bills
from desktop.staff.auth import Actor, PermissionDenied
from desktop.staff.permissions import ApprovalAction, Permission, Role, allowed
from tests.staff import pretend_enrolled, sign_in

USERS = {Role.CASHIER: "thungan", Role.SUPERVISOR: "giamsat", Role.AGENT: "daily",
         Role.FIELD_COLLECTOR: "thuld", Role.ADMINISTRATOR: "quantri",
         Role.HEAD_CASHIER: "thuquy"}


@dataclass
class Counter:
    app: App
    actors: dict[Role, Actor]
    free_accounts: list[int]

    def payment_key(self) -> str:
        return self.app.payments.take_cash(self.actors[Role.CASHIER],
                                           self.free_accounts.pop()).key


@pytest.fixture(scope="module")
def counter(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Counter]:
    path = tmp_path_factory.mktemp("cells") / "quaythu.db"
    shutil.copyfile(demo_store, path)
    app = build_app(path, create=False)
    pretend_enrolled(app, 7)
    actors = {role: sign_in(app, name) for role, name in USERS.items()}
    app.shifts.open(actors[Role.CASHIER], 500_000)  # the cashier's drawer
    yield Counter(app, actors, accounts_with_unpaid_bills(app)[:60])
    app.close()


def take_payment(c: Counter, actor: Actor) -> None:
    if c.app.shifts.current(actor) is None:
        c.app.shifts.open(actor, 0)  # one drawer per person: their own shift first
    c.app.payments.take_cash(actor, c.free_accounts.pop())


def request_void(c: Counter, actor: Actor) -> None:
    key = c.payment_key()
    approval = c.app.auth.approve(actor, ApprovalAction.VOID, key, "giamsat", DEMO_PASSWORD,
                                  "Thu nhầm khách hàng")
    assert c.app.payments.void(actor, key, "Thu nhầm khách hàng", approval).status == "voided"


def grant_approval(c: Counter, actor: Actor) -> None:
    c.app.auth.approve(c.actors[Role.CASHIER], ApprovalAction.VOID, c.payment_key(),
                       USERS[Role(actor.role)], DEMO_PASSWORD, "Khách đổi ý")


def acknowledge(c: Counter, actor: Actor) -> None:
    with c.app.writes() as s, s.begin():
        issue = SyncIssue(op_key="k", kind="rejected", reason="other-unit", message="…",
                          created_at=dt.datetime.now(dt.UTC))
        s.add(issue)
        s.flush()
        issue_id = issue.id
    c.app.sync.acknowledge(actor, issue_id)
    with c.app.sessions() as s:
        assert s.get(SyncIssue, issue_id).acknowledged_by == actor.full_name


def view_contact(c: Counter, actor: Actor) -> None:
    with c.app.sessions() as s:
        a = s.scalars(select(Account).where(Account.phone.is_not(None)).limit(1)).one()
    phone = c.app.lookup.account(a.id, actor=actor).phone
    if phone != a.phone:
        assert phone == f"{a.phone[:4]}***{a.phone[-3:]}"
        raise PermissionDenied("masked")


def verify_audit(c: Counter, actor: Actor) -> None:
    assert c.app.audit.verify(actor).ok


def change_settings(c: Counter, actor: Actor) -> None:
    c.app.device.change_central_url(actor, "https://thu.evnhcmc.vn")


def take_request(c: Counter, actor: Actor) -> None:
    from desktop.service_requests import RequestForm

    with c.app.sessions() as s:
        a = s.scalars(select(Account).where(Account.status == "active").limit(1)).one()
    form = RequestForm("meter_inspection", a.name, a.address, "0909123456", account_id=a.id,
                       details={"reason": "Công tơ chạy nhanh"}, papers=("application",))
    assert c.app.requests.submit(actor, form).status == "submitted"


def accept_turn_in(c: Counter, actor: Actor) -> None:
    # a second cashier's empty shift each time: opened with nothing, closed with nothing
    other = sign_in(c.app, "thungan2")
    shift = c.app.shifts.open(other, 0)
    c.app.shifts.close(other, {})
    c.app.turn_ins.accept(actor, shift.key, {})


def make_deposit(c: Counter, actor: Actor) -> None:
    # a second cashier's shift of its float alone, taken over by the head cashier
    other = sign_in(c.app, "thungan2")
    shift = c.app.shifts.open(other, 100_000)
    c.app.shifts.close(other, {100_000: 1})
    c.app.turn_ins.accept(sign_in(c.app, "thuquy"), shift.key, {100_000: 1})
    offered = c.app.deposits.candidates(actor).items
    assert c.app.deposits.make(actor, offered, "Vietcombank").total == sum(
        i.counted for i in offered) >= 100_000


ATTEMPTS: dict[Permission, Callable[[Counter, Actor], None]] = {
    Permission.TAKE_PAYMENT: take_payment,
    Permission.REQUEST_VOID: request_void,
    Permission.GRANT_APPROVAL: grant_approval,
    Permission.ACKNOWLEDGE_ISSUES: acknowledge,
    Permission.VIEW_CONTACT: view_contact,
    Permission.VERIFY_AUDIT: verify_audit,
    Permission.CHANGE_SETTINGS: change_settings,
    Permission.TAKE_REQUEST: take_request,
    Permission.ACCEPT_TURN_IN: accept_turn_in,
    Permission.MAKE_DEPOSIT: make_deposit,
}


def test_every_permission_has_an_attempt() -> None:
    assert set(ATTEMPTS) == set(Permission)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("permission", list(Permission), ids=lambda p: p.value)
def test_cell(counter: Counter, permission: Permission, role: Role) -> None:
    actor = counter.actors[role]
    if allowed(role.value, permission):
        ATTEMPTS[permission](counter, actor)
    else:
        with pytest.raises(PermissionDenied):
            ATTEMPTS[permission](counter, actor)


def test_a_forged_role_counts_for_nothing(counter: Counter) -> None:
    """A cashier's session dressed up as a supervisor is still a cashier's."""
    cashier = counter.actors[Role.CASHIER]
    forged = Actor(cashier.staff_id, cashier.username, cashier.full_name, "supervisor",
                   cashier.session_id)
    with pytest.raises(PermissionDenied):
        acknowledge(counter, forged)
    other = counter.actors[Role.SUPERVISOR]
    stolen = Actor(other.staff_id, other.username, other.full_name, other.role,
                   cashier.session_id)  # someone else's id on a cashier's session
    from desktop.staff.auth import NotSignedIn

    with pytest.raises(NotSignedIn):
        acknowledge(counter, stolen)
