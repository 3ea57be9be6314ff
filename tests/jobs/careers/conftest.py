from __future__ import annotations

import django_rq
import pytest

from jobs.careers.models import ApplicationQuestion
from tests import factories


@pytest.fixture(autouse=True)
def careers_redis():
    """Fresh rate-limit counters and an empty notifications queue (only ours: Redis is shared)."""
    queue = django_rq.get_queue("notifications")

    def clear() -> None:
        queue.empty()
        keys = list(queue.connection.scan_iter("careers:rate:*"))
        if keys:
            queue.connection.delete(*keys)

    clear()
    yield queue
    clear()


@pytest.fixture
def published_job(recruiter):
    job = factories.make_job(
        actor=recruiter, title="Platform Engineer", department="Engineering", location="Lisbon",
        remote_policy="hybrid", employment_type="full_time", published=True,
        description="Build the platform. <b>Bold</b> claims & </script> tricks.",
    )
    ApplicationQuestion.objects.create(job=job, label="Do you hold a work permit?", kind="yes_no", required=True, position=0)
    ApplicationQuestion.objects.create(job=job, label="Notice period", kind="choice", choices="None\n1 month\n3 months", position=1)
    return job
