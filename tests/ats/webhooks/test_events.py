"""Each service that changes something that matters writes its outbox event, in its transaction,
with the candidate's next sequence number and ids only."""
from __future__ import annotations

import pytest

from ats.demo import fake_resumes
from ats.webhooks import services
from ats.webhooks.models import Delivery, Event
from candidates.merges.services import candidate_merge
from candidates.resumes.services.claims import resume_claim, resume_fail
from candidates.resumes.services.intake import resume_upload
from jobs.applications.services import application_move, application_set_outcome
from jobs.reviews.services import review_submit
from tests import factories

pytestmark = pytest.mark.django_db


def _events(candidate_id: int) -> list[tuple[str, int]]:
    return list(Event.objects.filter(candidate_id=candidate_id).order_by("id").values_list("type", "sequence"))


def test_the_application_lifecycle_sends_its_events_in_sequence(recruiter, manager_a, job_a):
    application = factories.make_application(job=job_a, kind="applied", actor=recruiter)
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "shortlist"))
    ratings = {c.pk: (3, "") for c in job_a.criteria.all()}
    review_submit(actor=manager_a, application=application, recommendation="yes", ratings=ratings)
    application_set_outcome(actor=recruiter, application=application, outcome="rejected", reason="Position filled")
    application_set_outcome(actor=recruiter, application=application, outcome="active")
    application_set_outcome(actor=recruiter, application=application, outcome="withdrawn", reason="Took another offer")
    other = factories.make_application(job=job_a, kind="offer", actor=recruiter)
    application_set_outcome(actor=recruiter, application=other, outcome="hired")
    assert _events(application.candidate_id) == [
        ("candidate.created", 1), ("application.created", 2), ("application.stage_changed", 3), ("review.submitted", 4),
        ("application.rejected", 5), ("application.reopened", 6), ("application.withdrawn", 7),
    ]
    assert [t for t, _ in _events(other.candidate_id)][-1] == "application.hired"
    moved = Event.objects.get(type="application.stage_changed")
    assert moved.data == {"application_id": application.pk, "job_id": job_a.pk,
                          "from_stage_id": factories.stage_of(job_a, "applied").pk,
                          "to_stage_id": factories.stage_of(job_a, "shortlist").pk}
    rejected = Event.objects.get(type="application.rejected")
    assert "Position filled" not in str(rejected.body())  # free text stays in the ATS


def test_a_merge_and_a_failed_resume_send_their_events(recruiter):
    kept, merged = factories.make_candidate(actor=recruiter), factories.make_candidate(actor=recruiter)
    candidate_merge(actor=recruiter, kept=kept, merged=merged)
    assert _events(kept.pk)[-1][0] == "candidate.merged"
    assert Event.objects.get(type="candidate.merged").data["merged_id"] == merged.pk
    resume = resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(81)),
                           candidate=kept).resume
    resume_claim(resume.pk)
    resume_fail(resume_id=resume.pk, reason="Unreadable.")
    assert _events(kept.pk)[-1][0] == "resume.failed"
    assert Event.objects.get(type="resume.failed").data == {"resume_id": resume.pk}


def test_only_subscriptions_that_want_an_event_get_a_delivery(admin_user, recruiter):
    everything = services.subscription_create(actor=admin_user, url="https://a.example.com/")
    hires = services.subscription_create(actor=admin_user, url="https://b.example.com/", events=["application.hired"])
    off = services.subscription_create(actor=admin_user, url="https://c.example.com/")
    services.subscription_update(actor=admin_user, subscription=off, changes={"is_active": False})
    factories.make_candidate(actor=recruiter)
    assert list(Delivery.objects.values_list("subscription_id", flat=True)) == [everything.pk]
    with pytest.raises(ValueError, match="Unknown event"):
        services.subscription_create(actor=admin_user, url="https://d.example.com/", events=["candidate.exploded"])
    with pytest.raises(ValueError, match="Unknown webhook event"):
        services.event_record("candidate.exploded", candidate_id=1)
    assert hires.deliveries.count() == 0
