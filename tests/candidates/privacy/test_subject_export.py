"""The subject access export end to end: the recruiter's button queues the RQ job, a real worker
(burst mode) builds the zip step by step, the profile's panel polls the progress and then links
the download (audited, not cached), a missing file fails with a reason and can be retried, and
the sweep deletes expired files."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import django_rq
import pytest
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone
from rq import SimpleWorker

from ats.core.models import AuditEvent
from ats.demo import fake_resumes
from candidates.emails.services.inbound import inbound_receive
from candidates.models import Note
from candidates.privacy import selectors
from candidates.privacy.models import SubjectExport
from candidates.privacy.services import (
    PrivacyRefused,
    consent_record,
    subject_export_build,
    subject_export_retry,
    subject_export_start,
    subject_exports_recover,
    subject_exports_sweep,
)
from candidates.resumes.models import Resume
from candidates.resumes.services.intake import resume_upload
from candidates.services import candidate_delete
from jobs.careers.services import Applicant, careers_apply
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def person(published_job, recruiter):
    """A careers applicant with a second résumé, a note and a recruiter-recorded consent."""
    result = careers_apply(
        job=published_job, applicant=Applicant(full_name="Ysolde Brannagh", email="ysolde.b@example.com"),
        resume_name="ysolde.txt", resume_data=b"Ysolde Brannagh\nysolde.b@example.com\nRust, Go", answers={},
    )
    candidate = result.application.candidate
    resume_upload(actor=recruiter, filename="ysolde-2026.pdf", data=fake_resumes.resume_pdf(fake_resumes.fake_person(3)), candidate=candidate)
    Note.objects.create(candidate=candidate, author=recruiter, body="Great systems answers")
    consent_record(actor=recruiter, candidate=candidate, source="phone", notice_version="2026-12", given_at=timezone.now())
    return candidate


def _work(queue) -> None:
    SimpleWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)


def _zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_export_job_builds_a_zip_with_every_section_and_the_resume_files(recruiter_client, person, export_queue, published_job):
    _work(django_rq.get_queue("notifications"))  # the careers confirmation mail goes out
    inbound_receive(raw=b"From: ysolde.b@example.com\r\nSubject: A question\r\n\r\nWhen do we talk?\r\n")
    panel = recruiter_client.post(reverse("privacy:export_start", args=[person.pk]), headers={"HX-Request": "true"}).content.decode()
    export = SubjectExport.objects.get(candidate=person)
    assert export.state == "queued" and export.steps_total == len(selectors.SUBJECT_SECTIONS) + 1
    assert 'hx-trigger="every 2s"' in panel and "<progress" in panel
    assert export_queue.count == 1

    _work(export_queue)
    export.refresh_from_db()
    assert export.state == "done", export.failure_reason
    assert export.steps_done == export.steps_total and export.size > 0
    assert export.expires_at > timezone.now() + timedelta(days=1)
    status = recruiter_client.get(reverse("privacy:export_status", args=[export.pk])).content.decode()
    assert "every 2s" not in status and reverse("privacy:export_download", args=[export.pk]) in status

    response = recruiter_client.get(reverse("privacy:export_download", args=[export.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/zip" and "attachment" in response["Content-Disposition"]
    archive = _zip_of(response)
    data = json.loads(archive.read("data.json"))
    assert set(selectors.SUBJECT_SECTIONS) <= set(data)
    assert data["profile"][0]["full_name"] == "Ysolde Brannagh"
    assert data["applications"][0]["job_title"] == published_job.title and data["applications"][0]["stage_changes"] is not None
    assert [note["body"] for note in data["notes"]] == ["Great systems answers"]
    assert {row["source"] for row in data["consents"]} == {"careers_form", "phone"}
    assert [row["subject"] for row in data["emails_received"]] == ["A question"]
    assert "When do we talk?" in data["emails_received"][0]["raw"]
    assert data["emails_sent"] and any(row["verb"] == "subject_exported" for row in data["activity"])
    assert any(row["action"] == "profile_viewed" or row["action"] == "consent_recorded" for row in data["audit"])
    assert len(data["resumes"]) == 2
    for resume in Resume.objects.filter(candidate=person):
        member = f"resumes/{resume.pk}-{resume.original_filename}"
        with resume.file.open("rb") as handle:
            assert archive.read(member) == handle.read()
    audit = AuditEvent.objects.get(action=AuditEvent.Read.SUBJECT_EXPORT_DOWNLOADED)
    assert audit.candidate_id == person.pk and audit.data == {"subject_export": export.pk}


def test_starting_twice_while_one_builds_is_the_same_export(recruiter, person, export_queue):
    first, created = subject_export_start(actor=recruiter, candidate=person)
    second, created_again = subject_export_start(actor=recruiter, candidate=person)
    assert created and not created_again and first == second and export_queue.count == 1
    _work(export_queue)
    assert subject_export_build(export_id=first.pk) is False  # re-run of a finished job: nothing to do


def test_a_missing_resume_file_fails_the_export_with_a_reason_and_retry_builds_it(recruiter_client, recruiter, person, export_queue):
    resume = Resume.objects.filter(candidate=person).order_by("pk").first()
    with resume.file.open("rb") as handle:
        kept = handle.read()
    resume.file.storage.delete(resume.file.name)
    export, _ = subject_export_start(actor=recruiter, candidate=person)
    _work(export_queue)
    export.refresh_from_db()
    assert export.state == "failed" and "“ysolde.txt” is missing from storage" in export.failure_reason
    panel = recruiter_client.get(reverse("privacy:panel", args=[person.pk])).content.decode()
    assert "is missing from storage" in panel and "Try the export again" in panel
    assert recruiter_client.get(reverse("privacy:export_download", args=[export.pk])).status_code == 404

    storages["resumes"].save(resume.file.name, io.BytesIO(kept))
    response = recruiter_client.post(reverse("privacy:export_retry", args=[export.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Export queued again." in response.content.decode()
    _work(export_queue)
    export.refresh_from_db()
    assert export.state == "done" and not export.failure_reason
    with pytest.raises(PrivacyRefused, match="Only a failed export"):
        subject_export_retry(actor=recruiter, export=export)


def test_the_sweep_deletes_expired_files_and_those_of_erased_people(recruiter, person, export_queue):
    export, _ = subject_export_start(actor=recruiter, candidate=person)
    other = factories.make_candidate(actor=recruiter)
    other_export, _ = subject_export_start(actor=recruiter, candidate=other)
    _work(export_queue)
    export.refresh_from_db()
    other_export.refresh_from_db()
    storage = export.file.storage
    assert storage.exists(export.file.name) and storage.exists(other_export.file.name)
    assert subject_exports_sweep() == 0
    candidate_delete(actor=recruiter, candidate=other)
    assert subject_exports_sweep() == 1 and not storage.exists(other_export.file.name)
    assert subject_exports_sweep(now=timezone.now() + timedelta(days=30)) == 1
    assert not storage.exists(export.file.name)
    export.refresh_from_db()
    assert export.state == "expired" and not export.file


def test_hiring_managers_cannot_start_or_download_exports(manager_a_client, recruiter, person, export_queue):
    assert manager_a_client.post(reverse("privacy:export_start", args=[person.pk])).status_code == 404
    export, _ = subject_export_start(actor=recruiter, candidate=person)
    _work(export_queue)
    assert manager_a_client.get(reverse("privacy:export_download", args=[export.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Read.SUBJECT_EXPORT_DOWNLOADED).exists()


def test_the_sweep_command_says_what_it_did(recruiter, person, export_queue):
    from django.core.management import call_command

    export, _ = subject_export_start(actor=recruiter, candidate=person)
    _work(export_queue)
    SubjectExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    out = io.StringIO()
    call_command("sweep_subject_exports", "--dry-run", stdout=out)
    assert "1 expired export file(s) would be deleted" in out.getvalue()
    call_command("sweep_subject_exports", stdout=out)
    assert "1 export file(s) deleted." in out.getvalue()
    export.refresh_from_db()
    assert export.state == "expired"


def test_recovery_requeues_lost_jobs_and_fails_interrupted_exports(recruiter, person, export_queue):
    export, _ = subject_export_start(actor=recruiter, candidate=person)
    export_queue.empty()  # Redis lost the job
    assert subject_exports_recover() == {"requeued": 0, "interrupted": 0}  # too young to count as lost
    later = timezone.now() + timedelta(minutes=10)
    assert subject_exports_recover(now=later) == {"requeued": 1, "interrupted": 0}
    assert subject_exports_recover(now=later)["requeued"] == 0  # its job waits: nothing added
    SubjectExport.objects.filter(pk=export.pk).update(state="running", started_at=timezone.now() - timedelta(hours=1))
    assert subject_exports_recover() == {"requeued": 0, "interrupted": 1}
    export.refresh_from_db()
    assert export.state == "failed" and "interrupted" in export.failure_reason


def test_the_person_prepares_and_downloads_their_own_copy_without_internal_records(client, person, export_queue, recruiter):
    from candidates.privacy.links import self_service_signed

    page_url = reverse("privacy:self_service", args=[self_service_signed(person.pk)])
    download_url = reverse("privacy:self_service_download", args=[self_service_signed(person.pk)])
    # A recruiter's full export is never offered on the person's page.
    subject_export_start(actor=recruiter, candidate=person)
    _work(export_queue)
    assert "Prepare a copy of my data" in client.get(page_url).content.decode()
    assert client.get(download_url).status_code == 404

    response = client.post(page_url, {"action": "export"})
    assert "We are preparing a copy of your data" in response.content.decode()
    client.post(page_url, {"action": "export"})  # asking again the same day: the same copy
    own = SubjectExport.objects.get(candidate=person, for_subject=True)
    assert own.requested_by is None
    _work(export_queue)
    assert "Download a copy of your data" in client.get(page_url).content.decode()
    response = client.get(download_url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    archive = _zip_of(response)
    data = json.loads(archive.read("data.json"))
    assert data["profile"][0]["full_name"] == "Ysolde Brannagh" and data["consents"] and len(data["resumes"]) == 2
    assert not {"notes", "reviews", "activity", "audit"} & set(data)
    assert "Great systems answers" not in archive.read("data.json").decode()
    # Nor the staff's own free text and ids inside the sections it does hold.
    assert "owner_id" not in data["profile"][0] and "recorded_by_id" not in data["consents"][0]
    assert len([name for name in archive.namelist() if name.startswith("resumes/")]) == 2
    audit = AuditEvent.objects.filter(action=AuditEvent.Read.SUBJECT_EXPORT_DOWNLOADED).get()
    assert audit.actor is None and audit.data == {"subject_export": own.pk, "via": "self_service"}
    # Another person's link reaches only their own (none yet).
    other = factories.make_candidate(actor=recruiter)
    assert client.get(reverse("privacy:self_service_download", args=[self_service_signed(other.pk)])).status_code == 404
    assert client.get(reverse("privacy:self_service_download", args=["forged"])).status_code == 404


def test_erasing_the_person_deletes_their_export_file_at_once(recruiter, person, export_queue, django_capture_on_commit_callbacks):
    from candidates.erasure.services import candidate_erase

    export, _ = subject_export_start(actor=recruiter, candidate=person)
    _work(export_queue)
    export.refresh_from_db()
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        result = candidate_erase(actor=recruiter, candidate=person, reason="Asked by phone")
    assert not storage.exists(name)  # not left for the next sweep: the erase page and retention go this way too
    export.refresh_from_db()
    assert export.state == "expired" and not export.file and result.scrubbed["candidates.SubjectExport"] == 1


def test_an_export_waiting_when_the_person_is_erased_is_never_built(recruiter, person, export_queue):
    from candidates.erasure.services import candidate_erase
    from candidates.privacy.models import ErasureRequest
    from candidates.privacy.services import erasure_request_create

    export, _ = subject_export_start(actor=recruiter, candidate=person)
    request, _ = erasure_request_create(actor=None, candidate=person, source="self_service")
    candidate_erase(actor=recruiter, candidate=person, reason="Asked by phone")
    _work(export_queue)
    export.refresh_from_db()
    assert export.state == "expired" and not export.file
    # Erased from the profile: the person's own pending request is answered, not left to approve again.
    request.refresh_from_db()
    assert (request.state, request.decided_by) == (ErasureRequest.State.APPROVED, recruiter)
