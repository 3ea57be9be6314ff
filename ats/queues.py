"""RQ queues for the app's own enqueueing, on one Redis client per process and connection settings.

django_rq.get_queue() builds a new Redis client, and so opens a new TCP connection, on every call:
about 4 ms here, paid once per résumé uploaded, per résumé a worker claims, per e-mail queued.
redis-py's pool notices a fork and reconnects, so a client made before a fork stays safe.
"""
from __future__ import annotations

from typing import Any

import django_rq
from django.conf import settings
from redis import Redis
from rq import Queue

_clients: dict[str, Redis] = {}


def redis_connection(queue_name: str) -> Redis:
    # Keyed by the settings, not the name: queues on one server share a client, and a settings
    # change (tests point a queue at a closed port) gets a client of its own.
    key = repr(sorted(settings.RQ_QUEUES[queue_name].items()))
    if key not in _clients:
        _clients[key] = django_rq.get_connection(queue_name)
    return _clients[key]


def get_queue(name: str, **options: Any) -> Queue:
    return django_rq.get_queue(name, connection=redis_connection(name), **options)
