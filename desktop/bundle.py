"""Unsent operations out of a store that can no longer sync: a signed bundle for central.

``quaythu export-unsent`` reads what waits to be sent from every source that can
still be read — the outbox row by row as bytes (a damaged page costs only the
rows on it; a row whose seal fails is left out, desktop.rowseal), then the
operation log (``ops.log``), which holds a copy of each
— and writes them, with the device's identity, into a JSON bundle signed with
the device token's SHA-256 (what central stores of it). ``quaythu-central
import-bundle`` checks the signature and applies the operations through the
push path: each key at most once, so a bundle imported twice, or one whose
operations had partly arrived, changes nothing more.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from desktop.contract import bundle_mac, token_hash
from desktop.errors import ValidationError
from desktop.oplog import LOG_FILE, OpLog
from desktop.rowseal import RowSeal

logger = logging.getLogger(__name__)

FORMAT = "quaythu-unsent/1"


def _rows(store: Path, seal: RowSeal
          ) -> tuple[list[dict[str, Any]], dict[str, Any] | None, int, int]:
    """(readable pending outbox rows whose seal holds, the device row, rows that could not
    be read, rows whose seal fails — written straight into the store, or from before the
    seal: left out, the signed log gives the genuine ones)."""
    found: list[dict[str, Any]] = []
    device: dict[str, Any] | None = None
    lost = unsealed = 0
    try:
        con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    except sqlite3.Error:
        return found, device, lost, unsealed
    try:
        try:
            row = con.execute("SELECT device_id, unit_code, device_code FROM device "
                              "WHERE id = 1").fetchone()
            if row:
                device = {"device_id": row[0], "unit_code": row[1], "device_code": row[2]}
        except sqlite3.Error:
            logger.warning("the device row of %s cannot be read", store)
        try:
            seqs = [r[0] for r in con.execute(
                "SELECT seq FROM outbox WHERE state IN ('pending', 'quarantine') ORDER BY seq")]
        except sqlite3.Error:
            return found, device, lost, unsealed
        try:
            con.execute("SELECT mac FROM outbox LIMIT 0")
            one = ("SELECT CAST(key AS BLOB), CAST(kind AS BLOB), CAST(data AS BLOB), "
                   "created_at, CAST(mac AS BLOB) FROM outbox WHERE seq = ?")
        except sqlite3.Error:  # a store from before migration 0026: nothing is sealed
            one = ("SELECT CAST(key AS BLOB), CAST(kind AS BLOB), CAST(data AS BLOB), "
                   "created_at, NULL FROM outbox WHERE seq = ?")
        for seq in seqs:  # one at a time: a damaged page costs only its own rows
            try:
                key, kind, data, created, mac = con.execute(one, (seq,)).fetchone()
                body = bytes(data).decode()
                if not seal.outbox_ok(bytes(key).decode(), bytes(kind).decode(), body,
                                      None if mac is None else bytes(mac).decode("ascii")):
                    unsealed += 1
                    continue
                found.append({"key": bytes(key).decode(), "kind": bytes(kind).decode(),
                              "data": json.loads(body), "created_at": str(created)})
            except (sqlite3.Error, ValueError, UnicodeDecodeError, TypeError):
                lost += 1
    finally:
        con.close()
    return found, device, lost, unsealed


def export_unsent(store: Path, token: str, out: Path) -> dict[str, Any]:
    """Write the bundle; what went into it (counts, the device)."""
    log = OpLog(store.with_name(LOG_FILE))
    rows, device, unreadable_rows, unsealed_rows = _rows(store, log.seal)
    pending, unreadable_log = log.pending()
    ops: dict[str, dict[str, Any]] = {}
    for row in rows:
        ops[row["key"]] = {"key": row["key"], "kind": row["kind"], "data": row["data"]}
    for op in pending:  # the log's copy of what the store could not give
        data = json.loads(op["data"]) if isinstance(op["data"], str) else op["data"]
        ops.setdefault(op["key"], {"key": op["key"], "kind": op["kind"], "data": data})
    if device is None:
        raise ValidationError("Không đọc được danh tính thiết bị trong kho; không tạo được gói.")
    body = {"format": FORMAT, "device": device,
            "created_at": dt.datetime.now(dt.UTC).isoformat(), "ops": list(ops.values())}
    bundle = {**body, "mac": bundle_mac(token_hash(token), body)}
    out.write_text(json.dumps(bundle, ensure_ascii=False, indent=1), encoding="utf-8")
    out.chmod(0o600)
    return {"bundle": str(out), "operations": len(ops), "from_store": len(rows),
            "from_log_only": len(ops) - len(rows), "unreadable_rows": unreadable_rows,
            "unsealed_rows_left_out": unsealed_rows,
            "unreadable_log_lines": unreadable_log, **device}
