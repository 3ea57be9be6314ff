"""Shared personas: a recruiter, a hiring manager of job A, one of job B, an admin, and their jobs."""
from __future__ import annotations

import django_rq
import pytest
from django.test import Client

from tests import factories


@pytest.fixture(autouse=True)
def redis_answers_again():
    """Each test starts with this process asking Redis again (ats.core.queues backs off after a failure)."""
    from ats.core import queues

    queues.forget_failures()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2 at full strength costs ~0.3 s per login; tests need logins, not key stretching.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def recruiter(db):
    return factories.make_recruiter("rita")


@pytest.fixture
def manager_a(db):
    return factories.make_hiring_manager("hm_a")


@pytest.fixture
def manager_b(db):
    return factories.make_hiring_manager("hm_b")


@pytest.fixture
def admin_user(db):
    return factories.make_user("root_admin", is_staff=True, is_superuser=True)


@pytest.fixture
def job_a(recruiter, manager_a):
    return factories.make_job(actor=recruiter, title="Backend Engineer", hiring_managers=[manager_a],
                              criteria=["Distributed systems", "Communication"])


@pytest.fixture
def job_b(recruiter, manager_b):
    return factories.make_job(actor=recruiter, title="Data Analyst", hiring_managers=[manager_b])


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def recruiter_client(recruiter):
    return _client_for(recruiter)


@pytest.fixture
def manager_a_client(manager_a):
    return _client_for(manager_a)


@pytest.fixture
def admin_client_(admin_user):
    return _client_for(admin_user)


@pytest.fixture
def redis_queue():
    """The parsing queue on an empty Redis database of the test run's own."""
    queue = django_rq.get_queue("parsing")
    queue.connection.flushdb()
    yield queue
    queue.connection.flushdb()
