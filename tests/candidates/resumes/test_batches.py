"""A parse job with a backlog behind it takes more queued résumés and stores them together.

Batching must change nothing but speed: the same rows as storing one by one, every résumé ends
parsed or failed exactly once, and whatever a job took but could not finish goes back to the queue
with a job of its own.
"""
from __future__ import annotations

import dataclasses
import signal
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from rq.timeouts import JobTimeoutException

from ats.core.history import erasure
from ats.core.models import Activity
from ats.demo import fake_resumes
from candidates.models import Candidate, Education, Experience, PossibleDuplicate
from candidates.resumes import batches
from candidates.resumes import sandbox as parse_sandbox
from candidates.resumes.batches import stop_claiming
from candidates.resumes.models import Resume
from candidates.resumes.services.claims import parse_job_id, resume_sweep
from candidates.resumes.services.intake import resume_reparse, resume_upload
from candidates.resumes.tasks import parse_resume_task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def parser_sandbox(sandbox_for):
    """Jobs batch only in a worker, which parses in a sandbox: install one, as ParsingWorker does."""
    parse_sandbox.install(sandbox_for("candidates.parsing.parse"))
    yield
    parse_sandbox.install(None)


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
        with erasure():  # start the second run from an empty pool
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
    good = [_upload(recruiter, fake_resumes.fake_person(80 + n), f"good-{n}.txt") for n in range(2)]
    bad = resume_upload(actor=recruiter, filename="bad.txt", data=b"NUL-IN-PROFILE\n" + fake_resumes.resume_txt(fake_resumes.fake_person(82))).resume
    parse_sandbox.install(sandbox_for("tests.candidates.resumes.sandbox_targets.parse_with_nul_on_marker"))
    assert parse_resume_task(good[0].pk) == "3 résumés: 1 failed: could not store the profile, 2 parsed"
    assert _statuses(*good, bad) == ["parsed", "parsed", "failed"]
    assert Resume.objects.get(pk=bad.pk).failure_reason.startswith("The parser hit an unexpected problem")


def test_rqs_job_timeout_during_the_write_hands_every_resume_back(recruiter, redis_queue):
    """Everything the job took goes back to `queued`: its own résumé for RQ's retry, the others
    with a job of their own again, after the same pause as RQ's first retry."""
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
    assert redis_queue.job_ids == []
    assert sorted(redis_queue.scheduled_job_registry.get_job_ids()) == sorted(parse_job_id(r.pk) for r in resumes[1:])
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
        assert redis_queue.scheduled_job_registry.get_job_ids() == [parse_job_id(unreadable.pk)]
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
    # One more parse could run to the sandbox's deadline (10 s here) and the write needs its margin:
    # RQ's 15-second timeout leaves no room for that.
    assert parse_sandbox.deadline() == 10
    settings.PARSE_JOB_TIMEOUT = 15
    resumes = [_upload(recruiter, fake_resumes.fake_person(120 + n), f"{n}.txt") for n in range(2)]
    assert parse_resume_task(resumes[0].pk) == "parsed"
    assert _statuses(*resumes) == ["parsed", "queued"]


def test_a_resume_claimed_along_is_handed_back_even_when_the_job_is_stopped_right_after_the_claim(recruiter, redis_queue, monkeypatch):
    first, second = (_upload(recruiter, fake_resumes.fake_person(130 + n), f"{n}.txt") for n in range(2))

    def cold_shutdown(resume_id: int) -> None:
        raise SystemExit()  # what RQ's cold shutdown raises, wherever the job happens to be

    monkeypatch.setattr(batches, "dequeue_parse", cold_shutdown)
    with pytest.raises(SystemExit):
        parse_resume_task(first.pk)
    assert _statuses(first, second) == ["queued", "queued"]


class WorkerKilled(BaseException):
    """Stands for SIGKILL: the process is gone, so nothing is handed back."""


def test_a_file_that_kills_workers_does_not_take_the_resumes_parsed_beside_it_down_with_it(recruiter, redis_queue, settings, monkeypatch):
    """The sweeper gives up on a file stuck in `parsing` PARSE_MAX_ATTEMPTS times. A résumé that was
    in a batch when the worker died is parsed alone afterwards, so only the killer runs out of attempts."""
    innocent = _upload(recruiter, fake_resumes.fake_person(140), "innocent.txt")
    killer = _upload(recruiter, fake_resumes.fake_person(141), "killer.txt")
    real_parse = batches.parse_document

    def parse(data, *, filename, **options):
        if filename == "killer.txt":
            raise WorkerKilled()
        return real_parse(data, filename=filename, **options)

    monkeypatch.setattr(batches, "parse_document", parse)
    monkeypatch.setattr(batches.ParseBatch, "_hand_back", lambda self, ids: None)
    later = timezone.now() + timedelta(seconds=settings.RESUME_STUCK_AFTER + 1)
    with pytest.raises(WorkerKilled):
        parse_resume_task(innocent.pk)  # the innocent is parsed, then the killer taken along kills the worker
    assert _statuses(innocent, killer) == ["parsing", "parsing"]
    resume_sweep(now=later)
    assert parse_resume_task(innocent.pk) == "parsed"  # alone: the killer is no longer taken along
    for _ in range(settings.PARSE_MAX_ATTEMPTS - 1):
        with pytest.raises(WorkerKilled):
            parse_resume_task(killer.pk)
        resume_sweep(now=later)
    assert _statuses(innocent, killer) == ["parsed", "failed"]


def test_a_command_parsing_in_its_own_process_parses_only_its_own_files(recruiter, redis_queue, tmp_path):
    """import_resumes (without --enqueue) parses in the command's process, with no sandbox: it must
    not take web uploads waiting for a worker."""
    from django.core.management import call_command

    parse_sandbox.install(None)
    web_upload = _upload(recruiter, fake_resumes.fake_person(150), "from-the-web.txt")
    (tmp_path / "imported.txt").write_bytes(fake_resumes.resume_txt(fake_resumes.fake_person(151)))
    call_command("import_resumes", str(tmp_path))
    assert _statuses(web_upload) == ["queued"]
    assert redis_queue.fetch_job(parse_job_id(web_upload.pk)).get_status() == "queued"


def test_a_reparse_asked_for_while_a_worker_has_the_resume_changes_nothing(recruiter, redis_queue):
    resume = _upload(recruiter, fake_resumes.fake_person(160), "a.txt")
    Resume.objects.filter(pk=resume.pk).update(status="parsing", attempts=1)
    resume_reparse(actor=recruiter, resume=resume)
    resume.refresh_from_db()
    assert (resume.status, resume.attempts) == ("parsing", 1)
    assert not Activity.objects.filter(verb="resume_reparse").exists()


def test_storing_one_profile_matches_or_creates_the_candidate_and_skips_a_resume_no_longer_parsing(recruiter, redis_queue):
    from candidates.resumes.services.claims import resume_claim
    from candidates.resumes.services.profiles import (
        ParsedResume,
        resume_apply_profile,
        resumes_apply_profiles,
    )

    person = fake_resumes.fake_person(95)
    first = _upload(recruiter, person, "a.txt")
    second = resume_upload(actor=recruiter, filename="b.pdf", data=fake_resumes.resume_pdf(person)).resume
    profile = {"name": person.name, "emails": [person.email], "phones": [], "skills": ["Go"], "experience": [],
               "education": [], "text": "Go developer", "parser_version": "test"}
    resume_claim(first.pk)
    stored = resume_apply_profile(resume_id=first.pk, profile=profile, parse_seconds=0.01)
    assert stored.status == "parsed" and stored.candidate.skills == ["Go"]
    assert resume_apply_profile(resume_id=first.pk, profile=profile, parse_seconds=0.01) is None  # not parsing any more
    resume_claim(second.pk)
    (again,) = resumes_apply_profiles([ParsedResume(second.pk, {**profile, "skills": ["Rust"]}, 0.01)])
    assert again.candidate_id == stored.candidate_id
    assert Candidate.objects.get(pk=stored.candidate_id).skills == ["Go", "Rust"]
    assert Activity.objects.filter(verb="resume_parsed", candidate_id=stored.candidate_id).count() == 2


def _popped(redis_queue, resume: Resume) -> None:
    """As RQ does when a worker takes the job and finishes it: gone (results are not kept)."""
    job = redis_queue.fetch_job(parse_job_id(resume.pk))
    redis_queue.remove(job)
    job.delete()


def test_a_job_that_parses_another_resume_leaves_that_ones_job_to_parse_its_own(recruiter, redis_queue, settings):
    """Fair order: the job of a later upload parses the older one first; the older one's job, still
    waiting, then parses the later upload. The sweep sees the spare job and adds none."""
    settings.PARSE_BATCH_SIZE = 1
    older, later = _upload(recruiter, fake_resumes.fake_person(110), "older.txt"), _upload(recruiter, fake_resumes.fake_person(111), "later.txt")
    _popped(redis_queue, later)
    assert parse_resume_task(later.pk) == "parsed"
    assert _statuses(older, later) == ["parsed", "queued"]
    assert redis_queue.job_ids == [parse_job_id(older.pk)]
    assert resume_sweep(now=timezone.now() + timedelta(minutes=1))["enqueued"] == 0
    _popped(redis_queue, older)
    assert parse_resume_task(older.pk) == "parsed"
    assert _statuses(older, later) == ["parsed", "parsed"]


def test_a_resume_parsed_in_another_jobs_place_goes_back_to_its_own_job_when_interrupted(recruiter, redis_queue, settings):
    settings.PARSE_BATCH_SIZE = 1
    older, later = _upload(recruiter, fake_resumes.fake_person(112), "older.txt"), _upload(recruiter, fake_resumes.fake_person(113), "later.txt")
    _popped(redis_queue, later)
    path = Path(older.file.path)  # a storage hiccup on the résumé taken in its place
    path.unlink()
    path.mkdir()
    try:
        assert parse_resume_task(later.pk) == "handed back: file unreadable for now"
    finally:
        path.rmdir()
        path.write_bytes(fake_resumes.resume_txt(fake_resumes.fake_person(112)))
    assert [(r.status, r.attempts) for r in Resume.objects.filter(pk__in=[older.pk, later.pk]).order_by("pk")] == [("queued", 1), ("queued", 0)]
    # The older one has attempts behind it: only its own job parses it, so the later one needs its own again.
    assert redis_queue.job_ids == [parse_job_id(older.pk)]
    assert resume_sweep(now=timezone.now() + timedelta(minutes=1))["enqueued"] == 1
    for resume in (older, later):
        _popped(redis_queue, resume)
        assert parse_resume_task(resume.pk) == "parsed"
    assert _statuses(older, later) == ["parsed", "parsed"]
