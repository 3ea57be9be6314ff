"""A small hiring story with known timestamps, for figures computed by hand.

The histories are append-only and the services stamp them with the current time, so this fixture
writes its history rows directly, with the timestamps the expected figures are computed from.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.applications.models import Application, OutcomeChange, StageChange
from tests import factories

DAY = timedelta(days=1)


def _add(job, *, source="", candidate_source="sourced", moves, outcome=None, rejection_reason=None):
    """An application that applied at moves[0][1] and went through `moves` [(stage kind, when)],
    then `outcome` (kind, when, reason) if given, with a managed `rejection_reason` if given."""
    stages = {stage.kind: stage for stage in job.stages.all()}
    candidate = factories.make_candidate(source=candidate_source)
    (_, applied), (last_kind, entered) = moves[0], moves[-1]
    outcome_kind, outcome_at, reason = outcome or ("active", None, "")
    application = Application.objects.create(
        candidate=candidate, job=job, stage=stages[last_kind], source=source, applied_at=applied,
        stage_entered_at=entered, outcome=outcome_kind, outcome_at=outcome_at, outcome_reason=reason,
    )
    previous = None
    for kind, when in moves:
        StageChange.objects.create(
            application=application, from_stage=previous, to_stage=stages[kind], from_stage_name=previous.name if previous else "",
            to_stage_name=stages[kind].name, changed_at=when,
        )
        previous = stages[kind]
    if outcome:
        OutcomeChange.objects.create(application=application, from_outcome="active", to_outcome=outcome_kind,
                                     reason=reason, rejection_reason=rejection_reason, changed_at=outcome_at)
    return application


@pytest.fixture
def t0():
    return timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) - 20 * DAY


@pytest.fixture
def pipeline(job_a, t0):
    """Four applications to job A, all applied at t0:
    1. Applied → Screening (+2d) → Interview (+5d, skipping the shortlist) → Hired (+10d), hired.
    2. Applied → Screening (+4d), rejected at +6d.
    3. Applied, withdrawn at +1d.
    4. Applied → Screening (+1d) → Shortlisted (+3d) → back to Screening (+4d), still active."""
    _add(job_a, source="careers", moves=[("applied", t0), ("screening", t0 + 2 * DAY), ("interview", t0 + 5 * DAY),
                                         ("hired", t0 + 10 * DAY)], outcome=("hired", t0 + 10 * DAY, ""))
    _add(job_a, source="careers", moves=[("applied", t0), ("screening", t0 + 4 * DAY)],
         outcome=("rejected", t0 + 6 * DAY, "Not enough experience"))
    _add(job_a, candidate_source="referral", moves=[("applied", t0)], outcome=("withdrawn", t0 + DAY, "Took another offer"))
    _add(job_a, source="upload", moves=[("applied", t0), ("screening", t0 + DAY), ("shortlist", t0 + 3 * DAY),
                                        ("screening", t0 + 4 * DAY)])
    return job_a


