"""The reports page in a real browser: charts drawn, tables beside them, fits a phone, no serious
accessibility violations."""
from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Job
from tests.browser.conftest import login, screenshot
from tests.browser.test_careers import _serious_violations
from tests.jobs.reports.conftest import DAY, _add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _story() -> None:
    call_command("seed_demo", candidates=40, jobs=4, applications=80, verbosity=0)
    t0 = timezone.now() - 30 * DAY
    for n, job in enumerate(Job.objects.order_by("pk")[:3]):
        for k in range(4):
            _add(job, source=["careers", "upload", "", "careers"][k],
                 moves=[("applied", t0 + k * DAY), ("screening", t0 + (k + 2) * DAY), ("interview", t0 + (k + 5 + n) * DAY),
                        ("hired", t0 + (k + 9 + 2 * n) * DAY)], outcome=("hired", t0 + (k + 9 + 2 * n) * DAY, ""))


def test_reports_page_draws_charts_beside_tables(page):
    _story()
    login(page, "recruiter", "demo-recruiter")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    assert page.get_by_role("heading", name="Reports", exact=True).is_visible()
    funnel = page.get_by_role("img", name="Funnel (chart)")
    assert funnel.is_visible() and funnel.bounding_box()["width"] > 300
    assert page.get_by_role("table", name="Funnel").is_visible() or page.locator("#report-funnel table").is_visible()
    screenshot(page, "reports")
    assert _serious_violations(page) == []
    assert page.console_errors == []


def test_reports_page_fits_a_phone(page):
    _story()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "recruiter", "demo-recruiter")
    page.goto("/reports/")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    screenshot(page, "reports_phone")
