"""Writes on candidates: creation, tags, and deletion as an erasure of the whole merge family."""
from __future__ import annotations

import pytest

from ats.core.models import Activity
from candidates import services
from candidates.merges.services import candidate_merge
from candidates.models import Candidate
from jobs.applications.models import Application, StageChange
from tests import factories


@pytest.mark.django_db
def test_a_new_candidate_stores_emails_and_phones_as_they_are_matched(recruiter):
    candidate = services.candidate_create(actor=recruiter, full_name=" Ada Person ", emails=[" Ada@Example.COM "],
                                          phones=["+1 (415) 555-0142", "  "])
    assert (candidate.full_name, candidate.emails, candidate.phones) == ("Ada Person", ["ada@example.com"], ["+14155550142"])
    assert Activity.objects.filter(verb="candidate_created", candidate=candidate, actor=recruiter).exists()


@pytest.mark.django_db
def test_tags_are_normalised_added_once_and_removed_with_activity(recruiter):
    candidate = factories.make_candidate(actor=recruiter)
    assert services.candidate_tag_add(actor=recruiter, candidate=candidate, name="  Remote   First ")
    assert not services.candidate_tag_add(actor=recruiter, candidate=candidate, name="remote first")
    tag = candidate.tags.get()
    assert tag.name == "remote first"
    assert services.candidate_tag_remove(actor=recruiter, candidate=candidate, tag_id=tag.pk)
    assert not services.candidate_tag_remove(actor=recruiter, candidate=candidate, tag_id=tag.pk)
    assert list(Activity.objects.filter(verb="tags_changed").values_list("data", flat=True)) == [
        {"removed": "remote first"}, {"added": "remote first"}]


@pytest.mark.django_db
def test_deleting_a_candidate_erases_their_merged_records_and_histories_and_says_so(recruiter, job_a):
    kept = factories.make_application(job=job_a, actor=recruiter).candidate
    duplicate = factories.make_candidate(actor=recruiter, name=kept.full_name)
    candidate_merge(actor=recruiter, kept=kept, merged=duplicate)
    other = factories.make_application(job=job_a, actor=recruiter)
    assert services.candidate_delete(actor=recruiter, candidate=kept) == 2
    assert not Candidate.objects.filter(pk__in=[kept.pk, duplicate.pk]).exists()
    assert list(Application.objects.values_list("pk", flat=True)) == [other.pk]
    assert StageChange.objects.filter(application=other).exists()
    record = Activity.objects.get(verb="candidate_deleted")
    assert record.actor == recruiter and record.candidate is None
    assert sorted(record.data["candidate_ids"]) == sorted([kept.pk, duplicate.pk])


@pytest.mark.django_db
def test_a_hand_correction_is_kept_audited_and_searchable(recruiter):
    from candidates.search.selectors import SearchParams, candidate_search

    candidate = factories.make_candidate(actor=recruiter, headline="Engineer")
    assert services.candidate_update_fields(actor=recruiter, candidate=candidate, changes={"headline": "Kotlin lead", "location": ""}) == ["headline"]
    candidate.refresh_from_db()
    assert candidate.corrected_fields == ["headline"]
    assert Activity.objects.filter(verb="candidate_edited", data__fields=["headline"]).exists()
    assert candidate_search(user=recruiter, params=SearchParams(q="Kotlin")).matching.filter(pk=candidate.pk).exists()
    assert services.candidate_update_fields(actor=recruiter, candidate=candidate, changes={"headline": "Kotlin lead"}) == []


@pytest.mark.django_db
def test_rows_edited_by_hand_mark_the_section_corrected(recruiter):
    from candidates.forms import SECTION_FORMS
    from candidates.models import Experience

    candidate = factories.make_candidate(actor=recruiter)
    data = {"experience-TOTAL_FORMS": "1", "experience-INITIAL_FORMS": "0", "experience-0-company": "Fictional Co",
            "experience-0-title": "Engineer", "experience-0-start": "2020", "experience-0-end": "present"}
    formset = SECTION_FORMS["experience"](data, queryset=Experience.objects.filter(candidate=candidate), prefix="experience")
    assert formset.is_valid(), formset.errors
    assert services.candidate_save_rows(actor=recruiter, candidate=candidate, section="experience", formset=formset)
    candidate.refresh_from_db()
    assert candidate.corrected_fields == ["experience"] and candidate.experience.get().company == "Fictional Co"


def test_tag_names_are_normalised_one_way():
    assert services.normalise_tag("  Remote\tFirst ") == "remote first"
    assert len(services.normalise_tag("x" * 80)) == 50
