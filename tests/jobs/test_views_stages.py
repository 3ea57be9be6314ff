"""The stage editor: add, rename, reorder, toggle review, remove (moving applications with history)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from ats.core.models import Activity
from jobs.applications.models import Application, StageChange
from jobs.models import Stage
from tests import factories


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
