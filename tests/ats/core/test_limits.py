"""Bodies are refused by their declared size before anything reads them, and a file over the
per-file limit is dropped while it streams in."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ats.core.limits import file_body_limit, sizes_apart
from ats.demo import fake_resumes
from candidates.resumes.models import Resume
from candidates.resumes.services.intake import oversized_outcome


@pytest.mark.django_db
def test_an_upload_larger_than_a_request_may_carry_is_refused_from_its_header(recruiter_client):
    response = recruiter_client.post(reverse("candidates:upload"), {"batch": "x"}, CONTENT_LENGTH=str(file_body_limit() + 1),
                                     HTTP_ACCEPT="application/json")
    assert response.status_code == 413
    assert "one request may carry at most 53,477,376 bytes" in response.json()["message"]


@pytest.mark.django_db
def test_an_anonymous_body_gets_the_small_limit_even_on_the_upload_url():
    response = Client().post(reverse("candidates:upload"), {}, CONTENT_LENGTH=str(1024**3))
    assert response.status_code == 413  # not read, not even to check CSRF or redirect to the login page


@pytest.mark.django_db
def test_a_large_body_to_a_form_that_takes_no_files_is_refused(recruiter_client, settings):
    url = reverse("candidates:saved_search_create")
    response = recruiter_client.post(url, {"name": "x"}, CONTENT_LENGTH=str(settings.MAX_REQUEST_BODY + 1))
    assert response.status_code == 413
    assert recruiter_client.post(url, {"name": "ok", "query_string": "q=go"}).status_code == 302


@pytest.mark.django_db
def test_one_file_over_the_limit_is_dropped_while_the_others_are_uploaded(recruiter_client, settings, redis_queue):
    settings.MAX_UPLOAD_SIZE = 64 * 1024
    good = SimpleUploadedFile("good.txt", fake_resumes.resume_txt(fake_resumes.fake_person(3)), "text/plain")
    big = SimpleUploadedFile("big.txt", b"x" * (settings.MAX_UPLOAD_SIZE + 1), "text/plain")
    response = recruiter_client.post(reverse("candidates:upload"), {"files": [big, good]}, HTTP_ACCEPT="application/json")
    messages = {r["filename"]: (r["status"], r["message"]) for r in response.json()["results"]}
    assert messages["big.txt"] == ("refused", oversized_outcome("big.txt").message)
    assert oversized_outcome("big.txt").message == "big.txt is larger than the limit of 64 KB; it was not uploaded."
    assert messages["good.txt"][0] == "queued"
    assert list(Resume.objects.values_list("original_filename", flat=True)) == ["good.txt"]


def test_sizes_read_apart_in_bytes_when_megabytes_would_read_the_same():
    assert sizes_apart(10 * 1024 * 1024 + 1, 10 * 1024 * 1024) == ("10,485,761 bytes", "10,485,760 bytes")
    assert sizes_apart(20 * 1024 * 1024, 10 * 1024 * 1024) == ("20.0 MB", "10.0 MB")
