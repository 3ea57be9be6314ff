"""Writes on applications: add to a job, move between stages, set the outcome. Each one atomic,
audited (activity row), with its history row (StageChange, OutcomeChange), and the shortlist
digest queued on commit when an application reaches a stage that awaits hiring managers."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ats.core.access import User, actor_id
from ats.core.models import Activity
from ats.core.services import activity_record
from ats.webhooks.services import event_record
from candidates.emails.services.outbound import (
    rejection_email_schedule,
    rejection_emails_cancel,
    stage_email_schedule,
    stage_emails_cancel,
)
from candidates.models import Candidate
from jobs.applications.models import Application, OutcomeChange, RejectionReason, StageChange
from jobs.models import Job, Stage
from jobs.reviews import notifications


class StageConflict(Exception):
    """The application was no longer in the stage the mover saw (someone else moved it first)."""


class OutcomeRefused(ValueError):
    """The outcome cannot change that way (see Application.OUTCOME_TRANSITIONS); says why."""


@transaction.atomic
def application_create(
    *, actor: User | None, candidate: Candidate, job: Job, stage: Stage | None = None, source: str = ""
) -> Application:
    stage = stage or job.stages.order_by("position").first()
    if stage is None or stage.job_id != job.pk:
        raise ValueError("The stage does not belong to this job.")
    application = Application.objects.create(
        candidate=candidate, job=job, stage=stage, source=source, created_by_id=actor_id(actor)
    )
    StageChange.objects.create(
        application=application, to_stage=stage, to_stage_name=stage.name, changed_by_id=actor_id(actor)
    )
    activity_record(
        actor=actor,
        verb=Activity.Verb.APPLICATION_CREATED,
        candidate=candidate,
        job=job,
        application=application,
        data={"stage": stage.name},
    )
    event_record("application.created", candidate_id=candidate.pk, payload={"application_id": application.pk, "job_id": job.pk, "stage_id": stage.pk})
    notifications.shortlist_arrived(application)  # digest to hiring managers, on commit
    return application


@transaction.atomic
def applications_create(
    *, actor: User | None, candidates: Iterable[Candidate], job: Job, stage: Stage | None = None, source: str = ""
) -> tuple[list[Application], list[Candidate]]:
    """Add each candidate to the job (its first stage unless `stage`); returns (applications
    created, candidates already in the job, whatever their outcome there)."""
    candidates = list(candidates)
    already = set(Application.objects.filter(job=job, candidate__in=candidates).values_list("candidate_id", flat=True))
    stage = stage or job.stages.order_by("position").first()
    created, skipped = [], []
    for candidate in candidates:
        if candidate.pk in already:
            skipped.append(candidate)
        else:
            created.append(application_create(actor=actor, candidate=candidate, job=job, stage=stage, source=source))
    return created, skipped


@transaction.atomic
def application_move(
    *,
    actor: User | None,
    application: Application,
    to_stage: Stage,
    from_stage_id: int | None = None,
    entered_at: datetime | None = None,
) -> Application:
    """Move an application to another stage of its job.

    Compare-and-set on the stage the mover saw (`from_stage_id`, defaulting to the one loaded), so
    of two concurrent moves of the same card exactly one wins; the loser gets StageConflict.
    `entered_at` is for an undo putting the application back where it was: it has been waiting
    there since then, not since now.
    """
    if to_stage.job_id != application.job_id:
        raise ValueError("The stage does not belong to this application's job.")
    expected = from_stage_id if from_stage_id is not None else application.stage_id
    if expected == to_stage.pk:
        return application
    now = timezone.now()
    updated = Application.objects.filter(pk=application.pk, stage_id=expected).update(
        stage=to_stage, stage_entered_at=entered_at or now, updated_at=now
    )
    if updated != 1:
        raise StageConflict(f"Application {application.pk} is no longer in stage {expected}.")
    from_stage = Stage.objects.get(pk=expected)
    change = StageChange.objects.create(
        application=application,
        from_stage=from_stage,
        to_stage=to_stage,
        from_stage_name=from_stage.name,
        to_stage_name=to_stage.name,
        changed_by_id=actor_id(actor),
        changed_at=now,
    )
    application.stage = to_stage
    application.stage_entered_at = entered_at or now
    activity_record(
        actor=actor,
        verb=Activity.Verb.STAGE_MOVED,
        candidate=application.candidate,
        job=application.job,
        application=application,
        data={"from": from_stage.name, "to": to_stage.name},
    )
    event_record("application.stage_changed", candidate_id=application.candidate_id, payload={"application_id": application.pk, "job_id": application.job_id, "from_stage_id": from_stage.pk, "to_stage_id": to_stage.pk})
    notifications.shortlist_arrived(application)  # digest to hiring managers, on commit
    # The new stage's automatic mail (delayed), and the old one's cancelled if it has not left yet.
    stage_email_schedule(actor=actor, application=application, stage=to_stage, change_id=change.pk)
    return application


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
    previous = (
        application.stage_changes.filter(changed_at__lte=change.changed_at)
        .exclude(pk=change.pk)
        .order_by("-changed_at", "-id")
        .first()
    )
    # Back where it was: it has been waiting there since before the accidental move.
    entered_at = previous.changed_at if previous is not None and previous.to_stage_id == change.from_stage_id else None
    return application_move(
        actor=actor,
        application=application,
        to_stage=change.from_stage,
        from_stage_id=change.to_stage_id,
        entered_at=entered_at,
    )


@transaction.atomic
def application_set_outcome(
    *, actor: User | None, application: Application, outcome: str, reason: str = "",
    rejection_reason: RejectionReason | None = None, send_email: bool = False,
) -> Application:
    """Reject, withdraw, hire or reopen an application, as Application.OUTCOME_TRANSITIONS allows.

    The row is locked and its current outcome checked, so of two recruiters rejecting the same
    application at once the second is told it is already rejected (OutcomeRefused).
    A rejection may name a structured `rejection_reason` (the free-text `reason` stays as the note;
    without one the reason's name is the note). With `send_email`, the reason's template is queued
    to leave after EMAIL_REJECTION_DELAY_SECONDS; reopening the application cancels it.
    """
    if outcome not in Application.Outcome.values:
        raise OutcomeRefused(f"Unknown outcome {outcome!r}.")
    if rejection_reason is not None and outcome != Application.Outcome.REJECTED:
        raise OutcomeRefused("A rejection reason goes only with a rejection.")
    reason = reason.strip() or (rejection_reason.name if rejection_reason is not None else "")
    if outcome in Application.OUTCOMES_WITH_REASON and not reason:
        raise OutcomeRefused("A reason is required to reject or withdraw an application.")
    current = Application.objects.select_for_update().only("outcome").get(pk=application.pk)
    if not current.can_become(outcome):
        label = Application.Outcome(current.outcome).label.lower()
        raise OutcomeRefused(
            f"{application.candidate.display_name}'s application is {label}; it cannot become "
            f"{Application.Outcome(outcome).label.lower()} from there."
        )
    now = timezone.now()
    previous = current.outcome
    application.outcome = outcome
    application.outcome_reason = reason if outcome != Application.Outcome.ACTIVE else ""
    application.outcome_at = None if outcome == Application.Outcome.ACTIVE else now
    application.rejection_reason = rejection_reason
    application.save(update_fields=["outcome", "outcome_reason", "rejection_reason", "outcome_at", "updated_at"])
    change = OutcomeChange.objects.create(
        application=application, from_outcome=previous, to_outcome=outcome, reason=reason,
        rejection_reason=rejection_reason, changed_by_id=actor_id(actor), changed_at=now,
    )
    activity_record(
        actor=actor,
        verb=Activity.Verb.OUTCOME_SET,
        candidate=application.candidate,
        job=application.job,
        application=application,
        data={"from": previous, "outcome": outcome, "reason": reason,
              **({"rejection_reason": rejection_reason.name} if rejection_reason is not None else {})},
    )
    event_record(f"application.{'reopened' if outcome == Application.Outcome.ACTIVE else outcome}", candidate_id=application.candidate_id, payload={"application_id": application.pk, "job_id": application.job_id})
    if outcome == Application.Outcome.ACTIVE:
        rejection_emails_cancel(actor=actor, application=application)
    else:
        stage_emails_cancel(actor=actor, application=application)
    if send_email and rejection_reason is not None and rejection_reason.template is not None:
        # EmailRefused (the candidate opted out) rolls the rejection back: the recruiter is told
        # and can reject again without the e-mail.
        rejection_email_schedule(actor=actor, application=application, template=rejection_reason.template,
                                 change_id=change.pk)
    return application


@transaction.atomic
def rejection_reason_save(*, actor: User | None, reason: RejectionReason) -> RejectionReason:
    """Add or change an entry of the managed list of rejection reasons (the admin calls this). A
    reason is never deleted once used (PROTECT); it is deactivated, so reports keep counting it."""
    reason.name = " ".join(reason.name.split())
    if not reason.name:
        raise ValueError("A rejection reason needs a name.")
    reason.save()
    activity_record(actor=actor, verb=Activity.Verb.JOB_EDITED, data={"rejection_reason": reason.name, "active": reason.active})
    return reason


def applications_mark_seen(*, actor: User | None, candidate: Candidate) -> int:
    """A recruiter opened the candidate: their applications lose the board's "New" marker (set by
    the careers site). One UPDATE that touches no row when nothing is new."""
    return Application.objects.filter(candidate=candidate, is_new=True).update(is_new=False)
