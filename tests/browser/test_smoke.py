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


def test_pages_fit_a_phone_screen(page):
    call_command("seed_demo", candidates=20, jobs=4, applications=30, verbosity=0)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "recruiter", "demo-recruiter")
    page.goto("/candidates/")
    profile_url = page.locator("table a.strong").first.get_attribute("href")
    from jobs.models import Job

    job = Job.objects.filter(applications__isnull=False).distinct().first()
    board, stages = job.get_absolute_url(), f"/jobs/{job.pk}/stages/"
    for url in ["/", "/jobs/", "/candidates/", profile_url, "/candidates/upload/", "/reviews/requests/", board, stages]:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} is {overflow}px wider than a phone screen"
        if url == stages:
            widths = page.eval_on_selector_all(".rename-form input[type=text]", "els => els.map(e => e.getBoundingClientRect().width)")
            assert widths and min(widths) >= 120, f"stage name inputs shrink to {min(widths)}px"
            screenshot(page, "phone_stages")
        if url == board:
            screenshot(page, "phone_board")
    screenshot(page, "phone_upload")
    assert page.console_errors == []
