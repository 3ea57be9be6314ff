"""Writes of the careers site: an applicant's application (one service, one transaction), the
"new" marker a recruiter clears, the job's questions, and the rate-limit counters in Redis."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from redis.exceptions import RedisError

from ats.core import queues
from ats.core.access import User
from ats.core.models import Activity
from ats.core.services import activity_record
from candidates.identity import identities_lock, names_agree, normalise_email, phone_key
from candidates.models import Candidate, PossibleDuplicate
from candidates.resumes.services.intake import resume_upload
from candidates.search.services import candidate_reindex
from candidates.services import candidate_create
from jobs.applications.models import Application
from jobs.applications.services import application_create
from jobs.careers.models import ApplicationAnswer, ApplicationQuestion, Consent
from jobs.models import Job

CAREERS_SOURCE = "Careers page"
CONFIRMATION_QUEUE = "notifications"
CONFIRMATION_TASK = "jobs.careers.tasks.send_application_confirmation"


class ApplyRefused(ValueError):
    """The application was not taken (a résumé we cannot read); the message says why, for the form."""


@dataclass
class Applicant:
    """What the person typed in on the apply form."""

    full_name: str
    email: str
    phone: str = ""
    links: list[str] = field(default_factory=list)
    cover_letter: str = ""


@dataclass
class ApplyResult:
    application: Application
    created: bool  # False: the person had applied to this job before and the application was updated
    consent: Consent


@transaction.atomic
def careers_apply(
    *, job: Job, applicant: Applicant, resume_name: str, resume_data: bytes, answers: dict[int, str]
) -> ApplyResult:
    """Take an application from the careers site: match or create the candidate, store the résumé
    (the worker parses it into this candidate), create or update the application in the job's first
    stage, store the answers and the consent, and queue the confirmation e-mail after the commit.

    Raises ApplyRefused, writing nothing, when the résumé is empty, too large or not a readable type.
    """
    email = normalise_email(applicant.email)
    phone = phone_key(applicant.phone) if applicant.phone.strip() else ""
    # The parser's identity locks: a worker storing a résumé of this person waits for us, and so
    # does a second submission of the same form.
    identities_lock([f"email:{email}", *([f"phone:{phone}"] if phone.lstrip("+") else [])])
    candidate, candidate_created = _candidate_for(applicant, email, phone)
    outcome = resume_upload(actor=None, filename=resume_name, data=resume_data, candidate=candidate)
    if outcome.status == "refused":
        raise ApplyRefused(outcome.message)  # rolls back the candidate made above
    application, created = _application_for(job, candidate)
    _answers_replace(application, answers)
    consent = Consent.objects.create(
        candidate=candidate, application=application, email=email,
        notice_version=settings.CAREERS_PRIVACY_NOTICE_VERSION, retention_days=settings.CANDIDATE_RETENTION_DAYS,
    )
    activity_record(
        actor=None, verb=Activity.Verb.APPLICATION_CREATED if created else Activity.Verb.CANDIDATE_EDITED,
        candidate=candidate, job=job, application=application,
        data={"via": "careers", "reapplied": not created, "resume": outcome.status,
              "cover_letter": applicant.cover_letter[:5000], "consent_version": consent.notice_version},
    )
    candidate_reindex([candidate.pk])
    queues.enqueue_on_commit(
        CONFIRMATION_QUEUE, CONFIRMATION_TASK, consent.pk, job_id=f"careers-confirm-{consent.pk}", job_timeout=60
    )
    return ApplyResult(application=application, created=created, consent=consent)


def _candidate_for(applicant: Applicant, email: str, phone: str) -> tuple[Candidate, bool]:
    """The candidate this person already is (same e-mail or phone, and a name that agrees, as the
    résumé writer decides), else a new one from the careers site. An existing profile only has its
    blanks filled: a recruiter's or a parser's richer data is never replaced by the form's."""
    condition = Q(emails__overlap=[email])
    if phone.lstrip("+"):
        condition |= Q(phones__overlap=[phone])
    match = Candidate.objects.filter(condition, merged_into__isnull=True, erased_at__isnull=True).order_by("pk").first()
    name = applicant.full_name.strip()
    if match is not None and names_agree(match.full_name, name):
        _fill_blanks(match, applicant, email, phone)
        return match, False
    candidate = candidate_create(
        actor=None, full_name=name, emails=[email], phones=[phone] if phone else [],
        links=[link for link in applicant.links if link][:5], source=Candidate.Source.CAREERS,
        # What the person typed about themselves outranks what the parser reads off their résumé.
        corrected_fields=["full_name"] if name else [],
    )
    if match is not None:  # same e-mail or phone, another name: a recruiter decides
        PossibleDuplicate.objects.create(candidate=candidate, other=match, reasons=["same e-mail or phone (careers form)"])
    return candidate, True


def _fill_blanks(candidate: Candidate, applicant: Applicant, email: str, phone: str) -> None:
    changed = []
    if not candidate.full_name and applicant.full_name.strip():
        candidate.full_name = applicant.full_name.strip()[:200]
        candidate.corrected_fields = sorted({*candidate.corrected_fields, "full_name"})
        changed += ["full_name", "corrected_fields"]
    additions = {"emails": [email], "phones": [phone] if phone.lstrip("+") else [], "links": applicant.links}
    for name, values in additions.items():
        current = list(getattr(candidate, name) or [])
        new = [v for v in values if v and v not in current]
        if new and name not in candidate.corrected_fields:
            setattr(candidate, name, current + new)
            changed.append(name)
    if changed:
        candidate.save(update_fields=[*changed, "updated_at"])


def _application_for(job: Job, candidate: Candidate) -> tuple[Application, bool]:
    """The person's application to this job: created in the first stage, or (applying again) the one
    they have, marked new again. One row per candidate and job, whatever its outcome."""
    existing = Application.objects.select_for_update().filter(job=job, candidate=candidate).first()
    if existing is not None:
        Application.objects.filter(pk=existing.pk).update(is_new=True, updated_at=timezone.now())
        existing.is_new = True
        return existing, False
    application = application_create(actor=None, candidate=candidate, job=job, source=CAREERS_SOURCE)
    Application.objects.filter(pk=application.pk).update(is_new=True)
    application.is_new = True
    return application, True


def _answers_replace(application: Application, answers: dict[int, str]) -> None:
    """The latest answers replace earlier ones (a second application answers the questions anew)."""
    questions = {q.pk: q for q in ApplicationQuestion.objects.filter(job_id=application.job_id, pk__in=list(answers))}
    ApplicationAnswer.objects.filter(application=application).delete()
    ApplicationAnswer.objects.bulk_create(
        ApplicationAnswer(application=application, question=questions[pk], label=questions[pk].label, value=value)
        for pk, value in answers.items()
        if pk in questions
    )


@transaction.atomic
def question_save(*, actor: User, job: Job, question: ApplicationQuestion) -> ApplicationQuestion:
    """Add or change one of the job's questions to applicants (the admin's inline calls this)."""
    question.job = job
    question.label = question.label.strip()
    question.save()
    activity_record(actor=actor, verb=Activity.Verb.JOB_EDITED, job=job, data={"question": question.label})
    return question


@transaction.atomic
def question_delete(*, actor: User, question: ApplicationQuestion) -> None:
    """Remove a question; answers already given keep their copy of its label."""
    job, label = question.job, question.label
    question.delete()
    activity_record(actor=actor, verb=Activity.Verb.JOB_EDITED, job=job, data={"question_removed": label})


def careers_rate_allows(*, ip: str | None, email: str) -> bool:
    """Count this attempt against the client address and the e-mail address (Redis counters that
    expire with their window); False once either is over its limit. Redis down: allowed (the form
    must not stop working because the counters are unreachable; CSRF and the honeypot still apply)."""
    limits = [
        (f"careers:rate:ip:{ip or 'unknown'}", settings.CAREERS_RATE_PER_IP, settings.CAREERS_RATE_PER_IP_SECONDS),
        (f"careers:rate:email:{normalise_email(email)}", settings.CAREERS_RATE_PER_EMAIL, settings.CAREERS_RATE_PER_EMAIL_SECONDS),
    ]
    client = queues.redis_connection(CONFIRMATION_QUEUE)
    try:
        pipe = client.pipeline()
        for key, _, window in limits:
            pipe.set(key, 0, ex=window, nx=True)  # the window starts with the first attempt
            pipe.incr(key)
        counts = pipe.execute()[1::2]
    except RedisError:
        return True
    return all(count <= limit for count, (_, limit, _) in zip(counts, limits))
