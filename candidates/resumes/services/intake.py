"""Résumé intake: upload → private storage → queue (→ parse → candidate), losing nothing.

A file is checked (type by content, size, emptiness) and stored under a random name before its
row exists; the parse job is queued only once the row commits (see claims.py for what follows).
"""
from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ats.core.access import User
from ats.core.history import erasure
from ats.core.limits import human_size, sizes_apart
from ats.core.models import Activity
from ats.core.services import activity_record
from candidates.models import Candidate
from candidates.parsing.sniff import sniff_detail
from candidates.resumes.models import Resume, UploadBatch
from candidates.resumes.previews import previews_delete
from candidates.resumes.services.claims import enqueue_parse_on_commit

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
}
ACCEPTED_FORMATS = "PDF, DOCX or plain text (TXT)"


@dataclass
class UploadOutcome:
    filename: str
    status: Literal["queued", "duplicate", "refused"]
    message: str
    resume: Resume | None = None

    def as_json(self) -> dict[str, Any]:
        candidate_url = None
        if self.resume is not None and self.resume.candidate_id:
            candidate_url = self.resume.candidate.get_absolute_url()
        return {
            "filename": self.filename,
            "status": self.status,
            "message": self.message,
            "resume_id": self.resume.pk if self.resume else None,
            "candidate_url": candidate_url,
        }


def oversized_outcome(filename: str) -> UploadOutcome:
    """A file the upload handler stopped reading at MAX_UPLOAD_SIZE (ats.core.limits)."""
    return UploadOutcome(
        filename, "refused", f"{filename} is larger than the limit of {human_size(settings.MAX_UPLOAD_SIZE)}; it was not uploaded."
    )


def resume_upload(
    *,
    actor: User | None,
    filename: str,
    data: bytes,
    batch: UploadBatch | None = None,
    job: Any = None,
    stage: Any = None,
    candidate: Candidate | None = None,
) -> UploadOutcome:
    """Validate one file, store it privately and queue it for parsing once the row commits.

    With `candidate` (the careers form knows whose résumé it is) the parse adds to that candidate
    instead of matching one.

    Refusals (empty, too large, not an accepted type) and duplicates return an outcome with a
    message for the recruiter; nothing is stored for them.
    """
    filename = (filename or "résumé").strip()[:255]
    if not data:
        return UploadOutcome(filename, "refused", f"{filename} is empty (0 bytes), so there is nothing to read.")
    if len(data) > settings.MAX_UPLOAD_SIZE:
        size, limit = sizes_apart(len(data), settings.MAX_UPLOAD_SIZE)
        return UploadOutcome(filename, "refused", f"{filename} is {size}; the limit is {limit}.")
    kind, looks_like = sniff_detail(data)
    if kind is None:
        why = " Save it as a plain .docx or PDF without macros." if "macros" in looks_like else ""
        return UploadOutcome(
            filename, "refused",
            f"{filename} is {looks_like}: not a résumé format we can read. Upload a {ACCEPTED_FORMATS} file.{why}",
        )
    digest = hashlib.sha256(data).hexdigest()
    existing = Resume.objects.filter(sha256=digest).select_related("candidate").first()
    if existing is not None:
        return _duplicate(filename, existing)

    resume = Resume(
        original_filename=filename,
        size=len(data),
        content_type=CONTENT_TYPES[kind],
        sha256=digest,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        batch=batch,
        target_job=job,
        target_stage=stage,
        candidate=candidate,
    )
    # The random storage name keeps the original (personal) file name out of the file system.
    resume.file.save(f"upload.{kind}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            resume.save()
            activity_record(actor=actor, verb=Activity.Verb.RESUME_UPLOADED, job=job, candidate=candidate,
                            data={"resume_id": resume.pk, "filename": filename})
            enqueue_parse_on_commit(resume.pk)
    except IntegrityError:
        # The same file arrived in a concurrent request a moment ago.
        resume.file.delete(save=False)
        existing = Resume.objects.filter(sha256=digest).select_related("candidate").first()
        if existing is None:
            raise
        return _duplicate(filename, existing)
    return UploadOutcome(filename, "queued", f"{filename} is queued for parsing.", resume)


def _duplicate(filename: str, existing: Resume) -> UploadOutcome:
    who = f" for {existing.candidate.display_name}" if existing.candidate_id else ""
    return UploadOutcome(
        filename,
        "duplicate",
        f"{filename} was already uploaded as {existing.original_filename}{who} "
        f"on {timezone.localtime(existing.created_at):%d %b %Y}; it was not parsed again.",
        existing,
    )


@transaction.atomic
def resume_reparse(*, actor: User | None, resume: Resume) -> Resume:
    """Queue a résumé again with the current parser; fields a recruiter corrected are kept.

    A no-op while the résumé is queued or being parsed: resetting a claimed row would let two
    workers store it (pages and the admin action hide the button then; this closes the race).
    """
    requeued = Resume.objects.filter(pk=resume.pk).exclude(status__in=Resume.IN_PROGRESS).update(
        status=Resume.Status.QUEUED, failure_reason="", attempts=0, status_changed_at=timezone.now()
    )
    resume.refresh_from_db()
    if not requeued:
        return resume
    activity_record(
        actor=actor, verb=Activity.Verb.RESUME_REPARSE, candidate=resume.candidate, data={"resume_id": resume.pk}
    )
    enqueue_parse_on_commit(resume.pk)
    return resume


@transaction.atomic
def upload_batch_open(*, actor: User, batch_id: uuid.UUID, job: Any = None, stage: Any = None) -> UploadBatch | None:
    """The upload batch the page's files go into, created with its first request; None when the id
    is another user's batch. (A batch is bookkeeping for its page; each file's upload is audited.)"""
    batch, created = UploadBatch.objects.get_or_create(pk=batch_id, defaults={"created_by": actor, "job": job, "stage": stage})
    if not created and batch.created_by_id != actor.pk:
        return None
    return batch


def resumes_delete(*, actor: User | None, resume_ids: list[int]) -> int:
    """Delete résumés with their stored files, and the candidates they leave without any résumé
    (an erasure: their histories go with them). Returns how many résumés were deleted.

    The files go after the rows have committed, so a failure never leaves a row whose file is gone.
    """
    with transaction.atomic():
        resumes = list(Resume.objects.select_for_update().filter(pk__in=resume_ids))
        candidate_ids = {r.candidate_id for r in resumes if r.candidate_id}
        files = [r.file.name for r in resumes]
        with erasure():
            Resume.objects.filter(pk__in=[r.pk for r in resumes]).delete()
            lone = list(Candidate.objects.filter(pk__in=candidate_ids, resumes__isnull=True).values_list("pk", flat=True))
            Candidate.objects.filter(pk__in=lone).delete()
        activity_record(actor=actor, verb=Activity.Verb.CANDIDATE_DELETED,
                        data={"resume_ids": [r.pk for r in resumes], "candidate_ids": lone})
    storage = Resume._meta.get_field("file").storage
    for name in files:
        storage.delete(name)
    previews_delete(resumes)
    return len(resumes)
