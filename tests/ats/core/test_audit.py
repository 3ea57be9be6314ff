"""The audit trail: one row per audited change or read, with who, what and from where; an erasure
may scrub it, nothing else may touch it."""
from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

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
