"""RQ worker pieces every worker of the app shares: its scheduler dies with it, and it wakes up in
time for its maintenance (the résumé sweep), not only when a job arrives.

Start the plain worker with  manage.py rqworker default notifications --with-scheduler
--worker-class ats.core.workers.Worker  (the parsing worker builds on the same mixin).
"""
from __future__ import annotations

import ctypes
import os
import signal
from typing import Any

from rq import Worker as RQWorker
from rq.defaults import DEFAULT_LOGGING_DATE_FORMAT, DEFAULT_LOGGING_FORMAT
from rq.scheduler import RQScheduler

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Have Linux send `sig` to this process when its parent dies, even a kill -9 of it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, sig)
    except (OSError, AttributeError):  # not Linux: callers check getppid() as well
        pass


class OwnedScheduler(RQScheduler):
    """RQ's scheduler, forked by a worker, that leaves when that worker dies. RQ's own outlives a
    killed worker holding the scheduler lock (with a live heartbeat), so restarted workers ran with
    no scheduler and retries and delayed jobs never ran."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._worker_pid = os.getpid()

    def work(self) -> None:
        # SIGTERM, not SIGKILL: the scheduler's own handler then releases its locks on the way out.
        die_with_parent(signal.SIGTERM)
        if os.getppid() != self._worker_pid:  # the worker died before the line above
            return
        super().work()


class WorkerMixin:
    """Owned scheduler; a dequeue that returns at least every `maintenance_interval`, so the
    maintenance (and the sweep the parsing worker adds to it) runs on time when no job comes."""

    def _start_scheduler(
        self, burst: bool = False, logging_level: str | None = "INFO", date_format: str = DEFAULT_LOGGING_DATE_FORMAT,
        log_format: str = DEFAULT_LOGGING_FORMAT,
    ) -> None:
        """RQ's Worker._start_scheduler (rq 3.0), with OwnedScheduler in place of RQScheduler."""
        self.scheduler = OwnedScheduler(
            self.queues,  # type: ignore[attr-defined]
            connection=self.connection,  # type: ignore[attr-defined]
            logging_level=logging_level if logging_level is not None else self.log.level,  # type: ignore[attr-defined]
            date_format=date_format,
            log_format=log_format,
            serializer=self.serializer,  # type: ignore[attr-defined]
        )
        self.scheduler.acquire_locks()
        if self.scheduler.acquired_locks:
            if burst:
                try:
                    self.scheduler.register_birth()
                    self.scheduler.enqueue_scheduled_jobs()
                finally:
                    self.scheduler.release_locks()
                    self.scheduler.register_death()
            else:
                self.scheduler.start()

    @property
    def dequeue_timeout(self) -> int:
        return max(1, min(self.worker_ttl - 15, int(self.maintenance_interval) // 2))  # type: ignore[attr-defined]


class Worker(WorkerMixin, RQWorker):
    """The plain (forking) worker for e-mail and other jobs."""
