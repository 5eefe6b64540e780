"""The contract both sides import: what the counter builds, central accepts; one copy of
every rule."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest

from desktop import contract as c
from desktop import contract_schemas as s
from desktop.service_requests import KINDS, STATUSES
from desktop.staff.permissions import ROLE_LABELS, Role

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 12, 1, 3, 4, 5, tzinfo=dt.UTC)


def built() -> dict[str, dict[str, object]]:
    entry = {"seq": 1, "at": NOW.isoformat(), "device": "PE1400D007", "staff": "lan",
             "action": "payment", "subject": "PE1400D007-000001", "detail": {"amount": 5}}
    return {
        "payment": c.payment_data(account_code="PE14000000001", receipt_no="PE1400D007-000001",
                                  method="cash", amount=180_000, paid_at=NOW,
                                  shift_key=str(uuid.uuid4()), bills=[("HD1", 180_000)]),
        "void": c.void_data(payment_key=str(uuid.uuid4()), reason="Thu nhầm", voided_at=NOW),
        "audit": c.audit_data(seq=1, prev_hash=c.GENESIS, digest=c.chain_hash(c.GENESIS, entry),
                              entry=entry),
        "shift_close": c.shift_close_data(
            shift_key=str(uuid.uuid4()), staff="lan", opened_at=NOW, closed_at=NOW,
            opening_float=0, by_method=[("cash", 1, 180_000)], voided_count=0,
            voided_amount=0, drops=0, expected_cash=180_000, counted_cash=180_000,
            over_short=0, reason=None),
        "service_request": c.service_request_data(
            ref="PE1400D007-YC000001", kind="meter_inspection", account_code="PE14000000001",
            customer_name="Nguyễn Văn A", address="1 Lê Lợi", phone="0909123456",
            id_number=None, note="", preferred_on=dt.date(2026, 12, 3), staff="lan",
            created_at=NOW),
        "turn_in": c.turn_in_data(shift_key=str(uuid.uuid4()), cashier="lan", head_cashier="quy",
                                  declared=180_000, counted=179_000, reason="Thiếu 1 tờ",
                                  at=NOW),
        "deposit": c.deposit_data(slip_no="NT-PE1400D007-20261201-001", head_cashier="quy",
                                  bank="Vietcombank CN Tân Bình", turn_ins=[str(uuid.uuid4())],
                                  total=179_000, at=NOW),
        "agent_closing": c.agent_closing_data(day=dt.date(2026, 12, 1), staff="daily",
                                              receipts=[("DL0001D001-000001", 180_000)], at=NOW),
        "visit": c.visit_data(sheet_id=7, account_code="PE14000000001", outcome="not_home",
                              note="Cửa khóa", staff="thuld", receipt_no=None, at=NOW),
        "deposit_ref": c.deposit_ref_data(deposit_key=str(uuid.uuid4()), bank_ref="FT2633612345",
                                          staff="quy", at=NOW),
        "request_withdrawal": c.request_withdrawal_data(
            ref="PE1400D007-YC000001", reason="Phiếu thu PE1400D007-000001 đã hủy: Thu nhầm",
            at=NOW),
    }


@pytest.mark.parametrize("kind", s.OP_KINDS)
def test_what_the_counter_builds_central_accepts(kind: str) -> None:
    s.OP_SCHEMAS[kind].model_validate(built()[kind])


def test_every_kind_has_a_builder_and_a_schema() -> None:
    assert set(built()) == set(s.OP_SCHEMAS) == set(s.OP_KINDS)


def test_a_broken_payload_is_refused_by_its_schema() -> None:
    bad = dict(built()["payment"], amount=0)
    with pytest.raises(ValueError, match="amount"):
        s.OP_SCHEMAS["payment"].model_validate(bad)
    with pytest.raises(ValueError):
        s.OP_SCHEMAS["void"].model_validate({})


def test_the_hashes_are_fixed() -> None:
    # a known vector: if this changes, every device's journal chain breaks at central
    assert c.canonical({"b": 1, "a": "đ"}) == '{"a":"đ","b":1}'
    # (computed once from the rule as first shipped; receipts already printed carry it)
    assert c.chain_hash(c.GENESIS, {"seq": 1}) == (
        "0a00898550374c41186879d92f30325cd0a550ce8c5da4d9aeef34a95c0b85ea")
    assert c.receipt_mac(c.token_hash("t"), "PE1400D007-000001", "PE1", 5) == "8B204EE9"


def test_identifiers_round_trip() -> None:
    code = c.device_code("PE1400", 7)
    assert code == "PE1400D007" and c.parse_device_code(code) == ("PE1400", 7)
    receipt = c.receipt_number(code, 12)
    assert receipt == "PE1400D007-000012" and c.device_of_receipt(receipt) == ("PE1400", 7)
    assert c.device_of_receipt("PE1400D007-YC000001") is None
    assert c.parse_device_code("nonsense") is None
    assert c.request_reference(code, 3) == "PE1400D007-YC000003"


def test_the_counter_names_every_role_kind_and_status_of_the_contract() -> None:
    assert tuple(Role) == tuple(Role(r) for r in c.STAFF_ROLES)
    assert set(ROLE_LABELS) == set(Role)
    # every kind of resources/services/ is on the wire (the core may raise kinds of its own)
    assert set(KINDS) <= set(c.REQUEST_KINDS)
    assert set(STATUSES) == {"submitted", *c.REQUEST_STATUSES}


#: spellings of the contract's rules that must not appear anywhere else
COPIES = ('sort_keys=True, separators=(",", ":")', '"0" * 64', "hexdigest()[:8]",
          '"field_collector", "administrator")', '"in_progress", "done", "refused")',
          "D{body", "-YC{", ":06d}")


@pytest.mark.parametrize("folder", ["desktop", "central"])
def test_no_copy_of_a_contract_rule_remains(folder: str) -> None:
    found = []
    for path in (ROOT / folder).rglob("*.py"):
        if path == ROOT / "desktop" / "contract.py" or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {copy}" for copy in COPIES if copy in text]
    assert found == []


#: the status enums both sides use (issue 27): no bare spelling of one of their values may
#: be compared with, or given to, a status-like field anywhere else
STATUS_ENUMS = (c.AccountStatus, c.BillStatus, c.PaymentMethod, c.PaymentStatus,
                c.OutboxState, c.PushStatus, c.IntentStatus, c.QrState, c.RequestStatus,
                c.ShiftStatus, c.TurnInStatus, c.PrintState, c.VisitOutcome)
STATUS_FIELDS = {"status", "state", "method", "outcome", "original_status", "request_status"}


def status_literals(source: str) -> list[str]:
    """Status values spelled out: ``x.status == "paid"``, ``status="pending"``,
    ``{"status": "applied"}``, ``st == "taken"``-style comparisons of a status field."""
    import ast

    values = {m.value for e in STATUS_ENUMS for m in e}
    found = []

    def named(node: ast.AST) -> bool:
        return ((isinstance(node, ast.Attribute) and node.attr in STATUS_FIELDS)
                or (isinstance(node, ast.Name) and node.id in STATUS_FIELDS))

    def literal(node: ast.AST | None) -> bool:
        return isinstance(node, ast.Constant) and node.value in values

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and named(node.left) and any(
                literal(x) or (isinstance(x, ast.Tuple) and any(literal(e) for e in x.elts))
                for x in node.comparators):
            found.append(ast.unparse(node))
        elif isinstance(node, ast.keyword) and node.arg in STATUS_FIELDS and literal(node.value):
            found.append(f"{node.arg}={ast.unparse(node.value)}")
        elif isinstance(node, ast.Dict):
            found += [f"{ast.unparse(k)}: {ast.unparse(v)}"
                      for k, v in zip(node.keys, node.values, strict=True)
                      if isinstance(k, ast.Constant) and k.value in STATUS_FIELDS and literal(v)]
        elif isinstance(node, ast.Assign) and literal(node.value) and any(
                named(t) for t in node.targets):
            found.append(ast.unparse(node))
    return found


@pytest.mark.parametrize("folder", ["desktop", "central"])
def test_statuses_are_the_contracts_enums(folder: str) -> None:
    found = []
    for path in (ROOT / folder).rglob("*.py"):
        if path == ROOT / "desktop" / "contract.py" or "migrations" in path.parts:
            continue
        found += [f"{path.relative_to(ROOT)}: {hit}"
                  for hit in status_literals(path.read_text(encoding="utf-8"))]
    assert found == []


def test_a_spelled_status_is_found() -> None:
    """The check above can fail: each way of spelling a status out is caught."""
    source = ('q.where(Bill.status == "unpaid")\nrow = Outbox(state="pending")\n'
              'answer = {"status": "applied"}\npayment.status = "voided"\n'
              'ok = status in ("paid", "x")\nfine = Bill.status == BillStatus.PAID\n')
    assert sorted(status_literals(source)) == sorted([
        "Bill.status == 'unpaid'", "state='pending'", "'status': 'applied'",
        "payment.status = 'voided'", "status in ('paid', 'x')"])
