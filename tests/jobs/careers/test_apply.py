"""The apply form end to end: careers_apply through the view, the parse worker, the confirmation
e-mail task; matching, re-applying, the honeypot, rate limits, refused uploads and body limits."""
from __future__ import annotations

import django_rq
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rq import SimpleWorker

from ats.core.models import Activity
from ats.demo import fake_resumes
from candidates.models import Candidate
from candidates.resumes.models import Resume
from candidates.resumes.worker import ParsingWorker
from jobs.applications.models import Application
from jobs.applications.services import applications_mark_seen
from jobs.careers import tasks
from jobs.careers.models import ApplicationAnswer, Consent
from jobs.careers.services import Applicant, ApplyRefused, careers_apply, careers_rate_allows, question_delete, question_save
from tests import factories


def _form(job, **overrides):
    person = fake_resumes.fake_person(7)
    questions = list(job.questions.order_by("position"))
    data = {
        "full_name": "Marisol Quenneville", "email": "marisol.q@example.com", "phone": "+1 415 555 0134",
        "cover_letter": "I would love to build this.", "links": "https://example.com/marisol",
        "consent": "on", "website": "",
        f"question_{questions[0].pk}": "Yes", f"question_{questions[1].pk}": "1 month",
        "resume": SimpleUploadedFile("marisol.pdf", fake_resumes.resume_pdf(person)),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _apply(client, job, **overrides):
    return client.post(reverse("careers:apply", args=[job.pk]), _form(job, **overrides))


@pytest.mark.django_db(transaction=True)
def test_applying_creates_candidate_resume_and_application_and_the_worker_parses_into_it(client, published_job, redis_queue):
    response = _apply(client, published_job)
    assert response.status_code == 302 and response["Location"] == reverse("careers:applied", args=[published_job.pk])

    candidate = Candidate.objects.get(emails__contains=["marisol.q@example.com"])
    assert candidate.source == "careers" and candidate.full_name == "Marisol Quenneville"
    application = Application.objects.get(candidate=candidate, job=published_job)
    assert application.stage == published_job.stages.order_by("position").first()
    assert application.source == "Careers page" and application.is_new
    assert dict(ApplicationAnswer.objects.filter(application=application).values_list("label", "value")) == {
        "Do you hold a work permit?": "Yes", "Notice period": "1 month",
    }
    consent = Consent.objects.get(candidate=candidate)
    assert consent.application == application and consent.notice_version and consent.retention_days > 0
    verbs = set(Activity.objects.filter(candidate=candidate).values_list("verb", flat=True))
    assert {"candidate_created", "resume_uploaded", "application_created"} <= verbs
    resume = Resume.objects.get(candidate=candidate)
    assert resume.status == "queued"

    ParsingWorker([redis_queue], connection=redis_queue.connection).work(burst=True, with_scheduler=False)
    resume.refresh_from_db()
    candidate.refresh_from_db()
    assert resume.status == "parsed", resume.failure_reason
    assert resume.candidate_id == candidate.pk
    person = fake_resumes.fake_person(7)
    # The name the person typed stays; the résumé's e-mail joins the one they typed.
    assert candidate.full_name == "Marisol Quenneville"
    assert candidate.emails[0] == "marisol.q@example.com" and person.email in candidate.emails
    assert candidate.experience.exists()
    assert Candidate.objects.count() == 1 and Application.objects.count() == 1

    SimpleWorker([django_rq.get_queue("notifications")], connection=redis_queue.connection).work(burst=True)
    assert [m.to for m in mail.outbox] == [["marisol.q@example.com"]]
    assert published_job.title in mail.outbox[0].subject


@pytest.mark.django_db
def test_an_existing_candidate_is_matched_by_email_and_only_blanks_are_filled(client, published_job, recruiter):
    known = factories.make_candidate(actor=recruiter, name="Marisol Quenneville", emails=["marisol.q@example.com"],
                                     headline="Staff engineer at Fictional Corp", location="Lisbon")
    response = _apply(client, published_job, full_name="marisol quenneville", email="Marisol.Q@Example.com")
    assert response.status_code == 302
    known.refresh_from_db()
    assert Candidate.objects.count() == 1
    assert known.full_name == "Marisol Quenneville" and known.headline == "Staff engineer at Fictional Corp"
    assert known.source != "careers"
    assert known.phones == ["+14155550134"]  # a blank, filled
    assert "https://example.com/marisol" in known.links
    assert Application.objects.get(candidate=known, job=published_job).source == "Careers page"


@pytest.mark.django_db
def test_same_email_with_another_name_is_a_new_candidate_flagged_as_possible_duplicate(client, published_job):
    known = factories.make_candidate(name="Odalys Brackenridge", emails=["marisol.q@example.com"])
    assert _apply(client, published_job).status_code == 302
    new = Candidate.objects.exclude(pk=known.pk).get()
    assert new.duplicate_flags.filter(other=known).exists()


@pytest.mark.django_db
def test_applying_twice_updates_the_one_application(client, published_job, recruiter):
    assert _apply(client, published_job).status_code == 302
    application = Application.objects.get()
    Application.objects.filter(pk=application.pk).update(is_new=False)
    questions = list(published_job.questions.order_by("position"))
    second = _apply(client, published_job, **{f"question_{questions[1].pk}": "3 months",
                                              "resume": SimpleUploadedFile("again.txt", b"Marisol Quenneville\nmarisol.q@example.com\nEngineer")})
    assert second.status_code == 302
    assert Application.objects.count() == 1 and Candidate.objects.count() == 1
    application.refresh_from_db()
    assert application.is_new
    assert ApplicationAnswer.objects.get(application=application, label="Notice period").value == "3 months"
    assert Consent.objects.filter(application=application).count() == 2
    assert Resume.objects.filter(candidate=application.candidate).count() == 2


@pytest.mark.django_db
def test_the_honeypot_gets_a_fake_success_and_nothing_is_stored(client, published_job):
    response = _apply(client, published_job, website="http://spam.example")
    assert response.status_code == 302 and response["Location"].endswith("/applied/")
    assert not Candidate.objects.exists() and not Resume.objects.exists() and not Application.objects.exists()


@pytest.mark.django_db
def test_too_many_applications_from_one_email_get_a_friendly_429(client, published_job, settings):
    settings.CAREERS_RATE_PER_EMAIL = 2
    for n in range(2):
        resume = SimpleUploadedFile(f"r{n}.txt", f"Marisol resume {n}".encode())
        assert _apply(client, published_job, resume=resume).status_code == 302
    response = _apply(client, published_job, resume=SimpleUploadedFile("r3.txt", b"third"))
    assert response.status_code == 429
    assert "Please wait a little" in response.content.decode()
    assert Consent.objects.count() == 2


@pytest.mark.django_db
def test_too_many_applications_from_one_address_get_429(client, published_job, settings):
    settings.CAREERS_RATE_PER_IP = 1
    assert _apply(client, published_job, email="one@example.com", resume=SimpleUploadedFile("a.txt", b"one person")).status_code == 302
    response = _apply(client, published_job, email="two@example.com", resume=SimpleUploadedFile("b.txt", b"two people"))
    assert response.status_code == 429
    assert not Candidate.objects.filter(emails__contains=["two@example.com"]).exists()


@pytest.mark.django_db
def test_rate_counters_expire_with_their_window(settings, careers_redis):
    settings.CAREERS_RATE_PER_EMAIL = 1
    assert careers_rate_allows(ip="192.0.2.1", email="x@example.com")
    assert not careers_rate_allows(ip="192.0.2.1", email="x@example.com")
    ttl = careers_redis.connection.ttl("careers:rate:email:x@example.com")
    assert 0 < ttl <= settings.CAREERS_RATE_PER_EMAIL_SECONDS


@pytest.mark.django_db
@pytest.mark.parametrize(
    "resume, message",
    [
        (SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64), "not a résumé format we can read"),
        (SimpleUploadedFile("empty.pdf", b""), "empty"),
        (None, "Attach your résumé"),
        (SimpleUploadedFile("huge.txt", b"x" * 4096), "larger than"),
    ],
)
def test_a_bad_upload_is_explained_and_the_other_fields_are_kept(client, published_job, settings, resume, message):
    settings.MAX_UPLOAD_SIZE = 2048
    data = _form(published_job, resume=resume)
    if resume is None:
        data.pop("resume", None)
    response = client.post(reverse("careers:apply", args=[published_job.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Marisol Quenneville"' in html and 'value="marisol.q@example.com"' in html
    assert "I would love to build this." in html
    assert not Candidate.objects.exists() and not Application.objects.exists() and not Resume.objects.exists()


@pytest.mark.django_db
def test_missing_required_answers_and_consent_are_refused(client, published_job):
    questions = list(published_job.questions.order_by("position"))
    response = _apply(client, published_job, consent=None, **{f"question_{questions[0].pk}": None})
    assert response.status_code == 400
    assert not Candidate.objects.exists()


@pytest.mark.django_db
def test_an_oversized_body_is_refused_from_its_length_before_it_is_read(client, published_job, settings):
    settings.MAX_REQUEST_BODY = 4096
    settings.MAX_UPLOAD_SIZE = 64 * 1024
    url = reverse("careers:apply", args=[published_job.pk])
    too_long = settings.MAX_UPLOAD_SIZE + settings.MAX_REQUEST_BODY + 1
    # The declared length alone decides: the few bytes sent are never read.
    response = client.generic("POST", url, b"x" * 10, content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(too_long))
    assert response.status_code == 413
    # Elsewhere an anonymous body keeps the small limit.
    login = client.generic("POST", reverse("login"), b"x" * 10, content_type="application/x-www-form-urlencoded",
                           CONTENT_LENGTH=str(settings.MAX_REQUEST_BODY + 1))
    assert login.status_code == 413
    # One résumé larger than the small limit still goes through on the apply URL.
    big = SimpleUploadedFile("long.txt", b"Marisol Quenneville experienced engineer\n" * 400)
    assert big.size > settings.MAX_REQUEST_BODY
    assert _apply(client, published_job, resume=big).status_code == 302


@pytest.mark.django_db
def test_careers_apply_refuses_an_unreadable_resume_and_writes_nothing(published_job):
    applicant = Applicant(full_name="Tamsin Ferrowby", email="tamsin@example.com")
    with pytest.raises(ApplyRefused, match="not a résumé format"):
        careers_apply(job=published_job, applicant=applicant, resume_name="x.bin", resume_data=b"\x00\x01binary", answers={})
    assert not Candidate.objects.exists() and not Consent.objects.exists()


@pytest.mark.django_db
def test_the_confirmation_task_sends_text_and_html(published_job, settings, django_capture_on_commit_callbacks):
    settings.CAREERS_COMPANY_NAME = "Fictional Widgets"
    result = careers_apply(
        job=published_job, applicant=Applicant(full_name="Tamsin Ferrowby", email="tamsin@example.com"),
        resume_name="t.txt", resume_data=b"Tamsin Ferrowby\ntamsin@example.com", answers={},
    )
    assert tasks.send_application_confirmation(result.consent.pk) is True
    message = mail.outbox[-1]
    assert message.to == ["tamsin@example.com"] and "Platform Engineer" in message.subject
    assert "Fictional Widgets" in message.body and str(settings.CANDIDATE_RETENTION_DAYS) in message.body
    assert message.alternatives[0][1] == "text/html"
    assert tasks.send_application_confirmation(10**9) is False


@pytest.mark.django_db
def test_the_board_shows_new_careers_applications_until_a_recruiter_opens_them(client, recruiter_client, published_job):
    assert _apply(client, published_job).status_code == 302
    board = recruiter_client.get(reverse("jobs:detail", args=[published_job.pk])).content.decode()
    assert "data-new" in board and "Applied via the careers page" in board
    candidate = Candidate.objects.get()
    assert recruiter_client.get(candidate.get_absolute_url()).status_code == 200
    assert not Application.objects.get().is_new
    assert applications_mark_seen(actor=None, candidate=candidate) == 0  # nothing left to clear
    board = recruiter_client.get(reverse("jobs:detail", args=[published_job.pk])).content.decode()
    assert "data-new" not in board and "Applied via the careers page" in board


@pytest.mark.django_db
def test_recruiters_edit_questions_through_the_services(recruiter, published_job):
    from jobs.careers.models import ApplicationQuestion

    question = question_save(actor=recruiter, job=published_job, question=ApplicationQuestion(label=" Portfolio? ", kind="short_text"))
    assert question.label == "Portfolio?" and question.job == published_job
    question_delete(actor=recruiter, question=question)
    assert not ApplicationQuestion.objects.filter(pk=question.pk).exists()
    assert Activity.objects.filter(job=published_job, verb="job_edited").count() == 2
