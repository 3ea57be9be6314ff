"""Reads of jobs, already narrowed to what the user may see: lists, filters, the dashboard's jobs,
pickers, and the people a job can be given to."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, When
from django.shortcuts import get_object_or_404

from ats.core.access import (
    HIRING_MANAGER_GROUP,
    RECRUITER_GROUP,
    User,
    is_hiring_manager,
    is_recruiter,
)
from jobs.applications.models import Application
from jobs.models import Job, Stage


def job_list_for(user: User) -> QuerySet[Job]:
    """Every job for recruiters; for a hiring manager only the jobs they are named on."""
    jobs = Job.objects.select_related("recruiter")
    if is_recruiter(user):
        return jobs
    if is_hiring_manager(user):
        return jobs.filter(hiring_managers=user)
    return jobs.none()


def attach_application_counts(jobs: list[Job]) -> None:
    """Set `active_count` and `total_count` on each job: one grouped query over these jobs only.

    Counting in the job list's own query would join every application of every matching job
    before the page is cut (and again in the paginator's COUNT).
    """
    counts = {
        row["job_id"]: row
        for row in Application.objects.filter(job_id__in=[job.pk for job in jobs])
        .values("job_id")
        .annotate(active=Count("pk", filter=Q(outcome=Application.Outcome.ACTIVE)), total=Count("pk"))
    }
    for job in jobs:
        row = counts.get(job.pk, {})
        job.active_count, job.total_count = row.get("active", 0), row.get("total", 0)


def job_get(user: User, job_id: int) -> Job:
    return get_object_or_404(
        job_list_for(user).prefetch_related("hiring_managers", "criteria", "stages"), pk=job_id
    )


def attach_stage_counts(jobs: list[Job]) -> None:
    """Set `job.stage_counts` to [(stage name, active applications)] in pipeline order: two queries."""
    stages_by_job: dict[int, list[Stage]] = {job.pk: [] for job in jobs}
    for stage in Stage.objects.filter(job__in=stages_by_job).order_by("job_id", "position"):
        stages_by_job[stage.job_id].append(stage)
    counts = {
        row["stage_id"]: row["n"]
        for row in Application.objects.filter(job__in=stages_by_job, outcome=Application.Outcome.ACTIVE)
        .values("stage_id")
        .annotate(n=Count("id"))
    }
    for job in jobs:
        job.stage_counts = [(stage, counts.get(stage.pk, 0)) for stage in stages_by_job[job.pk]]


def dashboard_jobs(user: User, *, limit: int = 20) -> list[Job]:
    """The user's first `limit` open jobs (their own first, then by title) with `stage_counts`.

    Three queries. The jobs are picked before anything is counted, so only the applications of the
    jobs shown are counted, not those of every job (a grouped join before the LIMIT did that).
    """
    jobs = list(
        job_list_for(user)
        .filter(status=Job.Status.OPEN)
        .order_by(Case(When(recruiter_id=user.pk, then=0), default=1), "title", "pk")[:limit]
    )
    attach_stage_counts(jobs)
    return jobs


# ---------------------------------------------------------------------------------------------
# The recruiter workspace: filtered job list, board cards, columns page by page, reviews.
# ---------------------------------------------------------------------------------------------


def job_list_filtered(
    user: User,
    *,
    status: str = "",
    department: str = "",
    recruiter_id: int | None = None,
    manager_id: int | None = None,
    text: str = "",
) -> QuerySet[Job]:
    """The user's jobs, narrowed by the job list's filters (see attach_application_counts)."""
    jobs = job_list_for(user)
    if status in Job.Status.values:
        jobs = jobs.filter(status=status)
    if department:
        jobs = jobs.filter(department=department)
    if recruiter_id:
        jobs = jobs.filter(recruiter_id=recruiter_id)
    if manager_id:
        # Exists, not a join: a join on the m2m would repeat jobs with several such rows.
        named = Job.hiring_managers.through.objects.filter(job_id=OuterRef("pk"), user_id=manager_id)
        jobs = jobs.filter(Exists(named))
    for word in text.split():
        jobs = jobs.filter(Q(title__icontains=word) | Q(department__icontains=word) | Q(location__icontains=word))
    return jobs


def job_departments(user: User) -> list[str]:
    return list(
        job_list_for(user).exclude(department="").order_by("department").values_list("department", flat=True).distinct()
    )


def job_choices(user: User) -> list[tuple[int, str]]:
    """(id, title) of the open and on-hold jobs the user may add candidates to, by title: the job
    pickers of the search page and the profile."""
    return list(
        job_list_for(user).filter(status__in=[Job.Status.OPEN, Job.Status.ON_HOLD]).order_by("title").values_list("pk", "title")
    )


def stage_choices(job_ids: list[int]) -> dict[int, list[list[object]]]:
    """Each job's [stage id, name] in pipeline order, for the job → stage pickers (one query)."""
    by_job: dict[int, list[list[object]]] = {pk: [] for pk in job_ids}
    for job_id, stage_id, name in (
        Stage.objects.filter(job_id__in=job_ids).order_by("job_id", "position").values_list("job_id", "pk", "name")
    ):
        by_job[job_id].append([stage_id, name])
    return by_job


def recruiters() -> QuerySet[AbstractUser]:
    """Active users who can recruit for a job (recruiters and staff), by name."""
    return (
        get_user_model().objects.filter(is_active=True)
        .filter(Q(groups__name=RECRUITER_GROUP) | Q(is_staff=True) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def hiring_managers() -> QuerySet[AbstractUser]:
    """Active hiring managers, by name."""
    return get_user_model().objects.filter(is_active=True, groups__name=HIRING_MANAGER_GROUP).order_by(
        "first_name", "last_name", "username"
    )
