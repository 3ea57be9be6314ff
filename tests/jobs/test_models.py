"""The database itself enforces the pipeline's invariants, whatever code writes to it."""
from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import InternalError

from jobs.applications.models import Application, StageChange
from jobs.applications.services import application_move, application_set_outcome
from jobs.models import Job, Stage
from tests import factories


@pytest.mark.django_db
def test_creating_a_job_creates_the_default_pipeline(recruiter):
    job = factories.make_job(actor=recruiter)
    stages = list(job.stages.order_by("position").values_list("name", "kind", "needs_review"))
    assert stages == [
        ("Applied", "applied", False),
        ("Screening", "screening", False),
        ("Shortlisted", "shortlist", True),
        ("Interview", "interview", False),
        ("Offer", "offer", False),
        ("Hired", "hired", False),
    ]
    assert job.activities.filter(verb="job_created", actor=recruiter).count() == 1


@pytest.mark.django_db
def test_database_rejects_a_second_application_to_the_same_job(job_a):
    candidate = factories.make_candidate()
    factories.make_application(job=job_a, candidate=candidate)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(candidate=candidate, job=job_a, stage=job_a.stages.first())


@pytest.mark.django_db(transaction=True)
def test_database_rejects_a_stage_of_another_job(job_a, job_b):
    candidate = factories.make_candidate()
    foreign_stage = job_b.stages.first()
    # The composite foreign key is deferred, so the violation surfaces at commit.
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            Application.objects.create(candidate=candidate, job=job_a, stage=foreign_stage)
    assert not Application.objects.filter(candidate=candidate).exists()


@pytest.mark.django_db
def test_database_rejects_a_rejection_without_reason(job_a):
    application = factories.make_application(job=job_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(outcome="rejected", outcome_at=application.applied_at)


@pytest.mark.django_db
def test_service_refuses_rejection_without_reason(job_a):
    application = factories.make_application(job=job_a)
    with pytest.raises(ValueError, match="reason"):
        application_set_outcome(actor=None, application=application, outcome="rejected", reason="  ")


@pytest.mark.django_db
def test_database_rejects_duplicate_stage_positions_at_commit(job_a):
    first, second = job_a.stages.order_by("position")[:2]
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.filter(pk=second.pk).update(position=first.position)
        connection.check_constraints()  # deferred constraints are checked here instead of at commit
    # Swapping two positions inside one transaction is allowed because the unique check is deferred.
    with transaction.atomic():
        Stage.objects.filter(pk=first.pk).update(position=second.position)
        Stage.objects.filter(pk=second.pk).update(position=first.position)


@pytest.mark.django_db
def test_database_rejects_an_open_job_without_opening_date(recruiter):
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(title="Nameless", status=Job.Status.OPEN)


@pytest.mark.django_db
def test_stage_history_is_append_only(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "screening"))
    change = StageChange.objects.filter(application=application).latest("id")
    assert (change.from_stage_name, change.to_stage_name, change.changed_by) == ("Applied", "Screening", recruiter)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        StageChange.objects.filter(pk=change.pk).update(to_stage_name="Hired")


@pytest.mark.django_db
def test_deleting_a_user_keeps_the_history_but_forgets_the_user(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    recruiter.delete()
    change = StageChange.objects.get(application=application)
    assert change.changed_by is None
    assert change.to_stage_name == "Applied"


@pytest.mark.django_db
def test_resume_failed_needs_a_reason_and_parsed_needs_a_candidate():
    from candidates.resumes.models import Resume

    base = dict(original_filename="cv.pdf", size=10, content_type="application/pdf", file="x/y.pdf")
    with pytest.raises(IntegrityError), transaction.atomic():
        Resume.objects.create(sha256="a" * 64, status="failed", **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        Resume.objects.create(sha256="b" * 64, status="parsed", parsed={}, **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        Resume.objects.create(sha256="not-a-hash", **base)
    Resume.objects.create(sha256="c" * 64, **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        Resume.objects.create(sha256="c" * 64, **base)
