"""Writes of outgoing mail: queue a message (one, bulk, on stage entry, on rejection), cancel it,
deliver it (the RQ job's body), sweep up lost work, and the candidate's contact preference.

Every message is an OutboundEmail row first, created in the transaction of the user action that
asked for it, with a unique idempotency key: the same action can never queue two messages. The
delivery job is enqueued after the commit and claims the row (queued → sending) with a conditional
UPDATE before talking to the SMTP server, so a row is handed to the server by one worker only.

What is not knowable: a worker killed after the SMTP server took the message but before the row
said "sent". The sweeper re-queues such a row (its worker is dead) with the same Message-ID, so the
rare duplicate is recognisable as one; a message is never silently lost.
"""
from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from redis.exceptions import RedisError
from rq import Retry
from rq.job import JobStatus

from ats.core import queues
from ats.core.access import User, actor_id
from ats.core.models import Activity
from ats.core.services import activity_record
from candidates.emails import links
from candidates.emails.models import EmailTemplate, OutboundEmail
from candidates.emails.placeholders import PlaceholderError, Rendered, first_name, render
from candidates.models import Candidate
from candidates.resumes.services.claims import claimer_gone, claimer_tag
from jobs.applications.models import Application
from jobs.models import Stage

logger = logging.getLogger(__name__)

EMAIL_QUEUE = "notifications"
DELIVER_TASK = "candidates.emails.tasks.deliver_email"
RETRY_INTERVALS = [10, 60, 300, 900]  # seconds between SMTP attempts after a transient failure
DELIVER_JOB_TIMEOUT = 60
QUEUED_GRACE = timedelta(seconds=10)  # a queued row's own job arrives within this after its commit


class EmailRefused(ValueError):
    """The message was not queued; the text says why (for the form or the bulk summary)."""


# --- Rendering -----------------------------------------------------------------------------------


def _values(
    *, candidate: Candidate, application: Application | None, sender: User | None, scheduling_line: str = ""
) -> dict[str, str]:
    """What the placeholders stand for in a message to this candidate."""
    recruiter = sender if sender is not None and getattr(sender, "is_authenticated", False) else None
    if recruiter is None and application is not None:
        recruiter = application.job.recruiter
    recruiter_name = (recruiter.get_full_name() or recruiter.get_username()) if recruiter is not None else ""
    return {
        "first_name": first_name(candidate.full_name),
        "job_title": application.job.title if application is not None else "",
        "company": settings.CAREERS_COMPANY_NAME,
        "recruiter_name": recruiter_name or settings.CAREERS_COMPANY_NAME,
        "scheduling_line": scheduling_line.strip() or settings.EMAIL_SCHEDULING_LINE,
    }


def email_render(
    *, template: EmailTemplate, candidate: Candidate, application: Application | None = None,
    sender: User | None = None, scheduling_line: str = "",
) -> Rendered:
    """The exact subject and body this candidate would get (the preview shows it; sending stores
    it). Raises PlaceholderError when the template needs a value there is none of."""
    values = _values(candidate=candidate, application=application, sender=sender, scheduling_line=scheduling_line)
    return render(subject=template.subject, body=template.body, values=values)


def contact_refusal(candidate: Candidate) -> str:
    """Why no mail may go to this candidate ('' when it may)."""
    if candidate.do_not_contact:
        return f"{candidate.display_name} asked not to be contacted; no e-mail was sent."
    if not candidate.emails:
        return f"{candidate.display_name} has no e-mail address."
    return ""


# --- Queueing ------------------------------------------------------------------------------------


def _enqueue_delivery(email: OutboundEmail) -> None:
    # A second past send_after: RQ's scheduler counts whole seconds, and a job run early does nothing.
    delay = email.send_after - timezone.now() + timedelta(seconds=1)
    queues.enqueue_on_commit(
        EMAIL_QUEUE, DELIVER_TASK, email.pk, job_id=f"email-{email.pk}", job_timeout=DELIVER_JOB_TIMEOUT,
        delay=delay if delay > timedelta(seconds=2) else None,
        retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
        pending=(JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED),
    )


def _outbound_create(*, actor: User | None, candidate: Candidate, to: str, rendered: Rendered, key: str,
                     **fields: Any) -> tuple[OutboundEmail, bool]:
    """The row for `key`, created unless it exists (a repeated action); True when created."""
    existing = OutboundEmail.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing, False
    token = links.new_token()
    email = OutboundEmail(
        candidate=candidate, sender_id=actor_id(actor), to_address=to, subject=rendered.subject, body=rendered.body,
        idempotency_key=key, token=token, message_id=links.message_id_for(token), **fields,
    )
    # ON CONFLICT DO NOTHING: of two racing submissions of one form, one row survives.
    OutboundEmail.objects.bulk_create([email], ignore_conflicts=True)
    email = OutboundEmail.objects.get(idempotency_key=key)
    is_new = email.token == token
    if is_new:
        application = fields.get("application")
        activity_record(
            actor=actor, verb=Activity.Verb.EMAIL_QUEUED, candidate=candidate,
            job=application.job if application is not None else None, application=application,
            data={"email_id": email.pk, "subject": email.subject, "template": email.template_name, "purpose": email.purpose},
        )
        _enqueue_delivery(email)
    return email, is_new


@transaction.atomic
def email_send(
    *, actor: User | None, candidate: Candidate, template: EmailTemplate, idempotency_key: str,
    application: Application | None = None, scheduling_line: str = "", purpose: str = OutboundEmail.Purpose.MANUAL,
    delay: timedelta | None = None, stage: Stage | None = None, unsubscribe_link: bool = False,
) -> OutboundEmail:
    """Queue `template` to the candidate, rendered now (the row keeps the exact text sent).

    The same idempotency key returns the message already queued for it. Raises EmailRefused when
    the candidate opted out or has no address, or the template cannot be filled in.
    """
    existing = OutboundEmail.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    refusal = contact_refusal(candidate)
    if refusal:
        raise EmailRefused(refusal)
    if application is not None and application.candidate_id != candidate.pk:
        raise EmailRefused("That application is not this candidate's.")
    try:
        rendered = email_render(template=template, candidate=candidate, application=application, sender=actor,
                                scheduling_line=scheduling_line)
    except PlaceholderError as error:
        raise EmailRefused(str(error)) from error
    if unsubscribe_link:  # part of the text, so the log keeps exactly what was sent
        url = links.unsubscribe_url(candidate.pk)
        rendered = Rendered(subject=rendered.subject, body=f"{rendered.body.rstrip()}\n\n--\nNo more e-mails like this: {url}\n")
    email, _ = _outbound_create(
        actor=actor, candidate=candidate, to=candidate.emails[0], rendered=rendered, key=idempotency_key,
        application=application, template=template, template_name=str(template), purpose=purpose, stage=stage,
        send_after=timezone.now() + (delay or timedelta(0)), unsubscribe_link=unsubscribe_link,
    )
    return email


@dataclass
class BulkEmailResult:
    queued: list[OutboundEmail] = field(default_factory=list)
    refused: list[tuple[Candidate, str]] = field(default_factory=list)  # who got nothing, and why


@transaction.atomic
def email_send_bulk(
    *, actor: User, template: EmailTemplate, nonce: str, candidates: list[Candidate] | None = None,
    applications: list[Application] | None = None, scheduling_line: str = "",
) -> BulkEmailResult:
    """Queue `template` to each candidate (or each application's candidate, with its job for
    {job_title}), with an unsubscribe link. Opted-out candidates and those without an address get
    nothing and are named in the result; the key (nonce, candidate) makes a resubmission a no-op."""
    targets: list[tuple[Candidate, Application | None]] = [(a.candidate, a) for a in applications or []]
    targets += [(c, None) for c in candidates or []]
    result = BulkEmailResult()
    seen: set[int] = set()
    for candidate, application in targets:
        if candidate.pk in seen:
            continue
        seen.add(candidate.pk)
        try:
            email = email_send(
                actor=actor, candidate=candidate, template=template, application=application,
                idempotency_key=f"bulk:{nonce}:{candidate.pk}", scheduling_line=scheduling_line,
                purpose=OutboundEmail.Purpose.BULK, unsubscribe_link=True,
            )
        except EmailRefused as error:
            result.refused.append((candidate, str(error)))
        else:
            result.queued.append(email)
    return result


@transaction.atomic
def email_queue_prepared(
    *, candidate: Candidate, to: str, subject: str, body: str, idempotency_key: str, purpose: str,
    html_body: str = "", application: Application | None = None, template_name: str = "", enqueue: bool = True,
) -> OutboundEmail:
    """Log (and queue, unless `enqueue` is False and the caller delivers it itself) a message the
    system wrote (the careers confirmation): transactional, so the opt-out does not apply."""
    existing = OutboundEmail.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    token = links.new_token()
    email = OutboundEmail.objects.create(
        candidate=candidate, application=application, to_address=to, subject=" ".join(subject.split()), body=body,
        html_body=html_body, idempotency_key=idempotency_key, token=token, message_id=links.message_id_for(token),
        purpose=purpose, template_name=template_name,
    )
    activity_record(actor=None, verb=Activity.Verb.EMAIL_QUEUED, candidate=candidate,
                    job=application.job if application else None, application=application,
                    data={"email_id": email.pk, "subject": email.subject, "template": template_name, "purpose": purpose})
    if enqueue:
        _enqueue_delivery(email)
    return email


@transaction.atomic
def email_cancel(*, actor: User | None, email: OutboundEmail, why: str = "Cancelled before it was sent.") -> bool:
    """Stop a queued message from leaving (False when it is already on its way or gone)."""
    now = timezone.now()
    cancelled = OutboundEmail.objects.filter(pk=email.pk, state=OutboundEmail.State.QUEUED).update(
        state=OutboundEmail.State.CANCELLED, failure_reason=why[:500], state_changed_at=now
    )
    if cancelled:
        email.state, email.failure_reason = OutboundEmail.State.CANCELLED, why[:500]
        activity_record(actor=actor, verb=Activity.Verb.EMAIL_CANCELLED, candidate=email.candidate,
                        application=email.application, data={"email_id": email.pk, "subject": email.subject, "why": why})
    return bool(cancelled)


# --- Automatic mail: stage entry and rejection ----------------------------------------------------


def _cancel_pending(actor: User | None, application: Application, purpose: str, why: str, keep_stage: int | None = None) -> int:
    pending = OutboundEmail.objects.filter(application=application, purpose=purpose, state=OutboundEmail.State.QUEUED)
    if keep_stage is not None:
        pending = pending.exclude(stage_id=keep_stage)
    return sum(email_cancel(actor=actor, email=email, why=why) for email in pending.select_related("candidate"))


@transaction.atomic
def stage_email_schedule(*, actor: User | None, application: Application, stage: Stage, change_id: int) -> OutboundEmail | None:
    """After a stage move: cancel the automatic mail of a stage the application left before it was
    sent, and queue the new stage's template (if it has one) to leave after the delay. A candidate
    who opted out, or has no address, simply gets none."""
    _cancel_pending(actor, application, OutboundEmail.Purpose.STAGE, "Moved out of the stage before it was sent.",
                    keep_stage=stage.pk)
    template = stage.auto_email_template
    if template is None or not template.active or application.outcome != Application.Outcome.ACTIVE:
        return None
    if contact_refusal(application.candidate):
        return None
    try:
        return email_send(
            actor=actor, candidate=application.candidate, template=template, application=application,
            idempotency_key=f"stage:{change_id}", purpose=OutboundEmail.Purpose.STAGE, stage=stage,
            delay=timedelta(seconds=settings.EMAIL_STAGE_DELAY_SECONDS),
        )
    except EmailRefused as error:  # a template that cannot be filled in must not block the move
        logger.warning("stage e-mail for application %s not queued: %s", application.pk, error)
        return None


@transaction.atomic
def rejection_email_schedule(*, actor: User | None, application: Application, template: EmailTemplate,
                             change_id: int) -> OutboundEmail:
    """Queue the rejection reason's template, leaving after the delay (reopening cancels it).
    Raises EmailRefused for an opted-out candidate, so the recruiter is told."""
    return email_send(
        actor=actor, candidate=application.candidate, template=template, application=application,
        idempotency_key=f"rejection:{change_id}", purpose=OutboundEmail.Purpose.REJECTION,
        delay=timedelta(seconds=settings.EMAIL_REJECTION_DELAY_SECONDS),
    )


def stage_emails_cancel(*, actor: User | None, application: Application) -> int:
    """The application was closed (rejected, withdrawn, hired): a stage mail still waiting does not go."""
    return _cancel_pending(actor, application, OutboundEmail.Purpose.STAGE, "The application was closed before it was sent.")


def rejection_emails_cancel(*, actor: User | None, application: Application) -> int:
    """The application was reopened: its rejection mail, if still waiting, does not go."""
    return _cancel_pending(actor, application, OutboundEmail.Purpose.REJECTION, "Reopened before it was sent.")


# --- Contact preference --------------------------------------------------------------------------


@transaction.atomic
def candidate_contact_set(*, actor: User | None, candidate: Candidate, do_not_contact: bool, reason: str = "") -> bool:
    """Record that the person asked not to be contacted (or may be again); queued bulk and automatic
    mail to them is cancelled. Returns whether anything changed."""
    current = Candidate.objects.select_for_update().only("do_not_contact").get(pk=candidate.pk)
    if current.do_not_contact == do_not_contact:
        return False
    candidate.do_not_contact = do_not_contact
    candidate.do_not_contact_at = timezone.now() if do_not_contact else None
    candidate.do_not_contact_reason = reason.strip()[:200] if do_not_contact else ""
    candidate.save(update_fields=["do_not_contact", "do_not_contact_at", "do_not_contact_reason", "updated_at"])
    activity_record(actor=actor, verb=Activity.Verb.CONTACT_PREFERENCE, candidate=candidate,
                    data={"do_not_contact": do_not_contact, "reason": candidate.do_not_contact_reason})
    if do_not_contact:
        waiting = OutboundEmail.objects.filter(candidate=candidate, state=OutboundEmail.State.QUEUED).exclude(
            purpose=OutboundEmail.Purpose.CAREERS)
        for email in waiting:
            email_cancel(actor=actor, email=email, why="The candidate asked not to be contacted.")
    return True


def candidate_unsubscribe(*, signed: str) -> Candidate | None:
    """The unsubscribe link was used: that candidate is not contacted any more (None for a bad link)."""
    candidate_id = links.unsubscribe_candidate_id(signed)
    candidate = Candidate.objects.filter(pk=candidate_id).first() if candidate_id is not None else None
    if candidate is not None:
        candidate_contact_set(actor=None, candidate=candidate, do_not_contact=True, reason="Unsubscribe link")
    return candidate


# --- Delivery (the RQ job) -----------------------------------------------------------------------


class TransientSendError(Exception):
    """The SMTP server could not take the message now; RQ retries the job with back-off."""


def _message(email: OutboundEmail) -> EmailMultiAlternatives:
    headers = {"Message-ID": email.message_id}
    if email.unsubscribe_link:
        headers["List-Unsubscribe"] = f"<{links.unsubscribe_url(email.candidate_id)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if email.purpose in (OutboundEmail.Purpose.STAGE, OutboundEmail.Purpose.REJECTION, OutboundEmail.Purpose.CAREERS):
        headers["Auto-Submitted"] = "auto-generated"
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email.to_address],
        reply_to=[links.reply_address(email.token)], headers=headers,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


def _is_permanent(error: Exception) -> bool:
    """5xx replies (unknown mailbox, refused sender) will not get better by trying again."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def email_deliver(email_id: int, *, now: datetime | None = None) -> str:
    """Hand one queued message to the SMTP server, once. Returns what happened: 'sent', 'failed',
    or why it did nothing ('gone', 'not due', 'not queued'). Raises TransientSendError after a
    temporary failure with attempts left (the row is queued again for the retry)."""
    now = now or timezone.now()
    email = OutboundEmail.objects.select_related("candidate").filter(pk=email_id).first()
    if email is None:
        return "gone"
    if email.state == OutboundEmail.State.QUEUED and email.send_after > now:
        return "not due"  # a delayed mail run early (a sweep): its own scheduled job runs it later
    if email.candidate.do_not_contact and email.purpose != OutboundEmail.Purpose.CAREERS:
        # Opted out after it was queued, by a door that did not cancel it: it still does not go.
        email_cancel(actor=None, email=email, why="The candidate asked not to be contacted.")
        return "not queued"
    tag = claimer_tag()
    claimed = OutboundEmail.objects.filter(pk=email_id, state=OutboundEmail.State.QUEUED, send_after__lte=now).update(
        state=OutboundEmail.State.SENDING, claimed_at=now, claimed_by=tag, attempts=F("attempts") + 1, state_changed_at=now,
    )
    if not claimed:
        return "not queued"  # sent, cancelled, or another worker has it
    email.refresh_from_db(fields=["attempts", "state"])
    try:
        with get_connection(fail_silently=False) as connection:
            connection.send_messages([_message(email)])
    except (smtplib.SMTPException, OSError) as error:
        return _after_failure(email, tag, error)
    OutboundEmail.objects.filter(pk=email_id, state=OutboundEmail.State.SENDING, claimed_by=tag).update(
        state=OutboundEmail.State.SENT, sent_at=timezone.now(), failure_reason="", state_changed_at=timezone.now(),
    )
    return "sent"


def _after_failure(email: OutboundEmail, tag: str, error: Exception) -> str:
    reason = f"{type(error).__name__}: {error}"[:450]
    mine = OutboundEmail.objects.filter(pk=email.pk, state=OutboundEmail.State.SENDING, claimed_by=tag)
    if _is_permanent(error) or email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
        why = "The mail server refused it" if _is_permanent(error) else f"Gave up after {email.attempts} attempts"
        mine.update(state=OutboundEmail.State.FAILED, failure_reason=f"{why}: {reason}", state_changed_at=timezone.now())
        return "failed"
    mine.update(state=OutboundEmail.State.QUEUED, claimed_by="", failure_reason=f"Will retry: {reason}",
                state_changed_at=timezone.now())
    raise TransientSendError(reason) from error


def email_sweep(*, stuck_after: timedelta | None = None, now: datetime | None = None) -> dict[str, int]:
    """Recover lost delivery work: a message claimed by a worker that died (or that has been
    "sending" longer than EMAIL_STUCK_AFTER) goes back to queued, or to failed after
    EMAIL_MAX_ATTEMPTS; a due queued message with no job waiting in Redis is enqueued again."""
    now = now or timezone.now()
    if stuck_after is None:
        stuck_after = timedelta(seconds=settings.EMAIL_STUCK_AFTER)
    sending = OutboundEmail.objects.filter(state=OutboundEmail.State.SENDING).values_list("pk", "claimed_by", "claimed_at")
    abandoned = [pk for pk, tag, claimed_at in sending if claimed_at is None or claimed_at < now - stuck_after or claimer_gone(tag)]
    stuck = OutboundEmail.objects.filter(pk__in=abandoned, state=OutboundEmail.State.SENDING)
    gave_up = stuck.filter(attempts__gte=settings.EMAIL_MAX_ATTEMPTS).update(
        state=OutboundEmail.State.FAILED, state_changed_at=now,
        failure_reason="The worker sending it stopped too many times; it may or may not have been delivered.",
    )
    interrupted = list(stuck.values_list("pk", flat=True))
    OutboundEmail.objects.filter(pk__in=interrupted, state=OutboundEmail.State.SENDING).update(
        state=OutboundEmail.State.QUEUED, claimed_by="", state_changed_at=now)
    grace = min(QUEUED_GRACE, stuck_after)
    # Queued a while ago (its own job had time to arrive) or taken back from a dead worker just now.
    lost = OutboundEmail.objects.filter(state=OutboundEmail.State.QUEUED, send_after__lte=now,
                                        state_changed_at__lte=now - grace).values_list("pk", flat=True)
    enqueued = redis_down = 0
    for email_id in sorted(set(lost) | set(interrupted)):
        try:
            enqueued += queues.enqueue(
                EMAIL_QUEUE, DELIVER_TASK, email_id, job_id=f"email-{email_id}", job_timeout=DELIVER_JOB_TIMEOUT,
                retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
                pending=(JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED),
            ) is not None
        except RedisError:
            redis_down = 1  # the rows stay queued: the next sweep tries again
            break
    if enqueued or interrupted or gave_up or redis_down:
        logger.info("e-mail sweep: %s enqueued, %s interrupted, %s gave up", enqueued, len(interrupted), gave_up)
    return {"enqueued": enqueued, "interrupted": len(interrupted), "gave_up": gave_up, "redis_down": redis_down}
