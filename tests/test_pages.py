"""The first recruiter pages render, and their query counts do not grow with the data."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.models import Candidate
from jobs.models import Job


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _urls() -> list[str]:
    job = Job.objects.order_by("pk").first()
    candidate = Candidate.objects.filter(applications__isnull=False).order_by("pk").first()
    return [
        reverse("dashboard"),
        reverse("jobs:list"),
        reverse("jobs:detail", args=[job.pk]),
        reverse("candidates:list"),
        reverse("candidates:detail", args=[candidate.pk]),
    ]


@pytest.mark.django_db
def test_pages_render_with_a_bounded_number_of_queries(client):
    call_command("seed_demo", candidates=10, jobs=2, applications=10, verbosity=0)
    client.force_login(User.objects.get(username="recruiter"))
    small = {url: _count_queries(client, url) for url in _urls()}
    call_command("seed_demo", candidates=1000, jobs=3, applications=1000, add=True, verbosity=0)
    client.force_login(User.objects.get(username="recruiter"))  # seeding resets the demo passwords
    large = {url: _count_queries(client, url) for url in _urls()}
    assert small == large
    assert max(large.values()) <= 15, large


@pytest.mark.django_db
def test_candidate_search_finds_by_name(recruiter_client):
    from tests import factories

    factories.make_candidate(name="Quillon Farraday")
    factories.make_candidate(name="Someone Else")
    page = recruiter_client.get(reverse("candidates:list"), {"q": "farraday"}).content.decode()
    assert "Quillon Farraday" in page and "Someone Else" not in page
