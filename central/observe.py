"""What an operator sees of a running central: request ids, JSON logs, Prometheus metrics.

Every request gets an id (the caller's ``X-Request-Id`` when it is a plain token,
else a new one). It is echoed in the response header, put in every problem
body, and stamped on every log line written while the request runs, so one
counter's complaint leads to the lines that answered it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from contextvars import ContextVar
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: the request being answered on this task (``-`` outside one)
request_id: ContextVar[str] = ContextVar("request_id", default="-")

_ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
#: ``PROMETHEUS_MULTIPROC_DIR`` set: several worker processes add up into one scrape
MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


class Metrics:
    """The counters of one app (a registry of its own: tests build many apps)."""

    def __init__(self) -> None:
        # in multiprocess mode the values live in files the scrape collects; registering
        # them here too would count them twice
        self.registry = CollectorRegistry()
        into = None if MULTIPROCESS else self.registry
        self.requests = Counter("quaythu_http_requests", "HTTP requests answered",
                                ["route", "method", "status"], registry=into)
        self.latency = Histogram("quaythu_http_request_seconds", "Time to answer, by route",
                                 ["route"], registry=into,
                                 buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10))
        self.push_ops = Counter("quaythu_push_operations", "Pushed operations by outcome",
                                ["kind", "outcome"], registry=into)
        self.pull_pages = Counter("quaythu_pull_pages", "Change-log pages served",
                                  registry=into)
        self.pull_bytes = Counter("quaythu_pull_bytes", "Bytes of change-log pages served",
                                  registry=into)

    def exposition(self) -> bytes:
        if MULTIPROCESS:
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)

    def pushed(self, ops: list[dict[str, Any]], results: list[dict[str, Any]]) -> None:
        for op, result in zip(ops, results, strict=True):
            self.push_ops.labels(op["kind"], result["status"]).inc()


class RequestContext:
    """Outermost middleware: the request id, the request's metrics, one access log line."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics
        self.log = logging.getLogger("central.access")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _ACCEPTED_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers") or [])
                headers.append((b"x-request-id", rid.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            # the route's template, not the path: one series per endpoint, not per code
            label = getattr(route, "path", None) or "unmatched"
            elapsed = time.perf_counter() - started
            self.metrics.requests.labels(label, scope.get("method", "?"), str(status)).inc()
            self.metrics.latency.labels(label).observe(elapsed)
            self.log.info("%s %s %d %.1f ms", scope.get("method"), label, status,
                          elapsed * 1000)
            request_id.reset(token)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request id: what log collectors read."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname, "logger": record.name,
            "request_id": request_id.get(), "message": record.getMessage()}
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


JsonFormatter.converter = time.gmtime  # UTC in logs, as in storage


def log_as_json(level: int) -> None:
    """Central's logging: JSON lines on stderr (the systemd journal keeps them)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
