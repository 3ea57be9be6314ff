"""The parser sandbox: a warm child process that a hostile file can kill, never the worker."""
from __future__ import annotations

import os

import pytest

from ats.demo import fake_resumes
from candidates.parsing import ParseError, parse
from candidates.resumes.sandbox import (
    SandboxCrashed,
    SandboxOutOfMemory,
    SandboxTimeout,
)

TARGETS = "tests.candidates.resumes.sandbox_targets"


def test_parses_like_the_parser_and_reuses_one_process(sandbox_for):
    sandbox = sandbox_for("candidates.parsing.parse")
    document = fake_resumes.resume_pdf(fake_resumes.fake_person(5), pages=2)
    profile, seconds = sandbox.run(document, filename="cv.pdf")
    assert profile == parse(document, filename="cv.pdf")
    assert 0 < seconds < 10
    first_pid = sandbox.pid
    sandbox.run(fake_resumes.resume_txt(fake_resumes.fake_person(6)))
    assert sandbox.pid == first_pid != os.getpid()


def test_parsing_runs_at_a_lower_cpu_priority_than_the_web_tier(sandbox_for, settings):
    """A backlog being parsed must not slow the pages on the same cores (issue 13, web stays fast)."""
    sandbox = sandbox_for(f"{TARGETS}.echo")
    assert sandbox.run("warm")[0] is not None
    assert os.getpriority(os.PRIO_PROCESS, sandbox.pid) >= settings.PARSE_NICENESS == 10
    assert os.getpriority(os.PRIO_PROCESS, 0) < 10  # the worker itself, which stores profiles, is not slowed
    assert os.sched_getscheduler(sandbox.pid) == os.SCHED_BATCH
    # Under autogroup scheduling niceness counts only within a session: the parser has a niced one.
    if os.path.exists(f"/proc/{sandbox.pid}/autogroup"):
        assert os.getsid(sandbox.pid) == sandbox.pid != os.getsid(0)
        with open(f"/proc/{sandbox.pid}/autogroup") as autogroup:
            assert autogroup.read().split()[-1] == str(settings.PARSE_NICENESS)


def test_a_rejected_document_raises_the_parsers_own_message(sandbox_for):
    sandbox = sandbox_for("candidates.parsing.parse")
    with pytest.raises(ParseError, match="not a PDF, DOCX or plain-text résumé"):
        sandbox.run(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert sandbox.pid is not None  # a rejected file is not a reason to replace the process


def test_running_out_of_memory_costs_only_the_sandbox(sandbox_for):
    sandbox = sandbox_for(f"{TARGETS}.eat_memory", memory_limit_mb=700)
    with pytest.raises(SandboxOutOfMemory, match="more memory"):
        sandbox.run(2048)
    assert sandbox.run(10)[0] == 10  # a fresh process took over


def test_a_document_that_hangs_is_stopped_at_the_deadline(sandbox_for):
    sandbox = sandbox_for(f"{TARGETS}.hang", timeout=0.5)
    with pytest.raises(SandboxTimeout, match="took too long"):
        sandbox.run(30)
    assert sandbox.pid is None  # killed, not left running in the background
    assert sandbox.run(0)[0] is None


def test_a_crash_is_reported_and_the_next_document_gets_a_new_process(sandbox_for):
    sandbox = sandbox_for(f"{TARGETS}.echo_or_die")
    assert sandbox.run("first")[0] == "parsed first"
    crashed_pid = sandbox.pid
    with pytest.raises(SandboxCrashed, match="stopped unexpectedly"):
        sandbox.run("die")
    assert sandbox.run("again")[0] == "parsed again"  # the same sandbox, in a fresh process
    assert sandbox.pid not in (None, crashed_pid)


def test_the_sandbox_leaves_when_the_worker_goes_away(sandbox_for):
    sandbox = sandbox_for(f"{TARGETS}.report_pid")
    assert sandbox.run()[0] == sandbox.pid
    sandbox._conn.close()  # what the kernel does to the worker's end of the pipe when it dies
    sandbox._process.join(timeout=5)
    assert sandbox._process.exitcode == 0  # it saw the end of the pipe and left by itself


@pytest.mark.django_db
def test_a_resume_that_exhausts_the_sandbox_ends_failed_with_a_reason_and_can_be_retried(recruiter, sandbox_for):
    from candidates.resumes import sandbox as parse_sandbox
    from candidates.resumes.services.intake import resume_reparse, resume_upload
    from candidates.resumes.tasks import parse_resume_task

    resume = resume_upload(actor=recruiter, filename="greedy.txt",
                           data=fake_resumes.resume_txt(fake_resumes.fake_person(7))).resume
    parse_sandbox.install(sandbox_for(f"{TARGETS}.parse_greedily", memory_limit_mb=700))
    try:
        assert parse_resume_task(resume.pk) == "failed: parser stopped"
    finally:
        parse_sandbox.install(None)
    resume.refresh_from_db()
    assert resume.status == "failed" and "more memory" in resume.failure_reason
    assert resume.file.size > 0  # the upload is kept

    resume_reparse(actor=recruiter, resume=resume)
    assert parse_resume_task(resume.pk).startswith("parsed")


def test_an_interrupted_request_never_answers_the_next_one(sandbox_for):
    import signal

    sandbox = sandbox_for(f"{TARGETS}.echo_slowly")

    def interrupt(*_):
        raise TimeoutError("RQ's job timeout")

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(TimeoutError):
            sandbox.run("first", 1.0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert sandbox.run("second", 0)[0] == "parsed second"


def test_the_sandbox_leaves_when_orphaned_even_if_the_pipe_stays_open(sandbox_for):
    import subprocess
    import sys
    import time

    # A worker process that starts a sandbox and dies at once, while a sibling keeps the pipe open.
    script = (
        "import django, os, sys, time; django.setup()\n"
        "from candidates.resumes.sandbox import ParseSandbox\n"
        "s = ParseSandbox(memory_limit_mb=1024, timeout=5, target='tests.candidates.resumes.sandbox_targets.echo')\n"
        "s.start(); print(s.pid, flush=True)\n"
        "sibling = os.fork()\n"
        "if sibling == 0:\n"
        "    time.sleep(30); os._exit(0)\n"
        "print(sibling, flush=True); os._exit(0)\n"
    )
    worker = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "ats.settings"})
    sandbox_pid, sibling_pid = (int(pid) for pid in worker.stdout.split())
    try:
        deadline = time.monotonic() + 10
        while _running(sandbox_pid):
            assert time.monotonic() < deadline, "the orphaned sandbox kept running"
            time.sleep(0.1)
    finally:
        os.kill(sibling_pid, 9)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_stop_signal_to_the_process_group_lets_the_parse_in_hand_finish(sandbox_for):
    import signal
    import threading

    # systemd, dumb-init and `kill -TERM -PGID` signal the sandbox along with the worker, whose warm
    # shutdown then waits for the current job: the sandbox must still answer it.
    sandbox = sandbox_for(f"{TARGETS}.echo_slowly")
    sandbox.start()
    threading.Timer(0.3, os.kill, (sandbox.pid, signal.SIGTERM)).start()
    assert sandbox.run("in hand", 1.0)[0] == "parsed in hand"


def test_the_sandbox_dies_with_a_worker_killed_in_the_middle_of_a_parse():
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import django; django.setup()\n"
        "from candidates.resumes.sandbox import ParseSandbox\n"
        "s = ParseSandbox(memory_limit_mb=1024, timeout=120, target='tests.candidates.resumes.sandbox_targets.hang')\n"
        "s.start(); print(s.pid, flush=True)\n"
        "s.run(120)\n"  # a document the parser never returns from
    )
    worker = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "DJANGO_SETTINGS_MODULE": "ats.settings"})
    sandbox_pid = int(worker.stdout.readline())
    try:
        time.sleep(0.5)  # well inside the request
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        deadline = time.monotonic() + 5
        while _running(sandbox_pid):
            assert time.monotonic() < deadline, "the sandbox kept parsing for a worker that is gone"
            time.sleep(0.1)
    finally:
        worker.kill()
        if _running(sandbox_pid):
            os.kill(sandbox_pid, signal.SIGKILL)


def test_a_worker_that_crashes_exits_at_once_and_takes_its_sandbox_along():
    """The sandbox ignores SIGTERM (see _serve), so multiprocessing's exit handler, which sends it
    SIGTERM and then waits for it, hung a crashing worker for good (found by bench_recovery: a worker
    that lost Redis at start-up never exited, so nothing restarted it)."""
    import subprocess
    import sys
    import time

    script = (
        "import django; django.setup()\n"
        "from candidates.resumes.sandbox import ParseSandbox\n"
        "s = ParseSandbox(memory_limit_mb=1024, timeout=5, target='tests.candidates.resumes.sandbox_targets.echo')\n"
        "s.run('warm'); print(s.pid, flush=True)\n"  # up and serving: SIGTERM is ignored by now
        "raise ConnectionError('Redis went away')\n"
    )
    started = time.monotonic()
    worker = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "ats.settings"})
    assert worker.returncode == 1 and "Redis went away" in worker.stderr
    assert time.monotonic() - started < 15
    assert not _running(int(worker.stdout.split()[0]))
