"""Background work: the RQ queues, and the one policy for handing work to them after a commit.

Jobs are named by dotted path (`"candidates.resumes.tasks.parse_resume_task"`), never imported
here or by the services that enqueue them: a task module imports its services, so a service
importing its task module would make a cycle. Task functions live only in each package's
`tasks.py` (a test checks every name handed to `enqueue` resolves to one).

The database is the source of truth: if Redis is down when a transaction commits, the commit
stands, the failure is logged, and the sweepers find the work again (see `after_commit`).

django_rq.get_queue() builds a new Redis client, and so opens a new TCP connection, on every call:
about 4 ms here, paid once per résumé uploaded, per résumé a worker claims, per e-mail queued.
So there is one client per process and connection settings. redis-py's pool notices a fork and
reconnects, so a client made before a fork stays safe.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import django_rq
from django.conf import settings
from django.db import transaction
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq import Queue
from rq.job import Job, JobStatus

logger = logging.getLogger(__name__)

_clients: dict[str, Redis] = {}
# When the résumé sweep last ran (a Unix time), for /healthz: written by the sweep, read by health.
LAST_SWEEP_KEY = "ats:resume-sweep:last"
# A job in one of these states will still run: enqueueing the same job id again adds nothing.
PENDING = (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED)


def redis_connection(queue_name: str) -> Redis:
    """The process's client for a queue's server, with the queue's socket timeouts (django-rq
    applies none to a URL, and a Redis that accepts but never answers would hold a request forever).
    Keyed by the settings, not the name: queues on one server share a client, and a settings change
    (tests point a queue at a closed port) gets a client of its own."""
    config = settings.RQ_QUEUES[queue_name]
    key = repr(sorted(config.items()))
    if key not in _clients:
        _clients[key] = Redis.from_url(
            config["URL"],
            socket_timeout=config.get("SOCKET_TIMEOUT", 5),
            socket_connect_timeout=config.get("SOCKET_CONNECT_TIMEOUT", 2),
            health_check_interval=30,
        )
    return _clients[key]


# After a Redis server failed to take a job, this process does not ask it again for a few seconds:
# an upload of eight files waits for one timeout, not eight, and the sweeper enqueues what was skipped.
_down_until: dict[int, float] = {}
REDIS_BACKOFF_SECONDS = 10.0


class RedisUnavailable(RedisError):
    """Redis failed a moment ago; the job was not enqueued (the database row keeps the work)."""


def _guarded(client: Redis, call: Callable[[], Any]) -> Any:
    if time.monotonic() < _down_until.get(id(client), 0.0):
        raise RedisUnavailable("Redis failed a moment ago; not asking again yet")
    try:
        return call()
    except (RedisConnectionError, RedisTimeoutError):
        _down_until[id(client)] = time.monotonic() + REDIS_BACKOFF_SECONDS
        raise


def forget_failures() -> None:
    """Ask Redis again at once (tests; a health check that wants a fresh answer)."""
    _down_until.clear()


def get_queue(name: str) -> Queue:
    """The queue, enqueueing at once (callers that must wait for a commit use `enqueue_on_commit`)."""
    return django_rq.get_queue(name, connection=redis_connection(name), commit_mode="auto")


def enqueue(
    queue_name: str,
    task: str,
    *args: Any,
    job_id: str,
    job_timeout: int,
    delay: timedelta | None = None,
    unless_pending: bool = True,
    pending: tuple[str, ...] = PENDING,
    **options: Any,
) -> Job | None:
    """Put `task` (a dotted path to a function in a tasks.py) on the queue now.

    The job id is derived from the row by the caller, so racing enqueues of the same work collapse:
    with `unless_pending`, nothing is added while a job of that id waits or runs. Results are not
    kept, failures for a day (tracebacks may quote personal data), unless the caller says otherwise.
    """
    queue = get_queue(queue_name)
    options = {"result_ttl": 0, "failure_ttl": 24 * 3600, **options, "job_id": job_id, "job_timeout": job_timeout}

    def put() -> Job | None:
        if unless_pending:
            existing = queue.fetch_job(job_id)
            if existing is not None and existing.get_status(refresh=False) in pending:
                return None
        if delay:
            return queue.enqueue_in(delay, task, *args, **options)
        return queue.enqueue(task, *args, **options)

    return _guarded(queue.connection, put)


def after_commit(callback: Callable[..., Any], *args: Any, what: str, **kwargs: Any) -> None:
    """Run `callback(*args, **kwargs)` once the surrounding transaction commits (now, outside one).

    Robust: an error in the callback (Redis down) is logged and never undoes or hides the commit;
    whatever the callback would have queued is found again by the database-driven sweepers.
    """

    def run() -> None:
        try:
            callback(*args, **kwargs)
        except RedisError as exc:
            logger.warning("after the commit, could not %s (%s); the sweeper will pick it up", what, exc)
        except Exception:
            logger.exception("after the commit, could not %s; the sweeper will pick it up", what)

    transaction.on_commit(run)


def enqueue_on_commit(queue_name: str, task: str, *args: Any, **options: Any) -> None:
    """`enqueue` once the surrounding transaction commits: a worker never sees a row before it exists."""
    after_commit(enqueue, queue_name, task, *args, what=f"queue {task}", **options)
