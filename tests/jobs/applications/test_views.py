"""The pipeline board: columns, moves (drag/keyboard), undo, bulk actions, lazy pages and who may do what."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ats.core.models import Activity
from candidates.models import Experience, Tag
from jobs.applications.models import Application, StageChange
from jobs.applications.services import application_move, application_set_outcome
from jobs.reviews.models import Review
from tests import factories

JSON = {"HTTP_ACCEPT": "application/json"}


def _move(client, job, application, to_stage, from_stage, **extra):
    url = reverse("jobs:move", args=[job.pk, application.pk])
    return client.post(url, {"to_stage": to_stage.pk, "from_stage": from_stage.pk}, **extra)


def _board_queries(client, job) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("jobs:detail", args=[job.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_board_query_count_is_the_same_at_10_and_1000_applications(recruiter_client, recruiter, job_a):
    factories.bulk_applications(job_a, 10)
    small = _board_queries(recruiter_client, job_a)
    factories.bulk_applications(job_a, 990)
    large = _board_queries(recruiter_client, job_a)
    assert small == large, (small, large)
    assert large <= 15, large


@pytest.mark.django_db
def test_board_shows_cards_with_company_tags_days_and_review_summary(recruiter_client, recruiter, job_a, manager_a):
    application = factories.make_application(job=job_a, actor=recruiter, candidate=factories.make_candidate(
        name="Jane Fictional", headline="Platform engineer"))
    Experience.objects.create(candidate=application.candidate, company="Imaginary GmbH", position=0)
    application.candidate.tags.add(Tag.objects.create(name="go"))
    Review.objects.create(application=application, reviewer=manager_a, recommendation="strong_yes")
    page = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    for text in ("Jane Fictional", "Platform engineer", "Imaginary GmbH", ">go<", "1 Strong yes", "Today", 'draggable="true"',
                 "Move Jane Fictional to"):
        assert text in page, text


@pytest.mark.django_db
def test_board_renders_only_the_first_20_cards_per_column_with_load_more(recruiter_client, recruiter, job_a):
    for _ in range(73):
        factories.make_application(job=job_a, actor=recruiter)
    page = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert page.count('class="candidate-card') == 20
    assert "20 of 73 shown" in page
    applied = factories.stage_of(job_a, "applied")
    more = recruiter_client.get(reverse("jobs:column", args=[job_a.pk, applied.pk]), {"offset": 20})
    assert more.status_code == 200
    assert more.content.decode().count('class="candidate-card') == 50
    assert "offset=70" in more.content.decode()
    last = recruiter_client.get(reverse("jobs:column", args=[job_a.pk, applied.pk]), {"offset": 70}).content.decode()
    assert last.count('class="candidate-card') == 3 and "Load more" not in last


@pytest.mark.django_db
def test_columns_list_longest_waiting_first_with_sort_keys_for_the_script(recruiter_client, recruiter, job_a):
    first, second = (factories.make_application(job=job_a, actor=recruiter) for _ in range(2))
    Application.objects.filter(pk=second.pk).update(stage_entered_at=first.stage_entered_at - timedelta(days=3))
    page = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert page.index(f'id="application-{second.pk}"') < page.index(f'id="application-{first.pk}"')
    keys = [int(k) for k in re.findall(r'data-entered="(\d+)"', page)]
    assert keys == sorted(keys) and len(keys) == 2
    assert "longest-waiting candidates first" in page


@pytest.mark.django_db
def test_board_has_one_shared_move_dialog_not_a_form_per_card(recruiter_client, recruiter, job_a):
    applications = [factories.make_application(job=job_a, actor=recruiter)]
    one = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    applications += [factories.make_application(job=job_a, actor=recruiter) for _ in range(4)]
    page = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert page.count("<select") == 2  # the bulk bar's and the move dialog's
    assert page.count("data-move-open") == 5
    for markup in ("<form", "<select", "<option", "csrfmiddlewaretoken"):  # nothing of that per card
        assert page.count(markup) == one.count(markup), markup
    for application in applications:
        assert f'href="{reverse("jobs:move", args=[job_a.pk, application.pk])}"' in page
        assert f'href="{reverse("candidates:detail", args=[application.candidate_id])}"' in page


@pytest.mark.django_db
def test_move_saves_stage_history_activity_and_offers_undo(recruiter_client, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter, candidate=factories.make_candidate(name="Jane Doe"))
    applied, shortlist = factories.stage_of(job_a, "applied"), factories.stage_of(job_a, "shortlist")
    response = _move(recruiter_client, job_a, application, shortlist, applied, **JSON)
    assert response.status_code == 200
    body = response.json()
    assert body["message"] == "Moved Jane Doe to Shortlisted."
    assert body["counts"][str(shortlist.pk)] == 1 and body["counts"][str(applied.pk)] == 0
    assert f'id="application-{application.pk}"' in body["card"]
    application.refresh_from_db()
    assert application.stage == shortlist
    change = application.stage_changes.latest("changed_at")
    assert (change.from_stage, change.to_stage, change.changed_by) == (applied, shortlist, recruiter)
    assert Activity.objects.filter(application=application, verb="stage_moved", actor=recruiter).exists()

    undo = recruiter_client.post(body["undo"]["url"], {"change": body["undo"]["change"]}, **JSON)
    assert undo.status_code == 200
    assert undo.json()["message"] == "Moved Jane Doe back to Applied."
    application.refresh_from_db()
    assert application.stage == applied
    assert application.stage_changes.count() == 3  # created, moved, moved back


@pytest.mark.django_db
def test_undo_restores_the_time_already_spent_in_the_stage(recruiter_client, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter)
    entered = application.stage_entered_at
    applied, screening = factories.stage_of(job_a, "applied"), factories.stage_of(job_a, "screening")
    body = _move(recruiter_client, job_a, application, screening, applied, **JSON).json()
    recruiter_client.post(body["undo"]["url"], {"change": body["undo"]["change"]}, **JSON)
    application.refresh_from_db()
    assert application.stage_entered_at == StageChange.objects.filter(application=application).earliest("changed_at").changed_at
    assert abs((application.stage_entered_at - entered).total_seconds()) < 1


@pytest.mark.django_db
def test_undo_after_someone_else_moved_the_card_is_a_conflict(recruiter_client, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter)
    applied, screening = factories.stage_of(job_a, "applied"), factories.stage_of(job_a, "screening")
    body = _move(recruiter_client, job_a, application, screening, applied, **JSON).json()
    application.refresh_from_db()
    application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "offer"))
    response = recruiter_client.post(body["undo"]["url"], {"change": body["undo"]["change"]}, **JSON)
    assert response.status_code == 409
    application.refresh_from_db()
    assert application.stage.kind == "offer"


@pytest.mark.django_db
def test_stale_from_stage_answers_409_with_fresh_columns(recruiter_client, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter, candidate=factories.make_candidate(name="Jane Doe"))
    applied, screening, shortlist = (factories.stage_of(job_a, k) for k in ("applied", "screening", "shortlist"))
    application_move(actor=recruiter, application=application, to_stage=screening)  # someone else, first
    response = _move(recruiter_client, job_a, application, shortlist, applied, **JSON)
    assert response.status_code == 409
    body = response.json()
    assert "already moved to Screening" in body["message"]
    assert set(body["columns"]) == {str(applied.pk), str(screening.pk), str(shortlist.pk)}
    assert f'id="application-{application.pk}"' in body["columns"][str(screening.pk)]
    application.refresh_from_db()
    assert application.stage == screening
    assert application.stage_changes.count() == 2


@pytest.mark.django_db
def test_move_without_javascript_redirects_back_with_a_message(recruiter_client, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter)
    response = _move(recruiter_client, job_a, application, factories.stage_of(job_a, "interview"),
                     factories.stage_of(job_a, "applied"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("jobs:detail", args=[job_a.pk])
    assert "Moved" in response.content.decode()
    application.refresh_from_db()
    assert application.stage.kind == "interview"


@pytest.mark.django_db
def test_move_to_another_jobs_stage_is_refused(recruiter_client, recruiter, job_a, job_b):
    application = factories.make_application(job=job_a, actor=recruiter)
    response = _move(recruiter_client, job_a, application, factories.stage_of(job_b, "shortlist"),
                     factories.stage_of(job_a, "applied"), **JSON)
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.stage.kind == "applied"
    # The application through the other job's URL does not exist.
    other = _move(recruiter_client, job_b, application, factories.stage_of(job_b, "shortlist"),
                  factories.stage_of(job_a, "applied"), **JSON)
    assert other.status_code == 404


@pytest.mark.django_db
def test_move_link_without_javascript_shows_a_move_page_that_moves(recruiter_client, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter, candidate=factories.make_candidate(name="Jane Doe"))
    url = reverse("jobs:move", args=[job_a.pk, application.pk])
    page = recruiter_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Move Jane Doe to" in html and "Screening" in html
    assert f'<option value="{factories.stage_of(job_a, "applied").pk}"' not in html  # not to where it is
    response = recruiter_client.post(url, {"to_stage": factories.stage_of(job_a, "screening").pk,
                                           "from_stage": application.stage_id}, follow=True)
    assert "Moved Jane Doe to Screening." in response.content.decode()
    application.refresh_from_db()
    assert application.stage.kind == "screening"


@pytest.mark.django_db
def test_hiring_manager_sees_review_stages_but_cannot_move(manager_a_client, recruiter, job_a):
    shortlisted = factories.make_application(job=job_a, actor=recruiter, kind="shortlist")
    screening = factories.make_application(job=job_a, actor=recruiter, kind="screening")
    page = manager_a_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert shortlisted.candidate.full_name in page and screening.candidate.full_name not in page
    assert 'draggable="true"' not in page and "move-form" not in page
    response = _move(manager_a_client, job_a, shortlisted, factories.stage_of(job_a, "interview"),
                     factories.stage_of(job_a, "shortlist"), **JSON)
    assert response.status_code == 404
    for name, args in (("bulk", [job_a.pk]), ("undo", [job_a.pk, shortlisted.pk]), ("restore", [job_a.pk, shortlisted.pk]),
                       ("bulk_undo", [job_a.pk, 1])):
        assert manager_a_client.post(reverse(f"jobs:{name}", args=args)).status_code == 404
    assert manager_a_client.get(reverse("jobs:move", args=[job_a.pk, shortlisted.pk])).status_code == 404
    assert "data-move-dialog" not in page
    shortlisted.refresh_from_db()
    assert shortlisted.stage.kind == "shortlist"
    # Columns they may not see do not page either.
    screening_stage = factories.stage_of(job_a, "screening")
    assert manager_a_client.get(reverse("jobs:column", args=[job_a.pk, screening_stage.pk])).status_code == 404


@pytest.mark.django_db
def test_anonymised_job_hides_names_from_hiring_managers_on_the_board(manager_a_client, recruiter, job_a):
    job_a.anonymised_review = True
    job_a.save(update_fields=["anonymised_review"])
    application = factories.make_application(job=job_a, actor=recruiter, kind="shortlist")
    page = manager_a_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert application.candidate.full_name not in page
    assert f"Candidate {application.pk}" in page


@pytest.mark.django_db
def test_rejected_are_loaded_on_demand_and_can_be_restored(recruiter_client, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter, candidate=factories.make_candidate(name="Jane Doe"))

    application_set_outcome(actor=recruiter, application=application, outcome="rejected", reason="No visa")
    board = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert "Rejected and withdrawn" in board and "Jane Doe" not in board
    closed = recruiter_client.get(reverse("jobs:closed", args=[job_a.pk])).content.decode()
    assert "Jane Doe" in closed and "No visa" in closed
    recruiter_client.post(reverse("jobs:restore", args=[job_a.pk, application.pk]))
    application.refresh_from_db()
    assert application.outcome == "active"


# --- Bulk undo ---------------------------------------------------------------------------------




@pytest.mark.django_db
def test_a_card_entered_in_the_future_says_today_not_minus_days(recruiter_client, recruiter, job_a):
    application = factories.make_application(job=job_a, actor=recruiter)
    Application.objects.filter(pk=application.pk).update(stage_entered_at=timezone.now() + timedelta(days=8))
    board = recruiter_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert "-8 day" not in board and "Today" in board
