"""`jobs:export`: a job's applications with stage, outcome and a summary of the reviews, as CSV."""
from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.applications.services import application_set_outcome
from jobs.reviews.services import review_submit
from tests import factories


def _rows(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.fixture
def reviewed(recruiter, manager_a, job_a):
    """Three applications of job A: one shortlisted and reviewed, one rejected, one new; one of job B."""
    shortlisted = factories.make_application(
        job=job_a, actor=recruiter, kind="shortlist", candidate=factories.make_candidate(name="王小明", emails=["wang@example.cn"])
    )
    criteria = list(job_a.criteria.all())
    review_submit(actor=manager_a, application=shortlisted, recommendation="strong_yes",
                  ratings={criteria[0].pk: (4, ""), criteria[1].pk: (3, "")})
    rejected = factories.make_application(job=job_a, actor=recruiter, candidate=factories.make_candidate(name="@Bad Actor"))
    application_set_outcome(actor=recruiter, application=rejected, outcome="rejected", reason="=cmd|' /C calc'!A0")
    factories.make_application(job=job_a, actor=recruiter, candidate=factories.make_candidate(name="Sam Fictional"))
    return shortlisted


@pytest.mark.django_db
def test_recruiter_exports_every_application_with_reviews_summary(recruiter_client, job_a, job_b, reviewed):
    factories.make_application(job=job_b, candidate=factories.make_candidate(name="Other Job Person"))
    response = recruiter_client.get(reverse("jobs:export", args=[job_a.pk]))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = {row["Name"]: row for row in _rows(response)}
    assert set(rows) == {"王小明", "'@Bad Actor", "Sam Fictional"}
    wang = rows["王小明"]
    assert (wang["Stage"], wang["Outcome"], wang["E-mail"]) == ("Shortlisted", "Active", "wang@example.cn")
    assert (wang["Reviews"], wang["Strong yes"], wang["No"], wang["Average rating (1-4)"]) == ("1", "1", "0", "3.5")
    rejected = rows["'@Bad Actor"]
    assert rejected["Outcome"] == "Rejected" and rejected["Outcome reason"] == "'=cmd|' /C calc'!A0"
    assert rejected["Reviews"] == "0" and rejected["Average rating (1-4)"] == ""


@pytest.mark.django_db
def test_export_is_one_query_whatever_the_row_count(recruiter_client, job_a, reviewed):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            b"".join(recruiter_client.get(reverse("jobs:export", args=[job_a.pk])).streaming_content)
        return len(ctx.captured_queries)

    small = queries()
    factories.bulk_applications(job_a, 300)
    assert queries() == small


@pytest.mark.django_db
def test_hiring_manager_exports_what_their_board_shows(manager_a_client, job_a, reviewed):
    rows = _rows(manager_a_client.get(reverse("jobs:export", args=[job_a.pk])))
    assert [row["Name"] for row in rows] == ["王小明"]  # only those waiting for review, as on the board


@pytest.mark.django_db
def test_hiring_manager_of_an_anonymised_job_gets_no_names(manager_a_client, job_a, reviewed):
    job_a.anonymised_review = True
    job_a.save(update_fields=["anonymised_review"])
    rows = _rows(manager_a_client.get(reverse("jobs:export", args=[job_a.pk])))
    assert [(row["Name"], row["E-mail"]) for row in rows] == [("(anonymised)", "(anonymised)")]


@pytest.mark.django_db
def test_hiring_manager_cannot_export_another_job(manager_a_client, job_b):
    factories.make_application(job=job_b, kind="shortlist")
    assert manager_a_client.get(reverse("jobs:export", args=[job_b.pk])).status_code == 404


@pytest.mark.django_db
def test_board_links_to_the_export(recruiter_client, manager_a_client, job_a):
    url = reverse("jobs:export", args=[job_a.pk])
    assert f'href="{url}"' in recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert f'href="{url}"' in manager_a_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
