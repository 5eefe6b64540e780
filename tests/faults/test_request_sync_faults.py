"""1 000 service requests of every kind taken offline, then synced through a link that
refuses, resets, delays and cuts connections: each reaches central exactly once with its
details, papers, documents and deadline, and its progress comes back once into the history.
The documents are a few scans reused across the requests: central stores each once (by
hash), and the counter keeps none once central has confirmed the requests naming them."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from sqlalchemy import func, select

from central.models import AppliedOp, Document
from central.models import ServiceRequest as CentralRequest
from central.service import Central
from db.models import Account, ServiceRequest, ServiceRequestHistory
from desktop.app import App, build_app
from desktop.documents import dropper, uploader
from desktop.errors import QuayThuError
from desktop.link.device import load_token
from desktop.link.sync.client import CentralClient
from desktop.link.sync.engine import SyncEngine
from desktop.personal import opener
from desktop.service_requests import RequestForm
from tests.fault_proxy import FaultyProxy
from tests.staff import sign_in

#: requests taken offline in CI (more by hand: QUAYTHU_PROXY_REQUESTS=10000)
REQUESTS = int(os.environ.get("QUAYTHU_PROXY_REQUESTS", "1000"))
FORMS: list[tuple[str, dict[str, str | bool], tuple[str, ...]]] = [
    ("meter_inspection", {"reason": "Công tơ chạy nhanh"}, ("application",)),
    ("extension", {"new_end": "31/12/2030"}, ("application",)),
    ("usage_alert", {"channel": "SMS", "contact": "0909123456", "threshold": "300",
                     "threshold_unit": "kWh"}, ()),
    ("auto_debit", {"bank": "CTG", "holder": "Nguyễn Văn An", "account_no": "101234567890",
                    "consent": True}, ("debit_authorisation",)),
]


def scanned(folder: Path, n: int = 5) -> list[Path]:
    """A few distinct small scans (PDF and PNG), as a counter's scanner saves them."""
    out = []
    for i in range(n):
        path = folder / f"scan-{i}.{'pdf' if i % 2 else 'png'}"
        head = b"%PDF-1.7\n" if i % 2 else b"\x89PNG\r\n\x1a\n"
        path.write_bytes(head + f"GIAY-TO-{i} ".encode() * 200)
        out.append(path)
    return out


def converge(engine: SyncEngine, app: App, attempts: int = 2000) -> int:
    failures = 0
    deadline = time.monotonic() + 600
    for _ in range(attempts):  # bounded; the time bound only stops a hang
        assert time.monotonic() < deadline, "did not converge in time"
        try:
            engine.sync_once()
        except QuayThuError:
            failures += 1
            continue
        if app.sync.pending() == 0:
            return failures
    raise AssertionError("did not converge")


def test_requests_taken_offline_sync_exactly_once_through_a_faulty_link(
        tmp_path: Path, central: Central, url: str) -> None:
    proxy = FaultyProxy(int(url.rsplit(":", 1)[1]), seed=5)
    app = build_app(tmp_path / "counter" / "quaythu.db")
    try:
        app.link.enrol(url, central.issue_enrolment_code("PE1400"), "Quầy qua proxy")
        # the engine the app's link builds, on the faulty link: documents go up first
        engine = SyncEngine(app.sessions, CentralClient(proxy.url, load_token(app.data_dir)),
                            open_sealed=opener(app.sealer),
                            before_push=uploader(app.documents),
                            pushed=dropper(app.documents, app.sessions))
        failures = converge(engine, app)
        cashier = sign_in(app)
        with app.sessions() as s:
            accounts = s.scalars(select(Account).where(Account.status == "active")
                                 .order_by(Account.id).limit(200)).all()
        scans = [app.documents.add(path).sha256 for path in scanned(tmp_path)]
        assert len(set(scans)) == len(scans) == len(app.documents.held())
        sent_with: dict[str, list[str]] = {}
        for i in range(REQUESTS):  # offline: nothing is synced while they are taken
            a = accounts[i % len(accounts)]
            kind, details, papers = FORMS[i % len(FORMS)]
            # one scan each, two for every third request: each scan named by hundreds
            docs = tuple(dict.fromkeys([scans[i % len(scans)]]
                                       + ([scans[(i + 1) % len(scans)]] if i % 3 == 0
                                          else [])))
            taken = app.requests.submit(cashier, RequestForm(
                kind, a.name, a.address, "0909 123 456", account_id=a.id, details=details,
                id_number="079190001234", papers=papers, documents=docs))
            sent_with[taken.ref] = sorted(docs)
        failures += converge(engine, app)
        with app.sessions() as s:
            mine = dict(s.execute(select(ServiceRequest.ref, ServiceRequest.due_on)).all())
        with central.sessions() as s:
            rows = s.scalars(select(CentralRequest)).all()
            applied = s.scalar(select(func.count()).select_from(AppliedOp)
                               .where(AppliedOp.kind == "service_request"))
            stored = s.scalars(select(Document.sha256)).all()
        root = central.document_root()
        assert len(mine) == REQUESTS and applied == REQUESTS
        assert sorted(r.ref for r in rows) == sorted(mine)  # each once, none lost
        for r in rows:
            data = json.loads(r.data)
            assert data["due_on"] == mine[r.ref].isoformat()  # type: ignore[union-attr]
            assert data["details"]
            assert sorted(d["sha256"] for d in data["documents"]) == sent_with[r.ref]
        # each scan stored once, whole, however often it was named and its PUT retried
        assert sorted(stored) == sorted(scans)
        assert sorted(p.name for p in root.iterdir()) == sorted(scans)
        assert all(hashlib.sha256(central.document_bytes(h)).hexdigest() == h for h in scans)
        # central confirmed every request naming them: the counter keeps none
        assert app.documents.held() == []
        debit = next(json.loads(r.data) for r in rows if r.kind == "auto_debit")
        assert debit["details"]["account_no"] == "101234567890"  # central has it whole
        # the counter keeps its history once per step however often the page came down
        failures += converge(engine, app)
        with app.sessions() as s:
            steps = s.execute(select(ServiceRequestHistory.request_key,
                                     ServiceRequestHistory.status, func.count())
                              .group_by(ServiceRequestHistory.request_key,
                                        ServiceRequestHistory.status)).all()
            kept = s.scalars(select(ServiceRequest.details)
                             .where(ServiceRequest.kind == "auto_debit")).all()
        assert {n for *_k, n in steps} == {1}
        assert {status for _k, status, _n in steps} == {"submitted", "received"}
        assert all("101234567890" not in (k or "") for k in kept)
        faults = dict(proxy.faults)
    finally:
        proxy.stop()
        app.close()
    assert failures > 0 and sum(v for k, v in faults.items() if k != "pass") > 0, faults
