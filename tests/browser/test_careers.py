"""An applicant on a phone finds a job on the careers site and applies; the parse worker runs; the
recruiter sees them on the board with the source and the "New" marker."""
from __future__ import annotations

import django_rq
import pytest
from playwright.sync_api import expect

from ats.demo import fake_resumes
from candidates.models import Candidate
from candidates.resumes.models import Resume
from candidates.resumes.worker import ParsingWorker
from jobs.careers.models import ApplicationQuestion
from tests import factories
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser, live_server, settings):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    context = browser.new_context(base_url=live_server.url, **PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_applicant_applies_from_a_phone_and_lands_on_the_board(phone, page, tmp_path):
    recruiter = factories.make_recruiter("rita")
    job = factories.make_job(actor=recruiter, title="Field Technician", department="Operations", location="Porto",
                             published=True, description="Keep the fictional turbines turning.")
    ApplicationQuestion.objects.create(job=job, label="Do you have a driving licence?", kind="yes_no", required=True)
    queue = django_rq.get_queue("parsing")
    queue.connection.flushdb()
    person = fake_resumes.fake_person(81)
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(fake_resumes.resume_pdf(person))

    phone.goto("/careers/")
    assert _fits_the_screen(phone)
    phone.get_by_label("Department").select_option("Operations")
    phone.get_by_role("button", name="Show positions").click()
    phone.get_by_role("link", name="Field Technician").click()
    expect(phone.locator("h1")).to_have_text("Field Technician")
    assert _fits_the_screen(phone)
    phone.get_by_role("link", name="Apply for this position").click()

    phone.get_by_label("Full name").fill(person.name)
    phone.get_by_label("E-mail").fill("applicant.eighty-one@example.com")
    phone.get_by_label("Phone").fill("+351 912 345 678")
    phone.get_by_label("Résumé").set_input_files(str(resume))
    phone.get_by_role("radio", name="Yes").check()
    phone.get_by_label("I have read the privacy notice").check()
    expect(phone.locator("#privacy-notice")).to_contain_text("days")
    assert _fits_the_screen(phone)
    screenshot(phone, "careers_apply_phone")
    phone.get_by_role("button", name="Send application").click()
    expect(phone.locator("h1")).to_have_text("Thank you for applying")
    assert phone.console_errors == []

    ParsingWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)
    candidate = Candidate.objects.get(emails__contains=["applicant.eighty-one@example.com"])
    assert Resume.objects.get(candidate=candidate).status == "parsed"
    assert candidate.source == "careers"

    login(page, "rita")
    page.goto(f"/jobs/{job.pk}/")
    card = page.locator(".candidate-card", has_text=person.name)
    expect(card).to_contain_text("New")
    expect(card).to_contain_text("Applied via the careers page")
    screenshot(page, "careers_board_new")
    card.get_by_role("link", name=person.name, exact=True).click()
    page.wait_for_url("**/candidates/*/")
    page.goto(f"/jobs/{job.pk}/")
    expect(page.locator(".candidate-card", has_text=person.name).locator("[data-new]")).to_have_count(0)


SERIOUS = """() => axe.run(document, {resultTypes: ["violations"]}).then(result => result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(" ")).join(", ")})`))"""


def _serious_violations(page) -> list[str]:
    # The vendored axe-core (static/vendor/axe-core), loaded from this site: the strict CSP allows it.
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    return page.evaluate(SERIOUS)


def test_the_careers_list_and_apply_form_have_no_serious_accessibility_violations(phone):
    job = factories.make_job(title="Field Technician", department="Operations", location="Porto", published=True,
                             description="Keep the fictional turbines turning.")
    ApplicationQuestion.objects.create(job=job, label="Notice period", kind="choice", choices="None\n1 month")
    ApplicationQuestion.objects.create(job=job, label="Why this role?", kind="long_text")
    for url in ("/careers/", f"/careers/{job.pk}/", f"/careers/{job.pk}/apply/"):
        phone.goto(url)
        assert _serious_violations(phone) == [], url
    # The form sent back with errors is checked too.
    phone.get_by_role("button", name="Send application").click()
    expect(phone.locator(".form-error").first).to_be_visible()
    assert _serious_violations(phone) == []


def test_a_recruiter_adds_a_single_choice_question_that_the_apply_form_then_asks(page):
    recruiter = factories.make_recruiter("rosa")
    job = factories.make_job(actor=recruiter, title="Turbine Inspector", published=True, description="Climb.")
    login(page, "rosa")
    page.goto(job.get_absolute_url())
    page.get_by_role("link", name="Apply-form questions").click()
    expect(page.get_by_role("heading", name="Apply-form questions")).to_be_visible()
    add = page.locator("section", has=page.get_by_role("heading", name="Add a question"))
    add.get_by_label("Question").fill("Which shift suits you?")
    add.get_by_label("Kind").select_option("choice")
    add.get_by_label("Options").fill("Early")  # one option only: refused, what was typed stays
    add.get_by_role("button", name="Add question").click()
    expect(page.locator(".form-error")).to_contain_text("at least two options")
    expect(add.get_by_label("Question")).to_have_value("Which shift suits you?")
    add.get_by_label("Options").fill("Early\nLate")
    add.get_by_label("Answer required").check()
    add.get_by_role("button", name="Add question").click()
    expect(page.get_by_role("heading", name="Which shift suits you? (required)")).to_be_visible()
    screenshot(page, "job_questions")
    page.goto(f"/careers/{job.pk}/apply/")
    expect(page.get_by_text("Which shift suits you?")).to_be_visible()
    expect(page.get_by_label("Late")).to_be_visible()
