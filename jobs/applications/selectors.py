"""Reads of applications, narrowed to what the user may see: the board's columns and cards, waiting lists."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ats.core.access import User, is_hiring_manager, is_recruiter
from candidates.models import Candidate, Experience
from jobs.applications.models import Application, OutcomeChange
from jobs.models import Job, Stage
from jobs.reviews.models import Review


def application_list_for(user: User) -> QuerySet[Application]:
    """Recruiters see every application; hiring managers only those waiting for their review."""
    applications = Application.objects.select_related("candidate", "job", "stage")
    if is_recruiter(user):
        return applications
    if is_hiring_manager(user):
        return applications.filter(job__hiring_managers=user, stage__needs_review=True)
    return applications.none()


CLOSED_OUTCOMES = (Application.Outcome.REJECTED, Application.Outcome.WITHDRAWN)

# The card shows the candidate's name (or first e-mail), headline and the time in stage: nothing else
# of the application or candidate rows is read, so nothing else is fetched.
CARD_FIELDS = (
    "id", "job_id", "stage_id", "stage_entered_at", "outcome", "candidate_id",
    "candidate__full_name", "candidate__emails", "candidate__headline", "source", "is_new",
)


def board_cards_for(user: User) -> QuerySet[Application]:
    """application_list_for narrowed to what a board card shows (no job/stage rows, few columns)."""
    return application_list_for(user).select_related(None).select_related("candidate").only(*CARD_FIELDS)


def stage_columns(*, user: User, job: Job, per_stage: int = 50) -> list[tuple[Stage, list[Application], int]]:
    """The job's stages with their first `per_stage` active applications and each stage's total.

    Two queries whatever the size of the job: one for the stages with counts (active, and closed:
    rejected or withdrawn in that stage, for the board's "closed" button), one UNION ALL of a
    short `ORDER BY stage_entered_at LIMIT n` per stage. Each branch is an index range scan on
    `application_board` that stops after n rows, where a window function would rank every
    application of the job first.
    """
    stages = list(
        job.stages.annotate(
            active_count=Count("applications", filter=Q(applications__outcome=Application.Outcome.ACTIVE)),
            closed_count=Count("applications", filter=Q(applications__outcome__in=CLOSED_OUTCOMES)),
        ).order_by("position")
    )
    by_stage: dict[int, list[Application]] = {stage.pk: [] for stage in stages}
    cards = board_cards_for(user).filter(job=job, outcome=Application.Outcome.ACTIVE)
    branches = [
        cards.filter(stage_id=stage.pk).order_by("stage_entered_at", "id")[:per_stage]
        for stage in stages
        if stage.active_count
    ]
    if branches:
        rows = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
        for application in rows:
            by_stage[application.stage_id].append(application)
    return [(stage, by_stage[stage.pk], stage.active_count) for stage in stages]


def applications_waiting(user: User, *, entered_before: datetime, limit: int = 10) -> list[Application]:
    """Active applications in the same stage since before `entered_before`, oldest first, except in
    the Hired stage.

    A recruiter sees those on the jobs they recruit for. One query, served by the partial index
    `application_waiting`: PostgreSQL walks the oldest active applications and stops at `limit`.
    """
    waiting = (
        application_list_for(user)
        .filter(outcome=Application.Outcome.ACTIVE, stage_entered_at__lt=entered_before)
        .exclude(stage__kind=Stage.Kind.HIRED)
        .order_by("stage_entered_at", "id")
    )
    if is_recruiter(user):
        waiting = waiting.filter(job__recruiter=user)
    return list(waiting[:limit])


# Cards per column when the board opens, and per "Load more": a 5,000-application job renders
# 6 × 20 cards instead of thousands, which keeps the page well under 150 ms.
BOARD_PAGE_SIZE = 20


COLUMN_PAGE_SIZE = 50


def attach_card_details(applications: list[Application]) -> None:
    """Give each card its current company, tags and review summary: three queries for any number.

    Sets `company` (first Experience row, else ""), `tag_names` and `recommendation_counts`
    ([(recommendation label, css suffix, count)] strongest first) with `review_count`.
    """
    if not applications:
        return
    candidate_ids = {a.candidate_id for a in applications}
    companies = dict(
        Experience.objects.filter(candidate_id__in=candidate_ids)
        .order_by("candidate_id", "position", "id")
        .distinct("candidate_id")
        .values_list("candidate_id", "company")
    )
    tags: dict[int, list[str]] = defaultdict(list)
    for candidate_id, name in (
        Candidate.tags.through.objects.filter(candidate_id__in=candidate_ids)
        .order_by("tag__name")
        .values_list("candidate_id", "tag__name")
    ):
        tags[candidate_id].append(name)
    reviews: dict[int, dict[str, int]] = defaultdict(dict)
    for application_id, recommendation, count in (
        Review.objects.filter(application_id__in=[a.pk for a in applications])
        .values_list("application_id", "recommendation")
        .annotate(n=Count("id"))
        .order_by()
    ):
        reviews[application_id][recommendation] = count
    labels = dict(Review.Recommendation.choices)
    today = timezone.localdate()
    strongest_first = list(reversed(Review.Recommendation.values))
    for application in applications:
        application.company = companies.get(application.candidate_id, "")
        # Never negative: a clock a little ahead, or data dated ahead, is "today", not "-1 days".
        application.days_in_stage = max(0, (today - timezone.localdate(application.stage_entered_at)).days)
        # The column's sort key, for the board's script to put a moved card where a reload would.
        application.entered_key = int(application.stage_entered_at.timestamp() * 1_000_000)
        application.tag_names = tags.get(application.candidate_id, [])
        counts = reviews.get(application.pk, {})
        application.recommendation_counts = [
            (labels[value], value, counts[value]) for value in strongest_first if counts.get(value)
        ]
        application.review_count = sum(counts.values())


def board_columns(*, user: User, job: Job, per_stage: int = BOARD_PAGE_SIZE) -> list[tuple[Stage, list[Application], int]]:
    """stage_columns with card details; hiring managers get only the stages that await them."""
    columns = stage_columns(user=user, job=job, per_stage=per_stage)
    if not is_recruiter(user):
        columns = [column for column in columns if column[0].needs_review]
    attach_card_details([application for _, applications, _ in columns for application in applications])
    return columns


def stage_column_page(
    *, user: User, job: Job, stage: Stage, offset: int, limit: int = COLUMN_PAGE_SIZE
) -> tuple[list[Application], bool]:
    """One page of a column (same order as the board); True when there are more after it."""
    rows = list(
        board_cards_for(user)
        .filter(job=job, stage=stage, outcome=Application.Outcome.ACTIVE)
        .order_by("stage_entered_at", "id")[offset : offset + limit + 1]
    )
    attach_card_details(rows[:limit])
    return rows[:limit], len(rows) > limit


def board_closed_count(columns: list[tuple[Stage, list[Application], int]]) -> int:
    """How many of the board's applications are closed: those in the stages the user sees (a hiring
    manager's applications are those of the stages awaiting review), counted by stage_columns."""
    return sum(stage.closed_count for stage, _, _ in columns)


def closed_applications(*, user: User, job: Job, limit: int = 200) -> tuple[list[Application], int]:
    """Rejected and withdrawn applications of the job, latest decision first, and their total."""
    closed = application_list_for(user).filter(job=job, outcome__in=CLOSED_OUTCOMES)
    rows = list(closed.order_by("-outcome_at", "-id")[:limit])
    total = len(rows) if len(rows) < limit else closed.count()
    return rows, total


def job_board_stage(*, user: User, job: Job, stage_id: int) -> Stage:
    """A stage of this job the user may see cards of; anything else is 404."""
    stages = job.stages.all()
    if not is_recruiter(user):
        stages = stages.filter(needs_review=True)
    return get_object_or_404(stages, pk=stage_id)


def rejection_reason_counts(*, user: User, job: Job | None = None, since: datetime | None = None) -> list[tuple[str, int]]:
    """How many rejections gave each structured reason (most first), from the append-only outcome
    history: a rejection that was later reopened still happened. Only jobs the user may see; one query."""
    changes = OutcomeChange.objects.filter(to_outcome=Application.Outcome.REJECTED, rejection_reason__isnull=False,
                                           application__in=application_list_for(user))
    if job is not None:
        changes = changes.filter(application__job=job)
    if since is not None:
        changes = changes.filter(changed_at__gte=since)
    rows = changes.values("rejection_reason__name").annotate(n=Count("id")).order_by("-n", "rejection_reason__name")
    return [(row["rejection_reason__name"], row["n"]) for row in rows]
