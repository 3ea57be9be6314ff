"""bench_pages fills, tops up (new candidates apply to the jobs already there) and measures."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from candidates.models import Candidate
from jobs.applications.models import Application
from jobs.models import Job


@pytest.mark.django_db
def test_bench_pages_fills_tops_up_and_measures_every_page(settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    out = StringIO()
    call_command("bench_pages", candidates=40, jobs=4, applications=60, big_job=10, runs=1, stdout=out)
    assert (Candidate.objects.count(), Job.objects.count(), Application.objects.count()) == (40, 4, 60)
    # Twice the candidates and applications, no new job: the top-up spreads over the three jobs.
    call_command("bench_pages", candidates=80, jobs=4, applications=120, big_job=10, runs=1, stdout=out)
    assert (Candidate.objects.count(), Job.objects.count(), Application.objects.count()) == (80, 4, 120)
    report = out.getvalue()
    for page in ("dashboard", "misspelled name", "candidate profile"):
        assert report.count(page) == 2
    assert "pages meet them" in report
