"""bench_ingest runs the real path end to end and prints its figures (a smoke test, not a timing)."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from candidates.models import Candidate
from candidates.resumes.models import Resume

pytestmark = pytest.mark.django_db(transaction=True)


def test_bench_ingest_prints_its_figures_and_cleans_up(redis_queue):
    # Its worker processes are pointed at this (test) database and Redis by the command itself.
    out = io.StringIO()
    call_command("bench_ingest", files=3, workers="1", idle_samples=1, pages=1, stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("workers=1 files=3 upload=")
    assert "efficiency=" in lines[0] and "p95=" in lines[0]
    assert lines[1].startswith("idle queue, 1 worker, 1 single 1-page uploads: p50=")
    efficiency = float(lines[-1].removeprefix("ingest_efficiency="))
    assert 0 < efficiency <= 1.2
    assert not Resume.objects.exists() and not Candidate.objects.exists()
