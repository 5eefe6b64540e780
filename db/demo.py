"""Demo-data generator: a realistic Ho Chi Minh City store, fast and repeatable.

``generate(path, accounts=N, seed=S, as_of=D, pricer=...)`` writes a complete
local store: accounts, 1–3 bills each with tier lines, payment history,
outage and meter-reading schedules, and the search index. The same
(accounts, seed, as_of) always gives the same rows, whatever the number of
processes: every chunk of accounts draws from its own seeded generator.

The bills are priced by ``pricer``, passed in by the caller, so that the
store does not depend on the application core (the tariff lives there).

Speed: rows are made in worker processes and inserted by this one into a
file with no secondary indexes and ``synchronous=OFF``; the indexes are built
at the end, and the file only takes its final name when complete, so an
interrupted run never leaves a half-made store behind.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import multiprocessing
import os
import random
import re
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from db import demo_hcmc as hcmc
from db import usage
from db.search import key_tokens
from db.text import fold

logger = logging.getLogger(__name__)

CHUNK = 10_000
#: every demo unit's staff: (user name, full name, role); the password is DEMO_PASSWORD
DEMO_STAFF = (
    ("thungan", "Nguyễn Thị Thu Ngân", "cashier"),
    ("thungan2", "Phạm Văn Lâm", "cashier"),
    ("giamsat", "Trần Minh Giám", "supervisor"),
    ("quantri", "Lê Hoàng Quân", "administrator"),
    ("thuquy", "Đỗ Thị Quỹ", "head_cashier"),
    # the two simplified windows: a field collector's route, an agent's counter
    ("thuld", "Lý Văn Đông", "field_collector"),
    ("daily", "Võ Minh Anh", "agent"),
)
DEMO_PASSWORD = "demo1234"


@lru_cache(maxsize=1)
def demo_password_hash() -> str:
    """One argon2 hash for every demo account (argon2 is slow on purpose)."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(DEMO_PASSWORD)
BILLS_PER_ACCOUNT_MAX = 3
VN_OFFSET = dt.timedelta(hours=7)


class PricedLine(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def kwh(self) -> int: ...
    @property
    def unit_price(self) -> int: ...
    @property
    def amount(self) -> int: ...


class Priced(Protocol):
    @property
    def lines(self) -> Sequence[PricedLine]: ...
    @property
    def subtotal(self) -> int: ...
    @property
    def vat_rate(self) -> int: ...
    @property
    def vat(self) -> int: ...
    @property
    def total(self) -> int: ...


#: pricer(tariff_class, voltage, households, kwh_by_band, period_from, period_to) -> priced bill
Pricer = Callable[[str, str, int, tuple[int, ...], dt.date, dt.date], Priced]


@dataclass(frozen=True, slots=True)
class DemoReport:
    accounts: int
    bills: int
    seconds: float
    size_bytes: int


@dataclass(frozen=True, slots=True)
class _Ward:
    code: str
    name: str
    old_ward: str
    old_district: str
    streets: tuple[str, ...]
    unit: str


@dataclass(frozen=True, slots=True)
class _Layout:
    """Which account index belongs to which power company, for N accounts."""

    units: tuple[str, ...]
    starts: tuple[int, ...]
    wards_by_unit: dict[str, tuple[_Ward, ...]]
    ward_weights_by_unit: dict[str, tuple[int, ...]]
    routes_by_unit: dict[str, int]

    def unit_of(self, index: int) -> tuple[str, int]:
        k = bisect.bisect_right(self.starts, index) - 1
        return self.units[k], index - self.starts[k]


def _layout(n: int) -> _Layout:
    wards: dict[str, list[_Ward]] = {}
    weights: dict[str, list[int]] = {}
    size: dict[str, int] = {}
    ward_no = 0
    for district, unit, rel, streets, ward_list in hcmc.AREAS:
        for new_ward, old_ward in ward_list:
            ward_no += 1
            wards.setdefault(unit, []).append(
                _Ward(f"W{ward_no:03d}", new_ward, old_ward, district, streets, unit)
            )
            weights.setdefault(unit, []).append(rel)
        size[unit] = size.get(unit, 0) + rel * len(ward_list)
    units = tuple(sorted(size))
    total = sum(size.values())
    starts: list[int] = []
    acc = 0
    for unit in units:
        starts.append(acc)
        acc += size[unit] * n // total
    return _Layout(
        units=units,
        starts=tuple(starts),
        wards_by_unit={u: tuple(w) for u, w in wards.items()},
        ward_weights_by_unit={u: tuple(w) for u, w in weights.items()},
        routes_by_unit={u: max(1, size[u] * n // total // 1500) for u in units},
    )


def route_reading_day(route_code: str) -> int:
    """The day of month a route is read on (stable, 1–28)."""
    return sum(route_code.encode()) * 7 % 28 + 1


@lru_cache(maxsize=4096)
def _f(text: str) -> str:
    return fold(text)


_WORDS = re.compile(r"[0-9a-z]+")
_FAMILY = tuple(n for n, _ in hcmc.FAMILY_NAMES)
_FAMILY_CUM = tuple(
    sum(w for _, w in hcmc.FAMILY_NAMES[: i + 1]) for i in range(len(hcmc.FAMILY_NAMES))
)
_CLASSES = ("residential", "business", "production", "administrative", "public")
_CLASS_CUM = (920, 975, 985, 995, 1000)
_PRICE_CODE = {"residential": "SHBT", "business": "KD", "production": "SX",
               "administrative": "HCSN", "public": "CSCC"}


def _ts(value: dt.datetime) -> str:
    """A naive UTC datetime in the text form SQLAlchemy's SQLite DateTime reads."""
    return value.strftime("%Y-%m-%d %H:%M:%S.000000")


def _reading_date(year: int, month: int, day: int) -> dt.date:
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


def _months_back(d: dt.date, k: int, day: int) -> dt.date:
    m = d.year * 12 + d.month - 1 - k
    return _reading_date(m // 12, m % 12 + 1, day)


@dataclass
class _Chunk:
    accounts: list[tuple[object, ...]]
    fts: list[tuple[int, str, str]]
    bills: list[tuple[object, ...]]
    lines: list[tuple[int, int, str, int, int, int]]
    payments: list[tuple[object, ...]]
    words: set[str]
    #: (account id, its pair tokens joined) and every pair: made in the worker too
    keys: list[tuple[int, str]] = field(default_factory=list)
    pairs: set[str] = field(default_factory=set)


def _make_chunk(args: tuple[int, int, int, int, dt.date, Pricer]) -> _Chunk:
    chunk_no, start, stop, seed, as_of, pricer = args
    layout = _layout_cached(_N_FOR_LAYOUT[0])
    rng = random.Random(f"quaythu-demo:{seed}:{chunk_no}")
    rnd = rng.random
    choice = rng.choice
    randint = rng.randint
    out = _Chunk([], [], [], [], [], set())
    words = out.words
    updated = _ts(dt.datetime.combine(as_of, dt.time(0, 0)))
    for i in range(start, stop):
        unit, seq_in_unit = layout.unit_of(i)
        code = f"{unit}{seq_in_unit + 1:07d}"
        wards = layout.wards_by_unit[unit]
        ward = rng.choices(wards, layout.ward_weights_by_unit[unit])[0]
        r = rnd() * 1000
        tclass = _CLASSES[bisect.bisect_right(_CLASS_CUM, r)]
        street = choice(ward.streets)
        house = str(randint(1, 450))
        hr = rnd()
        if hr < 0.35:
            house = f"{house}/{randint(1, 60)}"
        elif hr < 0.45:
            house = f"{house}/{randint(1, 40)}/{randint(1, 20)}"
        elif hr < 0.5:
            house = f"{house}{choice('ABC')}"
        address = f"{house} {street}, {ward.name}, TP. Hồ Chí Minh"
        if tclass == "residential":
            family = _FAMILY[bisect.bisect_right(_FAMILY_CUM, rnd() * _FAMILY_CUM[-1])]
            if rnd() < 0.5:
                name = f"{family} {choice(hcmc.MIDDLE_MALE)} {choice(hcmc.GIVEN_MALE)}"
            else:
                name = f"{family} {choice(hcmc.MIDDLE_FEMALE)} {choice(hcmc.GIVEN_FEMALE)}"
            hh = rnd()
            households = 1 if hh < 0.82 else 2 if hh < 0.94 else randint(3, 6)
            voltage = "lv"
        elif tclass in ("business", "production"):
            if tclass == "production":
                name = f"Công ty TNHH {choice(hcmc.PRODUCTION_WORDS)} {choice(hcmc.BUSINESS_WORDS)}"
                voltage = choice(("lv", "lv", "mv6", "mv22", "hv"))
            else:
                name = f"{choice(hcmc.BUSINESS_KINDS)} {choice(hcmc.BUSINESS_WORDS)}"
                voltage = choice(("lv", "lv", "lv", "mv6", "mv22"))
            households = 1
        else:
            name = f"{choice(hcmc.ADMIN_NAMES)} {ward.name.split(' ', 1)[1]}"
            voltage = choice(("lv", "mv6"))
            households = 1
        account_id = i + 1
        phone = None
        if rnd() < 0.88:
            phone = f"{choice(hcmc.MOBILE_PREFIXES)}{(i * 3_367_219 + 5_120_447) % 10_000_000:07d}"
        meter = f"{10_000_000 + (i * 48_271 + 9_713) % 90_000_000}"
        sr = rnd()
        # half the old "suspended" slice is cut off for non-payment: the counter's reconnection
        status = ("active" if sr < 0.975 else "disconnected" if sr < 0.9825
                  else "suspended" if sr < 0.99 else "terminated")
        route_no = randint(1, layout.routes_by_unit[unit])
        route = f"{unit}-{route_no:03d}"
        reading_day = route_reading_day(route)
        out.accounts.append((
            account_id, code, name, address, ward.code, ward.name, ward.old_ward,
            ward.old_district, phone, meter, tclass, voltage,
            f"{_PRICE_CODE[tclass]}-{voltage.upper()}", households, status, unit, route,
            reading_day, updated,
        ))
        name_f = _f(name)
        address_f = (
            f"{_f(house)} {_f(street)} {_f(ward.name)} {_f(ward.old_ward)} {_f(ward.old_district)}"
        )
        out.fts.append((account_id, name_f, address_f))
        keys = key_tokens(name_f, address_f)
        out.keys.append((account_id, " ".join(keys)))
        out.pairs.update(keys)
        words.update(_WORDS.findall(name_f))
        words.update(_WORDS.findall(address_f))
        usage = _bills_for(out, rng, i, account_id, tclass, voltage, households, reading_day,
                           unit, as_of, pricer, seed)
        out.accounts[-1] = (*out.accounts[-1], usage)
    return out


def _bills_for(
    out: _Chunk, rng: random.Random, i: int, account_id: int, tclass: str, voltage: str,
    households: int, reading_day: int, unit: str, as_of: dt.date, pricer: Pricer,
    seed: int = 0,
) -> str:
    """The account's bills; returns its 24-month history (db/usage.py), the last months
    being these bills."""
    rnd = rng.random
    k0 = 0
    while _months_back(as_of, k0, reading_day) + dt.timedelta(days=2) > as_of:
        k0 += 1
    n_bills = 1 + int(rnd() * 3)
    if tclass == "residential":
        base = max(15, int(rng.gauss(170, 85) * households ** 0.8))
        multiplier = 1
    elif tclass == "production":
        base = int(rng.uniform(3_000, 150_000))
        multiplier = rng.choice((1, 40, 80, 200))
    else:
        base = int(rng.uniform(250, 9_000))
        multiplier = rng.choice((1, 1, 1, 20))
    reading = rng.randint(1_000, 60_000)
    periods = []
    history: list[int] = []
    for k in range(k0 + n_bills - 1, k0 - 1, -1):
        end = _months_back(as_of, k, reading_day)
        start = _months_back(as_of, k + 1, reading_day) + dt.timedelta(days=1)
        delta = max(1, int(base * rng.uniform(0.8, 1.2)) // multiplier)
        periods.append((start, end, reading, reading + delta, delta * multiplier))
        reading += delta
    latest_unpaid = rnd() < 0.45
    for j, (start, end, old, new, kwh) in enumerate(periods):
        bill_id = i * BILLS_PER_ACCOUNT_MAX + j + 1
        if tclass in ("business", "production"):
            normal = kwh * 56 // 100
            offpeak = kwh * 29 // 100
            split: tuple[int, ...] = (normal, offpeak, kwh - normal - offpeak)
        else:
            split = (kwh,)
        priced = pricer(tclass, voltage, households, split, start, end)
        issued = end + dt.timedelta(days=2)
        due = issued + dt.timedelta(days=10)
        is_latest = j == len(periods) - 1
        unpaid = latest_unpaid if is_latest else rnd() < 0.06
        paid_at = None
        if not unpaid:
            days = rng.randint(0, 14)
            local = dt.datetime.combine(issued + dt.timedelta(days=days), dt.time(7, 30))
            local += dt.timedelta(minutes=rng.randint(0, 570))
            if local.date() > as_of:
                local = dt.datetime.combine(as_of, dt.time(7, 45))
            paid_at = _ts(local - VN_OFFSET)
            method = rng.choice(("cash", "cash", "cash", "vietqr", "bank"))
            place = {
                "cash": f"Quầy thu {hcmc.UNITS[unit]}",
                "vietqr": "VietQR – NAPAS 247",
                "bank": "Ủy nhiệm thu qua ngân hàng",
            }[method]
            out.payments.append((
                bill_id, account_id, paid_at, priced.total, method, place,
                f"{unit[2:]}{(bill_id % 97):02d}-{bill_id % 1_000_000:06d}",
            ))
        out.bills.append((
            bill_id, account_id, f"HD{end:%y%m}{bill_id:09d}", start.isoformat(),
            end.isoformat(), issued.isoformat(), due.isoformat(),
            old, new, multiplier, kwh, priced.subtotal, priced.vat_rate, priced.vat,
            priced.total, "unpaid" if unpaid else "paid", paid_at,
        ))
        for seq, line in enumerate(priced.lines, start=1):
            out.lines.append((bill_id, seq, line.label, line.kwh, line.unit_price, line.amount))
        history.append(kwh)
    return _history(seed, account_id, base, multiplier, periods[-1][1], history)


#: Ho Chi Minh City's hot months use more (April–June), January–February less
_SEASON = (0.9, 0.86, 1.0, 1.15, 1.22, 1.16, 1.05, 1.0, 0.98, 0.95, 0.92, 0.9)


def _history(seed: int, account_id: int, base: int, multiplier: int, last_end: dt.date,
             bills: list[int]) -> str:
    """24 months of kWh ending with the account's bills; the months before them made up
    (their own random stream: the rest of the demo city is the same with or without it)."""
    rng = random.Random(f"quaythu-usage:{seed}:{account_id}")
    y, m = last_end.year, last_end.month
    for _ in range(usage.MONTHS - 1):
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    kwh: list[int] = []
    mm = m
    for _k in range(usage.MONTHS - len(bills)):
        kwh.append(max(1, int(base * _SEASON[mm - 1] * rng.uniform(0.9, 1.1)) // multiplier)
                   * multiplier)
        mm = mm % 12 + 1
    return usage.format_usage(y, m, kwh + bills)


# The layout depends on N only; workers rebuild it once (cheap) rather than
# receiving it with every chunk.
_N_FOR_LAYOUT = [0]


@lru_cache(maxsize=2)
def _layout_cached(n: int) -> _Layout:
    return _layout(n)


def _init_worker(n: int) -> None:
    _N_FOR_LAYOUT[0] = n


_SQL_ACCOUNTS = "INSERT INTO accounts VALUES (" + ",".join("?" * 20) + ")"
_SQL_FTS = "INSERT INTO account_fts (rowid, name, address) VALUES (?, ?, ?)"
_SQL_KEYS = "INSERT INTO account_fts_keys (rowid, keys) VALUES (?, ?)"
_SQL_BILLS = "INSERT INTO bills VALUES (" + ",".join("?" * 17) + ")"
_SQL_LINES = "INSERT INTO bill_lines VALUES (?, ?, ?, ?, ?, ?)"
_SQL_PAYMENTS = "INSERT INTO payment_history VALUES (?, ?, ?, ?, ?, ?, ?)"


def _chunks(n: int, seed: int, as_of: dt.date, pricer: Pricer, size: int = CHUNK,
            only: Collection[int] | None = None) -> Iterator[
    tuple[int, int, int, int, dt.date, Pricer]
]:
    for chunk_no, start in enumerate(range(0, n, size)):
        if only is None or chunk_no in only:
            yield chunk_no, start, min(n, start + size), seed, as_of, pricer


def chunk_count(accounts: int, size: int = CHUNK) -> int:
    """How many chunks a city of ``accounts`` is made in."""
    return -(-accounts // size)


def chunk_accounts(accounts: int, chunk_no: int, size: int = CHUNK) -> range:
    """The account indexes (id - 1) chunk ``chunk_no`` makes."""
    return range(chunk_no * size, min(accounts, (chunk_no + 1) * size))


def unit_chunks(accounts: int, unit: str, size: int = CHUNK) -> frozenset[int]:
    """The chunks that hold every account of ``unit`` (with some of its neighbours'):
    made first, they give a demo counter its whole unit before the rest of the city."""
    layout = _layout(accounts)
    if unit not in layout.units:
        return frozenset()
    k = layout.units.index(unit)
    start = layout.starts[k]
    stop = layout.starts[k + 1] if k + 1 < len(layout.units) else accounts
    if stop <= start:
        return frozenset()
    return frozenset(range(start // size, (stop - 1) // size + 1))


def generate(
    path: Path | str,
    *,
    accounts: int,
    seed: int,
    as_of: dt.date,
    pricer: Pricer,
    prepare: Callable[[Path], None],
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int = CHUNK,
    chunks: Collection[int] | None = None,
    whole: bool = True,
    indexed: bool = True,
) -> DemoReport:
    """Write a complete demo store at ``path`` (which must not exist).

    ``prepare(path)`` creates the empty, migrated store (the caller's
    ``open_store``); the rows are then bulk-loaded here.

    ``chunks`` makes only those chunks of the city (the same rows they hold in the whole
    city); ``whole=False`` leaves out the units, staff and schedules; ``indexed=False`` the
    search index and the secondary indexes: a scratch file only read in id order, to be
    copied elsewhere (central's seed).
    """
    if accounts < 1:
        raise ValueError("accounts must be at least 1")
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    t0 = time.perf_counter()
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    prepare(partial)
    con = sqlite3.connect(partial, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA cache_size = -262144")
        index_sql = [
            row[0] for row in con.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        ]
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall():
            con.execute(f'DROP INDEX "{name}"')
        _N_FOR_LAYOUT[0] = accounts
        n_bills = _load_rows(con, accounts, seed, as_of, pricer, processes, progress,
                             chunk_size, chunks, indexed)
        if whole:
            _load_schedules(con, accounts, seed, as_of)
        t1 = time.perf_counter()
        con.execute("BEGIN")
        for sql in index_sql if indexed else ():
            con.execute(sql)
        con.execute(
            "UPDATE sync_state SET data_as_of = ?, source = 'demo' WHERE id = 1",
            (_ts(dt.datetime.now(dt.UTC).replace(tzinfo=None)),),
        )
        con.execute("COMMIT")
        if indexed:
            con.execute("INSERT INTO account_fts (account_fts) VALUES ('optimize')")
            con.execute("INSERT INTO account_fts_keys (account_fts_keys) VALUES ('optimize')")
            con.execute("ANALYZE")
            con.execute("PRAGMA journal_mode = WAL")
        logger.info(
            "demo store: rows %.1f s, indexes and search index %.1f s",
            t1 - t0, time.perf_counter() - t1,
        )
    finally:
        con.close()
    os.replace(partial, path)
    return DemoReport(accounts, n_bills, time.perf_counter() - t0, path.stat().st_size)


def _load_rows(
    con: sqlite3.Connection, n: int, seed: int, as_of: dt.date, pricer: Pricer,
    processes: int | None, progress: Callable[[int, int], None] | None,
    size: int = CHUNK, only: Collection[int] | None = None, indexed: bool = True,
) -> int:
    n_bills = 0
    done = 0
    words: set[str] = set()
    pairs: set[str] = set()
    work = _chunks(n, seed, as_of, pricer, size, only)
    n_chunks = chunk_count(n, size) if only is None else len(only)
    # the accounts this run makes: what its progress counts to
    n_made = n if only is None else sum(len(chunk_accounts(n, c, size)) for c in only)
    workers = processes if processes is not None else min(os.cpu_count() or 1, 4)
    if n_chunks <= 1 or workers <= 1:
        results: Iterator[_Chunk] = map(_make_chunk, work)
        pool = None
    else:
        pool = multiprocessing.get_context().Pool(workers, _init_worker, (n,))
        results = pool.imap(_make_chunk, work)
    try:
        for chunk in results:
            con.execute("BEGIN")
            con.executemany(_SQL_ACCOUNTS, chunk.accounts)
            if indexed:
                con.executemany(_SQL_FTS, chunk.fts)
                con.executemany(_SQL_KEYS, chunk.keys)
            con.executemany(_SQL_BILLS, chunk.bills)
            con.executemany(_SQL_LINES, chunk.lines)
            con.executemany(_SQL_PAYMENTS, chunk.payments)
            con.execute("COMMIT")
            words |= chunk.words
            pairs |= chunk.pairs
            n_bills += len(chunk.bills)
            done += len(chunk.accounts)
            if progress is not None:
                progress(done, n_made)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    if not indexed:
        return n_bills
    con.execute("BEGIN")
    con.executemany("INSERT OR IGNORE INTO search_terms VALUES (?)", ((w,) for w in sorted(words)))
    con.executemany("INSERT OR IGNORE INTO search_pairs VALUES (?)", ((p,) for p in sorted(pairs)))
    con.execute("COMMIT")
    return n_bills


def _load_schedules(con: sqlite3.Connection, n: int, seed: int, as_of: dt.date) -> None:
    layout = _layout_cached(n)
    rng = random.Random(f"quaythu-demo-schedules:{seed}")
    readings = []
    for unit in layout.units:
        for route_no in range(1, layout.routes_by_unit[unit] + 1):
            route = f"{unit}-{route_no:03d}"
            day = route_reading_day(route)
            for k in range(-1, 3):
                readings.append((route, _months_back(as_of, -k, day).isoformat()))
    outages = []
    outage_id = 0
    for unit in layout.units:
        for ward in layout.wards_by_unit[unit]:
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                outage_id += 1
                on_day = as_of + dt.timedelta(days=rng.randint(-2, 14))
                start_local = dt.datetime.combine(on_day, dt.time(rng.choice((7, 8, 13)), 0))
                hours = rng.choice((2, 3, 4, 8))
                street = rng.choice(ward.streets)
                outages.append((
                    outage_id, ward.code, unit, _ts(start_local - VN_OFFSET),
                    _ts(start_local - VN_OFFSET + dt.timedelta(hours=hours)),
                    f"Một phần đường {street}, {ward.name}", rng.choice(hcmc.OUTAGE_REASONS),
                ))
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO units (code, name, kind) VALUES (?, ?, 'power_company')",
        sorted(hcmc.UNITS.items())
    )
    con.executemany("INSERT OR IGNORE INTO reading_schedules VALUES (?, ?)", readings)
    con.executemany("INSERT INTO outage_schedules VALUES (?, ?, ?, ?, ?, ?, ?)", outages)
    # a generated store signs in offline like a synced one (demo password)
    con.executemany(
        "INSERT INTO staff (id, username, full_name, role, password_hash, active, updated_at) "
        "VALUES (?, ?, ?, ?, ?, 1, ?)",
        [(i, u, name, role, demo_password_hash(), _ts(dt.datetime(as_of.year, as_of.month,
                                                                  as_of.day)))
         for i, (u, name, role) in enumerate(DEMO_STAFF, start=1)])
    con.execute("COMMIT")
