"""One engine for bulk changes and their undo, for the search page and the boards alike.

Each bulk change runs through the services of a single change (application_create,
application_move, application_set_outcome, candidate_tag_add), so history and activity rows are
written as usual, and records a BulkAction whose payload (jobs.bulk.payloads) holds every row's
state before and after. Undo is a new change in the other direction, never a deletion: an
application a bulk "add to job" created is withdrawn, not deleted, because by then it may carry
reviews, notes and history. A row someone changed since the bulk change (moved, rejected,
reopened, untagged…) is left as it is and named in the result.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ats.core.access import User
from ats.core.models import Activity
from ats.core.services import activity_record
from candidates.emails.services.outbound import contact_refusal
from candidates.lists.services import candidate_list_add, candidate_list_remove
from candidates.models import Candidate, Tag
from candidates.services import candidate_tag_add, candidate_tag_remove, normalise_tag
from jobs.applications.models import Application, RejectionReason
from jobs.applications.services import (
    application_move,
    application_set_outcome,
    applications_create,
)
from jobs.bulk.models import BulkAction
from jobs.bulk.payloads import Payload, Row, iso, when
from jobs.bulk.selectors import BulkError, BulkPlan
from jobs.models import Job, Stage

UNDONE_ADD_REASON = "Added by mistake (bulk add undone)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _record(*, actor: User, kind: str, payload: Payload) -> BulkAction:
    return BulkAction.objects.create(actor=actor, kind=kind, payload=payload.as_json())


@transaction.atomic
def bulk_tag(*, actor: User, candidates: list[Candidate], tag_name: str, page: str = "search") -> BulkAction:
    """Tag every candidate (those who have the tag already are left out of the undo)."""
    tag_name = normalise_tag(tag_name)
    rows = [Row(candidate_id=c.pk) for c in candidates if candidate_tag_add(actor=actor, candidate=c, name=tag_name)]
    tag = Tag.objects.filter(name=tag_name).first()
    summary = f"Tagged {_plural(len(rows), 'candidate')} “{tag_name}”"
    payload = Payload(page=page, summary=summary, rows=rows, tag_id=tag.pk if tag else None)
    return _record(actor=actor, kind=BulkAction.Kind.TAG, payload=payload)


@transaction.atomic
def bulk_add_to_job(
    *, actor: User, candidates: list[Candidate], job: Job, stage: Stage | None = None, page: str = "search"
) -> BulkAction:
    """Add the candidates to the job (its first stage unless `stage`); those already in it are skipped."""
    stage = stage or job.stages.order_by("position").first()
    created, _ = applications_create(actor=actor, candidates=candidates, job=job, stage=stage, source="bulk")
    rows = [
        Row(candidate_id=a.candidate_id, application_id=a.pk, stage_id=a.stage_id, after_entered_at=iso(a.stage_entered_at))
        for a in created
    ]
    summary = f"Added {_plural(len(rows), 'candidate')} to “{job.title}”"
    payload = Payload(page=page, summary=summary, rows=rows, job_id=job.pk, stage_id=stage.pk if stage else None)
    return _record(actor=actor, kind=BulkAction.Kind.ADD_TO_JOB, payload=payload)


@transaction.atomic
def bulk_move(*, actor: User, applications: list[Application], to_stage: Stage, page: str = "board") -> BulkAction:
    """Move several active applications of one job to `to_stage`; those already there are skipped.

    A StageConflict (someone moved one of them meanwhile) rolls the whole bulk move back.
    """
    rows = []
    for application in applications:
        if application.stage_id == to_stage.pk or application.outcome != Application.Outcome.ACTIVE:
            continue
        row = Row(application_id=application.pk, candidate_id=application.candidate_id,
                  stage_id=application.stage_id, entered_at=iso(application.stage_entered_at))
        application_move(actor=actor, application=application, to_stage=to_stage, from_stage_id=application.stage_id)
        row.after_entered_at = iso(application.stage_entered_at)
        rows.append(row)
    summary = f"Moved {_plural(len(rows), 'candidate')} to {to_stage.name}"
    payload = Payload(page=page, summary=summary, rows=rows, job_id=to_stage.job_id, stage_id=to_stage.pk)
    return _record(actor=actor, kind=BulkAction.Kind.MOVE, payload=payload)


@transaction.atomic
def bulk_set_outcome(
    *, actor: User, applications: list[Application], outcome: str, reason: str, page: str = "board",
    rejection_reason: RejectionReason | None = None, send_email: bool = False,
) -> BulkAction:
    """Reject or withdraw several active applications of one job, with one reason (and, for a
    rejection, optionally a structured reason whose template is queued, delayed, to each candidate
    who may be contacted; undoing the bulk change cancels the mails not yet sent)."""
    if not applications:
        raise BulkError("Select at least one application.")
    reason = reason.strip() or (rejection_reason.name if rejection_reason is not None else "")
    rows, not_mailed = [], 0
    for application in applications:
        if application.outcome != Application.Outcome.ACTIVE:
            continue
        row = Row(application_id=application.pk, candidate_id=application.candidate_id, outcome=application.outcome,
                  reason=application.outcome_reason, outcome_at=iso(application.outcome_at))
        # An opted-out candidate is rejected all the same, without the mail.
        mail = send_email and not contact_refusal(application.candidate)
        not_mailed += send_email and not mail
        application_set_outcome(actor=actor, application=application, outcome=outcome, reason=reason,
                                rejection_reason=rejection_reason, send_email=mail)
        row.after_outcome_at = iso(application.outcome_at)
        rows.append(row)
    verb = {Application.Outcome.REJECTED: "Rejected", Application.Outcome.WITHDRAWN: "Withdrew"}.get(outcome, "Updated")
    summary = f"{verb} {_plural(len(rows), 'candidate')}: {reason}"
    if not_mailed:
        summary += f" ({_plural(not_mailed, 'candidate')} not e-mailed: no address or asked not to be contacted)"
    payload = Payload(page=page, summary=summary, rows=rows, job_id=applications[0].job_id, outcome=outcome,
                      reason=reason)
    return _record(actor=actor, kind=BulkAction.Kind.REJECT, payload=payload)


@transaction.atomic
def bulk_apply(*, actor: User, plan: BulkPlan) -> BulkAction | None:
    """Carry out a search-page plan; returns the BulkAction (None for list changes, which need no undo)."""
    targets = plan.will_change
    if plan.kind == "add_to_list":
        plan.candidate_list = candidate_list_add(
            actor=actor, candidate_list=plan.candidate_list, new_name=plan.new_list_name, candidates=targets
        )
        return None
    if plan.kind == "remove_from_list":
        assert plan.candidate_list is not None
        candidate_list_remove(actor=actor, candidate_list=plan.candidate_list, candidates=targets)
        return None
    if plan.kind == "tag":
        return bulk_tag(actor=actor, candidates=targets, tag_name=plan.tag_name)
    if plan.job is None:
        raise BulkError("Choose a job.")
    if plan.kind == "add_to_job":
        return bulk_add_to_job(actor=actor, candidates=targets, job=plan.job)
    applications = [plan.applications[c.pk] for c in targets]
    if plan.kind == "move":
        assert plan.stage is not None
        return bulk_move(actor=actor, applications=applications, to_stage=plan.stage, page="search")
    if plan.kind == "reject":
        return bulk_set_outcome(actor=actor, applications=applications, outcome=Application.Outcome.REJECTED,
                                reason=plan.reason, page="search", rejection_reason=plan.rejection_reason,
                                send_email=plan.send_email)
    raise BulkError(f"Unknown action {plan.kind!r}")


# --- Undo ----------------------------------------------------------------------------------------


@dataclass
class BulkUndoResult:
    restored: int = 0
    # Changed again since the bulk action (moved, rejected, reopened…): left as they are.
    changed: list[Application | Candidate] = field(default_factory=list)


@transaction.atomic
def bulk_undo(*, actor: User, action: BulkAction) -> BulkUndoResult:
    """Put back every row of a bulk change that has not changed since. Undoing twice is refused."""
    action = BulkAction.objects.select_for_update().get(pk=action.pk)
    if action.undone_at is not None:
        raise BulkError("This change has already been undone.")
    payload = Payload.load(action.kind, action.payload)
    result = BulkUndoResult()
    if action.kind == BulkAction.Kind.TAG:
        _undo_tags(actor, payload, result)
    else:
        _undo_applications(actor, action.kind, payload, result)
    action.undone_at = timezone.now()
    action.save(update_fields=["undone_at"])
    activity_record(
        actor=actor, verb=Activity.Verb.BULK_UNDONE, job=Job.objects.filter(pk=payload.job_id).first(),
        data={"bulk_action_id": action.pk, "rows": result.restored, "left": len(result.changed)},
    )
    return result


def _undo_tags(actor: User, payload: Payload, result: BulkUndoResult) -> None:
    candidates = Candidate.objects.in_bulk([row.candidate_id for row in payload.rows])
    for row in payload.rows:
        candidate = candidates.get(row.candidate_id)
        # Untagged since by someone: nothing to put back.
        if candidate is not None and candidate_tag_remove(actor=actor, candidate=candidate, tag_id=payload.tag_id):
            result.restored += 1


def _undo_applications(actor: User, kind: str, payload: Payload, result: BulkUndoResult) -> None:
    applications = (
        Application.objects.select_for_update(of=("self",))
        .select_related("candidate", "job", "stage")
        .in_bulk([row.application_id for row in payload.rows])
    )
    stages = Stage.objects.in_bulk([row.stage_id for row in payload.rows if row.stage_id])
    undo: Callable[[User, Application, Row, Payload, dict[int, Stage]], bool] = _UNDO[kind]
    for row in payload.rows:
        application = applications.get(row.application_id)
        if application is None:
            continue  # erased since: nothing to put back, nobody to name
        if undo(actor, application, row, payload, stages):
            result.restored += 1
        else:
            result.changed.append(application)


def _undo_add(actor: User, application: Application, row: Row, payload: Payload, stages: dict[int, Stage]) -> bool:
    """Withdraw an application the bulk change created, if nobody has moved or decided on it."""
    unchanged = application.outcome == Application.Outcome.ACTIVE and (
        row.after_entered_at is None
        or (application.stage_id == row.stage_id and application.stage_entered_at == when(row.after_entered_at))
    )
    if unchanged:
        application_set_outcome(actor=actor, application=application, outcome=Application.Outcome.WITHDRAWN,
                                reason=UNDONE_ADD_REASON)
    return unchanged


def _undo_move(actor: User, application: Application, row: Row, payload: Payload, stages: dict[int, Stage]) -> bool:
    """Move back, with the old time in stage, if it is still where the bulk move left it."""
    unchanged = (
        application.stage_id == payload.stage_id
        and application.outcome == Application.Outcome.ACTIVE
        and row.stage_id in stages
        and (row.after_entered_at is None or application.stage_entered_at == when(row.after_entered_at))
    )
    if unchanged:
        application_move(actor=actor, application=application, to_stage=stages[row.stage_id],
                         from_stage_id=payload.stage_id, entered_at=when(row.entered_at))
    return unchanged


def _undo_outcome(actor: User, application: Application, row: Row, payload: Payload, stages: dict[int, Stage]) -> bool:
    """Reopen, if the outcome is still the one the bulk change set (same decision, same time)."""
    if row.after_outcome_at is not None:
        unchanged = application.outcome == payload.outcome and application.outcome_at == when(row.after_outcome_at)
    else:  # version 1 kept no time: the same outcome and reason is the best evidence there is
        unchanged = application.outcome == payload.outcome and application.outcome_reason == payload.reason
    unchanged = unchanged and application.can_become(row.outcome or Application.Outcome.ACTIVE)
    if unchanged:
        application_set_outcome(actor=actor, application=application,
                                outcome=row.outcome or Application.Outcome.ACTIVE, reason=row.reason)
    return unchanged


_UNDO = {
    BulkAction.Kind.ADD_TO_JOB: _undo_add,
    BulkAction.Kind.MOVE: _undo_move,
    BulkAction.Kind.REJECT: _undo_outcome,
}
