"""A parse job with a backlog behind it takes more queued résumés and stores them together.

Batching must change nothing but speed: the same rows as storing one by one, every résumé ends
parsed or failed exactly once, and whatever a job took but could not finish goes back to the queue
with a job of its own.
"""
from __future__ import annotations

import dataclasses
import signal
from pathlib import Path

import pytest
from rq.timeouts import JobTimeoutException

from ats import fake_resumes
from candidates.ingestion import parse_job_id, resume_reparse, resume_upload
from candidates.models import Activity, Candidate, Education, Experience, PossibleDuplicate, Resume
from candidates.tasks import parse_resume_task, stop_claiming

pytestmark = pytest.mark.django_db(transaction=True)


def _upload(actor, person, name: str) -> Resume:
    return resume_upload(actor=actor, filename=name, data=fake_resumes.resume_txt(person)).resume


def _statuses(*resumes: Resume) -> list[str]:
    return [Resume.objects.get(pk=r.pk).status for r in resumes]


def test_a_job_takes_queued_resumes_up_to_the_batch_size_and_removes_their_jobs(recruiter, redis_queue, settings):
    settings.PARSE_BATCH_SIZE = 3
    resumes = [_upload(recruiter, fake_resumes.fake_person(60 + n), f"{n}.txt") for n in range(5)]
    assert redis_queue.count == 5

    assert parse_resume_task(resumes[0].pk) == "3 résumés: 3 parsed"

    assert _statuses(*resumes) == ["parsed"] * 3 + ["queued"] * 2
    # The two résumés taken along no longer have a job waiting; the two left behind still do.
    assert set(redis_queue.job_ids) == {parse_job_id(resumes[0].pk), *(parse_job_id(r.pk) for r in resumes[3:])}
    assert redis_queue.fetch_job(parse_job_id(resumes[1].pk)) is None
    assert Activity.objects.filter(verb="resume_parsed").count() == 3


def test_a_batch_stores_exactly_what_storing_one_by_one_stores(recruiter, redis_queue, settings):
    """Same person twice (one candidate), same email under another name (a flagged duplicate), and
    a re-parse that keeps a correction, stored in one batch and then one by one."""
    alice = fake_resumes.fake_person(70)
    someone_else = dataclasses.replace(fake_resumes.fake_person(71), email=alice.email)
    corrected = fake_resumes.fake_person(72)

    def scenario(batch_size: int) -> tuple:
        settings.PARSE_BATCH_SIZE = 1
        first = _upload(recruiter, corrected, "corrected.txt")
        parse_resume_task(first.pk)
        Candidate.objects.filter(resumes=first).update(headline="Fixed by hand", corrected_fields=["headline"])
        resume_reparse(actor=recruiter, resume=first)
        others = [
            _upload(recruiter, alice, "alice.txt"),
            _upload(recruiter, someone_else, "someone-else.txt"),
            resume_upload(actor=recruiter, filename="alice.pdf", data=fake_resumes.resume_pdf(alice)).resume,
        ]
        settings.PARSE_BATCH_SIZE = batch_size
        for resume in [first, *others]:
            parse_resume_task(resume.pk)
        state = _state()
        for model in (Resume, Candidate, Activity):
            model.objects.all().delete()
        return state

    one_by_one = scenario(1)
    batched = scenario(16)
    assert batched == one_by_one
    candidates, duplicates = one_by_one[0], one_by_one[3]
    assert len(candidates) == 3  # alice (two résumés), someone else, the corrected one
    assert any(headline == "Fixed by hand" for _, headline, _ in candidates)
    assert duplicates == [("same email " + alice.email.lower(),)]


def _state() -> tuple:
    """Everything a parse writes, with database ids replaced by stable names."""
    name_of = {c.pk: c.full_name for c in Candidate.objects.all()}
    return (
        sorted((name_of[c.pk], c.headline, tuple(c.emails)) for c in Candidate.objects.all()),
        sorted((name_of[e.candidate_id], e.company, e.title, e.start, e.end) for e in Experience.objects.all()),
        sorted((name_of[e.candidate_id], e.institution, e.degree) for e in Education.objects.all()),
        sorted(tuple(d.reasons) for d in PossibleDuplicate.objects.all()),
        sorted((r.original_filename, r.status, name_of[r.candidate_id]) for r in Resume.objects.all()),
        sorted(Activity.objects.values_list("verb", flat=True)),
    )


def test_a_resume_the_database_refuses_fails_alone(recruiter, redis_queue, settings, sandbox_for):
    """A profile the schema refuses (here a NUL character, which PostgreSQL text cannot hold) fails
    the batch's transaction; the résumés are then stored one by one so only that one fails."""
    from candidates import parse_sandbox

    good = [_upload(recruiter, fake_resumes.fake_person(80 + n), f"good-{n}.txt") for n in range(2)]
    bad = resume_upload(actor=recruiter, filename="bad.txt", data=b"NUL-IN-PROFILE\n" + fake_resumes.resume_txt(fake_resumes.fake_person(82))).resume
    parse_sandbox.install(sandbox_for("tests.candidates.sandbox_targets.parse_with_nul_on_marker"))
    try:
        assert parse_resume_task(good[0].pk) == "3 résumés: 1 failed: could not store the profile, 2 parsed"
    finally:
        parse_sandbox.install(None)
    assert _statuses(*good, bad) == ["parsed", "parsed", "failed"]
    assert Resume.objects.get(pk=bad.pk).failure_reason.startswith("The parser hit an unexpected problem")


def test_rqs_job_timeout_during_the_write_hands_every_resume_back(recruiter, redis_queue):
    """Everything the job took goes back to `queued`: its own résumé for RQ's retry, the others
    with a job of their own again."""
    from django.db import connection

    resumes = [_upload(recruiter, fake_resumes.fake_person(90 + n), f"{n}.txt") for n in range(3)]
    redis_queue.empty()
    with connection.cursor() as cursor:  # make the write slow enough for the timer to strike in it
        cursor.execute("CREATE OR REPLACE FUNCTION pg_temp.slow() RETURNS trigger LANGUAGE plpgsql AS "
                       "$$ BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$")
        cursor.execute("CREATE TRIGGER slow_write BEFORE INSERT ON candidates_activity "
                       "FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.slow()")

    def rq_job_timeout(*_):
        raise JobTimeoutException("Task exceeded maximum timeout value")

    previous = signal.signal(signal.SIGALRM, rq_job_timeout)
    try:
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        with pytest.raises(JobTimeoutException):
            parse_resume_task(resumes[0].pk)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS slow_write ON candidates_activity")
    assert _statuses(*resumes) == ["queued"] * 3
    assert sorted(redis_queue.job_ids) == sorted(parse_job_id(r.pk) for r in resumes[1:])
    assert not Candidate.objects.exists()


def test_a_sibling_whose_file_cannot_be_read_goes_back_with_its_own_job(recruiter, redis_queue):
    first = _upload(recruiter, fake_resumes.fake_person(100), "first.txt")
    unreadable = _upload(recruiter, fake_resumes.fake_person(101), "unreadable.txt")
    redis_queue.empty()
    # A storage hiccup (not a missing file): reading a directory raises IsADirectoryError.
    path = Path(unreadable.file.path)
    path.unlink()
    path.mkdir()
    try:
        assert parse_resume_task(first.pk) == "2 résumés: 1 handed back: file unreadable for now, 1 parsed"
        assert _statuses(first, unreadable) == ["parsed", "queued"]
        assert redis_queue.job_ids == [parse_job_id(unreadable.pk)]
    finally:
        path.rmdir()


def test_a_job_takes_no_more_resumes_once_the_worker_is_stopping(recruiter, redis_queue):
    resumes = [_upload(recruiter, fake_resumes.fake_person(110 + n), f"{n}.txt") for n in range(2)]
    stop_claiming.set()
    try:
        assert parse_resume_task(resumes[0].pk) == "parsed"
    finally:
        stop_claiming.clear()
    assert _statuses(*resumes) == ["parsed", "queued"]


def test_a_job_takes_no_more_resumes_than_rqs_job_timeout_leaves_room_for(recruiter, redis_queue, settings):
    # One more parse could run to the parser's whole budget (60 s), past RQ's 70-second timeout.
    settings.PARSE_TIME_BUDGET, settings.PARSE_JOB_TIMEOUT = 60, 70
    resumes = [_upload(recruiter, fake_resumes.fake_person(120 + n), f"{n}.txt") for n in range(2)]
    assert parse_resume_task(resumes[0].pk) == "parsed"
    assert _statuses(*resumes) == ["parsed", "queued"]
