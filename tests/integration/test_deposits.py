"""Turn-ins grouped into a bank deposit, its slip, the bank's reference: once at central."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from central.models import Deposit as CentralDeposit
from central.models import TurnIn as CentralTurnIn
from central.service import Central
from db.demo import DEMO_PASSWORD
from db.models import OutboxOp, TurnIn
from desktop.app import App, build_app
from desktop.errors import ValidationError
from desktop.money.deposits import DepositItem, DepositRefused
from desktop.money.turnins import TurnInDifference
from desktop.printing.pdf import render_pdf
from desktop.printing.receipts.escpos_out import document_bytes
from desktop.staff.auth import PermissionDenied
from desktop.staff.permissions import ApprovalAction
from tests.integration.test_turn_ins import closed_shift
from tests.staff import sign_in


def today() -> dt.date:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()


@pytest.fixture
def second_counter(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    other = build_app(tmp_path / "other" / "quaythu.db")
    other.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 2")
    other.link.sync_once()
    yield other
    other.close()


def settle(*apps: App) -> None:
    for app in apps:  # the close, then what follows it, in the outbox's order
        app.link.sync_once()
        app.link.sync_once()


def test_turn_ins_of_two_counters_one_with_a_difference_go_to_the_bank_once(
        synced_counter: App, second_counter: App, central: Central, tmp_path: Path) -> None:
    here, there = synced_counter, second_counter
    key_a, counts_a, counted_a = closed_shift(here, payments=2)
    key_b, counts_b, counted_b = closed_shift(there, payments=1)
    head_here, head_there = sign_in(here, "thuquy"), sign_in(there, "thuquy")
    short = {**counts_a, 1_000: counts_a[1_000] - 3}  # three 1 000 đ notes missing
    with pytest.raises(TurnInDifference):
        here.turn_ins.accept(head_here, key_a, short)
    approval = here.auth.approve(head_here, ApprovalAction.TURN_IN_DIFFERENCE, key_a,
                                 "giamsat", DEMO_PASSWORD, "Thiếu 3 tờ 1.000 đ")
    here.turn_ins.accept(head_here, key_a, short, reason="Thiếu 3 tờ", approval_id=approval)
    there.turn_ins.accept(head_there, key_b, counts_b)
    settle(there, here)

    assert not here.deposits.candidates(head_here).online  # working offline: its own
    here.link.active = True  # online: central lists every counter's
    offered = here.deposits.candidates(head_here)
    assert offered.online
    assert {(i.counted, i.here) for i in offered.items} == {
        (counted_a - 3_000, True), (counted_b, False)}
    with pytest.raises(PermissionDenied):  # a cashier takes nothing to the bank
        here.deposits.candidates(sign_in(here, "thungan2"))
    deposit = here.deposits.make(head_here, offered.items, "Vietcombank CN Tân Bình")
    total = counted_a - 3_000 + counted_b
    assert deposit.total == total
    assert deposit.slip_no.startswith("NT-PE1400D") and deposit.slip_no.endswith("-001")
    assert here.deposits.candidates(head_here).items == ()  # taken, even before the push
    with pytest.raises(DepositRefused, match="đã nộp"):  # the same turn-in twice
        here.deposits.make(head_here, offered.items[:1], "Vietcombank")

    position = central.cash_position("PE1400", today())
    assert (position["turned_in"], position["with_head_cashier"], position["deposited"]) == (
        total, total, 0)
    assert position["turn_in_difference"] == -3_000
    settle(here)
    with central.sessions() as s:
        [banked] = s.scalars(select(CentralDeposit)).all()
        assert (banked.slip_no, banked.total, banked.bank_ref) == (deposit.slip_no, total, None)
        assert {t.deposit_key for t in s.scalars(select(CentralTurnIn))} == {deposit.key}
    position = central.cash_position("PE1400", today())
    assert (position["deposited"], position["with_head_cashier"], position["in_hand"],
            position["deposited_confirmed"]) == (total, 0, 0, 0)

    # the stamped slip comes back: its reference, once
    with pytest.raises(ValidationError, match="4–40"):
        here.deposits.record_reference(head_here, deposit.key, "ab")
    here.deposits.record_reference(head_here, deposit.key, "FT2633612345")
    here.deposits.record_reference(head_here, deposit.key, "FT2633612345")  # the same: no-op
    with pytest.raises(DepositRefused, match="không ghi đè"):
        here.deposits.record_reference(head_here, deposit.key, "FT0000000000")
    with here.sessions() as s:
        assert s.scalar(select(OutboxOp.kind).where(OutboxOp.kind == "deposit_ref")) \
            == "deposit_ref"
        assert len(s.scalars(select(OutboxOp).where(OutboxOp.kind == "deposit_ref")).all()) == 1
    settle(here)
    with central.sessions() as s:
        assert s.scalar(select(CentralDeposit.bank_ref)) == "FT2633612345"
    assert central.cash_position("PE1400", today())["deposited_confirmed"] == total

    # the slip, printed and as a PDF an outside reader opens
    slip = here.deposits.slip(deposit.key)
    pdf = render_pdf(slip, tmp_path / "slip.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "PHIẾU NỘP TIỀN VÀO NGÂN HÀNG" in text and deposit.slip_no in text
    assert "FT2633612345" in text and "Vietcombank CN Tân Bình" in text
    assert len(document_bytes(slip, 80)) > 1_000


def test_a_turn_in_not_accepted_is_not_deposited_and_offline_lists_this_counter_only(
        synced_counter: App) -> None:
    app = synced_counter
    key, counts, _counted = closed_shift(app, payments=1)
    head = sign_in(app, "thuquy")
    with pytest.raises(TurnInDifference):  # counted, refused: not accepted
        app.turn_ins.accept(head, key, {**counts, 1_000: counts[1_000] + 1})
    with app.sessions() as s:
        counted_only = s.scalars(select(TurnIn)).one()
        assert counted_only.status == "counted"
        item = DepositItem(counted_only.key, "Nguyễn Thị Thu Ngân", counted_only.counted,
                           counted_only.at)
    assert app.deposits.candidates(head).items == ()
    with pytest.raises(DepositRefused, match="chưa được nhận"):
        app.deposits.make(head, [item], "Agribank")
    with pytest.raises(ValidationError, match="ít nhất"):
        app.deposits.make(head, [], "Agribank")
    offline = app.deposits.candidates(head)  # no central asked
    assert not offline.online


def test_a_token_holder_cannot_deposit_twice_a_stranger_or_a_wrong_total(
        synced_counter: App, central: Central) -> None:
    app = synced_counter
    key, counts, counted = closed_shift(app, payments=1)
    head = sign_in(app, "thuquy")
    taken = app.turn_ins.accept(head, key, counts)
    settle(app)
    client = app.link.engine.client
    at = "2026-12-02T09:00:00+00:00"

    def deposit(slip: str, keys: list[str], total: int) -> dict[str, object]:
        return {"key": str(uuid.uuid4()), "kind": "deposit", "data": {
            "slip_no": slip, "head_cashier": "thuquy", "bank": "BIDV", "turn_ins": keys,
            "total": total, "at": at}}

    answers = client.push([
        deposit("NT-PE1400D001-20261202-901", [str(uuid.uuid4())], 1_000),
        deposit("NT-PE1400D001-20261202-902", [taken.key], counted + 1),
        deposit("NT-PE1400D001-20261202-903", [taken.key, taken.key], counted * 2),
        {"key": str(uuid.uuid4()), "kind": "deposit_ref", "data": {
            "deposit_key": str(uuid.uuid4()), "bank_ref": "FT1234", "staff": "thuquy",
            "at": at}},
    ])
    assert [a.get("reason") for a in answers] == [
        "unknown-turn-in", "total-differs", "turn-in-twice", "unknown-deposit"]
    ok = client.push([deposit("NT-PE1400D001-20261202-904", [taken.key], counted)])
    assert ok[0]["status"] == "applied"
    again = client.push([deposit("NT-PE1400D001-20261202-905", [taken.key], counted)])
    assert again[0].get("reason") == "already-deposited"
    with central.sessions() as s:
        assert len(s.scalars(select(CentralDeposit)).all()) == 1
