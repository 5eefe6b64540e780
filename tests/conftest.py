"""Shared fixtures: a real demo store on disk, generated once per session."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt tests run headless; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the log files of the commands the tests run stay out of the user's log directory
os.environ.setdefault("QUAYTHU_LOG_DIR", tempfile.mkdtemp(prefix="quaythu-test-logs-"))
# the operation log's key and the mark live outside the data folder (desktop.vault): in
# the tests, a folder of their own rather than the user's config directory
# (and the personal-data key file: no keyring on a test machine)
os.environ.setdefault("QUAYTHU_KEY_DIR", tempfile.mkdtemp(prefix="quaythu-test-keys-"))

from central.seed import seed
from central.service import Central
from desktop.app import App, build_app
from desktop.demo import generate_demo_store
from desktop.staff.auth import Actor
from tests.central_server import central_on, serving
from tests.staff import sign_in

AS_OF = dt.date(2026, 11, 27)
#: the agent (thu hộ) the agent tests enrol: a shop collecting for every unit
AGENT = "DL0001"
SEED = 7
ACCOUNTS = 3000


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_main_thread() -> Iterator[None]:
    """As the application does (ui/plumbing/collector.py): no automatic cyclic collection,
    which may run on a worker's thread and destroy a Qt object there (it crashed the GUI
    tests twice); the same generational rule runs between tests, on the main thread."""
    import gc

    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.fixture(autouse=True)
def collect_between_tests() -> Iterator[None]:
    yield
    from ui.plumbing.collector import collect_if_due

    collect_if_due()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 3 000-account demo store; read-only for the tests that share it."""
    path = tmp_path_factory.mktemp("store") / "demo.db"
    generate_demo_store(path, accounts=ACCOUNTS, seed=SEED, as_of=AS_OF, processes=1)
    return path


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    """A real central on a SQLite file, seeded with a small demo city."""
    with central_on(str(tmp_path / "central.db")) as c:
        seed(c.sessions, accounts=1500, seed=9, as_of=AS_OF)
        yield c


@pytest.fixture
def url(central: Central) -> Iterator[str]:
    """That central serving HTTP on a free loopback port."""
    with serving(central) as u:
        yield u


@pytest.fixture
def synced_counter(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    """A counter of PE1400 enrolled with the real central and synced once."""

    application = build_app(tmp_path / "counter" / "quaythu.db")
    application.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
    application.link.sync_once()
    yield application
    application.close()


@pytest.fixture
def app(demo_store: Path, tmp_path: Path) -> Iterator[App]:
    """The demo store, copied: signing in writes sessions and journal lines."""
    copy = tmp_path / "counter" / "quaythu.db"
    copy.parent.mkdir()
    shutil.copyfile(demo_store, copy)
    application = build_app(copy, create=False)
    yield application
    application.close()


@pytest.fixture
def cashier(app: App) -> Actor:
    return sign_in(app, "thungan")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def agent(tmp_path: Path, central: Central, url: str) -> Iterator[App]:
    """A shop's counter enrolled to an agent unit of the real central, online."""
    from db.demo import demo_password_hash

    central.add_unit(AGENT, "Cửa hàng Minh Anh (thu hộ)", kind="agent")
    central.add_staff(AGENT, "daily", "Võ Minh Anh", "agent", demo_password_hash())
    central.add_staff(AGENT, "quantri", "Lê Hoàng Quân", "administrator", demo_password_hash())
    central.add_staff(AGENT, "giamsat", "Trần Minh Giám", "supervisor", demo_password_hash())
    app = build_app(tmp_path / "agent" / "quaythu.db")
    app.link.enrol(url, central.issue_enrolment_code(AGENT), "Đại lý Minh Anh")
    app.link.sync_once()
    app.link.active = True  # an agent works online; offline is tried below
    yield app
    app.close()
