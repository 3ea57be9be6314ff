"""Candidate search: the recruiters' query language, the search document, and snippets.

The query language is what people type into search boxes elsewhere:
    python django          both words (AND)
    "machine learning"     a phrase
    go OR rust             either (OR binds two neighbouring terms, like websearch_to_tsquery)
    -java  NOT java        exclusion
    机器学习                 Chinese: matched as overlapping bigrams (机器 <-> 器学 <-> 学习)

User input never reaches to_tsquery(): every term is handed to phraseto_tsquery() as a bound
parameter (which treats it as plain text), and only the operators we generate ourselves join the
pieces. The one exception, a prefix query for a single CJK character, is built from a character
we have checked against CJK_RE.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchRank, TrigramSimilarity
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join

from candidates.models import Candidate, CandidateListEntry
from candidates.selectors import candidate_list_for
from jobs.models import Application

CONFIG = "english"
# Keep in sync with migration 0004 (ats_cjk_bigrams).
CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CLASS}]+")
MAX_TERMS = 16  # a query longer than this is almost certainly pasted text: keep it cheap
RESUME_TEXT_LIMIT = 100_000  # characters of each résumé indexed (to_tsvector caps at 1 MB anyway)


@dataclass(frozen=True)
class Term:
    text: str
    negated: bool = False
    phrase: bool = False


@dataclass
class ParsedQuery:
    """AND of groups; each group is an OR of terms."""

    groups: list[list[Term]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def is_plain(self) -> bool:
        """Plain words only (no phrase, OR or NOT): worth a fuzzy name match as well."""
        return all(len(g) == 1 and not g[0].negated and not g[0].phrase for g in self.groups)

    @property
    def positive_texts(self) -> list[str]:
        return [t.text for g in self.groups for t in g if not t.negated]


_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Characters that mean nothing to us but would be operators in tsquery syntax or noise.
_STRIP_RE = re.compile(r"[&|!():*<>\\'\"]+")


def cjk_bigrams(text: str) -> str:
    """Rewrite every CJK run into space-separated overlapping bigrams (as ats_cjk_bigrams does)."""

    def bigrams(match: re.Match[str]) -> str:
        run = match.group(0)
        if len(run) == 1:
            return f" {run} "
        return " " + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " "

    return CJK_RE.sub(bigrams, text)


def parse_query(raw: str) -> ParsedQuery:
    """Turn what the recruiter typed into groups of terms; never raises."""
    query = ParsedQuery()
    pending_or = False
    negate_next = False
    count = 0
    for match in _TOKEN_RE.finditer(raw or ""):
        if count >= MAX_TERMS:
            break
        minus, quoted, word = match.groups()
        if quoted is not None:
            text, phrase, negated = _STRIP_RE.sub(" ", quoted).strip(), True, bool(minus)
        else:
            if word in ("OR", "|"):
                pending_or = bool(query.groups)
                continue
            if word in ("NOT", "AND", "&"):
                negate_next = word == "NOT"
                continue
            negated = word.startswith("-") and len(word) > 1
            text, phrase = _STRIP_RE.sub(" ", word.lstrip("-") if negated else word).strip(), False
            text = text.strip("-")
        negated = negated or negate_next
        negate_next = False
        if not text:
            pending_or = False
            continue
        term = Term(text=" ".join(text.split()), negated=negated, phrase=phrase)
        count += 1
        if pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = False
    # A query made only of exclusions matches nothing useful; treat it as no query.
    if query.groups and all(t.negated for g in query.groups for t in g):
        return ParsedQuery()
    return query


def _term_sql(term: Term) -> tuple[str, list[Any]]:
    text = term.text
    # A lone CJK character (a surname such as 王) is indexed inside bigrams: match it as a prefix.
    if len(text) == 1 and CJK_RE.fullmatch(text):
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


# --- The search document -------------------------------------------------------------------------

_DOCUMENT_SQL = f"""
UPDATE candidates_candidate AS c SET search_document =
    setweight(to_tsvector('{CONFIG}', ats_cjk_bigrams(concat_ws(' ', c.full_name, array_to_string(c.emails, ' ')))), 'A')
 || setweight(to_tsvector('{CONFIG}', ats_cjk_bigrams(concat_ws(' ', c.headline, array_to_string(c.skills, ' '),
        (SELECT string_agg(e.title, ' ') FROM candidates_experience e WHERE e.candidate_id = c.id)))), 'B')
 || setweight(to_tsvector('{CONFIG}', ats_cjk_bigrams(concat_ws(' ', c.location, array_to_string(c.languages, ' '),
        (SELECT string_agg(e.company, ' ') FROM candidates_experience e WHERE e.candidate_id = c.id),
        (SELECT string_agg(concat_ws(' ', ed.institution, ed.degree, ed.field), ' ')
           FROM candidates_education ed WHERE ed.candidate_id = c.id)))), 'C')
 || setweight(to_tsvector('{CONFIG}', ats_cjk_bigrams(concat_ws(' ', c.summary,
        (SELECT string_agg(array_to_string(e.highlights, ' '), ' ') FROM candidates_experience e WHERE e.candidate_id = c.id),
        (SELECT string_agg(left(r.text, {RESUME_TEXT_LIMIT}), ' ') FROM candidates_resume r WHERE r.candidate_id = c.id)))), 'D')
"""


def candidate_reindex(candidate_ids: list[int]) -> None:
    """Recompute the search document of these candidates (name A; headline, titles, skills B;
    companies, schools, location C; summary and résumé text D). Idempotent, one UPDATE."""
    ids = [int(i) for i in candidate_ids]
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENT_SQL + " WHERE c.id = ANY(%s)", [ids])


def candidate_reindex_range(first_id: int, last_id: int) -> int:
    """Reindex every candidate with first_id <= id <= last_id; returns rows updated (for batches)."""
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENT_SQL + " WHERE c.id BETWEEN %s AND %s", [first_id, last_id])
        return cursor.rowcount


# --- Snippets ------------------------------------------------------------------------------------

_START, _STOP = "\x02", "\x03"
_SNIPPET_TEXT_SQL = """
concat_ws(' · ',
    (SELECT string_agg(concat_ws(' at ', NULLIF(e.title, ''), e.company), ' · ' ORDER BY e.position)
       FROM candidates_experience e WHERE e.candidate_id = c.id),
    NULLIF(c.summary, ''),
    (SELECT left(r.text, 20000) FROM candidates_resume r WHERE r.candidate_id = c.id
      ORDER BY r.created_at DESC LIMIT 1))
"""


def snippets_for(candidate_ids: Iterable[int], query: ParsedQuery) -> dict[int, str]:
    """Highlighted HTML snippets for one page of results (ts_headline is slow: never on all rows).

    ts_headline marks words with control characters; we escape the text and only then turn the
    markers into <mark>, so résumé text can never inject HTML.
    """
    ids = list(candidate_ids)
    if not ids or query.is_empty:
        return {}
    tsquery, params = tsquery_sql(query)
    options = f"StartSel={_START}, StopSel={_STOP}, MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=' … '"
    sql = (
        f"SELECT c.id, {_SNIPPET_TEXT_SQL} AS body, "
        f"ts_headline('{CONFIG}', {_SNIPPET_TEXT_SQL}, {tsquery}, %s) "
        "FROM candidates_candidate c WHERE c.id = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, options, ids])
        rows = cursor.fetchall()
    cjk_terms = [t for t in query.positive_texts if CJK_RE.search(t)]
    result = {}
    for candidate_id, body, headline in rows:
        if _START not in (headline or "") and cjk_terms:
            headline = _cjk_snippet(body or "", cjk_terms)
        # No highlighted word (a fuzzy name match, or the hit was in the name): no snippet.
        if headline and _START in headline:
            result[candidate_id] = _marks_to_html(headline)
    return result


def _cjk_snippet(body: str, terms: list[str], width: int = 40) -> str:
    """ts_headline cannot see CJK bigrams in the raw text: find the first term ourselves."""
    for term in terms:
        at = body.find(term)
        if at >= 0:
            start, end = max(0, at - width), min(len(body), at + len(term) + width)
            return (
                ("…" if start else "") + body[start:at] + _START + term + _STOP
                + body[at + len(term) : end] + ("…" if end < len(body) else "")
            )
    return ""


def _marks_to_html(text: str) -> str:
    escaped = html.escape(text)
    return escaped.replace(_START, "<mark>").replace(_STOP, "</mark>")


# --- The search itself ---------------------------------------------------------------------------

@dataclass
class SearchParams:
    q: str = ""
    skills: list[str] = field(default_factory=list)
    skills_mode: str = "all"
    location: str = ""
    job: int | None = None
    stage: int | None = None
    tag: str = ""
    source: str = ""
    active_within: int | None = None
    list_id: int | None = None
    sort: str = ""

    @classmethod
    def from_cleaned(cls, data: dict[str, Any]) -> "SearchParams":
        return cls(
            q=(data.get("q") or "").strip(),
            skills=normalise_skills(data.get("skills") or []),
            skills_mode=data.get("skills_mode") or "all",
            location=(data.get("location") or "").strip(),
            job=data.get("job"),
            stage=data.get("stage"),
            tag=(data.get("tag") or "").strip().lower(),
            source=data.get("source") or "",
            active_within=int(data["active_within"]) if data.get("active_within") else None,
            list_id=data.get("list"),
            sort=data.get("sort") or "",
        )


def normalise_skills(skills: list[str]) -> list[str]:
    """Map typed skills onto the parser's canonical spelling ("postgres" → "PostgreSQL")."""
    try:
        from candidates.parsing.skills import taxonomy

        tax = taxonomy()
        lookup = {name.casefold(): name for name in tax.canonical}
        lookup.update({alias: canonical for alias, canonical in tax.anywhere.items() if alias not in lookup})
    except Exception:  # the taxonomy is a nicety; the filter works on exact spellings without it
        lookup = {}
    return [lookup.get(s.casefold(), s) for s in skills]


@lru_cache(maxsize=1)
def skill_datalist_options() -> str:
    """The <option>s of the skills datalist, built once per process (the taxonomy is static)."""
    return format_html_join("", '<option value="{}">', ((name,) for name in skill_vocabulary()))


def skill_vocabulary() -> list[str]:
    try:
        from candidates.parsing.skills import taxonomy

        return sorted(taxonomy().canonical, key=str.casefold)
    except Exception:
        return []


FUZZY_BELOW = 20
RANK_WINDOW = 1000


@dataclass
class SearchResult:
    candidates: QuerySet[Candidate]  # ordered as asked, with `rank` when there is a query
    matching: QuerySet[Candidate]  # every match, unordered: for counting
    parsed: ParsedQuery


def _few_hits(queryset: QuerySet[Candidate]) -> bool:
    return queryset.values("pk")[:FUZZY_BELOW].count() < FUZZY_BELOW


def candidate_search(*, user: Any, params: SearchParams) -> SearchResult:
    """The candidates matching the search, ordered as asked, with `rank` when there is a query."""
    candidates = candidate_list_for(user)
    parsed = parse_query(params.q)
    if not parsed.is_empty:
        tsquery = CandidateTsQuery(parsed)
        match = Q(search_document=tsquery)
        rank: Any = SearchRank(F("search_document"), tsquery, cover_density=True)
        if parsed.is_plain and len(params.q) <= 60 and _few_hits(candidates.filter(match)):
            # Few full-text hits for plain words: perhaps a misspelled name. OR-ing the trigram
            # match in on every search would make PostgreSQL compute similarity() on every row
            # (a sequential scan); with a narrow full-text side it uses both GIN indexes.
            match |= Q(full_name__trigram_similar=params.q)
            rank = Greatest(rank, TrigramSimilarity("full_name", params.q))
        candidates = candidates.filter(match)
    if params.skills:
        if params.skills_mode == "any":
            candidates = candidates.filter(skills__overlap=params.skills)
        else:
            candidates = candidates.filter(skills__contains=params.skills)
    if params.location:
        candidates = candidates.filter(location__icontains=params.location)
    if params.job:
        applications = Application.objects.filter(candidate=OuterRef("pk"), job_id=params.job)
        if params.stage:
            applications = applications.filter(stage_id=params.stage, outcome=Application.Outcome.ACTIVE)
        candidates = candidates.filter(Exists(applications))
    if params.tag:
        candidates = candidates.filter(tags__name=params.tag)
    if params.source:
        candidates = candidates.filter(source=params.source)
    if params.active_within:
        candidates = candidates.filter(last_activity_at__gte=timezone.now() - timedelta(days=params.active_within))
    if params.list_id:
        entries = CandidateListEntry.objects.filter(
            candidate=OuterRef("pk"), candidate_list_id=params.list_id, candidate_list__owner=user
        )
        candidates = candidates.filter(Exists(entries))
    sort = params.sort or ("relevance" if not parsed.is_empty else "recent")
    matching = candidates
    if not parsed.is_empty:
        candidates = candidates.annotate(rank=rank)
    if sort == "relevance" and not parsed.is_empty:
        # Ranking means reading every match's document: 10,000 matches of a broad query cost
        # ~70 ms. Rank the RANK_WINDOW most recently active matches instead (the same cap as the
        # count: past it the page asks for a narrower search); narrower searches rank every match.
        window = matching.order_by("-last_activity_at", "-id").values("pk")[:RANK_WINDOW]
        candidates = (
            Candidate.objects.filter(pk__in=window).annotate(rank=rank)
            .order_by(F("rank").desc(), "-last_activity_at", "-id")
        )
    elif sort == "newest":
        candidates = candidates.order_by("-created_at", "-id")
    else:
        candidates = candidates.order_by("-last_activity_at", "-id")
    return SearchResult(candidates=candidates, matching=matching, parsed=parsed)


class CappedPaginator(Paginator):
    """Counting 40,000 full-text matches costs more than the page itself: count up to COUNT_CAP
    and say "1,000+" beyond it (pages past the cap are not offered; refine the search instead)."""

    COUNT_CAP = RANK_WINDOW

    def __init__(self, object_list: Any, per_page: int, *, countable: QuerySet[Candidate] | None = None) -> None:
        super().__init__(object_list, per_page)
        self.countable = countable if countable is not None else object_list

    @cached_property
    def count(self) -> int:
        # Without ordering or rank: the GIN index answers and LIMIT stops early.
        return self.countable.order_by().values("pk")[: self.COUNT_CAP + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.COUNT_CAP
