"""Bulk actions on selected candidates: preview, apply (recording before-values), undo.

Each action runs through the same services as a single change (application_create,
application_move, application_set_outcome), so history and activity rows are written as usual.
Undo is a new change in the other direction, never a deletion of history, except for
applications the bulk action itself created, which undo removes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from ats.roles import User
from candidates.models import Activity, BulkAction, Candidate, CandidateList, CandidateListEntry, Tag
from candidates.services import activity_record
from jobs.models import Application, Job, Stage
from jobs.services import StageConflict, application_create, application_move, application_set_outcome


class BulkError(Exception):
    pass


@dataclass
class BulkPlan:
    """What a bulk action would do, for the confirmation step."""

    kind: str
    candidates: list[Candidate]
    will_change: list[Candidate] = field(default_factory=list)
    unchanged: list[Candidate] = field(default_factory=list)
    unchanged_reason: str = ""
    summary: str = ""
    job: Job | None = None
    stage: Stage | None = None
    tag_name: str = ""
    reason: str = ""
    candidate_list: CandidateList | None = None
    new_list_name: str = ""
    applications: dict[int, Application] = field(default_factory=dict)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def bulk_plan(
    *,
    user: User,
    kind: str,
    candidates: list[Candidate],
    tag: str = "",
    job: Job | None = None,
    stage: Stage | None = None,
    reason: str = "",
    candidate_list: CandidateList | None = None,
    new_list_name: str = "",
) -> BulkPlan:
    """Work out, without writing, which candidates the action would change."""
    plan = BulkPlan(kind=kind, candidates=candidates, job=job, stage=stage, reason=reason.strip(),
                    candidate_list=candidate_list, new_list_name=new_list_name.strip())
    ids = [c.pk for c in candidates]
    if kind == "tag":
        plan.tag_name = " ".join(tag.split()).lower()[:50]
        having = set(
            Candidate.tags.through.objects.filter(candidate_id__in=ids, tag__name=plan.tag_name).values_list("candidate_id", flat=True)
        )
        plan.will_change = [c for c in candidates if c.pk not in having]
        plan.unchanged = [c for c in candidates if c.pk in having]
        plan.unchanged_reason = "already have it"
        plan.summary = f"{_plural(len(plan.will_change), 'candidate')} will be tagged “{plan.tag_name}”"
    elif kind == "add_to_list":
        in_list: set[int] = set()
        if candidate_list is not None:
            in_list = set(
                CandidateListEntry.objects.filter(candidate_list=candidate_list, candidate_id__in=ids).values_list("candidate_id", flat=True)
            )
        name = candidate_list.name if candidate_list else plan.new_list_name
        plan.will_change = [c for c in candidates if c.pk not in in_list]
        plan.unchanged = [c for c in candidates if c.pk in in_list]
        plan.unchanged_reason = "are already in it"
        plan.summary = f"{_plural(len(plan.will_change), 'candidate')} will be added to the list “{name}”"
    elif kind == "remove_from_list":
        if candidate_list is None:
            raise BulkError("Open the list to remove candidates from it.")
        in_list = set(
            CandidateListEntry.objects.filter(candidate_list=candidate_list, candidate_id__in=ids).values_list("candidate_id", flat=True)
        )
        plan.will_change = [c for c in candidates if c.pk in in_list]
        plan.unchanged = [c for c in candidates if c.pk not in in_list]
        plan.unchanged_reason = "are not in it"
        plan.summary = f"{_plural(len(plan.will_change), 'candidate')} will be removed from the list “{candidate_list.name}”"
    else:
        if job is None:
            raise BulkError("Choose a job.")
        apps = {
            a.candidate_id: a
            for a in Application.objects.filter(job=job, candidate_id__in=ids).select_related("stage")
        }
        plan.applications = apps
        if kind == "add_to_job":
            plan.will_change = [c for c in candidates if c.pk not in apps]
            plan.unchanged = [c for c in candidates if c.pk in apps]
            plan.unchanged_reason = "are already in this job"
            plan.summary = f"{_plural(len(plan.will_change), 'candidate')} will be added to “{job.title}”"
        elif kind == "move":
            if stage is None or stage.job_id != job.pk:
                raise BulkError("Choose a stage of that job.")
            movable = {cid for cid, a in apps.items() if a.outcome == Application.Outcome.ACTIVE and a.stage_id != stage.pk}
            plan.will_change = [c for c in candidates if c.pk in movable]
            plan.unchanged = [c for c in candidates if c.pk not in movable]
            plan.unchanged_reason = "are not active in this job or already there"
            plan.summary = f"{_plural(len(plan.will_change), 'candidate')} will move to “{stage.name}” in “{job.title}”"
        elif kind == "reject":
            if not plan.reason:
                raise BulkError("A reason is required to reject.")
            active = {cid for cid, a in apps.items() if a.outcome == Application.Outcome.ACTIVE}
            plan.will_change = [c for c in candidates if c.pk in active]
            plan.unchanged = [c for c in candidates if c.pk not in active]
            plan.unchanged_reason = "have no active application in this job"
            plan.summary = f"{_plural(len(plan.will_change), 'candidate')} will be rejected from “{job.title}” ({plan.reason})"
        else:
            raise BulkError(f"Unknown action {kind!r}")
    return plan


@transaction.atomic
def bulk_apply(*, actor: User, plan: BulkPlan) -> BulkAction | None:
    """Carry the plan out; returns the BulkAction (None for list additions, which need no undo)."""
    payload: dict[str, Any] = {"summary": plan.summary}
    targets = plan.will_change
    if plan.kind == "add_to_list":
        candidate_list = plan.candidate_list or CandidateList.objects.get_or_create(owner=actor, name=plan.new_list_name)[0]
        CandidateListEntry.objects.bulk_create(
            [CandidateListEntry(candidate_list=candidate_list, candidate=c) for c in targets], ignore_conflicts=True
        )
        plan.candidate_list = candidate_list
        return None
    if plan.kind == "remove_from_list":
        assert plan.candidate_list is not None
        CandidateListEntry.objects.filter(candidate_list=plan.candidate_list, candidate__in=targets).delete()
        return None
    if plan.kind == "tag":
        tag, _ = Tag.objects.get_or_create(name=plan.tag_name)
        Candidate.tags.through.objects.bulk_create(
            [Candidate.tags.through(candidate_id=c.pk, tag_id=tag.pk) for c in targets], ignore_conflicts=True
        )
        for candidate in targets:
            activity_record(actor=actor, verb=Activity.Verb.TAGS_CHANGED, candidate=candidate, data={"added": tag.name})
        payload.update(tag_id=tag.pk, candidate_ids=[c.pk for c in targets])
        kind = BulkAction.Kind.TAG
    elif plan.kind == "add_to_job":
        assert plan.job is not None
        first_stage = plan.job.stages.order_by("position").first()
        created = [
            application_create(actor=actor, candidate=c, job=plan.job, stage=first_stage, source="bulk") for c in targets
        ]
        payload.update(job_id=plan.job.pk, application_ids=[a.pk for a in created])
        kind = BulkAction.Kind.ADD_TO_JOB
    elif plan.kind == "move":
        assert plan.stage is not None
        moves = []
        for candidate in targets:
            application = plan.applications[candidate.pk]
            from_stage_id = application.stage_id
            application_move(actor=actor, application=application, to_stage=plan.stage, from_stage_id=from_stage_id)
            moves.append({"application_id": application.pk, "from_stage_id": from_stage_id})
        payload.update(job_id=plan.job.pk if plan.job else None, stage_id=plan.stage.pk, moves=moves)
        kind = BulkAction.Kind.MOVE
    elif plan.kind == "reject":
        rejected = []
        for candidate in targets:
            application = plan.applications[candidate.pk]
            rejected.append({"application_id": application.pk})
            application_set_outcome(actor=actor, application=application, outcome=Application.Outcome.REJECTED, reason=plan.reason)
        payload.update(job_id=plan.job.pk if plan.job else None, reason=plan.reason, applications=rejected)
        kind = BulkAction.Kind.REJECT
    else:
        raise BulkError(f"Unknown action {plan.kind!r}")
    return BulkAction.objects.create(actor=actor, kind=kind, payload=payload)


@transaction.atomic
def bulk_undo(*, actor: User, action: BulkAction) -> int:
    """Reverse a bulk action; returns how many rows were put back. Undoing twice is refused."""
    action = BulkAction.objects.select_for_update().get(pk=action.pk)
    if action.undone_at is not None:
        raise BulkError("This change has already been undone.")
    payload = action.payload
    count = 0
    if action.kind == BulkAction.Kind.TAG:
        count, _ = Candidate.tags.through.objects.filter(
            tag_id=payload["tag_id"], candidate_id__in=payload["candidate_ids"]
        ).delete()
    elif action.kind == BulkAction.Kind.ADD_TO_JOB:
        count, _ = Application.objects.filter(pk__in=payload["application_ids"]).delete()
    elif action.kind == BulkAction.Kind.MOVE:
        applications = Application.objects.select_related("candidate", "job").in_bulk(
            [m["application_id"] for m in payload["moves"]]
        )
        stages = Stage.objects.in_bulk([m["from_stage_id"] for m in payload["moves"]])
        for move in payload["moves"]:
            application = applications.get(move["application_id"])
            stage = stages.get(move["from_stage_id"])
            if application is None or stage is None:
                continue
            try:
                application_move(actor=actor, application=application, to_stage=stage, from_stage_id=payload["stage_id"])
                count += 1
            except StageConflict:
                continue  # moved again since: leave the newer decision alone
    elif action.kind == BulkAction.Kind.REJECT:
        applications = Application.objects.select_related("candidate", "job").in_bulk(
            [r["application_id"] for r in payload["applications"]]
        )
        for application in applications.values():
            if application.outcome == Application.Outcome.REJECTED:
                application_set_outcome(actor=actor, application=application, outcome=Application.Outcome.ACTIVE)
                count += 1
    action.undone_at = timezone.now()
    action.save(update_fields=["undone_at"])
    activity_record(actor=actor, verb=Activity.Verb.BULK_UNDONE, data={"bulk_action_id": action.pk, "rows": count})
    return count
