"""E-mail notifications, sent from RQ jobs on the "notifications" queue.

Two kinds, each can be turned off per user (NotificationPreference):
- a shortlist digest to each hiring manager: one mail listing every candidate that reached their
  review stages since the last digest, not one mail per candidate;
- a mail to the job's recruiter when a hiring manager submits a review.

Jobs carry ids only, re-read the database and are no-ops when re-run.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from rq.exceptions import DuplicateJobError

from ats import queues
from jobs.models import Application, NotificationPreference, Review

log = logging.getLogger(__name__)

QUEUE = "notifications"
JOB_TIMEOUT = 60
# Tracebacks can hold personal data: keep failed notification jobs for a day only.
FAILURE_TTL = 24 * 3600


def _digest_delay() -> int:
    # Candidates often arrive in bursts (a recruiter shortlists five in a row): wait a little so
    # they go out together.
    return int(settings.SHORTLIST_DIGEST_DELAY_SECONDS)


def _digest_settle() -> int:
    # An arrival is listed only once its move is this old, so a move still committing while the
    # digest runs is not skipped for good (see send_shortlist_digest).
    return int(min(settings.SHORTLIST_DIGEST_SETTLE_SECONDS, _digest_delay()))


def preference_for(user_id: int) -> NotificationPreference:
    return NotificationPreference.objects.get_or_create(user_id=user_id)[0]


def _wants(user_id: int, kind: str) -> bool:
    preference = NotificationPreference.objects.filter(user_id=user_id).only(kind).first()
    return getattr(preference, kind) if preference is not None else True


def _site_url(path: str) -> str:
    return settings.SITE_URL + path


def _send(*, to: str, subject: str, template: str, context: dict[str, object]) -> None:
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


# --- Shortlist digest ------------------------------------------------------------------------------


def shortlist_arrived(application: Application) -> None:
    """Called by the services when an application is created in or moved to a stage.

    If the stage waits for hiring managers, schedule each manager's digest once the surrounding
    transaction commits.
    """
    if not application.stage.needs_review:
        return
    application_id = application.pk
    transaction.on_commit(lambda: _schedule_digests_for(application_id))


def _schedule_digests_for(application_id: int) -> None:
    application = Application.objects.filter(pk=application_id).select_related("job").first()
    if application is None or application.outcome != Application.Outcome.ACTIVE:
        return
    reviewed = Review.objects.filter(application_id=application_id, reviewer=OuterRef("pk"))
    managers = application.job.hiring_managers.filter(is_active=True).exclude(Exists(reviewed))
    for user_id in managers.values_list("pk", flat=True):
        if _wants(user_id, "shortlist_digest"):
            schedule_digest(user_id)


def schedule_digest(user_id: int, *, delay: int | None = None) -> None:
    """Queue the manager's digest under a job id derived from the manager, so while one is waiting
    further arrivals collapse into it. If that one is already running, a single follow-up job
    (`-next`) picks up what it could not see."""
    # Callers already run after the commit; "auto" enqueues now, so a duplicate is seen right here.
    queue = queues.get_queue(QUEUE, commit_mode="auto")
    delay = _digest_delay() if delay is None else delay
    for job_id in (f"digest-{user_id}", f"digest-{user_id}-next"):
        options = {"job_id": job_id, "unique": True, "job_timeout": JOB_TIMEOUT, "result_ttl": 0, "failure_ttl": FAILURE_TTL}
        try:
            if delay > 0:
                queue.enqueue_in(timedelta(seconds=delay), send_shortlist_digest, user_id, **options)
            else:
                queue.enqueue(send_shortlist_digest, user_id, **options)
        except DuplicateJobError:
            existing = queue.fetch_job(job_id)
            if existing is not None and existing.get_status(refresh=False) in ("queued", "scheduled", "deferred"):
                return  # the waiting digest will include this arrival
            continue
        return


def digest_applications(user_id: int, *, since: object, until: object) -> list[Application]:
    """Active applications that entered a review stage of the manager's jobs in (since, until],
    that the manager has not reviewed yet."""
    reviewed = Review.objects.filter(application=OuterRef("pk"), reviewer_id=user_id)
    applications = (
        Application.objects.filter(
            job__hiring_managers=user_id,
            stage__needs_review=True,
            outcome=Application.Outcome.ACTIVE,
            stage_entered_at__lte=until,
        )
        .exclude(Exists(reviewed))
        .select_related("candidate", "job", "stage")
        .order_by("job__title", "stage_entered_at", "id")
    )
    if since is not None:
        applications = applications.filter(stage_entered_at__gt=since)
    return list(applications)


def send_shortlist_digest(user_id: int) -> int:
    """RQ job: mail the manager every candidate that arrived since their last digest; returns how
    many were listed. Safe to run twice at once: the preference row is locked and its
    last_digest_at moved forward in the same transaction, so the second run finds nothing new."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    until = timezone.now() - timedelta(seconds=_digest_settle())
    with transaction.atomic():
        preference_for(user_id)
        preference = NotificationPreference.objects.select_for_update().get(user_id=user_id)
        since = preference.last_digest_at
        if since is not None and since >= until:
            return 0
        applications = digest_applications(user_id, since=since, until=until)
        preference.last_digest_at = until
        preference.save(update_fields=["last_digest_at"])
        if applications and preference.shortlist_digest and user.email:
            # Sent inside the lock: a crash before the commit means a retry re-sends, never a loss.
            _send_digest(user, applications)
    if _digest_settle() and digest_applications(user_id, since=until, until=timezone.now()):
        # Arrivals too fresh for this run (their move may still have been committing): next digest.
        schedule_digest(user_id, delay=_digest_settle())
    return len(applications) if preference.shortlist_digest else 0


def _send_digest(user: object, applications: list[Application]) -> None:
    from jobs.reviews import application_label

    groups: dict[int, dict[str, object]] = {}
    for application in applications:
        anonymised = application.job.anonymised_review
        group = groups.setdefault(application.job_id, {"job": application.job, "items": []})
        group["items"].append(
            {
                "label": application_label(application, anonymised=anonymised),
                "headline": "" if anonymised else application.candidate.headline,
                "stage": application.stage.name,
                "url": _site_url(reverse("reviews:review", args=[application.pk])),
            }
        )
    count = len(applications)
    context = {
        "user": user,
        "groups": list(groups.values()),
        "count": count,
        "inbox_url": _site_url(reverse("reviews:inbox")),
        "settings_url": _site_url(reverse("notification_settings")),
    }
    subject = f"{count} candidate{'s' if count != 1 else ''} waiting for your review"
    _send(to=user.email, subject=subject, template="shortlist_digest", context=context)


# --- Review submitted ------------------------------------------------------------------------------


def review_submitted(review: Review) -> None:
    """Called by review_submit: tell the job's recruiter once the review is committed."""
    review_id = review.pk
    queues.get_queue(QUEUE).enqueue(
        send_review_submitted,
        review_id,
        job_id=f"review-submitted-{review_id}",
        job_timeout=JOB_TIMEOUT,
        result_ttl=0,
        failure_ttl=FAILURE_TTL,
    )


def send_review_submitted(review_id: int) -> bool:
    """RQ job: mail the recruiter of the job about a new review. Returns whether a mail went out."""
    review = (
        Review.objects.filter(pk=review_id)
        .select_related("reviewer", "application__candidate", "application__job__recruiter", "application__stage")
        .prefetch_related("ratings__criterion")
        .first()
    )
    if review is None:
        return False
    recruiter = review.application.job.recruiter
    if recruiter is None or not recruiter.is_active or not recruiter.email:
        return False
    if not _wants(recruiter.pk, "review_submitted"):
        return False
    application = review.application
    context = {
        "recruiter": recruiter,
        "review": review,
        "reviewer_name": review.reviewer.get_full_name() or review.reviewer.username,
        "application": application,
        "ratings": sorted(review.ratings.all(), key=lambda r: (r.criterion.position, r.criterion_id)),
        "profile_url": _site_url(application.candidate.get_absolute_url()),
        "settings_url": _site_url(reverse("notification_settings")),
    }
    subject = (
        f"{context['reviewer_name']} reviewed {application.candidate.display_name} "
        f"({application.job.title}): {review.get_recommendation_display()}"
    )
    _send(to=recruiter.email, subject=subject, template="review_submitted", context=context)
    return True
