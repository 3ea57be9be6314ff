"""Writes on applications: create, move (compare-and-set), and outcomes as a state machine."""
from __future__ import annotations

import threading

import pytest
from django.db import connection

from jobs.applications.models import Application, OutcomeChange, StageChange
from jobs.applications.services import (
    OutcomeRefused,
    StageConflict,
    application_create,
    application_move,
    application_move_undo,
    application_set_outcome,
    applications_create,
)
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


# --- Outcomes: a small state machine with a history row per change --------------------------------


@pytest.mark.django_db
def test_rejecting_records_the_outcome_its_history_and_activity(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    application_set_outcome(actor=recruiter, application=application, outcome="rejected", reason=" Not a fit ")
    application.refresh_from_db()
    assert (application.outcome, application.outcome_reason) == ("rejected", "Not a fit")
    assert application.outcome_at is not None
    change = OutcomeChange.objects.get(application=application)
    assert (change.from_outcome, change.to_outcome, change.reason, change.changed_by) == ("active", "rejected", "Not a fit", recruiter)
    assert application.activities.filter(verb="outcome_set", data__from="active", data__outcome="rejected").exists()


@pytest.mark.django_db
def test_reopening_clears_the_decision_and_is_history_too(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    application_set_outcome(actor=recruiter, application=application, outcome="withdrawn", reason="Took another offer")
    application_set_outcome(actor=recruiter, application=application, outcome="active")
    application.refresh_from_db()
    assert (application.outcome, application.outcome_reason, application.outcome_at) == ("active", "", None)
    assert list(application.outcome_changes.values_list("from_outcome", "to_outcome")) == [
        ("active", "withdrawn"), ("withdrawn", "active")]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "refused"), [
    (["rejected"], "rejected"),  # already rejected
    (["rejected"], "hired"),  # a rejection is reopened first
    (["withdrawn"], "rejected"),
    ([], "active"),  # active already
])
def test_outcome_changes_outside_the_transitions_are_refused_and_write_nothing(job_a, recruiter, path, refused):
    application = factories.make_application(job=job_a, actor=recruiter)
    for outcome in path:
        application_set_outcome(actor=recruiter, application=application, outcome=outcome, reason="Because")
    before = OutcomeChange.objects.count(), application.activities.count()
    with pytest.raises(OutcomeRefused, match="cannot become"):
        application_set_outcome(actor=recruiter, application=application, outcome=refused, reason="Again")
    assert (OutcomeChange.objects.count(), application.activities.count()) == before


@pytest.mark.django_db
def test_a_rejection_needs_a_reason_and_an_outcome_must_exist(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    with pytest.raises(OutcomeRefused, match="reason is required"):
        application_set_outcome(actor=recruiter, application=application, outcome="rejected", reason="  ")
    with pytest.raises(OutcomeRefused, match="Unknown outcome"):
        application_set_outcome(actor=recruiter, application=application, outcome="ghosted")
    assert not OutcomeChange.objects.exists()


def test_every_outcome_can_be_reached_and_left():
    transitions = Application.OUTCOME_TRANSITIONS
    assert set(transitions) == set(Application.Outcome.values)
    assert all(Application.Outcome.ACTIVE in targets for outcome, targets in transitions.items() if outcome != "active")


@pytest.mark.django_db
def test_adding_candidates_to_a_job_skips_those_already_in_it(job_a, recruiter):
    people = [factories.make_candidate(actor=recruiter) for _ in range(3)]
    factories.make_application(job=job_a, candidate=people[0], actor=recruiter)
    created, skipped = applications_create(actor=recruiter, candidates=people, job=job_a)
    assert [a.candidate for a in created] == people[1:] and skipped == people[:1]
    assert all(a.stage.kind == "applied" and a.stage_changes.count() == 1 for a in created)
    assert all(a.activities.filter(verb="application_created").exists() for a in created)


@pytest.mark.django_db
def test_moving_back_with_the_time_it_had_entered(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    entered = application.stage_entered_at
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "screening"))
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "applied"),
                     entered_at=entered)
    application.refresh_from_db()
    assert application.stage_entered_at == entered


@pytest.mark.django_db
def test_creating_an_application_in_a_review_stage_records_it_and_schedules_the_digest(
    job_a, recruiter, django_capture_on_commit_callbacks
):
    candidate = factories.make_candidate(actor=recruiter)
    with django_capture_on_commit_callbacks() as callbacks:
        application = application_create(actor=recruiter, candidate=candidate, job=job_a,
                                         stage=factories.stage_of(job_a, "shortlist"), source="referral")
    assert (application.stage.kind, application.source, application.created_by) == ("shortlist", "referral", recruiter)
    assert application.stage_changes.get().from_stage is None
    assert application.activities.filter(verb="application_created", data__stage="Shortlisted").exists()
    assert len(callbacks) == 1  # the hiring managers' digest, once the row is committed


@pytest.mark.django_db
def test_an_application_cannot_start_in_another_jobs_stage(job_a, job_b, recruiter):
    with pytest.raises(ValueError, match="does not belong"):
        application_create(actor=recruiter, candidate=factories.make_candidate(), job=job_a,
                           stage=factories.stage_of(job_b, "applied"))


@pytest.mark.django_db
def test_undoing_the_latest_move_restores_time_in_stage_and_refuses_an_older_one(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    entered = application.stage_entered_at
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "screening"))
    first_move = application.stage_changes.latest("pk")
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "interview"))
    with pytest.raises(StageConflict):
        application_move_undo(actor=recruiter, application=application, change=first_move)
    application_move_undo(actor=recruiter, application=application, change=application.stage_changes.latest("pk"))
    application.refresh_from_db()
    assert application.stage.kind == "screening" and application.stage_entered_at > entered
