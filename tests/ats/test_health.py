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
