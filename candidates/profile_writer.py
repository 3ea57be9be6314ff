"""Write a parsed profile into the database: match or create the candidate, replace derived rows.

Runs in one transaction per résumé. Identity keys (emails, phones) are locked with advisory locks
first, so two workers parsing two résumés of the same new person cannot both create them.
"""
from __future__ import annotations

import re
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from candidates.models import Activity, Candidate, Education, Experience, PossibleDuplicate, Resume
from candidates.services import normalise_email

SCALAR_FIELDS = {"full_name": "name", "headline": "headline", "location": "location", "summary": "summary"}
LIST_FIELDS = {"emails": "emails", "phones": "phones", "links": "links", "skills": "skills", "languages": "languages"}


def normalise_phone(phone: str) -> str:
    """Digits only, keeping a leading + (the parser gives E.164 where it can)."""
    digits = re.sub(r"\D", "", phone)
    return f"+{digits}" if phone.strip().startswith("+") else digits


def _name_key(name: str) -> str:
    return " ".join(sorted(re.sub(r"[^\w\s]", " ", name.casefold()).split()))


def names_agree(a: str, b: str) -> bool:
    """Unknown names agree with anything; otherwise the same words in any order."""
    return not a or not b or _name_key(a) == _name_key(b)


def _fit(model: type, field: str, value: Any) -> Any:
    """Trim a parsed string to its column, so an overlong value cannot fail the whole résumé."""
    if isinstance(value, str):
        max_length = model._meta.get_field(field).max_length
        return value.strip()[:max_length] if max_length else value.strip()
    return value


def _lock_identities(keys: list[str]) -> None:
    # Sorted, so two transactions lock the same keys in the same order and cannot deadlock;
    # one round trip whatever the number of keys.
    if not keys:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended('candidate-identity:' || k, 0)) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n",
            [sorted(set(keys))],
        )


def _match(emails: list[str], phones: list[str]) -> tuple[Candidate | None, list[str]]:
    if not emails and not phones:
        return None, []
    condition = Q()
    if emails:
        condition |= Q(emails__overlap=emails)
    if phones:
        condition |= Q(phones__overlap=phones)
    match = Candidate.objects.filter(condition, merged_into__isnull=True).order_by("pk").first()
    if match is None:
        return None, []
    reasons = [f"same email {e}" for e in emails if e in match.emails]
    reasons += [f"same phone {p}" for p in phones if p in match.phones]
    return match, reasons


def _union(existing: list[str], new: list[str]) -> list[str]:
    seen = {v.casefold() for v in existing}
    merged = list(existing)
    for value in new:
        if value and value.casefold() not in seen:
            merged.append(value)
            seen.add(value.casefold())
    return merged


@transaction.atomic
def resume_apply_profile(*, resume_id: int, profile: dict[str, Any], parse_seconds: float) -> Resume | None:
    """Store the profile of a résumé this worker claimed; None if the résumé changed meanwhile."""
    with connection.cursor() as cursor:
        # Everything written here can be recomputed from the stored file: if the server crashed
        # before flushing this commit, the résumé would simply be parsed again by the sweeper.
        # Not waiting for the WAL flush saves several milliseconds per résumé.
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
    resume = Resume.objects.select_for_update(of=("self",)).select_related("uploaded_by", "target_job", "target_stage").get(pk=resume_id)
    if resume.status != Resume.Status.PARSING:
        return None
    emails = [normalise_email(e) for e in profile.get("emails") or [] if e.strip()]
    phones = [normalise_phone(p) for p in profile.get("phones") or [] if normalise_phone(p).lstrip("+")]
    parsed_name = (profile.get("name") or "").strip()
    _lock_identities([f"email:{e}" for e in emails] + [f"phone:{p}" for p in phones])

    created = False
    duplicate_of, reasons = None, []
    candidate = resume.candidate
    if candidate is None:
        match, reasons = _match(emails, phones)
        if match is not None and names_agree(match.full_name, parsed_name):
            candidate = match
        else:
            duplicate_of = match
            candidate = Candidate(
                source=Candidate.Source.UPLOAD if resume.uploaded_by_id else Candidate.Source.IMPORT,
                owner=resume.uploaded_by,
            )
            created = True

    corrected = set(candidate.corrected_fields)
    values = {**profile, "emails": emails, "phones": phones}
    for field, key in SCALAR_FIELDS.items():
        if field not in corrected and (values.get(key) or "").strip():
            setattr(candidate, field, _fit(Candidate, field, values[key]))
    for field, key in LIST_FIELDS.items():
        if field not in corrected:
            new_values = [str(v)[:500] for v in values.get(key) or [] if str(v).strip()]
            setattr(candidate, field, _union(getattr(candidate, field) or [], new_values))
    now = timezone.now()
    candidate.last_activity_at = now
    candidate.save()

    # A new candidate has no rows to replace: skip the deletes (this runs once per résumé).
    if "experience" not in corrected:
        if not created:
            Experience.objects.filter(candidate=candidate).delete()
        Experience.objects.bulk_create(
            Experience(
                candidate=candidate,
                resume=resume,
                position=index,
                company=_fit(Experience, "company", item.get("company") or "—"),
                title=_fit(Experience, "title", item.get("title") or ""),
                location=_fit(Experience, "location", item.get("location") or ""),
                start=_fit(Experience, "start", item.get("start") or ""),
                end=_fit(Experience, "end", item.get("end") or ""),
                highlights=[str(h) for h in item.get("highlights") or []][:50],
            )
            for index, item in enumerate(profile.get("experience") or [])
        )
    if "education" not in corrected:
        if not created:
            Education.objects.filter(candidate=candidate).delete()
        Education.objects.bulk_create(
            Education(
                candidate=candidate,
                resume=resume,
                position=index,
                institution=_fit(Education, "institution", item.get("institution") or "—"),
                degree=_fit(Education, "degree", item.get("degree") or ""),
                field=_fit(Education, "field", item.get("field") or ""),
                start=_fit(Education, "start", item.get("start") or ""),
                end=_fit(Education, "end", item.get("end") or ""),
                gpa=_fit(Education, "gpa", item.get("gpa") or ""),
            )
            for index, item in enumerate(profile.get("education") or [])
        )

    if duplicate_of is not None:
        PossibleDuplicate.objects.get_or_create(candidate=candidate, other=duplicate_of, defaults={"reasons": reasons})

    text = profile.get("text") or ""
    stored_profile = {k: v for k, v in profile.items() if k != "text"}
    resume.candidate = candidate
    resume.status = Resume.Status.PARSED
    resume.failure_reason = ""
    resume.parsed = stored_profile
    resume.text = text
    resume.parser_version = str(profile.get("parser_version") or "")[:20]
    resume.parsed_at = resume.status_changed_at = now
    resume.save(update_fields=["candidate", "status", "failure_reason", "parsed", "text", "parser_version", "parsed_at", "status_changed_at"])

    # Written directly (one INSERT) rather than through activity_record, which would also touch
    # the candidate's last activity: set above already.
    activities = [
        Activity(verb=Activity.Verb.RESUME_PARSED, candidate=candidate, created_at=now,
                 data={"resume_id": resume.pk, "filename": resume.original_filename,
                       "parse_ms": round(parse_seconds * 1000)})
    ]
    if created:
        activities.insert(0, Activity(actor=resume.uploaded_by, verb=Activity.Verb.CANDIDATE_CREATED,
                                      candidate=candidate, created_at=now, data={"resume_id": resume.pk}))
    Activity.objects.bulk_create(activities)
    _apply_to_target_job(resume, candidate)
    _reindex(candidate.pk)
    return resume


def _apply_to_target_job(resume: Resume, candidate: Candidate) -> None:
    from jobs.models import Application
    from jobs.services import application_create

    job = resume.target_job
    if job is None or Application.objects.filter(candidate=candidate, job=job).exists():
        return
    stage = resume.target_stage if resume.target_stage and resume.target_stage.job_id == job.pk else None
    application_create(actor=resume.uploaded_by, candidate=candidate, job=job, stage=stage, source="upload")


def _reindex(candidate_id: int) -> None:
    from candidates.search import candidate_reindex

    candidate_reindex([candidate_id])
