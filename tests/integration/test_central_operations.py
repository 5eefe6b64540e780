"""What an operator runs central by: health and readiness (also with the database down or
not migrated), metrics that count what happened, one request id in the header, the
problem body and the JSON log line, 405 with Allow, validation told in our own words."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from central.database import make_engine, make_sessions
from central.observe import JsonFormatter
from central.seed import seed
from central.service import Central
from tests.central_server import central_on, serving
from tests.security.test_central_attacks import enrol


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Central]]:
    with central_on(str(tmp_path / "central.db")) as central:
        seed(central.sessions, accounts=60, seed=2, as_of=dt.date(2026, 11, 20))
        with serving(central) as url:
            yield url, central


def test_healthy_and_ready_on_a_migrated_database(live: tuple[str, Central]) -> None:
    url, _ = live
    assert httpx.get(f"{url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{url}/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


def test_a_database_that_is_not_migrated_is_up_but_not_ready(tmp_path: Path) -> None:
    bare = Central(make_sessions(make_engine(f"sqlite:///{tmp_path / 'bare.db'}")))
    with serving(bare) as url:
        assert httpx.get(f"{url}/healthz").status_code == 200
        r = httpx.get(f"{url}/readyz")
        assert r.status_code == 503 and r.json()["type"].endswith("/not-ready")
        assert "not migrated" in r.json()["title"]


def test_a_stopped_database_is_503_everywhere_not_500() -> None:
    # nothing listens on port 1: as a PostgreSQL that was stopped
    gone = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2")
    with serving(Central(make_sessions(gone))) as url:
        assert httpx.get(f"{url}/healthz").status_code == 200
        ready = httpx.get(f"{url}/readyz", timeout=30)
        assert ready.status_code == 503 and ready.json()["type"].endswith("/not-ready")
        head = httpx.get(f"{url}/v1/sync/head", headers={"Authorization": "Bearer qtd_x"},
                         timeout=30)
        assert head.status_code == 503, head.text
        assert head.json()["type"].endswith("/database-unavailable")
        assert head.headers["Retry-After"]
    gone.dispose()


def metric(text: str, name: str, **labels: str) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.split("{")[0].split(" ")[0] == name and all(
                f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"no {name}{{{want}}} in the metrics")


def test_metrics_count_pushes_pulls_and_requests(live: tuple[str, Central]) -> None:
    url, central = live
    headers = enrol(url, central)
    void = {"kind": "void", "data": {"payment_key": str(uuid.uuid4()), "reason": "x",
                                     "voided_at": "2026-11-27T03:00:00+00:00"}}
    op = {"key": str(uuid.uuid4()), **void}
    for _ in range(2):  # once rejected (no such payment), then answered as a duplicate
        assert httpx.post(f"{url}/v1/sync/push", json={"ops": [op]},
                          headers=headers).status_code == 200
    page = httpx.get(f"{url}/v1/sync/pull", params={"limit": 50}, headers=headers)
    text = httpx.get(f"{url}/metrics").text
    assert metric(text, "quaythu_push_operations_total", kind="void", outcome="rejected") == 1
    assert metric(text, "quaythu_push_operations_total", kind="void", outcome="duplicate") == 1
    assert metric(text, "quaythu_pull_pages_total") == 1
    assert metric(text, "quaythu_pull_bytes_total") == len(page.content)
    assert metric(text, "quaythu_http_requests_total", route="/v1/sync/push", method="POST",
                  status="200") == 2
    assert metric(text, "quaythu_http_request_seconds_count", route="/v1/sync/pull") == 1


def test_one_request_id_in_the_header_the_problem_and_the_log(
        live: tuple[str, Central]) -> None:
    url, _ = live
    lines = io.StringIO()
    handler = logging.StreamHandler(lines)
    handler.setFormatter(JsonFormatter())
    access = logging.getLogger("central.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        r = httpx.get(f"{url}/v1/sync/head", headers={"Authorization": "Bearer qtd_nope",
                                                      "X-Request-Id": "quay-7-000123"})
        fresh = httpx.get(f"{url}/healthz", headers={"X-Request-Id": "bad id with spaces"})
    finally:
        access.removeHandler(handler)
    assert r.headers["X-Request-Id"] == "quay-7-000123"
    assert r.json()["request_id"] == "quay-7-000123"
    logged = [json.loads(line) for line in lines.getvalue().splitlines()]
    mine = [entry for entry in logged if entry["request_id"] == "quay-7-000123"]
    assert mine and "401" in mine[0]["message"] and mine[0]["time"].endswith("Z")
    # an id that is not a plain token is replaced, not echoed into logs and headers
    assert fresh.headers["X-Request-Id"] != "bad id with spaces"
    assert len(fresh.headers["X-Request-Id"]) == 32


def test_405_says_what_is_allowed(live: tuple[str, Central]) -> None:
    url, _ = live
    r = httpx.delete(f"{url}/v1/sync/push")
    assert r.status_code == 405 and r.headers["Allow"] == "POST"
    assert r.headers["content-type"] == "application/problem+json"
    r = httpx.put(f"{url}/v1/sync/pull")
    assert r.status_code == 405 and r.headers["Allow"] == "GET"


def test_validation_is_told_in_our_words_never_a_librarys(live: tuple[str, Central]) -> None:
    url, central = live
    headers = enrol(url, central)
    r = httpx.post(f"{url}/v1/sync/push", headers=headers, json={"ops": [
        {"key": str(uuid.uuid4()), "kind": "void", "data": {}},
        {"key": "not-a-uuid", "kind": "teleport", "data": {}}]})
    assert r.status_code == 422
    body = r.json()
    assert body["type"].endswith("/invalid-request")
    assert "pydantic" not in r.text and "http" not in json.dumps(body["errors"])
    problems = {tuple(e["loc"]): e["problem"] for e in body["errors"]}
    assert problems[("body", "ops", 0, "void", "data", "payment_key")] == "is required"
    assert problems[("body", "ops", 1)].startswith("kind must be one of")
    r = httpx.get(f"{url}/v1/sync/pull", params={"cursor": "1e30"}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["problem"] == "must be a whole number"
