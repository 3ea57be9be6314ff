"""The reports' rollups: narrow facts derived from the applications and their history, kept exact by
statement-level triggers in the same transaction as every write (migration jobs 0011), so the reports
read a few narrow, indexed rows instead of re-deriving them from the histories on every page view.

Nothing writes these tables but the triggers (and the migration's backfill): bulk moves, COPY fills
and raw SQL are covered as well as the services. Each trigger recomputes the facts of the
applications a statement touched (`jobs_report_refresh(ids)`), and the facts table's own triggers
keep the hourly totals in step. Stage names, kinds and rejection-reason names are joined at query
time where the facts keep the id, so renaming one rewrites nothing; a pipeline reorder or a change of
a stage's kind recomputes that job's applications (their furthest point).
"""
from __future__ import annotations

from django.db import models
from django.db.models import F, Func, Q


class ReportApplication(models.Model):
    """One row per application: what the funnel and the source report count."""

    application_id = models.BigIntegerField(primary_key=True)
    job_id = models.BigIntegerField()
    applied_at = models.DateTimeField()
    # The application's source, else (added by hand) how the candidate was found.
    source = models.CharField(max_length=50)
    # The furthest point reached (its stage history and where it is now): a position in the job's
    # pipeline, and the rank of the stage kind in pipeline order (1 = applied).
    furthest_position = models.SmallIntegerField()
    furthest_rank = models.SmallIntegerField()
    hired = models.BooleanField()

    class Meta:
        # The scoped views (one job, a department, a hiring manager's jobs) read the index alone.
        indexes = [models.Index(fields=["job_id", "applied_at"], name="reportapplication_job",
                                include=["source", "furthest_position", "furthest_rank", "hired"])]


class ReportStay(models.Model):
    """One row per stage change into a stage that still exists: the stay it began and, once it has
    ended (the next such change, or the application's closing), its length in seconds."""

    stage_change_id = models.BigIntegerField(primary_key=True)
    application_id = models.BigIntegerField()
    job_id = models.BigIntegerField()
    stage_id = models.BigIntegerField()
    rank = models.SmallIntegerField(null=True)  # the stage's kind in pipeline order (1 = applied)
    entered_at = models.DateTimeField()
    seconds = models.FloatField(null=True)
    # Which length bucket the stay falls in (`jobs_stay_bucket`, migration jobs 0013), in the order
    # of the lengths: 10% wide, so a bucket holds a few per cent of the stays of lengths spread over
    # hours to weeks (all of them only if every stay is about as long as the others).
    bucket = models.GeneratedField(
        expression=Func(F("seconds"), function="jobs_stay_bucket", output_field=models.SmallIntegerField()),
        output_field=models.SmallIntegerField(), db_persist=True,
    )

    class Meta:
        indexes = [
            models.Index(fields=["application_id"], name="reportstay_application"),
            models.Index(fields=["job_id", "entered_at"], include=["stage_id", "rank", "seconds"],
                         name="reportstay_job"),
            # The completed stays of a period's first and last part day, by kind and length bucket.
            models.Index(fields=["entered_at"], include=["rank", "bucket"], condition=Q(seconds__isnull=False),
                         name="reportstay_done"),
            # One length bucket's stays in a period, read to pick a percentile's exact value.
            models.Index(fields=["rank", "bucket", "entered_at"], include=["seconds"],
                         condition=Q(seconds__isnull=False), name="reportstay_bucket"),
        ]


class ReportClosure(models.Model):
    """One row per rejection or withdrawal: when, the reason (managed and note) and the stage the
    application was in at the time (its last stage change by then)."""

    outcome_change_id = models.BigIntegerField(primary_key=True)
    application_id = models.BigIntegerField()
    job_id = models.BigIntegerField()
    changed_at = models.DateTimeField()
    outcome = models.CharField(max_length=10)
    rejection_reason_id = models.BigIntegerField(null=True)
    note = models.CharField(max_length=300, null=True)
    stage_id = models.BigIntegerField(null=True)
    stage_name = models.CharField(max_length=60, null=True)
    rank = models.SmallIntegerField(null=True)  # that stage's kind in pipeline order; none if it is gone

    class Meta:
        indexes = [
            models.Index(fields=["application_id"], name="reportclosure_application"),
            models.Index(fields=["job_id", "changed_at"], name="reportclosure_job",
                         include=["outcome", "rejection_reason_id", "note", "stage_id", "stage_name", "rank"]),
            models.Index(fields=["changed_at"], include=["outcome", "rejection_reason_id", "note", "rank"],
                         name="reportclosure_time"),
        ]


class ReportReachHour(models.Model):
    """Applications per hour applied (UTC), source and furthest stage-kind rank: the funnel and the
    sources of a recruiter's unfiltered view are sums of a few hundred of these rows. Local days
    begin on a whole UTC hour in every zone with a whole-hour offset; others read the facts."""

    hour = models.DateTimeField()
    source = models.CharField(max_length=50)
    furthest_rank = models.SmallIntegerField()
    applications = models.IntegerField()
    hired = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hour", "source", "furthest_rank"], name="reportreachhour_key")
        ]


class ReportClosureDay(models.Model):
    """Rejections and withdrawals per UTC day, stage-kind rank (0: stage gone), outcome, managed
    reason (0: none) and note ('': none): every job's closures by stage kind are sums of these, the
    part of the period's first and last local day outside whole UTC days read from the facts."""

    day = models.DateField()
    rank = models.SmallIntegerField()
    outcome = models.CharField(max_length=10)
    rejection_reason_id = models.BigIntegerField()
    note = models.CharField(max_length=300)
    closures = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "rank", "outcome", "rejection_reason_id", "note"],
                                    name="reportclosureday_key")
        ]


class ReportActivityHour(models.Model):
    """Activity entries per UTC hour, job (0: none), person and verb, from the activity log: the
    recruiter-activity report sums these instead of reading every entry (whole-hour zones)."""

    hour = models.DateTimeField()
    job_id = models.BigIntegerField()
    actor_id = models.BigIntegerField()
    verb = models.CharField(max_length=40)
    actions = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hour", "job_id", "actor_id", "verb"], name="reportactivityhour_key")
        ]


class ReportStayDay(models.Model):
    """Completed stays per UTC day entered, stage-kind rank and length bucket (ReportStay.bucket):
    time in stage across every job counts these to find the bucket holding each percentile, then
    reads only that bucket's stays for the exact value (jobs.reports.selectors.time_in_stage)."""

    day = models.DateField()
    rank = models.SmallIntegerField()
    bucket = models.SmallIntegerField()
    stays = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "rank", "bucket"], name="reportstayday_key")]
