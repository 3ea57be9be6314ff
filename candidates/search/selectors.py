"""Candidate search: the filters, relevance ranking within a window, snippets and a capped count."""
from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import Any

from django.contrib.postgres.search import SearchRank, TrigramSimilarity
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join

from candidates.lists.models import CandidateListEntry
from candidates.models import Candidate
from candidates.parsing.skills import taxonomy
from candidates.search.cjk import CJK_RUN_RE
from candidates.search.query import ParsedQuery, parse_query
from candidates.search.tsquery import CONFIG, CandidateTsQuery, tsquery_sql
from candidates.selectors import candidate_ids_named_like, candidate_list_for
from jobs.applications.models import Application

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
    cjk_terms = [t for t in query.positive_texts if CJK_RUN_RE.search(t)]
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
        tax = taxonomy()
        lookup = {name.casefold(): name for name in tax.canonical}
        lookup.update({alias: canonical for alias, canonical in tax.anywhere.items() if alias not in lookup})
    except Exception:  # the taxonomy is a nicety; the filter works on exact spellings without it
        lookup = {}
    return [lookup.get(s.casefold(), s) for s in skills]


def skill_spellings(skill: str) -> list[str]:
    """The spellings a skill is stored in: a name the taxonomy knows has one (its canonical name);
    another is kept as the résumé printed it ("Phlebotomy", "HACCP", "Wound care"), so a typed
    "phlebotomy" or "haccp" also looks for it capitalised, in capitals and in title case."""
    try:
        known = skill in _canonical_names()
    except Exception:  # the taxonomy is a nicety, as in normalise_skills
        known = False
    if known:
        return [skill]
    return list(dict.fromkeys([skill, skill.lower(), skill[:1].upper() + skill[1:], skill.capitalize(),
                               skill.title(), skill.upper()]))


@lru_cache(maxsize=1)
def _canonical_names() -> frozenset[str]:
    return frozenset(taxonomy().canonical)


@lru_cache(maxsize=1)
def skill_datalist_options() -> str:
    """The <option>s of the skills datalist, built once per process (the taxonomy is static)."""
    return format_html_join("", '<option value="{}">', ((name,) for name in skill_vocabulary()))


def skill_vocabulary() -> list[str]:
    try:
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
            # Few full-text hits for plain words: perhaps a misspelled name. Only then the trigram
            # match, read once here (the count and the page would each redo it) and OR-ed in as
            # ids: a subquery in the OR would make PostgreSQL test every row.
            named, named_params = candidate_ids_named_like(params.q)
            name_ids = []
            if named:
                with connection.cursor() as cursor:
                    cursor.execute(named, named_params)
                    name_ids = [candidate_id for (candidate_id,) in cursor.fetchall()]
            match |= Q(pk__in=name_ids)
            rank = Greatest(rank, TrigramSimilarity("full_name", params.q))
        candidates = candidates.filter(match)
    if params.skills:
        spellings = [skill_spellings(skill) for skill in params.skills]
        if params.skills_mode == "any":
            candidates = candidates.filter(skills__overlap=[s for group in spellings for s in group])
        else:
            exact = [group[0] for group in spellings if len(group) == 1]
            if exact:
                candidates = candidates.filter(skills__contains=exact)
            for group in spellings:
                if len(group) > 1:
                    candidates = candidates.filter(skills__overlap=group)
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
