"""The account search index: FTS5 over folded name and address, plus the
vocabulary of indexed words.

Why the vocabulary: an FTS5 prefix query (``"binh"*``) merges the doclists of
every matching word in memory before it can skip anything; on 2.6 million
accounts that costs tens of milliseconds per common word. Expanding a prefix
to the few exact words it stands for (``binh``; ``nguy`` → ``nguyen``,
``nguyet``) keeps every term a lazy, seekable doclist. Very short prefixes
(1–3 characters) have FTS5 prefix indexes of their own and stay prefix
queries. Words are never removed from the vocabulary: a stale word only
expands to a term that matches nothing.

Why the pair index (``account_fts_keys``): names and places are made of few,
common words ("nguyen" is in a third of all names, "tan" and "phu" in a
quarter of the addresses), so intersecting single words' doclists costs tens
of milliseconds whatever the order. Two words side by side in a name or an
address ("tan_binh", "hoang_van"), and a name's first with its last word
("nguyen_chan" for Nguyễn Văn Chân), are rare: a query's pairs give a few
hundred candidates in a millisecond. The table stores no text and no
positions (``content=''``, ``detail=none``); a row's tokens are removed with
FTS5's ``delete`` command from the folded texts ``account_fts`` keeps.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Sequence

from db.text import fold_words

#: Prefixes up to this length are served by the FTS5 prefix index.
PREFIX_INDEXED = 3
#: A prefix that stands for more words than this is left to FTS5.
MAX_EXPANSION = 24
#: the words as one JSON row: the sqlite3 module lets go of the interpreter at every row,
#: which a search waited to take back behind a busy thread (desktop/lookup.py)
_EXPAND_SQL = ("SELECT json_group_array(term) FROM "
               "(SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?)")


def _upper_bound(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


KEYS_DDL = ("CREATE VIRTUAL TABLE account_fts_keys USING fts5(keys, content='', "
            "detail=none, columnsize=0, tokenize=\"unicode61 tokenchars '_'\")")
_INSERT_FTS = "INSERT INTO account_fts (rowid, name, address) VALUES (?, ?, ?)"
_INSERT_KEYS = "INSERT INTO account_fts_keys (rowid, keys) VALUES (?, ?)"
_DELETE_KEYS = ("INSERT INTO account_fts_keys (account_fts_keys, rowid, keys) "
                "VALUES ('delete', ?, ?)")


def key_tokens(name: str, address: str) -> list[str]:
    """The pair tokens of one account's folded name and indexed address."""
    n, a = name.split(), address.split()
    keys = {f"{x}_{y}" for x, y in itertools.pairwise(n)}
    if len(n) > 2:
        keys.add(f"{n[0]}_{n[-1]}")
    keys.update(f"{x}_{y}" for x, y in itertools.pairwise(a))
    return sorted(keys)


def index_accounts(cur: sqlite3.Connection, rows: Sequence[tuple[int, str, str]]) -> None:
    """Add accounts (id, folded name, indexed address) to both indexes and both
    vocabularies; they must not be in the indexes (see :func:`unindex_accounts`)."""
    cur.executemany(_INSERT_FTS, rows)
    words: set[str] = set()
    pairs: set[str] = set()
    keyed = []
    for i, name, address in rows:
        keys = key_tokens(name, address)
        keyed.append((i, " ".join(keys)))
        pairs.update(keys)
        words |= words_of(name, address)
    cur.executemany(_INSERT_KEYS, keyed)
    cur.executemany("INSERT OR IGNORE INTO search_terms (term) VALUES (?)", [(w,) for w in words])
    cur.executemany("INSERT OR IGNORE INTO search_pairs (term) VALUES (?)", [(p,) for p in pairs])


def unindex_accounts(cur: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Take accounts out of both indexes (ids not indexed are skipped)."""
    old: list[tuple[int, str, str]] = []
    for start in range(0, len(ids), 900):  # under SQLite's oldest limit on parameters
        chunk = list(ids[start:start + 900])
        old += cur.execute("SELECT id, c0, c1 FROM account_fts_content WHERE id IN "  # noqa: S608
                           f"({','.join('?' * len(chunk))})", chunk).fetchall()
    # the pair index keeps no text: its tokens go as they were made, from the old texts
    cur.executemany(_DELETE_KEYS, [(i, " ".join(key_tokens(n, a))) for i, n, a in old])
    cur.executemany("DELETE FROM account_fts WHERE rowid = ?", [(i,) for i, _n, _a in old])


def query_pairs(conn: sqlite3.Connection, terms: Sequence[str]) -> tuple[list[str], set[int]]:
    """The pair tokens a query's terms make, taken left to right without overlap
    ("nguyen chan tan binh" → nguyen_chan, tan_binh), each one the pair index
    holds; and the positions of the terms they cover."""
    pairs: list[str] = []
    covered: set[int] = set()
    i = 0
    while i < len(terms) - 1:
        token = f"{terms[i]}_{terms[i + 1]}"
        if conn.execute("SELECT 1 FROM search_pairs WHERE term = ?", (token,)).fetchone():
            pairs.append(token)
            covered |= {i, i + 1}
            i += 2
        else:
            i += 1
    return pairs, covered


def words_of(*texts: str) -> set[str]:
    """The words an indexed text contributes to the vocabulary."""
    out: set[str] = set()
    for t in texts:
        out.update(fold_words(t))
    return out


def match_expression(conn: sqlite3.Connection, terms: Sequence[str]) -> str | None:
    """An FTS5 MATCH expression where every term is a word prefix, any order.

    None when some term matches no indexed word at all (so nothing can match).
    ``terms`` must be folded words (``[0-9a-z]+``), as :func:`fold_words` gives.
    """
    parts = []
    for term in terms:
        if len(term) <= PREFIX_INDEXED:
            parts.append(f'"{term}"*')
            continue
        (found,) = conn.execute(_EXPAND_SQL, (term, _upper_bound(term),
                                              MAX_EXPANSION + 1)).fetchone()
        words: list[str] = json.loads(found) if found else []
        if not words:
            return None
        if len(words) > MAX_EXPANSION:
            parts.append(f'"{term}"*')
        elif len(words) == 1:
            parts.append(f'"{words[0]}"')
        else:
            parts.append("(" + " OR ".join(f'"{w}"' for w in words) + ")")
    return " AND ".join(parts)
