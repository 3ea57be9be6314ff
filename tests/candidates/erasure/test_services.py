"""candidate_erase: the person's data goes from every table, the anonymous statistics stay."""
from __future__ import annotations

import pytest

from ats.core.models import Activity, AuditEvent
from ats.webhooks.models import Event
from candidates.erasure.identifiers import ERASED, Identifiers, scrub_own
from candidates.erasure.services import ERASED_NAME, ErasureRefused, candidate_erase
from candidates.merges.models import CandidateMerge
from candidates.merges.services import candidate_merge
from candidates.models import Candidate, Note, PossibleDuplicate
from candidates.search.models import CandidateName, DistinctName
from candidates.services import candidate_tag_add, note_add
from jobs.applications.models import Application, OutcomeChange, StageChange
from jobs.applications.services import application_move, application_set_outcome
from tests import factories

NAME, EMAIL, PHONE = "Quillon Abernathy-Voss", "quillon.av@example.org", "+447700900456"


def test_identifiers_match_whole_words_and_phones_in_any_format():
    who = Identifiers.of(names=["Quillon Abernathy-Voss"], emails=[EMAIL], phones=[PHONE])
    assert who.matches("Dear Quillon,") and who.matches("ABERNATHY") and who.matches("call 07700 900456")
    assert not who.matches("Quillons") and not who.matches("Vossberg") and not who.matches("07700 900457")
    assert who.scrub({"q": "quillon python", "n": 3, "l": ["x", EMAIL]}) == {"q": ERASED, "n": 3, "l": ["x", ERASED]}
    # Their own rows: free text goes whatever it says, ids and codes stay.
    assert scrub_own({"cover_letter": "I like Go", "via": "careers", "resume_id": 4}, who) == {
        "cover_letter": ERASED, "via": "careers", "resume_id": 4}


@pytest.mark.django_db
def test_erasure_blanks_the_person_and_keeps_the_statistics(recruiter, job_a):
    person = factories.make_candidate(actor=recruiter, name=NAME, emails=[EMAIL], phones=[PHONE],
                                      headline="Kotlin lead", location="Leeds", skills=["Kotlin"])
    candidate_tag_add(actor=recruiter, candidate=person, name="quillon-referral")
    twin = factories.make_candidate(actor=recruiter, name=NAME, emails=["q.voss@example.net"])
    application = factories.make_application(job=job_a, candidate=person, actor=recruiter)
    application_move(actor=recruiter, application=application, to_stage=job_a.stages.order_by("position")[1])
    application_set_outcome(actor=recruiter, application=Application.objects.get(pk=application.pk),
                            outcome="rejected", reason=f"{NAME} asked for more than the budget")
    note_add(actor=recruiter, candidate=person, body="Met Quillon at the meetup", application=application)
    candidate_merge(actor=recruiter, kept=person, merged=twin)
    other = factories.make_candidate(actor=recruiter, name="Fictional Bystander")
    PossibleDuplicate.objects.create(candidate=other, other=person, reasons=["similar"])
    stage_changes = StageChange.objects.filter(application=application).count()

    result = candidate_erase(actor=recruiter, candidate=twin, reason=f"{NAME} asked by e-mail")  # the merged-away one

    assert sorted(result.candidate_ids) == sorted([person.pk, twin.pk])
    for record in Candidate.objects.filter(pk__in=[person.pk, twin.pk]):
        assert record.erased_at is not None and record.full_name == ERASED_NAME
        assert record.emails == record.phones == record.skills == [] and record.headline == record.location == ""
        assert record.search_document is None and not record.tags.exists()
    assert not Note.objects.filter(candidate_id__in=result.candidate_ids).exists()
    assert not CandidateMerge.objects.filter(kept=person).exists()
    assert not PossibleDuplicate.objects.filter(other=person).exists()
    assert not CandidateName.objects.filter(candidate_id__in=result.candidate_ids).exists()
    assert not DistinctName.objects.filter(full_name=NAME).exists()  # both holders of her spelling are gone
    # The statistics: the application, its stage history and outcome, unlinked from any person.
    application.refresh_from_db()
    assert application.outcome == "rejected" and application.outcome_reason == ERASED
    assert StageChange.objects.filter(application=application).count() == stage_changes
    assert OutcomeChange.objects.get(application=application).reason == ERASED
    assert Candidate.objects.get(pk=other.pk).full_name == "Fictional Bystander"
    erased = Activity.objects.get(verb=Activity.Verb.CANDIDATE_ERASED)
    assert erased.candidate_id == person.pk and erased.data["reason"] == ERASED
    assert Event.objects.filter(type="candidate.erased", candidate_id__in=result.candidate_ids).count() == 2
    for model, column in ((Activity, "data"), (AuditEvent, "data"), (Event, "data")):
        text = " ".join(str(v) for v in model.objects.values_list(column, flat=True)).lower()
        assert "quillon" not in text and "abernathy" not in text and EMAIL not in text, model


@pytest.mark.django_db
def test_erasure_needs_a_reason_and_erasing_twice_finds_nothing_more(recruiter):
    person = factories.make_candidate(actor=recruiter, name=NAME)
    with pytest.raises(ErasureRefused):
        candidate_erase(actor=recruiter, candidate=person, reason="  ")
    assert Candidate.objects.get(pk=person.pk).full_name == NAME
    first = candidate_erase(actor=recruiter, candidate=person, reason="asked")
    erased_at = Candidate.objects.get(pk=person.pk).erased_at
    second = candidate_erase(actor=recruiter, candidate=person, reason="asked again")
    assert second.candidate_ids == first.candidate_ids and not second.deleted
    assert Candidate.objects.get(pk=person.pk).erased_at == erased_at


def test_redis_purge_removes_their_jobs_and_keys_and_leaves_the_rest(redis_queue):
    from ats.core import queues
    from candidates.erasure.services import redis_purge
    from candidates.resumes.services.claims import PARSE_TASK

    for resume_id in (123, 456):
        queues.enqueue("parsing", PARSE_TASK, resume_id, job_id=f"parse-{resume_id}", job_timeout=60)
    queues.enqueue("parsing", PARSE_TASK, 789, job_id="parse-789", job_timeout=60, meta={"note": f"for {NAME}"})
    client = redis_queue.connection
    client.set(f"careers:rate:email:{EMAIL}", 2)
    client.set("careers:rate:email:someone.else@example.org", 1)
    who = Identifiers.of(names=[NAME], emails=[EMAIL], phones=[PHONE])

    assert redis_purge({PARSE_TASK: {123}}, who) == 3
    assert redis_queue.job_ids == ["parse-456"]
    assert client.get(f"careers:rate:email:{EMAIL}") is None
    assert client.get("careers:rate:email:someone.else@example.org") == b"1"


@pytest.mark.django_db
def test_the_retention_date_service_refuses_past_dates_and_erased_candidates(recruiter):
    from datetime import timedelta

    from django.utils import timezone

    from candidates.erasure.services import candidate_retention_set

    person = factories.make_candidate(actor=recruiter, name=NAME)
    with pytest.raises(ErasureRefused, match="today or later"):
        candidate_retention_set(actor=recruiter, candidate=person, retain_until=timezone.localdate() - timedelta(days=1))
    today = timezone.localdate()
    assert candidate_retention_set(actor=recruiter, candidate=person, retain_until=today) is True
    assert candidate_retention_set(actor=recruiter, candidate=person, retain_until=today) is False  # no change
    assert Activity.objects.filter(verb="retention_set", candidate=person).count() == 1
    candidate_erase(actor=recruiter, candidate=person, reason="asked")
    with pytest.raises(ErasureRefused, match="already erased"):
        candidate_retention_set(actor=recruiter, candidate=Candidate.objects.get(pk=person.pk), retain_until=None)
