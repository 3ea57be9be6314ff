"""The recruiter dashboard: which jobs it lists, their counts per stage, the waiting list, its queries."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs.applications.models import Application
from jobs.applications.selectors import applications_waiting
from jobs.applications.services import application_set_outcome
from jobs.models import Job
from tests import factories

pytestmark = pytest.mark.django_db


def _dashboard(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response


def _age(application: Application, days: int) -> Application:
    """Pretend the application entered its stage `days` ago (there is no service for time travel)."""
    Application.objects.filter(pk=application.pk).update(stage_entered_at=timezone.now() - timedelta(days=days))
    application.refresh_from_db()
    return application


def _waiting_ids(response) -> list[int]:
    return [application.pk for application in response.context["waiting"]]


def test_dashboard_lists_my_open_jobs_first_then_the_others_by_title(recruiter, recruiter_client):
    other = factories.make_recruiter("otto")
    factories.make_job(actor=recruiter, title="Zookeeper")
    factories.make_job(actor=recruiter, title="Archivist")
    factories.make_job(actor=other, title="Baker")
    factories.make_job(actor=other, title="Accountant")
    for status in (Job.Status.DRAFT, Job.Status.ON_HOLD, Job.Status.CLOSED):
        factories.make_job(actor=recruiter, title=f"Aardvark keeper ({status})", status=status)

    response = _dashboard(recruiter_client)

    assert [job.title for job in response.context["jobs"]] == ["Archivist", "Zookeeper", "Accountant", "Baker"]
    page = response.content.decode()
    assert "Aardvark" not in page
    assert page.count('<span class="badge">mine</span>') == 2


def test_dashboard_shows_at_most_twenty_jobs_keeping_mine_first(recruiter, recruiter_client):
    other = factories.make_recruiter("otto")
    for n in range(22):
        factories.make_job(actor=other, title=f"Job {n:02d}")
    factories.make_job(actor=recruiter, title="Zz my only job")

    titles = [job.title for job in _dashboard(recruiter_client).context["jobs"]]

    assert titles == ["Zz my only job"] + [f"Job {n:02d}" for n in range(19)]
    assert _dashboard(recruiter_client).context["open_job_count"] == 23  # the figure counts them all


def test_dashboard_counts_active_applications_per_stage_in_pipeline_order(recruiter, recruiter_client):
    job = factories.make_job(actor=recruiter, title="Counted")
    empty = factories.make_job(actor=recruiter, title="Empty")
    elsewhere = factories.make_job(actor=recruiter, title="Elsewhere")
    factories.make_application(job=job, actor=recruiter)
    factories.make_application(job=job, actor=recruiter)
    factories.make_application(job=job, actor=recruiter, kind="interview")
    factories.make_application(job=job, actor=recruiter, kind="hired")
    rejected = factories.make_application(job=job, actor=recruiter, kind="screening")
    application_set_outcome(actor=recruiter, application=rejected, outcome=Application.Outcome.REJECTED, reason="No")
    factories.make_application(job=elsewhere, actor=recruiter, kind="offer")

    response = _dashboard(recruiter_client)

    counts = {job.title: [(stage.name, n) for stage, n in job.stage_counts] for job in response.context["jobs"]}
    assert counts == {
        "Counted": [("Applied", 2), ("Screening", 0), ("Shortlisted", 0), ("Interview", 1), ("Offer", 0), ("Hired", 1)],
        "Elsewhere": [("Applied", 0), ("Screening", 0), ("Shortlisted", 0), ("Interview", 0), ("Offer", 1), ("Hired", 0)],
        "Empty": [(name, 0) for name, _ in empty.stages.order_by("position").values_list("name", "kind")],
    }
    assert '<span class="stage-count">2</span> <span class="stage-name">Applied</span>' in response.content.decode()


def test_waiting_list_holds_my_stale_active_applications_oldest_first(recruiter, recruiter_client):
    job = factories.make_job(actor=recruiter, title="Mine")
    other_job = factories.make_job(actor=factories.make_recruiter("otto"), title="Not mine")
    stale_days = settings.STALE_APPLICATION_DAYS
    older = _age(factories.make_application(job=job, actor=recruiter, kind="interview"), stale_days + 20)
    old = _age(factories.make_application(job=job, actor=recruiter), stale_days + 1)
    _age(factories.make_application(job=job, actor=recruiter), stale_days - 1)  # not stale yet
    _age(factories.make_application(job=job, actor=recruiter, kind="hired"), stale_days + 30)
    rejected = factories.make_application(job=job, actor=recruiter)
    application_set_outcome(actor=recruiter, application=rejected, outcome=Application.Outcome.REJECTED, reason="No")
    _age(rejected, stale_days + 40)
    _age(factories.make_application(job=other_job, actor=recruiter), stale_days + 50)

    response = _dashboard(recruiter_client)

    assert _waiting_ids(response) == [older.pk, old.pk]
    page = response.content.decode()
    assert older.candidate.display_name in page and "Nothing is stuck" not in page


def test_waiting_list_shows_the_ten_oldest(recruiter, recruiter_client):
    job = factories.make_job(actor=recruiter, title="Busy")
    applications = [
        _age(factories.make_application(job=job, actor=recruiter), settings.STALE_APPLICATION_DAYS + days)
        for days in range(1, 13)
    ]

    response = _dashboard(recruiter_client)

    assert _waiting_ids(response) == [a.pk for a in reversed(applications)][:10]


def test_dashboard_with_nothing_stale_says_so(recruiter, recruiter_client):
    factories.make_application(job=factories.make_job(actor=recruiter), actor=recruiter)
    response = _dashboard(recruiter_client)
    assert _waiting_ids(response) == []
    assert "Nothing is stuck" in response.content.decode()


def test_user_without_a_role_sees_no_jobs_and_nothing_waiting(client, recruiter):
    job = factories.make_job(actor=recruiter)
    _age(factories.make_application(job=job, actor=recruiter), settings.STALE_APPLICATION_DAYS + 5)
    client.force_login(factories.make_user("nobody"))

    response = _dashboard(client)

    assert list(response.context["jobs"]) == []
    assert _waiting_ids(response) == []


def _fill(recruiter, *, jobs: int, applications_per_job: int) -> None:
    other = factories.make_recruiter()
    for n in range(jobs):
        job = factories.make_job(actor=recruiter if n % 2 else other)
        for i in range(applications_per_job):
            application = factories.make_application(job=job, actor=recruiter, kind=("applied", "interview")[i % 2])
            _age(application, settings.STALE_APPLICATION_DAYS + i + 1)


def _query_count(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _dashboard(client)
    return len(captured.captured_queries)


def test_dashboard_query_count_does_not_grow_with_jobs_or_applications(recruiter, recruiter_client):
    _fill(recruiter, jobs=2, applications_per_job=1)
    small = _query_count(recruiter_client)
    _fill(recruiter, jobs=25, applications_per_job=3)  # more jobs than the dashboard lists
    large = _query_count(recruiter_client)
    assert small == large, "the dashboard's queries grow with the data"
    assert large <= 11


def test_waiting_query_can_use_the_partial_index(recruiter):
    """The index `application_waiting` must keep matching the query: same filter, same order."""
    job = factories.make_job(actor=recruiter)
    _age(factories.make_application(job=job, actor=recruiter), settings.STALE_APPLICATION_DAYS + 1)
    entered_before = timezone.now() - timedelta(days=settings.STALE_APPLICATION_DAYS)
    with CaptureQueriesContext(connection) as captured:
        assert len(applications_waiting(recruiter, entered_before=entered_before)) == 1
    with connection.cursor() as cursor:
        # A handful of rows is always cheaper to scan and sort than to look up: forbid both, so the
        # plan shows whether an index can deliver the rows in order (only this one can).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + captured.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "application_waiting" in plan, plan


def test_failed_resumes_are_counted_and_each_can_be_reparsed_in_one_click(recruiter, recruiter_client):
    from candidates.resumes.services.intake import resume_upload
    from candidates.resumes.tasks import parse_resume_task

    for n in range(7):
        resume = resume_upload(actor=recruiter, filename=f"scan-{n}.pdf", data=b"%PDF-1.4\n%%EOF\n" + bytes([n])).resume
        parse_resume_task(resume.pk)
    response = _dashboard(recruiter_client)
    page = response.content.decode()
    assert response.context["failed_count"] == 7
    assert len(response.context["failed_resumes"]) == 5
    assert page.count("Re-parse") == 5 and "The 5 most recent of 7" in page

    latest = response.context["failed_resumes"][0]
    after = recruiter_client.post(reverse("candidates:resume_reparse", args=[latest.pk]), {"next": "/"})
    assert after.status_code == 302 and after.url == "/"
    latest.refresh_from_db()
    assert latest.status == "queued"
