"""Reads of the privacy pages: a candidate's consent state and history, what their self-service
page shows, the sections of a subject access export, pending erasure requests, exports."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from ats.core.models import Activity, AuditEvent
from candidates.emails.models import InboundEmail, OutboundEmail
from candidates.models import Candidate, Education, Experience, Note
from candidates.privacy.models import ErasureRequest, SubjectExport
from candidates.resumes.models import Resume
from candidates.selectors import merge_family
from jobs.applications.models import Application, OutcomeChange, StageChange
from jobs.careers.models import ApplicationAnswer, Consent
from jobs.careers.selectors import consents_of
from jobs.reviews.models import Review, ReviewRating


def consent_history(candidate: Candidate) -> list[Consent]:
    """Every consent row, latest recorded first; the first is the current state."""
    return list(consents_of(candidate.pk))


def consent_current(history: list[Consent]) -> Consent | None:
    """The row that decides the state now (the latest recorded), from `consent_history`."""
    return history[0] if history else None


def self_service_candidate(candidate_id: int) -> Candidate | None:
    """The person a self-service link was made for, following a merge to the record kept; None
    when they are gone or erased (the shell that stays is nobody's page)."""
    candidate = Candidate.objects.filter(pk=candidate_id).first()
    seen = set()
    while candidate is not None and candidate.merged_into_id and candidate.pk not in seen:
        seen.add(candidate.pk)
        candidate = Candidate.objects.filter(pk=candidate.merged_into_id).first()
    return candidate if candidate is not None and candidate.erased_at is None else None


def self_service_view(candidate: Candidate) -> dict[str, Any]:
    """What the person's own page shows: their profile, résumé file names and dates, applications
    with job title and current stage, consent rows and e-mails sent, never internal notes or reviews."""
    family = merge_family(candidate)
    history = consent_history(candidate)
    return {
        "candidate": candidate,
        "experience": list(Experience.objects.filter(candidate_id__in=family).order_by("position", "id")),
        "education": list(Education.objects.filter(candidate_id__in=family).order_by("position", "id")),
        "resumes": list(Resume.objects.filter(candidate_id__in=family).only("original_filename", "created_at").order_by("-created_at")),
        "applications": list(Application.objects.filter(candidate_id__in=family).select_related("job", "stage").order_by("-applied_at")),
        "consents": history,
        "consent": consent_current(history),
        "emails": list(OutboundEmail.objects.filter(candidate_id__in=family, state=OutboundEmail.State.SENT)
                       .only("subject", "sent_at", "to_address").order_by("-sent_at")),
        "erasure_pending": ErasureRequest.objects.filter(candidate=candidate, state=ErasureRequest.State.PENDING).exists(),
    }


def erasure_requests_list(*, state: str = ErasureRequest.State.PENDING) -> QuerySet[ErasureRequest]:
    return ErasureRequest.objects.filter(state=state).select_related("candidate", "requested_by", "decided_by")


def erasure_request_get(request_id: int) -> ErasureRequest:
    return ErasureRequest.objects.select_related("candidate").get(pk=request_id)


def subject_export_latest(candidate: Candidate) -> SubjectExport | None:
    return SubjectExport.objects.filter(candidate=candidate).order_by("-created_at", "-id").first()


# --- The subject access export's sections -------------------------------------------------------

def _rows(queryset: QuerySet, *exclude: str) -> list[dict[str, Any]]:
    fields = [f.attname for f in queryset.model._meta.concrete_fields if f.attname not in exclude]
    return list(queryset.values(*fields))


def _profile(family: list[int]) -> list[dict[str, Any]]:
    rows = _rows(Candidate.objects.filter(pk__in=family).order_by("pk"), "search_document")
    tags = list(Candidate.objects.filter(pk__in=family).values_list("pk", "tags__name"))
    for row in rows:
        row["tags"] = sorted(name for pk, name in tags if pk == row["id"] and name)
    return rows


def _applications(family: list[int]) -> list[dict[str, Any]]:
    applications = _rows(Application.objects.filter(candidate_id__in=family).order_by("pk"))
    ids = [row["id"] for row in applications]
    titles = dict(Application.objects.filter(pk__in=ids).values_list("pk", "job__title"))
    stages = dict(Application.objects.filter(pk__in=ids).values_list("pk", "stage__name"))
    histories = {
        "stage_changes": _rows(StageChange.objects.filter(application_id__in=ids).order_by("pk")),
        "outcome_changes": _rows(OutcomeChange.objects.filter(application_id__in=ids).order_by("pk")),
        "answers": _rows(ApplicationAnswer.objects.filter(application_id__in=ids).order_by("pk")),
    }
    for row in applications:
        row["job_title"], row["current_stage"] = titles.get(row["id"]), stages.get(row["id"])
        for name, history in histories.items():
            row[name] = [item for item in history if item["application_id"] == row["id"]]
    return applications


def _reviews(family: list[int]) -> list[dict[str, Any]]:
    reviews = _rows(Review.objects.filter(application__candidate_id__in=family).order_by("pk"))
    ratings = _rows(ReviewRating.objects.filter(review_id__in=[row["id"] for row in reviews]).order_by("pk"))
    for row in reviews:
        row["ratings"] = [rating for rating in ratings if rating["review_id"] == row["id"]]
    return reviews


def _resumes(family: list[int]) -> list[dict[str, Any]]:
    # Metadata and what was read from each file (parsed, text); the files themselves go in the zip.
    return _rows(Resume.objects.filter(candidate_id__in=family).order_by("pk"))


def _activity_for_subject(family: list[int]) -> list[dict[str, Any]]:
    return _rows(Activity.objects.filter(candidate_id__in=family).order_by("created_at", "id"))


def _audit_for_subject(family: list[int]) -> list[dict[str, Any]]:
    return _rows(AuditEvent.objects.filter(candidate_id__in=family).order_by("created_at", "id"))


# One step each of the export's progress: name in data.json -> rows of the person and their merged records.
SUBJECT_SECTIONS: dict[str, Callable[[list[int]], list[dict[str, Any]]]] = {
    "profile": _profile,
    "experience": lambda family: _rows(Experience.objects.filter(candidate_id__in=family).order_by("pk")),
    "education": lambda family: _rows(Education.objects.filter(candidate_id__in=family).order_by("pk")),
    "resumes": _resumes,
    "applications": _applications,
    "notes": lambda family: _rows(Note.objects.filter(candidate_id__in=family).order_by("pk")),
    "reviews": _reviews,
    "emails_sent": lambda family: _rows(OutboundEmail.objects.filter(candidate_id__in=family).order_by("pk")),
    "emails_received": lambda family: _rows(InboundEmail.objects.filter(candidate_id__in=family).order_by("pk")),
    "consents": lambda family: _rows(Consent.objects.filter(candidate_id__in=family).order_by("pk")),
    "erasure_requests": lambda family: _rows(ErasureRequest.objects.filter(candidate_id__in=family).order_by("pk")),
    "activity": _activity_for_subject,
    "audit": _audit_for_subject,
}


# What the person's own copy holds (the internal records stay with the recruiter's full export):
# not these sections, and in the others not the recruiters' own free text or who among the staff did what.
INTERNAL_SECTIONS = frozenset({"notes", "reviews", "activity", "audit"})
INTERNAL_FIELDS = frozenset({
    "owner_id", "corrected_fields", "do_not_contact_reason", "outcome_reason", "reason", "note", "decline_reason",
    "recorded_by_id", "changed_by_id", "created_by_id", "decided_by_id", "requested_by_id", "uploaded_by_id",
})


def _without_internal_fields(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_internal_fields(item) for key, item in value.items() if key not in INTERNAL_FIELDS}
    if isinstance(value, list):
        return [_without_internal_fields(item) for item in value]
    return value


def subject_sections(*, for_subject: bool) -> dict[str, Callable[[list[int]], list[dict[str, Any]]]]:
    if not for_subject:
        return SUBJECT_SECTIONS
    return {
        name: (lambda family, rows_of=rows_of: _without_internal_fields(rows_of(family)))
        for name, rows_of in SUBJECT_SECTIONS.items() if name not in INTERNAL_SECTIONS
    }


def self_service_export(candidate: Candidate) -> SubjectExport | None:
    """The latest copy the person asked for on their own page (never one a recruiter made)."""
    return SubjectExport.objects.filter(candidate=candidate, for_subject=True).order_by("-created_at", "-id").first()


def subject_resume_files(family: list[int]) -> list[Resume]:
    return list(Resume.objects.filter(candidate_id__in=family).only("file", "original_filename").order_by("pk"))
