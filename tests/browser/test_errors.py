"""An htmx form that is refused, breaks on the server or cannot reach it says so where the user is
looking, the same way everywhere (static/js/app.js)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stages_page(page):
    recruiter = factories.make_recruiter("rita")
    job = factories.make_job(actor=recruiter, title="Backend Engineer")
    login(page, "rita")
    page.goto(f"/jobs/{job.pk}/stages/")
    return page, job


def test_a_refused_new_stage_and_rename_say_why_beside_the_form(stages_page):
    page, job = stages_page
    page.get_by_label("Stage name", exact=True).fill("Screening")
    page.get_by_role("button", name="Add stage").click()
    expect(page.locator(".add-stage [role=alert]")).to_contain_text("This job already has a stage called “Screening”")
    expect(page.get_by_label("Stage name", exact=True)).to_have_value("Screening")  # what was typed is kept

    offer = page.get_by_label("Name of stage 5")
    offer.fill("Interview")
    offer.locator("xpath=..").get_by_role("button", name="Rename").click()
    row = page.locator("tr", has=page.get_by_label("Name of stage 5"))
    expect(row.get_by_role("alert")).to_contain_text("already has a stage called “Interview”")
    expect(page.get_by_label("Name of stage 5")).to_have_value("Offer")  # not left as if it had worked
    screenshot(page, "stage_rename_refused")
    assert job.stages.filter(name="Offer").exists()


def test_a_server_error_or_no_connection_is_said_too(stages_page):
    page, job = stages_page
    rename = f"**/jobs/{job.pk}/stages/*/rename/"
    page.route(rename, lambda route: route.fulfill(status=500, body="<h1>Server Error</h1>", content_type="text/html"))
    page.get_by_label("Name of stage 1").fill("New")
    page.get_by_label("Name of stage 1").locator("xpath=..").get_by_role("button", name="Rename").click()
    expect(page.get_by_role("alert")).to_contain_text("The server had a problem (500), so this was not saved")
    page.unroute(rename)
    page.route(rename, lambda route: route.abort())
    page.get_by_label("Name of stage 1").locator("xpath=..").get_by_role("button", name="Rename").click()
    expect(page.get_by_role("alert")).to_contain_text("The server could not be reached")
    page.unroute(rename)
    page.get_by_label("Name of stage 1").locator("xpath=..").get_by_role("button", name="Rename").click()
    expect(page.get_by_label("Name of stage 1")).to_have_value("New")
    expect(page.locator("[data-request-error]")).to_have_count(0)
