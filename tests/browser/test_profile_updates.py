"""A recruiter sees what a newer résumé changed on a profile and restores a section."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from candidates.models import Candidate
from tests import factories
from tests.browser.conftest import login, screenshot
from tests.candidates.resumes.test_profile_updates import RICH, SHORT, _store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_changes_of_a_newer_resume_are_shown_and_one_is_restored(page, redis_queue):
    recruiter = factories.make_recruiter("rita")
    first = _store(recruiter, RICH, "ada.pdf")
    _store(recruiter, SHORT, "ada-short.docx")
    ada = Candidate.objects.get(pk=first.candidate_id)
    login(page, "rita")
    page.goto(ada.get_absolute_url())
    changes = page.locator("#profile-updates")
    expect(changes).to_contain_text("ada-short.docx")
    expect(changes).to_contain_text("Staff engineer, payments")
    screenshot(page, "profile_updates")
    changes.locator(".update-row", has_text="Headline").get_by_role("button", name="Restore previous").click()
    expect(page.locator(".messages")).to_contain_text("Headline: restored as it was.")
    expect(page.locator("#section-basics")).to_contain_text("Staff engineer, payments")
    assert page.console_errors == []
