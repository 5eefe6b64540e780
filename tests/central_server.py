"""Run the real central API over loopback for tests: a free port, stopped after."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import create_engine, text

from central.api import RateLimits, create_app
from central.database import make_engine, make_sessions, migrate
from central.security import receipt_secret
from central.service import Central

PG_ENV = "QUAYTHU_TEST_POSTGRES_URL"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema on the test PostgreSQL; skips, saying why, when there is none."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests skipped: set {PG_ENV} (.ci/run sets it)")
    admin = create_engine(url)
    schema = f"qt_{uuid.uuid4().hex[:10]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # the server is not there: say so, do not fail silently
        admin.dispose()
        pytest.skip(f"PostgreSQL at {PG_ENV} unreachable: {exc.__class__.__name__}")
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@contextmanager
def central_on(db_url: str) -> Iterator[Central]:
    engine = make_engine(db_url)
    migrate(engine)
    try:
        yield Central(make_sessions(engine), receipt_secret=receipt_secret(db_url))
    finally:
        engine.dispose()


@contextmanager
def serving(central: Central, limits: RateLimits | None = None, **ssl: str) -> Iterator[str]:
    """The app on 127.0.0.1:<free port> in a thread; yields its base URL.

    ``ssl_certfile`` and ``ssl_keyfile`` serve it over HTTPS instead.
    """
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(central, limits), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="off",
                                           **ssl))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("central did not start")
        time.sleep(0.02)
    try:
        yield f"{'https' if ssl else 'http'}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)


ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def served_by_process(db_url: str, workers: int = 1,
                      env: dict[str, str] | None = None) -> Iterator[str]:
    """``quaythu-central serve`` as a process of its own on a free loopback port, as in
    production; yields its URL once ``/readyz`` says so; stopped after."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "central", "--db", db_url, "serve",
                             "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(workers), "--log-format", "text"],
                            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # a minute at most
            if proc.poll() is not None:
                raise RuntimeError(f"central exited with {proc.returncode}")
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("central did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@contextmanager
def serving_tls(central: Central, folder: Path) -> Iterator[tuple[str, Path]]:
    """Central over HTTPS with a certificate from a private CA: (url, the CA's file)."""
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    certfile, keyfile, bundle = (folder / n for n in ("cert.pem", "key.pem", "ca.pem"))
    cert.private_key_and_cert_chain_pem.write_to_path(str(certfile))
    cert.private_key_pem.write_to_path(str(keyfile))
    ca.cert_pem.write_to_path(str(bundle))
    with serving(central, ssl_certfile=str(certfile), ssl_keyfile=str(keyfile)) as url:
        yield url, bundle
