"""A recruiter drops résumés on the upload page and watches them get parsed, live."""
from __future__ import annotations

import django_rq
import pytest
from playwright.sync_api import expect

from ats.demo import fake_resumes
from candidates.resumes.models import Resume
from candidates.resumes.worker import ParsingWorker
from tests import factories
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_many_files_and_watch_them_parse(page, tmp_path):
    factories.make_recruiter("rita")
    queue = django_rq.get_queue("parsing")
    queue.connection.flushdb()
    person = fake_resumes.fake_person(70)
    files = {
        "first.pdf": fake_resumes.resume_pdf(person),
        "second.docx": fake_resumes.resume_docx(fake_resumes.fake_person(71)),
        "broken.pdf": b"\x89PNG\r\n\x1a\nnot really a pdf",
    }
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))

    login(page, "rita")
    page.get_by_role("link", name="Upload", exact=True).click()
    page.get_by_label("Drop résumés here").set_input_files(paths)
    expect(page.locator("[data-selection-summary]")).to_contain_text("3 files chosen")
    page.get_by_role("button", name="Upload").click()

    results = page.locator("[data-results]")
    expect(results).to_contain_text("first.pdf is queued")
    expect(results).to_contain_text("broken.pdf is not a résumé format")
    expect(page.locator("#batch-progress")).to_contain_text("0 of 2 finished")
    screenshot(page, "upload_queued")

    ParsingWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)
    page.get_by_text("2 of 2 finished").wait_for(timeout=10_000)
    assert set(Resume.objects.values_list("status", flat=True)) == {"parsed"}
    screenshot(page, "upload_parsed")
    page.get_by_role("link", name=person.name).click()
    page.wait_for_url("**/candidates/*/")
    assert page.locator("h1").first.inner_text().startswith(person.name)
    assert page.console_errors == []
