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
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

from db.text import fold_words

#: Prefixes up to this length are served by the FTS5 prefix index.
PREFIX_INDEXED = 3
#: A prefix that stands for more words than this is left to FTS5.
MAX_EXPANSION = 24


def _upper_bound(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def words_of(*texts: str) -> set[str]:
    """The words an indexed text contributes to the vocabulary."""
    out: set[str] = set()
    for t in texts:
        out.update(fold_words(t))
    return out


def match_expression(conn: Connection, terms: Sequence[str]) -> str | None:
    """An FTS5 MATCH expression where every term is a word prefix, any order.

    None when some term matches no indexed word at all (so nothing can match).
    ``terms`` must be folded words (``[0-9a-z]+``), as :func:`fold_words` gives.
    """
    parts = []
    for term in terms:
        if len(term) <= PREFIX_INDEXED:
            parts.append(f'"{term}"*')
            continue
        words = conn.execute(
            text("SELECT term FROM search_terms WHERE term >= :lo AND term < :hi LIMIT :n"),
            {"lo": term, "hi": _upper_bound(term), "n": MAX_EXPANSION + 1},
        ).scalars().all()
        if not words:
            return None
        if len(words) > MAX_EXPANSION:
            parts.append(f'"{term}"*')
        elif len(words) == 1:
            parts.append(f'"{words[0]}"')
        else:
            parts.append("(" + " OR ".join(f'"{w}"' for w in words) + ")")
    return " AND ".join(parts)
