"""Writes of incoming mail: take a message in (threaded onto its candidate, or into the unassigned
queue), and a recruiter assigning an unassigned one. Résumé attachments go through the normal
upload path (stored privately, parsed by the worker into this candidate)."""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from ats.core.access import User
from ats.core.models import Activity
from ats.core.services import activity_record
from ats.webhooks.services import event_record
from candidates.emails.inbound import ParsedMail, parse_mail, strip_quoted
from candidates.emails.models import InboundEmail, OutboundEmail
from candidates.models import Candidate
from candidates.resumes.services.intake import resume_upload


def _thread(mail: ParsedMail) -> tuple[OutboundEmail | None, str]:
    """The message this one answers: by the reply+TOKEN address, else by In-Reply-To/References."""
    for token in mail.tokens:
        outbound = OutboundEmail.objects.select_related("candidate").filter(token=token).first()
        if outbound is not None:
            return outbound, "token"
    if mail.references:
        by_id = {o.message_id: o for o in OutboundEmail.objects.select_related("candidate").filter(message_id__in=mail.references)}
        for reference in mail.references:
            if reference in by_id:
                return by_id[reference], "message-id"
    return None, ""


def _surviving(candidate: Candidate) -> Candidate:
    """The candidate a merged-away record now lives on (merges can chain; bounded for safety)."""
    for _ in range(10):
        if candidate.merged_into_id is None:
            break
        candidate = Candidate.objects.get(pk=candidate.merged_into_id)
    return candidate


def _sender_candidate(address: str) -> Candidate | None:
    """The one candidate with this address (none, or several: a recruiter decides)."""
    if not address:
        return None
    matches = list(Candidate.objects.filter(emails__overlap=[address], merged_into__isnull=True, erased_at__isnull=True).order_by("pk")[:2])
    return matches[0] if len(matches) == 1 else None


def _attach(*, actor: User | None, inbound: InboundEmail, candidate: Candidate, mail: ParsedMail) -> None:
    """Put the message on the candidate's timeline and send its résumés to the parser."""
    resume_ids = []
    for attachment in mail.resume_attachments:
        outcome = resume_upload(actor=actor, filename=attachment.filename, data=attachment.data, candidate=candidate)
        if outcome.resume is not None:
            resume_ids.append(outcome.resume.pk)
    inbound.resume_ids = resume_ids
    inbound.save(update_fields=["resume_ids"])
    activity_record(
        actor=actor, verb=Activity.Verb.EMAIL_RECEIVED, candidate=candidate,
        application=inbound.in_reply_to.application if inbound.in_reply_to_id else None,
        data={"inbound_id": inbound.pk, "subject": inbound.subject, "from": inbound.from_address,
              "matched_by": inbound.matched_by, "resumes": len(resume_ids)},
    )
    event_record("email.received", candidate_id=candidate.pk,
                 payload={"email_id": inbound.pk, "resume_ids": resume_ids, "matched_by": inbound.matched_by})


@transaction.atomic
def inbound_receive(*, raw: bytes, envelope_recipients: list[str] | None = None) -> InboundEmail:
    """Take in one message. Threaded by reply token or Message-ID onto the candidate it answers,
    else onto the one candidate with the sender's address, else left unassigned. The same message
    (Message-ID) taken in twice (an IMAP poll that re-reads it) is stored once."""
    mail = parse_mail(raw, envelope_recipients)
    if mail.message_id:
        existing = InboundEmail.objects.filter(message_id=mail.message_id).first()
        if existing is not None:
            return existing
    outbound, matched_by = _thread(mail)
    candidate = _surviving(outbound.candidate) if outbound is not None else _sender_candidate(mail.from_address)
    if outbound is None and candidate is not None:
        matched_by = "sender"
    try:
        with transaction.atomic():
            inbound = InboundEmail.objects.create(
                candidate=candidate, in_reply_to=outbound, from_address=mail.from_address[:254], from_name=mail.from_name,
                subject=mail.subject, body=strip_quoted(mail.body) or mail.body, message_id=mail.message_id or None,
                matched_by=matched_by, attachment_names=[a.filename for a in mail.attachments], raw=raw,
            )
    except IntegrityError:  # the same message arriving twice at once
        return InboundEmail.objects.get(message_id=mail.message_id)
    if candidate is not None:
        _attach(actor=None, inbound=inbound, candidate=candidate, mail=mail)
    return inbound


class AssignRefused(ValueError):
    pass


@transaction.atomic
def inbound_assign(*, actor: User, inbound: InboundEmail, candidate: Candidate) -> InboundEmail:
    """A recruiter says whose message this is: it joins their timeline, its résumés are parsed."""
    current = InboundEmail.objects.select_for_update().get(pk=inbound.pk)
    if current.candidate_id is not None:
        raise AssignRefused("Someone has already assigned this message.")
    inbound.candidate = candidate
    inbound.matched_by = "recruiter"
    inbound.assigned_by = actor
    inbound.assigned_at = timezone.now()
    inbound.save(update_fields=["candidate", "matched_by", "assigned_by", "assigned_at"])
    _attach(actor=actor, inbound=inbound, candidate=candidate, mail=parse_mail(bytes(current.raw)))
    return inbound
