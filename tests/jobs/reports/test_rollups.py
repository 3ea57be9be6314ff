"""The reports' rollups (jobs 0011) stay exactly what a fresh backfill from the histories would
give, after every kind of write the app makes, bulk ones and the demo's COPY fill included."""
from __future__ import annotations

import importlib
import random
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.utils import timezone

from ats.demo.services import demo_applications_create
from candidates.models import Candidate
from candidates.services import candidate_delete
from jobs.applications.models import Application
from jobs.applications.services import application_move, application_set_outcome
from jobs.reports.selectors import ReportFilters, report_get
from jobs.services import stage_add, stage_remove, stage_reorder
from tests import factories
from tests.jobs.reports.conftest import DAY, _add

ROLLUPS = {
    "jobs_reportapplication": "application_id",
    "jobs_reportstay": "stage_change_id",
    "jobs_reportclosure": "outcome_change_id",
    "jobs_reportreachhour": "hour, source, furthest_rank",
    "jobs_reportactivityhour": "hour, job_id, actor_id, verb",
    "jobs_reportclosureday": "day, rank, outcome, rejection_reason_id, note",
    "jobs_reportstayday": "day, rank, bucket",
}
TOTALS = {  # the totals' columns, and which rows a backfill makes (the triggers keep those back at zero)
    "jobs_reportreachhour": ("hour, source, furthest_rank, applications, hired", "applications <> 0 OR hired <> 0"),
    "jobs_reportactivityhour": ("hour, job_id, actor_id, verb, actions", "actions <> 0"),
    "jobs_reportclosureday": ("day, rank, outcome, rejection_reason_id, note, closures", "closures <> 0"),
    "jobs_reportstayday": ("day, rank, bucket, stays", "stays <> 0"),
}
MIGRATION = importlib.import_module("jobs.migrations.0011_report_rollups")
# The stays' day totals (jobs 0013) follow the stays the backfill writes, through their trigger.
STAY_BUCKETS = importlib.import_module("jobs.migrations.0013_stay_length_histogram")


def _rows() -> dict[str, list[tuple]]:
    found = {}
    with connection.cursor() as cursor:
        for table, key in ROLLUPS.items():
            columns, where = TOTALS.get(table, ("*", "TRUE"))
            cursor.execute(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY {key}")
            found[table] = cursor.fetchall()
    return found


def _backfilled() -> dict[str, list[tuple]]:
    """What the migration's backfill makes of the rows as they are now (then rolled back)."""
    with transaction.atomic():
        savepoint = transaction.savepoint()
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(ROLLUPS)}")
            cursor.execute(MIGRATION.BACKFILL)
        rows = _rows()
        transaction.savepoint_rollback(savepoint)
    return rows


def assert_exact() -> None:
    kept = _rows()
    assert kept == _backfilled()
    assert kept["jobs_reportapplication"], "nothing to compare"
    assert kept["jobs_reportstayday"] == _stay_days_counted(), "the stays' day totals are not those of the stays"


def _stay_days_counted() -> list[tuple]:
    """The stays' day totals as the migration that added them counts them from the stays."""
    with transaction.atomic():
        savepoint = transaction.savepoint()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM jobs_reportstayday")
            cursor.execute(STAY_BUCKETS.BACKFILL)
            cursor.execute("SELECT day, rank, bucket, stays FROM jobs_reportstayday ORDER BY day, rank, bucket")
            rows = cursor.fetchall()
        transaction.savepoint_rollback(savepoint)
    return rows


@pytest.mark.django_db
def test_rollups_follow_moves_outcomes_and_pipeline_edits(recruiter, pipeline, job_b, t0):
    assert_exact()  # the fixture's direct inserts: applications first, then their histories
    application = factories.make_application(job=pipeline, actor=recruiter)
    for kind in ("screening", "interview", "screening"):
        application = application_move(actor=recruiter, application=application, to_stage=factories.stage_of(pipeline, kind))
    assert_exact()
    application = application_set_outcome(actor=recruiter, application=application, outcome="rejected", reason="Too far")
    assert_exact()
    application = application_set_outcome(actor=recruiter, application=application, outcome="active")
    application = application_set_outcome(actor=recruiter, application=application, outcome="hired")
    assert_exact()
    stages = list(pipeline.stages.order_by("position"))
    stage_reorder(actor=recruiter, job=pipeline, order=[s.pk for s in [stages[3], *stages[:3], *stages[4:]]])
    assert_exact()  # the furthest positions moved with the pipeline
    extra = stage_add(actor=recruiter, job=pipeline, name="Take-home", kind="interview", after=stages[1])
    application_move(actor=recruiter, application=application, to_stage=extra)
    assert_exact()
    stage_remove(actor=recruiter, stage=extra, move_to=stages[0])
    assert_exact()  # the stays in the removed stage are gone; the application counts where it is now


@pytest.mark.django_db
def test_rollups_follow_candidate_sources_and_erasure(recruiter, pipeline, t0):
    referred = Application.objects.filter(job=pipeline, source="").select_related("candidate").get()
    Candidate.objects.filter(pk=referred.candidate_id).update(source="agency")  # as a hand correction would
    assert_exact()
    assert ["Agency", 1, 0, 0, 0, 0.0] in report_get(user=recruiter, filters=ReportFilters.default(), key="sources").rows
    candidate_delete(actor=recruiter, candidate=Application.objects.filter(job=pipeline, outcome="hired").get().candidate)
    assert_exact()
    assert [row[1] for row in report_get(user=recruiter, filters=ReportFilters.default(), key="funnel").rows][-1] == 0


@pytest.mark.django_db
def test_rollups_follow_the_demo_copy_fill(recruiter, job_a, job_b):
    ids = [factories.make_candidate().pk for _ in range(30)]
    assert demo_applications_create(random.Random(5), [job_a, job_b], ids, 40, {"recruiter": recruiter}) == 40
    assert_exact()
    funnel = report_get(user=recruiter, filters=ReportFilters.default(), key="funnel").rows
    assert funnel[0][1] == 40


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata", "America/New_York"])
def test_unfiltered_funnel_and_closures_from_totals_or_facts_agree(recruiter, pipeline, t0, zone):
    """A recruiter's unfiltered funnel sums hourly totals when local days start on the hour (UTC, New
    York) and counts the facts otherwise (Kolkata, UTC+5:30); the closures sum daily totals for the
    whole UTC days and count the facts for the rest. All give the fixture's figures, also with
    applications and closings a minute either side of the range's first and last local midnight."""
    with timezone.override(ZoneInfo(zone)):
        filters = ReportFilters.default()
        minute = timedelta(minutes=1)
        _add(pipeline, source="careers", moves=[("applied", filters.since - minute)],
             outcome=("rejected", filters.since - minute, "Too early"))
        _add(pipeline, source="careers", moves=[("applied", filters.since), ("screening", filters.since + DAY)],
             outcome=("withdrawn", filters.since + minute, "Moved away"))
        _add(pipeline, source="careers", moves=[("applied", filters.until - 2 * minute)],
             outcome=("rejected", filters.until - minute, "Not enough experience"))
        _add(pipeline, source="careers", moves=[("applied", filters.until - 2 * minute)],
             outcome=("rejected", filters.until, "Too late"))
        rows = report_get(user=recruiter, filters=filters, key="funnel").rows
        assert [row[1] for row in rows] == [7, 4, 2, 1, 1, 1]
        closures = report_get(user=recruiter, filters=filters, key="rejections").rows
        # Applied: the fixture's withdrawal and two of these; three reasons once each, the first in order wins.
        assert closures == [["Applied", 1, 2, 3, "Moved away"], ["Screening", 1, 0, 1, "Not enough experience"]]


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata"])
def test_activity_from_the_hourly_rollup_or_the_log_agree(recruiter, manager_a, job_a, zone, settings):
    """Moves and notes per person per week: summed from the hourly rollup (whole-hour zones) or
    counted from the log (half-hour ones); an erased candidate's entries leave both."""
    from candidates.services import note_add

    settings.TIME_ZONE = zone
    kept, erased = (factories.make_application(job=job_a, actor=recruiter) for _ in range(2))
    for application in (kept, erased):
        application_move(actor=recruiter, application=application, to_stage=factories.stage_of(job_a, "screening"))
        note_add(actor=recruiter, candidate=application.candidate, body="Strong portfolio.")
    with timezone.override(ZoneInfo(zone)):
        week = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
        assert report_get(user=recruiter, filters=ReportFilters.default(), key="activity").rows == [
            [week.isoformat(), "Rory Recruiter", 2, 2, 0, 0]
        ]
        candidate_delete(actor=recruiter, candidate=erased.candidate)
        assert report_get(user=recruiter, filters=ReportFilters.default(), key="activity").rows == [
            [week.isoformat(), "Rory Recruiter", 1, 1, 0, 0]
        ]
        assert report_get(user=manager_a, filters=ReportFilters.default(), key="activity").rows == [
            [week.isoformat(), "Rory Recruiter", 1, 0, 0, 0]  # the note is on no job
        ]
    assert_exact()
