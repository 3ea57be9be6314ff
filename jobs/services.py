"""Writes on jobs and applications: each one atomic and audited."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from ats.roles import User
from candidates.models import Activity, BulkAction, Candidate
from candidates.services import activity_record
from jobs.models import Application, Job, ReviewCriterion, Stage, StageChange
from jobs import notifications


class StageConflict(Exception):
    """The application was no longer in the stage the mover saw (someone else moved it first)."""


def _user_id(user: User | None) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


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
    now = timezone.now()
    job = Job.objects.create(
        title=title.strip(),
        status=status,
        opened_at=now if status != Job.Status.DRAFT else None,
        closed_at=now if status == Job.Status.CLOSED else None,
        recruiter_id=fields.pop("recruiter_id", _user_id(actor)),
        **fields,
    )
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
    if status not in Job.Status.values:
        raise ValueError(f"Unknown job status {status!r}")
    previous = job.status
    now = timezone.now()
    job.status = status
    if status != Job.Status.DRAFT and job.opened_at is None:
        job.opened_at = now
    job.closed_at = now if status == Job.Status.CLOSED else None
    job.save(update_fields=["status", "opened_at", "closed_at", "updated_at"])
    activity_record(actor=actor, verb=Activity.Verb.JOB_STATUS, job=job, data={"from": previous, "to": status})
    return job


@transaction.atomic
def application_create(
    *, actor: User | None, candidate: Candidate, job: Job, stage: Stage | None = None, source: str = ""
) -> Application:
    stage = stage or job.stages.order_by("position").first()
    if stage is None or stage.job_id != job.pk:
        raise ValueError("The stage does not belong to this job.")
    application = Application.objects.create(
        candidate=candidate, job=job, stage=stage, source=source, created_by_id=_user_id(actor)
    )
    StageChange.objects.create(
        application=application, to_stage=stage, to_stage_name=stage.name, changed_by_id=_user_id(actor)
    )
    activity_record(
        actor=actor,
        verb=Activity.Verb.APPLICATION_CREATED,
        candidate=candidate,
        job=job,
        application=application,
        data={"stage": stage.name},
    )
    notifications.shortlist_arrived(application)  # digest to hiring managers, on commit
    return application


@transaction.atomic
def application_move(
    *, actor: User | None, application: Application, to_stage: Stage, from_stage_id: int | None = None
) -> Application:
    """Move an application to another stage of its job.

    Compare-and-set on the stage the mover saw (`from_stage_id`, defaulting to the one loaded), so
    of two concurrent moves of the same card exactly one wins; the loser gets StageConflict.
    """
    if to_stage.job_id != application.job_id:
        raise ValueError("The stage does not belong to this application's job.")
    expected = from_stage_id if from_stage_id is not None else application.stage_id
    if expected == to_stage.pk:
        return application
    now = timezone.now()
    updated = Application.objects.filter(pk=application.pk, stage_id=expected).update(
        stage=to_stage, stage_entered_at=now, updated_at=now
    )
    if updated != 1:
        raise StageConflict(f"Application {application.pk} is no longer in stage {expected}.")
    from_stage = Stage.objects.get(pk=expected)
    StageChange.objects.create(
        application=application,
        from_stage=from_stage,
        to_stage=to_stage,
        from_stage_name=from_stage.name,
        to_stage_name=to_stage.name,
        changed_by_id=_user_id(actor),
    )
    application.stage = to_stage
    application.stage_entered_at = now
    activity_record(
        actor=actor,
        verb=Activity.Verb.STAGE_MOVED,
        candidate=application.candidate,
        job=application.job,
        application=application,
        data={"from": from_stage.name, "to": to_stage.name},
    )
    notifications.shortlist_arrived(application)  # digest to hiring managers, on commit
    return application


@transaction.atomic
def application_set_outcome(
    *, actor: User | None, application: Application, outcome: str, reason: str = ""
) -> Application:
    if outcome not in Application.Outcome.values:
        raise ValueError(f"Unknown outcome {outcome!r}")
    if outcome in (Application.Outcome.REJECTED, Application.Outcome.WITHDRAWN) and not reason.strip():
        raise ValueError("A reason is required to reject or withdraw an application.")
    application.outcome = outcome
    application.outcome_reason = reason.strip()
    application.outcome_at = None if outcome == Application.Outcome.ACTIVE else timezone.now()
    application.save(update_fields=["outcome", "outcome_reason", "outcome_at", "updated_at"])
    activity_record(
        actor=actor,
        verb=Activity.Verb.OUTCOME_SET,
        candidate=application.candidate,
        job=application.job,
        application=application,
        data={"outcome": outcome, "reason": application.outcome_reason},
    )
    return application


# ---------------------------------------------------------------------------------------------
# Job editing, the stage editor and review criteria (the recruiter workspace).
# ---------------------------------------------------------------------------------------------

JOB_EDITABLE_FIELDS = (
    "title", "department", "location", "remote_policy", "employment_type", "description", "recruiter",
    "anonymised_review",
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
        actor_id = _user_id(actor)
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
                changed_by_id=actor_id,
                changed_at=now,
            )
            for application in applications
        )
        Activity.objects.bulk_create(
            Activity(
                actor_id=actor_id,
                verb=Activity.Verb.STAGE_MOVED,
                candidate_id=application.candidate_id,
                job=job,
                application=application,
                data={"from": stage.name, "to": move_to.name, "reason": "stage removed"},
                created_at=now,
            )
            for application in applications
        )
        Candidate.objects.filter(pk__in={a.candidate_id for a in applications}).update(last_activity_at=now)
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


# ---------------------------------------------------------------------------------------------
# Board actions beyond a single move: undo, and bulk move / reject.
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def application_move_undo(*, actor: User | None, application: Application, change: StageChange) -> Application:
    """Undo `change` (the application's latest move): move it back and restore its time in stage.

    Raises StageConflict when the application has moved again since (someone else's move wins).
    """
    if change.application_id != application.pk or change.from_stage_id is None or change.to_stage_id is None:
        raise ValueError("This move cannot be undone.")
    latest = application.stage_changes.order_by("-changed_at", "-id").first()
    if latest is None or latest.pk != change.pk:
        raise StageConflict("The application has moved again since; undo the latest move instead.")
    previous = application.stage_changes.filter(changed_at__lte=change.changed_at).exclude(pk=change.pk).order_by(
        "-changed_at", "-id"
    ).first()
    entered_at = previous.changed_at if previous is not None and previous.to_stage_id == change.from_stage_id else None
    application = application_move(
        actor=actor, application=application, to_stage=change.from_stage, from_stage_id=change.to_stage_id
    )
    if entered_at is not None:
        # Back where it was: it has been waiting there since before the accidental move.
        Application.objects.filter(pk=application.pk).update(stage_entered_at=entered_at)
        application.stage_entered_at = entered_at
    return application


def _before_state(application: Application) -> dict[str, Any]:
    """What a bulk undo puts back (JSON-safe: datetimes as ISO 8601 strings)."""
    return {
        "application_id": application.pk,
        "from_stage_id": application.stage_id,
        "stage_entered_at": application.stage_entered_at.isoformat(),
        "outcome": application.outcome,
        "reason": application.outcome_reason,
        "outcome_at": application.outcome_at.isoformat() if application.outcome_at else None,
    }


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@transaction.atomic
def application_bulk_move(
    *, actor: User | None, applications: list[Application], to_stage: Stage
) -> BulkAction:
    """Move several applications of one job to `to_stage`; those already there are skipped.

    Returns the BulkAction that `application_bulk_undo` reverses (`len(payload["moves"])` moved).
    Its payload keeps the shape candidates.bulk uses for moves (`moves`, `stage_id`), plus each
    application's before-state and the time it entered `to_stage`, so undo can tell whether it
    changed since.
    """
    moves = []
    for application in applications:
        if application.stage_id == to_stage.pk:
            continue
        before = _before_state(application)
        application_move(actor=actor, application=application, to_stage=to_stage, from_stage_id=application.stage_id)
        moves.append(before | {"moved_at": application.stage_entered_at.isoformat()})
    count = len(moves)
    return BulkAction.objects.create(actor=actor, kind=BulkAction.Kind.MOVE, payload={
        "source": "board",
        "job_id": to_stage.job_id,
        "stage_id": to_stage.pk,
        "moves": moves,
        "summary": f"Moved {count} candidate{'s' if count != 1 else ''} to {to_stage.name}",
    })


@transaction.atomic
def application_bulk_set_outcome(
    *, actor: User | None, applications: list[Application], outcome: str, reason: str
) -> BulkAction:
    """Set the outcome (reject, withdraw) of several applications; returns the undoable BulkAction."""
    if not applications:
        raise ValueError("Select at least one application.")
    changed = []
    for application in applications:
        before = _before_state(application)
        application_set_outcome(actor=actor, application=application, outcome=outcome, reason=reason)
        changed.append(before | {"outcome_set_at": application.outcome_at.isoformat() if application.outcome_at else None})
    count = len(changed)
    verb = {Application.Outcome.REJECTED: "Rejected", Application.Outcome.WITHDRAWN: "Withdrew"}.get(outcome, "Updated")
    return BulkAction.objects.create(
        actor=actor,
        kind=BulkAction.Kind.REJECT,  # the kind for every closing outcome (the board only rejects)
        payload={
            "source": "board",
            "job_id": applications[0].job_id,
            "outcome": outcome,
            "reason": reason.strip(),
            "applications": changed,
            "summary": f"{verb} {count} candidate{'s' if count != 1 else ''}: {reason.strip()}",
        },
    )


@dataclass
class BulkUndoResult:
    restored: list[Application]
    # Changed again since the bulk action (moved, rejected, restored…): left as they are.
    changed: list[Application]


@transaction.atomic
def application_bulk_undo(*, actor: User | None, action: BulkAction) -> BulkUndoResult:
    """Put back every application of a board bulk move/reject that has not changed since.

    An application counts as unchanged while it is still where the bulk action left it (same
    stage and entry time, or same outcome and decision time). Moves back go through
    application_move, so the stage history records them; each gets its old time in stage back.
    Undoing twice is refused (ValueError).
    """
    action = BulkAction.objects.select_for_update().get(pk=action.pk)
    payload = action.payload
    if payload.get("source") != "board" or action.kind not in (BulkAction.Kind.MOVE, BulkAction.Kind.REJECT):
        raise ValueError("This change was not made on a pipeline board.")
    if action.undone_at is not None:
        raise ValueError("This change has already been undone.")
    is_move = "moves" in payload
    entries = payload["moves"] if is_move else payload["applications"]
    applications = (
        Application.objects.select_for_update(of=("self",))
        .select_related("candidate", "job", "stage")
        .in_bulk([entry["application_id"] for entry in entries])
    )
    stages = Stage.objects.in_bulk([entry["from_stage_id"] for entry in entries])
    result = BulkUndoResult(restored=[], changed=[])
    for entry in entries:
        application = applications.get(entry["application_id"])
        if application is None:
            continue  # deleted since: nothing to put back, nobody to name
        if is_move:
            unchanged = (
                application.stage_id == payload["stage_id"]
                and application.outcome == Application.Outcome.ACTIVE
                and application.stage_entered_at == _when(entry["moved_at"])
                and entry["from_stage_id"] in stages
            )
        else:
            unchanged = (
                application.outcome == payload["outcome"]
                and application.outcome_at == _when(entry["outcome_set_at"])
            )
        if not unchanged:
            result.changed.append(application)
            continue
        if is_move:
            application_move(
                actor=actor, application=application, to_stage=stages[entry["from_stage_id"]],
                from_stage_id=payload["stage_id"],
            )
            application.stage_entered_at = _when(entry["stage_entered_at"])
            Application.objects.filter(pk=application.pk).update(stage_entered_at=application.stage_entered_at)
        else:
            application_set_outcome(
                actor=actor, application=application, outcome=entry["outcome"], reason=entry["reason"]
            )
            application.outcome_at = _when(entry["outcome_at"])
            Application.objects.filter(pk=application.pk).update(outcome_at=application.outcome_at)
        result.restored.append(application)
    action.undone_at = timezone.now()
    action.save(update_fields=["undone_at"])
    activity_record(
        actor=actor, verb=Activity.Verb.BULK_UNDONE, job=next((a.job for a in applications.values()), None),
        data={"bulk_action_id": action.pk, "rows": len(result.restored), "left": len(result.changed)},
    )
    return result
