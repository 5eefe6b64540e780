"""An agent (thu hộ): one account by exact code, its limit to the đồng, its daily closing
reconciled at central, differences listed for the back office."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import select

from central.models import Account as CentralAccount
from central.models import AgentClosing as CentralClosing
from central.models import Bill as CentralBill
from central.service import Central
from db.demo import DEMO_PASSWORD
from desktop.app import App
from desktop.errors import NotFound, ValidationError
from desktop.money.agent import ClosingSent, limit_text
from desktop.money.payments import OverLimit
from desktop.staff.auth import Actor
from tests.conftest import AGENT


def unpaid_accounts(central: Central, n: int) -> list[tuple[str, int]]:
    """(code, what it owes) of PE1400 accounts with exactly one unpaid bill."""
    with central.sessions() as s:
        rows = s.execute(select(CentralAccount.code, CentralBill.total)
                         .join(CentralBill, CentralBill.account_id == CentralAccount.id)
                         .where(CentralAccount.unit_code == "PE1400",
                                CentralBill.status == "unpaid")
                         .order_by(CentralAccount.id)).all()
    owed: dict[str, list[int]] = {}
    for code, total in rows:
        owed.setdefault(code, []).append(total)
    return [(c, t[0]) for c, t in owed.items() if len(t) == 1][:n]


def signed_in(app: App) -> Actor:
    actor = app.auth.sign_in("daily", DEMO_PASSWORD)
    app.shifts.open(actor, 0)
    return actor


def test_an_agent_collects_by_exact_code_to_its_limit_and_central_settles_the_bill(
        agent: App, central: Central, synced_counter: App) -> None:
    app = agent
    # the third owes the most: over the room the first two leave
    (first, owed1), (second, owed2), (third, owed3) = sorted(
        {o: (c, o) for c, o in unpaid_accounts(central, 40)}.values(), key=lambda r: r[1])[:3]
    central.set_collection_limit(AGENT, owed1 + owed2)  # room for exactly two
    app.link.sync_once()
    actor = signed_in(app)
    assert app.agent.limit().room == owed1 + owed2
    with pytest.raises(ValidationError, match="không tìm theo tên"):
        app.agent.find(actor, "Nguyễn")
    with pytest.raises(NotFound):
        app.agent.find(actor, "PE14009999999")
    found = app.agent.find(actor, first.lower())  # as a scanner may send it
    assert found.online and found.detail.code == first and found.detail.unpaid_total == owed1
    assert app.lookup.search("Nguyễn").hits == () or all(  # no browsing: only what it fetched
        h.code == first for h in app.lookup.search("Nguyễn").hits)
    app.payments.take_cash(actor, found.detail.id)
    view = app.agent.limit()
    assert (view.held, view.room) == (owed1, owed2)
    found2 = app.agent.find(actor, second)
    found3 = app.agent.find(actor, third)
    with pytest.raises(OverLimit):  # over by the whole of the third bill
        app.payments.take_cash(actor, found3.detail.id)
    app.payments.take_cash(actor, found2.detail.id)
    assert app.agent.limit().exhausted and "HẾT HẠN MỨC" in limit_text(app.agent.limit())
    central.set_collection_limit(AGENT, owed1 + owed2 + owed3 - 1)  # short by 1 đ
    app.link.sync_once()
    with pytest.raises(OverLimit):
        app.payments.take_cash(actor, found3.detail.id)
    app.link.sync_once()
    with central.sessions() as s:  # the owner's bill is paid at central, and its counters see it
        statuses = s.scalars(select(CentralBill.status).join(CentralAccount).where(
            CentralAccount.code == first)).all()
        assert "unpaid" not in statuses
    synced_counter.link.sync_once()
    with synced_counter.sessions() as s:
        from db.models import Account, Bill

        assert "unpaid" not in s.scalars(select(Bill.status).join(Account).where(
            Account.code == first)).all()
    from desktop.printing.receipts.model import receipt_document, receipt_for

    with app.sessions() as s:
        receipt = receipt_for(s, app.payments.taken_on(actor, today())[0].key, "t")
    lines = [r.left for r in receipt_document(receipt).rows]
    assert "Đại lý thu hộ: Cửa hàng Minh Anh (thu hộ) (mã DL0001)" in lines
    assert f"Mã giao dịch: {receipt.receipt_no}" in lines
    assert "Dịch vụ: Thanh toán tiền điện" in lines and any(
        line.startswith("Nhà cung cấp: ") for line in lines)


def today() -> dt.date:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()


def test_the_closing_is_sent_once_and_a_difference_is_listed_for_the_back_office(
        agent: App, central: Central) -> None:
    app = agent
    (first, _o1), (second, _o2), (third, _o3) = unpaid_accounts(central, 3)
    actor = signed_in(app)
    app.payments.take_cash(actor, app.agent.find(actor, first).detail.id)
    app.payments.take_cash(actor, app.agent.find(actor, second).detail.id)
    app.link.sync_once()
    day = app.agent.close_day(actor)
    assert day.count == 2
    with pytest.raises(ClosingSent, match="mỗi ngày"):
        app.agent.close_day(actor)
    with pytest.raises(ValidationError, match="chốt ngày"):  # nothing after the closing
        app.payments.take_cash(actor, app.agent.find(actor, third).detail.id)
    app.link.sync_once()
    [matched] = central.closings(AGENT)
    assert (matched["status"], matched["count"], matched["central_total"]) == (
        "matched", 2, day.total)

    # a token holder's hand-made closing for yesterday, with a receipt central never saw
    client = app.link.engine.client
    yesterday = today() - dt.timedelta(days=1)
    made = {"day": yesterday.isoformat(), "staff": "daily", "count": 1, "total": 50_000,
            "receipts": [{"receipt_no": "DL0001D999-000001", "amount": 50_000}],
            "at": dt.datetime.now(dt.UTC).isoformat()}
    [applied] = client.push([{"key": str(uuid.uuid4()), "kind": "agent_closing", "data": made}])
    assert applied["status"] == "applied"
    [again] = client.push([{"key": str(uuid.uuid4()), "kind": "agent_closing", "data": made}])
    assert again.get("reason") == "closing-sent"
    lying = {**made, "day": (yesterday - dt.timedelta(days=1)).isoformat(), "total": 1}
    [inconsistent] = client.push([{"key": str(uuid.uuid4()), "kind": "agent_closing",
                                   "data": lying}])
    assert inconsistent.get("reason") == "closing-inconsistent"
    [open_one] = central.closings(AGENT, open_only=True)
    assert open_one["differences"] == [
        {"receipt_no": "DL0001D999-000001", "amount": 50_000, "where": "closing-only"}]
    with pytest.raises(ValueError):
        central.assign_closing(open_one["id"], "", "")
    assigned = central.assign_closing(open_one["id"], "Phòng Kinh doanh PE14",
                                      "Đối chiếu với sổ của đại lý")
    assert assigned["status"] == "assigned" and central.closings(AGENT, open_only=True) == []
    with central.sessions() as s:
        assert len(s.scalars(select(CentralClosing)).all()) == 2


def test_a_power_company_counter_cannot_send_an_agent_closing_nor_collect_elsewhere(
        synced_counter: App, central: Central) -> None:
    client = synced_counter.link.engine.client
    made = {"day": today().isoformat(), "staff": "thungan", "count": 0, "total": 0,
            "receipts": [], "at": dt.datetime.now(dt.UTC).isoformat()}
    [refused] = client.push([{"key": str(uuid.uuid4()), "kind": "agent_closing",
                              "data": made}])
    assert refused.get("reason") == "not-an-agent"
    with central.sessions() as s:
        elsewhere = s.scalar(select(CentralAccount.code).where(
            CentralAccount.unit_code != "PE1400").limit(1))
    assert elsewhere is not None
    with pytest.raises(Exception, match=r"404|Không"):
        client.account_bills(elsewhere)
    assert json.dumps(central.closings()) == "[]"


def test_an_agents_void_reopens_the_bill_for_the_accounts_own_counters(
        agent: App, central: Central, synced_counter: App) -> None:
    from db.models import Account, Bill
    from desktop.staff.permissions import ApprovalAction

    app = agent
    [(code, _owed)] = unpaid_accounts(central, 1)
    actor = signed_in(app)
    taken = app.payments.take_cash(actor, app.agent.find(actor, code).detail.id)
    app.link.sync_once()
    synced_counter.link.sync_once()

    def owner_sees() -> set[str]:
        with synced_counter.sessions() as s:
            return set(s.scalars(select(Bill.status).join(Account).where(
                Account.code == code, Bill.bill_no.in_(taken.bill_nos))))

    assert owner_sees() == {"paid"}
    approval = app.auth.approve(actor, ApprovalAction.VOID, taken.key, "giamsat",
                                DEMO_PASSWORD, "Thu nhầm khách hàng")
    app.payments.void(actor, taken.key, "Thu nhầm khách hàng", approval)
    app.link.sync_once()
    synced_counter.link.sync_once()
    assert owner_sees() == {"unpaid"}  # the power company's counter can collect it again
