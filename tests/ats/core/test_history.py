"""Histories are append-only in PostgreSQL itself: no UPDATE but the SET NULL of a deleted user or
stage, no DELETE outside an erasure, whoever writes the SQL."""
from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from ats.core.history import erasure
from ats.core.models import Activity, AuditEvent
from jobs.applications.models import OutcomeChange, StageChange
from jobs.applications.services import application_move, application_set_outcome
from jobs.models import JobStatusChange
from jobs.services import job_set_status
from tests import factories

HISTORIES = {
    "candidates_activity": Activity,
    "jobs_stagechange": StageChange,
    "jobs_outcomechange": OutcomeChange,
    "jobs_jobstatuschange": JobStatusChange,
    "core_auditevent": AuditEvent,
}


@pytest.fixture
def history(recruiter, job_a):
    """One row in each history table."""
    application = factories.make_application(job=job_a, actor=recruiter)
    application_set_outcome(actor=recruiter, application=application, outcome="rejected", reason="Not a fit")
    job_set_status(actor=recruiter, job=job_a, status="on_hold")
    return {table: model.objects.order_by("-pk").first().pk for table, model in HISTORIES.items()}


def _sql(statement: str, *params) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.mark.django_db
@pytest.mark.parametrize("table", HISTORIES)
def test_a_history_row_cannot_be_deleted(history, table):
    with pytest.raises(IntegrityError, match="append-only"):
        _sql(f"DELETE FROM {table} WHERE id = %s", history[table])
    assert HISTORIES[table].objects.filter(pk=history[table]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("table", "column", "value"), [
    ("candidates_activity", "verb", "'job_created'"),
    ("jobs_stagechange", "to_stage_name", "'Somewhere else'"),
    ("jobs_outcomechange", "reason", "'rewritten'"),
    ("jobs_jobstatuschange", "changed_at", "now() - interval '1 year'"),
    ("core_auditevent", "ip", "'10.9.9.9'"),
])
def test_a_history_row_cannot_be_rewritten(history, table, column, value):
    with pytest.raises(IntegrityError, match="append-only"):
        _sql(f"UPDATE {table} SET {column} = {value} WHERE id = %s", history[table])


@pytest.mark.django_db
def test_a_foreign_key_set_to_another_row_is_refused_too(history, recruiter):
    other = factories.make_recruiter("oscar")
    with pytest.raises(IntegrityError, match="append-only"):
        _sql("UPDATE jobs_stagechange SET changed_by_id = %s WHERE id = %s", other.pk, history["jobs_stagechange"])


@pytest.mark.django_db
def test_deleting_a_user_or_a_stage_sets_their_columns_to_null(history, recruiter, job_a):
    application = job_a.applications.get()
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "screening"))
    move = StageChange.objects.filter(application=application).latest("pk")
    recruiter_id = recruiter.pk
    recruiter.delete()
    move.refresh_from_db()
    assert move.changed_by_id is None and move.to_stage_name == "Screening"
    assert Activity.objects.exists() and not Activity.objects.filter(actor_id=recruiter_id).exists()


@pytest.mark.django_db
def test_an_erasure_may_delete_history_and_only_inside_it(history, job_a):
    candidate = job_a.applications.get().candidate
    with erasure():
        candidate.delete()
    assert not StageChange.objects.filter(pk=history["jobs_stagechange"]).exists()
    assert not OutcomeChange.objects.filter(pk=history["jobs_outcomechange"]).exists()
    # The rest of the transaction is guarded again.
    with transaction.atomic():
        with erasure():
            pass
        with pytest.raises(IntegrityError), transaction.atomic():
            JobStatusChange.objects.filter(job=job_a).delete()
