"""TLS is verified by default; the token lives in the keyring or a 0600 file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend

from central.service import Central
from desktop.app import build_app
from desktop.errors import ValidationError
from desktop.link.device import check_central_url, load_token
from desktop.link.sync.client import CentralUntrusted
from desktop.link.token_store import SERVICE, TOKEN_FILE
from tests.central_server import serving_tls


@pytest.fixture
def tls(tmp_path: Path, central: Central) -> Iterator[tuple[str, Path]]:
    """Central over HTTPS with a certificate from a private CA; (url, CA bundle)."""
    with serving_tls(central, tmp_path) as served:
        yield served


def test_an_untrusted_certificate_is_refused_and_a_ca_bundle_trusted(
        tmp_path: Path, central: Central, tls: tuple[str, Path]) -> None:
    url, bundle = tls
    app = build_app(tmp_path / "c" / "quaythu.db")
    try:
        with pytest.raises(CentralUntrusted) as refused:
            app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
        assert "Chứng chỉ bảo mật" in refused.value.user_message
        state = app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1",
                      ca_bundle=str(bundle))
        assert state.ca_bundle == str(bundle)
        assert app.link.engine.sync_once().pulled > 0  # every later call verifies too
    finally:
        app.close()


@pytest.mark.parametrize("url, ok", [
    ("https://thu.evnhcmc.vn", True), ("http://127.0.0.1:8800", True),
    ("http://localhost:8800/", True), ("http://10.0.0.5:8800", False),
    ("http://thu.evnhcmc.vn", False), ("ftp://x", False), ("thu.evnhcmc.vn", False),
])
def test_plain_http_only_on_this_machine(url: str, ok: bool) -> None:
    if ok:
        assert check_central_url(url).startswith(("http", "https"))
    else:
        with pytest.raises(ValidationError):
            check_central_url(url)
    assert check_central_url("http://10.0.0.5:8800", allow_http=True)


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in (a fake inside a unit test).

    keyring registers every backend class it sees and would pick this one as
    the process's default keyring; its priority refuses unless a test set it.
    """

    chosen = False

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - keyring's class property
        if not cls.chosen:
            raise RuntimeError("only for the tests that set it")
        return 5

    def __init__(self, broken: bool = False) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.broken = broken

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.broken:
            raise keyring.errors.PasswordSetError("locked keyring")
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def os_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    MemoryKeyring.chosen = True
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("QUAYTHU_TOKEN_STORE", raising=False)
    yield backend
    keyring.set_keyring(previous)
    MemoryKeyring.chosen = False


def test_the_token_goes_to_the_keyring_where_there_is_one(
        tmp_path: Path, central: Central, url: str, os_keyring: MemoryKeyring) -> None:
    app = build_app(tmp_path / "c" / "quaythu.db")
    try:
        app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
        assert not (app.data_dir / TOKEN_FILE).exists()
        # the token beside the operation log's and the personal data's keys: all in the
        # keyring, none in the data folder
        assert SERVICE in {service for service, _user in os_keyring.items}
        assert app.link.engine.sync_once().pulled > 0
    finally:
        app.close()


def test_a_refusing_keyring_falls_back_to_an_owner_only_file(
        tmp_path: Path, central: Central, url: str, os_keyring: MemoryKeyring) -> None:
    os_keyring.broken = True
    app = build_app(tmp_path / "c" / "quaythu.db")
    try:
        app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy 1")
        token_file = app.data_dir / TOKEN_FILE
        assert token_file.read_text() == load_token(app.data_dir)
        if os.name == "posix":
            assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    finally:
        app.close()


def test_plain_http_is_refused_in_words_for_each_audience(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The window's message names no command-line flag; the command line adds its own."""
    from desktop.cli import main
    from desktop.link.device import PlainHttpRefused

    with pytest.raises(PlainHttpRefused) as refused:
        check_central_url("http://10.0.0.5:8800")
    assert "HTTPS" in refused.value.user_message and "--" not in refused.value.user_message
    assert main(["enrol", "--central", "http://10.0.0.5:8800", "--code", "ABCD-EFGH-IJKL",
                 "--data-dir", str(tmp_path)]) == 2
    assert "--allow-http" in capsys.readouterr().err
