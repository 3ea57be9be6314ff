"""Bulk actions and their undo: tag, add to job, move and reject from search results (preview,
apply, undo), and move or reject selected cards on a board."""
from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ats.core.models import Activity
from candidates.lists.models import CandidateList
from candidates.models import Note
from candidates.services import candidate_tag_add, note_add
from jobs.applications.models import Application, StageChange
from jobs.applications.services import application_move, application_set_outcome
from jobs.bulk.models import BulkAction
from jobs.reviews import services as reviews
from jobs.reviews.models import Review
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(recruiter):
    return [factories.make_candidate(actor=recruiter, name=f"Bulk Person {n}") for n in range(4)]


@pytest.mark.django_db
def test_bulk_tag_preview_apply_and_undo(recruiter, recruiter_client, people):
    candidate_tag_add(actor=recruiter, candidate=people[0], name="golang")
    data = {"kind": "tag", "tag": "golang", "ids": [p.pk for p in people]}
    preview = recruiter_client.post(reverse("candidates:bulk_preview"), data, **HTMX)
    text = preview.content.decode()
    assert "3 candidates will be tagged “golang”; 1 already have it" in text
    assert not people[1].tags.exists()  # the preview writes nothing
    response = recruiter_client.post(reverse("candidates:bulk_apply"), {**data, "next": "/candidates/?q=x"})
    assert response.status_code == 302 and response["Location"] == "/candidates/?q=x"
    assert all(p.tags.filter(name="golang").exists() for p in people)
    action = BulkAction.objects.get()
    page = recruiter_client.get(reverse("candidates:list"))
    assert f"/candidates/bulk/{action.pk}/undo/" in page.content.decode()
    recruiter_client.post(reverse("candidates:bulk_undo", args=[action.pk]))
    assert people[0].tags.filter(name="golang").exists()  # it had the tag before
    assert not any(p.tags.exists() for p in people[1:])


@pytest.mark.django_db
def test_bulk_add_to_job_skips_those_already_in_it_and_undo_withdraws_the_new_ones(recruiter, recruiter_client, people, job_a):
    factories.make_application(job=job_a, candidate=people[0], actor=recruiter)
    data = {"kind": "add_to_job", "job": job_a.pk, "ids": [p.pk for p in people]}
    preview = recruiter_client.post(reverse("candidates:bulk_preview"), data, **HTMX).content.decode()
    assert "3 candidates will be added to “Backend Engineer”; 1 are already in this job" in preview
    recruiter_client.post(reverse("candidates:bulk_apply"), data)
    assert Application.objects.filter(job=job_a).count() == 4
    page = recruiter_client.post(reverse("candidates:bulk_undo", args=[BulkAction.objects.get().pk]), follow=True)
    assert "Undone: withdrew 3 applications added by mistake" in page.content.decode()
    # Nothing is deleted (the applications may carry reviews and notes by then): they are withdrawn.
    outcomes = dict(Application.objects.filter(job=job_a).values_list("candidate_id", "outcome"))
    assert outcomes == {people[0].pk: "active", **{p.pk: "withdrawn" for p in people[1:]}}


@pytest.mark.django_db
def test_bulk_move_and_reject_with_undo(recruiter, recruiter_client, people, job_a):
    apps = [factories.make_application(job=job_a, candidate=p, actor=recruiter) for p in people[:3]]
    screening = factories.stage_of(job_a, "screening")
    ids = [p.pk for p in people]
    recruiter_client.post(reverse("candidates:bulk_apply"), {"kind": "move", "job": job_a.pk, "stage": screening.pk, "ids": ids})
    assert {a.stage_id for a in Application.objects.filter(pk__in=[a.pk for a in apps])} == {screening.pk}
    recruiter_client.post(reverse("candidates:bulk_apply"), {"kind": "reject", "job": job_a.pk, "reason": "Position filled", "ids": ids})
    assert set(Application.objects.filter(job=job_a).values_list("outcome", flat=True)) == {"rejected"}
    reject, move = BulkAction.objects.order_by("-pk")[:2]
    recruiter_client.post(reverse("candidates:bulk_undo", args=[reject.pk]))
    recruiter_client.post(reverse("candidates:bulk_undo", args=[move.pk]))
    applied = factories.stage_of(job_a, "applied")
    assert set(Application.objects.filter(job=job_a).values_list("outcome", "stage_id")) == {("active", applied.pk)}
    # Undo twice is refused, nothing changes.
    response = recruiter_client.post(reverse("candidates:bulk_undo", args=[move.pk]), follow=True)
    assert "already been undone" in response.content.decode()


@pytest.mark.django_db
def test_reject_needs_a_reason_and_preview_says_so(recruiter_client, people, job_a):
    response = recruiter_client.post(reverse("candidates:bulk_preview"), {"kind": "reject", "job": job_a.pk, "ids": [people[0].pk]}, **HTMX)
    assert "Choose a rejection reason or type one." in response.content.decode()


@pytest.mark.django_db
def test_bulk_add_to_new_list_then_list_page_shows_them(recruiter, recruiter_client, people):
    data = {"kind": "add_to_list", "new_list": "Backend pool", "ids": [people[0].pk, people[1].pk]}
    recruiter_client.post(reverse("candidates:bulk_apply"), data)
    candidate_list = CandidateList.objects.get(owner=recruiter)
    page = recruiter_client.get(reverse("candidates:list"), {"list": candidate_list.pk})
    assert sorted(c.pk for c in page.context["rows"]) == sorted([people[0].pk, people[1].pk])


@pytest.mark.django_db
def test_saved_search_roundtrip(recruiter_client, recruiter):
    recruiter_client.post(reverse("candidates:saved_search_create"), {"name": "Go folks", "query_string": "skills=Go"})
    page = recruiter_client.get(reverse("candidates:list"))
    assert 'href="/candidates/?skills=Go"' in page.content.decode()


@pytest.mark.django_db
def test_hiring_manager_cannot_bulk(manager_a_client, people):
    response = manager_a_client.post(reverse("candidates:bulk_apply"), {"kind": "tag", "tag": "x", "ids": [people[0].pk]})
    assert response.status_code == 404
    assert not people[0].tags.exists()


@pytest.mark.django_db
def test_bulk_next_url_must_be_local(recruiter_client, people):
    data = {"kind": "tag", "tag": "x", "ids": [people[0].pk], "next": "javascript:alert(1)"}
    preview = recruiter_client.post(reverse("candidates:bulk_preview"), data, **HTMX).content.decode()
    assert 'href="javascript' not in preview
    response = recruiter_client.post(reverse("candidates:bulk_apply"), {**data, "next": "https://evil.example/"})
    assert response["Location"] == reverse("candidates:list")


@pytest.mark.django_db
def test_bulk_on_all_matching_the_search_not_just_the_page(recruiter, recruiter_client):
    from candidates.search.services import candidate_reindex

    matching = [factories.make_candidate(actor=recruiter, name=f"Ingrid Calloway {n}", headline="Rust developer") for n in range(30)]
    other = factories.make_candidate(actor=recruiter, name="Tobias Yarrow", headline="Designer")
    candidate_reindex([c.pk for c in [*matching, other]])
    data = {"kind": "tag", "tag": "rust", "all_matching": "1", "search": "q=rust"}
    preview = recruiter_client.post(reverse("candidates:bulk_preview"), data, **HTMX).content.decode()
    assert "30 candidates will be tagged “rust”" in preview
    recruiter_client.post(reverse("candidates:bulk_apply"), data)
    assert all(c.tags.filter(name="rust").exists() for c in matching)
    assert not other.tags.exists()


@pytest.mark.django_db
def test_remove_from_list_and_delete_list(recruiter, recruiter_client, people):
    recruiter_client.post(reverse("candidates:bulk_apply"), {"kind": "add_to_list", "new_list": "Pool", "ids": [p.pk for p in people]})
    pool = CandidateList.objects.get()
    data = {"kind": "remove_from_list", "from_list": pool.pk, "ids": [people[0].pk]}
    preview = recruiter_client.post(reverse("candidates:bulk_preview"), data, **HTMX).content.decode()
    assert "1 candidate will be removed from the list “Pool”" in preview
    response = recruiter_client.post(reverse("candidates:bulk_apply"), data, follow=True)
    assert "1 candidate was removed from the list" in response.content.decode()
    assert pool.entries.count() == 3
    recruiter_client.post(reverse("candidates:list_delete", args=[pool.pk]))
    assert not CandidateList.objects.exists()
    assert all(type(p).objects.filter(pk=p.pk).exists() for p in people)


# --- From a board ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_bulk_needs_post(recruiter_client, recruiter, job_a):
    assert recruiter_client.get(reverse("jobs:bulk", args=[job_a.pk])).status_code == 405



@pytest.mark.django_db
def test_bulk_reject_asks_for_confirmation_then_rejects_with_the_reason(recruiter_client, recruiter, job_a):
    applications = [factories.make_application(job=job_a, actor=recruiter) for _ in range(3)]
    url = reverse("jobs:bulk", args=[job_a.pk])
    data = {"action": "reject", "reason": "Role filled internally", "application": [a.pk for a in applications[:2]]}
    confirm = recruiter_client.post(url, data)
    assert confirm.status_code == 200 and "Reject 2 applications?" in confirm.content.decode()
    assert not Application.objects.filter(outcome="rejected").exists()
    response = recruiter_client.post(url, {**data, "confirmed": "1"})
    assert response.status_code == 302
    rejected = Application.objects.filter(outcome="rejected")
    assert set(rejected.values_list("pk", flat=True)) == {applications[0].pk, applications[1].pk}
    assert set(rejected.values_list("outcome_reason", flat=True)) == {"Role filled internally"}
    assert Activity.objects.filter(verb="outcome_set", actor=recruiter).count() == 2



@pytest.mark.django_db
def test_bulk_reject_without_a_reason_changes_nothing(recruiter_client, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter)
    response = recruiter_client.post(reverse("jobs:bulk", args=[job_a.pk]),
                                     {"action": "reject", "reason": " ", "application": [application.pk], "confirmed": "1"},
                                     follow=True)
    assert "A reason is required" in response.content.decode()
    application.refresh_from_db()
    assert application.outcome == "active"



@pytest.mark.django_db
def test_bulk_move_moves_every_selected_card_with_history(recruiter_client, recruiter, job_a, job_b):
    mine = [factories.make_application(job=job_a, actor=recruiter) for _ in range(2)]
    foreign = factories.make_application(job=job_b, actor=recruiter)
    interview = factories.stage_of(job_a, "interview")
    response = recruiter_client.post(reverse("jobs:bulk", args=[job_a.pk]), {
        "action": "move", "to_stage": interview.pk, "confirmed": "1", "application": [a.pk for a in mine] + [foreign.pk]})
    assert response.status_code == 302
    assert set(Application.objects.filter(stage=interview).values_list("pk", flat=True)) == {a.pk for a in mine}
    foreign.refresh_from_db()
    assert foreign.stage.kind == "applied"
    assert StageChange.objects.filter(to_stage=interview, changed_by=recruiter).count() == 2



def _bulk(client, job, applications, **data):
    url = reverse("jobs:bulk", args=[job.pk])
    return client.post(url, {"confirmed": "1", "application": [a.pk for a in applications], **data})



def _undo_url(page: str) -> str:
    match = re.search(r'action="(/jobs/\d+/applications/bulk/\d+/undo/)"', page)
    assert match, "no Undo on the board"
    return match.group(1)



@pytest.mark.django_db
def test_bulk_move_offers_undo_that_moves_them_back_with_their_time_in_stage(recruiter_client, recruiter, job_a):
    applications = [factories.make_application(job=job_a, actor=recruiter) for _ in range(3)]
    entered = {a.pk: a.stage_entered_at for a in applications}
    interview = factories.stage_of(job_a, "interview")
    assert _bulk(recruiter_client, job_a, applications, action="move", to_stage=interview.pk).status_code == 302
    action = BulkAction.objects.get(kind="move", actor=recruiter)
    assert action.payload["version"] == 2
    assert [row["application_id"] for row in action.payload["rows"]] == [a.pk for a in applications]

    board = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert "Moved 3 candidates to Interview." in board
    # Offered once: a reload no longer shows it.
    assert "Moved 3 candidates" not in recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()

    response = recruiter_client.post(_undo_url(board), follow=True)
    assert "Undone: moved 3 candidates back." in response.content.decode()
    for application in applications:
        application.refresh_from_db()
        assert application.stage.kind == "applied"
        assert application.stage_entered_at == entered[application.pk]
        assert list(application.stage_changes.order_by("changed_at", "id").values_list("to_stage__kind", flat=True)) == [
            "applied", "interview", "applied"]
    action.refresh_from_db()
    assert action.undone_at is not None
    assert Activity.objects.filter(verb="bulk_undone", actor=recruiter, job=job_a).exists()
    again = recruiter_client.post(_undo_url(board), follow=True)
    assert "already been undone" in again.content.decode()



@pytest.mark.django_db
def test_bulk_undo_leaves_applications_that_changed_since_and_names_them(recruiter_client, recruiter, job_a):
    kept, moved_on, rejected = (factories.make_application(job=job_a, actor=recruiter, candidate=factories.make_candidate(
        name=name)) for name in ("Kim Kept", "Max Movedon", "Rex Rejected"))
    interview, offer = factories.stage_of(job_a, "interview"), factories.stage_of(job_a, "offer")
    _bulk(recruiter_client, job_a, [kept, moved_on, rejected], action="move", to_stage=interview.pk)
    board = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    moved_on.refresh_from_db()
    application_move(actor=recruiter, application=moved_on, to_stage=offer)
    rejected.refresh_from_db()
    application_set_outcome(actor=recruiter, application=rejected, outcome="rejected", reason="Salary")

    page = recruiter_client.post(_undo_url(board), follow=True).content.decode()
    assert "Undone: moved 1 candidate back." in page
    assert "changed since: Max Movedon, Rex Rejected." in page
    for application, kind, outcome in ((kept, "applied", "active"), (moved_on, "offer", "active"),
                                       (rejected, "interview", "rejected")):
        application.refresh_from_db()
        assert (application.stage.kind, application.outcome) == (kind, outcome)



@pytest.mark.django_db
def test_bulk_reject_can_be_undone(recruiter_client, recruiter, job_a):
    applications = [factories.make_application(job=job_a, actor=recruiter) for _ in range(2)]
    _bulk(recruiter_client, job_a, applications, action="reject", reason="Role filled internally")
    board = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert "Rejected 2 candidates: Role filled internally." in board
    page = recruiter_client.post(_undo_url(board), follow=True).content.decode()
    assert "Undone: 2 candidates back on the board." in page
    for application in applications:
        application.refresh_from_db()
        assert (application.outcome, application.outcome_reason, application.outcome_at) == ("active", "", None)
        assert application.stage.kind == "applied"



@pytest.mark.django_db
def test_bulk_undo_is_only_for_the_recruiter_who_did_it_on_that_job(recruiter_client, recruiter, job_a, job_b):
    application = factories.make_application(job=job_a, actor=recruiter)
    _bulk(recruiter_client, job_a, [application], action="move", to_stage=factories.stage_of(job_a, "offer").pk)
    url = _undo_url(recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode())
    action_id = int(url.rstrip("/").split("/")[-2])
    assert recruiter_client.post(reverse("jobs:bulk_undo", args=[job_b.pk, action_id])).status_code == 404
    assert recruiter_client.get(url).status_code == 405
    other = factories.make_recruiter("robin_other")
    from django.test import Client

    client = Client()
    client.force_login(other)
    assert client.post(url).status_code == 404
    application.refresh_from_db()
    assert application.stage.kind == "offer"


# --- Undo never deletes, and leaves what changed since (issue 10) -------------------------------------


@pytest.mark.django_db
def test_undoing_a_search_page_add_to_job_keeps_reviews_and_notes(recruiter, recruiter_client, manager_a, job_a):
    candidate = factories.make_candidate(actor=recruiter)
    recruiter_client.post(reverse("candidates:bulk_apply"), {"kind": "add_to_job", "job": job_a.pk, "ids": [candidate.pk]})
    application = Application.objects.get(candidate=candidate, job=job_a)
    note_add(actor=recruiter, candidate=candidate, application=application, body="Great phone screen.")
    criteria = {c.pk: (3, "") for c in job_a.criteria.all()}
    reviews.review_submit(actor=manager_a, application=application, recommendation="yes", ratings=criteria)
    recruiter_client.post(reverse("candidates:bulk_undo", args=[BulkAction.objects.get().pk]))
    assert Note.objects.filter(application_id=application.pk).exists(), "the note was deleted with the application"
    assert Review.objects.filter(application_id=application.pk).exists(), "the review was deleted with the application"
    application = Application.objects.get(pk=application.pk)
    assert application.outcome == Application.Outcome.WITHDRAWN


@pytest.mark.django_db
def test_search_page_undo_leaves_a_rejection_someone_else_made_since(recruiter, recruiter_client, job_a):
    application = factories.make_application(job=job_a, actor=recruiter)
    data = {"kind": "reject", "job": job_a.pk, "reason": "Position filled", "ids": [application.candidate_id]}
    recruiter_client.post(reverse("candidates:bulk_apply"), data)
    other = factories.make_recruiter("ora")
    application.refresh_from_db()
    application_set_outcome(actor=other, application=application, outcome="active")
    application_set_outcome(actor=other, application=application, outcome="rejected", reason="Failed the interview")
    recruiter_client.post(reverse("candidates:bulk_undo", args=[BulkAction.objects.get().pk]))
    application.refresh_from_db()
    assert (application.outcome, application.outcome_reason) == ("rejected", "Failed the interview")
