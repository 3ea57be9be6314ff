"""Replies come back: over a real SMTP listener (aiosmtpd, the `receive_mail` handler) on loopback,
threaded onto the right candidate by reply token or Message-ID; résumé attachments parsed; unknown
senders in the queue a recruiter assigns from."""
from __future__ import annotations

import smtplib
import time
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from ats.core.models import Activity
from candidates.emails.inbound import parse_mail, strip_quoted
from candidates.emails.listener import InboundHandler
from candidates.emails.models import InboundEmail
from candidates.emails.services.inbound import AssignRefused, inbound_assign, inbound_receive
from candidates.emails.services.outbound import email_send
from candidates.resumes.models import Resume
from tests import factories
from tests.candidates.emails.conftest import free_port


def _reply(*, to: str, sender: str, subject: str = "Re: Backend Engineer", body: str = "Tuesday at 10 works.\n",
           in_reply_to: str = "", attachment: tuple[str, bytes] | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Some One <{sender}>"
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<reply-{time.monotonic_ns()}@mail.example.com>"
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message.set_content(body + "\nOn Mon, 1 Dec 2026, Rory Recruiter wrote:\n> Hello\n")
    if attachment:
        message.add_attachment(attachment[1], maintype="text", subtype="plain", filename=attachment[0])
    return message


@pytest.fixture
def inbound_listener(settings):
    settings.EMAIL_REPLY_DOMAIN = "replies.example.test"
    port = free_port()
    controller = Controller(InboundHandler(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port
    controller.stop()


def _deliver(port: int, message: EmailMessage, recipients: list[str]) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.send_message(message, to_addrs=recipients)


@pytest.mark.django_db(transaction=True)
def test_a_reply_over_smtp_is_threaded_onto_the_right_candidate(recruiter, job_a, invite_template, inbound_listener):
    first = factories.make_application(job=job_a, candidate=factories.make_candidate(name="Ana Fictional"))
    second = factories.make_application(job=job_a, candidate=factories.make_candidate(name="Bo Fictional"))
    to_first = email_send(actor=recruiter, candidate=first.candidate, template=invite_template, application=first,
                          idempotency_key="a")
    to_second = email_send(actor=recruiter, candidate=second.candidate, template=invite_template, application=second,
                           idempotency_key="b")
    address = f"reply+{to_second.token}@replies.example.test"
    # Sent from another address than the one we wrote to (a forward): the token still decides.
    _deliver(inbound_listener, _reply(to=address, sender="bo.private@example.org"), [address])
    reply = InboundEmail.objects.get()
    assert (reply.candidate_id, reply.in_reply_to_id, reply.matched_by) == (second.candidate_id, to_second.pk, "token")
    assert reply.body == "Tuesday at 10 works."  # the quoted history is left out
    activity = Activity.objects.get(verb="email_received")
    assert (activity.candidate_id, activity.application_id) == (second.candidate_id, second.pk)
    # Threading by Message-ID alone (a client that replied to the From address, relayed to us).
    plain = "jobs@replies.example.test"
    _deliver(inbound_listener, _reply(to=plain, sender="x@example.org", in_reply_to=to_first.message_id), [plain])
    assert InboundEmail.objects.get(in_reply_to=to_first).candidate_id == first.candidate_id
    # Not an open relay: mail for other domains is refused at RCPT.
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        _deliver(inbound_listener, _reply(to="someone@example.net", sender="x@example.org"), ["someone@example.net"])


@pytest.mark.django_db
def test_a_resume_attached_to_a_reply_goes_through_the_normal_parse_path(recruiter, job_a, invite_template,
                                                                          django_capture_on_commit_callbacks):
    application = factories.make_application(job=job_a)
    email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                       application=application, idempotency_key="r")
    text = b"Ana Fictional\nana@example.com\nSoftware Engineer\nExperience\nFictional Co 2019 - Present\n"
    message = _reply(to=f"reply+{email.token}@replies.example.test", sender=application.candidate.emails[0],
                     attachment=("cv.txt", text))
    reply = inbound_receive(raw=message.as_bytes())
    [resume] = Resume.objects.filter(candidate=application.candidate)
    assert resume.status == "queued" and reply.resume_ids == [resume.pk]
    assert reply.attachment_names == ["cv.txt"]
    assert inbound_receive(raw=message.as_bytes()).pk == reply.pk  # the same message read twice is stored once
    assert InboundEmail.objects.count() == 1


@pytest.mark.django_db
def test_an_unknown_sender_lands_in_the_queue_and_a_recruiter_assigns_it(recruiter, recruiter_client, manager_a_client):
    candidate = factories.make_candidate(name="Cy Fictional")
    known = inbound_receive(raw=_reply(to="jobs@replies.example.test", sender=candidate.emails[0]).as_bytes())
    assert (known.candidate_id, known.matched_by) == (candidate.pk, "sender")
    unknown = inbound_receive(raw=_reply(to="jobs@replies.example.test", sender="stranger@example.org",
                                         subject="Any openings?").as_bytes())
    assert unknown.candidate_id is None
    page = recruiter_client.get(reverse("emails:inbox"))
    assert page.status_code == 200 and b"Any openings?" in page.content and b"Cy Fictional" not in page.content
    assert manager_a_client.get(reverse("emails:inbox")).status_code == 404
    response = recruiter_client.post(reverse("emails:assign", args=[unknown.pk]), {"candidate": candidate.pk})
    assert response.status_code == 302
    unknown.refresh_from_db()
    assert (unknown.candidate_id, unknown.matched_by, unknown.assigned_by) == (candidate.pk, "recruiter", recruiter)
    with pytest.raises(AssignRefused):
        inbound_assign(actor=recruiter, inbound=unknown, candidate=candidate)
    mail = recruiter_client.get(reverse("emails:candidate_mail", args=[candidate.pk]), HTTP_HX_REQUEST="true")
    assert mail.status_code == 200 and b"Any openings?" in mail.content and b"Received" in mail.content
    assert b"<html" not in mail.content  # the partial the profile swaps in


def test_parsing_finds_the_token_and_references_and_strips_the_quote():
    message = _reply(to="Recruiting <REPLY+0123456789abcdef01234567@replies.example.test>", sender="a@example.org",
                     in_reply_to="<abc@replies.example.test>")
    mail = parse_mail(message.as_bytes(), ["reply+0123456789abcdef01234567@replies.example.test"])
    assert mail.tokens == ["0123456789abcdef01234567"]
    assert mail.references == ["<abc@replies.example.test>"]
    assert mail.from_address == "a@example.org"
    assert strip_quoted("Yes please\n\n在2026年12月1日，Rory 写道：\n> 您好") == "Yes please"
