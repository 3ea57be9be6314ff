"""The one writer of the activity log."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.core.models import Activity
from ats.core.services import activities_record, activity_record
from tests import factories


@pytest.mark.django_db
def test_an_activity_row_names_who_did_what_and_touches_the_candidate(recruiter, job_a):
    candidate = factories.make_candidate(actor=recruiter)
    activity = activity_record(actor=recruiter, verb=Activity.Verb.NOTE_ADDED, candidate=candidate, job=job_a, data={"n": 1})
    candidate.refresh_from_db()
    assert (activity.actor, activity.candidate, activity.job, activity.data) == (recruiter, candidate, job_a, {"n": 1})
    assert candidate.last_activity_at == activity.created_at


@pytest.mark.django_db
def test_an_anonymous_or_system_change_has_no_actor(job_a):
    from django.contrib.auth.models import AnonymousUser

    assert activity_record(actor=AnonymousUser(), verb=Activity.Verb.JOB_EDITED, job=job_a).actor is None
    assert activity_record(actor=None, verb=Activity.Verb.JOB_EDITED, job=job_a).actor is None


@pytest.mark.django_db
def test_many_rows_at_once_touch_each_candidate_with_its_latest(recruiter):
    first, second = factories.make_candidate(actor=recruiter), factories.make_candidate(actor=recruiter)
    now = timezone.now()
    rows = activities_record([
        Activity(verb=Activity.Verb.TAGS_CHANGED, candidate=first, created_at=now - timedelta(hours=1)),
        Activity(verb=Activity.Verb.TAGS_CHANGED, candidate=first, created_at=now),
        Activity(verb=Activity.Verb.TAGS_CHANGED, candidate=second, created_at=now - timedelta(hours=2)),
        Activity(verb=Activity.Verb.SEARCH_SAVED),
    ])
    assert len(rows) == 4 and all(row.pk for row in rows)
    first.refresh_from_db(), second.refresh_from_db()
    assert first.last_activity_at == now and second.last_activity_at == now - timedelta(hours=2)
    assert activities_record([]) == []
