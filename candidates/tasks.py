"""RQ entry points. They take ids, re-check state in the database and are no-ops when re-run."""
from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from rq.timeouts import JobTimeoutException

from candidates.ingestion import resume_claim, resume_fail, resume_release
from candidates.parse_sandbox import SandboxCrashed, SandboxFailure, parse_document
from candidates.parsing import ParseError
from candidates.profile_writer import resume_apply_profile

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "The parser hit an unexpected problem with this file. It has been logged for the developers; "
    "you can re-parse it later or open the file to check it."
)


def parse_resume_task(resume_id: int) -> str:
    resume = resume_claim(resume_id)
    if resume is None:
        return "skipped: not queued (already parsed, failed or taken by another worker)"
    try:
        with resume.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        resume_fail(resume_id=resume_id, reason="The stored file is missing, so it cannot be parsed. Upload it again.")
        return "failed: file missing"
    except OSError:
        resume_release(resume_id)  # storage hiccup: transient, let RQ retry
        raise

    try:
        profile, elapsed = parse_document(data, filename=resume.original_filename, time_budget=settings.PARSE_TIME_BUDGET)
    except ParseError as exc:
        resume_fail(resume_id=resume_id, reason=str(exc))  # the document is the problem: no retry
        return "failed: rejected by the parser"
    except SandboxCrashed:
        logger.error("the parser sandbox crashed on résumé %s", resume_id)
        resume_fail(resume_id=resume_id, reason=UNEXPECTED)
        return "failed: parser crashed"
    except SandboxFailure as exc:  # out of memory or past the deadline: this file would do it again
        resume_fail(resume_id=resume_id, reason=str(exc))
        return "failed: parser stopped"
    except MemoryError:
        resume_fail(resume_id=resume_id, reason="This file needs more memory to read than a résumé ever should; it was not parsed.")
        return "failed: memory"
    except Exception:
        logger.exception("parser crashed on résumé %s", resume_id)
        resume_fail(resume_id=resume_id, reason=UNEXPECTED)
        return "failed: parser error"
    except BaseException:
        # The worker is leaving mid-parse (RQ's cold shutdown raises SystemExit in the job): the file
        # is not to blame. Hand it back, so RQ's retry can claim it at once instead of the sweeper
        # finding it in `parsing` only after RESUME_STUCK_AFTER.
        resume_release(resume_id)
        raise

    # A parse can take a while: a connection the server dropped meanwhile (restart, idle timeout,
    # pg_terminate_backend) is checked and replaced now rather than failing the write.
    close_unusable_connections()
    try:
        resume_apply_profile(resume_id=resume_id, profile=profile, parse_seconds=elapsed)
    except (OperationalError, InterfaceError, JobTimeoutException):
        # Database hiccup, or a write stuck behind a lock until RQ's job timeout: hand the row back
        # and let RQ's Retry try again with back-off.
        try:
            resume_release(resume_id)
        except (OperationalError, InterfaceError):
            pass  # the sweeper will find it in `parsing` once the database is back
        raise
    except Exception:
        # Not transient (a bug or data the schema refuses): retrying would fail the same way.
        logger.exception("could not store the profile of résumé %s", resume_id)
        resume_fail(resume_id=resume_id, reason=UNEXPECTED)
        return "failed: could not store the profile"
    return f"parsed in {elapsed:.3f}s"


def close_unusable_connections() -> None:
    """django.db.close_old_connections (what Django does around each request), except for a
    connection inside a transaction: drop connections that broke or aged, and have the next query
    check the connection first (CONN_HEALTH_CHECKS)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:  # a caller's transaction is theirs to end (and tests')
            connection.close_if_unusable_or_obsolete()
