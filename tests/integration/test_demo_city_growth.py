"""The demo city made in parts (the counter's unit first, the rest behind the sign-in) is
the city made whole: the same rows, each once, whatever the order the parts came in."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from central.database import make_engine, make_sessions, migrate
from central.seed import grow_chunk, seed
from db.demo import chunk_count, unit_chunks

AS_OF = dt.date(2026, 11, 20)
ACCOUNTS, SIZE = 300, 100


def _central(path: Path) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine(str(path))
    migrate(engine)
    return engine, make_sessions(engine)


def _rows(path: Path) -> dict[str, set[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        return {
            "accounts": set(con.execute("SELECT id, code, name, unit_code FROM accounts")),
            "bills": set(con.execute("SELECT id, account_id, total, status FROM bills")),
            "changes": set(con.execute("SELECT unit_code, entity, entity_id, data FROM changes"
                                       " WHERE entity != 'staff'")),
            "units": set(con.execute("SELECT code FROM units")),
        }
    finally:
        con.close()


def test_a_city_grown_in_parts_is_the_city_made_whole(tmp_path: Path) -> None:
    whole_engine, whole = _central(tmp_path / "whole.db")
    seed(whole, accounts=ACCOUNTS, seed=7, as_of=AS_OF, chunk_size=SIZE)
    first = unit_chunks(ACCOUNTS, "PE1400", SIZE)
    assert first and len(first) < chunk_count(ACCOUNTS, SIZE)
    parts_engine, parts = _central(tmp_path / "parts.db")
    seed(parts, accounts=ACCOUNTS, seed=7, as_of=AS_OF,
         chunk_size=SIZE, chunks=first, first_unit="PE1400")
    made_first = _rows(tmp_path / "parts.db")
    # the counter's whole unit, and only it, is there before the rest of the city
    assert made_first["accounts"] == {
        a for a in _rows(tmp_path / "whole.db")["accounts"] if a[3] == "PE1400"}
    assert made_first["units"] == _rows(tmp_path / "whole.db")["units"]
    # the rest (the neighbours in the unit's parts too), last part first; then again, as
    # a start after a stop would
    added = [grow_chunk(parts, accounts=ACCOUNTS, seed=7, as_of=AS_OF,
                        chunk_no=c, chunk_size=SIZE)
             for c in reversed(range(chunk_count(ACCOUNTS, SIZE)))]
    again = [grow_chunk(parts, accounts=ACCOUNTS, seed=7, as_of=AS_OF,
                        chunk_no=c, chunk_size=SIZE) for c in range(chunk_count(ACCOUNTS, SIZE))]
    whole_engine.dispose()
    parts_engine.dispose()
    assert sum(added) == ACCOUNTS - len(made_first["accounts"]) and set(again) == {0}
    assert _rows(tmp_path / "parts.db") == _rows(tmp_path / "whole.db")
    con = sqlite3.connect(tmp_path / "parts.db")
    dupes = con.execute("SELECT count(*) FROM (SELECT entity, entity_id FROM changes "
                        "GROUP BY entity, entity_id HAVING count(*) > 1)").fetchone()[0]
    con.close()
    assert dupes == 0
