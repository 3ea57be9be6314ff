"""Writes on jobs: create, edit, change status (with its history), the stage editor and review
criteria. Each one atomic and audited."""
from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from ats.core.access import User, actor_id
from ats.core.models import Activity
from ats.core.services import activities_record, activity_record
from jobs.applications.models import Application, StageChange
from jobs.models import Job, JobStatusChange, ReviewCriterion, Stage
from jobs.reviews import notifications


class StatusRefused(ValueError):
    """The job cannot change to that status from its current one (Job.STATUS_TRANSITIONS)."""


@transaction.atomic
def job_create(
    *,
    actor: User | None,
    title: str,
    hiring_managers: list[Any] | None = None,
    criteria: list[str] | None = None,
    status: str = Job.Status.DRAFT,
    **fields: Any,
) -> Job:
    """Create a job with the default pipeline (Applied … Hired); Shortlisted awaits hiring managers."""
    if status not in Job.Status.values:
        raise StatusRefused(f"Unknown job status {status!r}.")
    now = timezone.now()
    job = Job.objects.create(
        title=title.strip(),
        status=status,
        opened_at=now if status != Job.Status.DRAFT else None,
        closed_at=now if status == Job.Status.CLOSED else None,
        recruiter_id=fields.pop("recruiter_id", actor_id(actor)),
        **fields,
    )
    JobStatusChange.objects.create(job=job, to_status=status, changed_by_id=actor_id(actor), changed_at=now)
    Stage.objects.bulk_create(
        Stage(job=job, name=name, kind=kind, position=index, needs_review=(kind == Stage.Kind.SHORTLIST))
        for index, (name, kind) in enumerate(Stage.DEFAULT_PIPELINE)
    )
    if hiring_managers:
        job.hiring_managers.set(hiring_managers)
    if criteria:
        job.criteria.bulk_create(
            job.criteria.model(job=job, name=name.strip(), position=index)
            for index, name in enumerate(criteria)
            if name.strip()
        )
    activity_record(actor=actor, verb=Activity.Verb.JOB_CREATED, job=job)
    return job


@transaction.atomic
def job_set_status(*, actor: User | None, job: Job, status: str) -> Job:
    """Open, put on hold, close or reopen a job, as Job.STATUS_TRANSITIONS allows (the row is
    locked first, so two people changing it at once cannot both pass the check)."""
    if status not in Job.Status.values:
        raise StatusRefused(f"Unknown job status {status!r}.")
    current = Job.objects.select_for_update().only("status").get(pk=job.pk)
    if current.status == status:
        return job
    if not current.can_become(status):
        raise StatusRefused(
            f"“{job.title}” is {Job.Status(current.status).label.lower()}; it cannot become "
            f"{Job.Status(status).label.lower()} from there."
        )
    previous = current.status
    now = timezone.now()
    job.status = status
    if status != Job.Status.DRAFT and job.opened_at is None:
        job.opened_at = now
    job.closed_at = now if status == Job.Status.CLOSED else None
    job.save(update_fields=["status", "opened_at", "closed_at", "updated_at"])
    JobStatusChange.objects.create(
        job=job, from_status=previous, to_status=status, changed_by_id=actor_id(actor), changed_at=now
    )
    activity_record(actor=actor, verb=Activity.Verb.JOB_STATUS, job=job, data={"from": previous, "to": status})
    return job


# ---------------------------------------------------------------------------------------------
# Job editing, the stage editor and review criteria (the recruiter workspace).
# ---------------------------------------------------------------------------------------------

JOB_EDITABLE_FIELDS = (
    "title", "department", "location", "remote_policy", "employment_type", "description", "recruiter",
    "anonymised_review", "published", "valid_through",
)


def _locked_job(job: Job) -> Job:
    # Stage edits of one job are serialised on the job row, so two editors cannot interleave
    # a reorder with a removal and leave a gap or a duplicate position.
    return Job.objects.select_for_update().get(pk=job.pk)


@transaction.atomic
def job_update(
    *, actor: User | None, job: Job, hiring_managers: list[Any] | None = None, status: str | None = None, **fields: Any
) -> Job:
    """Change a job's fields (and hiring managers, status); records which fields changed."""
    unknown = set(fields) - set(JOB_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    if "title" in fields:
        fields["title"] = fields["title"].strip()
        if not fields["title"]:
            raise ValueError("A job needs a title.")
    changed = [name for name, value in fields.items() if getattr(job, name) != value]
    for name in changed:
        setattr(job, name, fields[name])
    if changed:
        job.save(update_fields=[*(f"{name}_id" if name == "recruiter" else name for name in changed), "updated_at"])
    if hiring_managers is not None:
        before = set(job.hiring_managers.values_list("pk", flat=True))
        after = {manager.pk for manager in hiring_managers}
        if before != after:
            job.hiring_managers.set(hiring_managers)
            changed.append("hiring_managers")
    if changed:
        activity_record(actor=actor, verb=Activity.Verb.JOB_EDITED, job=job, data={"fields": changed})
    if status is not None and status != job.status:
        job_set_status(actor=actor, job=job, status=status)
    return job


def _stage_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValueError("A stage needs a name.")
    if len(name) > Stage._meta.get_field("name").max_length:
        raise ValueError("Stage names are at most 60 characters.")
    return name


def _check_stage_name_free(job: Job, name: str, *, exclude: Stage | None = None) -> None:
    others = Stage.objects.filter(job=job, name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ValueError(f"This job already has a stage called “{name}”.")


def _renumber(stages: list[Stage]) -> None:
    """Write positions 0..n-1 in the given order (the unique constraint is checked at commit)."""
    for position, stage in enumerate(stages):
        stage.position = position
    Stage.objects.bulk_update(stages, ["position"])


@transaction.atomic
def stage_add(
    *,
    actor: User | None,
    job: Job,
    name: str,
    kind: str = Stage.Kind.INTERVIEW,
    needs_review: bool = False,
    after: Stage | None = None,
) -> Stage:
    """Add a stage after `after` (or at the end of the pipeline)."""
    job = _locked_job(job)
    name = _stage_name(name)
    if kind not in Stage.Kind.values:
        raise ValueError(f"Unknown stage type {kind!r}")
    if after is not None and after.job_id != job.pk:
        raise ValueError("The stage does not belong to this job.")
    _check_stage_name_free(job, name)
    stages = list(job.stages.order_by("position"))
    index = len(stages) if after is None else next(i for i, s in enumerate(stages) if s.pk == after.pk) + 1
    stage = Stage.objects.create(job=job, name=name, kind=kind, needs_review=needs_review, position=len(stages))
    stages.insert(index, stage)
    _renumber(stages)
    activity_record(actor=actor, verb=Activity.Verb.JOB_EDITED, job=job, data={"stage_added": name})
    return stage


@transaction.atomic
def stage_rename(*, actor: User | None, stage: Stage, name: str) -> Stage:
    _locked_job(stage.job)
    name = _stage_name(name)
    if name == stage.name:
        return stage
    _check_stage_name_free(stage.job, name, exclude=stage)
    previous = stage.name
    stage.name = name
    stage.save(update_fields=["name"])
    activity_record(
        actor=actor, verb=Activity.Verb.JOB_EDITED, job=stage.job, data={"stage_renamed": {"from": previous, "to": name}}
    )
    return stage


@transaction.atomic
def stage_set_needs_review(*, actor: User | None, stage: Stage, needs_review: bool) -> Stage:
    if stage.needs_review == needs_review:
        return stage
    stage.needs_review = needs_review
    stage.save(update_fields=["needs_review"])
    activity_record(
        actor=actor, verb=Activity.Verb.JOB_EDITED, job=stage.job, data={"stage_needs_review": {stage.name: needs_review}}
    )
    return stage


@transaction.atomic
def stage_set_auto_email(*, actor: User | None, stage: Stage, template: Any = None) -> Stage:
    """Set (or clear, with None) the template queued to a candidate on entering this stage. Off
    by default; the mail waits EMAIL_STAGE_DELAY_SECONDS so a mistaken move can be undone first."""
    if stage.auto_email_template_id == (template.pk if template is not None else None):
        return stage
    stage.auto_email_template = template
    stage.save(update_fields=["auto_email_template"])
    activity_record(actor=actor, verb=Activity.Verb.JOB_EDITED, job=stage.job,
                    data={"stage_auto_email": {stage.name: str(template) if template is not None else None}})
    return stage


@transaction.atomic
def stage_reorder(*, actor: User | None, job: Job, order: list[int]) -> list[Stage]:
    """Put the job's stages in the order of `order` (every stage id of the job, once each)."""
    job = _locked_job(job)
    stages = {stage.pk: stage for stage in job.stages.all()}
    if sorted(order) != sorted(stages):
        raise ValueError("The new order must list every stage of this job exactly once.")
    ordered = [stages[pk] for pk in order]
    _renumber(ordered)
    activity_record(
        actor=actor, verb=Activity.Verb.JOB_EDITED, job=job, data={"stage_order": [stage.name for stage in ordered]}
    )
    return ordered


@transaction.atomic
def stage_remove(*, actor: User | None, stage: Stage, move_to: Stage | None = None) -> int:
    """Delete a stage, first moving every application in it (any outcome) to `move_to`.

    Each moved application gets a stage-history row and an activity entry. Returns how many moved.
    """
    job = _locked_job(stage.job)
    stages = list(job.stages.order_by("position"))
    if len(stages) <= 1:
        raise ValueError("A job needs at least one stage: the last one cannot be removed.")
    applications = list(Application.objects.select_for_update().filter(stage=stage).select_related("candidate"))
    if applications:
        if move_to is None:
            raise ValueError(f"“{stage.name}” holds {len(applications)} applications: choose where to move them.")
        if move_to.job_id != job.pk or move_to.pk == stage.pk:
            raise ValueError("Move the applications to another stage of the same job.")
        now = timezone.now()
        moved_by = actor_id(actor)
        Application.objects.filter(pk__in=[a.pk for a in applications]).update(
            stage=move_to, stage_entered_at=now, updated_at=now
        )
        StageChange.objects.bulk_create(
            StageChange(
                application=application,
                from_stage=stage,
                to_stage=move_to,
                from_stage_name=stage.name,
                to_stage_name=move_to.name,
                changed_by_id=moved_by,
                changed_at=now,
            )
            for application in applications
        )
        activities_record([
            Activity(
                actor_id=moved_by,
                verb=Activity.Verb.STAGE_MOVED,
                candidate_id=application.candidate_id,
                job=job,
                application=application,
                data={"from": stage.name, "to": move_to.name, "reason": "stage removed"},
                created_at=now,
            )
            for application in applications
        ])
        for application in applications:
            application.stage = move_to
            notifications.shortlist_arrived(application)  # digest if move_to awaits hiring managers
    name, removed_pk = stage.name, stage.pk
    stage.delete()
    _renumber([s for s in stages if s.pk != removed_pk])
    activity_record(
        actor=actor,
        verb=Activity.Verb.JOB_EDITED,
        job=job,
        data={"stage_removed": name, "moved": len(applications), "moved_to": move_to.name if applications else None},
    )
    return len(applications)


@transaction.atomic
def criteria_set(*, actor: User | None, job: Job, criteria: list[tuple[int | None, str]]) -> list[ReviewCriterion]:
    """Make the job's review criteria exactly `criteria`, in order: (id or None for new, name).

    Existing ids are renamed/reordered (their ratings kept); criteria left out are deleted with
    their ratings; blank names are ignored.
    """
    job = _locked_job(job)
    existing = {criterion.pk: criterion for criterion in job.criteria.all()}
    wanted: list[tuple[int | None, str]] = []
    seen: set[str] = set()
    for pk, raw_name in criteria:
        name = " ".join(raw_name.split())
        if not name:
            continue
        if len(name) > ReviewCriterion._meta.get_field("name").max_length:
            raise ValueError("Criteria are at most 100 characters.")
        if name.lower() in seen:
            raise ValueError(f"The criterion “{name}” is listed twice.")
        seen.add(name.lower())
        if pk is not None and pk not in existing:
            raise ValueError("That criterion does not belong to this job.")
        wanted.append((pk, name))
    kept = {pk for pk, _ in wanted if pk is not None}
    removed = [c.name for pk, c in existing.items() if pk not in kept]
    before = [(c.pk, c.name) for c in sorted(existing.values(), key=lambda c: (c.position, c.pk))]
    ReviewCriterion.objects.filter(job=job).exclude(pk__in=kept).delete()
    # Park kept names first so swapping two names does not trip the (job, name) unique constraint.
    ReviewCriterion.objects.filter(pk__in=kept).update(name=Concat(Value("~renaming~"), Cast("id", CharField())))
    result: list[ReviewCriterion] = []
    for position, (pk, name) in enumerate(wanted):
        if pk is None:
            result.append(ReviewCriterion.objects.create(job=job, name=name, position=position))
        else:
            criterion = existing[pk]
            criterion.name, criterion.position = name, position
            criterion.save(update_fields=["name", "position"])
            result.append(criterion)
    if [(c.pk, c.name) for c in result] != before:
        activity_record(
            actor=actor,
            verb=Activity.Verb.JOB_EDITED,
            job=job,
            data={"criteria": [c.name for c in result], "criteria_removed": removed},
        )
    return result
