"""Errors as ``application/problem+json`` (RFC 9457) with a stable ``type``.

Validation failures are told in our own words (:func:`describe`): a client
reads which field and what is wrong with it, never a library's message or link.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from central.observe import request_id
from central.service import errors
from central.service.errors import CentralError

PROBLEM = "application/problem+json"
BASE = "https://quaythu.invalid/problems/"
logger = logging.getLogger("central")


class Problem(Exception):
    """Raised by handlers; becomes a problem document."""

    def __init__(self, status: int, type_: str, title: str, detail: str = "",
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(title)
        self.status, self.type, self.title, self.detail, self.extra = (
            status, type_, title, detail, extra)
        self.headers = headers or {}


class FieldProblem(BaseModel):
    #: where: ["body", "ops", 0, "data", "amount"]
    loc: list[str | int]
    #: what is wrong with it, in our words
    problem: str


class ProblemDetails(BaseModel):
    """RFC 9457 problem details; ``type``'s last segment is what a client acts on."""

    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str | None = None
    #: the X-Request-Id of the answer (the same id is in central's logs)
    request_id: str | None = None
    #: the fields that do not match the contract (422 ``invalid-request``)
    errors: list[FieldProblem] | None = None
    #: the limit that was passed (413)
    limit: int | None = None


#: what each status means on this API, for the OpenAPI document
MEANING = {
    400: "The request cannot be used as it is (for example an unknown enrolment code).",
    401: "No valid device token (or bank signature): unknown, revoked or expired.",
    403: "Not allowed for this device.",
    404: "Not found (another unit's data answers the same as missing data).",
    405: "Method not allowed on this path (see the Allow header).",
    409: "Conflicts with the current state (already paid, replayed, closed).",
    410: "Gone: the enrolment code was used or expired, or the device was revoked.",
    413: "Too large: the body (4 MiB) or the number of operations (500); `limit` says which.",
    422: "Does not match the contract: `errors` lists each field and what is wrong.",
    429: "Too many attempts or requests: wait `Retry-After` seconds.",
    503: "Not available now (database down, not migrated, or not configured): try later.",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route: each status with the problem+json schema."""
    return {status: {"description": MEANING[status], "content": {
        PROBLEM: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}}
        for status in statuses}


def problem_response(status: int, type_: str, title: str, detail: str = "",
                     headers: Mapping[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = {"type": BASE + type_, "title": title, "status": status, **extra}
    if detail:
        body["detail"] = detail
    if (rid := request_id.get()) != "-":
        body["request_id"] = rid  # the same id as the X-Request-Id header and the logs
    out = dict(headers or {})
    if status == 401:
        out["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=out or None)


# pydantic's error types, said the way this contract says them
_OWN_WORDS = {
    "missing": "is required",
    "extra_forbidden": "is not part of the contract",
    "string_too_short": "is too short (at least {min_length} characters)",
    "string_too_long": "is too long (at most {max_length} characters)",
    "too_short": "has too few items (at least {min_length})",
    "too_long": "has too many items (at most {max_length})",
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be {ge} or more",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be {le} or less",
    "int_parsing": "must be a whole number", "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "string_type": "must be a string", "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "literal_error": "must be one of {expected}",
    "enum": "must be one of {expected}",
    "uuid_parsing": "must be a UUID", "uuid_type": "must be a UUID",
    "datetime_parsing": "must be an ISO 8601 date and time with its offset",
    "datetime_type": "must be an ISO 8601 date and time with its offset",
    "datetime_from_date_parsing": "must be an ISO 8601 date and time with its offset",
    "date_parsing": "must be an ISO 8601 date", "date_type": "must be an ISO 8601 date",
    "date_from_datetime_parsing": "must be an ISO 8601 date",
    "string_pattern_mismatch": "does not have the expected form",
    "json_invalid": "is not valid JSON", "json_type": "is not valid JSON",
    "dict_type": "must be an object", "model_type": "must be an object",
    "model_attributes_type": "must be an object", "list_type": "must be an array",
    "union_tag_invalid": "kind must be one of {expected_tags}",
    "union_tag_not_found": "needs a kind",
    "float_parsing": "must be a number", "float_type": "must be a number",
}


class _Keep(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def describe(errors: Iterable[Mapping[str, Any]],
             prefix: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Each validation error as {loc, problem}, in our words (at most 20)."""
    out = []
    for e in errors:
        words = _OWN_WORDS.get(str(e.get("type")), "does not match the contract")
        ctx = _Keep({k: v for k, v in (e.get("ctx") or {}).items()
                     if isinstance(v, str | int | float)})
        loc = [*prefix, *e.get("loc", ())]
        out.append({"loc": [p if isinstance(p, int) else str(p) for p in loc],
                    "problem": words.format_map(ctx)})
        if len(out) == 20:
            break
    return out


#: the service's error families, as HTTP says them
STATUS_OF: Mapping[type[CentralError], int] = {
    errors.NotAuthenticated: 401, errors.NotFound: 404, errors.Conflict: 409,
    errors.Gone: 410, errors.Invalid: 422, errors.Unavailable: 503,
}


def install(app: FastAPI) -> None:
    @app.exception_handler(CentralError)
    async def _refused(_r: Request, exc: CentralError) -> JSONResponse:
        status = next((code for family, code in STATUS_OF.items() if isinstance(exc, family)),
                      400)
        return problem_response(status, exc.code, exc.title, exc.detail)

    @app.exception_handler(Problem)
    async def _problem(_r: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.type, exc.title, exc.detail, exc.headers,
                                **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_r: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(422, "invalid-request", "Request does not match the contract",
                                errors=describe(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:
            # FastAPI's only 400: a body it could not even decode (not UTF-8, not JSON)
            return problem_response(422, "invalid-request", "Request does not match the contract",
                                    errors=[{"loc": ["body"], "problem": "is not valid JSON"}])
        kind = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return problem_response(exc.status_code, kind, str(exc.detail), headers=headers)

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    async def _database(_r: Request, exc: OperationalError | InterfaceError) -> JSONResponse:
        # the database went away (restart, failover, network): try again later, not a 500
        logger.error("database unavailable: %s", type(exc.orig).__name__ if exc.orig else exc)
        return problem_response(503, "database-unavailable", "The database does not answer",
                                headers={"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def _unexpected(_r: Request, exc: Exception) -> JSONResponse:
        logger.exception("unexpected error")
        return problem_response(500, "internal", "Internal error")


def allowed_methods(request: Request) -> list[str]:
    """The methods the request's path answers (405's Allow header)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        regex, allowed = getattr(route, "path_regex", None), getattr(route, "methods", None)
        if regex is not None and allowed and regex.match(request.scope["path"]):
            methods |= set(allowed)
    return sorted(methods)
