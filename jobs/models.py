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


class Application(models.Model):
    class Outcome(models.TextChoices):
        ACTIVE = "active", "Active"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"
        HIRED = "hired", "Hired"

    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="applications")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="applications")
    # The database also checks (stage, job) against Stage(id, job): see migration 0002.
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="applications")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ACTIVE, db_index=True)
    outcome_reason = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=50, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    applied_at = models.DateTimeField(default=timezone.now)
    stage_entered_at = models.DateTimeField(default=timezone.now)
    outcome_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-applied_at"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "job"], name="application_candidate_job_unique"),
            models.CheckConstraint(
                condition=Q(outcome__in=["active", "hired"]) | ~Q(outcome_reason=""),
                name="application_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(outcome="active") | Q(outcome_at__isnull=False), name="application_outcome_has_date"
            ),
        ]
        indexes = [
            models.Index(fields=["job", "stage", "outcome", "stage_entered_at"], name="application_board"),
            # The dashboard's "waiting too long" list: active applications, oldest stage entry first.
            models.Index(fields=["stage_entered_at"], condition=Q(outcome="active"), name="application_waiting"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.job}"


class StageChange(models.Model):
    """Append-only history of an application's stage moves.

    A trigger (migration 0002) refuses any UPDATE except the SET NULLs that deleting a stage or a
    user causes; the stage names are copied so the history still reads well after that.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_stage_name = models.CharField(max_length=60, blank=True)
    to_stage_name = models.CharField(max_length=60)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "changed_at", "id"]
        indexes = [models.Index(fields=["application", "changed_at"], name="stagechange_history")]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_stage__isnull=True) | ~Q(from_stage=models.F("to_stage")), name="stagechange_moves"
            ),
            models.CheckConstraint(condition=~Q(to_stage_name=""), name="stagechange_has_target"),
        ]

    def __str__(self) -> str:
        return f"{self.from_stage_name or '∅'} → {self.to_stage_name}"


class Review(models.Model):
    """A hiring manager's structured judgement of one application."""

    class Recommendation(models.TextChoices):
        STRONG_NO = "strong_no", "Strong no"
        NO = "no", "No"
        YES = "yes", "Yes"
        STRONG_YES = "strong_yes", "Strong yes"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices)
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="review_once_per_reviewer")]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.application}: {self.get_recommendation_display()}"


class ReviewRating(models.Model):
    """One criterion rated 1 (poor) to 4 (excellent), with an optional comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(ReviewCriterion, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="rating_once_per_criterion"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=4), name="rating_score_1_to_4"),
        ]


class ReviewRequest(models.Model):
    """A recruiter asking a hiring manager to review an application, so lateness can be seen."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="review_requests")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="review_request_unique"),
            models.CheckConstraint(condition=Q(due_at__gte=models.F("requested_at")), name="review_due_after_request"),
        ]


class NotificationPreference(models.Model):
    """Which e-mails a user wants, and when their last shortlist digest went out."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference")
    shortlist_digest = models.BooleanField(default=True, help_text="A digest when candidates reach my shortlists")
    review_submitted = models.BooleanField(default=True, help_text="An e-mail when a review of my job's candidate comes in")
    last_digest_at = models.DateTimeField(null=True, blank=True)
