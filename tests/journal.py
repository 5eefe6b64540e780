"""Hand-made pushes as a counter makes them: each payment with the journal line that
records it, continuing the device's chain at central (central applies a payment only
where the device's accepted journal records it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import httpx

from desktop.contract import audit_data, chain_hash


def payment_entry(seq: int, key: str, data: dict[str, Any]) -> dict[str, Any]:
    """The journal line a counter writes with a payment (desktop.money.payments)."""
    bills = data.get("bills") or []
    detail: dict[str, Any] = {
        "key": key, "account": data.get("account_code"), "method": data.get("method"),
        "amount": data.get("amount"),
        "bills": [b.get("bill_no") for b in bills if isinstance(b, dict)]}
    if data.get("change_credit"):
        detail["change_credit"] = data["change_credit"]
    if data.get("fees"):
        detail["fees"] = data["fees"]
    return {"seq": seq, "at": str(data.get("paid_at", "")), "device": "", "staff": "thungan",
            "action": "payment", "subject": str(data.get("receipt_no", "")), "detail": detail}


def with_journal(seq: int, prev: str, ops: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``ops`` with a journal line after each payment, the chain going on from
    (``seq``, ``prev``) — central's head for the device."""
    out: list[dict[str, Any]] = []
    for op in ops:
        out.append(op)
        if op.get("kind") != "payment" or not isinstance(op.get("data"), dict):
            continue
        seq += 1
        entry = payment_entry(seq, str(op["key"]), op["data"])
        digest = chain_hash(prev, entry)
        out.append({"key": str(uuid.uuid4()), "kind": "audit",
                    "data": audit_data(seq=seq, prev_hash=prev, digest=digest, entry=entry)})
        prev = digest
    return out


def head(base: str, headers: dict[str, str]) -> tuple[int, str]:
    r = httpx.get(f"{base}/v1/audit/head", headers=headers)
    assert r.status_code == 200, r.text
    return int(r.json()["seq"]), str(r.json()["hash"])


def journaled_push(base: str, headers: dict[str, str], *ops: dict[str, Any],
                   timeout: float = 30.0) -> list[dict[str, Any]]:
    """Push ``ops`` with their journal lines; the answers to ``ops`` only (the lines
    must be accepted)."""
    sent = with_journal(*head(base, headers), ops)
    r = httpx.post(f"{base}/v1/sync/push", json={"ops": sent}, headers=headers,
                   timeout=timeout)
    assert r.status_code == 200, r.text
    ours = {str(op["key"]) for op in ops}
    results = r.json()["results"]
    lines = [a for a in results if a["key"] not in ours]
    assert all(a["status"] == "applied" for a in lines), lines
    return [a for a in results if a["key"] in ours]
