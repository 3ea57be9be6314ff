"""A recruiter with the erase permission sets a retention date, then erases a candidate through the
confirmation page (a wrong word first), and sees what is left: the date and the stage history."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import expect

from jobs.applications.services import application_move
from tests import factories
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_recruiter_erases_a_candidate_after_confirming(page):
    recruiter = factories.make_recruiter("rita")
    recruiter.user_permissions.add(Permission.objects.get(content_type__app_label="candidates", codename="erase_candidate"))
    job = factories.make_job(actor=recruiter, title="Platform Engineer")
    person = factories.make_candidate(actor=recruiter, name="Ottoline Vasquez-Brandt", emails=["ottoline.vb@example.org"],
                                      headline="Site reliability engineer")
    application = factories.make_application(job=job, candidate=person, actor=recruiter)
    application_move(actor=recruiter, application=application, to_stage=job.stages.order_by("position")[1])
    login(page, "rita")
    page.goto(person.get_absolute_url())
    later = timezone.localdate() + timedelta(days=90)
    page.get_by_label("Keep the data until").fill(later.isoformat())
    page.get_by_role("button", name="Set date").click()
    expect(page.locator(".messages")).to_contain_text(f"Kept until {later:%-d %B %Y}.")
    screenshot(page, "erasure_profile_privacy")

    page.get_by_role("link", name="Erase personal data…").click()
    expect(page.get_by_role("heading", name="Erase personal data")).to_be_visible()
    page.get_by_label("Why").fill("She asked by e-mail on 1 December")
    page.get_by_label("Type ERASE").fill("erase")
    page.get_by_role("button", name="Erase personal data").click()
    expect(page.locator("[role=alert]")).to_contain_text("Type ERASE in capitals")
    expect(page.get_by_label("Why")).to_have_value("She asked by e-mail on 1 December")  # nothing typed is lost
    screenshot(page, "erasure_confirm")
    page.get_by_label("Type ERASE").fill("ERASE")
    page.get_by_role("button", name="Erase personal data").click()
    expect(page.locator("h1")).to_have_text(f"Erased candidate #{person.pk}")
    expect(page.locator(".lead")).to_have_text(f"Personal data erased on {timezone.localdate():%-d %B %Y}.")
    expect(page.locator("table")).to_contain_text(job.stages.order_by("position")[1].name)
    expect(page.locator("body")).not_to_contain_text("Ottoline")
    screenshot(page, "erasure_erased_profile")
    # The refused confirmation answers 400 (as every refused form here), which Chromium logs; nothing else.
    assert [e for e in page.console_errors if "status of 400" not in e] == []
    assert len(page.console_errors) <= 1
