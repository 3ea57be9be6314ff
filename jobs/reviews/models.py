"""Hiring-manager reviews: scorecards, review requests and who wants which e-mail."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Review(models.Model):
    """A hiring manager's structured judgement of one application."""

    class Recommendation(models.TextChoices):
        STRONG_NO = "strong_no", "Strong no"
        NO = "no", "No"
        YES = "yes", "Yes"
        STRONG_YES = "strong_yes", "Strong yes"

    application = models.ForeignKey("jobs.Application", on_delete=models.CASCADE, related_name="reviews")
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
    criterion = models.ForeignKey("jobs.ReviewCriterion", on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="rating_once_per_criterion"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=4), name="rating_score_1_to_4"),
        ]


class ReviewRequest(models.Model):
    """A recruiter asking a hiring manager to review an application, so lateness can be seen."""

    application = models.ForeignKey("jobs.Application", on_delete=models.CASCADE, related_name="review_requests")
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
