"""Requisitions and their pipelines: jobs, ordered stages, applications and their stage history."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Deferrable, Q
from django.urls import reverse
from django.utils import timezone


class Job(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        ON_HOLD = "on_hold", "On hold"
        CLOSED = "closed", "Closed"

    # Which status may follow which. A job that has been open never goes back to draft (it has
    # had applicants and reports count it); a closed job can be reopened. Every change writes a
    # JobStatusChange.
    STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
        Status.DRAFT: frozenset({Status.OPEN, Status.CLOSED}),
        Status.OPEN: frozenset({Status.ON_HOLD, Status.CLOSED}),
        Status.ON_HOLD: frozenset({Status.OPEN, Status.CLOSED}),
        Status.CLOSED: frozenset({Status.OPEN}),
    }

    class RemotePolicy(models.TextChoices):
        ONSITE = "onsite", "On-site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE = "remote", "Remote"

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", "Full-time"
        PART_TIME = "part_time", "Part-time"
        CONTRACT = "contract", "Contract"
        TEMPORARY = "temporary", "Temporary"
        INTERNSHIP = "internship", "Internship"

    title = models.CharField(max_length=200)
    department = models.CharField(max_length=100, blank=True, db_index=True)
    location = models.CharField(max_length=200, blank=True)
    remote_policy = models.CharField(max_length=10, choices=RemotePolicy.choices, default=RemotePolicy.ONSITE)
    employment_type = models.CharField(max_length=12, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="recruited_jobs"
    )
    hiring_managers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="managed_jobs")
    # Hide name, photo, age, gender, nationality and contacts from hiring managers on review.
    anonymised_review = models.BooleanField(default=False)
    # Shown on the public careers site (only while also open): a job can be open for sourcing
    # without being advertised. `valid_through` is the advert's last day (JobPosting.validThrough).
    published = models.BooleanField("published on the careers site", default=False)
    valid_through = models.DateField("advertised until", null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="job_title_not_blank"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(opened_at__isnull=False), name="job_opened_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False), name="job_closed_has_date"
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(opened_at__isnull=True) | Q(closed_at__gte=models.F("opened_at")),
                name="job_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    def can_become(self, status: str) -> bool:
        return status in self.STATUS_TRANSITIONS.get(self.status, frozenset())

    def next_statuses(self) -> list[str]:
        """The statuses this job may move to, in the order of Status."""
        allowed = self.STATUS_TRANSITIONS.get(self.status, frozenset())
        return [status for status in self.Status.values if status in allowed]


class JobStatusChange(models.Model):
    """Append-only history of a job's status (the first row records its status at creation):
    reports of time to fill and open headcount read it. Guarded by ats.core.history."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Job.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Job.Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["job", "changed_at", "id"]
        indexes = [models.Index(fields=["job", "changed_at"], name="jobstatuschange_history")]
        constraints = [
            models.CheckConstraint(condition=~Q(from_status=models.F("to_status")), name="jobstatuschange_changes"),
        ]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"


class Stage(models.Model):
    class Kind(models.TextChoices):
        APPLIED = "applied", "Applied"
        SCREENING = "screening", "Screening"
        SHORTLIST = "shortlist", "Shortlist / hiring-manager review"
        INTERVIEW = "interview", "Interview"
        OFFER = "offer", "Offer"
        HIRED = "hired", "Hired"

    DEFAULT_PIPELINE: tuple[tuple[str, str], ...] = (
        ("Applied", Kind.APPLIED),
        ("Screening", Kind.SCREENING),
        ("Shortlisted", Kind.SHORTLIST),
        ("Interview", Kind.INTERVIEW),
        ("Offer", Kind.OFFER),
        ("Hired", Kind.HIRED),
    )

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(max_length=60)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField()
    # Applications here wait for the job's hiring managers (Shortlisted by default).
    needs_review = models.BooleanField(default=False)
    # Off by default. When set, entering this stage queues this template to the candidate, sent
    # after EMAIL_STAGE_DELAY_SECONDS so a mistaken move can be undone before the mail leaves.
    auto_email_template = models.ForeignKey(
        "candidates.EmailTemplate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"active": True},
    )

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            # Deferred so a reorder can swap positions inside one transaction.
            models.UniqueConstraint(
                fields=["job", "position"], name="stage_position_unique", deferrable=Deferrable.DEFERRED
            ),
            models.UniqueConstraint(fields=["job", "name"], name="stage_name_unique"),
            # Target of the composite foreign key that keeps an application's stage in its own job.
            models.UniqueConstraint(fields=["id", "job"], name="stage_id_job_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="stage_name_not_blank"),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewCriterion(models.Model):
    """A scorecard attribute the hiring managers rate, e.g. "Distributed systems"."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["job", "position", "id"]
        verbose_name_plural = "review criteria"
        constraints = [models.UniqueConstraint(fields=["job", "name"], name="criterion_name_unique")]

    def __str__(self) -> str:
        return self.name


# The sub-packages' models belong to this app too: importing them here registers them with it.
from jobs.applications.models import Application, OutcomeChange, RejectionReason, StageChange  # noqa: E402, F401
from jobs.bulk.models import BulkAction  # noqa: E402, F401
from jobs.careers.models import ApplicationAnswer, ApplicationQuestion, Consent  # noqa: E402, F401
from jobs.reviews.models import (  # noqa: E402, F401
    NotificationPreference,
    Review,
    ReviewRating,
    ReviewRequest,
)
from jobs.reports.models import (  # noqa: E402, F401
    ReportActivityHour,
    ReportApplication,
    ReportClosure,
    ReportClosureDay,
    ReportReachHour,
    ReportStay,
)
