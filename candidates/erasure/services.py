"""Erasure (the right to be forgotten) and retention: the one way a person's data leaves the system.

`candidate_erase` anonymises in place: the Candidate row of the record (and of every record merged
into it) stays as an anonymous shell, so applications, their stage and outcome histories and every
report figure stay intact, unlinked from any person. Everything else that holds their personal
data is deleted or scrubbed in one transaction (see `ERASURE_RULES`: a test fails when a model that
points at Candidate, Resume or Application is not covered). After the commit their stored files
(résumés and drawn pages) are deleted and their Redis job payloads removed.

Retention (`retention_enforce`, run daily by the e-mail worker and by `manage.py enforce_retention`)
erases the candidates `candidates.erasure.selectors.retention_due` lists.
"""
from __future__ import annotations

import logging
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import unquote_plus

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ats.api.models import IdempotentRequest
from ats.core import queues
from ats.core.access import User, actor_id
from ats.core.history import erasure
from ats.core.models import Activity, AuditEvent
from ats.core.services import activity_record
from ats.webhooks.models import Attempt, Event
from ats.webhooks.services import event_record
from candidates.emails.models import InboundEmail, OutboundEmail
from candidates.erasure.identifiers import ERASED, Identifiers, scrub_own
from candidates.erasure.selectors import family_root, retention_due, retention_due_queryset
from candidates.lists.models import CandidateListEntry, SavedSearch
from candidates.merges.models import CandidateMerge
from candidates.privacy.models import ErasureRequest, SubjectExport
from candidates.models import Candidate, Education, Experience, Note, PossibleDuplicate, Tag
from candidates.resumes.models import ProfileUpdate, Resume
from candidates.resumes.previews import previews_delete
from candidates.search.models import CandidateName
from candidates.selectors import merge_family
from jobs.applications.models import Application, OutcomeChange
from jobs.bulk.models import BulkAction
from jobs.careers.models import ApplicationAnswer, Consent
from jobs.reviews.models import Review, ReviewRating

logger = logging.getLogger(__name__)

ERASED_NAME = "Erased candidate"
RETENTION_REASON = "retention"
# What every personal field of the kept shell becomes (source, owner and dates stay: statistics).
BLANK_FIELDS: dict[str, Any] = {
    "full_name": ERASED_NAME, "headline": "", "location": "", "summary": "", "emails": [], "phones": [], "links": [],
    "skills": [], "languages": [], "corrected_fields": [], "do_not_contact_reason": "", "search_document": None,
    "retain_until": None,
}

# How erasure treats each model that points at a candidate, a résumé or an application (by label).
# "delete": the rows go; "scrub": personal fields blanked or rewritten, the rows stay; "keep": the
# rows hold no personal data (statistics). tests/candidates/erasure checks this covers every relation.
ERASURE_RULES: dict[str, str] = {
    "candidates.Candidate": "scrub",  # the shell itself, and merged_into links between family records
    "candidates.Education": "delete",
    "candidates.Experience": "delete",
    "candidates.PossibleDuplicate": "delete",
    "candidates.Note": "delete",
    "candidates.OutboundEmail": "delete",
    "candidates.InboundEmail": "delete",
    "candidates.CandidateList": "delete",  # the list entries (the m2m through CandidateListEntry)
    "candidates.CandidateListEntry": "delete",
    "candidates.CandidateMerge": "delete",  # snapshots hold the field values before the merge
    "candidates.Resume": "delete",  # and their stored files and drawn pages, after the commit
    "candidates.ProfileUpdate": "delete",
    "candidates.CandidateName": "delete",
    "candidates.Candidate_tags": "delete",  # and tags only they had that name them
    "candidates.SavedSearch": "delete",  # those whose query names them (no foreign key)
    "jobs.Application": "scrub",  # free-text outcome reason; stage, outcome and dates stay
    "jobs.StageChange": "keep",  # stage names, dates, who moved it: the anonymous statistics
    "jobs.OutcomeChange": "scrub",  # the free-text reason
    "jobs.ApplicationAnswer": "delete",
    "jobs.Consent": "delete",
    "jobs.Review": "scrub",  # the reviewer's comment; the recommendation stays
    "jobs.ReviewRequest": "keep",  # who was asked to review, when
    "core.Activity": "scrub",
    "core.AuditEvent": "scrub",
    # candidates.privacy: the request is the record of the decision (ids, dates, who decided); an
    # export's row stays (that one was made), its zip file (a copy of everything) goes after the commit.
    "candidates.ErasureRequest": "keep",
    "candidates.SubjectExport": "scrub",
}


# Who may erase, or decide on a request to: a permission recruiters are given one by one.
ERASE_PERMISSION = "candidates.erase_candidate"


class ErasureRefused(Exception):
    """The erasure was not done; the message says why, for the recruiter."""


@dataclass
class ErasureResult:
    root_id: int  # the record the others were merged into
    candidate_ids: list[int]
    deleted: dict[str, int] = field(default_factory=dict)  # model label -> rows deleted
    scrubbed: dict[str, int] = field(default_factory=dict)  # model label -> rows rewritten
    files: int = 0  # stored files (résumés) deleted after the commit


@dataclass
class _Scope:
    """Everything about the person, gathered before anything is deleted."""

    candidate_ids: list[int]
    application_ids: list[int]
    resumes: list[Resume]
    outbound_ids: list[int]
    consent_ids: list[int]
    review_ids: list[int]
    identifiers: Identifiers


def _scope(candidate_ids: list[int]) -> _Scope:
    candidates = list(Candidate.objects.filter(pk__in=candidate_ids).select_for_update())
    resumes = list(Resume.objects.filter(candidate_id__in=candidate_ids).select_for_update().only("pk", "file", "sha256"))
    applications = list(Application.objects.filter(candidate_id__in=candidate_ids).values_list("pk", flat=True))
    outbound = list(OutboundEmail.objects.filter(candidate_id__in=candidate_ids).values_list("pk", "to_address"))
    inbound = list(InboundEmail.objects.filter(candidate_id__in=candidate_ids).values_list("from_address", "from_name"))
    consents = list(Consent.objects.filter(candidate_id__in=candidate_ids).values_list("pk", "email"))
    names = [c.full_name for c in candidates if c.erased_at is None] + [name for _, name in inbound]
    emails = [e for c in candidates for e in c.emails] + [a for _, a in outbound] + [a for a, _ in inbound]
    identifiers = Identifiers.of(
        names=[n for n in names if n != ERASED_NAME], emails=emails + [e for _, e in consents],
        phones=[p for c in candidates for p in c.phones],
    )
    return _Scope(
        candidate_ids=candidate_ids, application_ids=applications, resumes=resumes,
        outbound_ids=[pk for pk, _ in outbound], consent_ids=[pk for pk, _ in consents],
        review_ids=list(Review.objects.filter(application_id__in=applications).values_list("pk", flat=True)),
        identifiers=identifiers,
    )


def candidate_erase(
    *, actor: User | None, candidate: Candidate, reason: str, only_if_due: date | None = None
) -> ErasureResult | None:
    """Erase the person's personal data everywhere (see the module's docstring), keeping the
    anonymous statistics. The record they were merged into is erased with them (one person).
    Idempotent: erasing again finds nothing left and records the attempt. With `only_if_due` (the
    retention run's day), the record is locked and checked again first: someone who applied, or
    was given a retention date, since the run listed them is left alone (None)."""
    reason = " ".join(reason.split())
    if not reason:
        raise ErasureRefused("Say why the personal data is erased (a request from the person, retention, …).")
    with transaction.atomic():
        if only_if_due is not None:
            due = retention_due_queryset(today=only_if_due).filter(pk=candidate.pk).select_for_update(of=("self",))
            if due.values_list("pk", flat=True).first() is None:
                return None
        root = family_root(candidate)
        scope = _scope(merge_family(root))
        result = ErasureResult(root_id=root.pk, candidate_ids=scope.candidate_ids)
        with erasure():
            _delete_rows(scope, result)
            _scrub_rows(scope, result)
            _blank_candidates(scope, result)
            export_files = _exports_expire(scope, result)
            _requests_settle(scope, actor)
        activity_record(
            actor=actor, verb=Activity.Verb.CANDIDATE_ERASED, candidate=root,
            data={"candidate_ids": scope.candidate_ids, "reason": scope.identifiers.scrub(reason)[:200]},
        )
        for pk in scope.candidate_ids:
            event_record("candidate.erased", candidate_id=pk)  # ids only
        result.files = len(scope.resumes)
        queues.after_commit(_files_delete, scope.resumes, what="delete an erased candidate's stored files")
        queues.after_commit(_export_files_delete, export_files, what="delete an erased candidate's export files")
        queues.after_commit(redis_purge, _scope_ids(scope), scope.identifiers, what="remove an erased candidate's jobs")
    return result


def _count(result: ErasureResult, deleted: tuple[int, dict[str, int]]) -> None:
    for label, rows in deleted[1].items():
        if rows:
            result.deleted[label] = result.deleted.get(label, 0) + rows


def _delete_rows(scope: _Scope, result: ErasureResult) -> None:
    ids, apps = scope.candidate_ids, scope.application_ids
    emails = [text for text in scope.identifiers.texts if "@" in text]
    for model, condition in (
        (ProfileUpdate, Q(candidate_id__in=ids) | Q(resume__candidate_id__in=ids)),
        (Resume, Q(candidate_id__in=ids)),
        (Education, Q(candidate_id__in=ids)),
        (Experience, Q(candidate_id__in=ids)),
        (PossibleDuplicate, Q(candidate_id__in=ids) | Q(other_id__in=ids)),
        (Note, Q(candidate_id__in=ids) | Q(application_id__in=apps)),
        (InboundEmail, Q(candidate_id__in=ids) | Q(in_reply_to_id__in=scope.outbound_ids)
         | Q(candidate__isnull=True, from_address__in=emails)),
        (OutboundEmail, Q(candidate_id__in=ids)),
        (CandidateListEntry, Q(candidate_id__in=ids)),
        (CandidateMerge, Q(kept_id__in=ids) | Q(merged_id__in=ids)),
        (ApplicationAnswer, Q(application_id__in=apps)),
        (Consent, Q(candidate_id__in=ids)),
        (CandidateName, Q(candidate_id__in=ids)),
        (Candidate.tags.through, Q(candidate_id__in=ids)),
        (IdempotentRequest, _json_matches(IdempotentRequest, "body", scope.identifiers)),
    ):
        _count(result, model.objects.filter(condition).delete())
    _delete_named(scope, result)


def _delete_named(scope: _Scope, result: ErasureResult) -> None:
    """Tags nobody else has and recruiters' saved searches that name the person."""
    who = scope.identifiers
    if not who.texts:
        return
    tags = [t.pk for t in Tag.objects.filter(name__iregex=who.loose_pattern, candidates__isnull=True) if who.matches(t.name)]
    searches = [s.pk for s in SavedSearch.objects.filter(query_string__iregex=who.loose_pattern)
                if who.matches(unquote_plus(s.query_string)) or who.matches(s.name)]
    _count(result, Tag.objects.filter(pk__in=tags).delete())
    _count(result, SavedSearch.objects.filter(pk__in=searches).delete())


def _json_matches(model: type, column: str, identifiers: Identifiers) -> Q:
    """Rows whose JSON `column` may name the person: a prefilter in SQL (a superset, one scan of the
    table); the Python scrub then decides string by string."""
    clauses, params = [], []
    if identifiers.texts:
        clauses.append(f"{column}::text ~* %s")
        params.append(identifiers.loose_pattern)
    for phone in identifiers.phones:
        # translate(), not regexp_replace(): 4x faster over a large table; the usual separators only.
        clauses.append(f"translate({column}::text, ' -()+./', '') LIKE %s")
        params.append(f"%{phone}%")
    if not clauses:
        return Q(pk__in=[])
    return Q(pk__in=RawSQL(f"SELECT id FROM {model._meta.db_table} WHERE {' OR '.join(clauses)}", params))


def _rewrite(model: type, rows: Iterable[Any], column: str, rewrite: Any, result: ErasureResult) -> None:
    changed = []
    for row in rows:
        new = rewrite(getattr(row, column))
        if new != getattr(row, column):
            setattr(row, column, new)
            changed.append(row)
    if changed:
        model.objects.bulk_update(changed, [column], batch_size=500)
        label = model._meta.label
        result.scrubbed[label] = result.scrubbed.get(label, 0) + len(changed)


def _scrub_rows(scope: _Scope, result: ErasureResult) -> None:
    ids, apps, who = scope.candidate_ids, scope.application_ids, scope.identifiers
    resume_ids = [r.pk for r in scope.resumes]
    # Their rows: on their records or applications, or about their résumés (an upload is logged
    # before the parse finds whose it is).
    own = Q(candidate_id__in=ids) | Q(application_id__in=apps) | Q(data__resume_id__in=resume_ids)
    # Anything anywhere that names them first (an export's query), then their own rows entirely.
    # (No .exclude() of their rows: NOT over a missing JSON key is NULL, which would skip rows.)
    _rewrite(Activity, Activity.objects.filter(_json_matches(Activity, "data", who)).only("pk", "data"), "data",
             who.scrub, result)
    _rewrite(Activity, Activity.objects.filter(own).only("pk", "data"), "data", lambda d: scrub_own(d, who), result)
    own_audit = Q(candidate_id__in=ids) | Q(data__application__in=apps) | Q(data__resume__in=resume_ids)
    _rewrite(AuditEvent, AuditEvent.objects.filter(_json_matches(AuditEvent, "data", who)).only("pk", "data"),
             "data", who.scrub, result)
    _rewrite(AuditEvent, AuditEvent.objects.filter(own_audit).only("pk", "data"), "data", lambda d: scrub_own(d, who), result)
    _rewrite(Event, Event.objects.filter(Q(candidate_id__in=ids) | _json_matches(Event, "data", who)).only("pk", "data"),
             "data", lambda d: scrub_own(d, who), result)
    _rewrite(Attempt, Attempt.objects.filter(delivery__event__candidate_id__in=ids).exclude(response_excerpt="")
             .only("pk", "response_excerpt"), "response_excerpt", lambda _: "", result)
    _rewrite(BulkAction, BulkAction.objects.filter(_bulk_mentions(ids, apps) | _json_matches(BulkAction, "payload", who))
             .only("pk", "payload"), "payload", lambda p: who.scrub(_bulk_without(p, set(ids), set(apps))), result)
    _rewrite(Review, Review.objects.filter(pk__in=scope.review_ids).exclude(comment="").only("pk", "comment"),
             "comment", lambda _: "", result)
    _rewrite(ReviewRating, ReviewRating.objects.filter(review_id__in=scope.review_ids).exclude(comment="")
             .only("pk", "comment"), "comment", lambda _: "", result)
    _rewrite(Application, Application.objects.filter(pk__in=apps).exclude(outcome_reason="")
             .only("pk", "outcome_reason"), "outcome_reason", lambda _: ERASED, result)
    _rewrite(OutcomeChange, OutcomeChange.objects.filter(application_id__in=apps).exclude(reason="")
             .only("pk", "reason"), "reason", lambda _: ERASED, result)
    _scrub_admin_log(scope, result)


def _bulk_mentions(ids: list[int], apps: list[int]) -> Q:
    condition = Q(pk__in=[])
    for pk in ids:
        condition |= Q(payload__rows__contains=[{"candidate_id": pk}]) | Q(payload__candidate_ids__contains=[pk])
    for pk in apps:
        condition |= (Q(payload__rows__contains=[{"application_id": pk}]) | Q(payload__application_ids__contains=[pk])
                      | Q(payload__moves__contains=[{"application_id": pk}])
                      | Q(payload__applications__contains=[{"application_id": pk}]))
    return condition


def _bulk_without(value: Any, ids: set[int], apps: set[int]) -> Any:
    """A bulk change's payload (any version) without the entries about the person: undo then
    leaves their rows alone, and the rest of the bulk change can still be undone."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "candidate_ids" and isinstance(item, list):
                item = [pk for pk in item if pk not in ids]
            elif key == "application_ids" and isinstance(item, list):
                item = [pk for pk in item if pk not in apps]
            out[key] = _bulk_without(item, ids, apps)
        return out
    if isinstance(value, list):
        return [_bulk_without(item, ids, apps) for item in value
                if not (isinstance(item, dict) and (item.get("candidate_id") in ids or item.get("application_id") in apps))]
    return value


def _scrub_admin_log(scope: _Scope, result: ErasureResult) -> None:
    """The admin's own history names objects by their str(): a candidate's name, a résumé's file name."""
    about = Q(pk__in=[])
    for model, pks in ((Candidate, scope.candidate_ids), (Resume, [r.pk for r in scope.resumes]),
                       (Application, scope.application_ids)):
        about |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks])
    if scope.identifiers.texts:
        about |= (Q(object_repr__iregex=scope.identifiers.loose_pattern)
                  | Q(change_message__iregex=scope.identifiers.loose_pattern))
    rows = list(LogEntry.objects.filter(about).only("pk", "object_repr", "change_message"))
    for row in rows:
        row.object_repr, row.change_message = ERASED, scope.identifiers.scrub(row.change_message)
    if rows:
        LogEntry.objects.bulk_update(rows, ["object_repr", "change_message"])
        result.scrubbed["admin.LogEntry"] = len(rows)


def _blank_candidates(scope: _Scope, result: ErasureResult) -> None:
    now = timezone.now()
    shells = Candidate.objects.filter(pk__in=scope.candidate_ids)
    shells.filter(erased_at__isnull=True).update(erased_at=now)
    result.scrubbed["candidates.Candidate"] = shells.update(**BLANK_FIELDS, updated_at=now)


def _scope_ids(scope: _Scope) -> dict[str, set[int]]:
    """The ids RQ jobs of each task carry, for `redis_purge`."""
    return {
        "candidates.resumes.tasks.parse_resume_task": {r.pk for r in scope.resumes},
        "candidates.emails.tasks.deliver_email": set(scope.outbound_ids),
        "jobs.careers.tasks.send_application_confirmation": set(scope.consent_ids),
        "jobs.reviews.tasks.send_review_submitted": set(scope.review_ids),
    }


def _exports_expire(scope: _Scope, result: ErasureResult) -> list[str]:
    """Their subject access exports' rows become expired, without a file (one still being built is
    expired too: its job then throws its zip away); returns the files' names."""
    exports = SubjectExport.objects.filter(candidate_id__in=scope.candidate_ids).exclude(state=SubjectExport.State.EXPIRED)
    names = [name for name in exports.values_list("file", flat=True) if name]
    rows = exports.update(file="", state=SubjectExport.State.EXPIRED)
    if rows:
        result.scrubbed[SubjectExport._meta.label] = rows
    return names


def _requests_settle(scope: _Scope, actor: User | None) -> None:
    """Their pending erasure requests are answered by this erasure (from the profile, the admin or
    retention): nothing is left waiting for a recruiter to approve again."""
    ErasureRequest.objects.filter(candidate_id__in=scope.candidate_ids, state=ErasureRequest.State.PENDING).update(
        state=ErasureRequest.State.APPROVED, decided_by_id=actor_id(actor), decided_at=timezone.now()
    )


def _export_files_delete(names: list[str]) -> None:
    storage = SubjectExport._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:  # logged; the sweep of expired exports has no row left to find it by
            logger.exception("could not delete an erased candidate's export file %s", name)


def _files_delete(resumes: list[Resume]) -> None:
    previews_delete(resumes)
    for resume in resumes:
        try:
            resume.file.storage.delete(resume.file.name)
        except OSError:  # a storage hiccup: logged; the file is an orphan without a row
            logger.exception("could not delete the stored file of erased résumé %s", resume.pk)


def _job_mentions(raw: dict[bytes, bytes], identifiers: Identifiers) -> bool:
    for value in raw.values():
        try:
            value = zlib.decompress(value)
        except zlib.error:
            pass
        if identifiers and identifiers.matches(value.decode("utf-8", "replace")):
            return True
    return False


def redis_purge(ids_by_task: dict[str, set[int]], identifiers: Identifiers) -> int:
    """Delete from Redis every RQ job about the person (one of their rows' ids as the argument of
    the task that takes it, or their data anywhere in the job: arguments, meta, a traceback) and
    every key named after them (the careers form's per-address rate counters). Returns how many
    keys went."""
    removed, seen = 0, set()
    for name in settings.RQ_QUEUES:
        client = queues.redis_connection(name)
        if id(client) in seen:
            continue
        seen.add(id(client))
        for key in client.scan_iter(count=500):
            name = key.decode("utf-8", "replace")
            if identifiers and identifiers.matches(name):
                removed += client.delete(key)
            elif name.startswith("rq:job:") and name.count(":") == 2:
                removed += _job_purge(client, name.removeprefix("rq:job:"), ids_by_task, identifiers)
    return removed


def _job_purge(client: Any, job_id: str, ids_by_task: dict[str, set[int]], identifiers: Identifiers) -> int:
    from rq.job import Job

    try:
        job = Job.fetch(job_id, connection=client)
        about = bool(job.args) and job.args[0] in ids_by_task.get(job.func_name, set())
    except Exception:  # a payload that cannot be read (its task is gone): judged by its bytes alone
        job, about = None, False
    if not about and not _job_mentions(client.hgetall(f"rq:job:{job_id}"), identifiers):
        return 0
    if job is None:
        return client.delete(f"rq:job:{job_id}")
    job.delete()  # and out of its queue and registries
    return 1


# --- Retention -------------------------------------------------------------------------------------

RETENTION_TASK = "candidates.erasure.tasks.enforce_retention_task"
RETENTION_QUEUE = "default"
# One run a day: the first worker sweep of each day takes this key (SET NX) and enqueues the run.
RETENTION_DAY_KEY = "ats:retention:day:{day}"


@transaction.atomic
def candidate_retention_set(*, actor: User, candidate: Candidate, retain_until: date | None) -> bool:
    """Set (or clear, with None) the date until which the candidate's data is kept whatever the
    default period says. A date in the past is refused. False when nothing changed."""
    if retain_until is not None and retain_until < timezone.localdate():
        raise ErasureRefused("A retention date must be today or later (to erase now, use “Erase personal data”).")
    if candidate.erased_at is not None:
        raise ErasureRefused("This candidate's personal data is already erased.")
    if candidate.retain_until == retain_until:
        return False
    previous = candidate.retain_until
    candidate.retain_until = retain_until
    candidate.save(update_fields=["retain_until", "updated_at"])
    activity_record(actor=actor, verb=Activity.Verb.RETENTION_SET, candidate=candidate, data={
        "from": previous.isoformat() if previous else None, "to": retain_until.isoformat() if retain_until else None,
    })
    return True


def retention_enforce(*, today: date | None = None) -> list[ErasureResult]:
    """Erase every candidate retention says is due (each in its own transaction, so one failure
    leaves the others done), as the system (no actor), with the reason "retention"."""
    results = []
    today = today or timezone.localdate()
    for due in retention_due(today=today):
        try:
            result = candidate_erase(actor=None, candidate=due.candidate, reason=RETENTION_REASON, only_if_due=today)
            if result is not None:
                results.append(result)
        except Exception:  # one bad record must not stop the run; the next run tries it again
            logger.exception("retention could not erase candidate %s", due.candidate.pk)
    return results


def retention_schedule(*, today: date | None = None) -> bool:
    """Called by the worker's maintenance (every sweep interval): enqueue today's retention run if
    no worker has yet. True when this call enqueued it."""
    today = today or timezone.localdate()
    client = queues.redis_connection(RETENTION_QUEUE)
    if not client.set(RETENTION_DAY_KEY.format(day=today.isoformat()), "1", nx=True, ex=int(timedelta(days=2).total_seconds())):
        return False
    queues.enqueue(RETENTION_QUEUE, RETENTION_TASK, job_id=f"retention-{today.isoformat()}", job_timeout=3600)
    return True
