"""The parse queue's bookkeeping: enqueue, claim, hand back, fail, and sweep up lost work.

The Resume row is the source of truth. Redis only carries the work: every state a résumé can be
stuck in (queued with its job lost, parsing with its worker killed) is found again by
`resume_sweep`, which the workers run periodically.
"""
from __future__ import annotations

import logging
import os
import socket
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError
from rq import Retry
from rq.job import JobStatus

from ats.core import queues
from ats.core.models import Activity
from ats.core.services import activity_record
from ats.webhooks.services import event_record
from candidates.resumes.models import Resume

logger = logging.getLogger(__name__)

PARSE_QUEUE = "parsing"
PARSE_TASK = "candidates.resumes.tasks.parse_resume_task"
RETRY_INTERVALS = [5, 30, 120]  # seconds RQ waits before retrying a job after a transient error


def parse_job_id(resume_id: int) -> str:
    return f"parse-resume-{resume_id}"


def enqueue_parse(resume_id: int, *, delay: timedelta | None = None) -> bool:
    """Put the parse job on the queue unless one for this résumé is already waiting or running.

    The job id is derived from the row, so a sweep and an upload racing collapse into one job.
    With a delay the job waits in RQ's scheduler first (workers run it with --with-scheduler). A job
    RQ still calls "started" does not count: its row is queued, so whoever started it is gone (a
    worker killed mid-parse leaves its job "started" for good) or about to find the row claimed.
    Returns whether a job was added.
    """
    return queues.enqueue(
        PARSE_QUEUE,
        PARSE_TASK,
        resume_id,
        job_id=parse_job_id(resume_id),
        job_timeout=settings.PARSE_JOB_TIMEOUT,
        delay=delay,
        retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
        pending=(JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED),
    ) is not None


def enqueue_parse_on_commit(resume_id: int) -> None:
    # If Redis is down the commit still stands; the sweeper enqueues the row later.
    queues.after_commit(enqueue_parse, resume_id, what=f"queue résumé {resume_id} for parsing")


# An upload's own job is queued the moment its row commits: a queued row older than this without a
# job waiting or running lost it (Redis flushed or down), and the sweeper queues it again.
QUEUED_GRACE = timedelta(seconds=10)


def claimer_tag() -> str:
    """Who is parsing: this host and process, recorded on the row it claims."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claimer_gone(tag: str) -> bool:
    """Whether the process that claimed a row is certainly dead: only knowable for this host (a
    process of another host is given until RESUME_STUCK_AFTER)."""
    host, _, pid = tag.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")  # a zombie is dead, not reaped
    except FileNotFoundError:
        return True
    except OSError:
        return False


def resume_sweep(*, stuck_after: timedelta | None = None, now: Any = None) -> dict[str, int]:
    """Re-enqueue résumés whose work was lost; give up on files that keep killing workers.

    A row in `parsing` whose process is dead (on this host), or that has been parsing longer than
    RESUME_STUCK_AFTER, goes back to `queued`, or to `failed` after PARSE_MAX_ATTEMPTS (a file that
    takes a worker down every time is hostile). A queued row whose job is not waiting or running in
    Redis any more is enqueued again. Returns what it did: `enqueued` counts jobs really added.
    """
    now = now or timezone.now()
    if stuck_after is None:
        stuck_after = timedelta(seconds=settings.RESUME_STUCK_AFTER)
    parsing = Resume.objects.filter(status=Resume.Status.PARSING).values_list("pk", "claimed_by", "status_changed_at")
    abandoned = [pk for pk, tag, changed in parsing if changed < now - stuck_after or claimer_gone(tag)]
    hostile = Resume.objects.filter(pk__in=abandoned, status=Resume.Status.PARSING, attempts__gte=settings.PARSE_MAX_ATTEMPTS)
    gave_up = sum(_give_up(resume_id, now) for resume_id in hostile.values_list("pk", flat=True))
    interrupted = list(Resume.objects.filter(pk__in=abandoned, status=Resume.Status.PARSING).values_list("pk", flat=True))
    Resume.objects.filter(pk__in=interrupted, status=Resume.Status.PARSING).update(
        status=Resume.Status.QUEUED, status_changed_at=now
    )
    grace = min(QUEUED_GRACE, stuck_after)
    lost = Resume.objects.filter(status=Resume.Status.QUEUED, status_changed_at__lt=now - grace).values_list("pk", "attempts")
    due = sorted(set(interrupted) | set(_without_a_job(list(lost))))
    enqueued, redis_down = 0, False
    for resume_id in due:
        try:
            enqueued += enqueue_parse(resume_id)
        except RedisError:
            redis_down = True  # the rows stay queued: the next sweep tries again
            break
    if not redis_down:
        _note_sweep(now)
    if enqueued or interrupted or gave_up or redis_down:
        logger.info("résumé sweep: %s enqueued (%s interrupted), %s gave up%s", enqueued, len(interrupted), gave_up,
                    "; Redis is unavailable" if redis_down else "")
    return {"enqueued": enqueued, "interrupted": len(interrupted), "gave_up": gave_up, "redis_down": int(redis_down)}


def _pending_parse_jobs() -> set[int]:
    """Résumé ids whose parse job waits in Redis (queued, scheduled or deferred)."""
    queue = queues.get_queue(PARSE_QUEUE)
    job_ids = [*queue.get_job_ids(), *queue.scheduled_job_registry.get_job_ids(), *queue.deferred_job_registry.get_job_ids()]
    prefix = parse_job_id(0)[:-1]
    return {int(job_id[len(prefix):]) for job_id in job_ids if job_id.startswith(prefix) and job_id[len(prefix):].isdigit()}


def _without_a_job(queued: list[tuple[int, int]]) -> list[int]:
    """Of these queued (id, attempts), the résumés no waiting job will parse.

    Parse jobs are interchangeable for résumés never started (resume_claim_fair): a job whose own
    résumé another job took parses the next in turn instead. Such spare jobs stand in for as many
    jobless never-started résumés, so the sweep adds no job twice over; a résumé with attempts
    behind it is only ever parsed by its own job, so it always needs one.
    """
    try:
        pending = _pending_parse_jobs()
    except RedisError:
        return [pk for pk, _ in queued]  # enqueueing will fail too; the next sweep tries again
    spare = len(pending - set(Resume.objects.filter(pk__in=pending, status=Resume.Status.QUEUED).values_list("pk", flat=True)))
    jobless = [(pk, attempts) for pk, attempts in queued if pk not in pending]
    fresh = [pk for pk, attempts in jobless if attempts == 0]
    return [pk for pk, attempts in jobless if attempts > 0] + fresh[spare:]


def _note_sweep(now: Any) -> None:
    """When the sweep last ran, for /healthz (an overdue sweep means nobody recovers lost work)."""
    try:
        queues.redis_connection(PARSE_QUEUE).set(queues.LAST_SWEEP_KEY, now.timestamp(), ex=7 * 86400)
    except RedisError:
        pass


def resume_claim(resume_id: int) -> Resume | None:
    """Mark a queued résumé as parsing; None when another worker has it or it is done.

    A conditional UPDATE, so of two workers racing on one résumé exactly one proceeds.
    """
    # One round trip: UPDATE … RETURNING the two columns the parse needs.
    rows = list(
        Resume.objects.raw(
            "UPDATE candidates_resume SET status = %s, attempts = attempts + 1, status_changed_at = %s, claimed_by = %s "
            "WHERE id = %s AND status = %s RETURNING id, file, original_filename",
            [Resume.Status.PARSING, timezone.now(), claimer_tag(), resume_id, Resume.Status.QUEUED],
        )
    )
    return rows[0] if rows else None


# Queued résumés never started, in fair order across upload batches: round robin, each batch's
# next résumé in turn, the batch served longest ago (or never) first; a résumé uploaded alone is a
# batch of its own. A recruiter's 300-file batch then delays a colleague's upload by a parse or
# two, not by 300. `turn` (a résumé's place among its batch's queued ones) keeps several workers
# busy on one big batch: a second worker skips the row the first has locked and takes the next.
# The work is bounded by the backlog (queued rows, found by the status index, and the rows of
# their batches), not by the table.
_FAIR_NEXT = """
WITH queued AS (
    SELECT id, batch_id, status_changed_at,
           row_number() OVER (PARTITION BY batch_id, CASE WHEN batch_id IS NULL THEN id END
                              ORDER BY status_changed_at, id) AS turn
    FROM candidates_resume WHERE status = %(queued)s AND attempts = 0
), served AS (
    SELECT batch_id, max(status_changed_at) AS at FROM candidates_resume
    WHERE status <> %(queued)s AND batch_id IN (SELECT batch_id FROM queued) GROUP BY batch_id
), fair AS (
    SELECT q.id, q.turn, served.at AS served_at, q.status_changed_at
    FROM queued q LEFT JOIN served ON served.batch_id = q.batch_id
    ORDER BY q.turn, served.at NULLS FIRST, q.status_changed_at, q.id LIMIT 16
)
SELECT r.id FROM candidates_resume r JOIN fair ON fair.id = r.id
WHERE r.status = %(queued)s
ORDER BY fair.turn, fair.served_at NULLS FIRST, fair.status_changed_at, fair.id
LIMIT 1 FOR UPDATE OF r SKIP LOCKED
"""


def resume_claim_next() -> Resume | None:
    """Claim the next queued résumé that no worker has started on yet, in fair order across upload
    batches (see _FAIR_NEXT), if any; rows other workers are claiming are skipped.

    A worker with a backlog in front of it takes more résumés this way within one job (see
    candidates.resumes.batches), so it stores them together; their own jobs are then removed (dequeue_parse).
    A résumé with attempts behind it is left to its own job, parsed first and alone: if it is the
    file that brought a worker down, the résumés parsed beside it are not blamed again with it
    (the sweeper gives up on a file after PARSE_MAX_ATTEMPTS).
    """
    rows = list(
        Resume.objects.raw(
            "UPDATE candidates_resume SET status = %(parsing)s, attempts = attempts + 1, status_changed_at = %(now)s, "
            f"claimed_by = %(tag)s WHERE status = %(queued)s AND id = ({_FAIR_NEXT}) RETURNING id, file, original_filename",
            {"parsing": Resume.Status.PARSING, "now": timezone.now(), "tag": claimer_tag(), "queued": Resume.Status.QUEUED},
        )
    )
    return rows[0] if rows else None


def resume_claim_fair(resume_id: int) -> Resume | None:
    """What a worker's parse job parses first: its own résumé when that is a retry (parsed alone, see
    resume_claim_next), otherwise the next résumé in fair order, which may be another's.

    Parse jobs are interchangeable tokens of work: a job that takes another résumé leaves that
    résumé's job waiting, which later finds this one (or the next in turn). RQ's queue order alone
    would parse a large batch to its end before a later upload.
    """
    rows = list(
        Resume.objects.raw(
            "UPDATE candidates_resume SET status = %s, attempts = attempts + 1, status_changed_at = %s, claimed_by = %s "
            "WHERE id = %s AND status = %s AND attempts > 0 RETURNING id, file, original_filename",
            [Resume.Status.PARSING, timezone.now(), claimer_tag(), resume_id, Resume.Status.QUEUED],
        )
    )
    return rows[0] if rows else resume_claim_next()


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


def _give_up(resume_id: int, now: Any) -> bool:
    reason = (
        f"Parsing stopped without finishing {settings.PARSE_MAX_ATTEMPTS} times (the file may be too large "
        "or damaged). Re-parse to try again, or open the file to check it."
    )
    return resume_fail(resume_id=resume_id, reason=reason, now=now)


@transaction.atomic
def resume_fail(*, resume_id: int, reason: str, now: Any = None) -> bool:
    """Mark a résumé that is being parsed as failed, with the activity and the `resume.failed`
    webhook event (whether the worker said so or the sweeper gave up on it). False if it was not
    being parsed any more."""
    updated = Resume.objects.filter(pk=resume_id, status=Resume.Status.PARSING).update(
        status=Resume.Status.FAILED, failure_reason=reason, status_changed_at=now or timezone.now()
    )
    if updated:
        resume = Resume.objects.get(pk=resume_id)
        activity_record(
            actor=None,
            verb=Activity.Verb.RESUME_FAILED,
            candidate=resume.candidate,
            data={"resume_id": resume_id, "filename": resume.original_filename, "reason": reason},
        )
        event_record("resume.failed", candidate_id=resume.candidate_id, payload={"resume_id": resume_id})
    return bool(updated)
