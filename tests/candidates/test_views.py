"""The candidate profile: reading, editing in place, notes, tags, duplicates, add to job."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ats.core.models import Activity
from candidates.models import Candidate, Experience, PossibleDuplicate
from candidates.resumes.models import Resume
from candidates.search.query import parse_query
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def candidate(recruiter):
    return factories.make_candidate(actor=recruiter, name="Leilani Kingsley", emails=["leilani@example.com"],
                                    phones=["+1 555 0100 0001"], skills=["Go"])


def section_url(candidate, section):
    return reverse("candidates:section", args=[candidate.pk, section])


@pytest.mark.django_db
def test_edit_form_partial_then_save_returns_the_section_and_marks_corrected_fields(recruiter_client, candidate):
    form = recruiter_client.get(section_url(candidate, "basics"), {"edit": 1}, **HTMX)
    assert form.status_code == 200 and b'name="full_name"' in form.content and b"<html" not in form.content
    response = recruiter_client.post(
        section_url(candidate, "basics"),
        {"full_name": "Leilani Kingsley-Ames", "headline": "Staff engineer", "location": "Lisbon", "summary": ""},
        **HTMX,
    )
    assert response.status_code == 200 and b"Leilani Kingsley-Ames" in response.content
    candidate.refresh_from_db()
    assert candidate.full_name == "Leilani Kingsley-Ames"
    assert set(candidate.corrected_fields) == {"full_name", "headline", "location"}
    assert Activity.objects.filter(candidate=candidate, verb="candidate_edited").exists()
    # The search document follows the edit.
    from candidates.search.selectors import SearchParams, candidate_search

    found = candidate_search(user=candidate.owner, params=SearchParams(q="staff engineer"))
    assert list(found.candidates) == [candidate]


@pytest.mark.django_db
def test_contact_and_skills_edits_clean_lists(recruiter_client, candidate):
    recruiter_client.post(section_url(candidate, "contact"), {"emails": "A@Example.com\nb@example.com", "phones": "", "links": ""}, **HTMX)
    recruiter_client.post(section_url(candidate, "skills"), {"skills": "Go, Rust, go", "languages": "English"}, **HTMX)
    candidate.refresh_from_db()
    assert candidate.emails == ["a@example.com", "b@example.com"]
    assert candidate.skills == ["Go", "Rust"]
    assert {"emails", "phones", "skills", "languages"} <= set(candidate.corrected_fields)


@pytest.mark.django_db
def test_invalid_email_shows_the_form_again(recruiter_client, candidate):
    response = recruiter_client.post(section_url(candidate, "contact"), {"emails": "not-an-email", "phones": "", "links": ""}, **HTMX)
    assert response.status_code == 200 and b"Enter a valid email address" in response.content
    candidate.refresh_from_db()
    assert candidate.emails == ["leilani@example.com"]


@pytest.mark.django_db
def test_experience_rows_edit_in_place(recruiter_client, candidate):
    Experience.objects.create(candidate=candidate, company="Lumen Grid", title="Engineer", position=0)
    row = candidate.experience.get()
    data = {
        "experience-TOTAL_FORMS": "2", "experience-INITIAL_FORMS": "1", "experience-MIN_NUM_FORMS": "0",
        "experience-MAX_NUM_FORMS": "1000",
        "experience-0-id": row.pk, "experience-0-company": "Lumen Grid", "experience-0-title": "Senior Engineer",
        "experience-0-location": "", "experience-0-start": "2020", "experience-0-end": "present",
        "experience-1-company": "Cobalt Ledger", "experience-1-title": "Intern", "experience-1-location": "",
        "experience-1-start": "2018", "experience-1-end": "2019",
    }
    response = recruiter_client.post(section_url(candidate, "experience"), data, **HTMX)
    assert response.status_code == 200
    assert list(candidate.experience.values_list("title", flat=True)) == ["Senior Engineer", "Intern"]
    candidate.refresh_from_db()
    assert "experience" in candidate.corrected_fields


@pytest.mark.django_db
def test_hiring_manager_cannot_edit_or_browse_profiles_outside_their_reviews(manager_a_client, candidate):
    assert manager_a_client.post(section_url(candidate, "basics"), {"full_name": "X"}).status_code == 404
    assert manager_a_client.get(reverse("candidates:detail", args=[candidate.pk])).status_code == 404


@pytest.mark.django_db
def test_notes_tags_and_add_to_job(recruiter, recruiter_client, candidate, job_a):
    url = reverse("candidates:note_add", args=[candidate.pk])
    recruiter_client.post(url, {"body": "Great call", "visible_to_hiring_managers": "on"})
    assert candidate.notes.get().visible_to_hiring_managers is True
    response = recruiter_client.post(reverse("candidates:tag_add", args=[candidate.pk]), {"name": "Golang "}, **HTMX)
    assert b"golang" in response.content
    tag = candidate.tags.get()
    suggestions = recruiter_client.get(reverse("candidates:tag_suggestions"), {"name": "go"})
    assert b'value="golang"' in suggestions.content
    recruiter_client.post(reverse("candidates:tag_remove", args=[candidate.pk, tag.pk]), **HTMX)
    assert not candidate.tags.exists()
    picker = recruiter_client.get(reverse("candidates:add_to_job", args=[candidate.pk]), **HTMX)
    assert f'<option value="{job_a.pk}">Backend Engineer</option>' in picker.content.decode()
    recruiter_client.post(reverse("candidates:add_to_job", args=[candidate.pk]), {"job": job_a.pk})
    recruiter_client.post(reverse("candidates:add_to_job", args=[candidate.pk]), {"job": job_a.pk})
    assert candidate.applications.count() == 1


@pytest.mark.django_db
def test_duplicates_show_their_reasons(recruiter, recruiter_client, candidate):
    same_email = factories.make_candidate(actor=recruiter, name="L. Kingsley", emails=["leilani@example.com"])
    same_phone = factories.make_candidate(actor=recruiter, name="Someone Else", phones=["+1 555 0100 0001"])
    similar = factories.make_candidate(actor=recruiter, name="Leilani Kingsly")
    flagged = factories.make_candidate(actor=recruiter, name="Totally Different")
    factories.make_candidate(actor=recruiter, name="Unrelated Person")
    PossibleDuplicate.objects.create(candidate=flagged, other=candidate, reasons=["same file"])
    response = recruiter_client.get(reverse("candidates:detail", args=[candidate.pk]))
    reasons = {c.pk: c.reasons for c in response.context["duplicates"]}
    assert reasons[same_email.pk] == ["same email"]
    assert reasons[same_phone.pk] == ["same phone"]
    assert reasons[similar.pk][0].startswith("similar name")
    assert reasons[flagged.pk] == ["flagged when the résumé was parsed"]
    assert len(reasons) == 4


@pytest.mark.django_db
def test_duplicates_of_a_common_name_are_the_closest_and_newest_whatever_the_number(recruiter):
    """Each branch stops at a few times the suggestions shown: with more namesakes than that, the
    suggestions are still those that match most, the newest namesakes first; a number that many
    share (a switchboard) fills the list with some of its sharers."""
    from candidates.selectors import DUPLICATE_BRANCH_FACTOR, candidate_duplicates

    many = DUPLICATE_BRANCH_FACTOR * 2 + 3
    person = factories.make_candidate(actor=recruiter, name="Harper Kingsley", emails=["harper@example.com"])
    namesakes = [factories.make_candidate(actor=recruiter, name="Harper Kingsley").pk for _ in range(many)]
    factories.make_candidate(actor=recruiter, name="Harper Kingsly")  # close, but not as close
    same_email = factories.make_candidate(actor=recruiter, name="H. K.", emails=["harper@example.com"])
    found = candidate_duplicates(user=recruiter, candidate=person, limit=2)
    assert [c.pk for c in found] == [same_email.pk, max(namesakes)]
    assert found[1].reasons == ["similar name (100%)"]

    caller = factories.make_candidate(actor=recruiter, name="Rowan Underhill", emails=["rowan@example.com"],
                                      phones=["+1 555 0100 0001"])
    sharers = {factories.make_candidate(actor=recruiter, name=f"Someone Else {n}", phones=caller.phones).pk
               for n in range(many)}
    found = candidate_duplicates(user=recruiter, candidate=caller, limit=3)
    assert len(found) == 3 and {c.pk for c in found} <= sharers and all(c.reasons == ["same phone"] for c in found)


@pytest.mark.django_db
def test_resume_text_fallback_and_low_confidence_fields(recruiter, recruiter_client, candidate):
    Resume.objects.create(
        candidate=candidate, original_filename="cv.txt", size=10, content_type="text/plain", sha256="a" * 64,
        status="parsed", text="Leilani Kingsley\nStaff engineer", parsed={"provenance": {
            "name": {"page": 1, "bbox": None, "text": "Leilani Kingsley", "confidence": 0.95},
            "headline": {"page": 1, "bbox": None, "text": "Staff engineer", "confidence": 0.4},
        }},
    )
    response = recruiter_client.get(reverse("candidates:detail", args=[candidate.pk]))
    body = response.content.decode()
    assert 'id="resume-text"' in body and "Staff engineer" in body
    assert response.context["provenance"]["full_name"]["low"] is False
    assert response.context["provenance"]["headline"]["low"] is True
    assert "The parser was unsure about: headline" in body


@pytest.mark.django_db
def test_skills_only_mentioned_in_prose_are_shown_apart_until_a_recruiter_edits_them(recruiter, recruiter_client, candidate):
    Candidate.objects.filter(pk=candidate.pk).update(skills=["Python", "Kafka", "SQL"])
    Resume.objects.create(
        candidate=candidate, original_filename="cv.txt", size=10, content_type="text/plain", sha256="e" * 64,
        status="parsed", text="Skills: Python, SQL", parsed={"skills": ["Python", "Kafka", "SQL"], "skills_inferred": ["Kafka"]},
    )
    url = reverse("candidates:detail", args=[candidate.pk])
    body = recruiter_client.get(url).content.decode()
    listed, _, inferred = body.partition("Mentioned in the text")
    assert "Python" in listed.split('id="section-skills"')[1] and "Kafka" not in listed.split('id="section-skills"')[1]
    # The provenance index stays the skill's place in the candidate's list.
    assert '<span class="tag tag-inferred" data-prov="skills.1">Kafka</span>' in inferred

    Candidate.objects.filter(pk=candidate.pk).update(corrected_fields=["skills"])
    assert "Mentioned in the text" not in recruiter_client.get(url).content.decode()


@pytest.mark.django_db
def test_profile_query_count_does_not_grow_with_history(recruiter, recruiter_client, candidate, job_a):
    url = reverse("candidates:detail", args=[candidate.pk])
    factories.make_application(job=job_a, candidate=candidate, actor=recruiter)
    with CaptureQueriesContext(connection) as small:
        recruiter_client.get(url)
    for n in range(30):
        other = factories.make_candidate(actor=recruiter, name=f"Leilani Kingsley {n}")
        from candidates.services import note_add

        note_add(actor=recruiter, candidate=candidate, body=f"note {n}")
        factories.make_application(job=factories.make_job(actor=recruiter), candidate=candidate, actor=recruiter)
        del other
    with CaptureQueriesContext(connection) as large:
        assert recruiter_client.get(url).status_code == 200
    # 15: the audit row of the view itself (issue 15) joined the 14 the page needed.
    assert len(small) == len(large) <= 15, [q["sql"][:120] for q in large]


def test_parse_query_is_pure():
    assert parse_query("").is_empty


@pytest.mark.django_db
def test_hiring_manager_sees_resume_text_only_when_the_review_is_not_anonymised(recruiter, manager_a, manager_a_client, candidate, job_a):
    Resume.objects.create(candidate=candidate, original_filename="cv.txt", size=10, content_type="text/plain",
                          sha256="d" * 64, status="parsed", text="Secret résumé body", parsed={})
    factories.make_application(job=job_a, candidate=candidate, actor=recruiter, kind="shortlist")
    url = reverse("candidates:detail", args=[candidate.pk])
    assert "Secret résumé body" in manager_a_client.get(url).content.decode()
    job_a.anonymised_review = True
    job_a.save(update_fields=["anonymised_review"])
    body = manager_a_client.get(url).content.decode()
    assert "Secret résumé body" not in body and "Edit" not in body


@pytest.mark.django_db
def test_readonly_profile_include_hides_name_and_contacts_when_anonymised(candidate):
    from django.template.loader import render_to_string

    Experience.objects.create(candidate=candidate, company="Orchid Biotech", title="Analyst")
    shown = render_to_string("candidates/_profile_readonly.html", {"candidate": candidate, "anonymised": False})
    hidden = render_to_string("candidates/_profile_readonly.html", {"candidate": candidate, "anonymised": True})
    assert "Leilani Kingsley" in shown and "leilani@example.com" in shown
    assert "Leilani Kingsley" not in hidden and "leilani@example.com" not in hidden and "+1 555" not in hidden
    assert "Orchid Biotech" in hidden and "Go" in hidden


@pytest.mark.django_db
def test_reindex_command_fills_every_search_document(recruiter):
    from io import StringIO

    from django.core.management import call_command

    people = [factories.make_candidate(actor=recruiter, name=f"Reindexed Person {n}") for n in range(5)]
    Candidate.objects.update(search_document=None)
    out = StringIO()
    call_command("reindex_candidates", batch_size=2, stdout=out)
    assert "Reindexed 5 candidates" in out.getvalue()
    assert not Candidate.objects.filter(pk__in=[p.pk for p in people], search_document__isnull=True).exists()


@pytest.mark.django_db
def test_hiring_manager_sees_shared_notes_of_their_own_jobs_only(recruiter, manager_a_client, job_a, job_b):
    from candidates.services import note_add

    mine = factories.make_application(job=job_a, kind="shortlist", actor=recruiter)
    theirs = factories.make_application(job=job_b, candidate=mine.candidate, kind="shortlist", actor=recruiter)
    note_add(actor=recruiter, candidate=mine.candidate, body="About the person", visible_to_hiring_managers=True)
    note_add(actor=recruiter, candidate=mine.candidate, application=mine, body="For job A",
             visible_to_hiring_managers=True)
    note_add(actor=recruiter, candidate=mine.candidate, application=theirs, body="For job B",
             visible_to_hiring_managers=True)
    note_add(actor=recruiter, candidate=mine.candidate, body="Recruiters only")

    page = manager_a_client.get(reverse("candidates:detail", args=[mine.candidate.pk])).content.decode()
    assert "About the person" in page and "For job A" in page
    assert "For job B" not in page and "Recruiters only" not in page
