"""A recruiter e-mails a candidate from the profile (preview first), e-mails and rejects with a
reason from the board, in Chromium; the pages pass axe without serious violations."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from candidates.emails.models import EmailTemplate, OutboundEmail
from candidates.emails.services.templates import email_template_save
from jobs.applications.models import RejectionReason
from jobs.applications.services import rejection_reason_save
from tests import factories
from tests.browser.conftest import login, screenshot
from tests.browser.test_careers import _serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    recruiter = factories.make_recruiter("rita_mail")
    job = factories.make_job(actor=recruiter, title="Backend Engineer")
    ana = factories.make_application(job=job, candidate=factories.make_candidate(name="Ana Fictional"))
    bo = factories.make_application(job=job, candidate=factories.make_candidate(name="Bo Fictional"))
    invite = email_template_save(actor=recruiter, template=EmailTemplate(
        name="Invite", subject="{job_title} at {company}", body="Hello {first_name},\n\n{scheduling_line}\n\n{recruiter_name}"))
    rejection = email_template_save(actor=recruiter, template=EmailTemplate(
        name="Not this time", kind="rejection", subject="Your application", body="Dear {first_name}, not this time."))
    rejection_reason_save(actor=recruiter, reason=RejectionReason(name="Role filled", template=rejection))
    return {"job": job, "ana": ana, "bo": bo, "invite": invite}


def test_compose_from_the_profile_shows_the_preview_and_queues_the_mail(page, world):
    login(page, "rita_mail")
    ana = world["ana"]
    page.goto(ana.candidate.get_absolute_url())
    expect(page.get_by_text("No e-mail yet.")).to_be_visible()  # the card loaded by htmx
    page.locator("#mail").get_by_role("link", name="E-mail Ana Fictional").click()
    page.get_by_label("Template").select_option(label="Invite (English)")
    page.get_by_label("About the job").select_option(label="Backend Engineer")
    page.get_by_label("Scheduling line").fill("Pick a time: https://cal.example.test/rita")
    expect(page.locator("[data-preview-body]")).to_contain_text("Pick a time: https://cal.example.test/rita")
    expect(page.locator("[data-preview-subject]")).to_have_text("Backend Engineer at Example Company")
    assert _serious_violations(page) == []
    screenshot(page, "email_compose")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("queued; it is on the timeline below")).to_be_visible()
    expect(page.locator("#mail .mail-state-queued")).to_have_text("Queued")
    email = OutboundEmail.objects.get()
    assert (email.candidate_id, email.state) == (ana.candidate_id, "queued")
    assert "Pick a time: https://cal.example.test/rita" in email.body
    assert page.console_errors == []


def test_bulk_email_and_rejection_with_a_reason_from_the_board(page, world):
    login(page, "rita_mail")
    job = world["job"]
    page.goto(job.get_absolute_url())
    page.get_by_label("Select Ana Fictional").check()
    page.get_by_label("Select Bo Fictional").check()
    page.get_by_label("E-mail template").select_option(label="Invite (English)")
    page.get_by_role("button", name="E-mail", exact=True).click()
    expect(page.get_by_role("heading", name="E-mail 2 candidates “Invite (English)”?")).to_be_visible()
    assert _serious_violations(page) == []
    page.get_by_role("button", name="Send 2 e-mails").click()
    expect(page.get_by_text("2 e-mails queued.")).to_be_visible()
    assert OutboundEmail.objects.filter(purpose="bulk").count() == 2

    page.get_by_label("Select Bo Fictional").check()
    page.get_by_label("Rejection reason").select_option(label="Role filled")
    page.get_by_label("E-mail the reason's template").check()
    page.get_by_role("button", name="Reject").click()
    expect(page.get_by_text("The reason's e-mail leaves after a delay")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Rejected 1 candidate: Role filled")).to_be_visible()
    world["bo"].refresh_from_db()
    assert world["bo"].rejection_reason.name == "Role filled"
    assert OutboundEmail.objects.filter(purpose="rejection", state="queued").count() == 1
    assert page.console_errors == []
