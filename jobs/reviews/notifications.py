"""E-mail notifications about reviews: when they are queued, for whom, and what they say.

Two kinds, each can be turned off per user (NotificationPreference):
- a shortlist digest to each hiring manager: one mail listing every candidate that reached their
  review stages since the last digest, not one mail per candidate;
- a mail to the job's recruiter when a hiring manager submits a review.

The services call `shortlist_arrived` and `review_submitted`; the mails go out from the RQ jobs
in jobs.reviews.tasks (queue "notifications"), which carry ids only, re-read the database and are
no-ops when re-run. Nothing here writes to the database.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from rq.exceptions import DuplicateJobError

from ats.core import queues
from jobs.applications.models import Application
from jobs.reviews.models import NotificationPreference, Review
from jobs.reviews.selectors import application_label

log = logging.getLogger(__name__)

QUEUE = "notifications"
DIGEST_TASK = "jobs.reviews.tasks.send_shortlist_digest"
REVIEW_SUBMITTED_TASK = "jobs.reviews.tasks.send_review_submitted"
JOB_TIMEOUT = 60


def digest_delay() -> int:
    # Candidates often arrive in bursts (a recruiter shortlists five in a row): wait a little so
    # they go out together.
    return int(settings.SHORTLIST_DIGEST_DELAY_SECONDS)


def digest_settle() -> int:
    # An arrival is listed only once its move is this old, so a move still committing while the
    # digest runs is not skipped for good (see jobs.reviews.services.shortlist_digest_send).
    return int(min(settings.SHORTLIST_DIGEST_SETTLE_SECONDS, digest_delay()))


def wants(user_id: int, kind: str) -> bool:
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
    queues.after_commit(schedule_digests_for, application.pk, what="schedule the shortlist digests")


def schedule_digests_for(application_id: int) -> None:
    application = Application.objects.filter(pk=application_id).select_related("job").first()
    if application is None or application.outcome != Application.Outcome.ACTIVE:
        return
    reviewed = Review.objects.filter(application_id=application_id, reviewer=OuterRef("pk"))
    managers = application.job.hiring_managers.filter(is_active=True).exclude(Exists(reviewed))
    for user_id in managers.values_list("pk", flat=True):
        if wants(user_id, "shortlist_digest"):
            schedule_digest(user_id)


def schedule_digest(user_id: int, *, delay: int | None = None) -> None:
    """Queue the manager's digest under a job id derived from the manager, so while one is waiting
    further arrivals collapse into it. If that one is already running, a single follow-up job
    (`-next`) picks up what it could not see."""
    queue = queues.get_queue(QUEUE)
    delay = digest_delay() if delay is None else delay
    for job_id in (f"digest-{user_id}", f"digest-{user_id}-next"):
        options = {"job_id": job_id, "unique": True, "job_timeout": JOB_TIMEOUT, "result_ttl": 0, "failure_ttl": 24 * 3600}
        try:
            if delay > 0:
                queue.enqueue_in(timedelta(seconds=delay), DIGEST_TASK, user_id, **options)
            else:
                queue.enqueue(DIGEST_TASK, user_id, **options)
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


def send_digest(user: object, applications: list[Application]) -> None:
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
    queues.enqueue_on_commit(
        QUEUE, REVIEW_SUBMITTED_TASK, review.pk, job_id=f"review-submitted-{review.pk}", job_timeout=JOB_TIMEOUT,
    )


def send_review_submitted_mail(review_id: int) -> bool:
    """Mail the recruiter of the job about a new review. Returns whether a mail went out."""
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
    if not wants(recruiter.pk, "review_submitted"):
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
