"""Résumé ingestion: upload → private storage → queue → parse → candidate, losing nothing.

The Resume row is the source of truth. Redis only carries the work: every state a résumé can be
stuck in (queued with its job lost, parsing with its worker killed) is found again by
`resume_sweep`, which the workers run periodically.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from redis.exceptions import RedisError
from rq import Retry
from rq.job import JobStatus

from ats import queues
from ats.roles import User
from candidates.models import Activity, Resume, UploadBatch
from candidates.parsing import sniff
from candidates.services import activity_record

logger = logging.getLogger(__name__)

PARSE_QUEUE = "parsing"
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


def _human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"


def resume_upload(
    *,
    actor: User | None,
    filename: str,
    data: bytes,
    batch: UploadBatch | None = None,
    job: Any = None,
    stage: Any = None,
) -> UploadOutcome:
    """Validate one file, store it privately and queue it for parsing once the row commits.

    Refusals (empty, too large, not an accepted type) and duplicates return an outcome with a
    message for the recruiter; nothing is stored for them.
    """
    filename = (filename or "résumé").strip()[:255]
    if not data:
        return UploadOutcome(filename, "refused", f"{filename} is empty (0 bytes), so there is nothing to read.")
    if len(data) > settings.MAX_UPLOAD_SIZE:
        return UploadOutcome(
            filename,
            "refused",
            f"{filename} is {_human_size(len(data))}; the limit is {_human_size(settings.MAX_UPLOAD_SIZE)}.",
        )
    kind = sniff(data)
    if kind is None:
        return UploadOutcome(
            filename, "refused", f"{filename} is not a résumé format we can read. Upload a {ACCEPTED_FORMATS} file."
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
    )
    # The random storage name keeps the original (personal) file name out of the file system.
    resume.file.save(f"upload.{kind}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            resume.save()
            activity_record(actor=actor, verb=Activity.Verb.RESUME_UPLOADED, job=job, data={"resume_id": resume.pk, "filename": filename})
            _enqueue_on_commit(resume.pk)
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


def _enqueue_on_commit(resume_id: int) -> None:
    # robust: if Redis is down the commit still stands; the sweeper enqueues the row later.
    def enqueue() -> None:
        enqueue_parse(resume_id)

    transaction.on_commit(enqueue, robust=True)


def parse_job_id(resume_id: int) -> str:
    return f"parse-resume-{resume_id}"


RETRY_INTERVALS = [5, 30, 120]  # seconds RQ waits before retrying a job after a transient error


def enqueue_parse(resume_id: int, *, delay: timedelta | None = None) -> None:
    """Put the parse job on the queue unless one for this résumé is already waiting or running.

    The job id is derived from the row, so a sweep and an upload racing collapse into one job.
    With a delay the job waits in RQ's scheduler first (workers run it with --with-scheduler).
    """
    from candidates.tasks import parse_resume_task

    queue = queues.get_queue(PARSE_QUEUE, commit_mode="auto")
    job_id = parse_job_id(resume_id)
    job = queue.fetch_job(job_id)
    if job is not None and job.get_status(refresh=False) in (
        JobStatus.QUEUED,
        JobStatus.STARTED,
        JobStatus.SCHEDULED,
        JobStatus.DEFERRED,
    ):
        return
    options = dict(
        job_id=job_id,
        job_timeout=settings.PARSE_JOB_TIMEOUT,
        retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
        # Tracebacks may quote résumé content: keep failures briefly, results not at all.
        failure_ttl=24 * 3600,
        result_ttl=0,
    )
    if delay:
        queue.enqueue_in(delay, parse_resume_task, resume_id, **options)
    else:
        queue.enqueue(parse_resume_task, resume_id, **options)


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
    _enqueue_on_commit(resume.pk)
    return resume


def resume_sweep(*, stuck_after: timedelta | None = None, now: Any = None) -> dict[str, int]:
    """Re-enqueue résumés whose work was lost; give up on files that keep killing workers.

    Queued rows older than the threshold are enqueued again (a no-op when their job is still in
    Redis). Rows stuck in `parsing` lost their worker: they go back to `queued`, or to `failed`
    after PARSE_MAX_ATTEMPTS, since a file that takes a worker down every time is hostile.
    """
    now = now or timezone.now()
    if stuck_after is None:
        stuck_after = timedelta(seconds=settings.RESUME_STUCK_AFTER)
    cutoff = now - stuck_after
    stuck_parsing = Resume.objects.filter(status=Resume.Status.PARSING, status_changed_at__lt=cutoff)
    gave_up = stuck_parsing.filter(attempts__gte=settings.PARSE_MAX_ATTEMPTS).update(
        status=Resume.Status.FAILED,
        failure_reason=(
            f"Parsing stopped without finishing {settings.PARSE_MAX_ATTEMPTS} times (the file may be too large "
            "or damaged). Re-parse to try again, or open the file to check it."
        ),
        status_changed_at=now,
    )
    interrupted = list(stuck_parsing.values_list("pk", flat=True))
    Resume.objects.filter(pk__in=interrupted, status=Resume.Status.PARSING).update(
        status=Resume.Status.QUEUED, status_changed_at=now
    )
    lost = Resume.objects.filter(status=Resume.Status.QUEUED, status_changed_at__lt=cutoff).values_list("pk", flat=True)
    due = sorted(set(interrupted) | set(lost))
    for resume_id in due:
        enqueue_parse(resume_id)
    if due or gave_up:
        logger.info("résumé sweep: %s enqueued (%s interrupted), %s gave up", len(due), len(interrupted), gave_up)
    return {"enqueued": len(due), "interrupted": len(interrupted), "gave_up": gave_up}


def resume_claim(resume_id: int) -> Resume | None:
    """Mark a queued résumé as parsing; None when another worker has it or it is done.

    A conditional UPDATE, so of two workers racing on one résumé exactly one proceeds.
    """
    # One round trip: UPDATE … RETURNING the two columns the parse needs.
    rows = list(
        Resume.objects.raw(
            "UPDATE candidates_resume SET status = %s, attempts = attempts + 1, status_changed_at = %s "
            "WHERE id = %s AND status = %s RETURNING id, file, original_filename",
            [Resume.Status.PARSING, timezone.now(), resume_id, Resume.Status.QUEUED],
        )
    )
    return rows[0] if rows else None


def resume_claim_next() -> Resume | None:
    """Claim the longest-waiting queued résumé that no worker has started on yet, if any; rows
    other workers are claiming are skipped.

    A worker with a backlog in front of it takes more résumés this way within one job (see
    candidates.tasks), so it stores them together; their own jobs are then removed (dequeue_parse).
    A résumé with attempts behind it is left to its own job, parsed first and alone: if it is the
    file that brought a worker down, the résumés parsed beside it are not blamed again with it
    (the sweeper gives up on a file after PARSE_MAX_ATTEMPTS).
    """
    rows = list(
        Resume.objects.raw(
            "UPDATE candidates_resume SET status = %s, attempts = attempts + 1, status_changed_at = %s "
            "WHERE status = %s AND id = (SELECT id FROM candidates_resume "
            "WHERE status = %s AND attempts = 0 "
            "ORDER BY status_changed_at LIMIT 1 FOR UPDATE SKIP LOCKED) "
            "RETURNING id, file, original_filename",
            [Resume.Status.PARSING, timezone.now(), Resume.Status.QUEUED, Resume.Status.QUEUED],
        )
    )
    return rows[0] if rows else None


# Removes a job from the queue and its hash only if it is still waiting: a worker that already took
# it finds its résumé claimed and skips it.
_DEQUEUE_SCRIPT = """
if redis.call('LREM', KEYS[1], 1, ARGV[1]) > 0 then
  redis.call('DEL', KEYS[2])
  return 1
end
return 0
"""


def dequeue_parse(resume_id: int) -> None:
    """Drop the waiting job of a résumé another job has claimed, sparing a worker the bookkeeping of
    a job with nothing left to do. Best effort: a job left behind just finds nothing to do."""
    queue = queues.get_queue(PARSE_QUEUE)
    job_id = parse_job_id(resume_id)
    try:
        # EVALSHA after the first call: redis-py's Script sends the body only when Redis lacks it.
        queue.connection.register_script(_DEQUEUE_SCRIPT)(keys=[queue.key, queue.job_class.key_for(job_id)], args=[job_id])
    except RedisError:
        logger.warning("could not drop the queued job of résumé %s; it will find nothing to do", resume_id)


def resume_release(resume_id: int) -> None:
    """Put a résumé back to `queued` after a transient error, so the retry can claim it."""
    Resume.objects.filter(pk=resume_id, status=Resume.Status.PARSING).update(
        status=Resume.Status.QUEUED, status_changed_at=timezone.now()
    )


@transaction.atomic
def resume_fail(*, resume_id: int, reason: str) -> None:
    updated = Resume.objects.filter(pk=resume_id, status=Resume.Status.PARSING).update(
        status=Resume.Status.FAILED, failure_reason=reason, status_changed_at=timezone.now()
    )
    if updated:
        resume = Resume.objects.get(pk=resume_id)
        activity_record(
            actor=None,
            verb=Activity.Verb.RESUME_FAILED,
            candidate=resume.candidate,
            data={"resume_id": resume_id, "filename": resume.original_filename, "reason": reason},
        )
