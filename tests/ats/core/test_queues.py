"""Background work is handed to Redis only after the commit, by task name, and a Redis outage
never undoes or hides a commit."""
from __future__ import annotations

import logging

import pytest
from django.db import transaction

from ats.core import queues

TASK = "candidates.resumes.tasks.parse_resume_task"


@pytest.fixture
def queue(settings):
    queue = queues.get_queue("default")
    queue.connection.flushdb()
    yield queue
    queue.connection.flushdb()


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_waits_for_the_commit_and_names_the_task(queue):
    with transaction.atomic():
        queues.enqueue_on_commit("default", TASK, 7, job_id="parse-resume-7", job_timeout=30)
        assert queue.count == 0  # a worker must not see a row before it exists
    assert queue.count == 1
    job = queue.fetch_job("parse-resume-7")
    assert job.func_name == TASK and job.args == (7,) and job.result_ttl == 0 and job.failure_ttl == 24 * 3600


@pytest.mark.django_db(transaction=True)
def test_nothing_is_enqueued_when_the_transaction_rolls_back(queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        queues.enqueue_on_commit("default", TASK, 8, job_id="parse-resume-8", job_timeout=30)
        raise RuntimeError("the write failed")
    assert queue.count == 0


@pytest.mark.django_db(transaction=True)
def test_the_same_job_id_is_not_enqueued_twice_while_it_waits(queue):
    for _ in range(3):
        queues.enqueue("default", TASK, 9, job_id="parse-resume-9", job_timeout=30)
    assert queue.count == 1


@pytest.mark.django_db(transaction=True)
def test_redis_down_at_commit_time_keeps_the_commit_and_logs(settings, caplog):
    settings.RQ_QUEUES = {**settings.RQ_QUEUES, "default": {"URL": "redis://127.0.0.1:1/0", "DEFAULT_TIMEOUT": 5}}
    committed = []
    with caplog.at_level(logging.ERROR, logger="ats.core.queues"), transaction.atomic():
        queues.enqueue_on_commit("default", TASK, 10, job_id="parse-resume-10", job_timeout=30)
        transaction.on_commit(lambda: committed.append(True))
    assert committed == [True]
    assert "could not queue candidates.resumes.tasks.parse_resume_task" in caplog.text
