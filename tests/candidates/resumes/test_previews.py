"""A PDF résumé is shown as pages the app drew, never as the PDF: the scripts, actions, forms and
files a PDF carries never reach a recruiter's browser (issue 13.7)."""
from __future__ import annotations

import struct

import pytest
from django.urls import reverse

from candidates.resumes.models import Resume
from candidates.resumes.previews import page_path, previews_delete
from candidates.resumes.services.intake import resume_upload, resumes_delete
from candidates.resumes.tasks import parse_resume_task
from tests import factories
from tests.parsing import make_fixtures

pytestmark = pytest.mark.django_db


def _active_resume(recruiter) -> Resume:
    resume = resume_upload(actor=recruiter, filename="alertson.pdf", data=make_fixtures.active_pdf()).resume
    parse_resume_task(resume.pk)
    resume.refresh_from_db()
    assert resume.status == "parsed"
    previews_delete([resume])  # storage outlives test databases: ids and hashes may meet an old drawing
    return resume


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_a_pdf_with_scripts_is_shown_as_drawn_pages_only(recruiter, recruiter_client):
    resume = _active_resume(recruiter)
    page = recruiter_client.get(reverse("candidates:resume_preview", args=[resume.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "app.alert" not in html and "%PDF" not in html
    assert 'data-width="595.0" data-height="842.0"' in html  # the page size the boxes are drawn in
    image = recruiter_client.get(reverse("candidates:resume_page_image", args=[resume.pk, 1]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image["Cache-Control"] == "private, no-store" and image["X-Content-Type-Options"] == "nosniff"
    width, height = _png_size(b"".join(image.streaming_content))
    assert width == 1100 and abs(height - 1100 * 842 / 595) <= 1
    assert recruiter_client.get(reverse("candidates:resume_page_image", args=[resume.pk, 2])).status_code == 404
    # The download is the only way to the file itself, and it is never shown by the browser.
    download = recruiter_client.get(reverse("candidates:resume_download", args=[resume.pk]))
    assert download["Content-Disposition"].startswith("attachment;") and download["Content-Type"] == "application/octet-stream"


def test_page_images_are_only_for_those_who_may_see_the_resume(recruiter, manager_a_client, job_a, client):
    resume = _active_resume(recruiter)
    url = reverse("candidates:resume_page_image", args=[resume.pk, 1])
    assert manager_a_client.get(url).status_code == 404
    assert client.get(url).status_code == 302  # to the login page
    factories.make_application(job=job_a, candidate=resume.candidate, kind="shortlist")
    assert manager_a_client.get(url).status_code == 200


def test_a_pdf_that_cannot_be_drawn_shows_its_text_and_says_why(recruiter, recruiter_client):
    resume = _active_resume(recruiter)
    with resume.file.storage.open(resume.file.name, "wb") as damaged:
        damaged.write(b"%PDF-1.4\n this is no longer a PDF")
    page = recruiter_client.get(reverse("candidates:resume_preview", args=[resume.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "could not be drawn" in html and "Invented Alertson" in html
    assert recruiter_client.get(reverse("candidates:resume_page_image", args=[resume.pk, 1])).status_code == 404


def test_deleting_a_resume_deletes_its_drawn_pages(recruiter, recruiter_client):
    resume = _active_resume(recruiter)
    assert recruiter_client.get(reverse("candidates:resume_page_image", args=[resume.pk, 1])).status_code == 200
    storage = resume.file.storage
    assert storage.exists(page_path(resume, 1))
    resumes_delete(actor=recruiter, resume_ids=[resume.pk])
    assert not storage.exists(page_path(resume, 1))


def test_deleting_a_candidate_deletes_the_drawn_pages_of_their_resumes(recruiter, recruiter_client):
    from candidates.services import candidate_delete

    resume = _active_resume(recruiter)
    assert recruiter_client.get(reverse("candidates:resume_page_image", args=[resume.pk, 1])).status_code == 200
    candidate_delete(actor=recruiter, candidate=resume.candidate)
    assert not resume.file.storage.exists(page_path(resume, 1))


def test_a_pdf_that_could_not_be_drawn_is_not_drawn_again_on_every_look(recruiter, recruiter_client, monkeypatch):
    from candidates.resumes import previews

    resume = _active_resume(recruiter)
    with resume.file.storage.open(resume.file.name, "wb") as damaged:
        damaged.write(b"%PDF-1.4\n this is no longer a PDF")
    url = reverse("candidates:resume_preview", args=[resume.pk])
    assert "could not be drawn" in recruiter_client.get(url).content.decode()
    monkeypatch.setattr(previews, "_draw", lambda *_: pytest.fail("drawn again"))
    assert "could not be drawn" in recruiter_client.get(url).content.decode()


def test_the_renderer_gets_none_of_the_apps_secrets(recruiter, monkeypatch):
    import subprocess

    from candidates.resumes.previews import preview_get

    seen = {}
    real_run = subprocess.run

    def spy(command, **kwargs):
        seen.update(kwargs.get("env") or {"inherited": "everything"})
        return real_run(command, **kwargs)

    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.setattr(subprocess, "run", spy)
    preview_get(_active_resume(recruiter))
    assert seen and "SECRET_KEY" not in seen and "DATABASE_URL" not in seen and "inherited" not in seen
