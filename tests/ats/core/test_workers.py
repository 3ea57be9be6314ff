"""Workers recover lost work on time, and their scheduler does not outlive them."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from ats.core.workers import Worker
from ats.demo import fake_resumes
from candidates.resumes.models import Resume
from candidates.resumes.services.intake import resume_upload
from candidates.resumes.worker import ParsingWorker
from tests.candidates.resumes.services.test_claims import ROOT, _children, _database_url

pytestmark = pytest.mark.django_db(transaction=True)


def _start(*args: str, **env: str) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": settings.REDIS_URL, "DEBUG": "1", **env}
    return subprocess.Popen([sys.executable, "manage.py", "rqworker", *args], cwd=ROOT, env=environment,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_an_idle_worker_wakes_up_for_its_maintenance(redis_queue):
    worker = Worker(["default"], connection=redis_queue.connection, maintenance_interval=60)
    assert worker.dequeue_timeout == 30  # RQ's default blocks 405 s, so a 60 s sweep ran every ~405 s


def test_work_lost_while_the_worker_idles_is_recovered_within_two_sweep_intervals(recruiter, redis_queue):
    resume = resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(9))).resume
    redis_queue.connection.flushdb()  # the job is lost: only the row knows the work
    Resume.objects.filter(pk=resume.pk).update(status_changed_at=timezone.now() - timedelta(minutes=1))
    worker = _start("parsing", "--worker-class", "candidates.resumes.worker.ParsingWorker", SWEEP_INTERVAL="3")
    try:
        started = time.monotonic()
        _wait(lambda: Resume.objects.get(pk=resume.pk).status == "parsed", 30, "the lost résumé was never parsed")
        # Startup (a warm parser, a sandbox) plus at most two intervals.
        assert time.monotonic() - started < 25
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def test_the_scheduler_dies_with_a_killed_worker(redis_queue):
    worker = _start("default", "--with-scheduler", "--worker-class", "ats.core.workers.Worker")
    try:
        _wait(lambda: _children(worker.pid), 20, "the worker never forked its scheduler")
        (scheduler,) = _children(worker.pid)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        _wait(lambda: not os.path.exists(f"/proc/{scheduler}") or _zombie(scheduler), 10,
              "the scheduler outlived its worker")
    finally:
        worker.kill()


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_the_parsing_worker_shares_it(redis_queue):
    assert issubclass(ParsingWorker, Worker.__mro__[1])
