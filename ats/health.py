"""Dependency checks for /healthz: database, Redis and the RQ queues."""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from rq import Worker

from ats.core import queues


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down", reported, never raised
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True}


def check_redis_and_queues() -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        redis = queues.redis_connection("default")
        redis.ping()
        by_queue = {}
        for name in settings.RQ_QUEUE_NAMES:
            queue = queues.get_queue(name)
            by_queue[name] = {
                "queued": queue.count,
                "started": queue.started_job_registry.count,
                "failed": queue.failed_job_registry.count,
            }
        workers = Worker.count(connection=redis)
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}, {"ok": False}
    return {"ok": True}, {"ok": True, "workers": workers, "queues": by_queue}
