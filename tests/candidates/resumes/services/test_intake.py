"""Upload → queue → worker → candidate, against real PostgreSQL, Redis and RQ workers."""
from __future__ import annotations

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from ats.core.models import Activity
from ats.demo import fake_resumes
from candidates.models import Candidate, Education, Experience, PossibleDuplicate
from candidates.resumes.models import Resume
from candidates.resumes.services.intake import resume_reparse, resume_upload
from candidates.resumes.tasks import parse_resume_task
from jobs.applications.models import Application
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _upload(client, *files, **extra):
    return client.post(reverse("candidates:upload"), {"files": list(files), **extra}, HTTP_ACCEPT="application/json")


def _file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_upload_is_parsed_by_a_worker_into_a_candidate(recruiter_client, job_a, run_worker):
    person = fake_resumes.fake_person(1)
    response = _upload(
        recruiter_client,
        _file("amara.pdf", fake_resumes.resume_pdf(person)),
        _file("second.txt", fake_resumes.resume_txt(fake_resumes.fake_person(2))),
        job=job_a.pk,
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["queued", "queued"]
    assert Resume.objects.filter(status="queued").count() == 2

    run_worker()

    resume = Resume.objects.get(original_filename="amara.pdf")
    assert resume.status == "parsed", resume.failure_reason
    candidate = resume.candidate
    assert candidate.full_name == person.name
    assert candidate.emails == [person.email]
    assert candidate.phones == ["+1" + "".join(c for c in person.phone if c.isdigit())[1:]]
    assert Experience.objects.filter(candidate=candidate).count() == 2
    assert Education.objects.filter(candidate=candidate).count() == 1
    assert candidate.search_document is not None
    assert Application.objects.filter(candidate=candidate, job=job_a, stage__kind="applied").exists()
    verbs = set(Activity.objects.filter(candidate=candidate).values_list("verb", flat=True))
    assert {"candidate_created", "resume_parsed", "application_created"} <= verbs
    assert resume.file.name and person.name.split()[0].lower() not in resume.file.name.lower()

    page = recruiter_client.get(response.json()["batch_url"]).content.decode()
    assert "2 of 2 finished" in page and person.name in page


def test_the_same_file_twice_is_reported_not_parsed_again(recruiter_client, run_worker):
    data = fake_resumes.resume_txt(fake_resumes.fake_person(3))
    _upload(recruiter_client, _file("cv.txt", data))
    run_worker()
    again = _upload(recruiter_client, _file("cv-copy.txt", data)).json()["results"][0]
    assert again["status"] == "duplicate"
    assert "already uploaded as cv.txt" in again["message"]
    assert Resume.objects.count() == 1


def test_a_second_resume_of_the_same_person_attaches_to_them(recruiter, run_worker):
    person = fake_resumes.fake_person(4)
    resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(person))
    resume_upload(actor=recruiter, filename="b.pdf", data=fake_resumes.resume_pdf(person))
    run_worker()
    assert Candidate.objects.count() == 1
    assert Candidate.objects.get().resumes.count() == 2
    assert not PossibleDuplicate.objects.exists()


def test_same_email_but_another_name_is_flagged_as_possible_duplicate(recruiter, run_worker):
    person = fake_resumes.fake_person(5)
    impostor = fake_resumes.fake_person(6)
    impostor.email = person.email
    resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(person))
    run_worker()
    resume_upload(actor=recruiter, filename="b.txt", data=fake_resumes.resume_txt(impostor))
    run_worker()
    assert Candidate.objects.count() == 2
    flag = PossibleDuplicate.objects.get()
    assert flag.other.full_name == person.name and flag.candidate.full_name == impostor.name
    assert flag.reasons == [f"same email {person.email}"]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.pdf", b"", "is empty"),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "not a résumé format we can read"),
        ("tool.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 200, "not a résumé format we can read"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200, "not a résumé format we can read"),
        ("cv.rtf", b"{\\rtf1\\ansi Fictional Person}", "not a résumé format we can read"),
    ],
)
def test_bad_files_are_refused_one_by_one_while_the_rest_go_through(recruiter_client, name, data, message):
    good = _file("good.txt", fake_resumes.resume_txt(fake_resumes.fake_person(7)))
    results = _upload(recruiter_client, _file(name, data), good).json()["results"]
    assert results[0]["status"] == "refused" and message in results[0]["message"]
    assert results[1]["status"] == "queued"
    assert list(Resume.objects.values_list("original_filename", flat=True)) == ["good.txt"]


def test_too_large_file_is_refused(recruiter_client, settings):
    settings.MAX_UPLOAD_SIZE = 100
    result = _upload(recruiter_client, _file("big.txt", b"Fictional Person\n" * 50)).json()["results"][0]
    assert result["status"] == "refused" and "larger than the limit" in result["message"]
    # And a file handed to the service directly (import_resumes) is measured there.
    outcome = resume_upload(actor=None, filename="big.txt", data=b"Fictional Person\n" * 50)
    assert (outcome.status, outcome.message) == ("refused", "big.txt is 850 bytes; the limit is 100 bytes.")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "PDF"),  # truncated
        (fake_resumes.resume_pdf(fake_resumes.fake_person(8))[:600], "PDF"),
    ],
)
def test_a_document_the_parser_rejects_ends_failed_and_the_worker_keeps_going(recruiter, run_worker, data, reason):
    bad = resume_upload(actor=recruiter, filename="broken.pdf", data=data).resume
    good = resume_upload(actor=recruiter, filename="fine.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(9))).resume
    run_worker()
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.status == "failed" and reason in bad.failure_reason
    assert bad.candidate is None and bad.file.storage.exists(bad.file.name)  # the file is kept
    assert good.status == "parsed"
    assert Activity.objects.filter(verb="resume_failed", data__resume_id=bad.pk).exists()


def test_running_the_job_twice_changes_nothing(recruiter):
    resume = resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(10))).resume
    parse_resume_task(resume.pk)
    snapshot = _state()
    assert "skipped" in parse_resume_task(resume.pk)
    assert _state() == snapshot


def test_reparsing_gives_the_same_rows_and_keeps_corrections(recruiter):
    resume = resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(11))).resume
    parse_resume_task(resume.pk)
    candidate = Candidate.objects.get()
    Candidate.objects.filter(pk=candidate.pk).update(headline="Corrected by hand", corrected_fields=["headline"])
    rows = _state()
    resume_reparse(actor=recruiter, resume=resume)
    parse_resume_task(resume.pk)
    candidate.refresh_from_db()
    assert candidate.headline == "Corrected by hand"
    assert _state()[1:] == rows[1:]  # same candidates, experience, education, applications


def test_two_workers_racing_on_one_resume_make_one_candidate(recruiter):
    resume = resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(12))).resume
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def work():
        barrier.wait()
        try:
            outcomes.append(parse_resume_task(resume.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o.split()[0] for o in outcomes) == ["parsed", "skipped:"]
    assert Candidate.objects.count() == 1 and Experience.objects.count() == 2


def test_two_resumes_of_one_new_person_parsed_at_once_make_one_candidate(recruiter):
    person = fake_resumes.fake_person(13)
    first = resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(person)).resume
    second = resume_upload(actor=recruiter, filename="b.pdf", data=fake_resumes.resume_pdf(person)).resume
    barrier = threading.Barrier(2)

    def work(resume_id):
        barrier.wait()
        try:
            parse_resume_task(resume_id)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(r.pk,)) for r in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Candidate.objects.count() == 1
    assert set(Resume.objects.values_list("status", flat=True)) == {"parsed"}


def _state():
    return (
        sorted(Resume.objects.values_list("pk", "status", "candidate_id")),
        sorted(Candidate.objects.values_list("pk", "full_name", "emails")),
        sorted(Experience.objects.values_list("candidate_id", "company", "title", "start", "end")),
        sorted(Education.objects.values_list("candidate_id", "institution", "start", "end")),
        sorted(Application.objects.values_list("candidate_id", "job_id")),
    )


@pytest.mark.django_db
def test_an_upload_batch_is_its_creators_only(recruiter):
    import uuid

    from candidates.resumes.services.intake import upload_batch_open

    batch_id = uuid.uuid4()
    batch = upload_batch_open(actor=recruiter, batch_id=batch_id)
    assert upload_batch_open(actor=recruiter, batch_id=batch_id) == batch
    assert upload_batch_open(actor=factories.make_recruiter("ora"), batch_id=batch_id) is None


@pytest.mark.django_db(transaction=True)
def test_deleting_resumes_removes_their_files_and_the_candidates_left_without_one(recruiter, run_worker):
    from candidates.resumes.services.intake import resumes_delete

    person = fake_resumes.fake_person(40)
    first = resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(person)).resume
    second = resume_upload(actor=recruiter, filename="b.pdf", data=fake_resumes.resume_pdf(person)).resume
    run_worker(simple=True)
    candidate = Resume.objects.get(pk=first.pk).candidate
    storage = first.file.storage
    assert resumes_delete(actor=recruiter, resume_ids=[first.pk]) == 1
    assert not storage.exists(first.file.name) and Candidate.objects.filter(pk=candidate.pk).exists()
    resumes_delete(actor=recruiter, resume_ids=[second.pk])
    assert not Candidate.objects.filter(pk=candidate.pk).exists()
    assert Activity.objects.filter(verb="candidate_deleted", data__candidate_ids=[candidate.pk]).exists()


def test_a_word_document_with_macros_is_refused(recruiter):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\0macro")
    outcome = resume_upload(actor=recruiter, filename="cv.docm", data=buffer.getvalue())
    assert outcome.status == "refused" and not Resume.objects.exists()
    assert outcome.message == ("cv.docm is a Word document with macros (.docm): not a résumé format we can read. "
                               "Upload a PDF, DOCX or plain text (TXT) file. Save it as a plain .docx or PDF without macros.")


@pytest.mark.parametrize(("name", "data"), [
    ("x.txt", b"x"),
    ("shell.pdf.php", b"#!/bin/sh\nrm -rf /tmp/nothing\n"),
    ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    (".htaccess", b"Options -Indexes\nDeny from all\n"),
    ("noise.txt", b"qzxv" * 2_000_000),
])
def test_a_file_with_nothing_of_a_resume_fails_and_makes_no_candidate(recruiter, run_worker, name, data):
    outcome = resume_upload(actor=recruiter, filename=name, data=data)
    assert outcome.status == "queued"  # each reads as text, so only its content can tell
    run_worker(simple=True)
    resume = Resume.objects.get(pk=outcome.resume.pk)
    assert resume.status == "failed" and "no name, contact, section or date" in resume.failure_reason
    assert not Candidate.objects.exists()
