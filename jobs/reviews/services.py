"""Writes of reviews: scorecards, review requests, notification settings and the digest's
bookkeeping; each atomic, and audited where a person made the change."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ats.core.access import User
from ats.core.models import Activity
from ats.core.services import activity_record
from ats.webhooks.services import event_record
from jobs.applications.models import Application
from jobs.models import ReviewCriterion
from jobs.reviews import notifications
from jobs.reviews.models import (
    NotificationPreference,
    Review,
    ReviewRating,
    ReviewRequest,
)


class ReviewError(ValueError):
    """The input cannot become a review or a review request; the message is shown to the user."""


@transaction.atomic
def review_submit(
    *,
    actor: User,
    application: Application,
    recommendation: str,
    comment: str = "",
    ratings: Mapping[int, tuple[int, str]],
) -> Review:
    """Create or replace the actor's review of the application (one per reviewer), rating every
    criterion of the job; completes their open review request and tells the recruiter on commit."""
    if recommendation not in Review.Recommendation.values:
        raise ReviewError("Choose an overall recommendation.")
    criteria = {c.pk: c for c in ReviewCriterion.objects.filter(job_id=application.job_id)}
    missing = [c.name for pk, c in criteria.items() if pk not in ratings]
    if missing:
        raise ReviewError(f"Rate every criterion: {', '.join(missing)}.")
    if set(ratings) - set(criteria):
        raise ReviewError("A rating refers to a criterion of another job.")
    if any(not 1 <= score <= 4 for score, _ in ratings.values()):
        raise ReviewError("Ratings go from 1 (poor) to 4 (excellent).")
    review, created = Review.objects.select_for_update().get_or_create(
        application=application,
        reviewer=actor,
        defaults={"recommendation": recommendation, "comment": comment.strip()},
    )
    if not created:
        review.recommendation = recommendation
        review.comment = comment.strip()
        review.save(update_fields=["recommendation", "comment"])
        review.ratings.all().delete()
    ReviewRating.objects.bulk_create(
        ReviewRating(review=review, criterion_id=pk, score=score, comment=text.strip())
        for pk, (score, text) in ratings.items()
    )
    ReviewRequest.objects.filter(application=application, reviewer=actor, completed_at__isnull=True).update(
        completed_at=timezone.now()
    )
    activity_record(
        actor=actor,
        verb=Activity.Verb.REVIEW_SUBMITTED,
        candidate=application.candidate,
        job=application.job,
        application=application,
        data={"recommendation": recommendation, "edited": not created},
    )
    event_record("review.submitted", candidate_id=application.candidate_id, payload={"review_id": review.pk, "application_id": application.pk, "job_id": application.job_id, "recommendation": recommendation})
    if created:
        notifications.review_submitted(review)
    return review


@transaction.atomic
def review_request_create(
    *, actor: User, application: Application, reviewer: User, due_in_days: int
) -> ReviewRequest:
    """Ask a hiring manager of the job to review the application within `due_in_days` days."""
    if not application.job.hiring_managers.filter(pk=reviewer.pk).exists():
        raise ReviewError("Only a hiring manager of this job can be asked for a review.")
    if not application.stage.needs_review:
        raise ReviewError(
            f"{application.candidate.display_name} is in {application.stage.name}: move them to a review stage "
            "first, so the hiring manager can see them."
        )
    if Review.objects.filter(application=application, reviewer=reviewer).exists():
        raise ReviewError("This hiring manager has already reviewed this candidate.")
    now = timezone.now()
    request, _ = ReviewRequest.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={"requested_by": actor, "requested_at": now, "due_at": now + timedelta(days=due_in_days), "completed_at": None},
    )
    activity_record(
        actor=actor,
        verb=Activity.Verb.REVIEW_REQUESTED,
        candidate=application.candidate,
        job=application.job,
        application=application,
        data={"reviewer_id": reviewer.pk, "due_at": request.due_at.isoformat()},
    )
    return request


@transaction.atomic
def notification_preference_update(*, actor: User, shortlist_digest: bool, review_submitted: bool) -> NotificationPreference:
    """The actor's choice of e-mails."""
    preference, _ = NotificationPreference.objects.get_or_create(user_id=actor.pk)
    changes = {"shortlist_digest": shortlist_digest, "review_submitted": review_submitted}
    changed = {name: value for name, value in changes.items() if getattr(preference, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(preference, name, value)
        preference.save(update_fields=list(changed))
        activity_record(actor=actor, verb=Activity.Verb.NOTIFICATIONS_CHANGED, data=changed)
    return preference


def shortlist_digest_send(user_id: int) -> int:
    """Mail the manager every candidate that arrived since their last digest; returns how many
    were listed. Safe to run twice at once: the preference row is locked and its last_digest_at
    moved forward in the same transaction, so the second run finds nothing new."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    until = timezone.now() - timedelta(seconds=notifications.digest_settle())
    with transaction.atomic():
        NotificationPreference.objects.get_or_create(user_id=user_id)
        preference = NotificationPreference.objects.select_for_update().get(user_id=user_id)
        since = preference.last_digest_at
        if since is not None and since >= until:
            return 0
        applications = notifications.digest_applications(user_id, since=since, until=until)
        preference.last_digest_at = until
        preference.save(update_fields=["last_digest_at"])
        if applications and preference.shortlist_digest and user.email:
            # Sent inside the lock: a crash before the commit means a retry re-sends, never a loss.
            notifications.send_digest(user, applications)
    if notifications.digest_settle() and notifications.digest_applications(user_id, since=until, until=timezone.now()):
        # Arrivals too fresh for this run (their move may still have been committing): next digest.
        notifications.schedule_digest(user_id, delay=notifications.digest_settle())
    return len(applications) if preference.shortlist_digest else 0
