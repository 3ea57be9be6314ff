"""Saved searches and candidate lists: each write audited, each recruiter's own."""
from __future__ import annotations

import pytest
from django.urls import reverse

from ats.core.models import Activity
from candidates.lists import services
from candidates.lists.models import CandidateListEntry, SavedSearch
from tests import factories


@pytest.mark.django_db
def test_saving_a_search_twice_under_one_name_replaces_it(recruiter):
    first, created = services.saved_search_save(actor=recruiter, name=" Go in Berlin ", query_string="q=go")
    again, created_again = services.saved_search_save(actor=recruiter, name="Go in Berlin", query_string="q=go&location=Berlin")
    assert (created, created_again, first.pk) == (True, False, again.pk)
    assert SavedSearch.objects.get().query_string == "q=go&location=Berlin"
    assert Activity.objects.filter(verb="search_saved", actor=recruiter).count() == 2
    services.saved_search_delete(actor=recruiter, search=again)
    assert not SavedSearch.objects.exists()
    assert Activity.objects.filter(verb="search_deleted", data__name="Go in Berlin").exists()


@pytest.mark.django_db
def test_adding_to_a_new_list_then_removing_records_each_candidate(recruiter):
    people = [factories.make_candidate(actor=recruiter) for _ in range(3)]
    pool = services.candidate_list_add(actor=recruiter, candidates=people[:2], new_name="Backend pool")
    pool = services.candidate_list_add(actor=recruiter, candidates=people, candidate_list=pool)  # one new, two kept
    assert CandidateListEntry.objects.filter(candidate_list=pool).count() == 3
    assert Activity.objects.filter(verb="lists_changed", data__added_to="Backend pool").count() == 3
    assert Activity.objects.filter(verb="lists_changed", data__created="Backend pool").count() == 1
    assert services.candidate_list_remove(actor=recruiter, candidate_list=pool, candidates=people[:1] + people[:1]) == 1
    assert Activity.objects.filter(verb="lists_changed", candidate=people[0], data__removed_from="Backend pool").exists()
    services.candidate_list_delete(actor=recruiter, candidate_list=pool)
    assert not CandidateListEntry.objects.exists() and all(p.pk for p in people)


@pytest.mark.django_db
def test_creating_a_list_that_exists_changes_nothing(recruiter):
    services.candidate_list_create(actor=recruiter, name="Pool")
    _, created = services.candidate_list_create(actor=recruiter, name="Pool")
    assert not created and Activity.objects.filter(verb="lists_changed").count() == 1


@pytest.mark.django_db
def test_another_recruiters_search_or_list_is_404(recruiter, recruiter_client):
    other = factories.make_recruiter("ora")
    search, _ = services.saved_search_save(actor=other, name="Mine", query_string="q=x")
    pool, _ = services.candidate_list_create(actor=other, name="Mine")
    assert recruiter_client.post(reverse("candidates:saved_search_delete", args=[search.pk])).status_code == 404
    assert recruiter_client.post(reverse("candidates:list_delete", args=[pool.pk])).status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk).exists()
