from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings


@pytest.mark.django_db
def test_healthz_reports_database_redis_and_queues():
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] and body["redis"]["ok"]
    assert set(body["queue"]["queues"]) == {"default", "parsing", "notifications"}
    assert isinstance(body["queue"]["workers"], int)


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_down():
    closed_port = {name: {**cfg, "URL": "redis://127.0.0.1:1/0"} for name, cfg in settings.RQ_QUEUES.items()}
    with override_settings(RQ_QUEUES=closed_port):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"]["ok"] is False
    assert response.json()["database"]["ok"] is True


def _queued_resume():
    from candidates.resumes.models import Resume

    return Resume.objects.create(original_filename="cv.pdf", size=3, content_type="application/pdf",
                                 sha256="e" * 64, file="aa/cc.pdf")


@pytest.mark.django_db
def test_healthz_is_degraded_while_resumes_wait_with_no_parsing_worker(redis_queue):
    _queued_resume()
    body = Client().get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["degraded"] == ["1 résumé(s) wait and no parsing worker is running"]


@pytest.mark.django_db
def test_healthz_is_degraded_when_the_sweep_is_overdue_and_ok_when_it_ran(redis_queue):
    import time

    from rq import Worker

    from ats.core import queues

    _queued_resume()
    connection = queues.redis_connection("parsing")
    worker = Worker([queues.get_queue("parsing")], connection=connection, name="health-test-worker")
    worker.register_birth()
    try:
        connection.set(queues.LAST_SWEEP_KEY, time.time() - 4 * settings.SWEEP_INTERVAL)
        body = Client().get("/healthz").json()
        assert body["status"] == "degraded"
        assert "sweep is overdue" in body["degraded"][0]
        connection.set(queues.LAST_SWEEP_KEY, time.time())
        body = Client().get("/healthz").json()
        assert body["status"] == "ok" and body["degraded"] == []
        assert body["queue"]["queues"]["parsing"]["workers"] == 1
    finally:
        worker.register_death()
