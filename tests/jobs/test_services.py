"""Writes on jobs: the status as a small state machine with a history row per change."""
from __future__ import annotations

import pytest

from ats.core.models import Activity
from jobs.models import Job, JobStatusChange
from jobs.services import (
    StatusRefused,
    criteria_set,
    job_create,
    job_set_status,
    job_update,
    stage_add,
    stage_rename,
    stage_reorder,
    stage_set_needs_review,
)
from tests import factories


@pytest.mark.django_db
def test_a_new_job_records_its_first_status(recruiter):
    job = job_create(actor=recruiter, title="Support Engineer")
    assert list(job.status_changes.values_list("from_status", "to_status", "changed_by")) == [("", "draft", recruiter.pk)]
    assert Activity.objects.filter(job=job, verb="job_created", actor=recruiter).exists()


@pytest.mark.django_db
def test_opening_holding_closing_and_reopening_each_leave_history_and_activity(recruiter):
    job = job_create(actor=recruiter, title="Support Engineer")
    for status in ("open", "on_hold", "open", "closed", "open"):
        job_set_status(actor=recruiter, job=job, status=status)
    job.refresh_from_db()
    assert job.status == "open" and job.closed_at is None and job.opened_at is not None
    assert [(c.from_status, c.to_status) for c in job.status_changes.all()] == [
        ("", "draft"), ("draft", "open"), ("open", "on_hold"), ("on_hold", "open"), ("open", "closed"), ("closed", "open")]
    assert Activity.objects.filter(job=job, verb="job_status").count() == 5


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "refused"), [("open", "draft"), ("closed", "on_hold"), ("closed", "draft"), ("draft", "on_hold")])
def test_status_changes_outside_the_transitions_are_refused_and_write_nothing(recruiter, start, refused):
    job = factories.make_job(actor=recruiter, status=start)
    before = JobStatusChange.objects.count(), Activity.objects.count()
    with pytest.raises(StatusRefused, match="cannot become"):
        job_set_status(actor=recruiter, job=job, status=refused)
    job.refresh_from_db()
    assert job.status == start
    assert (JobStatusChange.objects.count(), Activity.objects.count()) == before


@pytest.mark.django_db
def test_the_same_status_again_changes_nothing(job_a, recruiter):
    before = job_a.status_changes.count()
    job_set_status(actor=recruiter, job=job_a, status="open")
    assert job_a.status_changes.count() == before


@pytest.mark.django_db
def test_editing_a_job_records_which_fields_changed_and_passes_status_through_the_machine(job_a, recruiter):
    job_update(actor=recruiter, job=job_a, title="Backend Engineer II", location="Lisbon", status="on_hold")
    job_a.refresh_from_db()
    assert (job_a.title, job_a.location, job_a.status) == ("Backend Engineer II", "Lisbon", "on_hold")
    assert Activity.objects.filter(job=job_a, verb="job_edited", data__fields=["title", "location"]).exists()
    with pytest.raises(StatusRefused):
        job_update(actor=recruiter, job=job_a, status="draft")


def test_every_status_but_draft_can_be_reached_again():
    reachable = set().union(*Job.STATUS_TRANSITIONS.values())
    assert reachable == {"open", "on_hold", "closed"}


# --- The stage editor and criteria --------------------------------------------------------------


def _names(job) -> list[str]:
    return list(job.stages.order_by("position").values_list("name", flat=True))


@pytest.mark.django_db
def test_stages_are_added_renamed_reordered_and_marked_for_review_with_activity(job_a, recruiter):
    offer = job_a.stages.get(kind="offer")
    added = stage_add(actor=recruiter, job=job_a, name="  Tech   interview ", after=job_a.stages.get(kind="interview"))
    assert added.name == "Tech interview" and _names(job_a)[4] == "Tech interview"
    stage_rename(actor=recruiter, stage=added, name="Pairing")
    stage_set_needs_review(actor=recruiter, stage=added, needs_review=True)
    order = list(job_a.stages.order_by("position").values_list("pk", flat=True))
    order.remove(offer.pk)
    stage_reorder(actor=recruiter, job=job_a, order=[offer.pk, *order])
    assert _names(job_a)[:2] == ["Offer", "Applied"]
    data = list(Activity.objects.filter(job=job_a, verb="job_edited").values_list("data", flat=True))
    assert {"stage_added": "Tech interview"} in data and {"stage_renamed": {"from": "Tech interview", "to": "Pairing"}} in data
    assert {"stage_needs_review": {"Pairing": True}} in data


@pytest.mark.django_db
def test_stage_edits_that_would_break_the_pipeline_are_refused(job_a, job_b, recruiter):
    with pytest.raises(ValueError, match="already has a stage"):
        stage_add(actor=recruiter, job=job_a, name="applied")
    with pytest.raises(ValueError, match="needs a name"):
        stage_rename(actor=recruiter, stage=job_a.stages.first(), name="   ")
    with pytest.raises(ValueError, match="every stage of this job exactly once"):
        stage_reorder(actor=recruiter, job=job_a, order=list(job_b.stages.values_list("pk", flat=True)))
    assert not Activity.objects.filter(job=job_a, verb="job_edited").exists()


@pytest.mark.django_db
def test_criteria_are_renamed_in_place_added_and_removed(job_a, recruiter):
    existing = {c.name: c.pk for c in job_a.criteria.all()}
    result = criteria_set(actor=recruiter, job=job_a, criteria=[
        (existing["Communication"], "Clear writing"), (None, "Ownership")])
    assert [c.name for c in result] == ["Clear writing", "Ownership"] and result[0].pk == existing["Communication"]
    assert Activity.objects.filter(job=job_a, data__criteria_removed=["Distributed systems"]).exists()
    with pytest.raises(ValueError, match="listed twice"):
        criteria_set(actor=recruiter, job=job_a, criteria=[(None, "A"), (None, "a")])
