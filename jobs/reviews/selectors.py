"""Hiring-manager reviews: what waits for whom, who may see which feedback, summaries for recruiters.

Reads here follow the selectors rule: each returns only what the user may see, so a view cannot
forget a permission check. A hiring manager reaches only applications in a needs-review stage of a
job they are named on; everything else is 404.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ats.core.access import User, is_hiring_manager, is_recruiter
from candidates.models import Note
from candidates.resumes.models import Resume
from jobs.applications.models import Application
from jobs.models import Job, ReviewCriterion
from jobs.reviews.models import (
    NotificationPreference,
    Review,
    ReviewRating,
    ReviewRequest,
)

# --- Who reviews what ----------------------------------------------------------------------------


def reviewable_applications(user: User) -> QuerySet[Application]:
    """Applications waiting in a needs-review stage of the jobs this user is a hiring manager of."""
    if not (is_hiring_manager(user) or is_recruiter(user)):
        return Application.objects.none()
    return Application.objects.filter(job__hiring_managers=user, stage__needs_review=True).select_related(
        "candidate", "job", "stage"
    )


def _my_review(user: User) -> QuerySet[Review]:
    return Review.objects.filter(application=OuterRef("pk"), reviewer=user)


def anonymised_for(user: User, job: Job) -> bool:
    """Recruiters always see who the candidate is; hiring managers not on an anonymised job."""
    return job.anonymised_review and not is_recruiter(user)


def anonymised_review_application(user: User, candidate_id: int) -> Application | None:
    """For a hiring manager, the candidate's application on an anonymised job they review: they
    must then meet the candidate only through that anonymised review page."""
    if is_recruiter(user):
        return None
    return (
        reviewable_applications(user)
        .filter(candidate_id=candidate_id, job__anonymised_review=True)
        .order_by("stage_entered_at", "id")
        .first()
    )


def application_label(application: Application, *, anonymised: bool) -> str:
    return f"Candidate #{application.pk}" if anonymised else application.candidate.display_name


@dataclass
class InboxGroup:
    job: Job
    applications: list[Application] = field(default_factory=list)


def review_inbox(user: User) -> tuple[list[InboxGroup], list[Application]]:
    """(pending grouped by job, oldest waiting first; reviewed by me, latest first). Two queries."""
    pending = (
        reviewable_applications(user)
        .filter(outcome=Application.Outcome.ACTIVE)
        .exclude(Exists(_my_review(user)))
        .order_by("stage_entered_at", "id")
    )
    groups: dict[int, InboxGroup] = {}
    stale_before = timezone.now() - timedelta(days=settings.STALE_APPLICATION_DAYS)
    for application in pending:
        application.label = application_label(application, anonymised=anonymised_for(user, application.job))
        application.is_stale = application.stage_entered_at < stale_before
        groups.setdefault(application.job_id, InboxGroup(job=application.job)).applications.append(application)
    my_review = _my_review(user)
    reviewed = list(
        reviewable_applications(user)
        .filter(Exists(my_review))
        .annotate(
            my_recommendation=Subquery(my_review.values("recommendation")[:1]),
            my_submitted_at=Subquery(my_review.values("submitted_at")[:1]),
        )
        .order_by("-my_submitted_at")[:100]
    )
    labels = dict(Review.Recommendation.choices)
    for application in reviewed:
        application.label = application_label(application, anonymised=anonymised_for(user, application.job))
        application.my_recommendation_label = labels.get(application.my_recommendation, "")
    return list(groups.values()), reviewed


def pending_count(user: User) -> int:
    return (
        reviewable_applications(user)
        .filter(outcome=Application.Outcome.ACTIVE)
        .exclude(Exists(_my_review(user)))
        .count()
    )


def review_application_get(user: User, application_id: int) -> Application:
    """One application this user may review, with what the review page shows. 404 otherwise."""
    queryset = reviewable_applications(user).prefetch_related(
        Prefetch("job__criteria", queryset=ReviewCriterion.objects.order_by("position", "id")),
        Prefetch("candidate__resumes", queryset=Resume.objects.order_by("-created_at")),
        "candidate__experience",
        "candidate__education",
    )
    return get_object_or_404(queryset, pk=application_id)


def shortlist_sequence(user: User, application: Application) -> list[int]:
    """Ids of the job's active applications awaiting review, oldest first: j/k walk this list."""
    ids = list(
        reviewable_applications(user)
        .filter(job_id=application.job_id, outcome=Application.Outcome.ACTIVE)
        .order_by("stage_entered_at", "id")
        .values_list("id", flat=True)
    )
    if application.pk not in ids:
        ids.append(application.pk)
    return ids


def neighbours(user: User, application: Application) -> tuple[int | None, int | None]:
    ids = shortlist_sequence(user, application)
    index = ids.index(application.pk)
    previous = ids[index - 1] if index > 0 else None
    following = ids[index + 1] if index + 1 < len(ids) else None
    return previous, following


def next_to_review(user: User, after: Application) -> Application | None:
    """The next application still waiting for this user: later in the same shortlist, then anywhere."""
    pending = (
        reviewable_applications(user)
        .filter(outcome=Application.Outcome.ACTIVE)
        .exclude(Exists(_my_review(user)))
        .exclude(pk=after.pk)
    )
    ids = shortlist_sequence(user, after)
    later = ids[ids.index(after.pk) + 1 :]
    same_job = {a.pk: a for a in pending.filter(pk__in=later)}
    for application_id in later:
        if application_id in same_job:
            return same_job[application_id]
    return pending.order_by("stage_entered_at", "id").first()


def own_review(user: User, application: Application) -> Review | None:
    return (
        Review.objects.filter(application=application, reviewer=user)
        .prefetch_related(Prefetch("ratings", queryset=ReviewRating.objects.select_related("criterion")))
        .first()
    )


def feedback_visible_to(user: User, application: Application) -> list[Review]:
    """Other reviewers' feedback, for recruiters always, for a reviewer only once they have
    submitted their own: independent judgement first, then the discussion."""
    others = (
        Review.objects.filter(application=application)
        .exclude(reviewer=user)
        .select_related("reviewer")
        .prefetch_related(Prefetch("ratings", queryset=ReviewRating.objects.select_related("criterion")))
        .order_by("submitted_at")
    )
    if is_recruiter(user):
        return list(others)
    if not Review.objects.filter(application=application, reviewer=user).exists():
        return []
    # Hiring managers reach only applications they could review in the first place.
    if not reviewable_applications(user).filter(pk=application.pk).exists():
        return []
    return list(others)


def notes_for_reviewers(application: Application) -> list[Note]:
    """The recruiter's notes meant for hiring managers: on this application or on the candidate in
    general, never those written about the candidate's other applications."""
    return list(
        Note.objects.filter(candidate_id=application.candidate_id, visible_to_hiring_managers=True)
        .filter(Q(application__isnull=True) | Q(application=application))
        .select_related("author")
        .order_by("-created_at")
    )


# --- Summaries for recruiters ----------------------------------------------------------------------


@dataclass
class CriterionAverage:
    name: str
    average: float
    count: int


@dataclass
class Summary:
    reviews: list[Review] = field(default_factory=list)
    criteria: list[CriterionAverage] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.reviews)

    @property
    def positive(self) -> int:
        return sum(r.recommendation in (Review.Recommendation.YES, Review.Recommendation.STRONG_YES) for r in self.reviews)


def review_summaries(application_ids: Iterable[int]) -> dict[int, Summary]:
    """Who reviewed each application, their recommendation and the average per criterion.

    Two queries whatever the number of applications (reviews with reviewers, ratings with
    criteria). Only for recruiters' pages: it does not apply the independent-judgement rule.
    """
    ids = list(application_ids)
    if not ids:
        return {}
    reviews = list(
        Review.objects.filter(application_id__in=ids)
        .select_related("reviewer")
        .prefetch_related(Prefetch("ratings", queryset=ReviewRating.objects.select_related("criterion")))
        .order_by("submitted_at", "id")
    )
    summaries: dict[int, Summary] = {}
    for review in reviews:
        summaries.setdefault(review.application_id, Summary()).reviews.append(review)
    for summary in summaries.values():
        totals: dict[int, tuple[ReviewCriterion, int, int]] = {}
        for review in summary.reviews:
            for rating in review.ratings.all():
                criterion, total, n = totals.get(rating.criterion_id, (rating.criterion, 0, 0))
                totals[rating.criterion_id] = (criterion, total + rating.score, n + 1)
        summary.criteria = [
            CriterionAverage(name=criterion.name, average=round(total / n, 1), count=n)
            for criterion, total, n in sorted(totals.values(), key=lambda t: (t[0].position, t[0].pk))
        ]
    return summaries


def attach_review_summaries(applications: Iterable[Application]) -> None:
    """Set `application.review_summary` (Summary or None) on each: two queries for any number.
    For recruiters' pages only (see review_summaries)."""
    applications = list(applications)
    summaries = review_summaries(a.pk for a in applications)
    for application in applications:
        application.review_summary = summaries.get(application.pk)


# --- Review requests -------------------------------------------------------------------------------


@dataclass
class ReviewerLateness:
    reviewer_name: str
    outstanding: int
    overdue: int
    completed: int
    average_days: float | None


def review_requests_for(user: User, *, mine_only: bool = False) -> QuerySet[ReviewRequest]:
    if not is_recruiter(user):
        return ReviewRequest.objects.none()
    requests = ReviewRequest.objects.select_related(
        "application__candidate", "application__job", "application__stage", "reviewer", "requested_by"
    )
    if mine_only:
        requests = requests.filter(application__job__recruiter=user)
    return requests


def review_request_overview(user: User, *, mine_only: bool = False) -> dict[str, object]:
    """Outstanding requests (overdue flagged), recent completed ones with time taken, and each
    reviewer's lateness. Three queries."""
    now = timezone.now()
    requests = review_requests_for(user, mine_only=mine_only)
    outstanding = list(requests.filter(completed_at__isnull=True).order_by("due_at", "id")[:500])
    for request in outstanding:
        request.is_overdue = request.due_at < now
    completed = list(requests.filter(completed_at__isnull=False).order_by("-completed_at", "-id")[:100])
    for request in completed:
        request.time_taken = request.completed_at - request.requested_at
        request.was_late = request.completed_at > request.due_at
    per_reviewer = (
        requests.order_by()
        .values("reviewer_id", "reviewer__username", "reviewer__first_name", "reviewer__last_name")
        .annotate(
            outstanding=Count("id", filter=Q(completed_at__isnull=True)),
            overdue=Count("id", filter=Q(completed_at__isnull=True, due_at__lt=now)),
            completed=Count("id", filter=Q(completed_at__isnull=False)),
            average=Avg(F("completed_at") - F("requested_at"), filter=Q(completed_at__isnull=False)),
        )
        .order_by("-overdue", "-outstanding", "reviewer__username")
    )
    reviewers = [
        ReviewerLateness(
            reviewer_name=f"{row['reviewer__first_name']} {row['reviewer__last_name']}".strip() or row["reviewer__username"],
            outstanding=row["outstanding"],
            overdue=row["overdue"],
            completed=row["completed"],
            average_days=round(row["average"].total_seconds() / 86400, 1) if row["average"] else None,
        )
        for row in per_reviewer
    ]
    return {"outstanding": outstanding, "completed": completed, "reviewers": reviewers}


# --- Writes ----------------------------------------------------------------------------------------


def reviews_on_my_jobs(user: User, *, limit: int = 5) -> list[Review]:
    """The latest reviews of applications on jobs where `user` is the recruiter."""
    if not is_recruiter(user):
        return []
    return list(
        Review.objects.filter(application__job__recruiter=user)
        .select_related("reviewer", "application__candidate", "application__job")
        .order_by("-submitted_at", "-id")[:limit]
    )


def notification_preference_for(user: User) -> NotificationPreference:
    """The user's e-mail choices; the defaults (unsaved) until they first change them."""
    return NotificationPreference.objects.filter(user_id=user.pk).first() or NotificationPreference(user_id=user.pk)
