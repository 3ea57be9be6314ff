"""Bulk changes (tag, add to job, move, reject), kept with what they changed so they can be undone."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class BulkAction(models.Model):
    """A bulk change (tag, add to job, move, reject) kept so it can be undone (jobs.bulk.services).

    `kind` "reject" covers every closing outcome (reject, withdraw); `payload` is a
    jobs.bulk.payloads.Payload."""

    class Kind(models.TextChoices):
        TAG = "tag", "Tag"
        ADD_TO_JOB = "add_to_job", "Add to job"
        MOVE = "move", "Move"
        REJECT = "reject", "Reject"

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What changed, row by row, with the values before the change.
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table kept its name when the model moved here from candidates (no data moved).
        db_table = "candidates_bulkaction"
        ordering = ["-created_at"]
