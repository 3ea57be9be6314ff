"""A parse job's work, as a batch: its own résumé, then more queued ones while a backlog waits.

A parse job parses its own résumé and, while a backlog waits, claims a few more queued ones and
stores them all in one transaction. Storing a profile one résumé at a time cost a fifth of a
worker's time in statements and ORM work; in batches it costs under a tenth. The jobs of the
résumés taken this way are removed from the queue, and anything a job claimed but could not finish
is handed back (`queued` again, with a job of its own), so batching changes no guarantee: each
résumé still ends parsed or failed with a reason, exactly once.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from rq.timeouts import JobTimeoutException

from candidates.parsing import ParseError
from candidates.resumes import sandbox
from candidates.resumes.models import Resume
from candidates.resumes.sandbox import SandboxCrashed, SandboxFailure, parse_document
from candidates.resumes.services.claims import (
    RETRY_INTERVALS,
    dequeue_parse,
    enqueue_parse,
    resume_claim_next,
    resume_fail,
    resume_release,
)
from candidates.resumes.services.profiles import (
    ParsedResume,
    resume_apply_profile,
    resumes_apply_profiles,
)

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "The parser hit an unexpected problem with this file. It has been logged for the developers; "
    "you can re-parse it later or open the file to check it."
)
NOT_A_RESUME = (
    "This file holds no name, contact, section or date a résumé would have, so no candidate was made "
    "from it. If it is a résumé, open it to check it, or upload it as a PDF or DOCX."
)
_DATE = re.compile(r"\b(19|20)\d\d\b")


def looks_like_a_resume(profile: dict) -> bool:
    """Some sign of a résumé: a name, a contact, an experience or education entry, or prose with a
    year in it (a script, an image's bytes or a line of noise has none of these)."""
    text = profile.get("text") or ""
    return bool(
        profile.get("name") or profile.get("emails") or profile.get("phones") or profile.get("experience")
        or profile.get("education") or (_DATE.search(text) and len(text.split()) >= 30)
    )


# Errors after which the same work may well succeed a moment later: the résumés go back to the queue.
TRANSIENT = (OperationalError, InterfaceError, JobTimeoutException)
# Time kept in hand, inside RQ's job timeout, for storing a batch after its last parse.
STORE_MARGIN_SECONDS = 10

# Set by the worker on a warm shutdown: finish what is in hand, claim nothing more.
stop_claiming = threading.Event()


class ParseBatch:
    """One job's work: its own résumé, then more queued ones while the batch has room."""

    def __init__(self, own_id: int, *, size: int) -> None:
        self.own_id = own_id
        self.size = size
        self.started = time.monotonic()
        self.seen: set[int] = set()  # every résumé this batch claimed
        self.claimed: list[int] = []  # claimed, not yet stored, failed or handed back
        self.parsed: list[ParsedResume] = []
        self.outcomes: Counter[str] = Counter()
        self.storage_trouble = False  # a file could not be read: take no more files now

    def run(self, resume: Resume) -> str:
        try:
            self._take(resume)
            current: Resume | None = resume
            while current is not None:
                self._parse(current)
                current = self._claim_next()
            self._store()
        except BaseException:
            # The worker is leaving (RQ's cold shutdown raises SystemExit in the job), RQ's job
            # timeout struck, or the database or storage failed: the files are not to blame. Hand
            # back what is unfinished, so it is parsed again soon instead of the sweeper finding
            # it in `parsing` only after RESUME_STUCK_AFTER.
            self._hand_back(self.claimed)
            raise
        if len(self.seen) == 1:
            return next(iter(self.outcomes))
        return f"{len(self.seen)} résumés: " + ", ".join(f"{n} {outcome}" for outcome, n in sorted(self.outcomes.items()))

    def _take(self, resume: Resume) -> None:
        self.seen.add(resume.pk)
        self.claimed.append(resume.pk)

    def _has_room(self) -> bool:
        elapsed = time.monotonic() - self.started
        time_left = settings.PARSE_JOB_TIMEOUT - elapsed
        return (
            len(self.seen) < self.size
            and elapsed < settings.PARSE_BATCH_SECONDS
            # A parse may run to the sandbox's deadline: never start one RQ would cut off.
            and time_left > (sandbox.deadline() or settings.PARSE_TIME_BUDGET) + STORE_MARGIN_SECONDS
            and not self.storage_trouble
            and not stop_claiming.is_set()
        )

    def _claim_next(self) -> Resume | None:
        if not self._has_room():
            return None
        resume = resume_claim_next()
        if resume is not None:
            self._take(resume)  # before anything else can raise: from now on it is handed back
            dequeue_parse(resume.pk)
        return resume

    def _finish(self, resume_id: int, outcome: str) -> None:
        self.claimed.remove(resume_id)
        self.outcomes[outcome] += 1

    def _fail(self, resume_id: int, reason: str, outcome: str) -> None:
        resume_fail(resume_id=resume_id, reason=reason)
        self._finish(resume_id, outcome)

    def _parse(self, resume: Resume) -> None:
        try:
            with resume.file.open("rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            self._fail(resume.pk, "The stored file is missing, so it cannot be parsed. Upload it again.", "failed: file missing")
            return
        except OSError:  # a storage hiccup: transient, and likely to hit the next file too
            if resume.pk == self.own_id:
                raise  # handed back by run(); RQ's Retry tries the job again with back-off
            self.storage_trouble = True
            self._hand_back([resume.pk])
            self._finish(resume.pk, "handed back: file unreadable for now")
            return

        try:
            profile, elapsed = parse_document(data, filename=resume.original_filename, time_budget=settings.PARSE_TIME_BUDGET)
        except ParseError as exc:
            self._fail(resume.pk, str(exc), "failed: rejected by the parser")  # the document is the problem: no retry
        except SandboxCrashed:
            logger.error("the parser sandbox crashed on résumé %s", resume.pk)
            self._fail(resume.pk, UNEXPECTED, "failed: parser crashed")
        except SandboxFailure as exc:  # out of memory or past the deadline: this file would do it again
            self._fail(resume.pk, str(exc), "failed: parser stopped")
        except MemoryError:
            self._fail(resume.pk, "This file needs more memory to read than a résumé ever should; it was not parsed.", "failed: memory")
        except JobTimeoutException:
            raise  # RQ's clock, not the file: handed back by run()
        except Exception:
            logger.exception("parser crashed on résumé %s", resume.pk)
            self._fail(resume.pk, UNEXPECTED, "failed: parser error")
        else:
            if not looks_like_a_resume(profile):
                self._fail(resume.pk, NOT_A_RESUME, "failed: not a résumé")
                return
            self.parsed.append(ParsedResume(resume.pk, profile, elapsed))

    def _store(self) -> None:
        if not self.parsed:
            return
        # Parsing takes a while: a connection the server dropped meanwhile (restart, idle timeout,
        # pg_terminate_backend) is checked and replaced now rather than failing the write.
        close_unusable_connections()
        try:
            stored = resumes_apply_profiles(self.parsed)
        except TRANSIENT:
            raise  # handed back by run(); RQ's Retry tries again with back-off
        except Exception:
            # Not transient (a bug, or data the schema refuses). One résumé may be to blame: store
            # them one by one, so only that one fails.
            logger.exception("could not store a batch of %s profiles; storing them one by one", len(self.parsed))
            self._store_each()
            return
        self._settle({resume.pk for resume in stored})

    def _store_each(self) -> None:
        for item in list(self.parsed):
            try:
                resume_apply_profile(resume_id=item.resume_id, profile=item.profile, parse_seconds=item.parse_seconds)
            except TRANSIENT:
                raise
            except Exception:
                logger.exception("could not store the profile of résumé %s", item.resume_id)
                self.parsed.remove(item)
                self._fail(item.resume_id, UNEXPECTED, "failed: could not store the profile")
            else:
                self.parsed.remove(item)
                self._finish(item.resume_id, "parsed")

    def _settle(self, stored: set[int]) -> None:
        for item in self.parsed:
            # Not stored: a re-parse or another worker changed the row meanwhile; it is theirs now.
            self._finish(item.resume_id, "parsed" if item.resume_id in stored else "skipped: changed meanwhile")
        self.parsed = []

    def _hand_back(self, resume_ids: list[int]) -> None:
        """Back to `queued`. The own résumé is retried by RQ's Retry; the ones this job took from
        others get a job of their own again, after the same pause as RQ's first retry. (Having
        attempts behind them now, they are not taken into other batches: see resume_claim_next.)"""
        for resume_id in list(resume_ids):
            try:
                resume_release(resume_id)
                if resume_id != self.own_id:
                    enqueue_parse(resume_id, delay=timedelta(seconds=RETRY_INTERVALS[0]))
            except Exception:  # noqa: BLE001 - the database or Redis is down: the sweeper finds it later
                logger.warning("could not hand résumé %s back to the queue; the sweeper will", resume_id)


def close_unusable_connections() -> None:
    """django.db.close_old_connections (what Django does around each request), except for a
    connection inside a transaction: drop connections that broke or aged, and have the next query
    check the connection first (CONN_HEALTH_CHECKS)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:  # a caller's transaction is theirs to end (and tests')
            connection.close_if_unusable_or_obsolete()
