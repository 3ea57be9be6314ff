"""Reads of résumés and upload batches, narrowed to what the user may see."""
from __future__ import annotations

import uuid

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from ats.core.access import User, is_recruiter
from candidates.resumes.models import ProfileUpdate, Resume, UploadBatch
from candidates.selectors import candidate_list_for
from jobs.applications.models import Application


def resume_list_for(user: User) -> QuerySet[Resume]:
    """Résumés of candidates the user may see; unattached uploads only for recruiters."""
    if is_recruiter(user):
        return Resume.objects.all()
    # On an anonymised review the original file would give the person away: 404 (reviews show a
    # redacted text instead, see jobs.reviews.redaction).
    anonymised = Application.objects.filter(
        candidate=OuterRef("candidate"), job__hiring_managers=user, stage__needs_review=True, job__anonymised_review=True
    )
    return Resume.objects.filter(candidate__in=candidate_list_for(user)).exclude(Exists(anonymised))


def upload_batch_progress(*, batch: UploadBatch) -> dict[str, object]:
    """The batch's résumés with their candidates, counts per state and whether all are done."""
    resumes = list(batch.resumes.select_related("candidate").order_by("created_at", "pk"))
    counts = {status: 0 for status in Resume.Status.values}
    for resume in resumes:
        counts[resume.status] += 1
    finished = counts[Resume.Status.PARSED] + counts[Resume.Status.FAILED]
    return {
        "resumes": resumes,
        "counts": counts,
        "total": len(resumes),
        "finished": finished,
        "done": finished == len(resumes),
    }


def upload_batch_get(user: User, batch_id: uuid.UUID) -> UploadBatch:
    """An upload batch, for recruiters (uploads are shared work); 404 otherwise."""
    batches = UploadBatch.objects.select_related("job") if is_recruiter(user) else UploadBatch.objects.none()
    return get_object_or_404(batches, pk=batch_id)


def resume_counts() -> dict[str, int]:
    """How many résumés wait to be parsed and how many failed (the dashboard's cards). Parsed
    résumés are the bulk of the table: only the few in other states are counted."""
    in_progress = Q(status__in=Resume.IN_PROGRESS)
    failed = Q(status=Resume.Status.FAILED)
    return Resume.objects.filter(in_progress | failed).aggregate(
        parsing_count=Count("pk", filter=in_progress), failed_count=Count("pk", filter=failed)
    )


def failed_resumes(*, limit: int = 5) -> list[Resume]:
    return list(
        Resume.objects.filter(status=Resume.Status.FAILED).select_related("candidate").order_by("-status_changed_at")[:limit]
    )


RESUME_STATES = {
    "in_progress": ("Being parsed", Resume.IN_PROGRESS),
    "failed": ("Not parsed", (Resume.Status.FAILED,)),
}


def resumes_in_state(user: User, state: str) -> QuerySet[Resume]:
    """Résumés being parsed or not parsed, for the dashboard's cards and their list; newest change first."""
    _, statuses = RESUME_STATES[state]
    return (
        resume_list_for(user)
        .filter(status__in=statuses)
        .select_related("candidate", "uploaded_by")
        .order_by("-status_changed_at", "-pk")
    )


def profile_updates_open(candidate_id: int) -> list[ProfileUpdate]:
    """What résumés changed on this profile that a recruiter has not looked at yet, newest first."""
    updates = ProfileUpdate.objects.filter(candidate_id=candidate_id).select_related("resume").order_by("-created_at", "-pk")[:10]
    return [update for update in updates if update.open_sections]


def resumes_waiting() -> int:
    """Résumés queued or being parsed (for /healthz)."""
    return Resume.objects.filter(status__in=Resume.IN_PROGRESS).count()
