"""The key that signs the receipts' QR is not in the data folder (issue 28, build: "the
receipt key, readable today from the store, moves there too"): it is kept beside the
token and the log's key, and a store enrolled before keeps it no more after a start;
receipts made before and after still verify at central."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from central.service import Central
from desktop import vault
from desktop.app import App, build_app
from desktop.link.token_store import load_token
from desktop.printing.receipts.model import receipt_for
from desktop.sim import accounts_with_unpaid_bills
from tests.staff import on_shift


def store_bytes(store: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (store, store.with_name(store.name + "-wal"))
                    if p.exists())


def qr_of(app: App, key: str) -> str:
    with app.sessions() as s:
        return receipt_for(s, key, load_token(app.data_dir) or "").verification


def test_the_receipt_key_leaves_an_old_store_at_start_and_receipts_still_verify(
        synced_counter: App, central: Central) -> None:
    app = synced_counter
    store, data_dir = app.store_path, app.data_dir
    key = vault.receipt_key(data_dir)
    assert key and key.encode() not in store_bytes(store)  # a new enrolment: never there
    cashier = on_shift(app)
    accounts = accounts_with_unpaid_bills(app)
    before = app.payments.take_cash(cashier, accounts[0])
    qr_before = qr_of(app, before.key)
    assert qr_before.startswith("QT2|")
    app.close()
    # a store as a counter enrolled before this change left it: the key in its device row,
    # none kept beside the token
    con = sqlite3.connect(store)
    con.execute("UPDATE device SET receipt_key = ?", (key,))
    con.commit()
    con.close()
    (vault.key_root() / vault._slot(data_dir) / vault.RECEIPT_KEY_FILE).unlink()
    vault._receipt_keys.clear()  # as a new process starts
    assert key.encode() in store_bytes(store)
    again = build_app(store, create=False)
    try:
        assert key.encode() not in store_bytes(store)
        assert vault.receipt_key(data_dir) == key
        after = again.payments.take_cash(on_shift(again), accounts[1])
        qr_after = qr_of(again, after.key)
        assert qr_after.startswith("QT2|") and qr_of(again, before.key) == qr_before
        again.link.sync_once()
        for qr, taken in ((qr_before, before), (qr_after, after)):
            answer = central.verify_receipt(qr)
            assert answer["valid"] and answer["payment"]["amount"] == taken.amount
    finally:
        again.close()
    # and the next start changes nothing
    vault._receipt_keys.clear()
    third = build_app(store, create=False)
    try:
        assert vault.receipt_key(data_dir) == key and key.encode() not in store_bytes(store)
    finally:
        third.close()
