"""The outbox kinds' schemas (pydantic): what central accepts of each operation.

Part of the contract (:mod:`desktop.contract` holds its rules and builders):
central validates what it is pushed against these, and the sync checks a kind is
known before it sends. Kept apart so that the counter's start, which only uses
the contract's rules and builders, does not import pydantic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from desktop.contract import REQUEST_KINDS, VISIT_OUTCOMES, PaymentMethod

# -- the outbox kinds: one schema each (what central accepts) ---------------------------


class Strict(BaseModel):
    """Unknown fields refused: a payload that says more than the contract is not ours."""

    model_config = ConfigDict(extra="forbid", strict=False)


_Strict = Strict


class BillAmount(_Strict):
    bill_no: str = Field(min_length=1, max_length=24)
    amount: int = Field(gt=0, le=10_000_000_000)


class FeeData(_Strict):
    """A fee a payment takes besides its bills (int đồng): today only the reconnection fee,
    collected where the account's unit's rules say so (central checks it against
    resources/services/_reconnection_fees.toml)."""

    kind: Literal["reconnection"]
    amount: int = Field(gt=0, le=100_000_000)
    vat_rate: int = Field(ge=0, le=100)
    vat: int = Field(ge=0, le=100_000_000)


class PaymentData(_Strict):
    account_code: str = Field(min_length=4, max_length=20)
    receipt_no: str = Field(min_length=1, max_length=24)
    method: PaymentMethod
    amount: int = Field(gt=0, le=10_000_000_000)
    paid_at: dt.datetime
    bills: list[BillAmount] = Field(min_length=1, max_length=50)
    bank_ref: str | None = Field(default=None, max_length=64)
    shift_key: UUID | None = None
    #: the VietQR payment intent the bank confirmed (method vietqr)
    intent_ref: str | None = Field(default=None, max_length=20)
    #: what rounding the change down left in the drawer: credited to the account
    change_credit: int = Field(default=0, ge=0, le=100_000)
    #: fees taken besides the bills; ``amount`` is the bills plus these (absent: none, as
    #: every payment before them)
    fees: list[FeeData] | None = Field(default=None, min_length=1, max_length=3)

    @field_validator("paid_at")
    @classmethod
    def _aware(cls, v: dt.datetime) -> dt.datetime:
        if v.tzinfo is None:
            raise ValueError("paid_at must carry a time zone")
        return v


class VoidData(_Strict):
    payment_key: UUID
    reason: str = Field(min_length=1, max_length=500)
    voided_at: dt.datetime


class MethodTotalModel(_Strict):
    method: PaymentMethod
    count: int = Field(ge=0)
    amount: int = Field(ge=0)


class ShiftCloseData(_Strict):
    shift_key: UUID
    staff: str = Field(min_length=1, max_length=40)
    opened_at: dt.datetime
    closed_at: dt.datetime
    opening_float: int = Field(ge=0, le=10**12)
    by_method: list[MethodTotalModel] = Field(max_length=10)
    voided_count: int = Field(ge=0)
    voided_amount: int = Field(ge=0)
    drops: int = Field(ge=0)
    expected_cash: int
    counted_cash: int = Field(ge=0)
    over_short: int
    reason: str | None = Field(default=None, max_length=600)
    #: the first count's total, when an approved recount replaced it
    first_counted: int | None = Field(default=None, ge=0)


Hash = Annotated[str, Field(pattern="^[0-9a-f]{64}$")]


class AuditEntryModel(_Strict):
    """A journal line as the device hashed it: kept as sent, never re-formatted."""

    model_config = ConfigDict(extra="forbid", strict=True)
    seq: int = Field(ge=1)
    at: str = Field(max_length=40)
    device: str = Field(max_length=24)
    staff: str = Field(max_length=40)
    action: str = Field(min_length=1, max_length=40)
    subject: str = Field(max_length=200)
    detail: dict[str, Any]


class AuditData(_Strict):
    seq: int = Field(ge=1)
    prev_hash: Hash
    hash: Hash
    entry: AuditEntryModel


class DocumentRefData(_Strict):
    """A document attached to a request, sent before it by ``PUT /v1/documents/{sha256}``."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    media_type: Literal["image/png", "image/jpeg", "application/pdf"]
    size: int = Field(ge=1)


class ServiceRequestData(_Strict):
    ref: str = Field(min_length=1, max_length=32)
    kind: Literal[REQUEST_KINDS]  # type: ignore[valid-type]  # the one tuple, as a Literal
    account_code: str | None = Field(default=None, max_length=16)
    customer_name: str = Field(min_length=1, max_length=200)
    address: str = Field(min_length=1, max_length=400)
    #: None only on a reconnection the core raised for an account with no phone on file
    phone: str | None = Field(default=None, pattern=r"^0\d{9}$")
    id_number: str | None = Field(default=None, pattern=r"^\d{12}$")
    note: str = Field(max_length=1000)
    preferred_on: dt.date | None = None
    staff: str = Field(min_length=1, max_length=40)
    created_at: dt.datetime
    #: the kind's own details (resources/services/<kind>.toml), the papers brought, and
    #: the date the utility must act by; absent from counters older than these forms
    details: dict[str, str | int | bool] | None = None
    papers: list[str] | None = Field(default=None, max_length=30)
    due_on: dt.date | None = None
    #: the documents attached (each stored at central before the request is applied)
    documents: list[DocumentRefData] | None = Field(default=None, max_length=20)


class RequestWithdrawalData(_Strict):
    """A request the pushing counter took, withdrawn with a reason (the payment that
    raised a reconnection request was voided); central marks it ``cancelled``."""

    ref: str = Field(min_length=1, max_length=32)
    reason: str = Field(min_length=1, max_length=500)
    at: dt.datetime


class TurnInData(_Strict):
    """A closed shift's cash taken over by the head cashier, counted blind."""

    shift_key: UUID
    #: who closed the shift (central checks it is not the head cashier)
    cashier: str = Field(min_length=1, max_length=40)
    head_cashier: str = Field(min_length=1, max_length=40)
    declared: int = Field(ge=0, le=10**12)
    counted: int = Field(ge=0, le=10**12)
    reason: str | None = Field(default=None, max_length=600)
    at: dt.datetime


class DepositData(_Strict):
    """Accepted turn-ins grouped into one bank deposit (nộp tiền vào ngân hàng)."""

    slip_no: str = Field(pattern=r"^NT-[0-9A-Z]{4,20}-\d{8}-\d{3}$")
    head_cashier: str = Field(min_length=1, max_length=40)
    bank: str = Field(min_length=1, max_length=120)
    #: the turn-ins' keys; central checks each is its unit's, accepted and not deposited
    turn_ins: list[UUID] = Field(min_length=1, max_length=500)
    #: their counted cash summed (central checks it)
    total: int = Field(gt=0, le=10**13)
    at: dt.datetime


class DepositRefData(_Strict):
    """The bank's reference for a deposit, recorded once when the slip comes back."""

    deposit_key: UUID
    bank_ref: str = Field(pattern=r"^[0-9A-Za-z./-]{4,40}$")
    staff: str = Field(min_length=1, max_length=40)
    at: dt.datetime


class ClosingReceipt(_Strict):
    receipt_no: str = Field(min_length=1, max_length=40)
    amount: int = Field(gt=0, le=10**12)


class AgentClosingData(_Strict):
    """An agent's daily closing: the day's receipts as the agent's counter holds them."""

    #: Ho Chi Minh City's day the closing covers
    day: dt.date
    staff: str = Field(min_length=1, max_length=40)
    count: int = Field(ge=0, le=100_000)
    total: int = Field(ge=0, le=10**13)
    receipts: list[ClosingReceipt] = Field(max_length=100_000)
    at: dt.datetime



class VisitData(_Strict):
    """A field collector's visit to one stop of a route sheet."""

    sheet_id: int = Field(gt=0)
    account_code: str = Field(min_length=1, max_length=20)
    outcome: Literal[VISIT_OUTCOMES]  # type: ignore[valid-type]  # the one tuple, as a Literal
    note: str = Field(max_length=500)
    staff: str = Field(min_length=1, max_length=40)
    receipt_no: str | None = Field(default=None, max_length=40)
    at: dt.datetime


#: kind → schema: the one registry of outbox operation kinds
OP_SCHEMAS: Mapping[str, type[BaseModel]] = {
    "payment": PaymentData, "void": VoidData, "audit": AuditData,
    "shift_close": ShiftCloseData, "service_request": ServiceRequestData,
    "turn_in": TurnInData, "deposit": DepositData, "deposit_ref": DepositRefData,
    "agent_closing": AgentClosingData, "visit": VisitData,
    "request_withdrawal": RequestWithdrawalData,
}
OP_KINDS: tuple[str, ...] = tuple(OP_SCHEMAS)


def checked_data(kind: str, data: Any) -> dict[str, Any]:
    """An operation's data as central applies it: validated against its kind's schema
    (``ValueError`` when it does not fit), normalised — except a journal line, which is
    hashed as the device wrote it and so is kept verbatim."""
    if kind not in OP_SCHEMAS:
        raise ValueError(f"unknown kind {kind!r}")
    return applied_data(kind, OP_SCHEMAS[kind].model_validate(data), data)


def applied_data(kind: str, model: BaseModel, data: Any) -> dict[str, Any]:
    """The data of an operation already validated as ``model``, as central applies it."""
    if kind == "audit":
        return dict(data)
    dumped: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
    return dumped
