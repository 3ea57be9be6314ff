"""Write a parsed profile into the database: match or create the candidate, and read the résumé
into its profile without losing anything (a ProfileUpdate records what changed, section by section).

Runs in one transaction per batch of résumés (a worker stores what it parsed in one go). After
the résumé rows, the identity keys (emails, phones) are locked with advisory locks before any
candidate is read, so two workers parsing two résumés of the same new person cannot both create them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from ats.core.models import Activity
from ats.core.services import activities_record
from ats.webhooks.services import event_record
from candidates.identity import identities_lock, names_agree, normalise_email, phone_key
from candidates.models import Candidate, Education, Experience, PossibleDuplicate
from candidates.resumes import profile_rows
from candidates.resumes.models import ProfileUpdate, Resume
from candidates.search.services import candidate_reindex
from jobs.applications.models import Application
from jobs.applications.services import application_create

SCALAR_FIELDS = {"full_name": "name", "headline": "headline", "location": "location", "summary": "summary"}
LIST_FIELDS = {"emails": "emails", "phones": "phones", "links": "links", "skills": "skills", "languages": "languages"}


def _fit(model: type, field: str, value: Any) -> Any:
    """Trim a parsed string to its column, so an overlong value cannot fail the whole résumé."""
    if isinstance(value, str):
        max_length = model._meta.get_field(field).max_length
        return value.strip()[:max_length] if max_length else value.strip()
    return value


def _union(existing: list[str], new: list[str]) -> list[str]:
    seen = {v.casefold() for v in existing}
    merged = list(existing)
    for value in new:
        if value and value.casefold() not in seen:
            merged.append(value)
            seen.add(value.casefold())
    return merged


@dataclass(frozen=True)
class ParsedResume:
    """What the parser made of one claimed résumé, ready to be stored."""

    resume_id: int
    profile: dict[str, Any]
    parse_seconds: float


def resume_apply_profile(*, resume_id: int, profile: dict[str, Any], parse_seconds: float) -> Resume | None:
    """Store the profile of a résumé this worker claimed; None if the résumé changed meanwhile."""
    stored = resumes_apply_profiles([ParsedResume(resume_id, profile, parse_seconds)])
    return stored[0] if stored else None


@transaction.atomic
def resumes_apply_profiles(items: list[ParsedResume]) -> list[Resume]:
    """Store the profiles of résumés this worker claimed, in one transaction.

    The outcome is that of storing them one by one in the given order (a later résumé of the same
    person attaches to the candidate an earlier one created), but the number of statements does
    not grow with the batch, except for applications to a target job, which go one by one through
    the jobs service: per-résumé round trips and ORM work, not the database's own work, were most
    of the cost of storing a profile. Résumés that are no longer `parsing` (another worker or a
    re-parse got there) are skipped; the stored ones are returned.
    """
    with connection.cursor() as cursor:
        # Everything written here can be recomputed from the stored file: if the server crashed
        # before flushing this commit, the résumés would simply be parsed again by the sweeper.
        # Not waiting for the WAL flush saves several milliseconds per commit.
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
    locked = (
        Resume.objects.select_for_update(of=("self",))
        .select_related("uploaded_by", "target_job", "target_stage")
        .filter(pk__in=[item.resume_id for item in items], status=Resume.Status.PARSING)
    )
    resumes = {resume.pk: resume for resume in locked}
    work = [(resumes[item.resume_id], item) for item in items if item.resume_id in resumes]
    if not work:
        return []
    identities = {resume.pk: _identities(item.profile) for resume, item in work}
    identities_lock([key for emails, phones in identities.values() for key in _identity_keys(emails, phones)])
    # Candidates are read only now, under the identity locks, as the one-by-one code did.
    plan = _Plan(_known_candidates(identities.values()))
    reparsed = {resume.candidate_id for resume, _ in work if resume.candidate_id} - plan.by_pk.keys()
    if reparsed:
        for candidate in Candidate.objects.filter(pk__in=reparsed).order_by("pk"):
            plan.known(candidate)
    plan.load_rows()
    for resume, item in work:
        plan.add(resume, item, *identities[resume.pk])
    plan.save()
    return [resume for resume, _ in work]


def _identities(profile: dict[str, Any]) -> tuple[list[str], list[str]]:
    emails = [normalise_email(e) for e in profile.get("emails") or [] if e.strip()]
    phones = [phone_key(p) for p in profile.get("phones") or [] if phone_key(p).lstrip("+")]
    return emails, phones


def _identity_keys(emails: list[str], phones: list[str]) -> list[str]:
    return [f"email:{e}" for e in emails] + [f"phone:{p}" for p in phones]


def _known_candidates(identities: Any) -> list[Candidate]:
    """The live candidates sharing an email or phone with any résumé of the batch, oldest first."""
    emails = sorted({e for emails, _ in identities for e in emails})
    phones = sorted({p for _, phones in identities for p in phones})
    if not emails and not phones:
        return []
    condition = Q()
    if emails:
        condition |= Q(emails__overlap=emails)
    if phones:
        condition |= Q(phones__overlap=phones)
    return list(Candidate.objects.filter(condition, merged_into__isnull=True, erased_at__isnull=True).order_by("pk"))


class _Plan:
    """The writes of one batch: decided résumé by résumé in memory, then made in bulk."""

    CANDIDATE_FIELDS = [*SCALAR_FIELDS, *LIST_FIELDS, "last_activity_at", "updated_at"]

    def __init__(self, known: list[Candidate]) -> None:
        self.now = timezone.now()
        # Where a résumé's emails and phones are looked up, in the order the one-by-one path
        # would find them: existing candidates by id, then those this batch creates.
        self.pool = known
        self.by_pk = {candidate.pk: candidate for candidate in known}
        self.created: list[Candidate] = []
        # Each touched candidate's experience and education rows as they stand in this batch
        # (candidates.resumes.profile_rows), keyed by id() of the one object per candidate.
        self.rows: dict[int, dict[str, list[dict[str, Any]]]] = {}
        self.touched: dict[int, Candidate] = {}
        self.replaced: dict[int, set[str]] = {}  # sections whose rows a résumé of the batch rewrote
        self.loaded_rows: dict[int, dict[str, list[dict[str, Any]]]] = {}
        self.duplicates: list[tuple[Candidate, Candidate, list[str]]] = []
        self.stored: list[tuple[Resume, Candidate, ParsedResume, bool]] = []
        self.updates: list[tuple[Resume, Candidate, dict[str, Any], dict[str, Any]]] = []

    def load_rows(self) -> None:
        """The current rows of every known candidate: one query per section for the batch."""
        for section, model in (("experience", Experience), ("education", Education)):
            fields = [*profile_rows.DETAILS[section], *(["highlights"] if section == "experience" else []), "resume_id"]
            for row in model.objects.filter(candidate_id__in=list(self.by_pk)).order_by("candidate_id", "position", "pk").values(
                "candidate_id", *fields
            ):
                candidate_id = row.pop("candidate_id")
                self.loaded_rows.setdefault(candidate_id, {"experience": [], "education": []})[section].append(row)

    def _match(self, emails: list[str], phones: list[str]) -> tuple[Candidate | None, list[str]]:
        for candidate in self.pool:
            if set(emails) & set(candidate.emails) or set(phones) & set(candidate.phones):
                reasons = [f"same email {e}" for e in emails if e in candidate.emails]
                reasons += [f"same phone {p}" for p in phones if p in candidate.phones]
                return candidate, reasons
        return None, []

    def known(self, candidate: Candidate) -> Candidate:
        """The one object for this candidate in the batch (several résumés may update it), which a
        later résumé can match by an email this batch adds to it."""
        if candidate.pk in self.by_pk:
            return self.by_pk[candidate.pk]
        self.by_pk[candidate.pk] = candidate
        if candidate.merged_into_id is None:
            position = sum(1 for c in self.pool if c.pk is not None and c.pk < candidate.pk)
            self.pool.insert(position, candidate)
        return candidate

    def add(self, resume: Resume, item: ParsedResume, emails: list[str], phones: list[str]) -> None:
        profile = item.profile
        created = False
        if resume.candidate_id is not None:
            candidate = self.by_pk[resume.candidate_id]
        else:
            match, reasons = self._match(emails, phones)
            if match is not None and names_agree(match.full_name, (profile.get("name") or "").strip()):
                candidate = match
            else:
                candidate = Candidate(
                    source=Candidate.Source.UPLOAD if resume.uploaded_by_id else Candidate.Source.IMPORT,
                    owner=resume.uploaded_by,
                )
                created = True
                self.created.append(candidate)
                self.pool.append(candidate)
                if match is not None:
                    self.duplicates.append((candidate, match, reasons))

        joined = not created and resume.candidate_id is None
        resume.joined_existing = resume.joined_existing or joined
        rows = self._rows_of(candidate)
        before = None if created else _sections(candidate, rows)
        self._apply(candidate, resume, profile, emails, phones, rows)
        if before is not None:
            after = _sections(candidate, rows)
            changed = [section for section in ProfileUpdate.SECTIONS if before[section] != after[section]]
            if changed:
                self.updates.append((resume, candidate, {s: before[s] for s in changed}, {s: after[s] for s in changed}))
        self.stored.append((resume, candidate, item, created))

    def _rows_of(self, candidate: Candidate) -> dict[str, list[dict[str, Any]]]:
        key = id(candidate)
        if key not in self.rows:
            loaded = self.loaded_rows.get(candidate.pk, {}) if candidate.pk else {}
            self.rows[key] = {"experience": list(loaded.get("experience", [])), "education": list(loaded.get("education", []))}
            self.touched[key] = candidate
        return self.rows[key]

    def _apply(self, candidate: Candidate, resume: Resume, profile: dict[str, Any], emails: list[str],
               phones: list[str], rows: dict[str, list[dict[str, Any]]]) -> None:
        """A newer résumé updates what it says and keeps what it lacks: texts it gives replace,
        lists grow, rows are merged (profile_rows); fields a recruiter corrected stay as they are."""
        corrected = set(candidate.corrected_fields)
        values = {**profile, "emails": emails, "phones": phones}
        for field, key in SCALAR_FIELDS.items():
            if field not in corrected and (values.get(key) or "").strip():
                setattr(candidate, field, _fit(Candidate, field, values[key]))
        for field, key in LIST_FIELDS.items():
            if field not in corrected:
                new_values = [str(v)[:500] for v in values.get(key) or [] if str(v).strip()]
                setattr(candidate, field, _union(getattr(candidate, field) or [], new_values))
        candidate.last_activity_at = candidate.updated_at = self.now
        reparse_of = resume.pk if resume.candidate_id is not None else None
        for section in ("experience", "education"):
            if section not in corrected:
                rows[section] = profile_rows.merge_rows(
                    section, rows[section], profile.get(section) or [], resume_id=resume.pk, reparse_of=reparse_of
                )
                self.replaced.setdefault(id(candidate), set()).add(section)

    def save(self) -> None:
        # Candidates that existed before this batch, each once (one person may have several résumés here).
        existing = list({c.pk: c for _, c, _, _ in self.stored if c.pk is not None}.values())
        existing_keys = {id(c) for c in existing}
        Candidate.objects.bulk_create(self.created)
        if existing:
            Candidate.objects.bulk_update(existing, self.CANDIDATE_FIELDS)
        self._replace_rows(existing_keys)
        ProfileUpdate.objects.bulk_create(
            ProfileUpdate(candidate=candidate, resume=resume, before=before, after=after, created_at=self.now)
            for resume, candidate, before, after in self.updates
        )
        if self.duplicates:
            PossibleDuplicate.objects.bulk_create(
                [PossibleDuplicate(candidate=c, other=other, reasons=reasons) for c, other, reasons in self.duplicates],
                ignore_conflicts=True,  # a pair already flagged stays as it was
            )

        activities = []
        for resume, candidate, item, created in self.stored:
            if created:
                activities.append(Activity(actor=resume.uploaded_by, verb=Activity.Verb.CANDIDATE_CREATED,
                                           candidate=candidate, created_at=self.now, data={"resume_id": resume.pk}))
            activities.append(Activity(verb=Activity.Verb.RESUME_PARSED, candidate=candidate, created_at=self.now,
                                       data={"resume_id": resume.pk, "filename": resume.original_filename,
                                             "parse_ms": round(item.parse_seconds * 1000)}))
        self._mark_parsed()
        activities_record(activities)
        for resume, candidate, _, created in self.stored:
            if created:
                event_record("candidate.created", candidate_id=candidate.pk, payload={"source": candidate.source, "resume_id": resume.pk})
            event_record("resume.parsed", candidate_id=candidate.pk, payload={"resume_id": resume.pk})
        for resume, candidate, _, _ in self.stored:
            _apply_to_target_job(resume, candidate)
        candidate_reindex(sorted({candidate.pk for _, candidate, _, _ in self.stored}))

    def _mark_parsed(self) -> None:
        """Every résumé of the batch parsed, in one UPDATE: the ORM's bulk_update builds a CASE
        expression per field and row, which cost more CPU than the database's work."""
        rows = []
        for resume, candidate, item, _ in self.stored:
            profile = item.profile
            resume.candidate = candidate
            resume.status = Resume.Status.PARSED
            resume.failure_reason = ""
            resume.parsed = {k: v for k, v in profile.items() if k != "text"}
            resume.text = profile.get("text") or ""
            resume.parser_version = str(profile.get("parser_version") or "")[:20]
            resume.parsed_at = resume.status_changed_at = self.now
            rows.append((resume.pk, candidate.pk, json.dumps(resume.parsed), resume.text, resume.parser_version,
                         resume.joined_existing))
        # One row of parameters per résumé, not one array per column: psycopg quotes the text in
        # an array with a Python regex, which over whole résumé texts cost more than the UPDATE.
        values = ", ".join(["(%s::bigint, %s::bigint, %s::jsonb, %s, %s, %s::boolean)"] * len(rows))
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE candidates_resume AS r SET candidate_id = v.candidate_id, status = %s, failure_reason = '', "
                "parsed = v.parsed, text = v.text, parser_version = v.parser_version, joined_existing = v.joined, "
                "parsed_at = %s, status_changed_at = %s "
                f"FROM (VALUES {values}) AS v(id, candidate_id, parsed, text, parser_version, joined) WHERE r.id = v.id",
                [Resume.Status.PARSED, self.now, self.now, *(value for row in rows for value in row)],
            )

    def _replace_rows(self, existing_keys: set[int]) -> None:
        """Each touched candidate's rows, as the batch left them, replace those in the database."""
        for model, section in ((Experience, "experience"), (Education, "education")):
            keys = [key for key in self.touched if section in self.replaced.get(key, ())]
            stale = [self.touched[key].pk for key in keys if key in existing_keys]
            if stale:  # candidates created in this batch have no rows to replace
                model.objects.filter(candidate_id__in=stale).delete()
            model.objects.bulk_create(
                _row(model, self.touched[key], index, row) for key in keys for index, row in enumerate(self.rows[key][section])
            )


# The parsed keys copied into each derived row, with the value used when the parser found none.
ROW_FIELDS: dict[type, dict[str, str]] = {
    Experience: {"company": "—", "title": "", "location": "", "start": "", "end": ""},
    Education: {"institution": "—", "degree": "", "field": "", "start": "", "end": "", "gpa": ""},
}


def _row(model: type, candidate: Candidate, index: int, item: dict[str, Any]) -> Any:
    values = {field: _fit(model, field, item.get(field) or default) for field, default in ROW_FIELDS[model].items()}
    if model is Experience:
        values["highlights"] = [str(h) for h in item.get("highlights") or []][:50]
    return model(candidate=candidate, resume_id=item.get("resume_id"), position=index, **values)


def _sections(candidate: Candidate, rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """What a recruiter sees of each section a résumé can change, to tell whether it did."""
    texts = {field: getattr(candidate, field) for field in SCALAR_FIELDS}
    return {**texts, **{section: profile_rows.shown(section, rows[section]) for section in ("experience", "education")}}


def _apply_to_target_job(resume: Resume, candidate: Candidate) -> None:
    job = resume.target_job
    if job is None or Application.objects.filter(candidate=candidate, job=job).exists():
        return
    stage = resume.target_stage if resume.target_stage and resume.target_stage.job_id == job.pk else None
    application_create(actor=resume.uploaded_by, candidate=candidate, job=job, stage=stage, source="upload")
