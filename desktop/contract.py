"""The contract both sides of the wire compute alike: one rule, one place.

The counter (``desktop/``) and central (``central/``) import this module for
everything each must compute the same way: the canonical JSON that is
hashed, the journal's chain hash and genesis, the receipt's verification
MAC, the device-code and receipt-number formats, the staff roles, the
service-request kinds and statuses, and, per outbox kind, one builder (what
the counter sends) and one schema (what central accepts). Pure Python; the
schemas are pydantic models, kept in :mod:`desktop.contract_schemas` (part of
the contract, imported by whoever validates). No Qt, no SQLAlchemy, no I/O.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

# -- hashing ------------------------------------------------------------------------

#: the hash before a device's first journal line
GENESIS = "0" * 64


def canonical(data: Any) -> str:
    """The one JSON spelling that is hashed: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """A journal line's hash: SHA-256 over the previous line's hash and this line."""
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


def payload_hash(kind: str, data: Any) -> str:
    """What central keeps of an applied operation, to tell a replay from a reused key."""
    return hashlib.sha256(canonical({"kind": kind, "data": data}).encode()).hexdigest()


def token_hash(token: str) -> str:
    """What central stores of a device token (and what keys the receipt MAC)."""
    return hashlib.sha256(token.encode()).hexdigest()


def receipt_mac(key_hash: str, receipt_no: str, customer_code: str, amount: int,
                digits: int = 8) -> str:
    """Hex digits over what the receipt's QR states: 8 (32 bits) keyed by the device token's
    hash in the first format (``QT``), 16 (64 bits) keyed by the device's receipt key in
    the second (``QT2``)."""
    message = f"{receipt_no}|{customer_code}|{amount}".encode()
    return hmac.new(key_hash.encode(), message, hashlib.sha256).hexdigest()[:digits].upper()


def receipt_qr(receipt_no: str, customer_code: str, amount: int, key_hash: str) -> str:
    """``QT|<receipt no>|<customer code>|<amount>|<MAC>``: the first format (receipts of
    devices enrolled before receipt keys)."""
    return (f"QT|{receipt_no}|{customer_code}|{amount}|"
            f"{receipt_mac(key_hash, receipt_no, customer_code, amount)}")


def receipt_qr2(receipt_no: str, customer_code: str, amount: int, receipt_key: str) -> str:
    """``QT2|<receipt no>|<customer code>|<amount>|<64-bit MAC>``, keyed by the receipt key
    central derives from a secret it keeps outside its database."""
    return (f"QT2|{receipt_no}|{customer_code}|{amount}|"
            f"{receipt_mac(receipt_key, receipt_no, customer_code, amount, digits=16)}")


def device_receipt_key(secret: str, device_id: int) -> str:
    """The device's receipt key: central recomputes it from its secret, never stores it."""
    return hmac.new(secret.encode(), f"receipt-key/{device_id}".encode(),
                    hashlib.sha256).hexdigest()


# -- identifiers ----------------------------------------------------------------------

_DEVICE_CODE = re.compile(r"^([A-Z]{2}[0-9A-Z]{2,10})D([0-9]{3,6})$")


def device_code(unit_code: str, device_id: int) -> str:
    """A device's code: its unit's code, ``D``, the device number (``PE1400D007``)."""
    return f"{unit_code}D{device_id:03d}"


def parse_device_code(code: str) -> tuple[str, int] | None:
    """``(unit code, device id)`` of a device code, or None when it is not one."""
    match = _DEVICE_CODE.match(code)
    return (match.group(1), int(match.group(2))) if match else None


def receipt_number(device: str, seq: int) -> str:
    """The gap-free receipt number: ``<device code>-<6-digit sequence>``."""
    return f"{device}-{seq:06d}"


def device_of_receipt(receipt_no: str) -> tuple[str, int] | None:
    """``(unit code, device id)`` of the device that issued ``receipt_no``, or None."""
    code, sep, seq = receipt_no.rpartition("-")
    if not sep or not seq.isdigit():
        return None
    return parse_device_code(code)


#: VietQR payments take their key from the intent's reference (uuid5 in this namespace)
QR_NAMESPACE = UUID("6f1c7a52-4b0e-4d53-9a57-51544855a001")


def vietqr_payment_key(intent_ref: str) -> str:
    """The one key a VietQR payment may have: recording it again is the same payment, and
    central refuses a second payment citing the same intent under another key."""
    return str(uuid5(QR_NAMESPACE, intent_ref))


def request_reference(device: str, seq: int) -> str:
    """A service request's number: ``<device code>-YC<6-digit sequence>``."""
    return f"{device}-YC{seq:06d}"


# -- who and what ---------------------------------------------------------------------


class Role(StrEnum):
    """Staff roles, as central issues them and the counter enforces them."""

    CASHIER = "cashier"
    SUPERVISOR = "supervisor"
    AGENT = "agent"
    FIELD_COLLECTOR = "field_collector"
    ADMINISTRATOR = "administrator"
    #: thủ quỹ: takes the cashiers' closed shifts over (turn-in), counted blind
    HEAD_CASHIER = "head_cashier"


STAFF_ROLES: tuple[str, ...] = tuple(r.value for r in Role)

#: the kinds of service request a counter takes
REQUEST_KINDS = ("new_supply", "change_details", "extension", "termination", "suspension",
                 "meter_inspection", "auto_debit", "usage_alert", "reconnection")


# -- statuses: one spelling each, for the counter's store, central's and the wire ---------
# StrEnum members are str: they compare equal to the stored text and go into String
# columns and JSON as their value.


class AccountStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"
    #: cut off for non-payment (cắt điện do nợ): paying the whole debt raises a reconnection
    DISCONNECTED = "disconnected"


class BillStatus(StrEnum):
    UNPAID = "unpaid"
    PAID = "paid"


class PaymentMethod(StrEnum):
    CASH = "cash"
    VIETQR = "vietqr"


class PaymentStatus(StrEnum):
    """A payment's life: taken at a counter, voided (a compensating operation), or settled
    by central at the end of the day (then never voided)."""

    TAKEN = "taken"
    VOIDED = "voided"
    SETTLED = "settled"


class OutboxState(StrEnum):
    """An outbox row: waiting to be sent, refused by central (kept until a supervisor
    acknowledges it), or unreadable and set aside."""

    PENDING = "pending"
    REJECTED = "rejected"
    QUARANTINE = "quarantine"


class PushStatus(StrEnum):
    """Central's answer to one pushed operation."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class IntentStatus(StrEnum):
    """A VietQR payment intent at central: pending until the bank pays it, it expires, or
    the counter withdraws it."""

    PENDING = "pending"
    PAID = "paid"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class QrState(StrEnum):
    """A VietQR session at the counter (``qr_intents``), from before central is asked to
    the payment or the intent's end. Open: ASKING, PENDING; closed: the others."""

    #: written before central is asked; central may or may not hold the intent yet
    ASKING = "asking"
    #: central's intent is pending: the QR may be on a screen, or in a customer's bank app
    PENDING = "pending"
    #: the bank paid it: the payment and its receipt are written (one transaction)
    RECORDED = "recorded"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    #: central would not make it (bills paid meanwhile, no collection account…)
    REFUSED = "refused"


QR_OPEN: frozenset[str] = frozenset({QrState.ASKING, QrState.PENDING})


class RequestStatus(StrEnum):
    """A service request's life at central, after the counter took it (``submitted``:
    at the counter only, not yet at central)."""

    SUBMITTED = "submitted"
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REFUSED = "refused"
    #: withdrawn by the counter that took it (``request_withdrawal``): a reconnection
    #: request whose payment was voided
    CANCELLED = "cancelled"


class ShiftStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class TurnInStatus(StrEnum):
    COUNTED = "counted"
    ACCEPTED = "accepted"


class PrintState(StrEnum):
    PENDING = "pending"
    PRINTED = "printed"


class VisitOutcome(StrEnum):
    """What a field collector's visit came to."""

    PAID = "paid"
    NOT_HOME = "not_home"
    REFUSED = "refused"
    MOVED = "moved"
    METER_PROBLEM = "meter_problem"


#: a service request's life at central, after the counter took it
REQUEST_STATUSES: tuple[str, ...] = tuple(s.value for s in RequestStatus
                                          if s is not RequestStatus.SUBMITTED)
#: payment methods
METHODS: tuple[str, ...] = tuple(m.value for m in PaymentMethod)

#: what a collector found at a door (paid is marked by the payment itself)
VISIT_OUTCOMES: tuple[str, ...] = tuple(o.value for o in VisitOutcome)


# -- the outbox kinds' schemas (what central accepts) ------------------------------------
# They are pydantic models and live in desktop/contract_schemas.py, imported by those
# that validate (central, the sync's push): the counter's start and the light commands
# use the rules above and the builders below and never pay for pydantic
# (tests/unit/test_startup_imports.py).


def bundle_mac(key_hash: str, body: Mapping[str, Any]) -> str:
    """The signature of a bundle of unsent operations (``quaythu export-unsent``): HMAC-SHA256
    of its canonical JSON, keyed like the receipts' (the device token's SHA-256)."""
    return hmac.new(key_hash.encode(), canonical(body).encode(), hashlib.sha256).hexdigest()

# -- … and one builder each (what the counter sends) ------------------------------------


def payment_data(*, account_code: str, receipt_no: str, method: str, amount: int,
                 paid_at: dt.datetime, shift_key: str,
                 bills: Sequence[tuple[str, int]], bank_ref: str | None = None,
                 intent_ref: str | None = None, change_credit: int = 0,
                 fees: Sequence[Mapping[str, object]] = ()) -> dict[str, object]:
    data: dict[str, object] = {
        "account_code": account_code, "receipt_no": receipt_no, "method": method,
        "amount": amount, "paid_at": paid_at.isoformat(), "shift_key": shift_key,
        "bills": [{"bill_no": no, "amount": total} for no, total in bills]}
    if fees:
        data["fees"] = [dict(f) for f in fees]
    if change_credit:
        # change rounded down to the smallest note: the rest is the customer's credit
        data["change_credit"] = change_credit
    if bank_ref:
        data |= {"bank_ref": bank_ref, "intent_ref": intent_ref}
    return data


def void_data(*, payment_key: str, reason: str, voided_at: dt.datetime) -> dict[str, object]:
    return {"payment_key": payment_key, "reason": reason, "voided_at": voided_at.isoformat()}


def request_withdrawal_data(*, ref: str, reason: str, at: dt.datetime) -> dict[str, object]:
    """A request this counter took, withdrawn (the payment that raised it was voided)."""
    return {"ref": ref, "reason": reason, "at": at.isoformat()}


def audit_data(*, seq: int, prev_hash: str, digest: str,
               entry: Mapping[str, Any]) -> dict[str, object]:
    return {"seq": seq, "prev_hash": prev_hash, "hash": digest, "entry": dict(entry)}


def shift_close_data(*, shift_key: str, staff: str, opened_at: dt.datetime,
                     closed_at: dt.datetime, opening_float: int,
                     by_method: Sequence[tuple[str, int, int]], voided_count: int,
                     voided_amount: int, drops: int, expected_cash: int, counted_cash: int,
                     over_short: int, reason: str | None,
                     first_counted: int | None = None) -> dict[str, object]:
    extra: dict[str, object] = {} if first_counted is None else {"first_counted": first_counted}
    return extra | {"shift_key": shift_key, "staff": staff, "opened_at": opened_at.isoformat(),
            "closed_at": closed_at.isoformat(), "opening_float": opening_float,
            "by_method": [{"method": m, "count": n, "amount": a} for m, n, a in by_method],
            "voided_count": voided_count, "voided_amount": voided_amount, "drops": drops,
            "expected_cash": expected_cash, "counted_cash": counted_cash,
            "over_short": over_short, "reason": reason}


def turn_in_data(*, shift_key: str, cashier: str, head_cashier: str, declared: int,
                 counted: int, reason: str | None, at: dt.datetime) -> dict[str, object]:
    return {"shift_key": shift_key, "cashier": cashier, "head_cashier": head_cashier,
            "declared": declared, "counted": counted, "reason": reason, "at": at.isoformat()}


def deposit_data(*, slip_no: str, head_cashier: str, bank: str, turn_ins: Sequence[str],
                 total: int, at: dt.datetime) -> dict[str, object]:
    return {"slip_no": slip_no, "head_cashier": head_cashier, "bank": bank,
            "turn_ins": list(turn_ins), "total": total, "at": at.isoformat()}


def deposit_ref_data(*, deposit_key: str, bank_ref: str, staff: str,
                     at: dt.datetime) -> dict[str, object]:
    return {"deposit_key": deposit_key, "bank_ref": bank_ref, "staff": staff,
            "at": at.isoformat()}


def agent_closing_data(*, day: dt.date, staff: str, receipts: Sequence[tuple[str, int]],
                       at: dt.datetime) -> dict[str, object]:
    return {"day": day.isoformat(), "staff": staff, "count": len(receipts),
            "total": sum(a for _no, a in receipts),
            "receipts": [{"receipt_no": no, "amount": a} for no, a in receipts],
            "at": at.isoformat()}


def visit_data(*, sheet_id: int, account_code: str, outcome: str, note: str, staff: str,
               receipt_no: str | None, at: dt.datetime) -> dict[str, object]:
    data: dict[str, object] = {"sheet_id": sheet_id, "account_code": account_code,
                               "outcome": outcome, "note": note, "staff": staff,
                               "at": at.isoformat()}
    if receipt_no:
        data["receipt_no"] = receipt_no
    return data


#: where a request pushed before the new-supply form had one date kept it: in its
#: details, under ``wanted_on`` ("Ngày muốn có điện"), with ``preferred_on`` empty
OLD_PREFERRED = "wanted_on"


def preferred_day(data: Mapping[str, Any]) -> str | None:
    """A pushed request's preferred date (ISO text): ``preferred_on``, or for a request
    from before it was the form's one date, the old name in its details."""
    day = data.get("preferred_on")
    details = data.get("details")
    if not day and isinstance(details, Mapping):
        day = details.get(OLD_PREFERRED)
    return day if isinstance(day, str) and day else None


def service_request_data(*, ref: str, kind: str, account_code: str | None,
                         customer_name: str, address: str, phone: str | None,
                         id_number: str | None, note: str, preferred_on: dt.date | None,
                         staff: str, created_at: dt.datetime,
                         details: Mapping[str, object] | None = None,
                         papers: Sequence[str] | None = None,
                         due_on: dt.date | None = None,
                         documents: Sequence[Mapping[str, object]] | None = None
                         ) -> dict[str, object]:
    data: dict[str, object] = {
        "ref": ref, "kind": kind, "account_code": account_code,
        "customer_name": customer_name, "address": address, "phone": phone,
        "id_number": id_number, "note": note,
        "preferred_on": preferred_on.isoformat() if preferred_on else None,
        "staff": staff, "created_at": created_at.isoformat()}
    # only when there are some: an older central's strict schema knows none of them
    if details:
        data["details"] = {k: v.isoformat() if isinstance(v, dt.date) else v
                           for k, v in details.items()}
    if papers is not None:
        data["papers"] = list(papers)
    if due_on is not None:
        data["due_on"] = due_on.isoformat()
    if documents:
        data["documents"] = [dict(d) for d in documents]
    return data


# -- an operation against its journal line ---------------------------------------------


def journal_mismatch(payment: Mapping[str, Any], entry: Mapping[str, Any]) -> str | None:
    """What a payment's data says differently from the hash-chained journal line written
    with it (None when they agree): the field's name, for the refusal and the alert.

    The journal line is protected by the chain (a changed byte breaks every hash
    after it); the outbox row is not. A bit flipped in the row is caught here.
    """
    detail = entry.get("detail")
    if entry.get("action") != "payment" or not isinstance(detail, Mapping):
        return "action"
    checks: list[tuple[str, object, object]] = [
        ("receipt_no", payment.get("receipt_no"), entry.get("subject")),
        ("account_code", payment.get("account_code"), detail.get("account")),
        ("method", payment.get("method"), detail.get("method")),
        ("amount", payment.get("amount"), detail.get("amount")),
        ("bills", [b.get("bill_no") for b in payment.get("bills") or [] if isinstance(b, Mapping)],
         detail.get("bills")),
        ("change_credit", payment.get("change_credit", 0), detail.get("change_credit", 0)),
        ("fees", payment.get("fees"), detail.get("fees")),
    ]
    for name, ours, journal in checks:
        if ours != journal:
            return name
    try:
        if dt.datetime.fromisoformat(str(payment.get("paid_at"))) != dt.datetime.fromisoformat(
                str(entry.get("at"))):
            return "paid_at"
    except ValueError:
        return "paid_at"
    return None


def journal_lines_by_key(ops: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The journal lines of a push, by the key of the operation each records."""
    found: dict[str, Mapping[str, Any]] = {}
    for op in ops:
        if op.get("kind") != "audit":
            continue
        entry = (op.get("data") or {}).get("entry")
        detail = entry.get("detail") if isinstance(entry, Mapping) else None
        if isinstance(entry, Mapping) and isinstance(detail, Mapping) and isinstance(
                detail.get("key"), str):
            found[str(detail["key"])] = entry
    return found
