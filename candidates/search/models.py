"""What search reads besides the candidate row itself."""
from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.db import models


class CandidateName(models.Model):
    """Each candidate's name again, in a narrow table of its own, kept by triggers (migration 0009):
    the holders of a name, by id (candidates.selectors.candidate_ids_named_like)."""

    candidate = models.OneToOneField(
        "candidates.Candidate", primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    full_name = models.CharField(max_length=200)

    class Meta:
        # The holders of one spelling, newest first (read backwards), from the index alone.
        indexes = [models.Index(fields=["full_name", "candidate"], name="candidatename_holders")]


class DistinctName(models.Model):
    """Every spelling of a name some candidate holds, once, with how many hold it: kept by triggers
    on CandidateName (migration 0013), as the reports' totals are, and gone with its last holder.

    Misspelled names and duplicate suggestions rank spellings by trigram similarity here, then take
    each close spelling's holders by index. A common name is held by a thousand people at a million
    candidates; ranking them person by person read every one of their rows on each search.
    """

    full_name = models.CharField(max_length=200, primary_key=True)
    holders = models.IntegerField()

    class Meta:
        # A short pending list (kB): each match reads all of it, and bulk inserts fill it fast.
        indexes = [GinIndex(fields=["full_name"], name="distinctname_trgm", opclasses=["gin_trgm_ops"],
                            gin_pending_list_limit=256)]
