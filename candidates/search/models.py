"""What search reads besides the candidate row itself."""
from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.db import models


class CandidateName(models.Model):
    """Each candidate's name again, in a narrow table of its own, kept by triggers (migration 0009).

    A misspelled-name match (trigram `%`) takes tens of thousands of index hits at 500,000
    candidates, and each is rechecked against its row: on the wide candidate row (documents,
    summaries) that read 240 MB of heap per search; here it reads a few hundred KB.
    """

    candidate = models.OneToOneField(
        "candidates.Candidate", primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    full_name = models.CharField(max_length=200)

    class Meta:
        indexes = [GinIndex(fields=["full_name"], name="candidatename_trgm", opclasses=["gin_trgm_ops"])]
