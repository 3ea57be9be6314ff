"""Job pages: list filters and counts, the job form (create/edit with criteria), status buttons,
dashboard reviews, and the stage editor (add, rename, reorder, toggle review, remove with history)."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ats.core.models import Activity
from jobs.applications.models import Application, StageChange
from jobs.models import Job, ReviewCriterion, Stage
from jobs.reviews.models import Review, ReviewRating
from tests import factories


def _form(**overrides):
    data = {
        "title": "Site Reliability Engineer", "department": "Platform", "location": "Lisbon", "remote_policy": "hybrid",
        "employment_type": "full_time", "status": "open", "description": "Keep things running.",
        "criterion_id": ["", ""], "criterion_name": ["On-call judgement", "Linux"],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_job_list_filters_by_status_department_people_and_text(recruiter_client, recruiter, manager_a, job_a, job_b):
    factories.make_job(actor=recruiter, title="Office Manager", department="Operations", status="on_hold")
    Job.objects.filter(pk=job_a.pk).update(department="Engineering")
    url = reverse("jobs:list")

    def titles(**params):
        page = recruiter_client.get(url, params).content.decode()
        return {t for t in ("Backend Engineer", "Data Analyst", "Office Manager") if t in page}

    assert titles() == {"Backend Engineer", "Data Analyst", "Office Manager"}
    assert titles(status="on_hold") == {"Office Manager"}
    assert titles(department="Engineering") == {"Backend Engineer"}
    assert titles(manager=manager_a.pk) == {"Backend Engineer"}
    assert titles(recruiter=recruiter.pk) == {"Backend Engineer", "Data Analyst", "Office Manager"}
    assert titles(q="analyst") == {"Data Analyst"}
    assert "No jobs match these filters" in recruiter_client.get(url, {"q": "astronaut"}).content.decode()


@pytest.mark.django_db
def test_job_list_counts_active_and_total_without_double_counting_managers(recruiter_client, recruiter, manager_a, manager_b, job_a):
    job_a.hiring_managers.add(manager_b)
    factories.make_application(job=job_a, actor=recruiter)
    rejected = factories.make_application(job=job_a, actor=recruiter)
    Application.objects.filter(pk=rejected.pk).update(outcome="rejected", outcome_reason="x", outcome_at=rejected.applied_at)
    response = recruiter_client.get(reverse("jobs:list"), {"manager": manager_a.pk})
    job = response.context["page"].object_list[0]
    assert (job.active_count, job.total_count) == (1, 2)


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("jobs:list"), {"status": "open"}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_job_list_query_count_is_the_same_at_10_and_1000_applications(recruiter_client, recruiter, job_a):
    for _ in range(3):
        factories.make_job(actor=recruiter, department="Sales")
    factories.bulk_applications(job_a, 10)
    small = _list_queries(recruiter_client)
    factories.bulk_applications(job_a, 990)
    large = _list_queries(recruiter_client)
    assert small == large, (small, large)
    assert large <= 15


@pytest.mark.django_db
def test_recruiter_creates_a_job_with_managers_and_criteria(recruiter_client, recruiter, manager_a):
    response = recruiter_client.post(reverse("jobs:create"), _form(hiring_managers=[manager_a.pk], recruiter=recruiter.pk,
                                                                   anonymised_review="on"))
    job = Job.objects.get(title="Site Reliability Engineer")
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert (job.status, job.recruiter, job.anonymised_review, job.opened_at is not None) == ("open", recruiter, True, True)
    assert list(job.hiring_managers.all()) == [manager_a]
    assert list(job.criteria.values_list("name", flat=True)) == ["On-call judgement", "Linux"]
    assert job.stages.count() == 6
    assert Activity.objects.filter(job=job, verb="job_created", actor=recruiter).exists()


@pytest.mark.django_db
def test_create_form_shows_errors_and_keeps_the_criteria(recruiter_client):
    response = recruiter_client.post(reverse("jobs:create"), _form(title=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required" in page and 'value="Linux"' in page
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_edit_renames_reorders_and_removes_criteria_keeping_ratings(recruiter_client, recruiter, manager_a, job_a):
    distributed, communication = job_a.criteria.order_by("position")
    application = factories.make_application(job=job_a, actor=recruiter)
    review = Review.objects.create(application=application, reviewer=manager_a, recommendation="yes")
    ReviewRating.objects.create(review=review, criterion=distributed, score=3)
    ReviewRating.objects.create(review=review, criterion=communication, score=2)
    data = _form(title="Backend Engineer II", status="on_hold", hiring_managers=[manager_a.pk],
                 criterion_id=["", str(distributed.pk)], criterion_name=["Testing", "Distributed systems at scale"])
    response = recruiter_client.post(reverse("jobs:edit", args=[job_a.pk]), data)
    assert response.status_code == 302
    job_a.refresh_from_db()
    assert (job_a.title, job_a.status, job_a.location) == ("Backend Engineer II", "on_hold", "Lisbon")
    assert list(job_a.criteria.values_list("name", flat=True)) == ["Testing", "Distributed systems at scale"]
    assert ReviewRating.objects.filter(criterion=distributed).exists()
    assert not ReviewCriterion.objects.filter(pk=communication.pk).exists()
    edits = Activity.objects.filter(job=job_a, verb="job_edited", actor=recruiter)
    assert edits.filter(data__fields__contains=["title"]).exists() and edits.filter(data__has_key="criteria").exists()
    assert Activity.objects.filter(job=job_a, verb="job_status", data__to="on_hold").exists()


@pytest.mark.django_db
def test_swapping_two_criteria_names_works(recruiter_client, job_a):
    first, second = job_a.criteria.order_by("position")
    data = _form(criterion_id=[str(first.pk), str(second.pk)], criterion_name=[second.name, first.name])
    assert recruiter_client.post(reverse("jobs:edit", args=[job_a.pk]), data).status_code == 302
    first.refresh_from_db()
    assert first.name == "Communication"


@pytest.mark.django_db
def test_status_buttons_open_hold_and_close(recruiter_client, recruiter, job_a):
    url = reverse("jobs:status", args=[job_a.pk])
    for status in ("on_hold", "closed", "open"):
        assert recruiter_client.post(url, {"status": status}).status_code == 302
        job_a.refresh_from_db()
        assert job_a.status == status
    assert job_a.closed_at is None
    assert Activity.objects.filter(job=job_a, verb="job_status").count() == 3
    assert recruiter_client.post(url, {"status": "archived"}).status_code == 400
    assert recruiter_client.get(url).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["create", "edit", "status", "stages", "stage_add", "stage_reorder"])
def test_hiring_manager_gets_404_on_every_write_url(manager_a_client, job_a, name):
    args = [] if name == "create" else [job_a.pk]
    url = reverse(f"jobs:{name}", args=args)
    assert manager_a_client.get(url).status_code == 404
    assert manager_a_client.post(url, _form(status="closed", name="Hack")).status_code == 404
    job_a.refresh_from_db()
    assert job_a.status == "open" and job_a.title == "Backend Engineer" and job_a.stages.count() == 6


@pytest.mark.django_db
def test_hiring_manager_gets_404_on_stage_writes(manager_a_client, job_a):
    stage = job_a.stages.first()
    for name in ("stage_rename", "stage_review", "stage_remove"):
        assert manager_a_client.post(reverse(f"jobs:{name}", args=[job_a.pk, stage.pk]), {"name": "X"}).status_code == 404
    stage.refresh_from_db()
    assert stage.name == "Applied"


@pytest.mark.django_db
def test_dashboard_lists_the_latest_reviews_on_my_jobs(recruiter_client, recruiter, manager_a, job_a):
    other_recruiter = factories.make_recruiter()
    foreign_job = factories.make_job(actor=other_recruiter, title="Not mine")
    mine = factories.make_application(job=job_a, actor=recruiter, candidate=factories.make_candidate(name="Jane Reviewed"))
    theirs = factories.make_application(job=foreign_job, candidate=factories.make_candidate(name="Other Person"))
    Review.objects.create(application=mine, reviewer=manager_a, recommendation="strong_yes")
    Review.objects.create(application=theirs, reviewer=manager_a, recommendation="no")
    page = recruiter_client.get(reverse("dashboard")).content.decode()
    assert "Reviews that came in" in page
    assert "Jane Reviewed" in page and "Strong yes" in page and mine.candidate.get_absolute_url() in page
    assert "Other Person" not in page


# --- The stage editor -----------------------------------------------------------------------------

def _names(job) -> list[str]:
    return list(job.stages.order_by("position").values_list("name", flat=True))


@pytest.mark.django_db
def test_stage_editor_lists_stages_with_counts(recruiter_client, recruiter, job_a):
    factories.make_application(job=job_a, actor=recruiter)
    response = recruiter_client.get(reverse("jobs:stages", args=[job_a.pk]))
    assert response.status_code == 200
    assert [s.application_count for s in response.context["stages"]][:2] == [1, 0]


@pytest.mark.django_db
def test_add_stage_inserts_it_after_the_chosen_stage(recruiter_client, recruiter, job_a):
    interview = factories.stage_of(job_a, "interview")
    response = recruiter_client.post(reverse("jobs:stage_add", args=[job_a.pk]),
                                     {"name": "Take-home task", "kind": "interview", "after": interview.pk})
    assert response.status_code == 302
    assert _names(job_a) == ["Applied", "Screening", "Shortlisted", "Interview", "Take-home task", "Offer", "Hired"]
    assert Activity.objects.filter(job=job_a, verb="job_edited", data__stage_added="Take-home task").exists()


@pytest.mark.django_db
def test_add_stage_with_a_taken_name_is_refused(recruiter_client, job_a):
    response = recruiter_client.post(reverse("jobs:stage_add", args=[job_a.pk]), {"name": "screening", "kind": "screening"},
                                     HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "already has a stage" in response.content.decode()
    assert job_a.stages.count() == 6


@pytest.mark.django_db
def test_htmx_requests_get_the_editor_partial(recruiter_client, job_a):
    stage = factories.stage_of(job_a, "offer")
    response = recruiter_client.post(reverse("jobs:stage_rename", args=[job_a.pk, stage.pk]), {"name": "Offer made"},
                                     HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="stage-editor"') and "Renamed “Offer” to “Offer made”" in page
    stage.refresh_from_db()
    assert stage.name == "Offer made"
    assert Activity.objects.filter(job=job_a, data__stage_renamed__to="Offer made").exists()


@pytest.mark.django_db
def test_reorder_up_and_down_and_by_full_order(recruiter_client, job_a):
    url = reverse("jobs:stage_reorder", args=[job_a.pk])
    offer = factories.stage_of(job_a, "offer")
    assert recruiter_client.post(url, {"stage": offer.pk, "direction": "up"}).status_code == 302
    assert _names(job_a) == ["Applied", "Screening", "Shortlisted", "Offer", "Interview", "Hired"]
    order = list(job_a.stages.order_by("-position").values_list("pk", flat=True))
    assert recruiter_client.post(url, {"order": order}).status_code == 302
    assert _names(job_a)[0] == "Hired"
    assert list(job_a.stages.order_by("position").values_list("position", flat=True)) == list(range(6))
    assert recruiter_client.post(url, {"order": order[:3]}).status_code == 400


@pytest.mark.django_db
def test_toggle_needs_review(recruiter_client, job_a):
    interview = factories.stage_of(job_a, "interview")
    recruiter_client.post(reverse("jobs:stage_review", args=[job_a.pk, interview.pk]), {"needs_review": "1"})
    interview.refresh_from_db()
    assert interview.needs_review


@pytest.mark.django_db
def test_removing_a_stage_with_applications_asks_where_and_moves_them_with_history(recruiter_client, recruiter, job_a):
    screening, interview = factories.stage_of(job_a, "screening"), factories.stage_of(job_a, "interview")
    applications = [factories.make_application(job=job_a, actor=recruiter, kind="screening") for _ in range(2)]
    url = reverse("jobs:stage_remove", args=[job_a.pk, screening.pk])
    confirm = recruiter_client.get(url).content.decode()
    assert "2 applications" in confirm and "Move its applications to" in confirm
    assert recruiter_client.post(url, {}).status_code == 400  # no destination chosen
    assert Stage.objects.filter(pk=screening.pk).exists()
    response = recruiter_client.post(url, {"move_to": interview.pk})
    assert response.status_code == 302
    assert not Stage.objects.filter(pk=screening.pk).exists()
    assert set(Application.objects.filter(stage=interview).values_list("pk", flat=True)) == {a.pk for a in applications}
    history = StageChange.objects.filter(to_stage=interview, from_stage_name="Screening", changed_by=recruiter)
    assert history.count() == 2
    assert _names(job_a) == ["Applied", "Shortlisted", "Interview", "Offer", "Hired"]
    assert list(job_a.stages.order_by("position").values_list("position", flat=True)) == list(range(5))
    assert Activity.objects.filter(job=job_a, data__stage_removed="Screening", data__moved=2).exists()


@pytest.mark.django_db
def test_cannot_move_applications_to_another_jobs_stage_when_removing(recruiter_client, recruiter, job_a, job_b):
    screening = factories.stage_of(job_a, "screening")
    factories.make_application(job=job_a, actor=recruiter, kind="screening")
    response = recruiter_client.post(reverse("jobs:stage_remove", args=[job_a.pk, screening.pk]),
                                     {"move_to": factories.stage_of(job_b, "interview").pk})
    assert response.status_code == 400
    assert Stage.objects.filter(pk=screening.pk).exists()


@pytest.mark.django_db
def test_the_last_stage_cannot_be_removed(recruiter_client, recruiter):
    job = factories.make_job(actor=recruiter)
    stages = list(job.stages.order_by("position"))
    for stage in stages[1:]:
        assert recruiter_client.post(reverse("jobs:stage_remove", args=[job.pk, stage.pk])).status_code == 302
    last = stages[0]
    page = recruiter_client.get(reverse("jobs:stage_remove", args=[job.pk, last.pk])).content.decode()
    assert "only stage" in page
    assert recruiter_client.post(reverse("jobs:stage_remove", args=[job.pk, last.pk])).status_code == 400
    assert job.stages.count() == 1


@pytest.mark.django_db
def test_another_jobs_stage_is_404_in_the_editor(recruiter_client, job_a, job_b):
    foreign = factories.stage_of(job_b, "offer")
    for name in ("stage_rename", "stage_review", "stage_remove"):
        assert recruiter_client.post(reverse(f"jobs:{name}", args=[job_a.pk, foreign.pk]), {"name": "X"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Offer"


@pytest.mark.django_db
def test_the_stage_pickers_ask_for_one_jobs_stages_in_pipeline_order(recruiter_client, job_a, job_b):
    Stage.objects.filter(job=job_a, name="Applied").update(position=99)  # moved to the end
    response = recruiter_client.get(reverse("jobs:stage_options", args=[job_a.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    stages = list(job_a.stages.order_by("position").values_list("pk", "name"))
    assert response.json() == [[pk, name] for pk, name in stages] and stages[-1][1] == "Applied"
    # Pages no longer carry every job's stages; the pickers know where to ask.
    page = recruiter_client.get(reverse("candidates:list")).content.decode()
    assert 'id="job-stages"' not in page and f'data-stage-url="{reverse("jobs:stage_options", args=[0])}"' in page
