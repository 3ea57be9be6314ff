"""A résumé uploaded through the API is parsed by the real parsing worker, and the API then shows
the parsed profile; a webhook announces it."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ats.demo import fake_resumes
from ats.webhooks.models import Event
from candidates.resumes.worker import ParsingWorker

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_uploaded_resume_is_parsed_by_a_real_worker_and_polled(recruiter, token_client, redis_queue, job_a):
    person = fake_resumes.fake_person(71)
    client = token_client(recruiter)
    upload = SimpleUploadedFile("cv.pdf", fake_resumes.resume_pdf(person), content_type="application/pdf")
    response = client.post(reverse("api:resumes"), {"file": upload, "job": job_a.pk})
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "queued" and created["profile"] is None
    ParsingWorker([redis_queue], connection=redis_queue.connection).work(burst=True, with_scheduler=False)
    polled = client.get(reverse("api:resume", args=[created["id"]])).json()
    assert polled["status"] == "parsed", polled
    assert polled["candidate"] and polled["profile"]["name"]
    assert polled["profile"]["provenance"]  # where each field was read: page, box, text, confidence
    candidate = client.get(reverse("api:candidate", args=[polled["candidate"]])).json()
    assert candidate["full_name"] == person.name
    assert {"candidate.created", "resume.parsed"} <= set(Event.objects.values_list("type", flat=True))
    again = client.post(reverse("api:resumes"), {"file": SimpleUploadedFile("same.pdf", fake_resumes.resume_pdf(person))})
    assert again.status_code == 200 and again.json()["id"] == created["id"]  # a duplicate: that résumé


def test_a_file_that_is_not_a_resume_is_422(recruiter, token_client):
    response = token_client(recruiter).post(reverse("api:resumes"), {"file": SimpleUploadedFile("x.exe", b"MZ\x90\x00binary")})
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
