"""Hiring-manager reviews: inbox, review page, independent judgement, summaries and requests."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ats.core.models import Activity
from candidates.models import Candidate
from jobs.applications.models import Application
from jobs.applications.services import application_move, application_set_outcome
from jobs.reviews import redaction
from jobs.reviews import selectors as reviews
from jobs.reviews import services as review_services
from jobs.reviews.models import Review, ReviewRequest
from tests import factories


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _shortlist(job, *, name: str | None = None, days_ago: int = 0, **candidate_fields) -> Application:
    candidate = factories.make_candidate(name=name, **candidate_fields)
    application = factories.make_application(job=job, candidate=candidate, kind="shortlist")
    if days_ago:
        Application.objects.filter(pk=application.pk).update(stage_entered_at=timezone.now() - timedelta(days=days_ago))
        application.refresh_from_db()
    return application


def _review_data(job, *, recommendation: str = "yes", score: int = 3, comment: str = "") -> dict[str, str]:
    data = {"recommendation": recommendation, "comment": comment}
    for criterion in job.criteria.all():
        data[f"score_{criterion.pk}"] = str(score)
        data[f"note_{criterion.pk}"] = ""
    return data


def _submit(user, application, **kwargs) -> Review:
    job = application.job
    return review_services.review_submit(
        actor=user,
        application=application,
        recommendation=kwargs.get("recommendation", "yes"),
        comment=kwargs.get("comment", ""),
        ratings={c.pk: (kwargs.get("score", 3), "") for c in job.criteria.all()},
    )


# --- Inbox ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_hiring_manager_lands_on_the_review_inbox(manager_a_client, job_a):
    response = manager_a_client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url == reverse("reviews:inbox")


@pytest.mark.django_db
def test_recruiter_still_gets_the_dashboard(recruiter_client):
    assert recruiter_client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_inbox_lists_only_unreviewed_shortlisted_applications_of_my_jobs_oldest_first(
    manager_a, manager_a_client, job_a, job_b, recruiter
):
    second_job = factories.make_job(actor=recruiter, title="Platform Engineer", hiring_managers=[manager_a])
    newer = _shortlist(job_a, name="Newer Arrival", days_ago=1)
    older = _shortlist(job_a, name="Older Arrival", days_ago=5)
    other_job = _shortlist(second_job, name="Platform Person", days_ago=2)
    reviewed = _shortlist(job_a, name="Already Reviewed")
    _submit(manager_a, reviewed)
    rejected = _shortlist(job_a, name="Rejected Person")
    application_set_outcome(actor=recruiter, application=rejected, outcome="rejected", reason="Position filled")
    factories.make_application(job=job_a, candidate=factories.make_candidate(name="Still Screening"), kind="screening")
    _shortlist(job_b, name="Someone Elses")

    groups, reviewed_list = reviews.review_inbox(manager_a)
    assert [(g.job.pk, [a.pk for a in g.applications]) for g in groups] == [
        (job_a.pk, [older.pk, newer.pk]),
        (second_job.pk, [other_job.pk]),
    ]
    assert [a.pk for a in reviewed_list] == [reviewed.pk]

    html = manager_a_client.get(reverse("reviews:inbox")).content.decode()
    assert html.index("Older Arrival") < html.index("Newer Arrival")
    for absent in ("Already Reviewed", "Rejected Person", "Still Screening", "Someone Elses"):
        assert absent not in html
    assert "3 candidates waiting" in html
    reviewed_html = manager_a_client.get(reverse("reviews:inbox") + "?tab=reviewed").content.decode()
    assert "Already Reviewed" in reviewed_html and "Older Arrival" not in reviewed_html


@pytest.mark.django_db
def test_inbox_has_an_empty_state_that_says_what_happens_next(manager_a_client, job_a):
    html = manager_a_client.get(reverse("reviews:inbox")).content.decode()
    assert "You are all caught up" in html


def _bulk_shortlist(job, count: int) -> None:
    stage = factories.stage_of(job, "shortlist")
    candidates = Candidate.objects.bulk_create(Candidate(full_name=f"Bulk Person {i}") for i in range(count))
    Application.objects.bulk_create(Application(candidate=c, job=job, stage=stage) for c in candidates)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["reviews:inbox", "reviews:requests"])
def test_review_lists_use_the_same_number_of_queries_at_10_and_1000_rows(
    url_name, manager_a, recruiter, job_a, recruiter_client, manager_a_client
):
    client = manager_a_client if url_name == "reviews:inbox" else recruiter_client

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        return len(queries)

    def add_rows(n: int) -> None:
        _bulk_shortlist(job_a, n)
        now = timezone.now()
        ReviewRequest.objects.bulk_create(
            ReviewRequest(application=a, reviewer=manager_a, requested_by=recruiter, requested_at=now,
                          due_at=now + timedelta(days=1), completed_at=now if a.pk % 2 else None)
            for a in Application.objects.filter(job=job_a, review_requests__isnull=True)
        )

    add_rows(10)
    small = count_queries()
    add_rows(990)
    assert count_queries() == small


# --- Review page ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_review_page_shows_resume_profile_notes_for_reviewers_and_criteria(manager_a_client, job_a, recruiter):
    application = _shortlist(job_a, name="Ada Fictional", headline="Backend engineer", summary="Builds queues.")
    candidate = application.candidate
    from candidates.services import note_add

    note_add(actor=recruiter, candidate=candidate, body="Strong on Kafka, ask about on-call.", application=application,
             visible_to_hiring_managers=True)
    note_add(actor=recruiter, candidate=candidate, body="Salary expectations are high.")
    response = manager_a_client.get(reverse("reviews:review", args=[application.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ada Fictional" in html and "Builds queues." in html
    assert "Strong on Kafka" in html and "Salary expectations" not in html
    for criterion in job_a.criteria.all():
        assert f"<legend>{criterion.name}</legend>" in html
    for value, word in ((1, "Poor"), (2, "Fair"), (3, "Good"), (4, "Excellent")):
        assert f'<span class="scale-value">{value}</span> <span class="scale-word">{word}</span>' in html
    assert "Strong no" in html and "Strong yes" in html
    assert "js/review." in html


@pytest.mark.django_db
def test_submitting_a_review_saves_ratings_and_goes_to_the_next_candidate(manager_a, manager_a_client, job_a, recruiter):
    first = _shortlist(job_a, name="First Person", days_ago=3)
    second = _shortlist(job_a, name="Second Person", days_ago=2)
    ReviewRequest.objects.create(application=first, reviewer=manager_a, requested_by=recruiter,
                                 due_at=timezone.now() + timedelta(days=2))
    data = _review_data(job_a, recommendation="strong_yes", score=4, comment="Hire.")
    first_criterion = job_a.criteria.first()
    data[f"note_{first_criterion.pk}"] = "Designed a sharded queue."
    response = manager_a_client.post(reverse("reviews:review", args=[first.pk]), data)
    assert response.status_code == 302 and response.url == reverse("reviews:review", args=[second.pk])
    review = Review.objects.get(application=first, reviewer=manager_a)
    assert review.recommendation == "strong_yes" and review.comment == "Hire."
    assert sorted(review.ratings.values_list("score", flat=True)) == [4, 4]
    assert review.ratings.get(criterion=first_criterion).comment == "Designed a sharded queue."
    assert ReviewRequest.objects.get(application=first).completed_at is not None
    assert Activity.objects.filter(verb="review_submitted", application=first, actor=manager_a).exists()
    # The last one sends the reviewer back to an empty inbox.
    response = manager_a_client.post(reverse("reviews:review", args=[second.pk]), _review_data(job_a))
    assert response.status_code == 302 and response.url == reverse("reviews:inbox")


@pytest.mark.django_db
def test_a_review_needs_every_criterion_and_a_recommendation(manager_a_client, job_a):
    application = _shortlist(job_a)
    data = _review_data(job_a)
    del data["recommendation"]
    data.pop(f"score_{job_a.criteria.first().pk}")
    response = manager_a_client.post(reverse("reviews:review", args=[application.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose an overall recommendation." in html and f"Rate {job_a.criteria.first().name}." in html
    assert not Review.objects.exists()


@pytest.mark.django_db
def test_editing_a_review_is_prefilled_and_replaces_it(manager_a, manager_a_client, job_a):
    application = _shortlist(job_a)
    _submit(manager_a, application, recommendation="no", score=2, comment="Not yet.")
    html = manager_a_client.get(reverse("reviews:review", args=[application.pk])).content.decode()
    assert "Edit your review" in html and 'value="no" id="id_recommendation_1" checked' in html
    assert "Not yet." in html
    manager_a_client.post(reverse("reviews:review", args=[application.pk]), _review_data(job_a, recommendation="yes", score=3))
    review = Review.objects.get()
    assert review.recommendation == "yes" and set(review.ratings.values_list("score", flat=True)) == {3}


@pytest.mark.django_db
def test_review_page_links_previous_and_next_in_the_shortlist(manager_a_client, job_a):
    first, middle, last = (_shortlist(job_a, days_ago=d) for d in (3, 2, 1))
    html = manager_a_client.get(reverse("reviews:review", args=[middle.pk])).content.decode()
    assert f'href="{reverse("reviews:review", args=[first.pk])}" data-nav="previous"' in html
    assert f'href="{reverse("reviews:review", args=[last.pk])}" data-nav="next"' in html
    assert "2 of 3" in html


@pytest.mark.django_db
def test_review_page_is_404_outside_the_managers_shortlists(manager_a_client, job_a, job_b, recruiter):
    other_job = _shortlist(job_b)
    screening = factories.make_application(job=job_a, kind="screening")
    for application in (other_job, screening):
        assert manager_a_client.get(reverse("reviews:review", args=[application.pk])).status_code == 404
        assert manager_a_client.post(reverse("reviews:review", args=[application.pk]), _review_data(job_a)).status_code == 404
    assert not Review.objects.exists()


# --- Independent judgement ----------------------------------------------------------------------


@pytest.mark.django_db
def test_reviewers_see_other_feedback_only_after_submitting_their_own(manager_a, job_a, recruiter):
    colleague = factories.make_hiring_manager("hm_a2")
    job_a.hiring_managers.add(colleague)
    application = _shortlist(job_a)
    _submit(manager_a, application, recommendation="strong_no", comment="Weak answers on consistency.")

    assert reviews.feedback_visible_to(colleague, application) == []
    html = _client(colleague).get(reverse("reviews:review", args=[application.pk])).content.decode()
    assert "Weak answers on consistency." not in html and "Strong no" not in html.split("Overall recommendation")[0]
    assert "appears here once you have submitted yours" in html
    board = _client(colleague).get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert f"application-{application.pk}" in board and "rec-strong_no" not in board

    _submit(colleague, application, recommendation="yes")
    assert [r.reviewer for r in reviews.feedback_visible_to(colleague, application)] == [manager_a]
    html = _client(colleague).get(reverse("reviews:review", args=[application.pk])).content.decode()
    assert "Weak answers on consistency." in html
    # Recruiters always see everything.
    assert len(reviews.feedback_visible_to(recruiter, application)) == 2


# --- Anonymised review ----------------------------------------------------------------------------

SECRET_VALUES = [
    "Zephyrine Quartermaine",
    "zephyrine.q@example.org",
    "+44 20 7946 0958",
    "Reykjavik",
    "github.com/zquartermaine",
]


@pytest.fixture
def anonymised_application(job_a, recruiter):
    from candidates.resumes.models import Resume

    job_a.anonymised_review = True
    job_a.save(update_fields=["anonymised_review"])
    application = _shortlist(
        job_a,
        name="Zephyrine Quartermaine",
        emails=["zephyrine.q@example.org"],
        phones=["+44 20 7946 0958"],
        location="Reykjavik, Iceland",
        links=["https://github.com/zquartermaine"],
        headline="Staff engineer",
        summary="Zephyrine Quartermaine has led payments teams.",
    )
    resume_text = (
        "ZEPHYRINE QUARTERMAINE\nReykjavik, Iceland · zephyrine.q@example.org · +44 20 7946 0958\n"
        "https://github.com/zquartermaine\nNationality: Icelandic\nDate of birth: 1 May 1990\n\n"
        "Experience\nStaff Engineer, Cobalt Ledger, 2019 - 2024\nLed the payments platform.\n"
    )
    Resume.objects.create(
        candidate=application.candidate, file="aa/fake.txt", original_filename="zephyrine-cv.txt", size=10,
        content_type="text/plain", sha256="a" * 64, status=Resume.Status.PARSED, parsed={}, text=resume_text,
    )
    return application


def _assert_anonymous(html: str) -> None:
    lowered = html.lower()
    for secret in [*SECRET_VALUES, "Icelandic", "1 May 1990", "zephyrine-cv"]:
        assert secret.lower() not in lowered, f"{secret!r} leaked"


@pytest.mark.django_db
def test_anonymised_review_hides_identity_in_inbox_review_page_and_resume(manager_a_client, anonymised_application):
    application = anonymised_application
    inbox = manager_a_client.get(reverse("reviews:inbox")).content.decode()
    _assert_anonymous(inbox)
    assert f"Candidate #{application.pk}" in inbox

    page = manager_a_client.get(reverse("reviews:review", args=[application.pk])).content.decode()
    _assert_anonymous(page)
    assert f"Candidate #{application.pk}" in page
    assert "Led the payments platform." in page and "2019 - 2024" in page
    assert redaction.REDACTED in page and "<iframe" not in page

    board = manager_a_client.get(reverse("jobs:detail", args=[application.job_id])).content.decode()
    _assert_anonymous(board)


@pytest.mark.django_db
def test_anonymised_review_hides_identity_in_the_profile_and_resume_files(manager_a_client, anonymised_application):
    candidate = anonymised_application.candidate
    response = manager_a_client.get(candidate.get_absolute_url(), follow=True)
    assert response.status_code == 200
    _assert_anonymous(response.content.decode())
    resume = candidate.resumes.get()
    for name in ("candidates:resume_preview", "candidates:resume_download"):
        try:
            url = reverse(name, args=[resume.pk])
        except Exception:  # the résumé views are another engineer's; absent means nothing to leak
            continue
        assert manager_a_client.get(url).status_code == 404


@pytest.mark.django_db
def test_recruiters_always_see_who_the_candidate_is(recruiter, anonymised_application):
    assert not reviews.anonymised_for(recruiter, anonymised_application.job)


def test_redaction_keeps_dates_and_hides_contacts():
    candidate = Candidate(full_name="Olu Brightwater", emails=["olu@example.com"], location="Lagos, Nigeria")
    text = "Olu Brightwater — olu@example.com — (555) 010-2233\nLagos\n2015 – 2019 Analyst\nSee www.olu.dev\nGender: male"
    redacted = redaction.redact(text, candidate)
    for secret in ("Olu", "Brightwater", "olu@example.com", "010-2233", "Lagos", "olu.dev", "male"):
        assert secret not in redacted
    assert "2015 – 2019 Analyst" in redacted


# --- Summaries for recruiters --------------------------------------------------------------------


@pytest.mark.django_db
def test_review_summaries_give_reviewers_recommendations_and_criterion_averages(manager_a, job_a):
    colleague = factories.make_hiring_manager("hm_a2")
    job_a.hiring_managers.add(colleague)
    application = _shortlist(job_a)
    untouched = _shortlist(job_a)
    _submit(manager_a, application, recommendation="strong_yes", score=4)
    _submit(colleague, application, recommendation="no", score=1)
    summaries = reviews.review_summaries([application.pk, untouched.pk])
    summary = summaries[application.pk]
    assert untouched.pk not in summaries
    assert [(r.reviewer.username, r.recommendation) for r in summary.reviews] == [("hm_a", "strong_yes"), ("hm_a2", "no")]
    assert [(c.name, c.average) for c in summary.criteria] == [("Distributed systems", 2.5), ("Communication", 2.5)]
    assert summary.count == 2 and summary.positive == 1


@pytest.mark.django_db
def test_review_summaries_take_two_queries_whatever_the_number(manager_a, job_a, django_assert_num_queries):
    applications = [_shortlist(job_a) for _ in range(3)]
    for application in applications:
        _submit(manager_a, application)
    with django_assert_num_queries(2):
        summaries = reviews.review_summaries([a.pk for a in applications])
        assert all(len(s.criteria) == 2 for s in summaries.values())


@pytest.mark.django_db
def test_summary_include_renders_for_recruiters(manager_a, job_a):
    from django.template.loader import render_to_string

    application = _shortlist(job_a)
    _submit(manager_a, application, recommendation="strong_yes", score=4)
    html = render_to_string("reviews/_summary.html", {"summary": reviews.review_summaries([application.pk])[application.pk]})
    assert "Strong yes" in html and "Hana Manager" in html and "Distributed systems" in html and "4.0/4" in html


# --- Review requests ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_recruiter_requests_a_review_and_sees_who_is_late(recruiter, recruiter_client, manager_a, job_a):
    on_time = _shortlist(job_a, name="On Time")
    late = _shortlist(job_a, name="Running Late")
    response = recruiter_client.post(
        reverse("reviews:request_new", args=[on_time.pk]), {"reviewer": manager_a.pk, "due_in_days": 2}
    )
    assert response.status_code == 302
    request = ReviewRequest.objects.get(application=on_time)
    assert request.reviewer == manager_a and request.requested_by == recruiter
    assert timedelta(days=1, hours=23) < request.due_at - request.requested_at <= timedelta(days=2)
    ReviewRequest.objects.create(application=late, reviewer=manager_a, requested_by=recruiter,
                                 requested_at=timezone.now() - timedelta(days=5), due_at=timezone.now() - timedelta(days=2))
    _submit(manager_a, on_time)

    html = recruiter_client.get(reverse("reviews:requests")).content.decode()
    outstanding, completed = html.split('id="completed-title"')
    assert "Running Late" in outstanding and "Overdue" in outstanding
    assert "On Time" in completed


@pytest.mark.django_db
def test_a_review_can_be_requested_only_from_the_jobs_managers_on_a_review_stage(
    recruiter_client, manager_a, manager_b, job_a
):
    application = _shortlist(job_a)
    response = recruiter_client.post(reverse("reviews:request_new", args=[application.pk]), {"reviewer": manager_b.pk, "due_in_days": 2})
    assert response.status_code == 400 and not ReviewRequest.objects.exists()
    screening = factories.make_application(job=job_a, kind="screening")
    response = recruiter_client.post(reverse("reviews:request_new", args=[screening.pk]), {"reviewer": manager_a.pk, "due_in_days": 2})
    assert response.status_code == 400 and "move them to a review stage" in response.content.decode()


@pytest.mark.django_db
def test_hiring_managers_cannot_see_or_make_review_requests(manager_a_client, manager_a, job_a):
    application = _shortlist(job_a)
    assert manager_a_client.get(reverse("reviews:requests")).status_code == 404
    response = manager_a_client.post(reverse("reviews:request_new", args=[application.pk]), {"reviewer": manager_a.pk, "due_in_days": 1})
    assert response.status_code == 404 and not ReviewRequest.objects.exists()


# --- Notification settings ------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_user_can_turn_each_notification_off(manager_a, manager_a_client):
    html = manager_a_client.get(reverse("notification_settings")).content.decode()
    assert "Shortlist digest" in html and 'href="/notifications/"' in html
    response = manager_a_client.post(reverse("notification_settings"), {"review_submitted": "on"})
    assert response.status_code == 302
    preference = manager_a.notification_preference
    preference.refresh_from_db()
    assert preference.shortlist_digest is False and preference.review_submitted is True


@pytest.mark.django_db
def test_moving_back_out_of_review_removes_the_candidate_from_the_inbox(manager_a, job_a, recruiter):
    application = _shortlist(job_a)
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "interview"))
    assert reviews.review_inbox(manager_a)[0] == []
