"""A second résumé of someone already in the pool updates their profile but never loses what it
lacks; the profile says what changed and from which résumé, and a recruiter keeps or restores each
section (issue 11.3)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from ats.core.models import Activity
from candidates.models import Candidate
from candidates.resumes.models import ProfileUpdate, Resume
from candidates.resumes.profile_rows import merge_rows
from candidates.resumes.services.claims import resume_claim
from candidates.resumes.services.intake import resume_reparse, resume_upload
from candidates.resumes.services.profiles import ParsedResume, resumes_apply_profiles
from candidates.resumes.services.updates import (
    UpdateRefused,
    profile_update_keep,
    profile_update_restore,
)

pytestmark = pytest.mark.django_db

RICH = {
    "name": "Ada Fictional", "emails": ["ada@example.com"], "phones": [], "headline": "Staff engineer, payments",
    "location": "Lisbon, Portugal", "summary": "Builds payment systems.", "skills": ["Go", "Kafka"], "text": "…",
    "experience": [
        {"company": "Fictional Pay", "title": "Staff Engineer", "location": "Lisbon", "start": "2019-03", "end": "present",
         "highlights": ["Led the ledger rewrite", "Cut settlement time by half"]},
        {"company": "Example Bank", "title": "Engineer", "location": "Porto", "start": "2015-01", "end": "2019-02",
         "highlights": ["Built the card API"]},
    ],
    "education": [{"institution": "Sample University", "degree": "BSc Computer Science", "start": "2011", "end": "2015"}],
}
SHORT = {
    "name": "Ada Fictional", "emails": ["ada@example.com"], "phones": ["+351912345678"], "headline": "Engineer",
    "location": "Berlin", "skills": ["Go", "Rust"], "text": "…",
    "experience": [{"company": "Fictional Pay", "title": "Staff Engineer", "start": "", "end": "present", "highlights": []}],
    "education": [{"institution": "Sample University", "degree": "BSc Computer Science", "start": "", "end": "2015"}],
}


def _store(recruiter, profile, name, batch=None):
    data = f"{name} {profile['headline']}".encode()  # a distinct file per résumé
    resume = resume_upload(actor=recruiter, filename=name, data=data, batch=batch).resume
    resume_claim(resume.pk)
    (stored,) = resumes_apply_profiles([ParsedResume(resume.pk, profile, 0.01)])
    return stored


@pytest.fixture
def updated(recruiter, redis_queue):
    first = _store(recruiter, RICH, "ada.pdf")
    second = _store(recruiter, SHORT, "ada-short.docx")
    return first, second, Candidate.objects.get(pk=first.candidate_id)


def test_the_shorter_resume_updates_what_it_says_and_keeps_what_it_lacks(updated):
    first, second, ada = updated
    assert second.candidate_id == ada.pk and second.joined_existing and not first.joined_existing
    assert (ada.headline, ada.location, ada.summary) == ("Engineer", "Berlin", "Builds payment systems.")
    assert ada.skills == ["Go", "Kafka", "Rust"] and ada.phones == ["+351912345678"]
    pay, bank = ada.experience.order_by("position")
    assert (pay.company, pay.location, pay.start, pay.end) == ("Fictional Pay", "Lisbon", "2019-03", "present")
    assert pay.highlights == ["Led the ledger rewrite", "Cut settlement time by half"] and pay.resume_id == second.pk
    assert (bank.company, bank.resume_id) == ("Example Bank", first.pk)  # only the earlier résumé has it: kept
    (school,) = ada.education.all()
    assert (school.start, school.end) == ("2011", "2015")  # not "? – 2015"


def test_what_changed_is_recorded_against_the_resume(updated):
    _, second, ada = updated
    update = ProfileUpdate.objects.get(candidate=ada)
    assert update.resume == second
    assert set(update.changed_sections) == {"headline", "location"}  # rows kept everything they had
    assert update.before["headline"] == "Staff engineer, payments" and update.after["location"] == "Berlin"


def test_the_profile_shows_the_changes_and_a_recruiter_restores_or_keeps_each(updated, recruiter_client):
    _, _, ada = updated
    page = recruiter_client.get(ada.get_absolute_url()).content.decode()
    assert "Changes from a newer résumé" in page and "ada-short.docx" in page and "Staff engineer, payments" in page
    update = ProfileUpdate.objects.get(candidate=ada)
    url = reverse("candidates:profile_update_decide", args=[ada.pk, update.pk, "headline"])
    recruiter_client.post(url, {"decision": "restore"})
    recruiter_client.post(reverse("candidates:profile_update_decide", args=[ada.pk, update.pk, "location"]), {"decision": "keep"})
    ada.refresh_from_db()
    update.refresh_from_db()
    assert (ada.headline, ada.location) == ("Staff engineer, payments", "Berlin")
    assert "headline" in ada.corrected_fields  # a person chose it: a later résumé keeps it
    assert update.decisions == {"headline": "restored", "location": "kept"} and update.open_sections == []
    assert "Changes from a newer résumé" not in recruiter_client.get(ada.get_absolute_url()).content.decode()
    assert Activity.objects.filter(verb="profile_reviewed", candidate=ada).count() == 2
    with pytest.raises(UpdateRefused):
        profile_update_keep(actor=None, update=update, section="headline")


def test_rows_a_resume_replaced_can_be_restored(recruiter, redis_queue):
    first = _store(recruiter, RICH, "ada.pdf")
    changed = {**SHORT, "experience": [{"company": "Fictional Pay", "title": "Principal Engineer", "start": "2019-03",
                                        "end": "present", "highlights": ["Owns the platform"]}]}
    _store(recruiter, changed, "ada-2026.pdf")
    ada = Candidate.objects.get(pk=first.candidate_id)
    update = ProfileUpdate.objects.get(candidate=ada)
    assert "experience" in update.changed_sections
    profile_update_restore(actor=recruiter, update=update, section="experience")
    assert list(ada.experience.order_by("position").values_list("title", flat=True)) == ["Staff Engineer", "Engineer"]
    ada.refresh_from_db()
    assert "experience" in ada.corrected_fields


def test_a_reparse_drops_only_the_rows_that_resume_gave(recruiter, redis_queue):
    first = _store(recruiter, RICH, "ada.pdf")
    second = _store(recruiter, {**SHORT, "experience": [{"company": "Third Co", "title": "Advisor", "start": "2024"}]}, "b.pdf")
    assert Candidate.objects.get(pk=first.candidate_id).experience.count() == 3
    resume_reparse(actor=recruiter, resume=Resume.objects.get(pk=second.pk))
    resume_claim(second.pk)
    resumes_apply_profiles([ParsedResume(second.pk, {**SHORT, "experience": []}, 0.01)])
    companies = set(Candidate.objects.get(pk=first.candidate_id).experience.values_list("company", flat=True))
    assert companies == {"Fictional Pay", "Example Bank"}  # Third Co came from b.pdf alone, and b.pdf no longer says it


def test_the_upload_result_says_a_resume_joined_an_existing_candidate(recruiter, recruiter_client, redis_queue):
    import uuid

    from candidates.resumes.services.intake import upload_batch_open

    batch = upload_batch_open(actor=recruiter, batch_id=uuid.uuid4())
    _store(recruiter, RICH, "ada.pdf", batch)
    second = _store(recruiter, SHORT, "ada-short.docx", batch)
    page = recruiter_client.get(reverse("candidates:upload_batch", args=[batch.pk])).content.decode()
    assert page.count("added to an existing candidate") == 1
    assert f'data-resume-id="{second.pk}"' in page and "data-joined" in page


def test_merging_rows_keeps_details_and_matches_promotions_by_role():
    current = [
        {"company": "Fictional Pay", "title": "Staff Engineer", "start": "2021", "end": "present", "highlights": ["a"], "resume_id": 1},
        {"company": "Fictional Pay", "title": "Engineer", "start": "2018", "end": "2021", "highlights": ["b"], "resume_id": 1},
    ]
    parsed = [{"company": "Fictional Pay", "title": "Engineer", "start": "2018", "end": "2021"}]
    rows = merge_rows("experience", current, parsed, resume_id=2)
    assert [(r["title"], r["highlights"], r["resume_id"]) for r in rows] == [("Engineer", ["b"], 2), ("Staff Engineer", ["a"], 1)]
