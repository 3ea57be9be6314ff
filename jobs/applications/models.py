"""Applications of candidates to jobs, and their append-only histories: stage moves and outcomes."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class RejectionReason(models.Model):
    """The managed list of why applications are rejected (admin): reports count them. A reason in
    use is deactivated rather than deleted (PROTECT), so the history keeps pointing at it."""

    name = models.CharField(max_length=120, unique=True)
    # Sent (delayed, cancellable) when a recruiter rejects with this reason and asks for it.
    template = models.ForeignKey(
        "candidates.EmailTemplate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"active": True},
    )
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="rejectionreason_not_blank")]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    class Outcome(models.TextChoices):
        ACTIVE = "active", "Active"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"
        HIRED = "hired", "Hired"

    # Which outcome may follow which: a closed application can only be reopened (back to active),
    # and a hire that falls through is reopened or withdrawn. Every change writes an OutcomeChange.
    OUTCOME_TRANSITIONS: dict[str, frozenset[str]] = {
        Outcome.ACTIVE: frozenset({Outcome.REJECTED, Outcome.WITHDRAWN, Outcome.HIRED}),
        Outcome.REJECTED: frozenset({Outcome.ACTIVE}),
        Outcome.WITHDRAWN: frozenset({Outcome.ACTIVE}),
        Outcome.HIRED: frozenset({Outcome.ACTIVE, Outcome.WITHDRAWN}),
    }
    # Outcomes that need a reason (shown on the board's closed list and in reports).
    OUTCOMES_WITH_REASON = frozenset({Outcome.REJECTED, Outcome.WITHDRAWN})

    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="applications")
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="applications")
    # The database also checks (stage, job) against Stage(id, job): see migration 0002.
    stage = models.ForeignKey("jobs.Stage", on_delete=models.PROTECT, related_name="applications")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ACTIVE, db_index=True)
    outcome_reason = models.CharField(max_length=300, blank=True)
    # The structured reason of a rejection (outcome_reason keeps the free-text note).
    rejection_reason = models.ForeignKey(
        RejectionReason, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    source = models.CharField(max_length=50, blank=True)
    # Arrived by itself (the careers site) and no recruiter has opened the candidate since: the
    # board card says "New". A column of the card's own row, so the board reads it for free.
    is_new = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    applied_at = models.DateTimeField(default=timezone.now)
    stage_entered_at = models.DateTimeField(default=timezone.now)
    outcome_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-applied_at"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "job"], name="application_candidate_job_unique"),
            models.CheckConstraint(
                condition=Q(outcome__in=["active", "hired"]) | ~Q(outcome_reason=""),
                name="application_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(outcome="active") | Q(outcome_at__isnull=False), name="application_outcome_has_date"
            ),
        ]
        indexes = [
            models.Index(fields=["job", "stage", "outcome", "stage_entered_at"], name="application_board"),
            # The dashboard's "waiting too long" list: active applications, oldest stage entry first.
            models.Index(fields=["stage_entered_at"], condition=Q(outcome="active"), name="application_waiting"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.job}"

    def can_become(self, outcome: str) -> bool:
        return outcome in self.OUTCOME_TRANSITIONS.get(self.outcome, frozenset())


class StageChange(models.Model):
    """Append-only history of an application's stage moves.

    Append-only in the database (ats.core.history): an UPDATE may only set a deleted stage or user
    to NULL, a DELETE is refused outside an erasure; the stage names are copied so the history
    still reads well after a stage is removed.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.ForeignKey("jobs.Stage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_stage = models.ForeignKey("jobs.Stage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_stage_name = models.CharField(max_length=60, blank=True)
    to_stage_name = models.CharField(max_length=60)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "changed_at", "id"]
        indexes = [models.Index(fields=["application", "changed_at"], name="stagechange_history")]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_stage__isnull=True) | ~Q(from_stage=models.F("to_stage")), name="stagechange_moves"
            ),
            models.CheckConstraint(condition=~Q(to_stage_name=""), name="stagechange_has_target"),
        ]

    def __str__(self) -> str:
        return f"{self.from_stage_name or '∅'} → {self.to_stage_name}"


class OutcomeChange(models.Model):
    """Append-only history of an application's outcome: who rejected, withdrew, hired or reopened
    it, when and why (reports read it; ats.core.history guards it like StageChange)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="outcome_changes")
    from_outcome = models.CharField(max_length=10, choices=Application.Outcome.choices)
    to_outcome = models.CharField(max_length=10, choices=Application.Outcome.choices)
    reason = models.CharField(max_length=300, blank=True)
    # What reports count: PROTECT, so this append-only row never needs to change when a reason goes.
    rejection_reason = models.ForeignKey(
        RejectionReason, null=True, blank=True, on_delete=models.PROTECT, related_name="outcome_changes"
    )
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "changed_at", "id"]
        indexes = [
            models.Index(fields=["application", "changed_at"], name="outcomechange_history"),
            # Time to hire reads the hires in a period: a few rows among every closing.
            models.Index(fields=["changed_at"], condition=Q(to_outcome="hired"), name="outcomechange_hired"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(from_outcome=models.F("to_outcome")), name="outcomechange_changes"),
        ]

    def __str__(self) -> str:
        return f"{self.from_outcome} → {self.to_outcome}"
