"""A parsed query as a PostgreSQL tsquery.

User input never reaches to_tsquery(): every term is handed to phraseto_tsquery() as a bound
parameter (which treats it as plain text), and only the operators we generate ourselves join the
pieces. The one exception, a prefix query for a single CJK character, is built from a character
we have checked against CJK_RUN_RE.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchQueryField
from django.db.models import Func

from candidates.search.cjk import CJK_RUN_RE, cjk_bigrams
from candidates.search.query import ParsedQuery, Term

CONFIG = "english"


def _term_sql(term: Term) -> tuple[str, list[Any]]:
    text = term.text
    # A lone CJK character (a surname such as 王) is indexed inside bigrams: match it as a prefix.
    if len(text) == 1 and CJK_RUN_RE.fullmatch(text):
        sql, params = "to_tsquery('simple', %s)", [f"'{text}':*"]
    else:
        sql, params = f"phraseto_tsquery('{CONFIG}', %s)", [cjk_bigrams(text)]
    if term.negated:
        sql = f"(!! {sql})"
    return sql, params


def tsquery_sql(query: ParsedQuery) -> tuple[str, list[Any]]:
    """SQL (with bound parameters) evaluating to the tsquery of a parsed query."""
    and_parts: list[str] = []
    params: list[Any] = []
    if query.is_empty:
        return "''::tsquery", []
    for group in query.groups:
        or_parts = []
        for term in group:
            sql, term_params = _term_sql(term)
            or_parts.append(sql)
            params.extend(term_params)
        and_parts.append("(" + " || ".join(or_parts) + ")")
    return "(" + " && ".join(and_parts) + ")", params


class CandidateTsQuery(SearchQuery):
    """A ready tsquery expression for `search_document=...` lookups, SearchRank and SearchHeadline."""

    def __init__(self, query: ParsedQuery) -> None:
        Func.__init__(self, output_field=SearchQueryField())
        self.parsed = query
        self.config = None
        self.invert = False
        self.search_type = "raw"

    @property
    def identity(self) -> tuple[Any, ...]:
        return (self.__class__, repr(self.parsed.groups))

    def __hash__(self) -> int:
        return hash(self.identity)

    def get_source_expressions(self) -> list[Any]:
        return []

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        pass

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return tsquery_sql(self.parsed)
