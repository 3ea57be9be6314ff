"""Merging duplicate candidates field by field, and undoing it exactly."""
from __future__ import annotations

import pytest
from django.urls import reverse

from candidates.lists.models import CandidateList, CandidateListEntry
from candidates.merges.models import CandidateMerge
from candidates.merges.services import MergeError, candidate_merge, candidate_merge_undo
from candidates.models import Candidate, Experience
from candidates.resumes.models import Resume
from candidates.services import candidate_tag_add, note_add
from jobs.applications.services import application_move
from tests import factories


def state(*candidates: Candidate) -> dict:
    """Everything a merge touches, per candidate, to compare before/after undo."""
    result = {}
    for c in candidates:
        c = Candidate.objects.get(pk=c.pk)
        result[c.pk] = {
            "fields": {f: getattr(c, f) for f in ["full_name", "headline", "location", "summary", "source", "emails",
                                                 "phones", "links", "skills", "languages", "corrected_fields", "owner_id", "merged_into_id"]},
            "tags": sorted(c.tags.values_list("name", flat=True)),
            "apps": sorted(c.applications.values_list("pk", "job_id", "stage_id")),
            "notes": sorted(c.notes.values_list("pk", flat=True)),
            "resumes": sorted(c.resumes.values_list("pk", flat=True)),
            "experience": sorted(Experience.objects.filter(candidate=c).values_list("pk", flat=True)),
            "lists": sorted(CandidateListEntry.objects.filter(candidate=c).values_list("candidate_list_id", flat=True)),
            "activities": sorted(c.activities.exclude(verb__in=["candidates_merged", "merge_undone"]).values_list("pk", flat=True)),
        }
    return result


@pytest.fixture
def pair(recruiter, job_a, job_b):
    kept = factories.make_candidate(actor=recruiter, name="Matteo Pemberton", emails=["matteo@example.com"],
                                    skills=["Go"], headline="")
    other = factories.make_candidate(actor=recruiter, name="Matteo Pemberton", emails=["m.pemberton@example.com"],
                                     skills=["Go", "Rust"], headline="Platform engineer", location="Berlin")
    Experience.objects.create(candidate=kept, company="Cobalt Ledger", title="Engineer")
    Experience.objects.create(candidate=other, company="Nimbus Cloudworks", title="Senior Engineer")
    Resume.objects.create(candidate=other, original_filename="cv.pdf", size=1, content_type="application/pdf", sha256="b" * 64)
    note_add(actor=recruiter, candidate=other, body="Met at a meetup")
    candidate_tag_add(actor=recruiter, candidate=other, name="golang")
    candidate_list = CandidateList.objects.create(owner=recruiter, name="Pool")
    CandidateListEntry.objects.create(candidate_list=candidate_list, candidate=other)
    # Both applied to job A: the other one got further (interview vs applied).
    factories.make_application(job=job_a, candidate=kept, actor=recruiter)
    factories.make_application(job=job_a, candidate=other, actor=recruiter, kind="interview")
    factories.make_application(job=job_b, candidate=other, actor=recruiter)
    return kept, other


@pytest.mark.django_db
def test_merge_moves_everything_keeps_the_more_advanced_application_and_undo_restores_exactly(recruiter, pair, job_a, job_b):
    kept, other = pair
    before = state(kept, other)
    merge = candidate_merge(actor=recruiter, kept=kept, merged=other, choices={
        "headline": "merged", "location": "merged", "emails": "both", "skills": "both", "experience": "merged",
    })
    kept.refresh_from_db()
    other.refresh_from_db()
    assert other.merged_into_id == kept.pk
    assert kept.headline == "Platform engineer" and kept.location == "Berlin"
    assert kept.emails == ["matteo@example.com", "m.pemberton@example.com"]
    assert kept.skills == ["Go", "Rust"]
    assert list(kept.experience.values_list("company", flat=True)) == ["Nimbus Cloudworks"]
    assert kept.resumes.count() == 1 and kept.notes.count() == 1
    assert list(kept.tags.values_list("name", flat=True)) == ["golang"]
    job_a_app = kept.applications.get(job=job_a)
    assert job_a_app.stage.kind == "interview"
    assert kept.applications.filter(job=job_b).exists()
    # The less advanced application is not lost: it stays recorded with the merged-away record.
    assert other.applications.get(job=job_a).stage.kind == "applied"
    assert merge.snapshot["job_conflicts"][0]["swapped"] is True

    candidate_merge_undo(actor=recruiter, merge=merge)
    assert state(kept, other) == before
    merge.refresh_from_db()
    assert merge.undone_at is not None
    with pytest.raises(MergeError):
        candidate_merge_undo(actor=recruiter, merge=merge)


@pytest.mark.django_db
def test_merge_keeps_our_application_when_it_is_further(recruiter, pair, job_a):
    kept, other = pair
    ours = kept.applications.get(job=job_a)
    application_move(actor=recruiter, application=ours, to_stage=factories.stage_of(job_a, "offer"))
    merge = candidate_merge(actor=recruiter, kept=kept, merged=other)
    assert kept.applications.get(job=job_a).pk == ours.pk
    assert merge.snapshot["job_conflicts"][0]["swapped"] is False


@pytest.mark.django_db
def test_merge_preview_page_and_post_then_undo_through_views(recruiter_client, pair):
    kept, other = pair
    url = reverse("candidates:merge_preview", args=[kept.pk, other.pk])
    page = recruiter_client.get(url)
    assert page.status_code == 200
    assert b'name="choice_headline" value="merged" checked' in page.content  # ours is empty
    response = recruiter_client.post(url, {"choice_full_name": "kept", "choice_headline": "kept"})
    assert response.status_code == 302
    merge = CandidateMerge.objects.get()
    kept.refresh_from_db()
    assert kept.headline == ""
    # The merged candidate is hidden from everyone.
    assert recruiter_client.get(reverse("candidates:detail", args=[other.pk])).status_code == 404
    profile = recruiter_client.get(reverse("candidates:detail", args=[kept.pk]))
    assert b"Undo merge" in profile.content
    # The message tells the two records apart (same names are common among duplicates).
    text = profile.content.decode()
    assert f'Merged <a href="/candidates/{other.pk}/">{other.display_name} (#{other.pk}, added' in text
    assert f'into <a href="/candidates/{kept.pk}/">{kept.display_name} (#{kept.pk}, added' in text
    recruiter_client.post(reverse("candidates:merge_undo", args=[merge.pk]))
    assert recruiter_client.get(reverse("candidates:detail", args=[other.pk])).status_code == 200


@pytest.mark.django_db
def test_hiring_manager_cannot_merge(manager_a_client, pair):
    kept, other = pair
    assert manager_a_client.post(reverse("candidates:merge_preview", args=[kept.pk, other.pk])).status_code == 404
    assert Candidate.objects.get(pk=other.pk).merged_into_id is None


@pytest.mark.django_db
def test_a_merge_leaves_activity_where_it_happened_and_the_timeline_reads_both(recruiter):
    from ats.core.models import Activity
    from candidates.selectors import candidate_activity

    kept = factories.make_candidate(actor=recruiter, name="Ada Person")
    merged = factories.make_candidate(actor=recruiter, name="Ada Person")
    note_add(actor=recruiter, candidate=merged, body="Met at a meetup.")
    rows_of_merged = set(Activity.objects.filter(candidate=merged).values_list("pk", flat=True))
    merge = candidate_merge(actor=recruiter, kept=kept, merged=merged)
    assert set(Activity.objects.filter(candidate=merged).values_list("pk", flat=True)) == rows_of_merged
    timeline = {a.pk for a in candidate_activity(candidate=kept)}
    assert rows_of_merged <= timeline
    candidate_merge_undo(actor=recruiter, merge=merge)
    assert set(Activity.objects.filter(candidate=merged).values_list("pk", flat=True)) == rows_of_merged


@pytest.mark.django_db
def test_merge_defaults_favour_what_a_person_edited_then_the_richer_record(recruiter):
    from candidates.merges.selectors import merge_defaults
    from candidates.services import candidate_update_fields

    older = factories.make_candidate(actor=recruiter, name="Ada Person", headline="Staff engineer, payments platform",
                                     location="")
    for n, company in enumerate(["Fictional Pay", "Example Bank", "Sample Corp"]):
        Experience.objects.create(candidate=older, position=n, company=company, title="Engineer", start="2015", end="2018",
                                  highlights=["Led a migration"])
    newer = factories.make_candidate(actor=recruiter, name="Ada Person", headline="Engineer", location="Berlin")
    Experience.objects.create(candidate=newer, position=0, company="Fictional Pay")
    Experience.objects.create(candidate=newer, position=1, company="Example Bank")
    # Starting from the thin new record ("Merge into this one…" on it), the older one's richer values win.
    defaults = merge_defaults(newer, older)
    assert (defaults["headline"], defaults["experience"], defaults["location"], defaults["emails"]) == (
        "merged", "merged", "kept", "both")
    # A value a recruiter typed beats a longer parsed one.
    candidate_update_fields(actor=recruiter, candidate=newer, changes={"headline": "Engineer"})
    newer.refresh_from_db()
    newer.corrected_fields = ["headline"]
    assert merge_defaults(newer, older)["headline"] == "kept"
