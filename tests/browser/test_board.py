"""A recruiter creates a job, edits its stages and works its board in Chromium: drag, undo, keyboard."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jobs.applications.models import Application, StageChange
from jobs.models import Job
from tests import factories
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recruiter_creates_a_job_and_moves_cards_by_drag_undo_and_keyboard(page):
    recruiter = factories.make_recruiter("rita_browser")
    factories.make_hiring_manager("hana_browser")
    login(page, "rita_browser")

    page.goto("/jobs/")
    page.get_by_role("link", name="+ New job").click()
    page.get_by_label("Title").fill("Platform Engineer")
    page.get_by_label("Department").fill("Infrastructure")
    page.get_by_label("Status").select_option("open")
    page.get_by_label("Hana Manager").check()
    page.locator(".criterion-name").first.fill("Kubernetes")
    page.get_by_role("button", name="+ Add criterion").click()
    page.locator(".criterion-name").last.fill("Incident handling")
    screenshot(page, "board_job_form")
    page.get_by_role("button", name="Create job").click()
    # The page says the job exists before the database is asked (the click does not wait for the POST).
    expect(page.get_by_text("created with the default pipeline")).to_be_visible()
    job = Job.objects.get(title="Platform Engineer")
    assert list(job.criteria.values_list("name", flat=True)) == ["Kubernetes", "Incident handling"]
    for name in ("Applied", "Screening", "Shortlisted", "Interview", "Offer", "Hired"):
        expect(page.get_by_role("heading", name=re.compile(f"^{name}"))).to_be_visible()

    page.get_by_role("link", name="Edit stages").click()
    screenshot(page, "board_stage_editor")
    page.get_by_label("Stage name").fill("Take-home task")
    page.get_by_role("button", name="Add stage").click()
    expect(page.get_by_text("Added the stage “Take-home task”.")).to_be_visible()  # htmx swap, no reload
    assert job.stages.filter(name="Take-home task").exists()

    people = [factories.make_application(job=job, actor=recruiter, candidate=factories.make_candidate(name=name))
              for name in ("Jane Doe", "Ivo Example", "Mia Placeholder")]
    page.get_by_role("link", name="Back to the board").click()
    jane = page.locator(f"#application-{people[0].pk}")
    shortlisted = page.locator(".column", has=page.get_by_role("heading", name=re.compile("^Shortlisted")))
    screenshot(page, "board_before")

    jane.drag_to(shortlisted)
    expect(page.locator("#board-toast")).to_contain_text("Moved Jane Doe to Shortlisted.")
    expect(shortlisted.locator(f"#application-{people[0].pk}")).to_be_visible()
    application = Application.objects.get(pk=people[0].pk)
    assert application.stage.name == "Shortlisted"
    assert StageChange.objects.filter(application=application, to_stage_name="Shortlisted", changed_by=recruiter).exists()
    screenshot(page, "board_after_drag")

    page.get_by_role("button", name="Undo").click()
    expect(page.locator("#board-toast")).to_contain_text("Moved Jane Doe back to Applied.")
    application.refresh_from_db()
    assert application.stage.name == "Applied"

    # The keyboard way: Enter on the card's "Move to…" link opens the board's one move dialog,
    # focus lands on its stage list, Enter there moves, focus follows the card.
    page.get_by_role("link", name="Move Ivo Example to another stage").focus()
    page.keyboard.press("Enter")
    stage_list = page.get_by_label("Move Ivo Example to", exact=True)
    expect(page.get_by_role("dialog", name="Move Ivo Example")).to_be_visible()
    expect(stage_list).to_be_focused()
    expect(stage_list).to_have_value(str(job.stages.get(name="Screening").pk))  # the next stage
    stage_list.select_option(label="Interview")
    screenshot(page, "board_move_dialog")
    page.keyboard.press("Enter")
    expect(page.locator("#board-toast")).to_contain_text("Moved Ivo Example to Interview.")
    assert Application.objects.get(pk=people[1].pk).stage.name == "Interview"
    expect(page.locator(f"#application-{people[1].pk}")).to_be_focused()
    # Escape closes the dialog without moving and gives focus back to the link.
    mia_link = page.get_by_role("link", name="Move Mia Placeholder to another stage")
    mia_link.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(mia_link).to_be_focused()
    assert Application.objects.get(pk=people[2].pk).stage.name == "Applied"

    # A moved card sits where a reload puts it: it has just entered, so after those waiting longer.
    page.get_by_role("link", name="Move Jane Doe to another stage").click()
    page.get_by_label("Move Jane Doe to", exact=True).select_option(label="Interview")
    page.get_by_role("dialog").get_by_role("button", name="Move").click()
    expect(page.locator("#board-toast")).to_contain_text("Moved Jane Doe to Interview.")
    interview_ids = page.locator(".column", has=page.get_by_role("heading", name=re.compile("^Interview"))).locator(
        ".candidate-card").evaluate_all("cards => cards.map(card => card.id)")
    assert interview_ids == [f"application-{people[1].pk}", f"application-{people[0].pk}"]

    # Bulk reject with a reason, confirmed in the dialog, then undone from the notice.
    page.get_by_label("Select Jane Doe").check()
    page.get_by_label("Select Mia Placeholder").check()
    expect(page.locator("[data-bulk-count]")).to_have_text("2 selected")
    page.get_by_label("Reason for rejecting").fill("Needs more on-call experience")
    page.get_by_role("button", name="Reject", exact=True).click()
    expect(page.get_by_role("dialog")).to_contain_text("Reject 2 applications?")
    page.get_by_role("dialog").get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Rejected 2 candidates: Needs more on-call experience.")).to_be_visible()
    assert Application.objects.filter(job=job, outcome="rejected").count() == 2
    page.get_by_text("Rejected and withdrawn").click()
    expect(page.locator(".closed-list")).to_contain_text("Jane Doe")
    screenshot(page, "board_final")
    page.locator(".bulk-undo").get_by_role("button", name="Undo").click()
    expect(page.get_by_text("Undone: 2 candidates back on the board.")).to_be_visible()
    assert Application.objects.filter(job=job, outcome="rejected").count() == 0
    expect(page.locator(f"#application-{people[2].pk}")).to_be_visible()

    page.goto("/jobs/")
    screenshot(page, "board_job_list")
    assert page.console_errors == [], "\n".join(page.console_errors)
