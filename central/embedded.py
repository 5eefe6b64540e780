"""An embedded central on loopback, for ``quaythu demo``: the whole system in one command."""

from __future__ import annotations

import datetime as dt
import json
import logging
import multiprocessing
import multiprocessing.pool
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from sqlalchemy import Engine, func, select

from central.api import create_app
from central.database import make_engine, make_sessions, migrate
from central.models import Account
from central.security import receipt_secret
from central.seed import grow_chunk, has_chunk, seed
from central.service import Central
from db.demo import CHUNK, chunk_count, unit_chunks
from desktop.link.background import lower_this_process
from desktop.link.background import thread as lowered_thread
from desktop.money.amounts import group_digits

logger = logging.getLogger(__name__)

#: (accounts in central, accounts of the whole city), after each part of the city is added
Growth = Callable[[int, int], None]


@dataclass(frozen=True)
class CityPlan:
    """The demo city a central is made from, written beside it: the rest of the city is
    added later, behind the sign-in, and a later start grows on with the same rows."""

    accounts: int
    seed: int
    as_of: dt.date
    chunk_size: int = CHUNK

    @staticmethod
    def path_for(db_path: Path) -> Path:
        return db_path.with_name(db_path.stem + ".city.json")

    def write(self, db_path: Path) -> None:
        self.path_for(db_path).write_text(json.dumps({
            "accounts": self.accounts, "seed": self.seed, "as_of": self.as_of.isoformat(),
            "chunk_size": self.chunk_size}), encoding="utf-8")

    @classmethod
    def read(cls, db_path: Path) -> CityPlan | None:
        """None for a central made whole (before the city grew behind the sign-in)."""
        try:
            data = json.loads(cls.path_for(db_path).read_text(encoding="utf-8"))
            return cls(int(data["accounts"]), int(data["seed"]),
                       dt.date.fromisoformat(data["as_of"]), int(data["chunk_size"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _grow_one(db_path: str, plan: CityPlan, chunk_no: int) -> int:
    """In the growth process: one chunk of the city into central (its own engine)."""
    engine = make_engine(db_path)
    try:
        return grow_chunk(make_sessions(engine), accounts=plan.accounts, seed=plan.seed,
                          as_of=plan.as_of, chunk_no=chunk_no, chunk_size=plan.chunk_size)
    finally:
        engine.dispose()


@dataclass
class EmbeddedCentral:
    url: str
    central: Central
    engine: Engine
    server: uvicorn.Server
    thread: threading.Thread
    db_path: Path | None = None
    #: the city still to grow (None: whole already, or made whole before growth existed)
    plan: CityPlan | None = None
    _grower: threading.Thread | None = None
    _pool: multiprocessing.pool.Pool | None = None
    _stopping: threading.Event | None = None

    def city_missing(self) -> list[int]:
        """The chunks of the demo city central does not hold yet."""
        if self.plan is None:
            return []
        plan = self.plan
        return [c for c in range(chunk_count(plan.accounts, plan.chunk_size))
                if not has_chunk(self.central.sessions, plan.accounts, c, plan.chunk_size)]

    def grow_city(self, grew: Growth) -> bool:
        """Add the rest of the demo city behind the sign-in: a process of its own makes
        each chunk and loads it into central in one transaction (a counter's sync pulls
        whatever of its unit comes, as any change); ``grew(done, total)`` after each, on
        the growth's thread. False when there is nothing to grow."""
        plan = self.plan
        missing = self.city_missing()
        if plan is None or not missing or self.db_path is None:
            return False
        total = plan.accounts
        with self.central.sessions() as s:
            done = int(s.scalar(select(func.count()).select_from(Account)) or 0)
        # spawn, not fork: this process runs Qt's and the server's threads
        # below the window's priority: the cashier's keys come before the rest of the city
        pool = self._pool = multiprocessing.get_context("spawn").Pool(
            1, initializer=lower_this_process)
        stopping = self._stopping = threading.Event()
        db_path = str(self.db_path)
        grew(done, total)

        def run() -> None:
            nonlocal done
            for chunk_no in missing:
                if stopping.is_set():
                    return
                try:
                    added = _grow_one_here(pool, db_path, plan, chunk_no, stopping)
                except _Stopped:
                    return
                except Exception:  # the next start grows on from this chunk
                    logger.exception("the demo city stopped growing")
                    return
                done += added
                grew(done, total)

        self._grower = threading.Thread(target=run, name="demo-city", daemon=True)
        self._grower.start()
        return True

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
        if self._stopping is not None:
            self._stopping.set()
        if self._grower is not None:
            self._grower.join(5)
        if self._pool is not None:
            # a chunk half-loaded is rolled back: it is made again at the next start
            self._pool.terminate()
            self._pool.join()
        self.server.should_exit = True
        self.thread.join(15)
        self.engine.dispose()


def _grow_one_here(pool: multiprocessing.pool.Pool, db_path: str, plan: CityPlan,
                   chunk_no: int, stopping: threading.Event) -> int:
    """One chunk, made in the growth process (a test holds the growth here); gives up
    when the demo ends (its pool ended too: no answer would ever come)."""
    result = pool.apply_async(_grow_one, (db_path, plan, chunk_no))
    for _ in range(3600):  # a chunk takes seconds; an hour means something is wrong
        if stopping.is_set():
            raise _Stopped
        try:
            return int(result.get(1.0))
        except multiprocessing.TimeoutError:
            continue
    raise TimeoutError(f"demo city: chunk {chunk_no} took over an hour")


class _Stopped(Exception):
    """The demo ended while its city grew."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_embedded(db_path: Path, *, accounts: int, seed_value: int,
                   as_of: dt.date | None = None,
                   say: Callable[[str], None] = lambda _m: None,
                   progress: Callable[[float, str], None] = lambda _f, _t: None,
                   first_unit: str | None = None,
                   chunk_size: int = CHUNK,
                   ) -> EmbeddedCentral:
    """Open (seeding on first run) a SQLite central and serve it on 127.0.0.1.

    ``progress(fraction, what)`` follows a first run's two long steps: the demo city
    made (0 – 0.6), then loaded into central (0.6 – 1). With ``first_unit``, a first run
    makes only the part of the city that holds that unit's accounts (every unit, staff
    member and schedule though); ``EmbeddedCentral.grow_city`` adds the rest.
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
        plan = CityPlan(accounts, seed_value, as_of or dt.date.today(), chunk_size)
        first = (unit_chunks(accounts, first_unit, chunk_size) or None) if first_unit else None
        if first is not None and len(first) == chunk_count(accounts, chunk_size):
            first = None  # a small city is all in the unit's chunks: made whole at once

        def seeding(stage: str, done: int, of: int) -> None:
            share = done / of if of else 1.0
            if stage == "generate":
                part = f" (trước hết khu vực {first_unit})" if first else ""
                progress(0.6 * share, f"Tạo thành phố demo{part}: {group_digits(done)} / "
                                      f"{group_digits(of)} khách hàng")
            else:
                progress(0.6 + 0.4 * share, "Nạp dữ liệu vào máy chủ trung tâm demo")

        seed(make_sessions(engine), accounts=accounts, seed=seed_value, as_of=plan.as_of,
             progress=seeding, chunk_size=chunk_size, chunks=first,
             # only the counter's unit of those chunks: the rest grows with the city
             first_unit=first_unit if first else None)
        engine.dispose()
        # the plan before the central: a central without one was made whole
        plan.write(db_path)
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
    # the demo's stand-in for a server elsewhere shares the counter PC with the window:
    # below it (its request threads too, which start from this one), as a sync is
    thread = lowered_thread(server.run, "embedded-central")
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            engine.dispose()
            raise RuntimeError("the embedded central did not start")
        time.sleep(0.02)
    return EmbeddedCentral(f"http://127.0.0.1:{port}", central, engine, server, thread,
                           db_path=db_path, plan=CityPlan.read(db_path))
