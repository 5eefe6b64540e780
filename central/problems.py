"""Errors as ``application/problem+json`` (RFC 9457) with a stable ``type``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM = "application/problem+json"
BASE = "https://quaythu.invalid/problems/"


class Problem(Exception):
    """Raised by handlers; becomes a problem document."""

    def __init__(self, status: int, type_: str, title: str, detail: str = "",
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(title)
        self.status, self.type, self.title, self.detail, self.extra = (
            status, type_, title, detail, extra)
        self.headers = headers or {}


def problem_response(status: int, type_: str, title: str, detail: str = "",
                     headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = {"type": BASE + type_, "title": title, "status": status, **extra}
    if detail:
        body["detail"] = detail
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers or None)


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(_r: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.type, exc.title, exc.detail, exc.headers,
                                **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_r: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return problem_response(422, "invalid-request", "Request does not match the contract",
                                errors=errors[:20])

    @app.exception_handler(StarletteHTTPException)
    async def _http(_r: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        return problem_response(exc.status_code, kind, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(_r: Request, exc: Exception) -> JSONResponse:
        import logging

        logging.getLogger("central").exception("unexpected error")
        return problem_response(500, "internal", "Internal error")
