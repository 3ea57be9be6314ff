"""Merges of two candidate records that are one person, kept so they can be undone."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# What a merge chooses between, field by field: one side's value, or both sides' for lists.
SCALAR_FIELDS = ["full_name", "headline", "location", "summary", "source"]
LIST_FIELDS = ["emails", "phones", "links", "skills", "languages"]
ROW_FIELDS = ["experience", "education"]
MERGE_FIELDS = SCALAR_FIELDS + LIST_FIELDS + ROW_FIELDS


class CandidateMerge(models.Model):
    """A merge of `merged` into `kept`, with what is needed to undo it."""

    kept = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="merges_kept")
    merged = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="merges_merged")
    # Field values of `kept` before the merge, and the ids of rows moved from `merged` to `kept`.
    snapshot = models.JSONField(default=dict)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]
        constraints = [models.CheckConstraint(condition=~Q(kept=models.F("merged")), name="merge_not_self")]
