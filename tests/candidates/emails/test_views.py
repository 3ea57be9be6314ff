"""The e-mail pages: templates (placeholders checked), compose with preview from a profile, bulk
from a board, cancel, do-not-contact, the mail card; recruiters only."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.emails.models import EmailTemplate, OutboundEmail
from candidates.emails.services.outbound import email_send
from candidates.models import Candidate
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_recruiter_creates_a_template_and_an_unknown_placeholder_is_explained(recruiter_client, manager_a_client):
    url = reverse("emails:template_new")
    bad = recruiter_client.post(url, {"name": "Invite", "language": "zh", "kind": "general", "subject": "你好 {first_name}",
                                      "body": "Dear {candidate.emails}", "active": "on"})
    assert bad.status_code == 200 and "Unknown placeholder {candidate.emails}" in bad.content.decode()
    assert not EmailTemplate.objects.exists()
    good = recruiter_client.post(url, {"name": "Invite", "language": "zh", "kind": "general", "subject": "你好 {first_name}",
                                       "body": "{first_name}，您好。{scheduling_line}", "active": "on"})
    assert good.status_code == 302
    template = EmailTemplate.objects.get()
    assert (template.language, template.updated_by.username) == ("zh", "rita")
    listing = recruiter_client.get(reverse("emails:templates"))
    assert listing.status_code == 200 and "Chinese" in listing.content.decode()
    assert manager_a_client.get(reverse("emails:templates")).status_code == 404
    assert manager_a_client.post(url, {}).status_code == 404


def test_compose_previews_then_sends_once_per_form(recruiter_client, job_a, invite_template, smtp_server):
    application = factories.make_application(job=job_a, candidate=factories.make_candidate(name="Ana Fictional"))
    candidate = application.candidate
    page = recruiter_client.get(reverse("emails:compose", args=[candidate.pk]))
    assert page.status_code == 200
    nonce = page.context["form"].initial["nonce"]
    data = {"template": invite_template.pk, "application": application.pk, "scheduling_line": "", "nonce": nonce}
    preview = recruiter_client.post(reverse("emails:preview", args=[candidate.pk]), data, HTTP_HX_REQUEST="true")
    assert preview.status_code == 200
    assert "Backend Engineer at Example Company" in preview.content.decode() and "Hello Ana," in preview.content.decode()
    no_job = recruiter_client.post(reverse("emails:preview", args=[candidate.pk]), {**data, "application": ""})
    assert "choose a job" in no_job.content.decode()
    sent = recruiter_client.post(reverse("emails:compose", args=[candidate.pk]), data)
    assert sent.status_code == 302 and sent["Location"].endswith("#mail")
    assert recruiter_client.post(reverse("emails:compose", args=[candidate.pk]), data).status_code == 302  # double click
    email = OutboundEmail.objects.get()
    assert (email.candidate, email.application, email.state) == (candidate, application, "queued")
    assert email.body.startswith("Hello Ana,")


def test_sending_to_an_opted_out_candidate_is_refused_with_a_clear_message(recruiter_client, job_a, invite_template):
    application = factories.make_application(job=job_a)
    candidate = application.candidate
    response = recruiter_client.post(reverse("emails:contact", args=[candidate.pk]), {"do_not_contact": "on", "reason": "Asked"})
    assert response.status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).do_not_contact
    data = {"template": invite_template.pk, "application": application.pk, "nonce": "n1"}
    refused = recruiter_client.post(reverse("emails:compose", args=[candidate.pk]), data)
    assert refused.status_code == 400 and "asked not to be contacted" in refused.content.decode()
    assert not OutboundEmail.objects.exists()
    recruiter_client.post(reverse("emails:contact", args=[candidate.pk]), {})
    assert not Candidate.objects.get(pk=candidate.pk).do_not_contact


def test_a_queued_message_can_be_cancelled_from_the_profile(recruiter, recruiter_client, manager_a_client, job_a, invite_template):
    application = factories.make_application(job=job_a)
    email = email_send(actor=recruiter, candidate=application.candidate, template=invite_template,
                       application=application, idempotency_key="x")
    assert manager_a_client.post(reverse("emails:cancel", args=[email.pk])).status_code == 404
    assert recruiter_client.post(reverse("emails:cancel", args=[email.pk])).status_code == 302
    email.refresh_from_db()
    assert email.state == "cancelled"


def test_bulk_email_from_the_board_confirms_with_a_preview_then_queues(recruiter_client, job_a, invite_template):
    applications = [factories.make_application(job=job_a) for _ in range(3)]
    no_address = factories.make_application(job=job_a, candidate=factories.make_candidate(emails=[]))
    url = reverse("emails:board_email", args=[job_a.pk])
    data = {"template": invite_template.pk, "application": [a.pk for a in [*applications, no_address]]}
    confirm = recruiter_client.post(url, data)
    body = confirm.content.decode()
    assert confirm.status_code == 200 and "E-mail 3 candidates" in body and "has no e-mail address" in body
    assert "Backend Engineer at Example Company" in body
    nonce = confirm.context["nonce"]
    done = recruiter_client.post(url, {**data, "confirmed": "1", "nonce": nonce})
    assert done.status_code == 302
    recruiter_client.post(url, {**data, "confirmed": "1", "nonce": nonce})  # submitted twice
    assert OutboundEmail.objects.filter(purpose="bulk").count() == 3
    board = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk]))
    assert 'formaction="/emails/jobs/' in board.content.decode()


def test_the_mail_card_shows_state_and_exact_text_with_a_flat_query_count(recruiter, recruiter_client, job_a, invite_template):
    application = factories.make_application(job=job_a, candidate=factories.make_candidate(name="Ana Fictional"))
    url = reverse("emails:candidate_mail", args=[application.candidate_id])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = recruiter_client.get(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    email_send(actor=recruiter, candidate=application.candidate, template=invite_template, application=application,
               idempotency_key="k0")
    small = queries()
    for n in range(1, 20):
        email_send(actor=recruiter, candidate=application.candidate, template=invite_template, application=application,
                   idempotency_key=f"k{n}")
    assert queries() == small
    page = recruiter_client.get(url).content.decode()
    assert "Queued" in page and "Hello Ana," in page and "Cancel this e-mail" in page


def test_a_stage_gets_an_automatic_email_from_the_stage_editor(recruiter, recruiter_client, manager_a_client, job_a,
                                                                invite_template):
    from jobs.services import stage_set_auto_email

    stage = factories.stage_of(job_a, "interview")
    url = reverse("jobs:stage_email", args=[job_a.pk, stage.pk])
    assert manager_a_client.post(url, {"template": invite_template.pk}).status_code == 404
    response = recruiter_client.post(url, {"template": invite_template.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "now e-mails" in response.content.decode()
    stage.refresh_from_db()
    assert stage.auto_email_template == invite_template
    editor = recruiter_client.get(reverse("jobs:stages", args=[job_a.pk])).content.decode()
    assert f'<option value="{invite_template.pk}" selected>' in editor
    stage_set_auto_email(actor=recruiter, stage=stage, template=None)
    stage.refresh_from_db()
    assert stage.auto_email_template is None
