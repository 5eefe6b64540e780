"""Malformed, truncated, oversized or wrongly typed answers from "central":
the client raises a typed error, keeps its data, and applies nothing."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from db.models import DeviceState
from desktop.app import App, build_app
from desktop.errors import QuayThuError
from desktop.link.sync.client import CentralClient, CentralProtocolError
from desktop.link.sync.engine import SyncEngine
from tests.staff import add_staff, on_shift

ACCOUNT = {"id": 1, "code": "PE14000000001", "unit_code": "PE1400", "name": "Lê Văn Tám",
           "address": "1 Cộng Hòa, phường Tân Sơn Nhất, TP. Hồ Chí Minh", "ward_code": "W1",
           "ward": "phường Tân Sơn Nhất", "old_ward": "Phường 4", "old_district": "Quận Tân Bình",
           "phone": "0909123456", "meter_serial": "12345678", "tariff_class": "residential",
           "voltage": "lv", "price_code": "SHBT-LV", "households": 1, "status": "active",
           "route_code": "PE1400-001", "reading_day": 5, "credit": 0,
           "updated_at": "2026-11-27T00:00:00+00:00"}


def page(*changes: dict, cursor: int | None = None, more: bool = False) -> dict:
    last = changes[-1]["seq"] if changes else 0
    return {"changes": list(changes), "cursor": last if cursor is None else cursor, "more": more}


def change(seq: int, data: dict | None = None, entity: str = "account") -> dict:
    return {"seq": seq, "entity": entity, "op": "upsert", "data": data or ACCOUNT}


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    a = build_app(tmp_path / "quaythu.db")
    with a.sessions() as s, s.begin():
        s.add(DeviceState(id=1, central_url="http://central.invalid", device_id=1,
                          unit_code="PE1400", device_code="PE1400D001",
                          enrolled_at=dt.datetime.now(dt.UTC), receipt_seq=0))
    add_staff(a, "thungan", "cashier")
    yield a
    a.close()


def engine_answering(app: App, answer: Callable[[httpx.Request], httpx.Response],
                     head: Callable[[httpx.Request], httpx.Response] | None = None
                     ) -> SyncEngine:
    """``answer`` answers the pulls; ``head`` the first sync's ``/v1/sync/head`` (by
    default a 404, as from a central without it: every change is taken)."""
    def route(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sync/head":
            return (head or (lambda _r: httpx.Response(404, json={"type": "not-found"})))(
                request)
        return answer(request)

    client = CentralClient("http://central.invalid", "qtd_test",
                           transport=httpx.MockTransport(route))
    return SyncEngine(app.sessions, client)


def accounts(app: App) -> int:
    con = sqlite3.connect(app.store_path)
    try:
        return int(con.execute("SELECT count(*) FROM accounts").fetchone()[0])
    finally:
        con.close()


BAD_BODIES = {
    "html": (200, b"<html>proxy error</html>", "text/html"),
    "truncated": (200, json.dumps(page(change(1)))[:-7].encode(), "application/json"),
    "not-an-object": (200, b"[1, 2, 3]", "application/json"),
    "cursor-as-string": (200, json.dumps({"changes": [], "cursor": "5", "more": False}).encode(),
                         "application/json"),
    "seq-goes-back": (200, json.dumps(page(change(5), change(3), cursor=3)).encode(),
                      "application/json"),
    "cursor-not-last": (200, json.dumps(page(change(1), cursor=99)).encode(), "application/json"),
    "more-than-asked": (200, json.dumps(page(*[change(i) for i in range(1, 2100)])).encode(),
                        "application/json"),
    "wrong-types-in-data": (200, json.dumps(page(change(1, {**ACCOUNT, "households": "one"})))
                            .encode(), "application/json"),
    "missing-field": (200, json.dumps(page(change(1, {"id": 1}))).encode(), "application/json"),
    "server-error": (500, b"oops", "text/plain"),
    "empty": (200, b"", "application/json"),
}


@pytest.mark.parametrize("name", sorted(BAD_BODIES))
def test_a_bad_pull_answer_changes_nothing(app: App, name: str) -> None:
    status, body, ctype = BAD_BODIES[name]
    engine = engine_answering(app, lambda r: httpx.Response(status, content=body,
                                                            headers={"content-type": ctype}))
    with pytest.raises(QuayThuError):
        engine.sync_once()
    assert accounts(app) == 0
    assert engine.cursor() == 0
    assert engine.online is False


@pytest.mark.parametrize("name", ["html", "cursor-as-string", "server-error", "empty"])
def test_a_bad_head_answer_changes_nothing(app: App, name: str) -> None:
    status, body, ctype = BAD_BODIES[name]
    engine = engine_answering(
        app, lambda r: httpx.Response(200, json=page(change(1))),
        head=lambda r: httpx.Response(status, content=body, headers={"content-type": ctype}))
    with pytest.raises(QuayThuError):
        engine.sync_once()
    assert accounts(app) == 0 and engine.cursor() == 0


def test_a_first_sync_may_skip_settled_bills_but_not_past_its_snapshot(app: App) -> None:
    """With ``open_bills_until`` the cursor may be a change left out (≤ the snapshot's
    end), never one beyond it; without it, never anything but the last change."""
    asked: list[str | None] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.params.get("open_bills_until"))
        return httpx.Response(200, json=page(change(seq[0]), cursor=cursor[0]))

    seq, cursor = [1], [50]
    engine = engine_answering(app, answer, head=lambda r: httpx.Response(200, json={"seq": 40}))
    with pytest.raises(CentralProtocolError):
        engine.sync_once()  # 50 is past the snapshot's end (40)
    assert accounts(app) == 0 and asked == ["40"]
    cursor[0] = 40
    engine.sync_once()
    assert accounts(app) == 1 and engine.cursor() == 40
    seq[0], cursor[0] = 41, 60  # not a first sync any more: the last change is the cursor
    with pytest.raises(CentralProtocolError):
        engine.sync_once()
    assert asked[-1] is None and engine.cursor() == 40
    cursor[0] = 41
    engine.sync_once()
    assert engine.cursor() == 41


def test_a_good_page_after_bad_ones_applies(app: App) -> None:
    engine = engine_answering(app, lambda r: httpx.Response(200, json=page(change(1))))
    engine.sync_once()
    assert accounts(app) == 1 and engine.cursor() == 1
    assert app.lookup.search("le van tam tan binh").hits[0].code == "PE14000000001"


def test_a_bad_change_mid_page_rolls_back_the_whole_page(app: App) -> None:
    good = change(1)
    bad = change(2, {**ACCOUNT, "id": 2, "code": "PE14000000002", "reading_day": None})
    engine = engine_answering(app, lambda r: httpx.Response(200, json=page(good, bad)))
    with pytest.raises(CentralProtocolError):
        engine.sync_once()
    assert accounts(app) == 0 and engine.cursor() == 0


@pytest.mark.parametrize(
    "results",
    [[], [{"key": "other", "status": "applied"}], [{"status": "applied"}],
     [{"key": "K", "status": "maybe"}], "nope"],
)
def test_a_bad_push_answer_keeps_the_outbox(app: App, results: object) -> None:
    import uuid

    from db.models import Account, Bill

    with app.sessions() as s, s.begin():
        fields = {k: v for k, v in ACCOUNT.items() if k not in ("credit", "updated_at")}
        s.add(Account(**fields, updated_at=dt.datetime.now(dt.UTC)))
        s.add(Bill(id=1, account_id=1, bill_no="HD1", period_start=dt.date(2026, 10, 1),
                   period_end=dt.date(2026, 10, 31), issued_on=dt.date(2026, 11, 2),
                   due_on=dt.date(2026, 11, 12), old_reading=1, new_reading=101, multiplier=1,
                   kwh=100, subtotal=201_700, vat_rate=8, vat=16_136, total=217_836,
                   status="unpaid", paid_at=None))
    taken = app.payments.take_cash(on_shift(app), 1, key=str(uuid.uuid4()))

    def answer(request: httpx.Request) -> httpx.Response:
        body = results if not isinstance(results, list) else {
            "results": [{**r, "key": taken.key} if r.get("key") == "K" else r for r in results]}
        return httpx.Response(200, json=body)

    engine = engine_answering(app, answer)
    with pytest.raises(CentralProtocolError):
        engine.sync_once()
    assert app.sync.status().pending == 1
