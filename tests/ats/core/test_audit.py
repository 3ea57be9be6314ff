"""The audit trail: one row per audited change or read, with who, what and from where; an erasure
may scrub it, nothing else may touch it."""
from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from ats.core.history import erasure
from ats.core.models import Activity, AuditEvent
from ats.core.services import activities_record, activity_record, audit_record
from tests import factories


@pytest.mark.django_db
def test_each_change_through_the_write_door_writes_exactly_one_audit_row(recruiter, job_a):
    candidate = factories.make_candidate(name="Mirela Quast")
    before = AuditEvent.objects.count()
    activity = activity_record(actor=recruiter, verb=Activity.Verb.NOTE_ADDED, candidate=candidate, data={"x": 1})
    assert AuditEvent.objects.count() == before + 1
    row = AuditEvent.objects.latest("id")
    assert (row.action, row.actor_id, row.actor_name, row.candidate_id) == ("note_added", recruiter.pk, "rita", candidate.pk)
    assert row.data == {"activity": activity.pk}  # a pointer, not a copy of what may be personal
    assert row.get_action_display() == "added a note"


@pytest.mark.django_db
def test_a_bulk_of_changes_writes_one_audit_row_each_with_its_actor(recruiter, job_a):
    other = factories.make_recruiter("oscar")
    first, second = factories.make_candidate(), factories.make_candidate()
    before = AuditEvent.objects.count()
    activities_record([
        Activity(actor=recruiter, verb=Activity.Verb.TAGS_CHANGED, candidate=first),
        Activity(actor=other, verb=Activity.Verb.TAGS_CHANGED, candidate=second),
        Activity(actor=None, verb=Activity.Verb.RESUME_PARSED, candidate=second),
    ])
    rows = list(AuditEvent.objects.filter(pk__gt=0).order_by("-id")[:3])
    assert AuditEvent.objects.count() == before + 3
    assert sorted(row.actor_name for row in rows) == ["", "oscar", "rita"]


@pytest.mark.django_db
def test_a_read_is_recorded_with_the_address_of_the_request(client, recruiter):
    candidate = factories.make_candidate()
    client.force_login(recruiter)
    before = AuditEvent.objects.count()
    client.get(f"/candidates/{candidate.pk}/", REMOTE_ADDR="192.0.2.44")
    rows = AuditEvent.objects.filter(action=AuditEvent.Read.PROFILE_VIEWED, candidate=candidate)
    assert rows.count() == 1 and AuditEvent.objects.count() == before + 1
    assert rows.get().ip == "192.0.2.44" and rows.get().actor_id == recruiter.pk


@pytest.mark.django_db
def test_outside_a_request_there_is_no_address(recruiter):
    row = audit_record(actor=recruiter, action=AuditEvent.Read.EXPORTED, data={"export": "candidates"})
    assert row.ip is None


@pytest.mark.django_db
def test_only_an_erasure_may_scrub_or_delete_audit_rows(recruiter):
    row = audit_record(actor=recruiter, action=AuditEvent.Read.EXPORTED, data={"q": "Mirela Quast"})
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET data = '{}' WHERE id = %s", [row.pk])
    with erasure():
        AuditEvent.objects.filter(pk=row.pk).update(data={"q": "[erased]"})
    row.refresh_from_db()
    assert row.data == {"q": "[erased]"}
    with erasure():
        AuditEvent.objects.filter(pk=row.pk).delete()
    assert not AuditEvent.objects.filter(pk=row.pk).exists()


# --- Each read path writes exactly one row -------------------------------------------------------


def _rows_after(before: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=before).order_by("id"))


def _last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.fixture
def parsed_resume(recruiter):
    from candidates.resumes.previews import previews_delete
    from candidates.resumes.services.intake import resume_upload
    from candidates.resumes.tasks import parse_resume_task
    from tests.parsing import make_fixtures

    resume = resume_upload(actor=recruiter, filename="cv.pdf", data=make_fixtures.active_pdf()).resume
    parse_resume_task(resume.pk)
    resume.refresh_from_db()
    previews_delete([resume])  # storage outlives test databases: ids and hashes may meet an old drawing
    return resume


@pytest.mark.django_db
def test_a_resume_download_and_a_preview_are_one_row_each_and_its_pages_none(recruiter_client, recruiter, parsed_resume):
    before = _last_id()
    download = recruiter_client.get(reverse("candidates:resume_download", args=[parsed_resume.pk]))
    assert download.status_code == 200
    b"".join(download.streaming_content)
    assert [(row.action, row.candidate_id, row.data) for row in _rows_after(before)] == [
        ("resume_downloaded", parsed_resume.candidate_id, {"resume": parsed_resume.pk})
    ]
    before = _last_id()
    assert recruiter_client.get(reverse("candidates:resume_preview", args=[parsed_resume.pk])).status_code == 200
    assert recruiter_client.get(reverse("candidates:resume_page_image", args=[parsed_resume.pk, 1])).status_code == 200
    assert [row.action for row in _rows_after(before)] == ["resume_previewed"]


@pytest.mark.django_db
def test_a_refused_read_writes_nothing(manager_a_client, parsed_resume):
    before = _last_id()
    assert manager_a_client.get(reverse("candidates:resume_download", args=[parsed_resume.pk])).status_code == 404
    assert manager_a_client.get(reverse("candidates:detail", args=[parsed_resume.candidate_id])).status_code == 404
    assert _rows_after(before) == []


@pytest.mark.django_db
def test_an_export_is_one_row_naming_what_and_with_which_filters(recruiter_client, recruiter, job_a):
    factories.make_application(job=job_a, actor=recruiter)
    before = _last_id()
    response = recruiter_client.get(reverse("candidates:export"), {"q": "Mirela Quast"})
    b"".join(response.streaming_content)
    response = recruiter_client.get(reverse("jobs:export", args=[job_a.pk]))
    b"".join(response.streaming_content)
    rows = _rows_after(before)
    assert [(row.action, row.data["export"], row.job_id) for row in rows] == [
        ("exported", "candidates", None), ("exported", "Backend Engineer applications", job_a.pk)
    ]
    assert rows[0].data["filters"] == {"q": "Mirela Quast"} and rows[0].actor_name == "rita"


@pytest.mark.django_db
def test_a_hiring_managers_review_page_is_audited_as_their_read(manager_a_client, manager_a, job_a):
    application = factories.make_application(job=job_a, kind="shortlist")
    before = _last_id()
    assert manager_a_client.get(reverse("reviews:review", args=[application.pk])).status_code == 200
    [row] = _rows_after(before)
    assert (row.action, row.actor_id, row.candidate_id, row.job_id) == (
        "profile_viewed", manager_a.pk, application.candidate_id, job_a.pk
    )
    assert row.data == {"application": application.pk, "via": "review", "anonymised": False}


@pytest.mark.django_db
def test_api_reads_of_people_are_one_row_per_request_and_job_reads_none(recruiter, job_a):
    from ats.api.services import api_token_create
    from tests.ats.api.conftest import TokenClient

    candidate = factories.make_candidate(actor=recruiter)
    client = TokenClient(api_token_create(user=recruiter, name="audit test")[1])
    before = _last_id()
    detail = client.get(reverse("api:candidate", args=[candidate.pk]))
    assert detail.status_code == 200
    assert client.get(reverse("api:candidates")).status_code == 200
    assert client.get(reverse("api:jobs")).status_code == 200
    not_modified = client.get(reverse("api:candidate", args=[candidate.pk]), HTTP_IF_NONE_MATCH=detail["ETag"])
    assert not_modified.status_code == 304
    rows = _rows_after(before)
    assert [(row.action, row.candidate_id, row.data["endpoint"]) for row in rows] == [
        ("api_read", candidate.pk, "candidate.retrieve"), ("api_read", None, "candidate.list"),
        ("api_read", candidate.pk, "candidate.retrieve"),  # the 304 too: the client holds the data
    ]
    assert rows[1].data["count"] >= 1
    # A résumé or an application read by its own id is still a read of that person's data.
    application = factories.make_application(job=job_a, candidate=candidate, actor=recruiter)
    before = _last_id()
    assert client.get(reverse("api:application", args=[application.pk])).status_code == 200
    assert [(row.action, row.candidate_id) for row in _rows_after(before)] == [("api_read", candidate.pk)]


@pytest.mark.django_db
def test_admins_browse_filter_and_export_the_trail_but_cannot_change_it(admin_client_, recruiter):
    kept = audit_record(actor=recruiter, action=AuditEvent.Read.EXPORTED, data={"export": "candidates"})
    audit_record(actor=recruiter, action=AuditEvent.Read.PROFILE_VIEWED)
    changelist = reverse("admin:core_auditevent_changelist")
    page = admin_client_.get(changelist, {"action__exact": "exported"})
    assert page.status_code == 200 and page.context["cl"].result_count == 1
    assert admin_client_.get(reverse("admin:core_auditevent_change", args=[kept.pk])).status_code == 200
    assert admin_client_.post(reverse("admin:core_auditevent_delete", args=[kept.pk]), {"post": "yes"}).status_code == 403
    before = _last_id()
    response = admin_client_.post(changelist, {"action": "export_csv", "_selected_action": [kept.pk]})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0] == "When,Who,Action,Candidate id,Job id,Address,Details"
    assert "rita,exported" in text and '""export"": ""candidates""' in text
    [row] = _rows_after(before)
    assert row.action == "exported" and row.data["export"] == "audit"
    assert AuditEvent.objects.filter(pk=kept.pk).exists()


@pytest.mark.django_db
def test_an_admin_opening_a_candidate_record_is_audited_once(admin_client_, admin_user):
    candidate = factories.make_candidate()
    before = _last_id()
    assert admin_client_.get(reverse("admin:candidates_candidate_change", args=[candidate.pk])).status_code == 200
    [row] = _rows_after(before)
    assert (row.action, row.actor_id, row.candidate_id, row.data) == ("profile_viewed", admin_user.pk, candidate.pk, {"via": "admin"})
