"""Résumé files are reachable only through views that check who may see the candidate."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ats.demo import fake_resumes
from candidates.resumes.models import Resume
from candidates.resumes.services.intake import resume_upload
from candidates.resumes.tasks import parse_resume_task
from tests import factories

pytestmark = pytest.mark.django_db


def _parsed_resume(recruiter, *, pdf: bool = True, index: int = 50):
    person = fake_resumes.fake_person(index)
    data = fake_resumes.resume_pdf(person) if pdf else fake_resumes.resume_txt(person)
    resume = resume_upload(actor=recruiter, filename=f"Résumé {person.name}.{'pdf' if pdf else 'txt'}", data=data).resume
    parse_resume_task(resume.pk)
    resume.refresh_from_db()
    return resume


def test_download_is_an_attachment_with_safe_headers(recruiter, recruiter_client):
    resume = _parsed_resume(recruiter)
    response = recruiter_client.get(reverse("candidates:resume_download", args=[resume.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_pdf_preview_is_a_page_of_drawn_pages_framable_by_our_own_pages_only(recruiter, recruiter_client):
    resume = _parsed_resume(recruiter)
    response = recruiter_client.get(reverse("candidates:resume_preview", args=[resume.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert reverse("candidates:resume_page_image", args=[resume.pk, 1]) in response.content.decode()


def test_text_resume_preview_shows_the_text_not_the_file(recruiter, recruiter_client):
    resume = _parsed_resume(recruiter, pdf=False, index=51)
    response = recruiter_client.get(reverse("candidates:resume_preview", args=[resume.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert resume.candidate.full_name in response.content.decode()


def test_files_have_no_public_url(recruiter):
    resume = _parsed_resume(recruiter, index=52)
    anonymous = Client()
    for name in ("candidates:resume_download", "candidates:resume_preview"):
        response = anonymous.get(reverse(name, args=[resume.pk]))
        assert response.status_code == 302 and "/login/" in response.url
    assert anonymous.get("/media/" + resume.file.name).status_code in (302, 404)
    assert anonymous.get("/static/" + resume.file.name).status_code == 404


def test_a_user_who_may_not_see_the_candidate_gets_404_for_its_file(recruiter, manager_a, manager_a_client, job_a):
    resume = _parsed_resume(recruiter, index=53)
    for name in ("candidates:resume_download", "candidates:resume_preview"):
        assert manager_a_client.get(reverse(name, args=[resume.pk])).status_code == 404
    # Once the candidate is on manager A's shortlist, the file is theirs to read.
    factories.make_application(job=job_a, candidate=resume.candidate, kind="shortlist")
    assert manager_a_client.get(reverse("candidates:resume_preview", args=[resume.pk])).status_code == 200


def test_reparse_button_queues_the_resume_again(recruiter, recruiter_client, manager_a_client):
    resume = _parsed_resume(recruiter, index=54)
    url = reverse("candidates:resume_reparse", args=[resume.pk])
    assert manager_a_client.post(url).status_code == 404
    assert recruiter_client.get(url).status_code == 405
    response = recruiter_client.post(url)
    assert response.status_code == 302 and response.url == resume.candidate.get_absolute_url()
    resume.refresh_from_db()
    assert resume.status == "queued" and resume.attempts == 0
    assert resume.candidate.activities.filter(verb="resume_reparse").exists()


def test_hiring_manager_cannot_upload(manager_a_client):
    assert manager_a_client.get(reverse("candidates:upload")).status_code == 404
    assert manager_a_client.post(reverse("candidates:upload")).status_code == 404


def test_upload_page_renders_for_recruiters(recruiter_client, job_a):
    page = recruiter_client.get(reverse("candidates:upload"))
    assert page.status_code == 200
    assert job_a.title in page.content.decode()


def test_upload_without_javascript_redirects_to_the_batch_with_messages(recruiter_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = recruiter_client.post(
        reverse("candidates:upload"),
        {"files": [SimpleUploadedFile("x.txt", fake_resumes.resume_txt(fake_resumes.fake_person(55))),
                   SimpleUploadedFile("bad.pdf", b"\x89PNG\r\n\x1a\n....")]},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "x.txt is queued for parsing" in page
    assert "bad.pdf is a PNG image: not a résumé format we can read" in page
    assert "Parsing in progress" in page and 'hx-trigger="every 2s"' in page


def test_admin_action_reparses_selected_resumes(recruiter, admin_client_):
    resume = _parsed_resume(recruiter, index=56)
    response = admin_client_.post(
        reverse("admin:candidates_resume_changelist"),
        {"action": "reparse_resumes", "_selected_action": [resume.pk]},
        follow=True,
    )
    assert "1 résumé(s) queued for parsing again" in response.content.decode()
    resume.refresh_from_db()
    assert resume.status == "queued"


def test_profile_banner_polls_while_parsing_and_reloads_when_done(recruiter, recruiter_client):
    from candidates.resumes.services.intake import resume_reparse

    resume = _parsed_resume(recruiter, index=57)
    url = reverse("candidates:parsing_status", args=[resume.candidate.pk])
    resume_reparse(actor=recruiter, resume=resume)
    banner = recruiter_client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in banner.content.decode() and resume.original_filename in banner.content.decode()
    parse_resume_task(resume.pk)
    done = recruiter_client.get(url, HTTP_HX_REQUEST="true")
    assert done.status_code == 200 and done["HX-Refresh"] == "true"


def test_profile_offers_the_files_and_shows_a_reparse_in_progress(recruiter, recruiter_client, django_capture_on_commit_callbacks):
    resume = _parsed_resume(recruiter, index=53)
    profile_url = reverse("candidates:detail", args=[resume.candidate_id])
    page = recruiter_client.get(profile_url).content.decode()
    assert reverse("candidates:resume_download", args=[resume.pk]) in page
    assert reverse("candidates:resume_preview", args=[resume.pk]) in page
    assert reverse("candidates:resume_reparse", args=[resume.pk]) in page
    assert "being parsed" not in page

    with django_capture_on_commit_callbacks(execute=False):
        response = recruiter_client.post(
            reverse("candidates:resume_reparse", args=[resume.pk]), {"next": profile_url}, follow=True
        )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == profile_url
    assert "being parsed" in page and reverse("candidates:parsing_status", args=[resume.candidate_id]) in page
    assert reverse("candidates:resume_reparse", args=[resume.pk]) not in page  # already queued

    status_url = reverse("candidates:parsing_status", args=[resume.candidate_id])
    assert "being parsed" in recruiter_client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    parse_resume_task(resume.pk)
    assert recruiter_client.get(status_url, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"


def test_reparse_never_redirects_off_site(recruiter, recruiter_client):
    resume = _parsed_resume(recruiter, index=54)
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        response = recruiter_client.post(reverse("candidates:resume_reparse", args=[resume.pk]), {"next": evil})
        assert response.status_code == 302 and "evil" not in response.url
        resume.refresh_from_db()
        resume.status = "parsed"
        resume.save(update_fields=["status"])


def test_preview_of_a_pdf_whose_file_went_missing_shows_its_text_and_says_so(recruiter, recruiter_client):
    resume = _parsed_resume(recruiter, index=55)
    resume.file.storage.delete(resume.file.name)
    response = recruiter_client.get(reverse("candidates:resume_preview", args=[resume.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The original file is missing from storage" in page
    assert resume.candidate.full_name in page  # the text read from it is still there


@pytest.mark.django_db
def test_the_dashboard_cards_lead_to_the_lists_they_count(recruiter_client, recruiter):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queued = resume_upload(actor=recruiter, filename="q.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(5))).resume
    failed = resume_upload(actor=recruiter, filename="f.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(6))).resume
    Resume.objects.filter(pk=failed.pk).update(status="failed", failure_reason="Unreadable file.")
    dashboard = recruiter_client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("candidates:resume_list")}?state=failed"' in dashboard
    assert f'href="{reverse("candidates:resume_list")}?state=in_progress"' in dashboard
    assert f'href="{reverse("jobs:list")}?status=open"' in dashboard
    page = recruiter_client.get(reverse("candidates:resume_list") + "?state=failed").content.decode()
    assert "f.txt" in page and "Unreadable file." in page and "q.txt" not in page
    page = recruiter_client.get(reverse("candidates:resume_list") + "?state=in_progress").content.decode()
    assert "q.txt" in page and "f.txt" not in page and queued.pk
    with CaptureQueriesContext(connection) as few:
        recruiter_client.get(reverse("candidates:resume_list") + "?state=failed")
    for n in range(30):
        resume_upload(actor=recruiter, filename=f"{n}.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(100 + n)))
    Resume.objects.update(status="failed", failure_reason="Unreadable file.")
    with CaptureQueriesContext(connection) as many:
        recruiter_client.get(reverse("candidates:resume_list") + "?state=failed")
    assert len(many) == len(few)
