"""Reads of candidates, already narrowed to what the user may see: the pool, a profile, its timeline
and possible duplicates."""
from __future__ import annotations

from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404

from ats.core.access import User, is_hiring_manager, is_recruiter
from ats.core.models import Activity
from candidates.apps import NAME_SIMILARITY
from candidates.models import Candidate, Note, PossibleDuplicate, Tag
from candidates.resumes.models import Resume
from jobs.applications.models import Application


def candidate_list_for(user: User, *, include_erased: bool = False) -> QuerySet[Candidate]:
    """All candidates for recruiters; for a hiring manager only those awaiting their review.

    Erased candidates (anonymous shells, candidates.erasure) are in no list, search or duplicate
    suggestion, and nothing can be done to them; only their profile (`include_erased`, through
    candidates.erasure.selectors.erased_candidate_get) still shows their applications' history."""
    # Candidates merged into another one are hidden everywhere until the merge is undone.
    candidates = Candidate.objects.filter(merged_into__isnull=True)
    if not include_erased:
        candidates = candidates.filter(erased_at__isnull=True)
    if is_recruiter(user):
        return candidates
    if is_hiring_manager(user):
        reviewable = Application.objects.filter(
            candidate=OuterRef("pk"), job__hiring_managers=user, stage__needs_review=True
        )
        return candidates.filter(Exists(reviewable))
    return Candidate.objects.none()


def candidate_get(user: User, candidate_id: int) -> Candidate:
    applications = Application.objects.select_related("job", "stage").order_by("-applied_at")
    if not is_recruiter(user):
        applications = applications.filter(job__hiring_managers=user, stage__needs_review=True)
    notes = Note.objects.select_related("author", "application__job")
    if not is_recruiter(user):
        # A hiring manager sees shared notes about the person, and those on applications to their
        # own jobs; a note on another job's application is that job's business.
        notes = notes.filter(visible_to_hiring_managers=True).filter(
            Q(application__isnull=True) | Q(application__job__hiring_managers=user)
        )
    # The tags ride on the candidate's own row (one query fewer per profile than a prefetch).
    tags = Tag.objects.filter(candidates=OuterRef("pk")).order_by("name").values(row=JSONObject(id="id", name="name"))
    queryset = (
        candidate_list_for(user)
        .select_related("owner")
        .annotate(tag_list=ArraySubquery(tags))
        .prefetch_related(
            "education",
            "experience",
            Prefetch("applications", queryset=applications),
            Prefetch("notes", queryset=notes),
            Prefetch("resumes", queryset=Resume.objects.order_by("-created_at")),
        )
    )
    return get_object_or_404(queryset, pk=candidate_id)


_MERGE_FAMILY = (
    "WITH RECURSIVE family(id) AS (SELECT %s::bigint UNION "
    "SELECT c.id FROM candidates_candidate c JOIN family f ON c.merged_into_id = f.id) SELECT id FROM family"
)


def merge_family(candidate: Candidate) -> list[int]:
    """The candidate's id and those of every record merged into it, directly or through others
    (merges can chain: A into B, then B into C)."""
    with connection.cursor() as cursor:
        cursor.execute(_MERGE_FAMILY, [candidate.pk])
        return sorted(pk for (pk,) in cursor.fetchall())


def _merge_family_sql(candidate_id: int) -> RawSQL:
    # The same family as a subquery, so the timeline costs one query.
    return RawSQL(_MERGE_FAMILY, [candidate_id])


def candidate_activity(*, candidate: Candidate, limit: int = 50) -> list[Activity]:
    """The candidate's timeline, with that of the records merged into them (the log is append-only,
    so a merge leaves rows where they happened)."""
    return list(
        Activity.objects.filter(candidate_id__in=_merge_family_sql(candidate.pk))
        .select_related("actor", "job")
        .order_by("-created_at", "-id")[:limit]
    )


# A common name is shared by a thousand people at a million candidates: the closest this many are
# enough to offer, and the bound keeps the wide candidate rows read per name match small.
NAME_MATCHES = 200
# Duplicate suggestions read at most this many times the suggestions shown from each branch.
DUPLICATE_BRANCH_FACTOR = 5


def _holders(spellings: str, *, ordered: bool, limit: int) -> str:
    """The ids of the holders of `spellings` (a sub-select of `full_name`, and `s`, its similarity,
    when `ordered`): the closest spelling's newest holders first, each spelling's by index."""
    holders = (
        f"SELECT h.candidate_id FROM ({spellings}) n CROSS JOIN LATERAL ("
        "SELECT c.candidate_id FROM candidates_candidatename c WHERE c.full_name = n.full_name"
        f" ORDER BY c.candidate_id DESC LIMIT {int(limit)}) h"
    )
    return holders + (" ORDER BY n.s DESC, n.full_name, h.candidate_id DESC" if ordered else "") + f" LIMIT {int(limit)}"


def candidate_ids_named_like(
    name: str, *, above: float = 0.3, matches: int | None = None
) -> tuple[str, list[Any]]:
    """SQL selecting the ids (`candidate_id`) of candidates whose name is like `name` (trigram
    similarity over `above`; 0.3 is pg_trgm's own threshold), at most `matches` (NAME_MATCHES)
    and a quarter more, and its parameters; ("", []) for a blank name.

    Spellings are ranked, not people (candidates.search.models.DistinctName): the closest
    spellings first, then each one's holders by index, newest first, so a name a thousand people
    hold costs as much as a name one person holds.
    - For a search (pg_trgm word similarity, candidates.apps.NAME_WORD_SIMILARITY): a whole-name
      `%` is met by every "Jordan" for "Jordan Merriwether", so every word must be like a word of
      theirs, closest first; plus the longest word only, for a typo in a short one ("Oscar" is
      0.33 like "Oskar"): unordered, so a common surname stops after a quarter of NAME_MATCHES.
    - From NAME_SIMILARITY up (duplicate suggestions), the whole name with `%` (the same threshold):
      it already holds every name whose words are all like theirs and is similar enough.
    """
    words = name.split()
    if not words:
        return "", []
    matches = NAME_MATCHES if matches is None else matches

    def spellings(conditions: list[str], condition_params: list[Any], *, ordered: bool, limit: int) -> tuple[str, list[Any]]:
        where = " AND ".join([*conditions, "similarity(n.full_name, %s) > %s"])
        sql = (
            f"SELECT n.full_name, similarity(n.full_name, %s) AS s FROM candidates_distinctname n WHERE {where}"
            + (" ORDER BY s DESC, n.full_name" if ordered else "") + f" LIMIT {int(limit)}"
        )
        return _holders(sql, ordered=ordered, limit=limit), [name, *condition_params, name, above]

    if above >= NAME_SIMILARITY:
        return spellings(["n.full_name %% %s"], [name], ordered=True, limit=matches)
    closest, closest_params = spellings(["n.full_name %%> %s"] * len(words), words, ordered=True, limit=matches)
    if len(words) == 1:
        return closest, closest_params
    typo, typo_params = spellings(["n.full_name %%> %s"], [max(words, key=len)], ordered=False, limit=matches // 4)
    return f"({closest}) UNION ({typo})", [*closest_params, *typo_params]


def candidate_duplicates(*, user: User, candidate: Candidate, limit: int = 10) -> list[Candidate]:
    """Possible duplicates of a candidate, each with `.reasons`, in one query.

    Same email or phone (GIN array overlap), a similar name (candidate_ids_named_like, at the
    stricter NAME_SIMILARITY), or a PossibleDuplicate row written by the ingestion. Dismissed
    pairs and merged-away candidates are left out.
    """
    flagged = PossibleDuplicate.objects.filter(
        Q(candidate=candidate, other=OuterRef("pk")) | Q(other=candidate, candidate=OuterRef("pk"))
    )
    dismissed = flagged.filter(dismissed=True)
    active_flag = flagged.filter(dismissed=False)
    # The ids that may match, as a UNION of index-backed branches: OR-ing these conditions (or an
    # EXISTS) in one WHERE makes PostgreSQL scan every candidate (240 ms at 50,000). Each branch
    # stops at a few times the suggestions shown, so one shared switchboard number or a name a
    # thousand people hold costs what a handful does; the names come closest first (enough for the
    # first `limit` unless most of those are dismissed or merged away).
    bound = DUPLICATE_BRANCH_FACTOR * limit
    others = Candidate.objects.order_by().values("pk")
    branches = [
        PossibleDuplicate.objects.filter(candidate=candidate, dismissed=False).order_by().values("other_id"),
        PossibleDuplicate.objects.filter(other=candidate, dismissed=False).order_by().values("candidate_id"),
    ]
    if candidate.emails:
        branches.append(others.filter(emails__overlap=candidate.emails)[:bound])
    if candidate.phones:
        branches.append(others.filter(phones__overlap=candidate.phones)[:bound])
    parts = [branch.query.sql_with_params() for branch in branches]
    if candidate.full_name:
        parts.append(candidate_ids_named_like(candidate.full_name, above=NAME_SIMILARITY, matches=bound))
    match = Q(pk__in=RawSQL(" UNION ".join(f"({sql})" for sql, _ in parts), [p for _, params in parts for p in params]))

    def flag(condition: Q) -> Case:
        return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())

    rows = (
        candidate_list_for(user)
        .exclude(pk=candidate.pk)
        .annotate(
            name_similarity=TrigramSimilarity("full_name", candidate.full_name or ""),
            same_email=flag(Q(emails__overlap=candidate.emails or [""])),
            same_phone=flag(Q(phones__overlap=candidate.phones or [""])),
            flagged=Exists(active_flag),
        )
        .filter(match)
        .exclude(Exists(dismissed))
        .order_by("-same_email", "-same_phone", "-name_similarity", "-id")[:limit]
    )
    result = []
    for other in rows:
        reasons = []
        if other.same_email:
            reasons.append("same email")
        if other.same_phone:
            reasons.append("same phone")
        if candidate.full_name and other.name_similarity > NAME_SIMILARITY:
            reasons.append(f"similar name ({other.name_similarity:.0%})")
        if other.flagged and not reasons:
            reasons.append("flagged when the résumé was parsed")
        other.reasons = reasons
        result.append(other)
    return result


def tag_suggestions(prefix: str, *, limit: int = 10) -> QuerySet[Tag]:
    """Existing tags starting with what was typed (tags are shared by all recruiters)."""
    prefix = prefix.strip().lower()
    return Tag.objects.filter(name__startswith=prefix).order_by("name")[:limit] if prefix else Tag.objects.none()
