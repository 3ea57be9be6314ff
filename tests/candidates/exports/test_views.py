"""`candidates:export`: the search results as CSV, streamed, for recruiters only."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tests import factories

# How much the exporting process's peak resident memory may grow while it streams 100,000 rows
# (about 15 MiB of CSV). Holding the rows as Python tuples, or the CSV, would take well over that.
PEAK_MEMORY_BOUND = 20 * 1024 * 1024
ROWS = 100_000


def _rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.django_db
def test_export_has_the_filtered_results_with_formulas_escaped(recruiter_client, recruiter):
    factories.make_candidate(actor=recruiter, name="Mei Lin 林美", skills=["Python"], headline="=HYPERLINK(\"x\")")
    factories.make_candidate(actor=recruiter, name="Omar Fictional", skills=["Java"])
    response = recruiter_client.get(reverse("candidates:export"), {"skills": "Python"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="candidates-')
    rows = _rows(response)
    assert rows[0][:3] == ["Candidate id", "Name", "Headline"]
    assert [row[1] for row in rows[1:]] == ["Mei Lin 林美"]
    assert rows[1][2] == "'=HYPERLINK(\"x\")"


@pytest.mark.django_db
def test_hiring_manager_cannot_export_candidates(manager_a_client, job_a):
    factories.make_application(job=job_a, kind="shortlist")
    assert manager_a_client.get(reverse("candidates:export")).status_code == 404


@pytest.mark.django_db
def test_export_refuses_post(recruiter_client):
    assert recruiter_client.post(reverse("candidates:export")).status_code == 405


@pytest.mark.django_db
def test_search_page_links_to_the_export_with_its_filters(recruiter_client, recruiter):
    factories.make_candidate(actor=recruiter, name="Ada Fictional", skills=["Python"])
    page = recruiter_client.get(reverse("candidates:list"), {"skills": "Python"}).content.decode()
    assert f'href="{reverse("candidates:export")}?skills=Python"' in page


@pytest.mark.django_db(transaction=True)
def test_exporting_100000_candidates_streams_in_bounded_memory(recruiter):
    """In a fresh process (the data committed, so it can see it): its peak resident memory may grow
    by at most PEAK_MEMORY_BOUND while it streams 100,000 rows, about 15 MiB of CSV."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO candidates_candidate (full_name, headline, location, summary, emails, phones, links, skills,
                languages, source, corrected_fields, created_at, updated_at, last_activity_at,
                do_not_contact, do_not_contact_reason)
            SELECT 'Fictional Person ' || n, 'Engineer at Example ' || (n %% 97), 'Springfield', '',
                   ARRAY['person' || n || '@example.com'], ARRAY['+1 555 0100 ' || n], '{}', ARRAY['Python', 'SQL'],
                   '{}', 'upload', '{}', now(), now(), now() - n * interval '1 second', false, ''
              FROM generate_series(1, %s) AS n
            """,
            [ROWS],
        )
    database = connection.settings_dict
    env = {**os.environ, "DATABASE_URL": f"postgres://{database['HOST'] or ''}/{database['NAME']}"}
    if "SECRET_KEY" not in env:
        env["DEBUG"] = "1"  # settings refuse to start without a secret otherwise; the test environment turns DEBUG off
    finished = subprocess.run(
        [sys.executable, "-m", "tests.candidates.exports.measure_export", recruiter.username],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    status, lines, size, grown_kib, seconds = finished.stdout.split()[-5:]
    assert status == "200"
    assert int(lines) == ROWS + 1
    assert int(size) > 12 * 1024 * 1024
    assert int(grown_kib) * 1024 < PEAK_MEMORY_BOUND, f"grew {int(grown_kib) / 1024:.1f} MiB streaming {int(size) / 2**20:.1f} MiB"
    print(f"100,000 rows: {int(size) / 2**20:.1f} MiB of CSV in {seconds}s, peak RSS grew {int(grown_kib) / 1024:.1f} MiB")
