"""A recruiter logs in and walks through the first pages in a real browser."""
from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recruiter_logs_in_and_opens_a_job_and_a_candidate(page):
    call_command("seed_demo", candidates=30, jobs=4, applications=60, verbosity=0)
    login(page, "recruiter", "demo-recruiter")
    assert page.get_by_role("heading", name="Open jobs").is_visible()
    screenshot(page, "dashboard")
    page.get_by_role("link", name="Jobs", exact=True).click()
    page.get_by_role("link", name="Senior Backend Engineer").click()
    assert page.get_by_role("heading", name="Applied").is_visible()
    screenshot(page, "job_detail")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Candidates").click()
    page.locator("table a.strong").first.click()
    assert page.get_by_role("heading", name="Experience").is_visible()
    screenshot(page, "candidate_detail")
    assert page.console_errors == []
