"""Retention: who is due (and who is not), the dry run that changes nothing, the real run that
erases exactly those, and the daily schedule in the e-mail worker's maintenance."""
from __future__ import annotations

from datetime import timedelta
from io import StringIO

import django_rq
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from rq import SimpleWorker

from candidates.emails.worker import EmailWorker
from candidates.erasure.selectors import retention_due
from candidates.erasure.services import RETENTION_TASK, candidate_erase, retention_schedule
from candidates.merges.services import candidate_merge
from candidates.models import Candidate
from jobs.applications.services import application_set_outcome
from tests import factories

pytestmark = pytest.mark.django_db


def _aged(candidate: Candidate, days: int) -> Candidate:
    Candidate.objects.filter(pk=candidate.pk).update(last_activity_at=timezone.now() - timedelta(days=days))
    return Candidate.objects.get(pk=candidate.pk)


@pytest.fixture
def population(recruiter, job_a, settings):
    """Candidates that are due, and several kinds that are not (by name)."""
    settings.RETENTION_DAYS = 730
    today = timezone.localdate()
    make = lambda label: factories.make_candidate(actor=recruiter, name=f"Fictional {label}")  # noqa: E731
    people = {label: make(label) for label in (
        "idle", "idle-rejected", "idle-active", "recent", "protected", "date-passed", "date-passed-then-active",
        "erased", "idle-with-twin", "twin")}
    factories.make_application(job=job_a, candidate=people["idle-active"], actor=recruiter)
    rejected = factories.make_application(job=job_a, candidate=people["idle-rejected"], actor=recruiter)
    application_set_outcome(actor=recruiter, application=rejected, outcome="rejected", reason="Not a fit")
    candidate_merge(actor=recruiter, kept=people["idle-with-twin"], merged=people["twin"])
    candidate_erase(actor=None, candidate=people["erased"], reason="asked")
    Candidate.objects.filter(pk=people["protected"].pk).update(retain_until=today + timedelta(days=1))
    Candidate.objects.filter(pk__in=[people["date-passed"].pk, people["date-passed-then-active"].pk]).update(
        retain_until=today - timedelta(days=10))
    for label in ("idle", "idle-rejected", "idle-active", "protected", "erased", "idle-with-twin", "twin"):
        _aged(people[label], 731)
    _aged(people["recent"], 729)
    _aged(people["date-passed"], 40)  # a recent-ish activity, but before the retention date
    _aged(people["date-passed-then-active"], 3)  # someone worked with them after the date
    return people


DUE = {"idle", "idle-rejected", "date-passed", "idle-with-twin"}


def test_retention_lists_exactly_the_due_candidates_with_why(population):
    due = {item.candidate.pk: item.why for item in retention_due()}
    assert set(due) == {population[label].pk for label in DUE}
    assert due[population["date-passed"].pk].startswith("retention date")
    assert due[population["idle"].pk] == "no activity for more than 730 days"


def _snapshot() -> dict[str, object]:
    """Every table's row count, and a checksum of the whole candidates table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
        cursor.execute("SELECT md5(string_agg(c::text, '|' ORDER BY c.id)) FROM candidates_candidate c")
        counts["candidates checksum"] = cursor.fetchone()[0]
    return counts


def test_the_dry_run_lists_them_and_changes_nothing(population):
    before = _snapshot()
    out = StringIO()
    call_command("enforce_retention", "--dry-run", stdout=out)
    assert _snapshot() == before
    lines = out.getvalue().splitlines()
    assert lines[-1] == "4 candidates would be erased (dry run: nothing changed)."
    assert {line.split("\t")[0] for line in lines[:-1]} == {f"#{population[label].pk}" for label in DUE}


def test_the_real_run_erases_exactly_the_due_candidates_and_then_nothing_more(population):
    out = StringIO()
    call_command("enforce_retention", stdout=out)
    erased = set(Candidate.objects.filter(erased_at__isnull=False).values_list("pk", flat=True))
    expected = {population[label].pk for label in DUE | {"twin", "erased"}}  # the twin goes with its record
    assert erased == expected
    assert out.getvalue().splitlines()[-1] == "4 candidates erased."
    assert f"erased #{population['idle-with-twin'].pk} (and the records merged into it: #{population['twin'].pk})" in out.getvalue()
    for label in ("idle-active", "recent", "protected", "date-passed-then-active"):
        assert Candidate.objects.get(pk=population[label].pk).full_name == f"Fictional {label}"
    again = StringIO()
    call_command("enforce_retention", stdout=again)
    assert again.getvalue().strip() == "0 candidates erased."


def test_retention_enforce_returns_one_result_per_due_record(population):
    from candidates.erasure.services import retention_enforce

    results = retention_enforce()
    assert sorted(result.root_id for result in results) == sorted(population[label].pk for label in DUE)
    assert retention_enforce() == []


def test_a_later_day_can_be_previewed_and_a_bad_date_is_explained(population):
    out = StringIO()
    call_command("enforce_retention", "--dry-run", "--today", (timezone.localdate() + timedelta(days=2)).isoformat(), stdout=out)
    assert f"#{population['recent'].pk}\t" in out.getvalue() and f"#{population['protected'].pk}\t" in out.getvalue()
    with pytest.raises(CommandError, match="--today must be a date like"):
        call_command("enforce_retention", "--today", "tomorrow")


def test_the_worker_schedules_one_retention_run_a_day(population, redis_queue):
    queue = django_rq.get_queue("default")
    assert retention_schedule() is True
    assert retention_schedule() is False  # the same day: already scheduled
    jobs = [queue.fetch_job(job_id) for job_id in queue.job_ids]
    assert [job.func_name for job in jobs] == [RETENTION_TASK]
    assert retention_schedule(today=timezone.localdate() + timedelta(days=1)) is True  # the next day


@pytest.mark.django_db(transaction=True)
def test_the_email_workers_maintenance_enqueues_it_and_the_job_erases_the_due(population, redis_queue):
    """The e-mail worker's maintenance (each sweep interval) is where the daily run is enqueued."""
    queue = django_rq.get_queue("default")
    worker = EmailWorker([queue, django_rq.get_queue("notifications")], connection=queue.connection)
    worker.run_maintenance_tasks()
    assert [queue.fetch_job(job_id).func_name for job_id in queue.job_ids] == [RETENTION_TASK]
    SimpleWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)
    assert Candidate.objects.filter(pk=population["idle"].pk, erased_at__isnull=False).exists()


def test_retention_checks_again_before_erasing_someone_it_listed(recruiter, job_a, settings):
    """The run lists the due first and erases one by one: someone who applied meanwhile stays."""
    settings.RETENTION_DAYS = 730
    listed = _aged(factories.make_candidate(actor=recruiter, name="Fictional Latecomer"), 900)
    today = timezone.localdate()
    assert [due.candidate.pk for due in retention_due(today=today)] == [listed.pk]
    factories.make_application(job=job_a, candidate=listed, actor=recruiter)  # applies before their turn
    assert candidate_erase(actor=None, candidate=listed, reason="retention", only_if_due=today) is None
    listed.refresh_from_db()
    assert listed.erased_at is None and listed.full_name == "Fictional Latecomer"
