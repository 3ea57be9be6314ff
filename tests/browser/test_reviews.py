"""A hiring manager reviews two candidates with the keyboard only; the recruiter sees the result."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from candidates.resumes.models import Resume
from candidates.services import note_add
from jobs.reviews.models import Review, ReviewRequest
from tests import factories
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESUME = """{name}
Lisbon, Portugal · {email} · +351 912 345 678 · https://github.com/{handle}

Summary
Backend engineer who likes boring, reliable systems.

Experience
Senior Engineer, Cobalt Ledger, 2020 - 2025
- Split a monolith's payment flows into three services; p99 latency down 40%.
- Led on-call for the ledger team (6 engineers).
Engineer, Driftwood Labs, 2016 - 2020
- Built the event pipeline on Kafka and PostgreSQL.

Education
B.Sc. Computer Science, Westbrook University, 2012 - 2016
"""


def _candidate(job, recruiter, *, name: str, handle: str, days_ago: int):
    email = f"{handle}@example.com"
    candidate = factories.make_candidate(
        actor=recruiter, name=name, emails=[email], phones=["+351912345678"], location="Lisbon, Portugal",
        headline="Senior backend engineer", skills=["Python", "Kafka", "PostgreSQL"],
        summary="Backend engineer who likes boring, reliable systems.",
    )
    Resume.objects.create(
        candidate=candidate, file=f"xx/{handle}.txt", original_filename=f"{handle}.txt", size=100,
        content_type="text/plain", sha256=f"{abs(hash(handle)):064x}"[:64], status=Resume.Status.PARSED, parsed={},
        text=RESUME.format(name=name, email=email, handle=handle),
    )
    application = factories.make_application(job=job, candidate=candidate, actor=recruiter, kind="shortlist")
    application.stage_entered_at = timezone.now() - timedelta(days=days_ago)
    application.save(update_fields=["stage_entered_at"])
    return application


def test_hiring_manager_reviews_two_candidates_with_the_keyboard_and_the_recruiter_sees_it(page):
    recruiter = factories.make_recruiter("rory")
    manager = factories.make_hiring_manager("hana")
    job = factories.make_job(actor=recruiter, title="Backend Engineer", hiring_managers=[manager],
                             criteria=["Distributed systems", "Code quality", "Communication"])
    first = _candidate(job, recruiter, name="Avery Calloway", handle="avery", days_ago=4)
    second = _candidate(job, recruiter, name="Jordan Everhart", handle="jordan", days_ago=2)
    note_add(actor=recruiter, candidate=first.candidate, application=first, visible_to_hiring_managers=True,
             body="Great phone screen; probe on-call experience.")
    now = timezone.now()
    ReviewRequest.objects.create(application=first, reviewer=manager, requested_by=recruiter,
                                 requested_at=now - timedelta(days=3), due_at=now - timedelta(days=1))
    ReviewRequest.objects.create(application=second, reviewer=manager, requested_by=recruiter,
                                 requested_at=now - timedelta(days=1), due_at=now + timedelta(days=2))
    blind_job = factories.make_job(actor=recruiter, title="Data Engineer", hiring_managers=[manager],
                                   criteria=["SQL", "Modelling"], anonymised_review=True)
    blind = _candidate(blind_job, recruiter, name="Riley Fairbanks", handle="riley", days_ago=1)
    ReviewRequest.objects.create(application=blind, reviewer=manager, requested_by=recruiter,
                                 requested_at=now - timedelta(days=4), due_at=now - timedelta(days=2))

    login(page, "hana")
    assert page.get_by_role("heading", name="Review inbox").is_visible()
    assert page.get_by_text("3 candidates waiting for your review").is_visible()
    inbox = page.content()
    assert "Riley Fairbanks" not in inbox and f"Candidate #{blind.pk}" in inbox
    screenshot(page, "reviews_inbox")

    # Keyboard only from here: open the first shortlist, rate, recommend, submit.
    page.get_by_role("link", name="Start reviewing").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/reviews/{first.pk}/")
    assert page.get_by_text("Great phone screen").is_visible()
    page.keyboard.press("?")
    assert page.get_by_role("heading", name="Keyboard shortcuts").is_visible()
    screenshot(page, "reviews_review_page_help")
    page.keyboard.press("Escape")
    for key in ("4", "3", "3"):
        page.keyboard.press(key)
    page.keyboard.press("Shift+Digit4")
    assert page.get_by_label("Strong yes").is_checked()
    screenshot(page, "reviews_review_page")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"**/reviews/{second.pk}/")
    assert page.get_by_text("Review of Avery Calloway saved").is_visible()

    # k goes back to the one just reviewed (prefilled), j returns.
    page.keyboard.press("k")
    page.wait_for_url(f"**/reviews/{first.pk}/")
    assert page.get_by_role("heading", name="Edit your review").is_visible()
    page.keyboard.press("j")
    page.wait_for_url(f"**/reviews/{second.pk}/")
    for key in ("2", "1", "2"):
        page.keyboard.press(key)
    page.keyboard.press("Shift+Digit1")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"**/reviews/{blind.pk}/")

    # The anonymised job's candidate: no name, contacts or location anywhere, résumé redacted.
    html = page.content()
    for secret in ("Riley", "Fairbanks", "riley@example.com", "github.com/riley", "Lisbon", "912 345"):
        assert secret not in html
    assert page.get_by_text("Built the event pipeline on Kafka").is_visible()
    screenshot(page, "reviews_review_page_anonymised")
    page.set_viewport_size({"width": 820, "height": 1180})  # tablet: résumé and profile stack, scorecard beside
    screenshot(page, "reviews_review_page_tablet")
    page.set_viewport_size({"width": 1360, "height": 900})

    reviews = {r.application_id: r for r in Review.objects.prefetch_related("ratings")}
    assert reviews[first.pk].recommendation == "strong_yes"
    assert sorted(r.score for r in reviews[first.pk].ratings.all()) == [3, 3, 4]
    assert reviews[second.pk].recommendation == "strong_no"
    assert page.console_errors == []

    page.get_by_role("button", name="Log out").click()
    login(page, "rory")
    page.goto(f"/jobs/{job.pk}/")
    card = page.locator(f"#application-{first.pk}")
    assert "Strong yes" in card.inner_text()
    assert "Strong no" in page.locator(f"#application-{second.pk}").inner_text()
    page.goto(first.candidate.get_absolute_url())
    assert page.get_by_text("Strong yes").first.is_visible()
    page.goto("/reviews/requests/")
    assert page.get_by_role("heading", name="Reviews", exact=True).is_visible()
    outstanding = page.get_by_role("region", name="Outstanding").inner_text()
    assert "Riley Fairbanks" in outstanding and "Overdue" in outstanding
    screenshot(page, "reviews_requests")
    assert page.console_errors == []
