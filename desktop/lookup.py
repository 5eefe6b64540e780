"""Account lookup: one query string, understood as a code, a phone number, a
meter serial or free text over folded names and addresses.

Everything answers from the local store, never the network, and every answer
is a bounded page. Bad input (empty, huge, SQL-looking, emoji, NFD) gives an
empty or sensible result, never an exception.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Account,
    Bill,
    OutageSchedule,
    PaymentRecord,
    ReadingSchedule,
    ServiceRequest,
    SyncState,
    Unit,
)
from db.search import match_expression, query_pairs
from db.text import fold_words, normalise_phone
from db.usage import parse_usage
from desktop.config import CustomerCodePattern, Settings
from desktop.contract import BillStatus, RequestStatus
from desktop.dto import (
    AccountDetail,
    AccountHit,
    BillLineView,
    BillView,
    LookupResult,
    OutageView,
    PaymentView,
    UsageMonth,
)
from desktop.errors import NotFound, StoreUnavailable, ValidationError, as_core_error
from desktop.labels import VN_TZ
from desktop.money.amounts import group_digits
from desktop.service_requests import reconnection_fee_due, request_view
from desktop.staff.auth import Actor, authorize, check_session
from desktop.staff.permissions import Permission, allowed
from desktop.staff.privacy import mask_phone
from desktop.tariff.billing import BillRequest, calculate
from desktop.tariff.prices import TOU_CLASSES, decisions

logger = logging.getLogger(__name__)

#: Longer input is cut: nobody types more, and a scanner never sends more.
MAX_QUERY_CHARS = 120
#: At most this many words of free text go to the index.
MAX_TERMS = 6
#: Free-text candidates read from the index before ranking in Python.
TEXT_CANDIDATES = 400

EMPTY, CODE, CODE_PREFIX, PHONE, METER, TEXT = (
    "empty", "code", "code_prefix", "phone", "meter", "text",
)

#: An account as a hit and its unpaid total, in one statement: the exact lookups
#: (code, phone, meter) are one index probe each, and the ORM's three round trips
#: cost thirty times the probe (tests/perf/bench_lookup.py).
_HIT_SQL = (
    "SELECT a.id, a.code, a.name, a.address, a.phone, a.meter_serial, a.status, "
    "a.old_district, "
    "(SELECT coalesce(sum(b.total), 0) FROM bills b "
    " WHERE b.account_id = a.id AND b.status = 'unpaid'), "
    "(SELECT count(*) FROM bills b WHERE b.account_id = a.id AND b.status = 'unpaid') "
    "FROM accounts a "
)
_EXACT_SQL = {
    CODE: _HIT_SQL + "WHERE a.code = ? LIMIT ?",
    PHONE: _HIT_SQL + "WHERE a.phone = ? ORDER BY a.code LIMIT ?",
    METER: _HIT_SQL + "WHERE a.meter_serial = ? LIMIT ?",
}
_CODE_PREFIX_SQL = _HIT_SQL + "WHERE a.code >= ? AND a.code < ? ORDER BY a.code LIMIT ?"
#: free text: the index gives row ids only (reading its texts row by row through FTS5
#: doubled the cost); the texts of those rows come from its content table at once
#: Each statement gives its rows as one JSON row: the sqlite3 module lets go of the
#: interpreter at every row, and while a first sync's thread runs beside the search,
#: taking it back cost up to a millisecond a row, hundreds of rows a query (issue 31).
_TEXT_IDS_SQL = ("SELECT json_group_array(rowid) FROM "
                 "(SELECT rowid FROM account_fts WHERE account_fts MATCH ? LIMIT ?)")
_PAIR_IDS_SQL = ("SELECT json_group_array(rowid) FROM "
                 "(SELECT rowid FROM account_fts_keys WHERE account_fts_keys MATCH ? LIMIT ?)")
_TEXT_OF_SQL = ("SELECT json_group_array(json_array(id, c0, c1)) FROM account_fts_content "
                "WHERE id IN (SELECT value FROM json_each(?))")
_HITS_OF_SQL = (
    "SELECT json_group_array(json_array(a.id, a.code, a.name, a.address, a.phone, "
    "a.meter_serial, a.status, a.old_district, "
    "(SELECT coalesce(sum(b.total), 0) FROM bills b "
    " WHERE b.account_id = a.id AND b.status = 'unpaid'), "
    "(SELECT count(*) FROM bills b WHERE b.account_id = a.id AND b.status = 'unpaid'))) "
    "FROM accounts a WHERE a.id IN (SELECT value FROM json_each(?))")
#: read-only connections the exact lookups keep for reuse (more are closed after use)
_KEPT_CONNECTIONS = 4
#: digits that are a phone number and may be a meter serial: one statement, both indexes
#: (SQLite's OR optimisation), the phone's accounts first
_PHONE_OR_METER_SQL = (_HIT_SQL + "WHERE a.phone = ?1 OR a.meter_serial = ?2 "
                       "ORDER BY a.phone IS NOT ?1, a.code LIMIT ?3")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """What a query string means. ``value`` is the normalised key or the terms."""

    kind: str
    value: str
    terms: tuple[str, ...] = ()
    #: digits that may also be a meter serial (a phone-looking meter number)
    meter: str | None = None


_SCAN_JUNK = re.compile(r"[\s\-_.]")


def parse_query(raw: str, pattern: CustomerCodePattern | None = None) -> ParsedQuery:
    """Classify ``raw`` as typed at the counter or sent by a barcode scanner."""
    pattern = pattern or CustomerCodePattern()
    q = unicodedata.normalize("NFC", raw or "")[:MAX_QUERY_CHARS].strip()
    if not q:
        return ParsedQuery(EMPTY, "")
    compact = _SCAN_JUNK.sub("", q).upper()
    if pattern.is_code(compact):
        return ParsedQuery(CODE, compact)
    if pattern.is_prefix(compact):
        return ParsedQuery(CODE_PREFIX, compact)
    phone = normalise_phone(q)
    digits = re.sub(r"\D", "", q)
    if phone is not None:
        return ParsedQuery(PHONE, phone, meter=digits if digits == compact else None)
    if compact.isdigit() and 5 <= len(compact) <= 20:
        return ParsedQuery(METER, compact)
    terms = tuple(dict.fromkeys(fold_words(q)))[:MAX_TERMS]
    if not terms:
        return ParsedQuery(EMPTY, "")
    return ParsedQuery(TEXT, " ".join(terms), terms=terms)


def _has_all(terms: tuple[str, ...], name: str, address: str) -> bool:
    """Whether every term begins some word of the folded name or address (as the
    index's prefix match would have it)."""
    words = f"{name} {address}".split()
    return all(any(w.startswith(t) for w in words) for t in terms)


def _ranked(terms: tuple[str, ...], texts: list[tuple[int, str, str]], limit: int) -> list[int]:
    """The ids of the best ``limit`` of (id, folded name, folded address), best first.

    Higher is better: whole words and adjacent pairs ("tan binh") first, then words
    that begin a word of the name, then the shorter name. Each test is a substring
    search of the space-padded text (a word is " w ", a pair " a b ", a word's
    beginning " t"): ranking a few hundred candidates stays under a millisecond.
    """
    whole = [f" {t} " for t in terms]
    begins = [f" {t}" for t in terms]
    pairs = [f" {a} {b} " for a, b in itertools.pairwise(terms)]

    def score(row: tuple[int, str, str]) -> tuple[int, int, int]:
        name, address = f" {row[1]} ", f" {row[2]} "
        both = name + address
        return (sum(w in both for w in whole) + sum(p in name for p in pairs)
                + sum(p in address for p in pairs),
                sum(b in name for b in begins), -row[1].count(" "))

    return [r[0] for r in sorted(texts, key=score, reverse=True)[:limit]]


class LookupService:
    """Finds accounts in the local store and reads one account for the panel."""

    def __init__(self, sessions: sessionmaker[Session], settings: Settings | None = None) -> None:
        self._sessions = sessions
        self._settings = settings or Settings()
        # the exact lookups' own read-only connections, reused LIFO: checking one out of
        # SQLAlchemy's pool and resetting it on return was a sixth of a code lookup
        self._free: list[sqlite3.Connection] = []
        self._free_lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """Close the exact lookups' connections (before the store's engine is disposed)."""
        with self._free_lock:
            self._closed = True
            free, self._free = self._free, []
        for con in free:
            con.close()

    def _acquire(self) -> sqlite3.Connection:
        with self._free_lock:
            if self._free:
                return self._free.pop()
            if self._closed:
                raise StoreUnavailable("Kho dữ liệu đã đóng.", reason="closed",
                                       path=str(self._store_path()))
        uri = Path(self._store_path()).resolve().as_uri() + "?mode=ro"  # file:///C:/… too
        con = sqlite3.connect(uri, uri=True, check_same_thread=False,
                              timeout=3, isolation_level=None)
        con.execute("PRAGMA busy_timeout = 3000")
        con.execute("PRAGMA cache_size = -16384")
        con.execute("PRAGMA mmap_size = 268435456")
        return con

    def _store_path(self) -> str:
        return str(self._sessions.kw["bind"].url.database)

    def _release(self, con: sqlite3.Connection) -> None:
        with self._free_lock:
            if not self._closed and len(self._free) < _KEPT_CONNECTIONS:
                self._free.append(con)
                return
        con.close()

    @property
    def page_size(self) -> int:
        return self._settings.lookup_page_size

    def search(self, raw: str, *, limit: int | None = None,
               actor: Actor | None = None, quick: bool = False) -> LookupResult:
        """The accounts a query finds. With ``actor`` (every window passes its person's),
        a session that is signed out or locked is refused first: names, addresses and
        phone numbers are not shown behind the lock screen.

        ``quick``: a name and place whose words side by side find accounts gives those
        at once, marked ``partial``, when the rest of the page would take the words'
        index too (the slow part of a search, issue 31); the same query without
        ``quick`` gives the whole page, those same accounts first."""
        if actor is not None:
            with self._connection() as con:
                check_session(con, actor)
        parsed = parse_query(raw, self._settings.customer_code)
        limit = max(1, min(limit or self.page_size, 200))
        if parsed.kind == EMPTY:
            return LookupResult(raw, EMPTY, (), False)
        if parsed.kind in _EXACT_SQL:
            found = self._exact(parsed, limit + 1)
            if found or parsed.kind != CODE:
                return LookupResult(raw, parsed.kind, found[:limit], len(found) > limit)
            # a full code that is not cached: its neighbours by prefix, which helps with
            # a mistyped last digit
            found = self._exact(ParsedQuery(CODE_PREFIX, parsed.value[:-1]), limit + 1)
        elif parsed.kind == TEXT:
            found, partial = self._text(parsed.terms, limit + 1, quick=quick)
            if partial:
                return LookupResult(raw, TEXT, found[:limit], False, partial=True)
        else:
            found = self._exact(parsed, limit + 1)
        return LookupResult(raw, parsed.kind, found[:limit], len(found) > limit)

    def _exact(self, q: ParsedQuery, limit: int) -> tuple[AccountHit, ...]:
        """Code, code prefix, phone or meter: prepared statements on a read-only
        connection, no ORM.

        One statement is its own read transaction (the connection is in autocommit and
        holds no snapshot between lookups), so no BEGIN/ROLLBACK either; the sqlite3
        module keeps the statements prepared between calls.
        """
        with self._connection() as con:
            if q.kind == PHONE and q.meter:
                rows = con.execute(_PHONE_OR_METER_SQL, (q.value, q.meter, limit))
                return tuple(_hit(r, PHONE if r[4] == q.value else METER) for r in rows)
            if q.kind == CODE_PREFIX:
                upper = q.value[:-1] + chr(ord(q.value[-1]) + 1)
                return tuple(_hit(r, CODE_PREFIX) for r in con.execute(
                    _CODE_PREFIX_SQL, (q.value, upper, limit)))
            return tuple(_hit(r, q.kind) for r in con.execute(_EXACT_SQL[q.kind],
                                                              (q.value, limit)))

    def _text(self, terms: tuple[str, ...], limit: int, *,
              quick: bool = False) -> tuple[tuple[AccountHit, ...], bool]:
        """Free text: candidates from the index (row ids only), their folded texts read
        in one statement, ranked here; the best as hits in one more.

        Words typed side by side ("nguyen chan tan binh") are matched side by side, or
        as a name's first and last word (Nguyễn Văn Chân), wherever the city has such a
        pair: the pair index gives those accounts at once, and every word of the query
        is in a pair or checked here. When the pairs find nothing, or a word is in no
        pair and the pairs' accounts do not fill the page, and for a single word, the
        words' index finds the accounts that have every word anywhere, ranked after
        (``quick``: not yet; the pairs' accounts alone, and True for a page to come).
        """
        partial = False
        with self._connection() as con:
            expression = match_expression(con, terms)
            if expression is None:
                return (), False
            first: list[int] = []
            pairs, covered = query_pairs(con, terms)
            if pairs:
                rest = tuple(t for k, t in enumerate(terms) if k not in covered)
                ids = _one_row(con, _PAIR_IDS_SQL,
                               (" AND ".join(f'"{p}"' for p in pairs), TEXT_CANDIDATES))
                texts = [r for r in self._texts(con, ids) if _has_all(rest, r[1], r[2])]
                first = _ranked(terms, texts, limit)
                if quick and first and rest and len(first) < limit:
                    partial = True
                elif not first or (rest and len(first) < limit):
                    ids = _one_row(con, _TEXT_IDS_SQL, (expression, TEXT_CANDIDATES))
                    seen = set(first)
                    first += _ranked(terms, [r for r in self._texts(con, ids)
                                             if r[0] not in seen], limit - len(first))
            else:
                ids = _one_row(con, _TEXT_IDS_SQL, (expression, TEXT_CANDIDATES))
                first = _ranked(terms, self._texts(con, ids), limit)
            if not first:
                return (), False
            order = {i: k for k, i in enumerate(first)}
            rows = _one_row(con, _HITS_OF_SQL, (json.dumps(first),))
        return tuple(_hit(r, TEXT) for r in sorted(rows, key=lambda r: order[r[0]])), partial

    @staticmethod
    def _texts(con: sqlite3.Connection, ids: list[int]) -> list[tuple[int, str, str]]:
        """The folded name and address the index holds for each of ``ids``."""
        return [(i, name, address) for i, name, address
                in _one_row(con, _TEXT_OF_SQL, (json.dumps(ids),))] if ids else []

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """One of the lookups' own read-only connections; SQLite's failures as the
        core's typed errors (this is outside SQLAlchemy and its translation)."""
        try:
            con = self._acquire()
            try:
                yield con
            finally:
                self._release(con)
        except sqlite3.Error as exc:
            typed = as_core_error(exc, self._store_path())
            if typed is None:
                raise
            raise typed from exc

    def account(self, account_id: int, *, today: dt.date | None = None,
                actor: Actor | None = None) -> AccountDetail:
        """Everything the account panel shows, read in one session.

        The phone number is whole only for an actor whose role may see it.
        """
        today = today or dt.datetime.now(VN_TZ).date()
        with self._sessions() as s:
            full_contact = False
            if actor is not None:
                staff = authorize(s, actor, None)
                full_contact = allowed(staff.role, Permission.VIEW_CONTACT)
            a = s.get(Account, account_id)
            if a is None:
                raise NotFound("Không tìm thấy khách hàng này trong dữ liệu cục bộ.")
            unit = s.get(Unit, a.unit_code)
            bills = s.scalars(
                select(Bill).where(Bill.account_id == a.id, Bill.status == BillStatus.UNPAID)
                .order_by(Bill.period_end)
            ).all()
            bill_views = tuple(_bill_view(b, today) for b in bills)
            payments = s.scalars(
                select(PaymentRecord).where(PaymentRecord.account_id == a.id)
                .order_by(PaymentRecord.paid_at.desc()).limit(5)
            ).all()
            next_reading = s.scalar(
                select(func.min(ReadingSchedule.reading_on))
                .where(ReadingSchedule.route_code == a.route_code,
                       ReadingSchedule.reading_on >= today)
            )
            now = dt.datetime.now(dt.UTC)
            outages = s.scalars(
                select(OutageSchedule)
                .where(OutageSchedule.ward_code == a.ward_code, OutageSchedule.ends_at >= now)
                .order_by(OutageSchedule.starts_at).limit(10)
            ).all()
            requests = s.scalars(
                select(ServiceRequest).where(ServiceRequest.account_id == a.id)
                .order_by(ServiceRequest.created_at.desc()).limit(10)
            ).all()
            since = today - dt.timedelta(days=USAGE_DAYS)
            usage = usage_months(a, s.execute(
                select(Bill.period_end, Bill.kwh, Bill.total)
                .where(Bill.account_id == a.id, Bill.period_end > since)).all(), since)
            state = s.get(SyncState, 1)
            return AccountDetail(
                id=a.id, code=a.code, name=a.name, address=a.address, ward=a.ward,
                old_ward=a.old_ward, old_district=a.old_district,
                phone=a.phone if full_contact or not a.phone else mask_phone(a.phone),
                meter=a.meter_serial, tariff_class=a.tariff_class, voltage=a.voltage,
                price_code=a.price_code, households=a.households, status=a.status,
                unit_code=a.unit_code, unit_name=unit.name if unit else a.unit_code,
                route_code=a.route_code, next_reading_on=next_reading,
                unpaid_bills=bill_views, unpaid_total=sum(b.total for b in bill_views),
                recent_payments=tuple(
                    PaymentView(p.paid_at, p.amount, p.method, p.place, p.receipt_no)
                    for p in payments
                ),
                outages=tuple(OutageView(o.starts_at, o.ends_at, o.area, o.reason)
                              for o in outages),
                data_as_of=state.data_as_of if state else None,
                data_source=state.source if state else "central",
                requests=tuple(request_view(r, a.code) for r in requests),
                usage=usage, price_changes=price_changes_between(since, today),
                **alert_threshold(s, a.id, usage),
                fee_due=next(iter(reconnection_fee_due(s, a, bills, now)), None),
            )


def alert_threshold(s: Session, account_id: int,
                    usage: tuple[UsageMonth, ...]) -> dict[str, Any]:
    """The chart's threshold line from the account's newest usage-alert registration not
    refused: kWh as registered; đồng turned into kWh at the latest month's own price (đồng
    per kWh with VAT); a per cent above the latest month's kWh. What it became is said on
    the line. Nothing when none is registered or the months give no way to convert."""
    details = s.scalar(
        select(ServiceRequest.details).where(
            ServiceRequest.account_id == account_id, ServiceRequest.kind == "usage_alert",
            ServiceRequest.status != RequestStatus.REFUSED)
        .order_by(ServiceRequest.created_at.desc()).limit(1))
    try:
        d = json.loads(details) if details else {}
        value, unit = int(d["threshold"]), str(d.get("threshold_unit") or "kWh")
    except (ValueError, KeyError, TypeError):
        return {}
    if value <= 0:
        return {}
    last = next((m for m in reversed(usage) if m.kwh > 0), None)
    if unit == "kWh":
        return {"alert_kwh": value,
                "alert_label": f"Ngưỡng cảnh báo {group_digits(value)} kWh"}
    if last is None:
        return {}
    if unit == "%":
        kwh = (last.kwh * (100 + value) + 50) // 100
        return {"alert_kwh": kwh, "alert_label": (
            f"Ngưỡng cảnh báo +{value} % so với tháng trước ≈ {group_digits(kwh)} kWh "
            f"(theo kỳ {last.period_end:%m/%Y})")}
    if last.amount is None or last.amount <= 0:
        return {}
    kwh = value * last.kwh // last.amount
    return {"alert_kwh": kwh, "alert_label": (
        f"Ngưỡng cảnh báo {group_digits(value)} đ ≈ {group_digits(kwh)} kWh "
        f"(theo giá kỳ {last.period_end:%m/%Y})")}


#: the consumption chart's window: 24 months
USAGE_DAYS = 730
USAGE_MONTHS = 24


def usage_months(a: Account, bills: Iterable[Any],
                 since: dt.date) -> tuple[UsageMonth, ...]:
    """The chart's months: central's compact history (``accounts.usage``, kWh only) priced
    with the tariff of each month, and each month the store holds a bill for taken from
    that bill; oldest first, at most 24."""
    by_month: dict[tuple[int, int], UsageMonth] = {}
    try:
        parsed = parse_usage(a.usage) if a.usage else []
    except ValueError:
        parsed = []  # checked when it came down; a damaged one is only not drawn
    for y, m, kwh in parsed:
        end = dt.date(y, m, min(a.reading_day, 28))
        if end > since:
            by_month[(y, m)] = UsageMonth(end, kwh, _priced(a, y, m, kwh))
    for end, kwh, total in bills:  # (period_end, kWh, total) rows
        by_month[(end.year, end.month)] = UsageMonth(end, kwh, total)
    months = sorted(by_month.values(), key=lambda u: u.period_end)
    return tuple(months[-USAGE_MONTHS:])


def _priced(a: Account, year: int, month: int, kwh: int) -> int | None:
    """A calendar month's kWh in đồng with VAT, as the bill calculator prices it; None when
    the tariff data has no table for that month and class."""
    start = dt.date(year, month, 1)
    end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    tou = a.tariff_class in TOU_CLASSES
    normal, offpeak = kwh * 56 // 100, kwh * 29 // 100
    try:
        return calculate(BillRequest(
            period_from=start, period_to=end, tariff_class=a.tariff_class, voltage=a.voltage,
            households=a.households if a.tariff_class == "residential" else None,
            kwh=None if tou else kwh,
            tou_kwh=(normal, offpeak, kwh - normal - offpeak) if tou else None,
            today=end)).total
    except ValidationError:
        return None


def price_changes_between(start: dt.date, end: dt.date) -> tuple[tuple[dt.date, str], ...]:
    """The price decisions that took effect in the window, for the chart's marks."""
    return tuple((d.effective_from, d.short_name) for d in decisions()
                 if start < d.effective_from <= end)


def _one_row(con: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> list[Any]:
    """A statement's rows, which it gives as one JSON array (see ``_TEXT_IDS_SQL``)."""
    (rows,) = con.execute(sql, params).fetchone()
    return json.loads(rows) if rows else []


def _hit(row: Sequence[Any], matched_by: str) -> AccountHit:
    id_, code, name, address, phone, meter, status, old_district, total, n = row
    # the list never shows a whole phone number: the one who typed it knows it
    return AccountHit(id=id_, code=code, name=name, address=address,
                      phone=mask_phone(phone) if phone else None, meter=meter,
                      status=status, old_district=old_district, unpaid_total=int(total),
                      unpaid_count=int(n), matched_by=matched_by)


def _bill_view(b: Bill, today: dt.date) -> BillView:
    return BillView(
        id=b.id, bill_no=b.bill_no, period_start=b.period_start, period_end=b.period_end,
        due_on=b.due_on, kwh=b.kwh, subtotal=b.subtotal, vat_rate=b.vat_rate, vat=b.vat,
        total=b.total, status=b.status, paid_at=b.paid_at,
        overdue=b.status == BillStatus.UNPAID and b.due_on < today,
        lines=tuple(BillLineView(x.label, x.kwh, x.unit_price, x.amount) for x in b.lines),
    )
