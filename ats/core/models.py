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
        # Privacy (issue 15, part 4): consent, retention, erasure and subject access.
        CONSENT_RECORDED = "consent_recorded", "recorded consent"
        CONSENT_WITHDRAWN = "consent_withdrawn", "withdrew consent"
        RETENTION_SET = "retention_set", "set the retention date"
        ERASURE_REQUESTED = "erasure_requested", "asked for erasure"
        ERASURE_DECLINED = "erasure_declined", "declined an erasure request"
        CANDIDATE_ERASED = "candidate_erased", "erased the candidate's personal data"
        SUBJECT_EXPORTED = "subject_exported", "exported everything held about the candidate"

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


class AuditEvent(models.Model):
    """The audit trail: who read or changed what, when, and from which address (issue 15, part 3).

    Every change reaches it through the activity log's one writer (`activity_record`: action = the
    activity's verb); reads are recorded by the read paths themselves (a profile opened, a résumé
    downloaded or previewed, an export, an API read), each with exactly one row. Append-only in the
    database like the histories: no UPDATE or DELETE, except an erasure scrubbing a person's
    personal data from `data`. `data` holds ids and parameters, never copies of personal fields.
    """

    class Read(models.TextChoices):
        PROFILE_VIEWED = "profile_viewed", "viewed a profile"
        RESUME_DOWNLOADED = "resume_downloaded", "downloaded a résumé"
        RESUME_PREVIEWED = "resume_previewed", "previewed a résumé"
        EXPORTED = "exported", "exported a CSV"
        API_READ = "api_read", "read through the API"
        SUBJECT_EXPORT_DOWNLOADED = "subject_export_downloaded", "downloaded a subject access export"
        SELF_SERVICE_VIEWED = "self_service_viewed", "the candidate viewed what is held about them"

    ACTIONS = Read.choices + Activity.Verb.choices

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Kept as typed at the time: the trail still names who it was after their account is deleted.
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=40, choices=ACTIONS)
    candidate = models.ForeignKey(
        "candidates.Candidate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at"], name="audit_recent"),
            models.Index(fields=["candidate", "-created_at"], name="audit_candidate_recent"),
            models.Index(fields=["actor", "-created_at"], name="audit_actor_recent"),
            models.Index(fields=["action", "-created_at"], name="audit_action_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_name or 'system'} {self.get_action_display()}"
