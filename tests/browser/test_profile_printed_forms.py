"""The profile shows what the résumé printed beside what the parser made of it (issue 12): a
bilingual name's other form under the name, a renamed skill's printed form on its tag."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from candidates.resumes.services.intake import resume_upload
from candidates.resumes.tasks import parse_resume_task
from tests import factories
from tests.browser.conftest import login, screenshot
from tests.candidates.search.test_parsed_forms import RESUME

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_recruiter_sees_the_other_form_of_the_name_and_the_printed_skill(page):
    recruiter = factories.make_recruiter("rhea")
    resume = resume_upload(actor=recruiter, filename="wei.txt", data=RESUME.encode()).resume
    parse_resume_task(resume.pk)
    resume.refresh_from_db()

    login(page, "rhea")
    page.goto(f"/candidates/{resume.candidate_id}/")
    expect(page.locator(".name-alternates")).to_have_text("Also written 张伟")
    expect(page.locator("#section-skills .tag", has_text="PostgreSQL")).to_contain_text("printed “Postgres”")
    screenshot(page, "profile_printed_forms")
