"""The OpenAPI document describes the server: schemathesis generates requests from it
(valid and invalid, with and without a device token) against a live central on loopback,
and every check holds — no 5xx, every status and body as documented, invalid data refused,
``Allow`` on 405. Bounded: a fixed number of examples per operation and a fixed seed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from central.api import RateLimits
from central.seed import seed
from central.service import Central
from tests.central_server import central_on, serving

EXAMPLES = 50
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Central]]:
    folder = tmp_path_factory.mktemp("fuzz")
    with central_on(str(Path(folder) / "central.db")) as central:
        seed(central.sessions, accounts=80, seed=4, as_of=dt.date(2026, 11, 20))
        central.bank_secret = "shared-with-the-bank"
        # the fuzzer's many refused tokens are not an attack to throttle here (the limits
        # have tests of their own)
        with serving(central, RateLimits(auth_failures=10**9, enrol_failures=10**9)) as url:
            yield url, central


@pytest.fixture(scope="module")
def token(live: tuple[str, Central]) -> str:
    url, central = live
    r = httpx.post(f"{url}/v1/devices/enrol",
                   json={"code": central.issue_enrolment_code("PE1400"), "device_name": "fuzz"})
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


def operations() -> list[tuple[str, str]]:
    """Every operation of the committed document (a test keeps it equal to the served one)."""
    committed = schemathesis.openapi.from_path(str(ROOT / "central" / "openapi.json"))
    return [(op.ok().method.upper(), op.ok().path) for op in committed.get_all_operations()]


@pytest.fixture(scope="module")
def api(live: tuple[str, Central]) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{live[0]}/openapi.json")


def fuzz(api: schemathesis.BaseSchema, method: str, path: str, base_url: str,
         headers: dict[str, str] | None) -> None:
    operation = api[path][method]
    # schema-valid requests and requests that break the schema, half each
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                      operation.as_strategy(GenerationMode.NEGATIVE))

    # schemathesis' own pytest plumbing does not run on pytest 9: the same checks, driven
    # by hypothesis directly
    @given(case=cases)
    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(base_url=base_url, headers=headers)

    check()


@pytest.mark.parametrize(("method", "path"), operations())
def test_with_a_device_token(api: schemathesis.BaseSchema, live: tuple[str, Central],
                             token: str, method: str, path: str) -> None:
    fuzz(api, method, path, live[0], {"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize(("method", "path"), operations())
def test_without_a_token(api: schemathesis.BaseSchema, live: tuple[str, Central],
                         method: str, path: str) -> None:
    fuzz(api, method, path, live[0], None)
