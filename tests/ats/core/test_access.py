"""Who may reach which page: anonymous users log in first; hiring managers see only their jobs."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["dashboard", "jobs:list", "candidates:list", "password_change"])
def test_anonymous_user_is_sent_to_login(url_name):
    response = Client().get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_login_page_is_public_and_logs_in():
    factories.make_recruiter("robin")
    client = Client()
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": "robin", "password": "test-pass-123"})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_hiring_manager_cannot_see_other_jobs(manager_a_client, job_a, job_b):
    assert manager_a_client.get(reverse("jobs:detail", args=[job_a.pk])).status_code == 200
    assert manager_a_client.get(reverse("jobs:detail", args=[job_b.pk])).status_code == 404
    listing = manager_a_client.get(reverse("jobs:list")).content.decode()
    assert job_a.title in listing and job_b.title not in listing


@pytest.mark.django_db
def test_hiring_manager_sees_only_shortlisted_candidates_of_their_jobs(manager_a_client, job_a, job_b):
    shortlisted = factories.make_application(job=job_a, kind="shortlist").candidate
    screening = factories.make_application(job=job_a, kind="screening").candidate
    other_job = factories.make_application(job=job_b, kind="shortlist").candidate
    assert manager_a_client.get(shortlisted.get_absolute_url()).status_code == 200
    assert manager_a_client.get(screening.get_absolute_url()).status_code == 404
    assert manager_a_client.get(other_job.get_absolute_url()).status_code == 404
    board = manager_a_client.get(reverse("jobs:detail", args=[job_a.pk])).content.decode()
    assert shortlisted.full_name in board and screening.full_name not in board


@pytest.mark.django_db
def test_hiring_manager_cannot_browse_the_candidate_pool_or_the_admin(manager_a_client):
    assert manager_a_client.get(reverse("candidates:list")).status_code == 404
    assert manager_a_client.get("/admin/").status_code == 302  # the admin's own login, not its pages


@pytest.mark.django_db
def test_user_without_a_role_sees_nothing(job_a):
    nobody = factories.make_user("nobody")
    client = Client()
    client.force_login(nobody)
    assert client.get(reverse("jobs:detail", args=[job_a.pk])).status_code == 404
    assert client.get(reverse("candidates:list")).status_code == 404
