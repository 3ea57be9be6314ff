"""A PDF that carries JavaScript shows no dialog anywhere in the app, and a selected field is boxed
where it was read on the drawn page (issue 13.7)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from candidates.resumes.services.intake import resume_upload
from candidates.resumes.tasks import parse_resume_task
from tests import factories
from tests.browser.conftest import login, screenshot
from tests.parsing import make_fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("cropped", [False, True], ids=["plain", "cropbox"])
def test_a_pdf_with_scripts_runs_none_and_a_field_is_boxed_on_its_page(page, redis_queue, cropped):
    recruiter = factories.make_recruiter("rhea")
    data = make_fixtures.active_pdf(cropped=cropped)
    resume = resume_upload(actor=recruiter, filename="alertson.pdf", data=data).resume
    parse_resume_task(resume.pk)
    resume.refresh_from_db()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    login(page, "rhea")
    page.goto(resume.candidate.get_absolute_url())
    frame = page.frame_locator("#resume-frame")
    expect(frame.get_by_role("img", name="Page 1 of 1 of the résumé")).to_be_visible()
    page.locator("[data-prov=full_name]").click()
    box = frame.locator("#page-1 .prov-box")
    expect(box).to_have_count(1)
    # The box sits over the name: top-left of the page, about as wide as the name at 20 pt.
    image = frame.locator("#page-1 img").bounding_box()
    drawn = box.bounding_box()
    assert drawn["x"] - image["x"] < image["width"] * 0.12 and drawn["y"] - image["y"] < image["height"] * 0.1
    assert image["width"] * 0.2 < drawn["width"] < image["width"] * 0.35
    screenshot(page, "resume_preview_box")
    page.locator("[data-prov='experience.0.title']").click()
    expect(box).to_have_count(1)  # one box at a time: the title's
    assert box.bounding_box()["y"] > drawn["y"] + drawn["height"]

    page.goto(f"/candidates/resumes/{resume.pk}/preview/")  # its own tab, as the résumé list opens it
    expect(page.get_by_role("img", name="Page 1 of 1 of the résumé")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the page fits the width
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "resume_preview_tab_phone")
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.console_errors == []
