"""The candidate's privacy requests: erasure requests a recruiter decides, and subject access
exports (everything held about one person, built by an RQ job into a zip in private storage).

Consent rows stay in jobs.careers (the careers form writes them in its own transaction); this
package reads and adds to them."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone


def _export_storage():
    return storages["default"]  # private: never served from a URL, only through the download view


def export_upload_to(instance: "SubjectExport", filename: str) -> str:
    return f"subject-exports/{secrets.token_hex(16)}.zip"


class ErasureRequest(models.Model):
    """A person asked for their data to be erased (on their privacy page, or a recruiter on their
    behalf); a recruiter with the erase permission approves (the erasure runs) or declines with a
    reason. One pending request per candidate: asking twice is the same request. The candidate
    link is SET NULL so the decision stays on record after the person is erased."""

    class Source(models.TextChoices):
        SELF_SERVICE = "self_service", "The candidate, on their privacy page"
        RECRUITER = "recruiter", "A recruiter, on the candidate's behalf"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved (erased)"
        DECLINED = "declined", "Declined"

    candidate = models.ForeignKey(
        "candidates.Candidate", null=True, blank=True, on_delete=models.SET_NULL, related_name="erasure_requests"
    )
    # Kept after an erasure, so the list still says which request it was (the id, no personal data).
    candidate_ref = models.PositiveIntegerField()
    source = models.CharField(max_length=20, choices=Source.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"], condition=Q(state="pending"), name="erasure_one_pending_per_candidate"
            ),
            models.CheckConstraint(condition=~Q(state="declined") | ~Q(decline_reason=""), name="erasure_decline_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Erasure request {self.pk} ({self.state})"


class SubjectExport(models.Model):
    """One subject access export: its state, progress (steps done of total) for the profile's
    progress bar, the zip once built, and when the file is deleted."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Building"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Expired"

    candidate = models.ForeignKey(
        "candidates.Candidate", null=True, blank=True, on_delete=models.SET_NULL, related_name="subject_exports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Asked for by the person on their own page (they download it there): their own data, without
    # the internal records (notes, reviews, the activity and audit logs) a recruiter's export holds.
    for_subject = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(storage=_export_storage, upload_to=export_upload_to, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    failure_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["candidate", "-created_at"], name="subject_export_recent")]

    def __str__(self) -> str:
        return f"Subject export {self.pk} ({self.state})"

    @property
    def percent(self) -> int:
        return int(100 * self.steps_done / self.steps_total) if self.steps_total else 0

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
