"""The reports page (charts, tables, filters) and each report's CSV."""
from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.reports.selectors import REPORTS, ReportFilters, report_get
from tests import factories
from tests.jobs.reports.conftest import DAY, _add


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.django_db
def test_page_has_every_report_as_chart_and_accessible_table(recruiter_client, pipeline):
    response = recruiter_client.get(reverse("reports:page"))
    assert response.status_code == 200
    page = response.content.decode()
    for key in REPORTS:
        assert f'id="report-{key}"' in page
        assert f'href="{reverse("reports:csv")}?report={key}"' in page
    assert page.count('role="img"') >= 6  # every report with rows has its chart (activity and reviews are empty here)
    assert 'aria-labelledby="chart-funnel-title chart-funnel-desc"' in page
    assert "<caption>Funnel:" in page and '<th scope="col">Applications reached</th>' in page
    assert '<th scope="row">Applied</th>' in page
    assert f'href="{reverse("reports:page")}" aria-current="page">Reports</a>' in page


@pytest.mark.django_db
def test_job_filter_shows_that_jobs_stage_names(recruiter_client, pipeline, job_b):
    page = recruiter_client.get(reverse("reports:page"), {"job": pipeline.pk}).content.decode()
    assert '<th scope="row">Shortlisted</th>' in page  # the job's own stage, not the kind "Shortlist"


@pytest.mark.django_db
def test_invalid_range_falls_back_to_the_default_with_a_message(recruiter_client):
    response = recruiter_client.get(reverse("reports:page"), {"start": "2026-05-02", "end": "2026-05-01"})
    assert response.status_code == 200
    assert "The start date is after the end date." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(REPORTS))
def test_csv_has_exactly_the_numbers_of_the_table(recruiter_client, recruiter, pipeline, key):
    response = recruiter_client.get(reverse("reports:csv"), {"report": key, "job": pipeline.pk})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"].startswith(f'attachment; filename="report-{key}-')
    default = ReportFilters.default()
    report = report_get(user=recruiter, filters=ReportFilters(start=default.start, end=default.end, job_id=pipeline.pk), key=key)
    rows = _csv(response)
    assert rows[0] == report.columns
    assert rows[1:] == [["" if value is None else str(value) for value in row] for row in report.rows]


@pytest.mark.django_db
def test_unknown_report_is_404(recruiter_client):
    assert recruiter_client.get(reverse("reports:csv"), {"report": "salaries"}).status_code == 404


@pytest.mark.django_db
def test_hiring_manager_reports_and_csv_hold_only_their_jobs(manager_a_client, pipeline, job_b, t0):
    _add(job_b, source="agency", moves=[("applied", t0)])
    page = manager_a_client.get(reverse("reports:page")).content.decode()
    assert "your jobs only" in page
    assert job_b.title not in page  # not even a choice in the job filter
    rows = _csv(manager_a_client.get(reverse("reports:csv"), {"report": "sources"}))
    assert [row[0] for row in rows[1:]] == ["Careers page", "Referral", "Résumé upload"]  # no "Agency"
    # Asking for job B by id: not a choice, so the default (their own jobs) is shown.
    rows = _csv(manager_a_client.get(reverse("reports:csv"), {"report": "sources", "job": job_b.pk}))
    assert "Agency" not in [row[0] for row in rows[1:]]


@pytest.mark.django_db
def test_anonymous_user_is_sent_to_login():
    from django.test import Client

    response = Client().get(reverse("reports:page"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_page_query_count_does_not_grow_with_the_data(recruiter_client, recruiter, job_a, job_b, t0):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert recruiter_client.get(reverse("reports:page")).status_code == 200
        return len(ctx.captured_queries)

    _add(job_a, source="careers", moves=[("applied", t0), ("screening", t0 + DAY)])
    small = queries()
    for n in range(15):
        job = job_a if n % 2 else job_b
        _add(job, source="careers" if n % 3 else "upload", moves=[("applied", t0), ("screening", t0 + DAY), ("interview", t0 + 2 * DAY)],
             outcome=("rejected", t0 + 3 * DAY, f"Reason {n % 4}") if n % 2 else None)
    factories.bulk_applications(job_a, 50)
    large = queries()
    assert small == large
    assert large <= 20, f"{large} queries"
