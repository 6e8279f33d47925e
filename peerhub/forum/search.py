"""Forum search: one interface, one implementation per database.

The query a person types is never handed to a search syntax. It is cut into
words (letters and digits only), at most ``MAX_TERMS`` of them, and each word
becomes a quoted prefix term; all must match. So ``"<script>"`` searches the
word "script", and no input can inject FTS5 or tsquery operators.

- SQLite: the FTS5 table ``forum_search_fts`` (migration 0003), ranked by
  ``bm25`` with titles weighted above bodies.
- PostgreSQL: ``ts_rank`` over the stored generated column
  ``forum_posts.forum_search_tsv`` (title weight A, body weight B), matched
  through its GIN index ``forum_search_posts_tsv``.

Only live posts in live threads are found; the caller adds access rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Float, Integer, String, Text, TextualSelect, text
from sqlalchemy.engine import Result
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.db import UTCDateTime

# Enough words for any real question; bounds the cost of one query.
MAX_TERMS = 8
# Longer "words" are noise (base64, URLs); they would never match anyway.
MAX_TERM_CHARS = 40
# Words shorter than this match too much as prefixes ("a*").
MIN_TERM_CHARS = 2
_WORD = re.compile(r"[^\W_]+")

# Created by migration 0003 on PostgreSQL only, outside the ORM model.
PG_DOCUMENT = "p.forum_search_tsv"


@dataclass(frozen=True, slots=True)
class SearchRow:
    post_id: int
    thread_id: int
    category_id: int
    thread_title: str
    body_source: str
    created_at: datetime
    rank: float


def search_terms(query: str) -> list[str]:
    """The words searched for, lower-cased, de-duplicated, in order."""
    seen: list[str] = []
    for word in _WORD.findall(query.casefold()):
        if MIN_TERM_CHARS <= len(word) <= MAX_TERM_CHARS and word not in seen:
            seen.append(word)
        if len(seen) == MAX_TERMS:
            break
    return seen


class SearchStore(Protocol):
    async def search(
        self, session: AsyncSession, terms: list[str], category_id: int | None, limit: int
    ) -> list[SearchRow]:
        """Best matches first; ``terms`` come from :func:`search_terms`."""
        ...


def _typed(sql: str) -> TextualSelect:
    return text(sql).columns(
        post_id=Integer(), thread_id=Integer(), category_id=Integer(), thread_title=String(),
        body_source=Text(), created_at=UTCDateTime(), rank=Float(),
    )


def _rows(result: Result[Any]) -> list[SearchRow]:
    return [
        SearchRow(r.post_id, r.thread_id, r.category_id, r.thread_title, r.body_source, r.created_at, r.rank)
        for r in result
    ]


class SqliteSearch:
    """FTS5: ``"word"*`` terms joined by AND; bm25 (lower is better) with title x3."""

    async def search(
        self, session: AsyncSession, terms: list[str], category_id: int | None, limit: int
    ) -> list[SearchRow]:
        if not terms:
            return []
        match = " AND ".join(f'"{t}"*' for t in terms)
        sql = (
            "SELECT p.id AS post_id, p.thread_id, t.category_id, t.title AS thread_title, p.body_source, "
            "p.created_at, -bm25(forum_search_fts, 3.0, 1.0) AS rank "
            "FROM forum_search_fts JOIN forum_posts p ON p.id = forum_search_fts.rowid "
            "JOIN forum_threads t ON t.id = p.thread_id "
            "WHERE forum_search_fts MATCH :match AND p.deleted_at IS NULL AND p.removed_at IS NULL AND t.deleted_at IS NULL "
            "AND (:category_id IS NULL OR t.category_id = :category_id) "
            "ORDER BY bm25(forum_search_fts, 3.0, 1.0), p.id DESC LIMIT :limit"
        )
        result = await session.execute(_typed(sql), {"match": match, "category_id": category_id, "limit": limit})
        return _rows(result)


# Only constants are interpolated: the user's words are bound as :query.
_PG_SQL = (
    "SELECT p.id AS post_id, p.thread_id, t.category_id, t.title AS thread_title, p.body_source, "  # noqa: S608
    f"p.created_at, ts_rank({PG_DOCUMENT}, q.query) AS rank "
    "FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id, "
    "to_tsquery('english'::regconfig, :query) AS q(query) "
    f"WHERE {PG_DOCUMENT} @@ q.query AND p.deleted_at IS NULL AND p.removed_at IS NULL AND t.deleted_at IS NULL "
    "AND (CAST(:category_id AS integer) IS NULL OR t.category_id = CAST(:category_id AS integer)) "
    "ORDER BY rank DESC, p.id DESC LIMIT :limit"
)


class PostgresSearch:
    """``to_tsquery`` of ``word:*`` terms joined by ``&``; ts_rank over the indexed document."""

    async def search(
        self, session: AsyncSession, terms: list[str], category_id: int | None, limit: int
    ) -> list[SearchRow]:
        if not terms:
            return []
        query = " & ".join(f"{t}:*" for t in terms)
        result = await session.execute(_typed(_PG_SQL), {"query": query, "category_id": category_id, "limit": limit})
        return _rows(result)


def search_store(session: AsyncSession) -> SearchStore:
    """The implementation for the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        return PostgresSearch()
    return SqliteSearch()
