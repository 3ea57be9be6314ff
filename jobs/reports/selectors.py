"""The reports: each one SQL query, narrowed to the jobs the user may see, over the rollups that
triggers derive from the history tables in the same transaction as every write (jobs.reports.models,
migration jobs 0011): facts per application, stay and closing, hourly totals for the funnel and for
activity. The figures are those the histories give (tests/jobs/reports/test_rollups.py).

Every report is a `Report`: a title, the column names and a handful of rows (one per stage, source,
person…), computed entirely in PostgreSQL (grouping, percentile_cont, window functions); Python only
formats those few rows. The page shows each as a chart and a table, and the CSV download writes
exactly the same rows.

Scope: the jobs are `job_list_for(user)` (a hiring manager's holds only the jobs they are named on)
narrowed by the job and department filters, compiled into a sub-select every query starts from, so a
report cannot read outside it. Dates filter the event each report is about (applied, moved, hired,
closed, asked to review) within [start, end] in local days.

Definitions:
- Funnel: an application "reached" a stage when it is, or ever was, in that stage or a later one (by
  position in its job's pipeline; across jobs, by the stage kind in pipeline order), so applications
  moved straight from Applied to Interview still count as having passed Screening.
- Time in stage: completed stays only, from the stage history: entered at a StageChange, left at the
  next one, or when the application was closed; stays still open are not in the figures.
- Time to hire: applied → the outcome change to "hired", for applications still hired.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from datetime import timezone as dt_timezone
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ats.core.access import User, is_hiring_manager, is_recruiter
from ats.core.models import Activity
from candidates.models import Candidate
from jobs.models import Stage
from jobs.selectors import job_list_for

# Stage kinds in pipeline order: across jobs, the funnel and time in stage group by kind.
KIND_ORDER: tuple[str, ...] = tuple(Stage.Kind.values)
KIND_LABELS: dict[str, str] = {Stage.Kind.SHORTLIST: "Shortlist", **{k: v for k, v in Stage.Kind.choices if k != "shortlist"}}
KIND_RANK_SQL = "CASE {col} " + " ".join(f"WHEN '{kind}' THEN {n}" for n, kind in enumerate(KIND_ORDER, 1)) + " END"
SOURCE_LABELS: dict[str, str] = {**dict(Candidate.Source.choices), "bulk": "Added in bulk", "": "Not recorded"}
# Activity verbs counted per person. E-mails: those a person sent (queued) from a profile or the
# board; automatic stage and rejection mails have no actor and count for nobody.
ACTIVITY_VERBS: dict[str, tuple[str, ...]] = {
    "moves": (Activity.Verb.STAGE_MOVED, Activity.Verb.OUTCOME_SET),
    "notes": (Activity.Verb.NOTE_ADDED,),
    "reviews_requested": (Activity.Verb.REVIEW_REQUESTED,),
    "emails": (Activity.Verb.EMAIL_QUEUED,),
}
DEFAULT_DAYS = 90


@dataclass(frozen=True)
class ReportFilters:
    start: date
    end: date
    job_id: int | None = None
    department: str = ""

    @classmethod
    def default(cls) -> "ReportFilters":
        today = timezone.localdate()
        return cls(start=today - timedelta(days=DEFAULT_DAYS - 1), end=today)

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        """The end of the last day (exclusive)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


@dataclass
class Report:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""
    # The chart: which column labels the bars and which columns are drawn (first one the main bar).
    label_columns: tuple[int, ...] = (0,)
    text_columns: tuple[int, ...] = ()  # left-aligned in the table (the rest are numbers)
    chart_columns: tuple[int, ...] = (1,)
    unit: str = ""


def _scope(user: User, filters: ReportFilters) -> tuple[str, tuple[Any, ...]]:
    """The ids of the jobs this report may read, as SQL (permissions from job_list_for)."""
    jobs = job_list_for(user)
    if filters.job_id:
        jobs = jobs.filter(pk=filters.job_id)
    if filters.department:
        jobs = jobs.filter(department=filters.department)
    sql, params = jobs.select_related(None).order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


def _every_job(user: User, filters: ReportFilters) -> bool:
    """A recruiter's unfiltered view: every job is in scope, so a query may skip the join that
    only narrows to the scope (the closures' join to applications)."""
    return is_recruiter(user) and not filters.job_id and not filters.department


def _in_scope(column: str, user: User, filters: ReportFilters) -> tuple[str, tuple[Any, ...]]:
    """`column IN (the scope's job ids)` and its parameters, or TRUE for a recruiter's unfiltered view."""
    if _every_job(user, filters):
        return "TRUE", ()
    scope, params = _scope(user, filters)
    return f"{column} IN ({scope})", params


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _single_job(user: User, filters: ReportFilters) -> bool:
    return filters.job_id is not None


def _days(value: float | None) -> float | None:
    return None if value is None else round(value / 86400, 1)


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value / 3600, 1)


# --- Funnel and sources -------------------------------------------------------------------------

# The funnel and the source report are sums over one small histogram of (source, furthest point,
# applications, hired), read from the rollups (jobs.reports.models): the per-application facts
# narrowed to the scope, or for a recruiter's unfiltered view the hourly totals across jobs.
_REACH_FACTS_SQL = """
SELECT source, {point}, count(*)::int, count(*) FILTER (WHERE hired)::int
  FROM jobs_reportapplication f
 WHERE {scope} AND f.applied_at >= %s AND f.applied_at < %s
 GROUP BY 1, 2
"""
_REACH_HOURS_SQL = """
SELECT source, furthest_rank, sum(applications)::int, sum(hired)::int
  FROM jobs_reportreachhour
 WHERE hour >= %s AND hour < %s
 GROUP BY 1, 2 HAVING sum(applications) > 0
"""


def _on_the_hour(moment: datetime) -> bool:
    """Whether a local midnight is a whole UTC hour (every zone but the half-hour ones)."""
    offset = moment.utcoffset()
    return offset is not None and offset.total_seconds() % 3600 == 0


def _reach(user: User, filters: ReportFilters, shared: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    """(source, furthest point, applications, hired): one query, shared by the funnel and sources.
    The point is a position in the job's pipeline (one job) or a stage-kind rank (across jobs)."""
    if "reach" not in shared:
        if _every_job(user, filters) and _on_the_hour(filters.since) and _on_the_hour(filters.until):
            shared["reach"] = _fetch(_REACH_HOURS_SQL, [filters.since, filters.until])
        else:
            scope, params = _in_scope("f.job_id", user, filters)
            point = "f.furthest_position" if _single_job(user, filters) else "f.furthest_rank"
            sql = _REACH_FACTS_SQL.format(point=point, scope=scope)
            shared["reach"] = _fetch(sql, [*params, filters.since, filters.until])
    return shared["reach"]


def _job_stages(user: User, filters: ReportFilters, shared: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(position, name, kind) of the one job's stages, in order: one query, shared."""
    if "stages" not in shared:
        scope, scope_params = _scope(user, filters)
        shared["stages"] = _fetch(
            f"SELECT position, name, kind FROM jobs_stage WHERE job_id IN ({scope}) ORDER BY position", scope_params
        )
    return shared["stages"]


def _steps(user: User, filters: ReportFilters, shared: dict[str, Any]) -> list[tuple[int, str]]:
    """The funnel's steps: (point, label) of the job's stages, or of the stage kinds across jobs."""
    if _single_job(user, filters):
        return [(position, name) for position, name, _ in _job_stages(user, filters, shared)]
    return [(n, KIND_LABELS[kind]) for n, kind in enumerate(KIND_ORDER, 1)]


def _percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def funnel(*, user: User, filters: ReportFilters, shared: dict[str, Any] | None = None) -> Report:
    shared = {} if shared is None else shared
    histogram = _reach(user, filters, shared)
    rows, previous, first = [], None, None
    for point, label in _steps(user, filters, shared):
        # Summing a histogram of at most (sources x stages) rows, not applications.
        reached = sum(n for _, furthest, n, _ in histogram if furthest >= point)
        first = reached if first is None else first
        rows.append([label, reached, _percent(reached, previous) if previous is not None else None, _percent(reached, first)])
        previous = reached
    return Report(
        key="funnel", title="Funnel", unit="applications",
        columns=["Stage", "Applications reached", "Conversion from previous stage (%)", "Of all applications (%)"],
        rows=rows,
        note="Applications made in the period that reached each stage (or a later one), by "
        + ("this job's stages." if _single_job(user, filters) else "stage kind across the jobs."),
    )


def source_effectiveness(*, user: User, filters: ReportFilters, shared: dict[str, Any] | None = None) -> Report:
    """Where the application came in (careers site, upload, bulk), else how the candidate was found."""
    shared = {} if shared is None else shared
    histogram = _reach(user, filters, shared)
    if _single_job(user, filters):
        rank = {point: KIND_ORDER.index(kind) + 1 for point, _, kind in _job_stages(user, filters, shared)}
    else:
        rank = {n: n for n in range(1, len(KIND_ORDER) + 1)}
    shortlist, interview = KIND_ORDER.index(Stage.Kind.SHORTLIST) + 1, KIND_ORDER.index(Stage.Kind.INTERVIEW) + 1
    totals: dict[str, list[int]] = {}
    for source, furthest, n, hired in histogram:
        # Within one job a later stage may be of an earlier kind: the furthest stage's kind decides.
        kind = rank.get(furthest, 0)
        counts = totals.setdefault(source, [0, 0, 0, 0])
        counts[0] += n
        counts[1] += n if kind >= shortlist else 0
        counts[2] += n if kind >= interview else 0
        counts[3] += hired
    rows = [
        [SOURCE_LABELS.get(source, source), n, shortlisted, interviewed, hired, _percent(hired, n)]
        for source, (n, shortlisted, interviewed, hired) in sorted(totals.items(), key=lambda item: (-item[1][0], item[0]))
    ]
    return Report(
        key="sources", title="Source effectiveness", unit="applications", chart_columns=(1, 2, 3, 4),
        columns=["Source", "Applications", "Shortlisted", "Interviewed", "Hired", "Hire rate (%)"], rows=rows,
        note="Applications made in the period, by where they came from; shortlisted and interviewed "
        "count those that reached such a stage.",
    )


# --- Time in stage and time to hire -------------------------------------------------------------

PERCENTILES = (0.5, 0.9)

# Time in stage across every job, exactly as percentile_cont over the period's completed stays gives
# it, without sorting them all: the stays per kind and length bucket in the period (the daily totals
# for its whole UTC days, the facts for the rest), then for each position percentile_cont reads (the
# rows on either side of fraction × (n − 1)) the one bucket holding it, whose stays in the period are
# read by index and that position taken; the two values are interpolated as percentile_cont does.
_STAYS_BY_BUCKET_SQL = """
WITH histogram AS (
    SELECT rank, bucket, sum(n)::bigint AS n
      FROM (SELECT d.rank, d.bucket, d.stays AS n FROM jobs_reportstayday d
             WHERE d.day >= %(first)s AND d.day < %(last)s AND d.rank <> %(hired)s
            UNION ALL
            SELECT st.rank, st.bucket, count(*) FROM jobs_reportstay st
             WHERE st.seconds IS NOT NULL AND st.rank <> %(hired)s
               AND ((st.entered_at >= %(since)s AND st.entered_at < %(head)s)
                    OR (st.entered_at >= %(tail)s AND st.entered_at < %(until)s))
             GROUP BY 1, 2) parts
     GROUP BY 1, 2 HAVING sum(n) > 0
), buckets AS (
    SELECT rank, bucket, n, (sum(n) OVER (PARTITION BY rank ORDER BY bucket) - n)::bigint AS before,
           (sum(n) OVER (PARTITION BY rank))::bigint AS total
      FROM histogram
), wanted AS (
    SELECT t.rank, t.total, p.fraction, p.n AS ordinal, p.fraction * (t.total - 1) AS at,
           floor(p.fraction * (t.total - 1))::bigint AS below, ceil(p.fraction * (t.total - 1))::bigint AS above
      FROM (SELECT DISTINCT rank, total FROM buckets) t
     CROSS JOIN unnest(%(fractions)s::float8[]) WITH ORDINALITY AS p(fraction, n)
), needed AS (
    -- Each bucket holding a wanted position, read once for the span of positions wanted in it.
    SELECT b.rank, b.bucket, b.before, min(w.position) AS first, max(w.position) AS last
      FROM (SELECT rank, below AS position FROM wanted UNION SELECT rank, above FROM wanted) w
      JOIN buckets b ON b.rank = w.rank AND w.position >= b.before AND w.position < b.before + b.n
     GROUP BY b.rank, b.bucket, b.before
), picked AS (
    SELECT n.rank, n.first + s.k - 1 AS position, s.seconds
      FROM needed n
     CROSS JOIN LATERAL (
        SELECT t.seconds, row_number() OVER (ORDER BY t.seconds) AS k
          FROM (SELECT st.seconds FROM jobs_reportstay st
                 WHERE st.rank = n.rank AND st.bucket = n.bucket AND st.seconds IS NOT NULL
                   AND st.entered_at >= %(since)s AND st.entered_at < %(until)s
                 ORDER BY st.seconds OFFSET n.first - n.before LIMIT n.last - n.first + 1) t
     ) s
)
SELECT w.rank, w.total, array_agg(lo.seconds + (hi.seconds - lo.seconds) * (w.at - w.below) ORDER BY w.ordinal)
  FROM wanted w
  JOIN picked lo ON lo.rank = w.rank AND lo.position = w.below
  JOIN picked hi ON hi.rank = w.rank AND hi.position = w.above
 GROUP BY w.rank, w.total ORDER BY w.rank
"""


def _stays_by_bucket(filters: ReportFilters, hired: int) -> list[tuple[Any, ...]]:
    """(rank, completed stays, [median, p90]) per stage kind over every job, from the length buckets."""
    first, last = _utc_days(filters)
    if first == last:  # no whole UTC day: all of the period from the facts
        head = tail = filters.until
    else:
        head, tail = (datetime.combine(day, time.min, tzinfo=dt_timezone.utc) for day in (first, last))
    return _fetch(_STAYS_BY_BUCKET_SQL, {
        "first": first, "last": last, "since": filters.since, "until": filters.until, "head": head, "tail": tail,
        "hired": hired, "fractions": list(PERCENTILES),
    })


def time_in_stage(*, user: User, filters: ReportFilters, shared: dict[str, Any] | None = None) -> Report:
    """From the stays' rollup: each stage change into a stage still in the pipeline, with its length
    once it ended (the next such change, or the application's closing). The median and 90th
    percentile are percentile_cont's (interpolated between the two nearest stays), exact."""
    hired = KIND_ORDER.index(Stage.Kind.HIRED) + 1
    period = "st.entered_at >= %s AND st.entered_at < %s AND st.seconds IS NOT NULL"
    if _single_job(user, filters):
        stay_scope, stay_params = _in_scope("st.job_id", user, filters)
        # Per stage first, then the job's few stages by key (a join before the grouping hashed
        # every stage of every job: 12,000 at 2,000 jobs).
        sql = f"""
        SELECT s.name, t.n, t.figures
          FROM (SELECT st.stage_id, count(*) AS n,
                       percentile_cont(%s::float8[]) WITHIN GROUP (ORDER BY st.seconds) AS figures
                  FROM jobs_reportstay st
                 WHERE {stay_scope} AND {period} AND st.rank <> {hired}
                 GROUP BY st.stage_id) t
          JOIN jobs_stage s ON s.id = t.stage_id
         ORDER BY s.position
        """
        found = _fetch(sql, [list(PERCENTILES), *stay_params, filters.since, filters.until])
    else:
        if _every_job(user, filters):
            by_rank = _stays_by_bucket(filters, hired)
        else:
            # A department's or a hiring manager's jobs: their stays, by the rank of the stage's kind.
            stay_scope, stay_params = _in_scope("st.job_id", user, filters)
            sql = f"""
            SELECT st.rank, count(*), percentile_cont(%s::float8[]) WITHIN GROUP (ORDER BY st.seconds)
              FROM jobs_reportstay st
             WHERE {stay_scope} AND {period} AND st.rank <> {hired}
             GROUP BY st.rank ORDER BY st.rank
            """
            by_rank = _fetch(sql, [list(PERCENTILES), *stay_params, filters.since, filters.until])
        found = [(KIND_LABELS[KIND_ORDER[rank - 1]], n, figures) for rank, n, figures in by_rank]
    rows = [[name, n, _days(median), _days(p90)] for name, n, (median, p90) in found]
    return Report(
        key="time-in-stage", title="Time in stage", unit="days", chart_columns=(2, 3),
        columns=["Stage", "Completed stays", "Median (days)", "90th percentile (days)"], rows=rows,
        note="Stays that began in the period and have ended (moved on, or the application was closed).",
    )


_HIRES_CTE = """
WITH hires AS (
    SELECT DISTINCT ON (oc.application_id) oc.application_id, a.job_id, oc.changed_at AS hired_at,
           extract(epoch FROM oc.changed_at - a.applied_at) AS seconds
      FROM jobs_outcomechange oc JOIN jobs_application a ON a.id = oc.application_id
     WHERE a.job_id IN ({scope}) AND a.outcome = 'hired' AND oc.to_outcome = 'hired'
       AND oc.changed_at >= %s AND oc.changed_at < %s
     ORDER BY oc.application_id, oc.changed_at DESC
)
"""


def _hires(user: User, filters: ReportFilters, shared: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Time to hire per job and per month in one query (GROUPING SETS), shared by both reports:
    (job id, title, month, hires, median seconds, p90 seconds), month NULL on the per-job rows."""
    if "hires" not in shared:
        scope, scope_params = _scope(user, filters)
        sql = _HIRES_CTE.format(scope=scope) + """
        SELECT j.id, j.title, to_char(date_trunc('month', h.hired_at AT TIME ZONE %s), 'YYYY-MM') AS month, count(*),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY h.seconds),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY h.seconds)
          FROM hires h JOIN jobs_job j ON j.id = h.job_id
         GROUP BY GROUPING SETS ((j.id, j.title), (3))
         ORDER BY 3 NULLS FIRST, 2, 1
        """
        shared["hires"] = _fetch(sql, [*scope_params, filters.since, filters.until, settings.TIME_ZONE])
    return shared["hires"]


def time_to_hire_by_job(*, user: User, filters: ReportFilters, shared: dict[str, Any] | None = None) -> Report:
    rows = [
        [title, n, _days(m), _days(p)]
        for job_id, title, month, n, m, p in _hires(user, filters, {} if shared is None else shared) if job_id is not None
    ]
    return Report(
        key="time-to-hire", title="Time to hire, per job", unit="days", chart_columns=(2, 3),
        columns=["Job", "Hires", "Median (days)", "90th percentile (days)"], rows=rows,
        note="From application to hire, for hires made in the period.",
    )


def time_to_hire_by_month(*, user: User, filters: ReportFilters, shared: dict[str, Any] | None = None) -> Report:
    rows = [
        [month, n, _days(m), _days(p)]
        for job_id, _, month, n, m, p in _hires(user, filters, {} if shared is None else shared) if job_id is None
    ]
    return Report(
        key="time-to-hire-monthly", title="Time to hire, over time", unit="days", chart_columns=(2, 3),
        columns=["Month", "Hires", "Median (days)", "90th percentile (days)"], rows=rows,
        note="The same hires, by the month they were hired in.",
    )


# --- Rejections and withdrawals -----------------------------------------------------------------

# The stage positions come from the job's own stages (by its index), not from every job's.
_CLOSURES_ONE_JOB_SQL = """
WITH closures AS (
    SELECT cl.outcome, COALESCE(rr.name, cl.note) AS reason, cl.stage_name, s.position
      FROM jobs_reportclosure cl
      LEFT JOIN jobs_rejectionreason rr ON rr.id = cl.rejection_reason_id
      LEFT JOIN (SELECT id, position FROM jobs_stage WHERE {stage_scope}) s ON s.id = cl.stage_id
     WHERE {scope} AND cl.changed_at >= %s AND cl.changed_at < %s
)
SELECT COALESCE(stage_name, '') AS stage,
       count(*) FILTER (WHERE outcome = 'rejected'), count(*) FILTER (WHERE outcome = 'withdrawn'), count(*),
       mode() WITHIN GROUP (ORDER BY reason)
  FROM closures GROUP BY 1
 ORDER BY min(position) NULLS LAST, 1
"""
# Across jobs, by the rank of the stage kind: the daily totals for the whole UTC days of the period
# (every job only), the facts for the rest; `mode()` of the weighted rows is the most frequent
# reason, the first in order among equals, as mode() takes it.
_CLOSURES_KINDS_SQL = """
WITH closures AS (
    SELECT d.outcome, COALESCE(rr.name, NULLIF(d.note, '')) AS reason, NULLIF(d.rank, 0) AS rank, d.closures AS n
      FROM jobs_reportclosureday d LEFT JOIN jobs_rejectionreason rr ON rr.id = d.rejection_reason_id
     WHERE d.day >= %s AND d.day < %s
    UNION ALL
    SELECT cl.outcome, COALESCE(rr.name, cl.note), cl.rank, 1
      FROM jobs_reportclosure cl LEFT JOIN jobs_rejectionreason rr ON rr.id = cl.rejection_reason_id
     WHERE {scope} AND ((cl.changed_at >= %s AND cl.changed_at < %s) OR (cl.changed_at >= %s AND cl.changed_at < %s))
), reasons AS (
    SELECT rank, reason, sum(n) AS n, sum(n) FILTER (WHERE outcome = 'rejected') AS rejected,
           sum(n) FILTER (WHERE outcome = 'withdrawn') AS withdrawn
      FROM closures GROUP BY rank, reason
)
SELECT rank, COALESCE(sum(rejected), 0)::int, COALESCE(sum(withdrawn), 0)::int, sum(n)::int,
       (array_agg(reason ORDER BY n DESC, reason) FILTER (WHERE reason IS NOT NULL AND n > 0))[1]
  FROM reasons GROUP BY rank HAVING sum(n) > 0 ORDER BY rank NULLS LAST
"""


def _utc_days(filters: ReportFilters) -> tuple[date, date]:
    """The whole UTC days within the period, [first, last) (empty when there are none)."""
    since, until = filters.since.astimezone(dt_timezone.utc), filters.until.astimezone(dt_timezone.utc)
    first = since.date() + timedelta(days=0 if since.timetz() == time.min.replace(tzinfo=dt_timezone.utc) else 1)
    return first, max(first, until.date())


def _closures(user: User, filters: ReportFilters) -> list[tuple[Any, ...]]:
    """(stage name or kind rank, rejected, withdrawn, total, most frequent reason) per stage."""
    scope, scope_params = _in_scope("cl.job_id", user, filters)
    if _single_job(user, filters):
        stage_scope, stage_params = _in_scope("job_id", user, filters)
        sql = _CLOSURES_ONE_JOB_SQL.format(scope=scope, stage_scope=stage_scope)
        return _fetch(sql, [*stage_params, *scope_params, filters.since, filters.until])
    first, last = _utc_days(filters) if _every_job(user, filters) else (filters.start, filters.start)
    if first == last:  # no whole day from the totals: all of the period from the facts
        edges = [filters.since, filters.until, filters.until, filters.until]
    else:
        def midnight(day: date) -> datetime:
            return datetime.combine(day, time.min, tzinfo=dt_timezone.utc)

        edges = [filters.since, midnight(first), midnight(last), filters.until]
    return _fetch(_CLOSURES_KINDS_SQL.format(scope=scope), [first, last, *scope_params, *edges])


def closures_by_stage(*, user: User, filters: ReportFilters, shared: dict[str, Any] | None = None) -> Report:
    """Rejections and withdrawals in the period, by the stage the application was in at the time
    (its name in one job, its kind across jobs), with the most frequent reason: the managed
    rejection reason when one was chosen, else the free-text note."""
    single = _single_job(user, filters)
    rows = []
    for stage, rejected, withdrawn, total, reason in _closures(user, filters):
        label = stage if single else (KIND_LABELS[KIND_ORDER[stage - 1]] if stage else "")
        rows.append([label or "Stage removed", rejected, withdrawn, total, reason or ""])
    return Report(
        key="rejections", title="Rejections and withdrawals, per stage", unit="applications", chart_columns=(1, 2),
        text_columns=(4,),
        columns=["Stage", "Rejected", "Withdrawn", "Total", "Most frequent reason"], rows=rows,
        note="Applications closed in the period, by the stage they were in; the reason is the managed one when chosen, else the note.",
    )


# --- People -------------------------------------------------------------------------------------

_ACTIVITY_SQL = """
SELECT to_char(date_trunc('week', act.{at} AT TIME ZONE %s), 'YYYY-MM-DD') AS week, u.id,
       COALESCE(NULLIF(trim(u.first_name || ' ' || u.last_name), ''), u.username), {counts}
  FROM {table} act JOIN auth_user u ON u.id = act.actor_id
 WHERE {jobs} AND act.{at} >= %s AND act.{at} < %s AND act.verb = ANY(%s)
 GROUP BY week, u.id {having} ORDER BY week DESC, 3, u.id
"""


def recruiter_activity(*, user: User, filters: ReportFilters, shared: dict[str, Any] | None = None) -> Report:
    """Moves (stage moves and outcomes), notes, review requests and e-mails per person per week.

    Activity on the jobs in scope; a recruiter's unfiltered view also counts notes and other entries
    not tied to a job (a hiring manager's never does). Summed from the hourly rollup (job 0: none)
    when the days begin on a UTC hour, else counted from the activity log itself."""
    scope, scope_params = _scope(user, filters)
    whole_pool = not (filters.job_id or filters.department or is_hiring_manager(user))
    zone = ZoneInfo(settings.TIME_ZONE)
    hourly = all(_on_the_hour(moment) for moment in (filters.since, filters.until, filters.since.astimezone(zone),
                                                       filters.until.astimezone(zone)))
    none = "act.job_id = 0" if hourly else "act.job_id IS NULL"
    sql = _ACTIVITY_SQL.format(
        at="hour" if hourly else "created_at", table="jobs_reportactivityhour" if hourly else "candidates_activity",
        jobs=f"(act.job_id IN ({scope}){f' OR {none}' if whole_pool else ''})",
        counts=", ".join(
            ("COALESCE(sum(act.actions) FILTER (WHERE act.verb = ANY(%s)), 0)" if hourly
             else "count(*) FILTER (WHERE act.verb = ANY(%s))") for _ in ACTIVITY_VERBS
        ),
        having="HAVING sum(act.actions) > 0" if hourly else "",
    )
    verbs = [list(v) for v in ACTIVITY_VERBS.values()]
    every_verb = [verb for group in verbs for verb in group]
    params = [settings.TIME_ZONE, *verbs, *scope_params, filters.since, filters.until, every_verb]
    rows = [[week, name, *numbers] for week, _, name, *numbers in _fetch(sql, params)]
    return Report(
        key="activity", title="Recruiter activity, per person per week", unit="actions", label_columns=(0, 1), text_columns=(1,),
        chart_columns=(2, 3, 4, 5),
        columns=["Week of", "Person", "Moves and outcomes", "Notes", "Reviews requested", "E-mails sent"], rows=rows,
        note="E-mails are those a person sent from a profile or the board; automatic mails count for nobody.",
    )


def review_responsiveness(*, user: User, filters: ReportFilters, shared: dict[str, Any] | None = None) -> Report:
    scope, scope_params = _scope(user, filters)
    sql = f"""
    SELECT COALESCE(NULLIF(trim(u.first_name || ' ' || u.last_name), ''), u.username), count(*),
           count(rr.completed_at), count(*) FILTER (WHERE rr.completed_at IS NULL AND rr.due_at < now()),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM rr.completed_at - rr.requested_at)),
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM rr.completed_at - rr.requested_at))
      FROM jobs_reviewrequest rr JOIN jobs_application a ON a.id = rr.application_id
      JOIN auth_user u ON u.id = rr.reviewer_id
     WHERE a.job_id IN ({scope}) AND rr.requested_at >= %s AND rr.requested_at < %s
     GROUP BY u.id ORDER BY 1, u.id
    """
    rows = [
        [name, n, done, overdue, _hours(median), _hours(p90)]
        for name, n, done, overdue, median, p90 in _fetch(sql, [*scope_params, filters.since, filters.until])
    ]
    return Report(
        key="reviews", title="Hiring-manager responsiveness", unit="hours", chart_columns=(4, 5),
        columns=["Reviewer", "Reviews requested", "Submitted", "Overdue", "Median time to review (hours)",
                 "90th percentile (hours)"],
        rows=rows, note="Review requests made in the period: time from the request to the review.",
    )


REPORTS = {
    "funnel": funnel,
    "time-in-stage": time_in_stage,
    "time-to-hire": time_to_hire_by_job,
    "time-to-hire-monthly": time_to_hire_by_month,
    "sources": source_effectiveness,
    "rejections": closures_by_stage,
    "activity": recruiter_activity,
    "reviews": review_responsiveness,
}


@contextmanager
def _report_queries() -> Iterator[None]:
    """The reports' queries run in one read transaction with JIT off (compiling costs more than these
    sub-second aggregates gain), enough work_mem that hashing 100,000 applications stays in memory, and
    no parallel workers (each would build the same hash tables again; measured slower at bench scale)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true),"
                " set_config('max_parallel_workers_per_gather', '0', true)"
            )
        yield


def reports_for(*, user: User, filters: ReportFilters) -> list[Report]:
    """Every report, in page order: one query each (the funnel and sources share theirs)."""
    shared: dict[str, Any] = {}
    with _report_queries():
        return [build(user=user, filters=filters, shared=shared) for build in REPORTS.values()]


def report_get(*, user: User, filters: ReportFilters, key: str) -> Report | None:
    build = REPORTS.get(key)
    if build is None:
        return None
    with _report_queries():
        return build(user=user, filters=filters, shared={})


def report_filter_choices(user: User) -> tuple[list[tuple[int, str]], list[str]]:
    """(id, title) of every job the user may report on, by title, and their departments: one query."""
    rows = list(job_list_for(user).select_related(None).order_by("title", "pk").values_list("pk", "title", "department"))
    return [(pk, title) for pk, title, _ in rows], sorted({department for _, _, department in rows if department})
