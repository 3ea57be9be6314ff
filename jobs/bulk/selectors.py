"""What a bulk action on the search page would do, worked out without writing (the confirm step)."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from ats.core.access import User, is_recruiter
from candidates.lists.models import CandidateList, CandidateListEntry
from candidates.models import Candidate
from candidates.services import normalise_tag
from jobs.applications.models import Application, RejectionReason
from jobs.bulk.models import BulkAction
from jobs.models import Job, Stage


class BulkError(Exception):
    """The bulk action cannot be done as asked; the message says why, for the recruiter."""


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
    rejection_reason: RejectionReason | None = None
    send_email: bool = False  # the rejection reason's template, to each rejected candidate
    candidate_list: CandidateList | None = None
    new_list_name: str = ""
    applications: dict[int, Application] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Only a managed reason with a template has a mail to send.
        self.send_email = bool(self.send_email and self.rejection_reason is not None and self.rejection_reason.template_id)


def _rejection_said(plan: BulkPlan) -> str:
    """The reason as the confirmation states it: the managed reason, the typed note, or both."""
    names = [plan.rejection_reason.name] if plan.rejection_reason is not None else []
    said = ": ".join(names + ([plan.reason] if plan.reason else []))
    if not said:
        raise BulkError("Choose a rejection reason or type one.")
    return said


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
    rejection_reason: RejectionReason | None = None,
    send_email: bool = False,
    candidate_list: CandidateList | None = None,
    new_list_name: str = "",
) -> BulkPlan:
    """Work out, without writing, which candidates the action would change."""
    plan = BulkPlan(kind=kind, candidates=candidates, job=job, stage=stage, reason=reason.strip(),
                    rejection_reason=rejection_reason, send_email=send_email,
                    candidate_list=candidate_list, new_list_name=new_list_name.strip())
    ids = [c.pk for c in candidates]
    if kind == "tag":
        plan.tag_name = normalise_tag(tag)
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
        apps = {a.candidate_id: a for a in Application.objects.filter(job=job, candidate_id__in=ids).select_related("stage")}
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
            said = _rejection_said(plan)
            active = {cid for cid, a in apps.items() if a.outcome == Application.Outcome.ACTIVE}
            plan.will_change = [c for c in candidates if c.pk in active]
            plan.unchanged = [c for c in candidates if c.pk not in active]
            plan.unchanged_reason = "have no active application in this job"
            plan.summary = (f"{_plural(len(plan.will_change), 'candidate')} will be rejected from “{job.title}” ({said})"
                            + (", each told by e-mail" if plan.send_email else ""))
        else:
            raise BulkError(f"Unknown action {kind!r}")
    return plan


def bulk_actions_for(user: User) -> QuerySet[BulkAction]:
    """A recruiter's own bulk changes: only the one who made a change may undo it."""
    return BulkAction.objects.filter(actor=user) if is_recruiter(user) else BulkAction.objects.none()
