"""The candidate's e-mail through the API, both ways, and the `email.received` webhook event a
reply raises (ids only)."""
from __future__ import annotations

from email.message import EmailMessage

import pytest
from django.urls import reverse

from ats.webhooks.models import Event
from candidates.emails.models import EmailTemplate
from candidates.emails.services.inbound import inbound_receive
from candidates.emails.services.outbound import email_send
from tests import factories


@pytest.mark.django_db
def test_a_candidates_mail_both_ways_and_the_reply_event(recruiter, job_a, token_client, settings):
    settings.EMAIL_REPLY_DOMAIN = "replies.example.test"
    application = factories.make_application(job=job_a, candidate=factories.make_candidate(name="Ana Fictional"))
    candidate = application.candidate
    template = EmailTemplate.objects.create(name="Invite", language="en", subject="About {job_title}",
                                            body="Hello {first_name},\n{scheduling_line}")
    sent = email_send(actor=recruiter, candidate=candidate, template=template, application=application, idempotency_key="api-1")
    reply = EmailMessage()
    reply["From"] = f"Ana <{candidate.emails[0]}>"
    reply["To"] = f"reply+{sent.token}@replies.example.test"
    reply["Subject"] = "Re: About the job"
    reply["Message-ID"] = "<api-reply-1@mail.example.com>"
    reply.set_content("Tuesday at 10 works.\n")
    received = inbound_receive(raw=reply.as_bytes())

    response = token_client(recruiter).get(reverse("api:candidate_emails", kwargs={"candidate_id": candidate.pk}))
    assert response.status_code == 200
    rows = response.json()
    assert [(r["direction"], r["id"]) for r in rows] == [("in", received.pk), ("out", sent.pk)]
    incoming, outgoing = rows
    assert outgoing["subject"] == sent.subject and outgoing["body"] == sent.body and outgoing["state"] == "queued"
    assert outgoing["address"] == candidate.emails[0] and outgoing["sender"] == recruiter.pk
    assert outgoing["template_name"] == "Invite (English)" and outgoing["application"] == application.pk
    assert incoming["in_reply_to"] == sent.pk and incoming["application"] == application.pk
    assert incoming["body"].startswith("Tuesday at 10 works.")

    event = Event.objects.get(type="email.received")
    assert event.candidate_id == candidate.pk and event.data["email_id"] == received.pk
    assert candidate.emails[0] not in str(event.data)  # ids, never personal data
