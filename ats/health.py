"""Dependency checks for /healthz: the database, Redis and the RQ queues, and whether résumé work
is being done (workers there, the sweep on time)."""
from __future__ import annotations

import time
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
                "workers": Worker.count(queue=queue),
            }
        workers = Worker.count(connection=redis)
        last_sweep = redis.get(queues.LAST_SWEEP_KEY)
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}, {"ok": False}
    sweep_age = round(time.time() - float(last_sweep)) if last_sweep else None
    return {"ok": True}, {"ok": True, "workers": workers, "queues": by_queue, "last_sweep_seconds_ago": sweep_age}


def degraded_reasons(queue: dict[str, Any], resumes_waiting: int) -> list[str]:
    """Why résumé work is not getting done although the services answer."""
    if not queue.get("ok") or not resumes_waiting:
        return []
    if not queue["queues"]["parsing"]["workers"]:
        return [f"{resumes_waiting} résumé(s) wait and no parsing worker is running"]
    age = queue.get("last_sweep_seconds_ago")
    if age is None or age > 3 * settings.SWEEP_INTERVAL:
        return ["the résumé sweep is overdue: lost work is not being recovered"]
    return []
