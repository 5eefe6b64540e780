"""A stolen data folder yields no ID number (CCCD) and no bank account number.

Requests carrying both are taken on a real counter; then every file under its data
folder (the store, its WAL, the operation log, drafts, backups: everything) is read raw
and neither number is found, in any of the usual encodings. The key that seals them
is not in the folder. After a sync with the real central over loopback, central holds
them whole and the counter only their masks.
"""

from __future__ import annotations

import base64
import json
import os
import zipfile
from pathlib import Path

from sqlalchemy import select

from central.models import ServiceRequest as CentralRequest
from central.service import Central
from db.models import Account, OutboxOp, ServiceRequest
from desktop.app import App
from desktop.personal import KEY_DIR_ENV, SEALED_FIELD
from desktop.request_list import RequestFilter
from desktop.service_requests import RequestForm
from desktop.support import export_support_bundle, log_dir
from tests.staff import sign_in

CCCD = "079190001234"
BANK_ACCOUNT = "101234567890"
SECRETS = (CCCD, BANK_ACCOUNT)
#: a scanned card attached to the request: none of its bytes may show either
SCAN = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"SCAN-OF-CCCD-079190001234 " * 80


def _encodings(number: str) -> list[bytes]:
    """The number as a file could hold it: text in UTF-8 / UTF-16, spaced in fours,
    base64 (as JSON inside a blob would carry it)."""
    spaced = " ".join(number[i:i + 4] for i in range(0, len(number), 4))
    found = [number.encode(), number.encode("utf-16-le"), spaced.encode(),
             base64.b64encode(number.encode())[:12]]
    return found


def _leaks(folder: Path) -> list[str]:
    """Every file under ``folder`` in which a secret shows, read raw."""
    leaks: list[str] = []
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files, "the data folder is empty?"
    for path in files:
        raw = path.read_bytes()
        for secret in SECRETS:
            if any(e in raw for e in _encodings(secret)):
                leaks.append(f"{path.relative_to(folder)}: {secret[:3]}…")
        if b"SCAN-OF-CCCD" in raw or SCAN[16:64] in raw:
            leaks.append(f"{path.relative_to(folder)}: the document")
    return leaks


def _take(app: App, scan: Path) -> tuple[str, str]:
    cashier = sign_in(app)
    scan.write_bytes(SCAN)
    document = app.documents.add(scan).sha256
    with app.sessions() as s:
        a = s.scalars(select(Account).where(Account.status == "active")
                      .order_by(Account.id).limit(1)).one()
    with_id = app.requests.submit(cashier, RequestForm(
        "meter_inspection", a.name, a.address, "0909 123 456", account_id=a.id,
        id_number=CCCD, details={"reason": "Công tơ chạy nhanh"}, papers=("application",),
        documents=(document,)))
    debit = app.requests.submit(cashier, RequestForm(
        "auto_debit", a.name, a.address, "0909 123 456", account_id=a.id, id_number=CCCD,
        details={"bank": "CTG", "holder": a.name, "account_no": BANK_ACCOUNT, "consent": True},
        papers=("debit_authorisation",)))
    return with_id.ref, debit.ref


def test_a_stolen_data_folder_holds_no_id_or_bank_account_number(
        synced_counter: App, central: Central, tmp_path: Path) -> None:
    app = synced_counter
    refs = _take(app, tmp_path / "scan.png")
    assert len(app.documents.held()) == 1

    # before the sync: the outbox carries them, sealed
    with app.sessions() as s:
        ops = [json.loads(o.data) for o in s.scalars(
            select(OutboxOp).where(OutboxOp.kind == "service_request"))]
        kept = s.scalars(select(ServiceRequest).where(ServiceRequest.ref.in_(refs))).all()
    assert len(ops) == 2 and all(SEALED_FIELD in op for op in ops)
    assert {r.id_number for r in kept} == {"079******234"}
    assert _leaks(app.data_dir) == []

    # the key is not in the data folder: it is in the key folder (no keyring here)
    key_dir = Path(os.environ[KEY_DIR_ENV])
    assert list(key_dir.glob("*.key"))
    assert not key_dir.resolve().is_relative_to(app.data_dir.resolve())

    # nor in search, the logs or the support bundle
    actor = sign_in(app)
    for secret in SECRETS:
        assert app.request_list.search(actor, RequestFilter(lookup=secret)) == []
        assert app.request_list.search(actor, RequestFilter(customer=secret)) == []
    bundle = export_support_bundle(app.data_dir.parent / "support.zip")
    with zipfile.ZipFile(bundle) as z:
        for name in z.namelist():
            raw = z.read(name)
            assert not any(e in raw for s in SECRETS for e in _encodings(s)), name
    for path in log_dir().glob("*"):
        if path.is_file():
            assert not any(s.encode() in path.read_bytes() for s in SECRETS), path

    # the sync: central holds them whole
    app.link.sync_once()
    with central.sessions() as s:
        rows = {r.ref: json.loads(r.data) for r in s.scalars(
            select(CentralRequest).where(CentralRequest.ref.in_(refs)))}
    assert rows[refs[0]]["id_number"] == CCCD
    assert rows[refs[1]]["details"]["account_no"] == BANK_ACCOUNT
    assert SEALED_FIELD not in rows[refs[0]]
    # the consent went with them, saying what it covers
    assert rows[refs[0]]["details"]["personal_data_consent"] == "số CCCD"
    assert rows[refs[1]]["details"]["personal_data_consent"] == (
        "số CCCD, số tài khoản ngân hàng")

    # and the counter only the masks: the sealed copies went with the answered rows
    with app.sessions() as s:
        left = s.scalars(select(OutboxOp).where(OutboxOp.kind == "service_request")).all()
        kept = s.scalars(select(ServiceRequest).where(ServiceRequest.ref.in_(refs))
                         .order_by(ServiceRequest.ref)).all()
    assert left == []
    assert app.documents.held() == []  # central holds the scan: the counter none of it
    assert central.document_bytes(rows[refs[0]]["documents"][0]["sha256"]) == SCAN
    assert kept[0].id_number == "079******234"
    assert json.loads(kept[1].details or "{}")["account_no"].endswith("7890")
    assert BANK_ACCOUNT not in (kept[1].details or "")
    assert _leaks(app.data_dir) == []
    slip = app.requests.slip_document(actor, refs[0])
    assert any("079******234" in row.left for row in slip.rows)
