from __future__ import annotations

import threading

import pytest
from django.db import connection

from jobs.applications.models import Application, StageChange
from jobs.applications.services import StageConflict, application_move
from tests import factories


@pytest.mark.django_db
def test_move_records_history_and_activity(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    shortlist = factories.stage_of(job_a, "shortlist")
    application_move(actor=recruiter, application=application, to_stage=shortlist)
    application.refresh_from_db()
    assert application.stage == shortlist
    assert list(StageChange.objects.filter(application=application).values_list("to_stage_name", flat=True)) == [
        "Applied",
        "Shortlisted",
    ]
    assert application.activities.filter(verb="stage_moved", data__to="Shortlisted").exists()


@pytest.mark.django_db
def test_move_with_a_stale_from_stage_conflicts(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    screening = factories.stage_of(job_a, "screening")
    shortlist = factories.stage_of(job_a, "shortlist")
    application_move(actor=recruiter, application=application, to_stage=screening)
    with pytest.raises(StageConflict):
        application_move(
            actor=recruiter, application=application, to_stage=shortlist, from_stage_id=factories.stage_of(job_a, "applied").pk
        )


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_moves_of_one_card_exactly_one_wins(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    applied_id = application.stage_id
    targets = [factories.stage_of(job_a, "screening"), factories.stage_of(job_a, "interview")]
    barrier = threading.Barrier(2)
    results: list[str] = []

    def move(target):
        try:
            fresh = Application.objects.get(pk=application.pk)
            barrier.wait()
            application_move(actor=recruiter, application=fresh, to_stage=target, from_stage_id=applied_id)
            results.append("won")
        except StageConflict:
            results.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=move, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["lost", "won"]
    assert StageChange.objects.filter(application=application).count() == 2  # created + one move
