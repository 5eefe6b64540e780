"""A store from before personal data was sealed: its requests' CCCD is masked by the
migration, and the old number is not left in the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.engine import open_store


def test_an_older_store_keeps_only_the_mask_of_a_cccd(tmp_path: Path) -> None:
    path = tmp_path / "quaythu.db"
    # a store made by the code of 0022 (a store at head with its version rewound would
    # meet the later migrations' columns already there)
    from alembic import command

    from db.engine import make_engine
    from db.migrate import APPLICATION_ID, _config

    engine = make_engine(path)
    cfg = _config(None)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0022")
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    engine.dispose()
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO service_requests (key, ref, kind, customer_name, address, "
                    "phone, id_number, note, created_at, status) VALUES ('k1', 'PE1-YC000001', "
                    "'meter_inspection', 'An', '1 Lê Lợi', '0909123456', '079190001234', '', "
                    "'2026-12-01 00:00:00', 'received')")
    open_store(path).dispose()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT id_number FROM service_requests").fetchall() == [
            ("079******234",)]
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for file in tmp_path.iterdir():
        if file.name.startswith("quaythu.db") and "before" not in file.name:
            assert b"079190001234" not in file.read_bytes(), file.name
