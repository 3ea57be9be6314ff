"""Writes of the privacy work: consent recorded and withdrawn (append-only rows), erasure requests
(asked for, declined, approved: the erasure runs), and subject access exports (started, built by
the RQ job step by step, retried, swept when expired)."""
from __future__ import annotations

import json
import tempfile
import zipfile
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from redis.exceptions import RedisError

from ats.core import queues
from ats.core.access import User
from ats.core.models import Activity
from ats.core.services import activity_record
from candidates.erasure.services import ERASE_PERMISSION, candidate_erase
from candidates.models import Candidate
from candidates.privacy import selectors
from candidates.privacy.models import ErasureRequest, SubjectExport
from candidates.selectors import merge_family
from jobs.careers.models import Consent

EXPORT_QUEUE = "default"
EXPORT_TIMEOUT = 900  # seconds the job may take; a "running" export older than this was interrupted
SUBJECT_EXPORT_TASK = "candidates.privacy.tasks.build_subject_export"


class PrivacyRefused(ValueError):
    """The request cannot be done as asked; the message says why, for the page."""


# --- Consent -------------------------------------------------------------------------------------

@transaction.atomic
def consent_record(
    *, actor: User | None, candidate: Candidate, source: str, notice_version: str, given_at: datetime,
    lawful_basis: str = Consent.LawfulBasis.CONSENT, note: str = "", email: str = "",
) -> Consent:
    """Record that the person consented (a recruiter told by phone, a sourced profile held on
    legitimate interest, ...): a new row, which becomes their current state."""
    if source not in Consent.Source.values or source == Consent.Source.SELF_SERVICE:
        raise PrivacyRefused("Choose how the consent was given.")
    if lawful_basis not in Consent.LawfulBasis.values:
        raise PrivacyRefused("Choose the lawful basis.")
    if not notice_version.strip():
        raise PrivacyRefused("Say which version of the privacy notice the person was shown.")
    if given_at > timezone.now() + timedelta(minutes=5):
        raise PrivacyRefused("The date consent was given cannot be in the future.")
    consent = Consent.objects.create(
        candidate=candidate, kind=Consent.Kind.GIVEN, source=source, lawful_basis=lawful_basis,
        notice_version=notice_version.strip()[:40], given_at=given_at, recorded_by=_user_or_none(actor),
        note=note.strip()[:2000], email=email, retention_days=settings.CANDIDATE_RETENTION_DAYS,
    )
    activity_record(
        actor=actor, verb=Activity.Verb.CONSENT_RECORDED, candidate=candidate,
        data={"consent": consent.pk, "source": source, "lawful_basis": lawful_basis, "notice_version": consent.notice_version},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User | None, candidate: Candidate, source: str, note: str = "") -> tuple[Consent, bool]:
    """Record that the person withdrew consent (or objected to being held on legitimate interest):
    a new row, unless their current state is already withdrawn (then that row, and False)."""
    Candidate.objects.select_for_update().filter(pk=candidate.pk).first()  # two clicks: one row
    current = selectors.consent_current(selectors.consent_history(candidate))
    if current is not None and current.kind == Consent.Kind.WITHDRAWN:
        return current, False
    if source not in Consent.Source.values:
        raise PrivacyRefused("Choose how the withdrawal reached us.")
    consent = Consent.objects.create(
        candidate=candidate, kind=Consent.Kind.WITHDRAWN, source=source,
        lawful_basis=current.lawful_basis if current else Consent.LawfulBasis.CONSENT,
        notice_version=current.notice_version if current else settings.CAREERS_PRIVACY_NOTICE_VERSION,
        recorded_by=_user_or_none(actor), note=note.strip()[:2000], retention_days=settings.CANDIDATE_RETENTION_DAYS,
    )
    activity_record(
        actor=actor, verb=Activity.Verb.CONSENT_WITHDRAWN, candidate=candidate, data={"consent": consent.pk, "source": source},
    )
    return consent, True


def _refuse_erased(candidate: Candidate) -> None:
    """Lock the person's row (two clicks make one request) and refuse when they are erased already."""
    locked = Candidate.objects.select_for_update().filter(pk=candidate.pk).only("erased_at").first()
    if locked is None or locked.erased_at is not None:
        raise PrivacyRefused("This person's personal data is already erased.")


def _user_or_none(actor: User | None) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


# --- Erasure requests ----------------------------------------------------------------------------

@transaction.atomic
def erasure_request_create(*, actor: User | None, candidate: Candidate, source: str) -> tuple[ErasureRequest, bool]:
    """Ask for the person's data to be erased; asking again while a request is pending is the same
    request (returned with False)."""
    if source not in ErasureRequest.Source.values:
        raise PrivacyRefused("Say who asked for the erasure.")
    _refuse_erased(candidate)
    pending = ErasureRequest.objects.filter(candidate=candidate, state=ErasureRequest.State.PENDING).first()
    if pending is not None:
        return pending, False
    try:
        with transaction.atomic():
            request = ErasureRequest.objects.create(
                candidate=candidate, candidate_ref=candidate.pk, source=source, requested_by=_user_or_none(actor),
            )
    except IntegrityError:  # a concurrent request won (the unique pending constraint)
        return ErasureRequest.objects.get(candidate=candidate, state=ErasureRequest.State.PENDING), False
    activity_record(
        actor=actor, verb=Activity.Verb.ERASURE_REQUESTED, candidate=candidate, data={"erasure_request": request.pk, "source": source},
    )
    return request, True


def _claim_pending(erasure_request: ErasureRequest) -> ErasureRequest:
    locked = ErasureRequest.objects.select_for_update().filter(pk=erasure_request.pk).first()
    if locked is None or locked.state != ErasureRequest.State.PENDING:
        raise PrivacyRefused("This request has already been decided.")
    return locked


@transaction.atomic
def erasure_request_decline(*, actor: User, erasure_request: ErasureRequest, reason: str) -> ErasureRequest:
    """Decline a pending request, with the reason (kept; shown in the list). Deciding either way
    needs the erase permission."""
    if not actor.has_perm(ERASE_PERMISSION):
        raise PrivacyRefused("Deciding on an erasure request needs the “erase candidates” permission; ask an admin.")
    if not reason.strip():
        raise PrivacyRefused("Give the reason for declining; it is kept with the request.")
    locked = _claim_pending(erasure_request)
    locked.state, locked.decided_by, locked.decided_at = ErasureRequest.State.DECLINED, actor, timezone.now()
    locked.decline_reason = reason.strip()[:2000]
    locked.save(update_fields=["state", "decided_by", "decided_at", "decline_reason"])
    activity_record(
        actor=actor, verb=Activity.Verb.ERASURE_DECLINED, candidate=locked.candidate,
        data={"erasure_request": locked.pk},
    )
    return locked


@transaction.atomic
def erasure_request_approve(*, actor: User, erasure_request: ErasureRequest) -> ErasureRequest:
    """Approve a pending request: the person is erased (candidates.erasure's candidate_erase, which
    records it) and the request says who decided. Needs the erase permission."""
    if not actor.has_perm(ERASE_PERMISSION):
        raise PrivacyRefused("Approving an erasure needs the “erase candidates” permission; ask an admin.")
    locked = _claim_pending(erasure_request)
    candidate = locked.candidate
    ErasureRequest.objects.filter(pk=locked.pk).update(
        state=ErasureRequest.State.APPROVED, decided_by=actor, decided_at=timezone.now()
    )
    if candidate is not None:  # which also expires their subject exports and deletes the files
        candidate_erase(actor=actor, candidate=candidate, reason=f"Erasure request {locked.pk} approved")
    locked.refresh_from_db()
    return locked


# --- Subject access export -----------------------------------------------------------------------

@transaction.atomic
def subject_export_start(*, actor: User | None, candidate: Candidate, for_subject: bool = False) -> tuple[SubjectExport, bool]:
    """Queue an export of everything held about the person (the job builds it after the commit);
    while one is queued or building, that one (and False). `for_subject`: the person asked on their
    own page (actor None); at most one a day, so a link cannot be used to load the workers."""
    _refuse_erased(candidate)
    recent = SubjectExport.objects.filter(candidate=candidate, for_subject=for_subject).exclude(state=SubjectExport.State.FAILED)
    if for_subject:
        recent = recent.filter(created_at__gte=timezone.now() - timedelta(days=1))
    else:
        recent = recent.filter(state__in=[SubjectExport.State.QUEUED, SubjectExport.State.RUNNING])
    existing = recent.order_by("-created_at").first()
    if existing is not None:
        return existing, False
    export = SubjectExport.objects.create(
        candidate=candidate, requested_by=_user_or_none(actor), for_subject=for_subject,
        steps_total=len(selectors.subject_sections(for_subject=for_subject)) + 1,
    )
    activity_record(
        actor=actor, verb=Activity.Verb.SUBJECT_EXPORTED, candidate=candidate,
        data={"subject_export": export.pk, **({"via": "self_service"} if for_subject else {})},
    )
    _enqueue_build(export)
    return export, True


def _enqueue_build(export: SubjectExport) -> None:
    queues.enqueue_on_commit(
        EXPORT_QUEUE, SUBJECT_EXPORT_TASK, export.pk, job_id=f"subject-export-{export.pk}",
        job_timeout=EXPORT_TIMEOUT,
    )


@transaction.atomic
def subject_export_retry(*, actor: User, export: SubjectExport) -> SubjectExport:
    """Queue a failed export again."""
    if not SubjectExport.objects.filter(pk=export.pk, state=SubjectExport.State.FAILED, candidate__isnull=False).update(
        state=SubjectExport.State.QUEUED, failure_reason="", steps_done=0, started_at=None
    ):
        raise PrivacyRefused("Only a failed export can be tried again.")
    export.refresh_from_db()
    activity_record(
        actor=actor, verb=Activity.Verb.SUBJECT_EXPORTED, candidate=export.candidate,
        data={"subject_export": export.pk, "retry": True},
    )
    _enqueue_build(export)
    return export


class _ExportEncoder(DjangoJSONEncoder):
    """Dates and decimals as Django writes them; bytes (a received message as it arrived) as text."""

    def default(self, value: Any) -> Any:
        if isinstance(value, (bytes, memoryview)):
            return bytes(value).decode("utf-8", errors="replace")
        return super().default(value)


class _ExportFailed(Exception):
    """A permanent reason the export cannot be built (the message is for the recruiter)."""


def subject_export_build(*, export_id: int) -> bool:
    """The job's work: claim a queued export, collect each section (progress after each), write
    data.json and the résumé files into a zip in private storage, and mark it ready. A missing
    résumé file fails it with the reason (a retry can follow once it is restored); False when there
    was nothing to do (already claimed, or the person is gone)."""
    now = timezone.now()
    claimed = SubjectExport.objects.filter(
        pk=export_id, state=SubjectExport.State.QUEUED, candidate__isnull=False
    ).update(state=SubjectExport.State.RUNNING, started_at=now, steps_done=0)
    if not claimed:
        return False
    export = SubjectExport.objects.select_related("candidate").get(pk=export_id)
    try:
        family = merge_family(export.candidate)
        data = _subject_collect(export, family)
        name, size = _subject_zip_store(data, selectors.subject_resume_files(family))
    except _ExportFailed as failure:
        _export_fail(export, str(failure))
        return False
    except Exception as error:
        _export_fail(export, f"The export could not be built ({type(error).__name__}); try again, or tell an admin if it fails again.")
        raise
    finished = timezone.now()
    # Only if the person was not erased while it was being built (the erasure expired the row).
    done = SubjectExport.objects.filter(
        pk=export.pk, state=SubjectExport.State.RUNNING, candidate__erased_at__isnull=True
    ).update(
        state=SubjectExport.State.DONE, file=name, size=size, steps_done=export.steps_total,
        finished_at=finished, expires_at=finished + timedelta(days=settings.SUBJECT_EXPORT_DAYS),
    )
    if not done:
        SubjectExport._meta.get_field("file").storage.delete(name)
    return bool(done)


def _export_fail(export: SubjectExport, reason: str) -> None:
    SubjectExport.objects.filter(pk=export.pk).update(
        state=SubjectExport.State.FAILED, failure_reason=reason, finished_at=timezone.now()
    )


def _subject_collect(export: SubjectExport, family: list[int]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "export": {"id": export.pk, "candidate_id": export.candidate_id, "merged_records": family,
                   "created_at": export.created_at, "built_at": timezone.now()},
    }
    sections = selectors.subject_sections(for_subject=export.for_subject)
    for done, (section, rows_of) in enumerate(sections.items(), start=1):
        data[section] = rows_of(family)
        # Its own statement outside any transaction: the profile's progress bar reads it at once.
        SubjectExport.objects.filter(pk=export.pk).update(steps_done=done)
    return data


def _subject_zip_store(data: dict[str, Any], resumes: list[Any]) -> tuple[str, int]:
    """Write the zip to a temporary file, then into private storage under a random name."""
    with tempfile.TemporaryFile() as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("data.json", json.dumps(data, cls=_ExportEncoder, ensure_ascii=False, indent=2))
            for resume in resumes:
                try:
                    with resume.file.open("rb") as source, archive.open(_member_name(resume), "w") as target:
                        for chunk in iter(lambda: source.read(1 << 16), b""):
                            target.write(chunk)
                except FileNotFoundError as missing:
                    raise _ExportFailed(f"The résumé file “{resume.original_filename}” is missing from storage.") from missing
        size = handle.tell()
        handle.seek(0)
        field = SubjectExport._meta.get_field("file")
        name = field.storage.save(field.generate_filename(None, "export.zip"), File(handle))
    return name, size


def _member_name(resume: Any) -> str:
    original = PurePath(resume.original_filename or "resume").name.replace("/", "_")[:120] or "resume"
    return f"resumes/{resume.pk}-{original}"


def subject_exports_sweep(*, now: datetime | None = None) -> int:
    """Delete the files of exports past their expiry, and of exports whose person was erased;
    their rows stay (state expired) as the record that an export was made. Returns files deleted."""
    now = now or timezone.now()
    gone = Q(expires_at__lt=now) | Q(candidate__isnull=True) | Q(candidate__erased_at__isnull=False)
    stale = SubjectExport.objects.filter(gone, state=SubjectExport.State.DONE)
    deleted = 0
    for export in stale.only("pk", "file"):
        if export.file:
            export.file.storage.delete(export.file.name)
        deleted += SubjectExport.objects.filter(pk=export.pk, state=SubjectExport.State.DONE).update(
            state=SubjectExport.State.EXPIRED, file=""
        )
    return deleted


def subject_exports_recover(*, now: datetime | None = None) -> dict[str, int]:
    """The database decides what export work remains: queued exports whose job Redis lost are
    enqueued again (a job still waiting collapses with its id), and exports "running" for longer
    than the job may take were interrupted (a killed worker): failed, with a reason, to retry."""
    now = now or timezone.now()
    lost = SubjectExport.objects.filter(
        state=SubjectExport.State.QUEUED, created_at__lt=now - timedelta(minutes=5), candidate__isnull=False
    )
    requeued = 0
    for export in lost.only("pk"):
        try:
            job = queues.enqueue(EXPORT_QUEUE, SUBJECT_EXPORT_TASK, export.pk, job_id=f"subject-export-{export.pk}", job_timeout=EXPORT_TIMEOUT)
        except RedisError:
            break  # the next sweep tries again
        requeued += job is not None
    interrupted = SubjectExport.objects.filter(
        state=SubjectExport.State.RUNNING, started_at__lt=now - timedelta(seconds=EXPORT_TIMEOUT + 60)
    ).update(
        state=SubjectExport.State.FAILED, finished_at=now,
        failure_reason="The export was interrupted (its worker stopped); try again.",
    )
    return {"requeued": requeued, "interrupted": interrupted}
