"""The attack tests run the real central on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from central.seed import seed
from central.service import Central
from tests.central_server import central_on, postgres_schema, serving
from tests.conftest import AS_OF


@pytest.fixture(params=["sqlite", "postgresql"])
def seeded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Central]:
    if request.param == "sqlite":
        with central_on(str(tmp_path / "central.db")) as c:
            seed(c.sessions, accounts=300, seed=5, as_of=AS_OF)
            yield c
    else:
        with postgres_schema() as url, central_on(url) as c:
            seed(c.sessions, accounts=300, seed=5, as_of=AS_OF)
            yield c


@pytest.fixture
def base(seeded: Central) -> Iterator[str]:
    with serving(seeded) as url:
        yield url
