"""The one bulk engine: what each bulk change records, and an undo that reverses exactly that, never
deletes, and leaves alone what changed since, for payloads of this version and of the old one."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.core.models import Activity
from candidates.services import candidate_tag_add, candidate_tag_remove, note_add
from jobs.applications.models import Application, StageChange
from jobs.applications.services import application_move, application_set_outcome
from jobs.bulk import services
from jobs.bulk.models import BulkAction
from jobs.bulk.payloads import Payload
from jobs.bulk.selectors import BulkError
from jobs.reviews.services import review_submit
from tests import factories


def _apps(job, actor, n=3):
    return [factories.make_application(job=job, actor=actor) for _ in range(n)]


@pytest.mark.django_db
def test_a_bulk_move_records_each_rows_before_and_after(job_a, recruiter):
    applications = _apps(job_a, recruiter)
    interview = factories.stage_of(job_a, "interview")
    action = services.bulk_move(actor=recruiter, applications=applications, to_stage=interview)
    payload = Payload.load(action.kind, action.payload)
    assert (payload.version, payload.page, payload.job_id, payload.stage_id) == (2, "board", job_a.pk, interview.pk)
    assert [row.application_id for row in payload.rows] == [a.pk for a in applications]
    assert all(row.stage_id == factories.stage_of(job_a, "applied").pk and row.entered_at and row.after_entered_at
               for row in payload.rows)


@pytest.mark.django_db
def test_undoing_a_move_restores_stage_and_time_and_adds_history(job_a, recruiter):
    applications = _apps(job_a, recruiter)
    entered = {a.pk: a.stage_entered_at for a in applications}
    action = services.bulk_move(actor=recruiter, applications=applications, to_stage=factories.stage_of(job_a, "offer"))
    result = services.bulk_undo(actor=recruiter, action=action)
    assert (result.restored, result.changed) == (3, [])
    for application in Application.objects.filter(pk__in=entered):
        assert application.stage.kind == "applied" and application.stage_entered_at == entered[application.pk]
        assert application.stage_changes.count() == 3  # created, moved, moved back: nothing erased
    assert Activity.objects.filter(verb="bulk_undone", job=job_a, data__rows=3, data__left=0).exists()


@pytest.mark.django_db
def test_undo_leaves_what_someone_changed_since(job_a, recruiter):
    kept, moved_on, closed = _apps(job_a, recruiter)
    action = services.bulk_move(actor=recruiter, applications=[kept, moved_on, closed], to_stage=factories.stage_of(job_a, "interview"))
    application_move(actor=recruiter, application=moved_on, to_stage=factories.stage_of(job_a, "offer"))
    application_set_outcome(actor=recruiter, application=closed, outcome="withdrawn", reason="Moved abroad")
    result = services.bulk_undo(actor=recruiter, action=action)
    assert result.restored == 1 and {a.pk for a in result.changed} == {moved_on.pk, closed.pk}
    assert Application.objects.get(pk=moved_on.pk).stage.kind == "offer"
    assert Application.objects.get(pk=closed.pk).outcome == "withdrawn"


@pytest.mark.django_db
def test_undoing_a_rejection_reopens_only_the_rejections_it_made(job_a, recruiter):
    mine, reopened_and_rejected_again = _apps(job_a, recruiter, 2)
    action = services.bulk_set_outcome(actor=recruiter, applications=[mine, reopened_and_rejected_again],
                                       outcome="rejected", reason="Role filled")
    other = factories.make_recruiter("ora")
    application_set_outcome(actor=other, application=reopened_and_rejected_again, outcome="active")
    application_set_outcome(actor=other, application=reopened_and_rejected_again, outcome="rejected", reason="Role filled")
    result = services.bulk_undo(actor=recruiter, action=action)
    assert result.restored == 1 and [a.pk for a in result.changed] == [reopened_and_rejected_again.pk]
    assert Application.objects.get(pk=mine.pk).outcome == "active"
    assert Application.objects.get(pk=reopened_and_rejected_again.pk).outcome == "rejected"


@pytest.mark.django_db
def test_undoing_an_add_to_job_withdraws_and_keeps_everyones_work(job_a, recruiter, manager_a):
    candidates = [factories.make_candidate(actor=recruiter) for _ in range(2)]
    action = services.bulk_add_to_job(actor=recruiter, candidates=candidates, job=job_a)
    first, second = Application.objects.filter(job=job_a).order_by("pk")
    application_move(actor=recruiter, application=first, to_stage=factories.stage_of(job_a, "shortlist"))
    note_add(actor=recruiter, candidate=first.candidate, application=first, body="Strong phone screen.")
    review_submit(actor=manager_a, application=first, recommendation="yes",
                  ratings={c.pk: (3, "") for c in job_a.criteria.all()})
    note_add(actor=recruiter, candidate=second.candidate, application=second, body="Added by mistake?")
    result = services.bulk_undo(actor=recruiter, action=action)
    # The one someone moved on is theirs now; the other is withdrawn; nothing is deleted.
    assert result.restored == 1 and [a.pk for a in result.changed] == [first.pk]
    assert Application.objects.get(pk=second.pk).outcome == "withdrawn"
    assert Application.objects.get(pk=first.pk).outcome == "active"
    assert first.reviews.count() == 1 and first.notes.count() == 1 and second.notes.count() == 1
    assert StageChange.objects.filter(application__in=[first, second]).count() == 3


@pytest.mark.django_db
def test_undoing_a_tag_untags_with_activity_and_skips_those_untagged_since(recruiter):
    people = [factories.make_candidate(actor=recruiter) for _ in range(3)]
    action = services.bulk_tag(actor=recruiter, candidates=people, tag_name="  Golang ")
    candidate_tag_remove(actor=recruiter, candidate=people[0], tag_id=action.payload["tag_id"])
    result = services.bulk_undo(actor=recruiter, action=action)
    assert result.restored == 2 and not any(p.tags.exists() for p in people)
    assert Activity.objects.filter(verb="tags_changed", data__removed="golang").count() == 3


@pytest.mark.django_db
def test_undoing_twice_is_refused(job_a, recruiter):
    action = services.bulk_move(actor=recruiter, applications=_apps(job_a, recruiter, 1), to_stage=factories.stage_of(job_a, "offer"))
    services.bulk_undo(actor=recruiter, action=action)
    with pytest.raises(BulkError, match="already been undone"):
        services.bulk_undo(actor=recruiter, action=action)


@pytest.mark.django_db
def test_a_bulk_outcome_needs_applications(recruiter):
    with pytest.raises(BulkError):
        services.bulk_set_outcome(actor=recruiter, applications=[], outcome="rejected", reason="x")


# --- Payloads written before there was one engine (version 1) -------------------------------------


@pytest.mark.django_db
def test_an_old_search_page_add_to_job_is_undone_by_withdrawing(job_a, recruiter):
    application = factories.make_application(job=job_a, actor=recruiter)
    action = BulkAction.objects.create(actor=recruiter, kind="add_to_job", payload={
        "summary": "1 candidate will be added", "job_id": job_a.pk, "application_ids": [application.pk]})
    assert services.bulk_undo(actor=recruiter, action=action).restored == 1
    assert Application.objects.get(pk=application.pk).outcome == "withdrawn"


@pytest.mark.django_db
def test_an_old_search_page_rejection_reopens_only_one_with_the_same_reason(job_a, recruiter):
    same, other_reason = _apps(job_a, recruiter, 2)
    application_set_outcome(actor=recruiter, application=same, outcome="rejected", reason="Role filled")
    application_set_outcome(actor=recruiter, application=other_reason, outcome="rejected", reason="Salary")
    action = BulkAction.objects.create(actor=recruiter, kind="reject", payload={
        "summary": "2 will be rejected", "job_id": job_a.pk, "reason": "Role filled",
        "applications": [{"application_id": same.pk}, {"application_id": other_reason.pk}]})
    result = services.bulk_undo(actor=recruiter, action=action)
    assert result.restored == 1
    assert Application.objects.get(pk=same.pk).outcome == "active"
    assert Application.objects.get(pk=other_reason.pk).outcome == "rejected"


@pytest.mark.django_db
def test_an_old_board_move_is_undone_with_its_time_in_stage(job_a, recruiter):
    (application,) = _apps(job_a, recruiter, 1)
    applied, offer = factories.stage_of(job_a, "applied"), factories.stage_of(job_a, "offer")
    before = application.stage_entered_at - timedelta(days=3)
    application_move(actor=recruiter, application=application, to_stage=offer)
    action = BulkAction.objects.create(actor=recruiter, kind="move", payload={
        "source": "board", "job_id": job_a.pk, "stage_id": offer.pk, "summary": "Moved 1 candidate to Offer",
        "moves": [{"application_id": application.pk, "from_stage_id": applied.pk, "stage_entered_at": before.isoformat(),
                   "outcome": "active", "reason": "", "outcome_at": None, "moved_at": application.stage_entered_at.isoformat()}]})
    assert services.bulk_undo(actor=recruiter, action=action).restored == 1
    application.refresh_from_db()
    assert application.stage == applied and application.stage_entered_at == before
    assert timezone.now() > application.stage_entered_at


@pytest.mark.django_db
def test_an_old_tag_is_undone(recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    candidate_tag_add(actor=recruiter, candidate=candidate, name="python")
    tag = candidate.tags.get()
    action = BulkAction.objects.create(actor=recruiter, kind="tag", payload={
        "summary": "1 tagged", "tag_id": tag.pk, "candidate_ids": [candidate.pk]})
    assert services.bulk_undo(actor=recruiter, action=action).restored == 1
    assert not candidate.tags.exists()


@pytest.mark.django_db
def test_a_search_page_plan_is_carried_out_by_the_engine(job_a, recruiter):
    from jobs.bulk.selectors import bulk_plan

    people = [factories.make_candidate(actor=recruiter) for _ in range(2)]
    plan = bulk_plan(user=recruiter, kind="add_to_job", candidates=people, job=job_a)
    action = services.bulk_apply(actor=recruiter, plan=plan)
    assert action.kind == "add_to_job" and action.payload["page"] == "search"
    plan = bulk_plan(user=recruiter, kind="add_to_list", candidates=people, new_list_name="Pool")
    assert services.bulk_apply(actor=recruiter, plan=plan) is None  # lists need no undo
    assert plan.candidate_list.entries.count() == 2
