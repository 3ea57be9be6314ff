"""Résumés: the stored file, its parse state and what was read from it; upload batches."""
from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
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
        "candidates.Candidate", null=True, blank=True, on_delete=models.CASCADE, related_name="resumes"
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
    # "host:pid" of the process that claimed it for parsing: the sweeper knows at once when it died.
    claimed_by = models.CharField(max_length=100, blank=True)
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
    # The résumé joined a candidate who already existed (the upload result says so, with a link).
    joined_existing = models.BooleanField(default=False)

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


class ProfileUpdate(models.Model):
    """What a résumé changed on a profile that already existed, section by section, with the values
    before and after, so nothing a newer (or re-read) résumé replaced is lost: the profile shows
    it, and a recruiter keeps the change or restores the previous value per section."""

    class Decision(models.TextChoices):
        KEPT = "kept", "Kept the update"
        RESTORED = "restored", "Restored the previous value"

    # Sections a résumé can change (lists such as e-mails and skills only ever grow).
    SECTIONS = ("full_name", "headline", "location", "summary", "experience", "education")

    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="profile_updates")
    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="profile_updates")
    # {section: value} for the sections that changed; rows as lists of dicts.
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    # {section: "kept" | "restored"} once a recruiter has decided.
    decisions = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["candidate", "-created_at"], name="profileupdate_recent")]

    def __str__(self) -> str:
        return f"{self.resume} → {', '.join(self.changed_sections)}"

    @property
    def changed_sections(self) -> list[str]:
        return [section for section in self.SECTIONS if section in self.after]

    @property
    def open_sections(self) -> list[str]:
        """Changed sections nobody has decided on yet."""
        return [section for section in self.changed_sections if section not in self.decisions]
