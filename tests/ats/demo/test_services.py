"""Demo data looks like what the app itself writes: searchable, with histories, nothing in the future."""
from __future__ import annotations

import random

import pytest
from django.contrib.auth.models import User
from django.db.models import Max
from django.utils import timezone

from ats.demo.services import (
    DEMO_USERS,
    demo_applications_create,
    demo_big_job_create,
    demo_candidates_create,
    demo_email_setup_ensure,
    demo_jobs_create,
    demo_password,
    demo_users_ensure,
)
from candidates.models import Candidate
from candidates.search.selectors import SearchParams, candidate_search
from jobs.applications.models import Application, OutcomeChange, StageChange
from jobs.models import Job, JobStatusChange


@pytest.fixture
def demo(db):
    rng = random.Random(7)
    users = demo_users_ensure()
    jobs = demo_jobs_create(rng, 12, users)
    candidate_ids = demo_candidates_create(rng, 60, users["recruiter"])
    demo_applications_create(rng, jobs, candidate_ids, 150, users)
    return users, jobs, candidate_ids


def test_the_demo_logins_work_with_their_passwords(demo):
    for username in DEMO_USERS:
        assert User.objects.get(username=username).check_password(demo_password(username))


def test_every_demo_candidate_can_be_found_by_keyword(demo):
    users, _, candidate_ids = demo
    assert not Candidate.objects.filter(pk__in=candidate_ids, search_document__isnull=True).exists()
    with_python = Candidate.objects.filter(pk__in=candidate_ids, skills__contains=["Python"]).count()
    found = candidate_search(user=users["recruiter"], params=SearchParams(q="Python")).matching.count()
    assert with_python and found >= with_python


def test_nothing_in_the_demo_lies_in_the_future(demo):
    now = timezone.now()
    for model, fields in (
        (Application, ["applied_at", "stage_entered_at", "outcome_at"]),
        (Job, ["created_at", "opened_at", "closed_at"]),
        (JobStatusChange, ["changed_at"]), (StageChange, ["changed_at"]), (OutcomeChange, ["changed_at"]),
        (Candidate, ["created_at", "last_activity_at"]),
    ):
        latest = model.objects.aggregate(**{name: Max(name) for name in fields})
        assert all(value is None or value <= now for value in latest.values()), (model, latest)


def test_demo_histories_match_the_rows(demo):
    _, jobs, _ = demo
    for job in Job.objects.all():
        assert job.status_changes.order_by("changed_at", "id").last().to_status == job.status
    assert not Application.objects.filter(stage_changes__isnull=True).exists()
    rejected = Application.objects.filter(outcome="rejected")
    assert rejected.exists() and rejected.count() == OutcomeChange.objects.filter(to_outcome="rejected").count()


def test_the_big_benchmark_job_is_open_with_its_applications(demo):
    users, _, _ = demo
    job = demo_big_job_create(random.Random(1), title="Benchmark job", applications=40, users=users)
    assert (job.title, job.status) == ("Benchmark job", "open")
    assert job.applications.count() == 40
    assert job.status_changes.last().to_status == "open"


@pytest.mark.django_db
def test_the_demo_has_email_templates_in_two_languages_and_rejection_reasons_once():
    users = demo_users_ensure()
    # The lead demo recruiter can try erasure; the second shows the pages without the permission.
    assert users["recruiter"].has_perm("candidates.erase_candidate") and not users["recruiter2"].has_perm("candidates.erase_candidate")
    assert demo_email_setup_ensure(users["recruiter"]) == 10
    assert demo_email_setup_ensure(users["recruiter"]) == 0
    from candidates.emails.models import EmailTemplate
    from jobs.applications.models import RejectionReason

    assert set(EmailTemplate.objects.values_list("language", flat=True)) == {"en", "zh"}
    assert RejectionReason.objects.filter(template__kind="rejection").count() == 5
