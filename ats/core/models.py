"""The activity log: one append-only row per change, whoever made it and through whichever door."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Activity(models.Model):
    """One entry per change: who did what to which candidate/job/application, and when.

    Append-only in the database (trigger `ats_append_only`, migration core 0002): UPDATE may only
    set a deleted actor, candidate, job or application to NULL, and DELETE is refused outside an
    erasure (ats.core.history.erasure). A merge leaves its rows on the merged-away candidate,
    where they happened; the kept candidate's timeline reads both.
    """

    class Verb(models.TextChoices):
        CANDIDATE_CREATED = "candidate_created", "created the candidate"
        CANDIDATE_EDITED = "candidate_edited", "edited the profile"
        PROFILE_REVIEWED = "profile_reviewed", "reviewed what a résumé changed"
        CANDIDATE_DELETED = "candidate_deleted", "deleted a candidate"
        CANDIDATES_MERGED = "candidates_merged", "merged candidates"
        MERGE_UNDONE = "merge_undone", "undid a merge"
        BULK_UNDONE = "bulk_undone", "undid a bulk change"
        RESUME_UPLOADED = "resume_uploaded", "uploaded a résumé"
        RESUME_PARSED = "resume_parsed", "résumé parsed"
        RESUME_FAILED = "resume_failed", "résumé could not be parsed"
        RESUME_REPARSE = "resume_reparse", "asked for a re-parse"
        JOB_CREATED = "job_created", "created the job"
        JOB_EDITED = "job_edited", "edited the job"
        JOB_STATUS = "job_status", "changed the job status"
        APPLICATION_CREATED = "application_created", "added to a job"
        STAGE_MOVED = "stage_moved", "moved to a stage"
        OUTCOME_SET = "outcome_set", "set the outcome"
        NOTE_ADDED = "note_added", "added a note"
        TAGS_CHANGED = "tags_changed", "changed tags"
        LISTS_CHANGED = "lists_changed", "changed a candidate list"
        SEARCH_SAVED = "search_saved", "saved a search"
        SEARCH_DELETED = "search_deleted", "deleted a saved search"
        REVIEW_REQUESTED = "review_requested", "asked for a review"
        REVIEW_SUBMITTED = "review_submitted", "submitted a review"
        NOTIFICATIONS_CHANGED = "notifications_changed", "changed notification settings"
        EMAIL_QUEUED = "email_queued", "queued an e-mail"
        EMAIL_CANCELLED = "email_cancelled", "cancelled an e-mail"
        EMAIL_RECEIVED = "email_received", "e-mail received"
        CONTACT_PREFERENCE = "contact_preference", "changed the contact preference"

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(max_length=40, choices=Verb.choices)
    candidate = models.ForeignKey(
        "candidates.Candidate", null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.CASCADE, related_name="activities")
    application = models.ForeignKey(
        "jobs.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The table kept its name when the model moved here from candidates (no data moved).
        db_table = "candidates_activity"
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "activities"
        indexes = [
            models.Index(fields=["candidate", "-created_at"], name="activity_candidate_recent"),
            models.Index(fields=["job", "-created_at"], name="activity_job_recent"),
        ]

    def __str__(self) -> str:
        return self.get_verb_display()
