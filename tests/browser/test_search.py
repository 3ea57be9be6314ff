"""A recruiter searches the pool, corrects a profile in place, merges two duplicates and undoes it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from candidates.models import Candidate, Experience
from candidates.resumes.models import Resume
from candidates.search.services import candidate_reindex
from tests import factories
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_edit_merge_and_undo(page):
    recruiter = factories.make_recruiter("rosa")
    job = factories.make_job(actor=recruiter, title="Platform Engineer")
    ada = factories.make_candidate(actor=recruiter, name="Oskar Thistlewood", emails=["oskar@example.com"],
                                   skills=["Kubernetes", "Go"], headline="SRE at Lumen Grid", location="Berlin")
    twin = factories.make_candidate(actor=recruiter, name="Oskar Thistlewood", emails=["oskar@example.com"],
                                    skills=["Terraform"], headline="Site reliability engineer", location="Berlin")
    Experience.objects.create(candidate=ada, company="Lumen Grid", title="SRE")
    Resume.objects.create(
        candidate=ada, original_filename="oskar.txt", size=80, content_type="text/plain", sha256="c" * 64,
        status="parsed", text="Oskar Thistlewood\nSRE at Lumen Grid\nBerlin · oskar@example.com\nSkills: Kubernetes, Go",
        parsed={"provenance": {
            "name": {"page": 1, "bbox": None, "text": "Oskar Thistlewood", "confidence": 0.95},
            "headline": {"page": 1, "bbox": None, "text": "SRE at Lumen Grid", "confidence": 0.45},
            "location": {"page": 1, "bbox": None, "text": "Berlin", "confidence": 0.8},
        }},
    )
    others = [factories.make_candidate(actor=recruiter, name=n, skills=["Python"], headline="Data analyst")
              for n in ("Yara Silverton", "Emeka Larkspur", "王子涵")]
    factories.make_application(job=job, candidate=ada, actor=recruiter)
    candidate_reindex([c.pk for c in [ada, twin, *others]])

    login(page, "rosa")
    page.goto("/candidates/")
    page.get_by_label("Skills", exact=True).fill("kubernetes")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.locator(".results-table tbody tr")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Oskar Thistlewood")

    page.get_by_label("Skills", exact=True).fill("")
    page.get_by_label("Search candidates").fill("Oscar Thistlewod")  # misspelled
    page.get_by_role("button", name="Search", exact=True).click()
    expect(results).to_have_count(2)
    screenshot(page, "search_results")

    page.goto(f"/candidates/{ada.pk}/")
    # Selecting a parsed field shows where it came from; the unsure one is marked.
    expect(page.locator(".check-badge")).to_have_count(1)
    page.locator("[data-prov=location]").click()
    expect(page.locator("#resume-text mark")).to_have_text("Berlin")
    expect(page.locator("#provenance-panel")).to_contain_text("80% confidence")
    page.locator("#section-basics").get_by_role("button", name="Edit").click()
    page.get_by_label("Headline").fill("Staff SRE")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#section-basics")).to_contain_text("Staff SRE")
    expect(page.locator("#section-basics")).to_contain_text("Corrected by hand")
    expect(page.locator(".check-badge")).to_have_count(0)  # corrected: no longer "check"
    screenshot(page, "profile")
    edited = Candidate.objects.get(pk=page.url.rstrip("/").rsplit("/", 1)[1])
    assert "headline" in edited.corrected_fields

    page.get_by_role("link", name="Merge into this one…").click()
    expect(page.get_by_role("heading", name="Merge two candidate records")).to_be_visible()
    screenshot(page, "merge_preview")
    page.get_by_role("button", name="Merge").click()
    expect(page.locator(".messages")).to_contain_text("this record now holds both")
    assert Candidate.objects.filter(merged_into=edited).count() == 1
    page.get_by_role("button", name="Undo merge").click()
    expect(page.locator(".messages")).to_contain_text("Merge undone")
    assert not Candidate.objects.filter(merged_into__isnull=False).exists()
    # Bulk tag from the results, with a preview, then undo.
    page.goto("/candidates/?q=thistlewood")
    page.get_by_label("Select all on this page").check()
    page.locator("#bulk-tag").fill("sre")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#bulk-confirm")).to_contain_text("2 candidates will be tagged “sre”")
    screenshot(page, "bulk_confirm")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".messages")).to_contain_text("2 candidates were tagged")
    assert Candidate.objects.filter(tags__name="sre").count() == 2
    page.get_by_role("button", name=re.compile("^Undo")).click()
    expect(page.locator(".messages")).to_contain_text("Undone")
    assert not Candidate.objects.filter(tags__name="sre").exists()
    page.set_viewport_size({"width": 820, "height": 1100})  # tablet
    page.goto("/candidates/?q=thistlewood")
    screenshot(page, "search_results_tablet")
    assert page.console_errors == []
