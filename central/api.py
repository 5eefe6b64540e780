"""The HTTP contract (``/v1``): FastAPI over :class:`central.service.Central`.

Stateless: every request carries its device token, so the app runs as many
workers and hosts as the load needs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union
from uuid import UUID

import orjson
from fastapi import Depends, FastAPI, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, PlainTextResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, create_model
from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central import problems
from central.database import schema_state
from central.observe import Metrics, RequestContext
from central.problems import Problem, ProblemDetails, describe, problem_response, problem_responses
from central.service import Central, DeviceContext
from central.service.documents import MAX_DOCUMENT
from central.service.errors import CentralError
from central.service.ops import OPS
from desktop.contract import BillStatus, IntentStatus, PushStatus
from desktop.contract_schemas import Strict as _Strict
from desktop.contract_schemas import applied_data

#: Largest request body accepted (a push of a few hundred operations is far less).
MAX_BODY = 4 * 1024 * 1024
MAX_OPS = 500
BODY_TITLE = f"Request body too large (at most {MAX_BODY} bytes)"
#: the largest sequence value PostgreSQL's bigint holds: anything above is a 422, not a 500
MAX_SEQ = 2**63 - 1
SQLITE_TYPE = "application/vnd.sqlite3"
#: the device token, as OpenAPI's ``securitySchemes`` says; checked by :func:`current_device`
BEARER = HTTPBearer(auto_error=False, scheme_name="deviceToken",
                    description="The device token from the enrolment (qtd_…)")


class EnrolRequest(_Strict):
    code: str = Field(min_length=4, max_length=40)
    device_name: str = Field(min_length=1, max_length=100)
    #: a random key the device keeps: the same code and key again (a lost answer) within
    #: 30 minutes return the same device
    device_key: str | None = Field(default=None, min_length=32, max_length=128)


class EnrolResponse(BaseModel):
    token: str
    device_id: int
    unit_code: str
    #: the key the device signs its receipts' QR with (QT2); central does not store it
    receipt_key: str | None = None


class Change(BaseModel):
    seq: int
    entity: str
    op: Literal["upsert", "delete"]
    data: dict[str, Any]


class HeadResponse(BaseModel):
    seq: int


class PullResponse(BaseModel):
    changes: list[Change]
    cursor: int
    more: bool


class IntentRequest(_Strict):
    account_code: str = Field(min_length=4, max_length=20)
    bills: list[str] = Field(min_length=1, max_length=50)
    amount: int = Field(gt=0, le=10**12)
    #: the counter's UUID for this intent, written before it asks: asking again with the
    #: same key answers the same intent (a lost answer, a crash), never a second one
    key: UUID | None = None


class IntentResponse(BaseModel):
    reference: str
    status: IntentStatus
    amount: int
    account_code: str
    bills: list[str]
    bank_bin: str | None
    bank_account: str | None
    bill_no: str
    purpose: str
    expires_at: dt.datetime
    paid_at: dt.datetime | None
    bank_ref: str | None


class DocumentStored(BaseModel):
    sha256: str
    #: stored (now) or already (before: nothing written again)
    status: Literal["stored", "already"]
    media_type: str
    size: int


class DeviceNumbersResponse(BaseModel):
    device_id: int
    last_receipt_seq: int
    audit_seq: int
    audit_hash: str


class SnapshotResponse(BaseModel):
    """A first-sync snapshot: the unit's replica as a SQLite file in the counter's schema."""
    id: str
    scope: str
    #: the change-log value the file stands at: the counter pulls on from there
    seq: int
    #: how many changes of the log it stands for
    changes: int
    size: int
    sha256: str
    #: the counter's store schema revision the file is in
    schema_: str = Field(alias="schema")
    built_at: dt.datetime


class AuditHeadResponse(BaseModel):
    seq: int
    hash: str


class AuditHashesResponse(BaseModel):
    """The hashes of the calling device's journal lines in a range (those central holds)."""

    lines: list[AuditHeadResponse]


def _op_model(kind: str, schema: type[BaseModel]) -> type[BaseModel]:
    name = "".join(part.title() for part in kind.split("_")) + "Op"
    model: type[BaseModel] = create_model(
        name, __base__=_Strict, key=(UUID, ...),
        kind=(Literal[kind], ...),  # type: ignore[arg-type]  # one Literal per kind
        data=(schema, ...))
    return model


#: one schema per operation kind, told apart by ``kind`` (the contract's registry)
PUSH_OPS = tuple(_op_model(kind, op.schema) for kind, op in OPS.items())
PushOp = Annotated[Union[PUSH_OPS], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007


class PushRequest(_Strict):
    #: at most MAX_OPS (more is a 413 ``too-many-operations``, checked before validation)
    ops: list[PushOp] = Field(min_length=1)


PUSH_REQUEST = TypeAdapter(PushRequest)


class PushResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    key: str
    status: PushStatus


class PushResponse(BaseModel):
    results: list[PushResult]


class BankNotificationBody(BaseModel):
    """What the bank sends when money arrived for an intent."""

    reference: str = Field(max_length=64)
    bank_ref: str = Field(max_length=64)
    amount: int = Field(gt=0, le=10**12)


class BankAnswer(BaseModel):
    model_config = ConfigDict(extra="allow")
    reference: str
    status: str


class MethodTotals(BaseModel):
    count: int
    amount: int


class ReconciliationResponse(BaseModel):
    shift_key: str
    by_method: dict[str, MethodTotals]
    voided: MethodTotals
    #: the shift report as the counter closed it, or null while it is open
    closing: dict[str, Any] | None


class AccountBill(BaseModel):
    """A bill as the change log carries it (``entity: bill``)."""

    model_config = ConfigDict(extra="allow")
    id: int
    bill_no: str
    period_start: dt.date
    period_end: dt.date
    kwh: int
    total: int
    status: BillStatus
    paid_at: dt.datetime | None


class AccountBillsResponse(BaseModel):
    """An account and its bills as central holds them now (the live check)."""

    #: the account as the change log carries it (``entity: account``)
    account: dict[str, Any]
    bills: list[AccountBill]
    as_of: dt.datetime


class UndepositedTurnIn(BaseModel):
    key: str
    shift_key: str
    cashier: str
    head_cashier: str
    counted: int
    at: dt.datetime


class UndepositedResponse(BaseModel):
    """The calling device's unit's accepted turn-ins no bank deposit has taken yet."""

    turn_ins: list[UndepositedTurnIn]
    as_of: dt.datetime


class RemittanceRow(BaseModel):
    amount: int
    at: dt.datetime
    note: str


class RemittancesResponse(BaseModel):
    """An agent's collection limit, the cash it holds not yet remitted, its remittances."""

    collection_limit: int | None
    unremitted: int
    remittances: list[RemittanceRow]
    as_of: dt.datetime


class BodyLimit:
    """Refuses bodies over ``limit`` bytes, announced or streamed, with 413."""

    def __init__(self, app: ASGIApp, limit: int,
                 wider: tuple[tuple[str, int], ...] = ()) -> None:
        self.app, self.limit = app, limit
        #: paths (by prefix) that take bigger bodies: a scanned document
        self.wider = wider

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        limit = next((n for prefix, n in self.wider if path.startswith(prefix)), self.limit)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await problem_response(413, "body-too-large", BODY_TITLE, limit=limit)(
                scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise Problem(413, "body-too-large", BODY_TITLE, limit=limit)
            return message

        await self.app(scope, limited, send)


@dataclass(frozen=True, slots=True)
class RateLimits:
    """What a client may do per window before 429 (each worker process counts its own)."""

    #: failed enrolments per client address
    enrol_failures: int = 10
    enrol_window: float = 600.0
    #: failed token checks per client address, and per presented credential
    auth_failures: int = 30
    auth_window: float = 60.0
    #: requests per device (a first sync of a whole city pulls about 30 pages a second)
    device_requests: int = 6000
    device_window: float = 60.0
    #: accounts looked up live per device: a counter checks a few bills a minute; an
    #: agent may look up any unit's account by its code, so codes are not to be walked
    account_lookups: int = 120
    lookup_window: float = 60.0
    #: addresses, credentials and devices each limiter remembers (the oldest go first)
    max_tracked: int = 100_000


class WindowLimiter:
    """Events per key in a sliding window, in bounded memory.

    Once ``max_keys`` keys are tracked, the least recently seen is forgotten: a
    flood of new addresses evicts only the oldest entries, never everyone's
    count at once.
    """

    def __init__(self, limit: int, window: float, max_keys: int = 100_000) -> None:
        self.limit, self.window, self.max_keys = limit, window, max_keys
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._seen.get(key)
        if q is None:
            q = self._seen[key] = deque()
            while len(self._seen) > self.max_keys:
                self._seen.popitem(last=False)
        else:
            self._seen.move_to_end(key)
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def retry_after(self, key: str) -> int | None:
        """Seconds until ``key`` may go on, or None when it is within its limit."""
        now = time.monotonic()
        with self._lock:
            q = self._recent(key, now)
            if len(q) < self.limit:
                return None
            return int(q[0] + self.window - now) + 1

    def record(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(key, now).append(now)

    def tracked(self) -> int:
        with self._lock:
            return len(self._seen)


def too_many(retry: int, title: str = "Too many failed attempts; wait") -> Problem:
    return Problem(429, "too-many-attempts", title, detail=f"retry after {retry} s",
                   headers={"Retry-After": str(retry)})


@dataclass(slots=True)
class Limiters:
    enrol: WindowLimiter
    auth: WindowLimiter
    device: WindowLimiter
    lookup: WindowLimiter

    @classmethod
    def of(cls, limits: RateLimits) -> Limiters:
        return cls(WindowLimiter(limits.enrol_failures, limits.enrol_window, limits.max_tracked),
                   WindowLimiter(limits.auth_failures, limits.auth_window, limits.max_tracked),
                   WindowLimiter(limits.device_requests, limits.device_window,
                                 limits.max_tracked),
                   WindowLimiter(limits.account_lookups, limits.lookup_window,
                                 limits.max_tracked))


#: what a payment's refusal says of an account the look-up would have said too
_EXISTENCE = ("unknown-account", "unknown-bill")


def _as_a_look_up(limiters: Limiters, ctx: DeviceContext, ops: list[dict[str, Any]],
                  results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Push answers that tell no more than ``/v1/accounts/{code}/bills`` would: each
    payment refused as ``unknown-account`` or ``unknown-bill`` is a look-up of its account
    and counts against the device's look-up limit; over it, both answer alike, so an
    agent cannot walk customer codes through pushes (500 a push) instead of look-ups."""
    out = []
    for op, result in zip(ops, results, strict=True):
        if op["kind"] == "payment" and result.get("reason") in _EXISTENCE:
            device = str(ctx.device_id)
            if limiters.lookup.retry_after(device) is not None:
                result = {**result, "reason": "unknown-account",
                          "message": "Không có khách hàng hoặc hóa đơn này (đã quá số lần "
                                     "tra cứu; thử lại sau)."}
            else:
                limiters.lookup.record(device)
        out.append(result)
    return out


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def current_device(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)] = None,
) -> DeviceContext:
    token = credentials.credentials if credentials is not None else None
    central: Central = request.app.state.central
    limiters: Limiters = request.app.state.limiters
    if not token:
        # nothing to guess with: 401 as the contract says, whatever the address did
        central.authenticate(None)
    # a credential that already failed too often is not looked up again; a valid one never
    # fails, so no one else's failures (a branch behind one NAT) can throttle it
    credential = "credential:" + hashlib.sha256((token or "").encode()).hexdigest()[:32]
    if (retry := limiters.auth.retry_after(credential)) is not None:
        raise too_many(retry)
    try:
        ctx = central.authenticate(token)
    except CentralError:
        address = "address:" + _client(request)
        retry = limiters.auth.retry_after(address)
        limiters.auth.record(credential)
        limiters.auth.record(address)
        if retry is not None:  # an address guessing tokens learns nothing more than 429
            raise too_many(retry) from None
        raise
    if (retry := limiters.device.retry_after(str(ctx.device_id))) is not None:
        raise too_many(retry, "Too many requests from this device; wait")
    limiters.device.record(str(ctx.device_id))
    request.state.token_expires_at = ctx.token_expires_at
    return ctx


DeviceDep = Annotated[DeviceContext, Depends(current_device)]


#: what every route that takes a device token can answer besides its own
_DEVICE = (401, 413, 429, 503)


def create_app(central: Central, limits: RateLimits | None = None) -> FastAPI:
    app = FastAPI(
        title="QuayThu central API",
        version="1.0.0",
        description="The contract between QuayThu counters and the utility's central system.",
    )
    app.state.central = central
    app.state.metrics = metrics = Metrics()
    app.state.limiters = limiters = Limiters.of(limits or RateLimits())
    problems.install(app)
    app.add_middleware(BodyLimit, limit=MAX_BODY,
                       wider=(("/v1/documents/", MAX_DOCUMENT),))

    @app.get("/v1/health", include_in_schema=False)
    @app.get("/healthz", tags=["operations"])
    def health() -> dict[str, str]:
        """The process is up and answering (it does not touch the database)."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], responses=problem_responses(503))
    def ready() -> dict[str, str]:
        """The database answers and carries the code's schema revision: send traffic."""
        try:
            current, head = schema_state(engine_of(central))
        except Exception as exc:  # unreachable, refused, timed out: not ready, said so
            raise Problem(503, "not-ready", "The database does not answer",
                          detail=type(exc).__name__, headers={"Retry-After": "5"}) from None
        if current != head:
            raise Problem(503, "not-ready", "The database is not migrated",
                          detail=f"revision {current}, code expects {head}",
                          headers={"Retry-After": "30"})
        return {"status": "ready", "revision": head}

    @app.get("/metrics", tags=["operations"], response_class=PlainTextResponse)
    def metrics_page() -> Response:
        """Prometheus metrics (text exposition format)."""
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    @app.post("/v1/devices/enrol", response_model=EnrolResponse,
              responses=problem_responses(401, 410, 413, 422, 429, 503))
    def enrol(request: Request, body: EnrolRequest) -> EnrolResponse:
        address = _client(request)
        # a valid code enrols whatever its address's failures (an office behind one
        # address, a colleague's typo); a failure from an address over its limit answers
        # 429 and says nothing of the code. A code's own failures lock it (``enrol``).
        retry = limiters.enrol.retry_after(address)
        try:
            token, ctx = central.enrol(body.code, body.device_name, body.device_key)
        except CentralError:
            limiters.enrol.record(address)
            if retry is not None:
                raise too_many(retry) from None
            raise
        return EnrolResponse(token=token, device_id=ctx.device_id, unit_code=ctx.unit_code,
                             receipt_key=central.receipt_key(ctx.device_id))

    @app.post("/v1/devices/renew", response_model=EnrolResponse,
              responses=problem_responses(*_DEVICE))
    def renew(ctx: DeviceDep) -> EnrolResponse:
        """A new token before the old one expires (the old one stops working at once)."""
        return EnrolResponse(token=central.renew(ctx), device_id=ctx.device_id,
                             unit_code=ctx.unit_code,
                             receipt_key=central.receipt_key(ctx.device_id))

    @app.get("/v1/sync/pull", response_model=PullResponse,
             responses=problem_responses(*_DEVICE, 422))
    def pull(ctx: DeviceDep, cursor: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
             limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
             open_bills_until: Annotated[int | None, Query(ge=0, le=MAX_SEQ)] = None
             ) -> Response:
        """Changes after ``cursor``; ``open_bills_until`` (a first sync, the value of
        ``/v1/sync/head`` when it began) leaves out upserts of bills paid by now."""
        # the page is JSON already (see Central.pull_json); the model above documents it
        page = central.pull_json(ctx, cursor, limit, open_bills_until)
        metrics.pull_pages.inc()
        metrics.pull_bytes.inc(len(page))
        return Response(page, media_type="application/json")

    @app.get("/v1/sync/head", response_model=HeadResponse, responses=problem_responses(*_DEVICE))
    def head(ctx: DeviceDep) -> dict[str, int]:
        """The change log's last sequence value, where a first sync's snapshot ends."""
        return {"seq": central.head()}

    @app.get("/v1/sync/snapshot", response_model=SnapshotResponse,
             responses=problem_responses(*_DEVICE))
    def snapshot(ctx: DeviceDep) -> dict[str, Any]:
        """The newest snapshot of the device's unit for a first sync (built when none
        is fresh); download it from ``/v1/sync/snapshot/{id}``, then pull from ``seq``."""
        return central.snapshot_for(ctx).manifest()

    @app.get("/v1/sync/snapshot/{snapshot_id}",
             responses={**problem_responses(*_DEVICE, 404),
                        200: {"content": {SQLITE_TYPE: {}}, "description": "The file"},
                        206: {"content": {SQLITE_TYPE: {}},
                              "description": "The bytes a Range header asked for"}})
    def snapshot_download(ctx: DeviceDep,
                          snapshot_id: Annotated[str, Path(max_length=40)]) -> FileResponse:
        """A snapshot's file; ``Range: bytes=N-`` resumes a cut download."""
        path, info = central.snapshot_file(ctx, snapshot_id)
        metrics.pull_bytes.inc(info.size)
        return FileResponse(path, media_type=SQLITE_TYPE, filename=f"{info.id}.db")

    @app.post("/v1/sync/push", response_model=PushResponse,
              responses=problem_responses(*_DEVICE, 422),
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}}}})
    async def push(ctx: DeviceDep, request: Request) -> dict[str, Any]:
        """Operations to apply, each at most once per device and key (see the contract)."""
        try:
            doc = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            raise Problem(422, "invalid-request", "Request does not match the contract",
                          errors=[{"loc": ["body"], "problem": "is not valid JSON"}]) from None
        if isinstance(doc, dict) and isinstance(doc.get("ops"), list) \
                and len(doc["ops"]) > MAX_OPS:
            raise Problem(413, "too-many-operations",
                          f"At most {MAX_OPS} operations per push", limit=MAX_OPS,
                          detail=f"{len(doc['ops'])} sent; split them into pushes of {MAX_OPS}")
        try:
            request_ = PUSH_REQUEST.validate_python(doc)
        except ValidationError as exc:
            raise Problem(422, "invalid-request", "Request does not match the contract",
                          errors=describe(exc.errors(), ("body",))) from None
        # normalised by its kind's schema, validated once above; a journal line as sent (it
        # is hashed as the device wrote it)
        validated: list[Any] = request_.ops  # one model per kind, made at import
        ops = [{"key": str(op.key), "kind": op.kind,
                "data": applied_data(op.kind, op.data, raw["data"])}
               for op, raw in zip(validated, doc["ops"], strict=True)]
        results = await run_in_threadpool(central.push, ctx, ops)
        metrics.pushed(ops, results)
        return {"results": _as_a_look_up(request.app.state.limiters, ctx, ops, results)}

    @app.put("/v1/documents/{sha256}", response_model=DocumentStored,
             responses={**problem_responses(*_DEVICE, 422),
                        201: {"model": DocumentStored, "description": "Stored now"}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "image/png": {}, "image/jpeg": {}, "application/pdf": {}}}})
    async def put_document(ctx: DeviceDep, request: Request, response: Response,
                           sha256: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
                           ) -> dict[str, Any]:
        """A document attached to a service request, sent before the request that names
        it; the same hash again is answered ``already`` (200) and not stored twice."""
        body = await request.body()
        new, row = await run_in_threadpool(central.put_document, ctx, sha256, body)
        response.status_code = 201 if new else 200
        return {"sha256": row.sha256, "status": "stored" if new else "already",
                "media_type": row.media_type, "size": row.size}

    @app.get("/v1/devices/me", response_model=DeviceNumbersResponse,
             responses=problem_responses(*_DEVICE))
    def device_numbers(ctx: DeviceDep) -> dict[str, Any]:
        """The calling device's numbering as central holds it: its last receipt number
        and its journal's head. A counter never numbers below these."""
        return central.device_numbers(ctx)

    @app.get("/v1/audit/head", response_model=AuditHeadResponse,
             responses=problem_responses(*_DEVICE))
    def audit_head(ctx: DeviceDep) -> dict[str, Any]:
        """The last journal line central holds for the calling device."""
        return central.audit_head(ctx)

    @app.get("/v1/audit/hashes", response_model=AuditHashesResponse,
             responses=problem_responses(*_DEVICE, 422))
    def audit_hashes(ctx: DeviceDep,
                     first: Annotated[int, Query(alias="from", ge=1, le=MAX_SEQ)],
                     last: Annotated[int, Query(alias="to", ge=1, le=MAX_SEQ)]
                     ) -> dict[str, Any]:
        """The hashes of the calling device's journal lines ``from``..``to`` that central
        holds (at most 1000 from ``from``): a counter put back to an old copy finds which of
        its unsent lines central has already and where its chain forks from central's."""
        return central.audit_hashes(ctx, first, last)

    @app.post("/v1/intents", response_model=IntentResponse,
              responses=problem_responses(*_DEVICE, 404, 409, 422))
    def create_intent(ctx: DeviceDep, body: IntentRequest) -> dict[str, Any]:
        """A VietQR payment intent for the unit's collection account (expires in 10 min);
        idempotent by ``key``: the same key answers the same intent, as it stands now."""
        return central.create_intent(ctx, body.account_code, body.bills, body.amount,
                                     str(body.key) if body.key else None)

    @app.get("/v1/intents/{reference}", response_model=IntentResponse,
             responses=problem_responses(*_DEVICE, 404, 422))
    def get_intent(ctx: DeviceDep, reference: Annotated[str, Path(max_length=64)]
                   ) -> dict[str, Any]:
        return central.intent(ctx, reference)

    @app.post("/v1/intents/{reference}/cancel", response_model=IntentResponse,
              responses=problem_responses(*_DEVICE, 404, 409, 422))
    def cancel_intent(ctx: DeviceDep, reference: Annotated[str, Path(max_length=64)]
                      ) -> dict[str, Any]:
        return central.intent(ctx, reference, cancel=True)

    @app.post("/v1/bank/notifications", response_model=BankAnswer,
              responses=problem_responses(401, 404, 409, 413, 422, 503),
              openapi_extra={"parameters": [
                  {"name": "X-Timestamp", "in": "header", "required": True,
                   "schema": {"type": "string", "pattern": "^[0-9]{1,12}$"},
                   "description": "Unix time of the signature, in seconds"},
                  {"name": "X-Signature", "in": "header", "required": True,
                   "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
                   "description": 'HMAC-SHA256 of "<X-Timestamp>.<body>", hex'}],
                  "requestBody": {"required": True, "content": {"application/json": {
                      "schema": {"$ref": "#/components/schemas/BankNotificationBody"}}}}})
    async def bank_notification(request: Request) -> dict[str, Any]:
        """The bank's webhook: HMAC-SHA256 of "<X-Timestamp>.<body>" in X-Signature."""
        body = await request.body()
        return await run_in_threadpool(
            central.bank_notification, body, request.headers.get("x-timestamp"),
            request.headers.get("x-signature"))

    @app.get("/v1/shifts/{shift_key}/reconciliation", response_model=ReconciliationResponse,
             responses=problem_responses(*_DEVICE, 422))
    def reconciliation(ctx: DeviceDep, shift_key: UUID) -> dict[str, Any]:
        """Central's totals of a shift of the calling device, by method, and its closing."""
        return central.reconciliation(ctx, str(shift_key))

    @app.get("/v1/accounts/{code}/bills", response_model=AccountBillsResponse,
             responses=problem_responses(*_DEVICE, 404, 422))
    def account_bills(request: Request, ctx: DeviceDep,
                      code: Annotated[str, Path(max_length=20)]) -> dict[str, Any]:
        limiters: Limiters = request.app.state.limiters
        if (retry := limiters.lookup.retry_after(str(ctx.device_id))) is not None:
            raise too_many(retry, "Too many account look-ups from this device; wait")
        limiters.lookup.record(str(ctx.device_id))
        return central.bills_of(ctx, code)

    @app.get("/v1/turn-ins/undeposited", response_model=UndepositedResponse,
             responses=problem_responses(*_DEVICE))
    def undeposited(ctx: DeviceDep) -> dict[str, Any]:
        """What the head cashier may put in a bank deposit: every counter's accepted
        turn-ins of the unit that no deposit has taken."""
        return central.undeposited(ctx)

    @app.get("/v1/units/me/remittances", response_model=RemittancesResponse,
             responses=problem_responses(*_DEVICE))
    def remittances(ctx: DeviceDep) -> dict[str, Any]:
        """The calling device's unit's limit, what it holds, and its latest remittances."""
        return central.remittances(ctx)

    @app.middleware("http")
    async def no_store(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["Cache-Control"] = "no-store"
        # central's own time, to the second: a counter compares its clock with it
        response.headers["X-Central-Time"] = central.clock().astimezone(dt.UTC).isoformat(
            timespec="seconds")
        expires = getattr(request.state, "token_expires_at", None)
        if expires is not None:  # the counter renews its token before this
            response.headers["X-Token-Expires"] = expires.astimezone(dt.UTC).isoformat(
                timespec="seconds")
        return response

    app.openapi = lambda: exact_openapi(app)  # type: ignore[method-assign]
    # outermost: the request id is there for every answer and every log line below
    app.add_middleware(RequestContext, metrics=metrics)
    return app


def exact_openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, made to say what the server does: problem+json for every
    error (not FastAPI's ``detail`` list), one schema per operation kind."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (ProblemDetails, PushRequest, BankNotificationBody):
        body = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(body.pop("$defs", {}))
        components[model.__name__] = body
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for path in schema["paths"].values():
        for operation in path.values():
            if "422" in operation.get("responses", {}):
                operation["responses"]["422"] = problem_responses(422)[422]
    app.openapi_schema = schema
    return schema


def engine_of(central: Central) -> Engine:
    bind = central.sessions.kw["bind"]
    assert isinstance(bind, Engine)
    return bind
