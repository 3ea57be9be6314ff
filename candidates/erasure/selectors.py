"""Reads for erasure and retention: whose data is due to go, and what an erasure would remove.

Retention, precisely (the help of `manage.py enforce_retention` says the same): a candidate record
that is not merged into another and not erased yet is due when it has no active application and
  - a recruiter's retention date (`retain_until`) is set and has passed (before today), and nothing
    happened to them since that date or for RETENTION_DAYS; a date today or later always protects;
  - or no date is set and their last activity (`last_activity_at`: any change, note, application,
    résumé, e-mail) is more than RETENTION_DAYS days ago.
Reading a profile is not activity. Records merged into a due record go with it (one person).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ats.core.access import User, is_recruiter
from candidates.emails.models import InboundEmail, OutboundEmail
from candidates.models import Candidate, Note
from candidates.resumes.models import Resume
from candidates.selectors import candidate_list_for, merge_family
from jobs.applications.models import Application, StageChange


def family_root(candidate: Candidate) -> Candidate:
    """The record a merged-away candidate ended up in (merges can chain), or the candidate itself."""
    current, seen = Candidate.objects.get(pk=candidate.pk), set()  # fresh: a stale instance may predate a merge
    while current.merged_into_id is not None and current.pk not in seen:
        seen.add(current.pk)
        current = Candidate.objects.get(pk=current.merged_into_id)
    return current


@dataclass(frozen=True)
class Due:
    candidate: Candidate
    why: str


def retention_due_queryset(*, today: date | None = None) -> QuerySet[Candidate]:
    """The candidate records due for erasure by retention on `today` (see the module's docstring)."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(datetime.combine(today, time.min)) - timedelta(days=settings.RETENTION_DAYS)
    open_application = Application.objects.filter(candidate=OuterRef("pk"), outcome=Application.Outcome.ACTIVE)
    inactive = Q(last_activity_at__lt=cutoff)
    date_passed = Q(retain_until__lt=today) & (inactive | Q(last_activity_at__date__lte=F("retain_until")))
    return (
        Candidate.objects.filter(merged_into__isnull=True, erased_at__isnull=True)
        .exclude(Exists(open_application))
        .filter((Q(retain_until__isnull=True) & inactive) | date_passed)
        .order_by("pk")
    )


def retention_due(*, today: date | None = None) -> list[Due]:
    """Each due record with why, in id order (what `enforce_retention --dry-run` prints)."""
    today = today or timezone.localdate()
    due = []
    for candidate in retention_due_queryset(today=today).only("pk", "last_activity_at", "retain_until"):
        if candidate.retain_until is not None:
            why = f"retention date {candidate.retain_until:%Y-%m-%d} passed"
        else:
            why = f"no activity for more than {settings.RETENTION_DAYS} days"
        due.append(Due(candidate=candidate, why=why))
    return due


@dataclass(frozen=True)
class ErasureSummary:
    """What an erasure of this person would remove, for the confirmation page."""

    records: int  # the record and those merged into it
    resumes: int
    notes: int
    emails: int
    applications: int  # kept, unlinked from the person


def erasure_summary(candidate: Candidate) -> ErasureSummary:
    family = merge_family(family_root(candidate))
    return ErasureSummary(
        records=len(family),
        resumes=Resume.objects.filter(candidate_id__in=family).count(),
        notes=Note.objects.filter(candidate_id__in=family).count(),
        emails=OutboundEmail.objects.filter(candidate_id__in=family).count()
        + InboundEmail.objects.filter(candidate_id__in=family).count(),
        applications=Application.objects.filter(candidate_id__in=family).count(),
    )


def erased_history(user: User, candidate: Candidate) -> list[Application]:
    """An erased candidate's applications (those the user may see), each with `.history`: its
    stage changes in order. Three queries whatever the count."""
    applications = Application.objects.filter(candidate=candidate).select_related("job", "stage").order_by("applied_at")
    if not is_recruiter(user):
        applications = applications.filter(job__hiring_managers=user)
    return list(applications.prefetch_related(Prefetch("stage_changes", queryset=StageChange.objects.order_by("changed_at", "id"), to_attr="history")))


def erased_candidate_get(user: User, candidate_id: int) -> Candidate:
    """An erased candidate the user may see (their profile page); 404 for anyone else."""
    return get_object_or_404(candidate_list_for(user, include_erased=True), pk=candidate_id, erased_at__isnull=False)
