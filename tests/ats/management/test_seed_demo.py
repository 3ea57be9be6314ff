from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from candidates.models import Candidate
from jobs.applications.models import Application, StageChange
from jobs.models import Job


@pytest.mark.django_db
def test_demo_data_command_runs_twice_and_keeps_logins_working(capsys):
    call_command("seed_demo", candidates=40, jobs=5, applications=60)
    call_command("seed_demo", candidates=40, jobs=5, applications=60)
    output = capsys.readouterr().out
    assert "already present" in output
    assert Candidate.objects.count() == 40
    assert Job.objects.count() == 5
    assert Application.objects.count() == 60
    assert StageChange.objects.count() == 60
    assert all(job.stages.count() == 6 for job in Job.objects.all())
    # Searchable as they are: a keyword search finds them (it found 1 of 150 before, issue 11.1).
    assert not Candidate.objects.filter(search_document__isnull=True).exists()
    for username in ("admin", "recruiter", "manager"):
        assert User.objects.get(username=username).check_password(f"demo-{username}")


@pytest.mark.django_db
def test_demo_data_rejects_impossible_counts():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cannot exceed"):
        call_command("seed_demo", candidates=2, jobs=1, applications=5)
