"""Issue 28, finding 4: central's snapshot folder is its own. A PostgreSQL central without
``QUAYTHU_SNAPSHOT_DIR`` kept its snapshots under ``/tmp`` by a name anyone could compute,
reused a folder another user made, and served the manifest and file it found there. Now
the folder is private (0700, refused when another user owns it or others may write to it),
the files 0600, and which snapshot is current, and its hash, come from central's database."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from central.seed import seed
from central.service import Central
from tests.central_server import central_on, postgres_schema, serving
from tests.conftest import AS_OF

UNIT = "PE1400"


@pytest.fixture
def pg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Central]:
    """A PostgreSQL central left to pick its own snapshot folder (no QUAYTHU_SNAPSHOT_DIR);
    its user's cache is this test's folder."""
    monkeypatch.delenv("QUAYTHU_SNAPSHOT_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with postgres_schema() as url, central_on(url) as c:
        seed(c.sessions, accounts=200, seed=3, as_of=AS_OF)
        yield c


def token(url: str, central: Central) -> dict[str, str]:
    r = httpx.post(f"{url}/v1/devices/enrol",
                   json={"code": central.issue_enrolment_code(UNIT), "device_name": "x"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_the_default_folder_is_private_not_under_tmp_and_files_are_0600(pg: Central) -> None:
    root = pg.snapshot_root()
    # the user's own cache (here the test's folder), not a shared temporary folder
    assert root.resolve().is_relative_to(Path(os.environ["XDG_CACHE_HOME"]).resolve())
    assert root.resolve().parent != Path(tempfile.gettempdir()).resolve()
    built = pg.build_snapshot(UNIT)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / f"{built.id}.db").stat().st_mode) == 0o600
    assert not list(root.glob("*.json"))  # nothing in the folder is believed
    # the old computable name under /tmp is not where it looks any more
    assert "quaythu-snapshots-" not in str(root)


def plant(root: Path, source: Path, seq: int = 999_999) -> str:
    """What a local user would leave in the folder: a file and a manifest dated 2099."""
    planted = f"{UNIT}-{seq}"
    shutil.copy(source, root / f"{planted}.db")
    con = sqlite3.connect(root / f"{planted}.db")
    con.execute("UPDATE units SET name = 'Đơn vị giả'")
    con.commit()
    con.close()
    (root / f"{planted}.json").write_text(json.dumps({
        "id": planted, "scope": UNIT, "seq": seq, "changes": 1,
        "size": (root / f"{planted}.db").stat().st_size, "sha256": "0" * 64,
        "schema": "x", "built_at": "2099-01-01T00:00:00+00:00"}))
    return planted


def test_a_planted_manifest_and_file_are_never_served(pg: Central) -> None:
    built = pg.build_snapshot(UNIT)
    root = pg.snapshot_root()
    planted = plant(root, root / f"{built.id}.db")
    with serving(pg) as url:
        headers = token(url, pg)
        offered = httpx.get(f"{url}/v1/sync/snapshot", headers=headers).json()
        assert offered["id"] == built.id
        assert httpx.get(f"{url}/v1/sync/snapshot/{planted}",
                         headers=headers).status_code == 404
        # the real file swapped for the planted one: its hash fails, it is rebuilt
        shutil.copy(root / f"{planted}.db", root / f"{built.id}.db")
        assert httpx.get(f"{url}/v1/sync/snapshot/{built.id}",
                         headers=headers).status_code == 404
        fresh = httpx.get(f"{url}/v1/sync/snapshot", headers=headers).json()
        body = httpx.get(f"{url}/v1/sync/snapshot/{fresh['id']}", headers=headers).content
    assert hashlib.sha256(body).hexdigest() == fresh["sha256"]
    assert b"\xc4\x90\xc6\xa1n v\xe1\xbb\x8b gi\xe1\xba\xa3" not in body  # "Đơn vị giả"


def test_a_folder_others_may_write_is_refused(pg: Central) -> None:
    root = pg.snapshot_root()
    root.chmod(0o777)
    with serving(pg) as url:
        r = httpx.get(f"{url}/v1/sync/snapshot", headers=token(url, pg))
    assert r.status_code == 404  # no snapshot: the counter takes the change log
    assert not list(root.glob("*.db"))  # nothing written there


@pytest.mark.skipif(os.getuid() != 0, reason="giving a folder to another user needs root")
def test_a_folder_another_user_made_first_is_refused(pg: Central) -> None:
    root = pg.snapshot_root()
    root.rmdir()
    root.mkdir(mode=0o700)
    os.chown(root, 65534, 65534)  # made first by someone else (nobody)
    with serving(pg) as url:
        r = httpx.get(f"{url}/v1/sync/snapshot", headers=token(url, pg))
    assert r.status_code == 404
    assert not list(root.glob("*"))
