"""Privacy in Chromium: a recruiter records consent and exports everything held from the profile
(the progress polls until the download link shows), decides erasure requests, and a candidate
opens their own page from the signed link; the pages pass axe without serious violations."""
from __future__ import annotations

import django_rq
import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect
from rq import SimpleWorker

from candidates.privacy.links import self_service_signed
from candidates.privacy.models import ErasureRequest, SubjectExport
from candidates.privacy.services import erasure_request_create
from jobs.careers.models import Consent
from jobs.careers.services import Applicant, careers_apply
from tests import factories
from tests.browser.conftest import login, screenshot
from tests.browser.test_careers import _serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    recruiter = factories.make_recruiter("rhea_privacy")
    job = factories.make_job(actor=recruiter, title="Data Engineer", published=True)
    result = careers_apply(
        job=job, applicant=Applicant(full_name="Ilse Marchetti", email="ilse.m@example.com"),
        resume_name="ilse-cv.txt", resume_data=b"Ilse Marchetti\nilse.m@example.com\nSQL, dbt", answers={},
    )
    queue = django_rq.get_queue("default")
    queue.empty()
    yield {"recruiter": recruiter, "job": job, "candidate": result.application.candidate, "queue": queue}
    queue.empty()


def test_a_recruiter_records_consent_and_exports_everything_from_the_profile(page, world):
    login(page, "rhea_privacy")
    candidate = world["candidate"]
    page.goto(candidate.get_absolute_url())
    panel = page.locator("#consent")
    expect(panel.get_by_text("Careers form").first).to_be_visible()  # the card loaded by htmx
    panel.locator("summary", has_text="Record consent").click()
    panel.get_by_label("How it was given").select_option(label="Told by phone")
    panel.get_by_label("Note").first.fill("Confirmed on a call")
    panel.get_by_role("button", name="Record consent").click()
    expect(panel.get_by_text("Consent recorded.")).to_be_visible()
    assert Consent.objects.filter(candidate=candidate, source="phone", note="Confirmed on a call").exists()

    panel.get_by_role("button", name="Export everything held").click()
    expect(panel.locator("progress")).to_be_visible()
    export = SubjectExport.objects.get(candidate=candidate)
    assert export.state == "queued"
    SimpleWorker([world["queue"]], connection=world["queue"].connection).work(burst=True, with_scheduler=False)
    expect(panel.get_by_role("link", name="Download the export")).to_be_visible(timeout=8000)  # the poll found it done
    assert _serious_violations(page) == []
    screenshot(page, "privacy-profile-panel")
    assert page.console_errors == []


def test_the_erasure_requests_page_and_the_candidates_own_page(page, world):
    candidate = world["candidate"]
    page.goto(f"/privacy/me/{self_service_signed(candidate.pk)}/")
    expect(page.get_by_role("heading", name="What we hold about you")).to_be_visible()
    expect(page.get_by_text("ilse-cv.txt")).to_be_visible()
    assert _serious_violations(page) == []
    page.get_by_role("button", name="Ask for my data to be erased").click()
    expect(page.get_by_text("We have your request to erase your data")).to_be_visible()
    screenshot(page, "privacy-self-service")
    assert ErasureRequest.objects.get().source == "self_service"

    page.goto("/privacy/me/not-a-real-link/")
    expect(page.get_by_role("heading", name="This link is not valid")).to_be_visible()
    screenshot(page, "privacy-self-service-invalid")

    other = factories.make_candidate(name="Joris Fictional")
    erasure_request_create(actor=world["recruiter"], candidate=other, source="recruiter")
    # Deciding on a request, either way, needs the erase permission.
    world["recruiter"].user_permissions.add(Permission.objects.get(codename="erase_candidate"))
    login(page, "rhea_privacy")
    page.goto("/privacy/erasure-requests/")
    expect(page.get_by_role("link", name="Ilse Marchetti")).to_be_visible()
    assert _serious_violations(page) == []
    row = page.locator("tr", has_text="Joris Fictional")
    row.get_by_label("Reason for declining").fill("Open legal claim")
    row.get_by_role("button", name="Decline").click()
    expect(page.get_by_text("The erasure request of Joris Fictional was declined")).to_be_visible()
    screenshot(page, "privacy-erasure-requests")
