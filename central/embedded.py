"""An embedded central on loopback, for ``quaythu demo``: the whole system in one command."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from sqlalchemy import Engine

from central.api import create_app
from central.database import make_engine, make_sessions, migrate
from central.security import receipt_secret
from central.seed import seed
from central.service import Central
from desktop.money.amounts import group_digits


@dataclass
class EmbeddedCentral:
    url: str
    central: Central
    engine: Engine
    server: uvicorn.Server
    thread: threading.Thread

    def simulate_bank(self, reference: str) -> None:
        """The demo's stand-in for the bank: a signed notification for the intent's amount."""
        import json
        import secrets
        import time

        import httpx

        from central.models import PaymentIntent
        from central.service import bank_signature

        assert self.central.bank_secret is not None
        with self.central.sessions() as s:
            intent = s.get(PaymentIntent, reference)
            amount = intent.amount if intent else 0
        body = json.dumps({"reference": reference, "amount": amount,
                           "bank_ref": "FT" + secrets.token_hex(6).upper()}).encode()
        stamp = str(int(time.time()))
        httpx.post(f"{self.url}/v1/bank/notifications", content=body, timeout=5, headers={
            "Content-Type": "application/json", "X-Timestamp": stamp,
            "X-Signature": bank_signature(self.central.bank_secret, stamp, body)})

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        self.engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_embedded(db_path: Path, *, accounts: int, seed_value: int,
                   as_of: dt.date | None = None,
                   say: Callable[[str], None] = lambda _m: None,
                   progress: Callable[[float, str], None] = lambda _f, _t: None
                   ) -> EmbeddedCentral:
    """Open (seeding on first run) a SQLite central and serve it on 127.0.0.1.

    ``progress(fraction, what)`` follows a first run's two long steps: the demo city
    made (0 – 0.6), then loaded into central (0.6 – 1).
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if not db_path.exists():
        # seed aside, then rename: an interrupted first run leaves no half city
        partial = db_path.with_name(db_path.name + ".partial")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        say(f"Lần chạy đầu: tạo máy chủ trung tâm demo với {group_digits(accounts)} "
            "khách hàng …")
        engine = make_engine(str(partial))
        migrate(engine)

        def seeding(stage: str, done: int, of: int) -> None:
            share = done / of if of else 1.0
            if stage == "generate":
                progress(0.6 * share, f"Tạo thành phố demo: {group_digits(done)} / "
                                      f"{group_digits(of)} khách hàng")
            else:
                progress(0.6 + 0.4 * share, "Nạp dữ liệu vào máy chủ trung tâm demo")

        seed(make_sessions(engine), accounts=accounts, seed=seed_value, as_of=as_of,
             progress=seeding)
        engine.dispose()
        os.replace(partial, db_path)
    progress(1.0, "Khởi động máy chủ trung tâm demo")
    engine = make_engine(str(db_path))
    migrate(engine)
    import secrets

    # the demo's bank shares a fresh secret with its central, for this run only
    central = Central(make_sessions(engine), bank_secret=secrets.token_hex(16),
                      receipt_secret=receipt_secret(str(db_path)))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(central), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name="embedded-central", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            engine.dispose()
            raise RuntimeError("the embedded central did not start")
        time.sleep(0.02)
    return EmbeddedCentral(f"http://127.0.0.1:{port}", central, engine, server, thread)
