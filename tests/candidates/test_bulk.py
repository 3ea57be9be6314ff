"""Bulk tag, add to job, move and reject from search results: preview, apply, undo."""
from __future__ import annotations

import pytest
from django.urls import reverse

from candidates.lists.models import CandidateList
from candidates.services import candidate_tag_add
from jobs.applications.models import Application
from jobs.bulk.models import BulkAction
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
    assert "A reason is required" in response.content.decode()


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
