"""Stopping a worker the way service managers do never costs the résumé it is parsing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings

from ats.demo import fake_resumes
from candidates.resumes.models import Resume
from candidates.resumes.services.intake import resume_upload
from tests.candidates.resumes.services.test_claims import ROOT, _database_url

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_warm_shutdown_of_the_whole_process_group_finishes_the_resume_in_hand(recruiter, redis_queue):
    resume = resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(43))).resume
    waiting = resume_upload(actor=recruiter, filename="b.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(47))).resume
    worker = _start_slow_worker(PARSE_BATCH_SECONDS="60")  # room to take the next one along, but it must not
    try:
        _wait_until_parsing(resume)
        time.sleep(0.5)  # inside the three-second parse
        # What systemd's default KillMode=control-group, dumb-init or `kill -TERM -PGID` do on stop.
        os.killpg(worker.pid, signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
    finally:
        _kill(worker)
    resume.refresh_from_db()
    assert (resume.status, resume.failure_reason) == ("parsed", "")
    assert Resume.objects.get(pk=waiting.pk).status == "queued"  # left for the next worker, with its job
    assert redis_queue.fetch_job(f"parse-resume-{waiting.pk}").get_status() == "queued"


def test_a_cold_shutdown_hands_the_resume_in_hand_back_to_the_queue(recruiter, redis_queue):
    resume = resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(44))).resume
    worker = _start_slow_worker()
    try:
        _wait_until_parsing(resume)
        os.killpg(worker.pid, signal.SIGINT)  # warm shutdown: finish the job, then stop...
        time.sleep(1.2)  # (RQ ignores a second signal within a second)
        os.killpg(worker.pid, signal.SIGINT)  # ...no: stop now
        assert worker.wait(timeout=30) == 0
    finally:
        _kill(worker)
    resume.refresh_from_db()
    assert resume.status == "queued"  # not stuck in `parsing` until the sweeper's threshold
    assert redis_queue.fetch_job(f"parse-resume-{resume.pk}").get_status() == "scheduled"  # RQ's retry


def test_a_cold_shutdown_in_the_middle_of_a_batch_hands_every_resume_back(recruiter, redis_queue):
    first, second = (
        resume_upload(actor=recruiter, filename=f"{n}.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(n))).resume
        for n in (45, 46)
    )
    worker = _start_slow_worker(PARSE_BATCH_SECONDS="60")  # its three-second parses all fit in one batch
    try:
        _wait_until_parsing(second)  # the first is parsed (not stored yet), the second in the sandbox
        assert Resume.objects.get(pk=first.pk).status == "parsing"
        os.killpg(worker.pid, signal.SIGINT)
        time.sleep(1.2)
        os.killpg(worker.pid, signal.SIGINT)
        assert worker.wait(timeout=30) == 0
    finally:
        _kill(worker)
    assert [Resume.objects.get(pk=r.pk).status for r in (first, second)] == ["queued", "queued"]
    assert redis_queue.fetch_job(f"parse-resume-{first.pk}").get_status() == "scheduled"  # RQ's retry
    assert redis_queue.fetch_job(f"parse-resume-{second.pk}").get_status() == "scheduled"  # a job of its own again


def _start_slow_worker(**settings_env: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": settings.REDIS_URL, "DEBUG": "1", **settings_env}
    return subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", "parsing", "--worker-class", "tests.candidates.resumes.slow_worker.SlowParsingWorker"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def _wait_until_parsing(resume: Resume) -> None:
    deadline = time.monotonic() + 30
    while Resume.objects.get(pk=resume.pk).status != "parsing":
        assert time.monotonic() < deadline, "the worker never started parsing"
        time.sleep(0.01)


def _kill(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


def test_a_write_cut_off_by_rqs_job_timeout_is_retried_not_failed(recruiter, redis_queue):
    import signal
    import threading

    from django.db import connection
    from rq.timeouts import JobTimeoutException

    from ats.demo import fake_resumes
    from candidates.resumes.services.intake import resume_upload
    from candidates.resumes.tasks import parse_resume_task

    person = fake_resumes.fake_person(41)
    resume = resume_upload(actor=recruiter, filename="locked.txt", data=fake_resumes.resume_txt(person)).resume
    # Another session holds the identity lock the write needs, as a slow concurrent write would.
    other = connection.copy()
    other.connect()
    other.inc_thread_sharing()  # the other write ends from a timer thread
    key = f"candidate-identity:email:{person.email.lower()}"
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", [key])

    def rq_job_timeout(*_):
        raise JobTimeoutException("Task exceeded maximum timeout value")

    def finish_the_other_write():
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", [key])

    # The other write ends a little after RQ's timeout fires, as it eventually would.
    unlock = threading.Timer(2.0, finish_the_other_write)
    previous = signal.signal(signal.SIGALRM, rq_job_timeout)
    try:
        unlock.start()
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        with pytest.raises(JobTimeoutException):
            parse_resume_task(resume.pk)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        unlock.join()
        other.dec_thread_sharing()
        other.close()
    resume.refresh_from_db()
    assert resume.status == "queued" and resume.failure_reason == ""  # RQ's retry takes it from here
    assert parse_resume_task(resume.pk).startswith("parsed")


def test_the_sandbox_deadline_stays_inside_rqs_job_timeout(settings):
    from candidates.resumes.worker import sandbox_deadline

    settings.PARSE_TIME_BUDGET, settings.PARSE_JOB_TIMEOUT = 60, 120
    assert sandbox_deadline() == 75
    settings.PARSE_TIME_BUDGET = 110
    assert sandbox_deadline() < settings.PARSE_JOB_TIMEOUT


def test_a_connection_dropped_by_the_server_during_a_parse_costs_no_attempt(recruiter, redis_queue):
    import threading

    from django.db import connection

    from candidates.resumes import sandbox as parse_sandbox
    from candidates.resumes.sandbox import ParseSandbox
    from candidates.resumes.tasks import parse_resume_task

    resume = resume_upload(actor=recruiter, filename="slow.txt",
                           data=fake_resumes.resume_txt(fake_resumes.fake_person(42))).resume
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    other = connection.copy()
    other.inc_thread_sharing()

    def server_drops_the_connection():
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend])

    sandbox = ParseSandbox(memory_limit_mb=2048, timeout=30, target="tests.candidates.resumes.sandbox_targets.parse_slowly")
    parse_sandbox.install(sandbox)
    drop = threading.Timer(1.0, server_drops_the_connection)  # while the 3-second parse runs
    try:
        drop.start()
        assert parse_resume_task(resume.pk).startswith("parsed")
    finally:
        drop.join()
        parse_sandbox.install(None)
        other.dec_thread_sharing()
        other.close()
    resume.refresh_from_db()
    assert resume.status == "parsed" and resume.attempts == 1
