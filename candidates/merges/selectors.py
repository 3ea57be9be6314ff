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

# The details of a row that count towards how much it holds (besides its bullets).
ROW_DETAILS = {
    "experience": ("title", "location", "start", "end"),
    "education": ("degree", "field", "start", "end", "gpa"),
}


def _richness(candidate: Candidate, name: str) -> int:
    """How much a field holds: characters of a text; for rows, one per row and per filled detail,
    every bullet included (a role with dates, city and bullets outweighs a bare company name)."""
    if name in ROW_FIELDS:
        return sum(
            1 + sum(1 for field in ROW_DETAILS[name] if getattr(row, field)) + len(getattr(row, "highlights", []) or [])
            for row in getattr(candidate, name).all()
        )
    return len(str(getattr(candidate, name) or "").strip())


def _side(kept: Candidate, merged: Candidate, name: str) -> str:
    """A value a person edited beats a parsed one; otherwise the richer; on a tie the kept record's."""
    kept_edited, merged_edited = name in kept.corrected_fields, name in merged.corrected_fields
    if kept_edited != merged_edited:
        return "kept" if kept_edited else "merged"
    return "merged" if _richness(merged, name) > _richness(kept, name) else "kept"


def merge_defaults(kept: Candidate, merged: Candidate) -> dict[str, str]:
    """The preselected choice for each field, whichever record the merge started from: the value a
    recruiter edited by hand, else the richer one; lists are combined."""
    choices = {name: _side(kept, merged, name) for name in SCALAR_FIELDS + ROW_FIELDS}
    choices["source"] = "kept"  # where the record first came from is not a matter of richness
    choices.update({name: "both" for name in LIST_FIELDS})
    return choices


def merge_list_for(user: User) -> QuerySet[CandidateMerge]:
    """Merges recruiters may look at and undo (any recruiter's: the pool is shared)."""
    if not is_recruiter(user):
        return CandidateMerge.objects.none()
    return CandidateMerge.objects.select_related("kept", "merged")
