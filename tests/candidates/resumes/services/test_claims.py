"""Nothing is lost: work killed with SIGKILL or wiped from Redis completes after the sweeper runs."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ats.demo import fake_resumes
from candidates.resumes.models import Resume
from candidates.resumes.services.claims import (
    claimer_gone,
    claimer_tag,
    dequeue_parse,
    enqueue_parse,
    enqueue_parse_on_commit,
    parse_job_id,
    resume_claim,
    resume_claim_fair,
    resume_claim_next,
    resume_fail,
    resume_release,
    resume_sweep,
)

from candidates.resumes.services.intake import resume_upload, upload_batch_open

ROOT = Path(__file__).resolve().parents[4]  # the project root (manage.py)
pytestmark = pytest.mark.django_db(transaction=True)


def _database_url() -> str:
    s = connection.settings_dict
    auth = f"{s['USER']}:{s['PASSWORD']}@" if s.get("USER") and s.get("PASSWORD") else (f"{s['USER']}@" if s.get("USER") else "")
    host = s.get("HOST") or ""
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{s['NAME']}"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_a_worker_killed_mid_parse_loses_nothing(recruiter, redis_queue, run_worker):
    # A long résumé, so the worker is surely inside the parse when it is killed.
    slow = resume_upload(actor=recruiter, filename="long.pdf",
                         data=fake_resumes.resume_pdf(fake_resumes.fake_person(20), pages=60)).resume
    env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": settings.REDIS_URL, "DEBUG": "1"}
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", "parsing", "--worker-class", "candidates.resumes.worker.ParsingWorker"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while Resume.objects.get(pk=slow.pk).status != "parsing":
            assert time.monotonic() < deadline, "the worker never started parsing"
            time.sleep(0.005)
        for pid in _children(worker.pid) + [worker.pid]:
            os.kill(pid, signal.SIGKILL)
    finally:
        worker.kill()
        worker.wait()
    slow.refresh_from_db()
    assert slow.status == "parsing"  # stuck: its worker died with it

    # Its process is dead, which the row says (claimed_by): the next sweep hands it to a worker at
    # once, although RQ still calls its job "started" and no time has passed.
    assert slow.claimed_by.endswith(f":{worker.pid}")
    result = resume_sweep()
    assert (result["interrupted"], result["enqueued"]) == (1, 1)
    run_worker()
    slow.refresh_from_db()
    assert slow.status == "parsed" and slow.attempts == 2


def test_work_wiped_from_redis_is_found_again_by_the_sweeper(recruiter, redis_queue, run_worker):
    resumes = [
        resume_upload(actor=recruiter, filename=f"{n}.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(30 + n))).resume
        for n in range(3)
    ]
    assert redis_queue.count == 3
    redis_queue.connection.flushdb()  # a Redis restart without persistence
    run_worker()
    assert set(Resume.objects.values_list("status", flat=True)) == {"queued"}
    assert resume_sweep(stuck_after=timedelta(0))["enqueued"] == 3
    assert resume_sweep(stuck_after=timedelta(0))["enqueued"] == 0  # idempotent: still one job each, and it says so
    assert redis_queue.count == 3
    run_worker()
    assert set(Resume.objects.filter(pk__in=[r.pk for r in resumes]).values_list("status", flat=True)) == {"parsed"}


def test_a_file_that_keeps_killing_workers_gives_up_with_a_reason(recruiter, redis_queue, settings):
    resume = resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(40))).resume
    Resume.objects.filter(pk=resume.pk).update(status="parsing", attempts=settings.PARSE_MAX_ATTEMPTS)
    assert resume_sweep(stuck_after=timedelta(0))["gave_up"] == 1
    resume.refresh_from_db()
    assert resume.status == "failed" and "stopped without finishing" in resume.failure_reason
    # Said like any other failure: on the timeline and to webhook subscribers.
    from ats.core.models import Activity
    from ats.webhooks.models import Event

    assert Activity.objects.filter(verb="resume_failed", data__resume_id=resume.pk).count() == 1
    assert Event.objects.filter(type="resume.failed", data__resume_id=resume.pk).count() == 1


def test_the_sweeper_command_reports_what_it_did(recruiter, redis_queue):
    from io import StringIO

    from django.core.management import call_command

    resume_upload(actor=recruiter, filename="a.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(41)))
    redis_queue.connection.flushdb()
    out = StringIO()
    call_command("sweep_resumes", "--stuck-after", "0", stdout=out)
    assert "1 résumé(s) enqueued" in out.getvalue()
    assert redis_queue.count == 1


def test_an_upload_while_redis_is_down_is_kept_and_parsed_once_redis_is_back(recruiter_client, redis_queue, run_worker):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings
    from django.urls import reverse

    closed = {name: {**cfg, "URL": "redis://127.0.0.1:1/0"} for name, cfg in settings.RQ_QUEUES.items()}
    data = fake_resumes.resume_txt(fake_resumes.fake_person(42))
    with override_settings(RQ_QUEUES=closed):
        response = recruiter_client.post(
            reverse("candidates:upload"), {"files": [SimpleUploadedFile("a.txt", data)]}, HTTP_ACCEPT="application/json"
        )
    assert response.status_code == 200 and response.json()["results"][0]["status"] == "queued"
    resume = Resume.objects.get()
    assert resume.status == "queued" and redis_queue.count == 0  # the enqueue failed, the row did not
    resume_sweep(stuck_after=timedelta(0))
    run_worker()
    resume.refresh_from_db()
    assert resume.status == "parsed"


# --- The claims themselves, one by one -------------------------------------------------------------


def _queued(recruiter, n: int) -> Resume:
    return resume_upload(actor=recruiter, filename=f"{n}.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(n))).resume


def test_a_claim_succeeds_once_and_counts_the_attempt(recruiter, redis_queue):
    resume = _queued(recruiter, 30)
    assert resume_claim(resume.pk).pk == resume.pk
    assert resume_claim(resume.pk) is None  # another worker has it
    resume.refresh_from_db()
    assert (resume.status, resume.attempts) == ("parsing", 1)
    resume_release(resume.pk)
    resume.refresh_from_db()
    assert resume.status == "queued"


def test_claim_next_takes_the_oldest_never_started_resume(recruiter, redis_queue):
    tried, fresh = _queued(recruiter, 31), _queued(recruiter, 32)
    Resume.objects.filter(pk=tried.pk).update(attempts=1)
    claimed = resume_claim_next()
    assert claimed.pk == fresh.pk and resume_claim_next() is None


def _batch(recruiter, first: int, n: int) -> list[Resume]:
    batch = upload_batch_open(actor=recruiter, batch_id=uuid.uuid4())
    return [
        resume_upload(actor=recruiter, filename=f"{i}.txt", data=fake_resumes.resume_txt(fake_resumes.fake_person(i)), batch=batch).resume
        for i in range(first, first + n)
    ]


def test_claims_take_turns_between_upload_batches(recruiter, redis_queue):
    """A big batch uploaded first does not hold back a later small batch or a single upload: each
    batch's first résumé, then each batch's second, and so on (issue 13.8)."""
    big, small, alone = _batch(recruiter, 200, 6), _batch(recruiter, 210, 2), _queued(recruiter, 215)
    order = []
    while (claimed := resume_claim_next()) is not None:
        order.append(claimed.pk)
    expected = [big[0], small[0], alone, big[1], small[1], *big[2:]]
    assert order == [r.pk for r in expected]


def test_a_job_parses_its_own_resume_first_only_when_it_is_a_retry(recruiter, redis_queue):
    big, late = _batch(recruiter, 220, 4), _queued(recruiter, 225)
    assert resume_claim_fair(big[3].pk).pk == big[0].pk  # a fresh job takes the next in fair order
    assert resume_claim_fair(big[2].pk).pk == late.pk
    Resume.objects.filter(pk=big[3].pk).update(attempts=2)
    assert resume_claim_fair(big[3].pk).pk == big[3].pk  # a retry is parsed alone, first
    assert resume_claim_fair(big[3].pk).pk == big[1].pk


def test_failing_a_resume_says_why_with_an_activity_row(recruiter, redis_queue):
    from ats.core.models import Activity

    resume = _queued(recruiter, 33)
    resume_claim(resume.pk)
    resume_fail(resume_id=resume.pk, reason="Unreadable.")
    resume_fail(resume_id=resume.pk, reason="Twice.")  # no longer parsing: nothing more
    resume.refresh_from_db()
    assert (resume.status, resume.failure_reason) == ("failed", "Unreadable.")
    assert list(Activity.objects.filter(verb="resume_failed").values_list("data__reason", flat=True)) == ["Unreadable."]


def test_enqueueing_collapses_on_the_resumes_job_and_dequeue_drops_a_waiting_one(recruiter, redis_queue):
    resume = _queued(recruiter, 34)  # its job is queued on commit
    assert redis_queue.job_ids == [parse_job_id(resume.pk)]
    enqueue_parse(resume.pk)
    enqueue_parse_on_commit(resume.pk)
    assert redis_queue.job_ids == [parse_job_id(resume.pk)]
    dequeue_parse(resume.pk)
    assert redis_queue.job_ids == []


def test_the_sweep_knows_a_claimer_of_this_host_is_dead_and_leaves_a_live_one(recruiter, redis_queue):
    import socket

    live = _queued(recruiter, 41)
    resume_claim(live.pk)
    live.refresh_from_db()
    assert live.claimed_by == claimer_tag() and not claimer_gone(live.claimed_by)
    assert claimer_gone(f"{socket.gethostname()}:999999999")  # no such process
    assert not claimer_gone("other-host:1")  # another host's process: only the clock can tell
    assert resume_sweep()["interrupted"] == 0
    assert Resume.objects.get(pk=live.pk).status == "parsing"
