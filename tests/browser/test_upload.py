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
    # upload.js is deferred: choose files only once its handlers are attached (it says so).
    page.locator("[data-upload-form][data-ready=true]").wait_for()
    page.get_by_label("Drop résumés here").set_input_files(paths)
    expect(page.locator("[data-selection-summary]")).to_contain_text("3 files chosen")
    page.get_by_role("button", name="Upload").click()

    results = page.locator("[data-results]")
    expect(results).to_contain_text("first.pdf is queued")
    expect(results).to_contain_text("broken.pdf is a PNG image: not a résumé format")
    expect(page.locator("#batch-progress")).to_contain_text("0 of 2 finished")
    screenshot(page, "upload_queued")

    ParsingWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)
    page.get_by_text("2 of 2 finished").wait_for(timeout=10_000)
    assert set(Resume.objects.values_list("status", flat=True)) == {"parsed"}
    # The lines of the upload list follow: no file still says "queued" once its résumé is parsed.
    expect(results).to_contain_text("first.pdf was parsed")
    expect(results).to_contain_text("second.docx was parsed")
    expect(results.locator(".status-queued")).to_have_count(0)
    screenshot(page, "upload_parsed")
    page.locator("#batch-progress").get_by_role("link", name=person.name).click()
    page.wait_for_url("**/candidates/*/")
    assert page.locator("h1").first.inner_text().startswith(person.name)
    assert page.console_errors == []


def test_a_file_over_the_limit_is_refused_before_it_is_sent(page, tmp_path, settings):
    factories.make_recruiter("rita")
    big = tmp_path / "huge.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (settings.MAX_UPLOAD_SIZE - 8))  # one byte over the limit
    small = tmp_path / "small.txt"
    small.write_bytes(fake_resumes.resume_txt(fake_resumes.fake_person(72)))
    login(page, "rita")
    page.goto("/candidates/upload/")
    page.locator("[data-upload-form][data-ready=true]").wait_for()
    sent = []
    page.on("request", lambda request: sent.append(request.post_data_buffer or b"") if request.method == "POST" else None)
    page.get_by_label("Drop résumés here").set_input_files([str(big), str(small)])
    page.get_by_role("button", name="Upload").click()
    results = page.locator("[data-results]")
    expect(results).to_contain_text("huge.pdf is 10,485,761 bytes; the limit is 10,485,760 bytes. It was not sent.")
    expect(results).to_contain_text("small.txt is queued")
    assert sent and all(len(body) < 1024 * 1024 for body in sent)  # the big file never left the browser
    assert list(Resume.objects.values_list("original_filename", flat=True)) == ["small.txt"]
