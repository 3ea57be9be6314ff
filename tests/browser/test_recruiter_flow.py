"""Issue 5's whole recruiter flow in Chromium: create a job, upload a résumé into it, see the parsed
candidate, drag the card to Shortlisted, find the candidate by a skill and by a misspelled name."""
from __future__ import annotations

import re

import django_rq
import pytest
from playwright.sync_api import expect

from ats.demo import fake_resumes
from candidates.resumes.worker import ParsingWorker
from jobs.applications.models import Application
from jobs.models import Job
from tests import factories
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recruiter_creates_a_job_uploads_a_resume_and_works_the_candidate(page, tmp_path):
    factories.make_recruiter("rhea")
    queue = django_rq.get_queue("parsing")
    queue.connection.flushdb()
    person = fake_resumes.fake_person(90)
    resume = tmp_path / "application.pdf"
    resume.write_bytes(fake_resumes.resume_pdf(person, pages=2))

    login(page, "rhea")
    page.goto("/jobs/")
    page.get_by_role("link", name="+ New job").click()
    page.get_by_label("Title").fill("Reliability Engineer")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Create job").click()
    expect(page.get_by_role("heading", name=re.compile("^Shortlisted"))).to_be_visible()
    job = Job.objects.get(title="Reliability Engineer")

    page.get_by_role("link", name="Upload", exact=True).click()
    page.get_by_label("Add to job").select_option(str(job.pk))
    page.get_by_label("Drop résumés here").set_input_files(str(resume))
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("[data-results]")).to_contain_text("application.pdf is queued")
    ParsingWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)
    page.locator("#batch-progress").get_by_role("link", name=person.name).click()  # the live table links the new candidate
    expect(page.locator("h1").first).to_contain_text(person.name)
    expect(page.get_by_text(person.email).first).to_be_visible()
    screenshot(page, "flow_parsed_candidate")

    page.goto(f"/jobs/{job.pk}/")
    application = Application.objects.get(job=job)
    card = page.locator(f"#application-{application.pk}")
    expect(card).to_contain_text(person.name)
    shortlisted = page.locator(".column", has=page.get_by_role("heading", name=re.compile("^Shortlisted")))
    card.drag_to(shortlisted)
    expect(shortlisted.locator(f"#application-{application.pk}")).to_be_visible()
    application.refresh_from_db()
    assert application.stage.name == "Shortlisted"

    skill = person.skills[0]
    page.goto("/candidates/")
    page.get_by_label("Skills", exact=True).fill(skill)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".results-table")).to_contain_text(person.name)

    first, last = person.name.split()
    misspelled = f"{first} {last[:-2]}{last[-1]}"  # drop one letter of the surname
    page.get_by_label("Skills", exact=True).fill("")
    page.get_by_label("Search candidates").fill(misspelled)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".results-table")).to_contain_text(person.name)
    screenshot(page, "flow_search_misspelled")
    assert page.console_errors == [], "\n".join(page.console_errors)
