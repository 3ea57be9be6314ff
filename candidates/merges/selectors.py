"""Reads for merging: the preselected choices of a merge, and the merges a user may undo."""
from __future__ import annotations

from django.db.models import QuerySet

from ats.core.access import User, is_recruiter
from candidates.merges.models import (
    LIST_FIELDS,
    ROW_FIELDS,
    SCALAR_FIELDS,
    CandidateMerge,
)
from candidates.models import Candidate


def merge_defaults(kept: Candidate, merged: Candidate) -> dict[str, str]:
    """The preselected choice for each field: keep ours unless it is empty; combine lists."""
    choices: dict[str, str] = {}
    for name in SCALAR_FIELDS:
        choices[name] = "merged" if not getattr(kept, name) and getattr(merged, name) else "kept"
    for name in LIST_FIELDS:
        choices[name] = "both"
    for name in ROW_FIELDS:
        has_kept = getattr(kept, name).exists()
        choices[name] = "merged" if not has_kept and getattr(merged, name).exists() else "kept"
    return choices


def merge_list_for(user: User) -> QuerySet[CandidateMerge]:
    """Merges recruiters may look at and undo (any recruiter's: the pool is shared)."""
    if not is_recruiter(user):
        return CandidateMerge.objects.none()
    return CandidateMerge.objects.select_related("kept", "merged")
