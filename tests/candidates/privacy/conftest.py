from __future__ import annotations

import django_rq
import pytest

from tests import factories


@pytest.fixture
def published_job(recruiter):
    return factories.make_job(actor=recruiter, title="Platform Engineer", published=True)


@pytest.fixture
def export_queue():
    """The subject export queue on the test run's own Redis database, emptied around the test."""
    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()
