"""Background work is handed to Redis only after the commit, by task name, and a Redis outage
never undoes or hides a commit."""
from __future__ import annotations

import logging

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

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
    with caplog.at_level(logging.WARNING, logger="ats.core.queues"), transaction.atomic():
        queues.enqueue_on_commit("default", TASK, 10, job_id="parse-resume-10", job_timeout=30)
        transaction.on_commit(lambda: committed.append(True))
    assert committed == [True]
    assert "could not queue candidates.resumes.tasks.parse_resume_task" in caplog.text


class SilentRedis:
    """A server that accepts connections and never answers: a Redis that hangs."""

    def __init__(self) -> None:
        import socket
        import threading

        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(50)
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        self.held: list = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(connection)

    def close(self) -> None:
        self.server.close()
        for connection in self.held:
            connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_hanging_redis_costs_an_upload_one_short_wait_not_one_per_file(recruiter_client, settings):
    from candidates.resumes.models import Resume
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ats.demo import fake_resumes

    silent = SilentRedis()
    try:
        settings.RQ_QUEUES = {name: {**config, "URL": f"redis://127.0.0.1:{silent.port}/0", "SOCKET_TIMEOUT": 0.3,
                                     "SOCKET_CONNECT_TIMEOUT": 0.3} for name, config in settings.RQ_QUEUES.items()}
        files = [SimpleUploadedFile(f"{n}.txt", fake_resumes.resume_txt(fake_resumes.fake_person(200 + n))) for n in range(8)]
        response = recruiter_client.post(reverse("candidates:upload"), {"files": files}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        assert [r["status"] for r in response.json()["results"]] == ["queued"] * 8
        assert Resume.objects.filter(status="queued").count() == 8  # stored: the sweeper enqueues them later
        assert silent.accepted == 1  # one wait for the whole request, then no more asking
        health = Client().get("/healthz")
        assert health.status_code == 503 and health.json()["redis"]["ok"] is False
    finally:
        silent.close()
