"""The RQ worker for résumé parsing: jobs in a warm process, the parser in a capped sandbox, plus the sweeper.

Start it with  manage.py rqworker parsing --with-scheduler --worker-class candidates.resumes.worker.ParsingWorker
The scheduler runs RQ's retries with back-off (without one, a retried job waits in the scheduled
registry). E-mail and other queues get a plain forking worker of their own: see scripts/run.
"""
from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created
from rq import SimpleWorker

from ats.core.workers import WorkerMixin

from candidates.parsing import ParseError, parse
from candidates.resumes import batches, sandbox
from candidates.resumes.sandbox import ParseSandbox
from candidates.resumes.services.claims import resume_sweep

logger = logging.getLogger(__name__)

# The sandbox's deadline is the parser's own time budget plus this: the parser normally gives up
# by itself with a clear message; the deadline is for when it cannot.
SANDBOX_GRACE_SECONDS = 15


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF in the standard Helvetica font, built by hand (no PDF library at run time)."""
    stream = f"BT /F1 11 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


WARM_UP_TEXT = "Fictional Person, Software Engineer. Skills: Python, Go, PostgreSQL. Experience 2019 - Present."


def warm_up_parser() -> None:
    """Fill the parser's lazy caches (skill taxonomy, regexes, font metrics) once in the parent.

    The parser sandbox is forked from the worker, so it (and any replacement) starts warm.
    """
    for document in (WARM_UP_TEXT.replace(". ", ".\n").encode(), _tiny_pdf(WARM_UP_TEXT)):
        try:
            parse(document)
        except ParseError:
            logger.warning("parser warm-up document was rejected; parsing still works, only slower")


ASYNC_COMMIT_UID = "parsing-worker-asynchronous-commit"


def _commit_asynchronously(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Don't wait for each commit's WAL flush (about 1 ms of idle time per claim here).

    Everything this worker writes can be redone from the stored files: if the server crashed and
    lost its last fraction of a second of commits, the résumés concerned would be back in `queued`
    or `parsing`, where the sweeper picks them up. (It never loses a commit partially.) The one
    side effect outside the database, a hiring manager's shortlist digest queued on commit when a
    parse adds someone to a job, could then announce an application that is created again only
    when the résumé is parsed again.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")


def sandbox_deadline() -> float:
    """The parser's own budget plus a grace period, but always inside RQ's job timeout, so a hung
    parse is reported as one ("took too long") rather than cut off by RQ mid-job."""
    return max(1.0, min(settings.PARSE_TIME_BUDGET + SANDBOX_GRACE_SECONDS, settings.PARSE_JOB_TIMEOUT - SANDBOX_GRACE_SECONDS))


class ParsingWorker(WorkerMixin, SimpleWorker):
    """Runs jobs in its own process, keeping its database connection and caches warm between
    jobs; only the parser itself runs apart, in a sandbox process with a memory cap and a deadline
    (candidates.resumes.sandbox), so one hostile file cannot take the worker down with it."""

    sandbox_target = sandbox.DEFAULT_TARGET  # what the sandbox runs (tests put slow stand-ins here)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("maintenance_interval", settings.SWEEP_INTERVAL)
        super().__init__(*args, **kwargs)
        warm_up_parser()
        connection_created.connect(_commit_asynchronously, dispatch_uid=ASYNC_COMMIT_UID)
        # The first sandbox is forked with no database connection open. Replacements are forked in
        # the middle of a job and inherit its sockets, which they never use (see ParseSandbox.start).
        connections.close_all()
        self.sandbox = ParseSandbox(
            memory_limit_mb=settings.PARSE_MEMORY_LIMIT_MB,
            timeout=sandbox_deadline(),
            target=self.sandbox_target,
        )
        self.sandbox.start()
        sandbox.install(self.sandbox)
        batches.stop_claiming.clear()

    def perform_job(self, job: Any, queue: Any, *args: Any, **kwargs: Any) -> bool:
        # What Django does around each request: drop a connection that broke or aged meanwhile.
        # Before each job is enough; the task checks again after the parse, the long part.
        batches.close_unusable_connections()
        return super().perform_job(job, queue, *args, **kwargs)

    def handle_warm_shutdown_request(self) -> None:
        # The job in hand finishes what it has claimed but takes no more résumés from the queue.
        batches.stop_claiming.set()
        super().handle_warm_shutdown_request()

    def teardown(self) -> None:
        try:
            super().teardown()
        finally:
            connection_created.disconnect(dispatch_uid=ASYNC_COMMIT_UID)
            sandbox.install(None)
            self.sandbox.stop()

    def run_maintenance_tasks(self) -> None:
        super().run_maintenance_tasks()
        try:
            resume_sweep()
        except Exception:  # the sweep must never take the worker down; it runs again next time
            logger.exception("résumé sweep failed")
        finally:
            batches.close_unusable_connections()
