"""The erasure page (permission, confirmation, reason), the retention date on a profile, and what
an erased candidate still looks like: nowhere in lists, search or duplicates; a profile with the
date and the applications' stage history only."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from ats.core.models import Activity
from candidates.erasure.services import candidate_erase
from candidates.models import Candidate
from candidates.search.selectors import SearchParams, candidate_search
from candidates.selectors import candidate_duplicates, candidate_list_for
from jobs.applications.services import application_move
from tests import factories

pytestmark = pytest.mark.django_db
NAME = "Ottoline Vasquez-Brandt"


@pytest.fixture
def person(recruiter, job_a):
    candidate = factories.make_candidate(actor=recruiter, name=NAME, emails=["ottoline.vb@example.org"])
    application = factories.make_application(job=job_a, candidate=candidate, actor=recruiter)
    application_move(actor=recruiter, application=application, to_stage=job_a.stages.order_by("position")[1])
    return candidate


def _grant(user) -> None:
    user.user_permissions.add(Permission.objects.get(content_type__app_label="candidates", codename="erase_candidate"))


def test_a_recruiter_needs_the_permission_to_erase(recruiter, recruiter_client, person):
    url = reverse("candidates:erase", args=[person.pk])
    refused = recruiter_client.get(url)
    assert refused.status_code == 403 and "Ask an admin to give it to you" in refused.content.decode()
    assert "Type ERASE" not in refused.content.decode()
    assert recruiter_client.post(url, {"confirm": "ERASE", "reason": "asked"}).status_code == 403
    assert Candidate.objects.get(pk=person.pk).erased_at is None


def test_hiring_managers_and_outsiders_cannot_reach_the_page(manager_a_client, client, person):
    url = reverse("candidates:erase", args=[person.pk])
    assert manager_a_client.get(url).status_code == 404
    assert client.get(url).status_code in (302, 404)


def test_erasing_asks_for_the_word_and_a_reason_then_erases(recruiter, recruiter_client, person):
    _grant(recruiter)
    url = reverse("candidates:erase", args=[person.pk])
    assert reverse("candidates:erase", args=[person.pk]) in recruiter_client.get(person.get_absolute_url()).content.decode()
    page = recruiter_client.get(url)
    assert page.status_code == 200 and "What stays, anonymous" in page.content.decode()
    wrong = recruiter_client.post(url, {"confirm": "erase", "reason": "asked"})  # the word in capitals
    assert wrong.status_code == 400 and "Type ERASE in capitals" in wrong.content.decode()
    assert recruiter_client.post(url, {"confirm": "ERASE", "reason": ""}).status_code == 400
    assert Candidate.objects.get(pk=person.pk).erased_at is None

    done = recruiter_client.post(url, {"confirm": NAME.lower(), "reason": "She asked by e-mail"})  # the name works too
    assert done.status_code == 302 and done["Location"] == person.get_absolute_url()
    erased = Candidate.objects.get(pk=person.pk)
    assert erased.erased_at is not None and erased.emails == []
    assert Activity.objects.filter(verb="candidate_erased", actor=recruiter, candidate=person).exists()
    profile = recruiter_client.get(person.get_absolute_url()).content.decode()
    assert f"Personal data erased on {timezone.localdate():%-d %B %Y}" in profile
    assert "Backend Engineer" in profile or person.applications.get().job.title in profile
    assert NAME not in profile and "Applied" in profile  # the stage history: the first stage's name
    assert recruiter_client.get(url).status_code == 302  # already erased


def test_an_erased_candidate_is_in_no_list_search_or_duplicate_suggestion(recruiter, person):
    twin = factories.make_candidate(actor=recruiter, name=NAME)
    assert person in candidate_duplicates(user=recruiter, candidate=twin)
    candidate_erase(actor=None, candidate=person, reason="retention")
    assert not candidate_list_for(recruiter).filter(pk=person.pk).exists()
    assert candidate_list_for(recruiter, include_erased=True).filter(pk=person.pk).exists()
    assert person not in candidate_duplicates(user=recruiter, candidate=twin)
    other_erased = factories.make_candidate(actor=recruiter, name="Someone Else Entirely")
    candidate_erase(actor=None, candidate=other_erased, reason="retention")
    assert candidate_duplicates(user=recruiter, candidate=Candidate.objects.get(pk=person.pk)) == []
    assert not candidate_search(user=recruiter, params=SearchParams(q="Erased candidate")).matching.filter(pk=person.pk).exists()


def test_the_retention_date_is_set_on_the_profile_and_a_past_date_refused(recruiter, recruiter_client, person):
    url = reverse("candidates:retention", args=[person.pk])
    past = recruiter_client.post(url, {"retain_until": (timezone.localdate() - timedelta(days=1)).isoformat()}, follow=True)
    assert "Choose today or a later date" in past.content.decode()
    assert Candidate.objects.get(pk=person.pk).retain_until is None
    later = timezone.localdate() + timedelta(days=400)
    assert recruiter_client.post(url, {"retain_until": later.isoformat()}).status_code == 302
    assert Candidate.objects.get(pk=person.pk).retain_until == later
    assert Activity.objects.get(verb="retention_set", candidate=person).data == {"from": None, "to": later.isoformat()}
    recruiter_client.post(url, {"retain_until": ""})
    assert Candidate.objects.get(pk=person.pk).retain_until is None
    assert manager_client_cannot(url)


def manager_client_cannot(url) -> bool:
    from tests.conftest import _client_for

    return _client_for(factories.make_hiring_manager()).post(url, {"retain_until": ""}).status_code == 404


def test_the_admin_erases_through_the_service_and_keeps_delete_apart(admin_client_, person):
    url = reverse("admin:candidates_candidate_changelist")
    assert "erase_through_service" in admin_client_.get(url).content.decode()  # superusers have every permission
    response = admin_client_.post(url, {"action": "erase_through_service", "_selected_action": [person.pk]})
    assert response.status_code == 302
    erased = Candidate.objects.get(pk=person.pk)
    assert erased.erased_at is not None and erased.applications.count() == 1  # the statistics stay
    assert Activity.objects.get(verb="candidate_erased").data["reason"] == "erased from the admin"


def test_staff_without_the_permission_are_not_offered_the_erase_action(person):
    from tests.conftest import _client_for

    staff = factories.make_user(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(content_type__app_label="candidates", codename="view_candidate"))
    page = _client_for(staff).get(reverse("admin:candidates_candidate_changelist"))
    assert page.status_code == 200 and "delete_through_service" in page.content.decode()
    assert "erase_through_service" not in page.content.decode()


def test_nothing_can_be_done_to_an_erased_candidate_but_reading_what_is_left(recruiter, recruiter_client, manager_a_client, person):
    other = factories.make_candidate(actor=recruiter, name="Fictional Other")
    candidate_erase(actor=None, candidate=person, reason="retention")
    assert recruiter_client.get(person.get_absolute_url()).status_code == 200
    assert recruiter_client.post(reverse("candidates:note_add", args=[person.pk]), {"body": "hello"}).status_code == 404
    assert recruiter_client.get(reverse("candidates:merge_preview", args=[person.pk, other.pk])).status_code == 404
    assert recruiter_client.post(reverse("candidates:retention", args=[person.pk]), {"retain_until": ""}).status_code == 404
    assert manager_a_client.get(person.get_absolute_url()).status_code == 404  # not awaiting their review
    assert recruiter_client.get("/candidates/999999/").status_code == 404
