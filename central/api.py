"""The HTTP contract (``/v1``): FastAPI over :class:`central.service.Central`.

Stateless: every request carries its device token, so the app runs as many
workers and hosts as the load needs.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import Depends, FastAPI, Header, Query, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central import problems
from central.problems import Problem, problem_response
from central.service import OP_KINDS, Central, DeviceContext

#: Largest request body accepted (a push of a few hundred operations is far less).
MAX_BODY = 4 * 1024 * 1024
MAX_OPS = 500


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class EnrolRequest(_Strict):
    code: str = Field(min_length=4, max_length=40)
    device_name: str = Field(min_length=1, max_length=100)


class EnrolResponse(BaseModel):
    token: str
    device_id: int
    unit_code: str


class Change(BaseModel):
    seq: int
    entity: str
    op: Literal["upsert", "delete"]
    data: dict[str, Any]


class PullResponse(BaseModel):
    changes: list[Change]
    cursor: int
    more: bool


class BillAmount(_Strict):
    bill_no: str = Field(min_length=1, max_length=24)
    amount: int = Field(gt=0, le=10_000_000_000)


class PaymentData(_Strict):
    account_code: str = Field(min_length=4, max_length=20)
    receipt_no: str = Field(min_length=1, max_length=24)
    method: Literal["cash", "vietqr"]
    amount: int = Field(gt=0, le=10_000_000_000)
    paid_at: dt.datetime
    bills: list[BillAmount] = Field(min_length=1, max_length=50)
    bank_ref: str | None = Field(default=None, max_length=64)

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


class PushOp(_Strict):
    key: UUID
    kind: Literal["payment", "void"]
    data: dict[str, Any]


class PushRequest(_Strict):
    ops: list[PushOp] = Field(min_length=1, max_length=MAX_OPS)


class PushResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    key: str
    status: Literal["applied", "duplicate", "rejected"]


class PushResponse(BaseModel):
    results: list[PushResult]


class BodyLimit:
    """Refuses bodies over ``limit`` bytes, announced or streamed, with 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await problem_response(413, "body-too-large", "Request body too large")(
                scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise Problem(413, "body-too-large", "Request body too large")
            return message

        await self.app(scope, limited, send)


def current_device(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> DeviceContext:
    token = None
    if authorization and authorization.lower().startswith("bearer "):
        token = authorization[7:].strip()
    central: Central = request.app.state.central
    return central.authenticate(token)


DeviceDep = Annotated[DeviceContext, Depends(current_device)]


def create_app(central: Central) -> FastAPI:
    app = FastAPI(
        title="QuayThu central API",
        version="1.0.0",
        description="The contract between QuayThu counters and the utility's central system.",
    )
    app.state.central = central
    problems.install(app)
    app.add_middleware(BodyLimit, limit=MAX_BODY)

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/devices/enrol", response_model=EnrolResponse)
    def enrol(body: EnrolRequest) -> EnrolResponse:
        token, ctx = central.enrol(body.code, body.device_name)
        return EnrolResponse(token=token, device_id=ctx.device_id, unit_code=ctx.unit_code)

    @app.get("/v1/sync/pull", response_model=PullResponse)
    def pull(ctx: DeviceDep, cursor: Annotated[int, Query(ge=0)] = 0,
             limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> dict[str, Any]:
        return central.pull(ctx, cursor, limit)

    @app.post("/v1/sync/push", response_model=PushResponse)
    def push(ctx: DeviceDep, body: PushRequest) -> dict[str, Any]:
        ops = []
        for op in body.ops:
            model = PaymentData if op.kind == "payment" else VoidData
            try:
                data = model.model_validate(op.data).model_dump(mode="json", exclude_none=True)
            except ValueError as exc:
                raise Problem(422, "invalid-operation", "An operation's data is malformed",
                              detail=f"{op.key}: {exc}"[:2000]) from None
            ops.append({"key": str(op.key), "kind": op.kind, "data": data})
        return {"results": central.push(ctx, ops)}

    @app.get("/v1/accounts/{code}/bills")
    def account_bills(ctx: DeviceDep, code: str) -> dict[str, Any]:
        return central.bills_of(ctx, code)

    @app.middleware("http")
    async def no_store(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["Cache-Control"] = "no-store"
        return response

    assert set(OP_KINDS) == {"payment", "void"}
    return app
