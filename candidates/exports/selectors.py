"""The rows of the candidate search export, read through a server-side cursor."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import OuterRef, Subquery

from ats.core.access import User
from candidates.models import Candidate
from candidates.search.selectors import SearchParams, candidate_search

CANDIDATE_EXPORT_HEADER = (
    "Candidate id", "Name", "Headline", "Location", "E-mails", "Phones", "Skills", "Tags", "Source",
    "Created", "Last activity",
)
CHUNK_SIZE = 2000


def candidate_export_rows(*, user: User, params: SearchParams) -> Iterator[tuple[Any, ...]]:
    """Every candidate matching the search (not just the page shown, nor the relevance window),
    most recently active first; tags in one correlated subquery, so still one query."""
    tags = (
        Candidate.tags.through.objects.filter(candidate_id=OuterRef("pk"))
        .values("candidate_id")
        .annotate(names=StringAgg("tag__name", "; ", order_by="tag__name"))
        .values("names")
    )
    matching = candidate_search(user=user, params=params).matching
    return (
        matching.annotate(tag_names=Subquery(tags))
        .order_by("-last_activity_at", "-id")
        .values_list(
            "pk", "full_name", "headline", "location", "emails", "phones", "skills", "tag_names", "source",
            "created_at", "last_activity_at",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
