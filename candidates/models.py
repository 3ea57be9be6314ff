"""People and their documents: candidates, résumés and what was parsed from them, notes, activity."""
from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


def _resume_storage():
    return storages["resumes"]


def resume_upload_to(instance: "Resume", filename: str) -> str:
    # A random name: the original file name is personal data and lives in its own column.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{suffix}"


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    class Source(models.TextChoices):
        UPLOAD = "upload", "Résumé upload"
        IMPORT = "import", "Bulk import"
        REFERRAL = "referral", "Referral"
        SOURCED = "sourced", "Sourced"
        CAREERS = "careers", "Careers page"
        AGENCY = "agency", "Agency"
        OTHER = "other", "Other"

    full_name = models.CharField(max_length=200, blank=True)
    headline = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    # Emails are stored lower-cased and phones as E.164 (or digits) so matching is an indexed
    # array overlap; the GIN indexes below serve `emails__overlap` / `phones__overlap`.
    emails = ArrayField(models.CharField(max_length=254), default=list, blank=True)
    phones = ArrayField(models.CharField(max_length=32), default=list, blank=True)
    links = ArrayField(models.CharField(max_length=500), default=list, blank=True)
    skills = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    languages = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.UPLOAD)
    tags = models.ManyToManyField(Tag, blank=True, related_name="candidates")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_candidates"
    )
    # Field names a recruiter corrected by hand: a re-parse never overwrites them.
    corrected_fields = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    # Set when a recruiter merged this candidate into another; merged candidates are hidden
    # everywhere but can be restored by undoing the merge (see CandidateMerge).
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    search_document = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            GinIndex(fields=["emails"], name="candidate_emails_gin"),
            GinIndex(fields=["phones"], name="candidate_phones_gin"),
            GinIndex(fields=["skills"], name="candidate_skills_gin"),
            GinIndex(fields=["search_document"], name="candidate_search_gin"),
            # Trigram index so misspelled names still match (pg_trgm, created in migration 0003).
            GinIndex(fields=["full_name"], name="candidate_name_trgm", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or (self.emails[0] if self.emails else f"Candidate #{self.pk}")

    def get_absolute_url(self) -> str:
        return reverse("candidates:detail", args=[self.pk])


class UploadBatch(models.Model):
    """One upload action (one file or hundreds), so its page can show every file's progress."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    stage = models.ForeignKey("jobs.Stage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "upload batches"

    def get_absolute_url(self) -> str:
        return reverse("candidates:upload_batch", args=[self.pk])


class Resume(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        PARSING = "parsing", "Parsing"
        PARSED = "parsed", "Parsed"
        FAILED = "failed", "Failed"

    # Work not finished yet: shown as "being parsed", not re-parsed, waited for by commands.
    IN_PROGRESS = (Status.QUEUED, Status.PARSING)

    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.CASCADE, related_name="resumes"
    )
    file = models.FileField(storage=_resume_storage, upload_to=resume_upload_to, max_length=200)
    original_filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    failure_reason = models.TextField(blank=True)
    parser_version = models.CharField(max_length=20, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    parsed = models.JSONField(null=True, blank=True)
    text = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploaded_resumes"
    )
    batch = models.ForeignKey(UploadBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="resumes")
    # Where the upload asked the candidate to go once parsed.
    target_job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target_stage = models.ForeignKey("jobs.Stage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    parsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "status_changed_at"], name="resume_status_age")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(failure_reason=""), name="resume_failed_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status="parsed") | Q(candidate__isnull=False, parsed__isnull=False),
                name="resume_parsed_has_candidate",
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="resume_not_empty"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="resume_sha256_hex"),
        ]

    def __str__(self) -> str:
        return self.original_filename

    @property
    def in_progress(self) -> bool:
        """Queued or being parsed: a re-parse now would only queue the same work twice."""
        return self.status in self.IN_PROGRESS


class Education(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="education")
    resume = models.ForeignKey(Resume, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    institution = models.CharField(max_length=300)
    degree = models.CharField(max_length=200, blank=True)
    field = models.CharField(max_length=200, blank=True)
    # "YYYY", "YYYY-MM" (or "present" for end) exactly as the parser reports them.
    start = models.CharField(max_length=7, blank=True)
    end = models.CharField(max_length=7, blank=True)
    gpa = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["candidate", "position"]
        verbose_name_plural = "education"

    def __str__(self) -> str:
        return self.institution


class Experience(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="experience")
    resume = models.ForeignKey(Resume, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    company = models.CharField(max_length=300)
    title = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=200, blank=True)
    start = models.CharField(max_length=7, blank=True)
    end = models.CharField(max_length=7, blank=True)
    highlights = ArrayField(models.TextField(), default=list, blank=True)

    class Meta:
        ordering = ["candidate", "position"]
        verbose_name_plural = "experience"

    def __str__(self) -> str:
        return f"{self.title} at {self.company}" if self.title else self.company


class PossibleDuplicate(models.Model):
    """Two candidates that may be one person, and why we think so."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="duplicate_flags")
    other = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    reasons = ArrayField(models.CharField(max_length=100), default=list)
    dismissed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "other"], name="duplicate_pair_unique"),
            models.CheckConstraint(condition=~Q(candidate=models.F("other")), name="duplicate_not_self"),
        ]


class Note(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="notes")
    application = models.ForeignKey(
        "jobs.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    # Recruiters choose which notes hiring managers see next to a shortlisted candidate.
    visible_to_hiring_managers = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="note_not_blank")]

    def __str__(self) -> str:
        return self.body[:60]


class Activity(models.Model):
    """One entry per change: who did what to which candidate/job/application, and when."""

    class Verb(models.TextChoices):
        CANDIDATE_CREATED = "candidate_created", "created the candidate"
        CANDIDATE_EDITED = "candidate_edited", "edited the profile"
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
        REVIEW_SUBMITTED = "review_submitted", "submitted a review"

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(max_length=40, choices=Verb.choices)
    candidate = models.ForeignKey(Candidate, null=True, blank=True, on_delete=models.CASCADE, related_name="activities")
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.CASCADE, related_name="activities")
    application = models.ForeignKey(
        "jobs.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "activities"
        indexes = [
            models.Index(fields=["candidate", "-created_at"], name="activity_candidate_recent"),
            models.Index(fields=["job", "-created_at"], name="activity_job_recent"),
        ]

    def __str__(self) -> str:
        return self.get_verb_display()


class SavedSearch(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=100)
    query_string = models.TextField(help_text="The search page's URL query, e.g. q=python&skills=Go")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "saved searches"
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="saved_search_name_unique")]

    def __str__(self) -> str:
        return self.name


class CandidateList(models.Model):
    """A recruiter's named list of candidates (a talent pool, a shortlist in the making)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_lists")
    name = models.CharField(max_length=100)
    candidates = models.ManyToManyField(Candidate, through="CandidateListEntry", related_name="lists")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="candidate_list_name_unique")]

    def __str__(self) -> str:
        return self.name


class CandidateListEntry(models.Model):
    candidate_list = models.ForeignKey(CandidateList, on_delete=models.CASCADE, related_name="entries")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["candidate_list", "candidate"], name="list_entry_unique")]


class CandidateMerge(models.Model):
    """A merge of `merged` into `kept`, with what is needed to undo it."""

    kept = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="merges_kept")
    merged = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="merges_merged")
    # Field values of `kept` before the merge, and the ids of rows moved from `merged` to `kept`.
    snapshot = models.JSONField(default=dict)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]
        constraints = [models.CheckConstraint(condition=~Q(kept=models.F("merged")), name="merge_not_self")]


class BulkAction(models.Model):
    """A bulk change (tag, add to job, move, reject) kept so it can be undone."""

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
        ordering = ["-created_at"]
