"""The reports' rollups (jobs.reports.models): facts per application, per stay and per closing, and
hourly funnel totals, kept exact by statement-level triggers on every table they derive from (as
candidates 0009 keeps CandidateName), then filled from the existing rows before their indexes are
built (one sort each instead of millions of index insertions).

One definition of each fact (`FACTS`, a condition on the application `a`): the triggers recompute
the applications a statement touched, the backfill every application."""

from typing import Any

from django.db import migrations, models

# The stage kinds in pipeline order (jobs.models.Stage.Kind): across jobs the funnel counts by rank.
KIND_RANK = """
CREATE FUNCTION jobs_stage_kind_rank(kind text) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE kind WHEN 'applied' THEN 1 WHEN 'screening' THEN 2 WHEN 'shortlist' THEN 3
                      WHEN 'interview' THEN 4 WHEN 'offer' THEN 5 WHEN 'hired' THEN 6 END)::smallint
$$;
"""

FACTS = """
-- Per application: the furthest point it reached, in its job's pipeline and by stage kind: where
-- it is now or any stage of its history still in the pipeline, whichever is furthest.
INSERT INTO jobs_reportapplication AS f
       (application_id, job_id, applied_at, source, furthest_position, furthest_rank, hired)
SELECT a.id, a.job_id, a.applied_at, CASE WHEN a.source <> '' THEN a.source ELSE c.source END,
       GREATEST(cs.position, h.position), GREATEST(jobs_stage_kind_rank(cs.kind), h.rank), a.outcome = 'hired'
  FROM jobs_application a
  JOIN candidates_candidate c ON c.id = a.candidate_id
  JOIN jobs_stage cs ON cs.id = a.stage_id
  LEFT JOIN LATERAL (
      SELECT max(s.position) AS position, max(jobs_stage_kind_rank(s.kind)) AS rank
        FROM jobs_stagechange sc JOIN jobs_stage s ON s.id = sc.to_stage_id
       WHERE sc.application_id = a.id
  ) h ON true
 WHERE {apps}
ON CONFLICT (application_id) DO UPDATE
   SET job_id = EXCLUDED.job_id, applied_at = EXCLUDED.applied_at, source = EXCLUDED.source,
       furthest_position = EXCLUDED.furthest_position, furthest_rank = EXCLUDED.furthest_rank, hired = EXCLUDED.hired
 WHERE (f.job_id, f.applied_at, f.source, f.furthest_position, f.furthest_rank, f.hired)
       IS DISTINCT FROM (EXCLUDED.job_id, EXCLUDED.applied_at, EXCLUDED.source, EXCLUDED.furthest_position,
                         EXCLUDED.furthest_rank, EXCLUDED.hired);

-- Per stay (a change into a stage still in the pipeline): it ends at the application's next such
-- change, else when the application was closed; open stays have no length.
INSERT INTO jobs_reportstay AS f (stage_change_id, application_id, job_id, stage_id, rank, entered_at, seconds)
SELECT sc.id, sc.application_id, a.job_id, sc.to_stage_id, jobs_stage_kind_rank(s.kind), sc.changed_at,
       extract(epoch FROM COALESCE(lead(sc.changed_at) OVER (PARTITION BY sc.application_id ORDER BY sc.changed_at, sc.id),
                                   CASE WHEN a.outcome <> 'active' THEN a.outcome_at END) - sc.changed_at)::float8
  FROM jobs_stagechange sc JOIN jobs_application a ON a.id = sc.application_id JOIN jobs_stage s ON s.id = sc.to_stage_id
 WHERE {apps}
ON CONFLICT (stage_change_id) DO UPDATE
   SET application_id = EXCLUDED.application_id, job_id = EXCLUDED.job_id, stage_id = EXCLUDED.stage_id,
       rank = EXCLUDED.rank, entered_at = EXCLUDED.entered_at, seconds = EXCLUDED.seconds
 WHERE (f.application_id, f.job_id, f.stage_id, f.rank, f.entered_at, f.seconds)
       IS DISTINCT FROM (EXCLUDED.application_id, EXCLUDED.job_id, EXCLUDED.stage_id, EXCLUDED.rank,
                         EXCLUDED.entered_at, EXCLUDED.seconds);

-- Per rejection or withdrawal: the stage the application was in then (its last change by then).
INSERT INTO jobs_reportclosure AS f
       (outcome_change_id, application_id, job_id, changed_at, outcome, rejection_reason_id, note, stage_id, stage_name, rank)
SELECT oc.id, oc.application_id, a.job_id, oc.changed_at, oc.to_outcome, oc.rejection_reason_id, NULLIF(oc.reason, ''),
       at_stage.to_stage_id, at_stage.to_stage_name, jobs_stage_kind_rank(s.kind)
  FROM jobs_outcomechange oc JOIN jobs_application a ON a.id = oc.application_id
  LEFT JOIN LATERAL (
      SELECT sc.to_stage_id, sc.to_stage_name FROM jobs_stagechange sc
       WHERE sc.application_id = oc.application_id AND sc.changed_at <= oc.changed_at
       ORDER BY sc.changed_at DESC, sc.id DESC LIMIT 1
  ) at_stage ON true
  LEFT JOIN jobs_stage s ON s.id = at_stage.to_stage_id
 WHERE oc.to_outcome IN ('rejected', 'withdrawn') AND {apps}
ON CONFLICT (outcome_change_id) DO UPDATE
   SET application_id = EXCLUDED.application_id, job_id = EXCLUDED.job_id, changed_at = EXCLUDED.changed_at,
       outcome = EXCLUDED.outcome, rejection_reason_id = EXCLUDED.rejection_reason_id, note = EXCLUDED.note,
       stage_id = EXCLUDED.stage_id, stage_name = EXCLUDED.stage_name, rank = EXCLUDED.rank
 WHERE (f.application_id, f.job_id, f.changed_at, f.outcome, f.rejection_reason_id, f.note, f.stage_id, f.stage_name, f.rank)
       IS DISTINCT FROM (EXCLUDED.application_id, EXCLUDED.job_id, EXCLUDED.changed_at, EXCLUDED.outcome,
                         EXCLUDED.rejection_reason_id, EXCLUDED.note, EXCLUDED.stage_id, EXCLUDED.stage_name,
                         EXCLUDED.rank);
"""

REFRESH = """
CREATE FUNCTION jobs_report_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    -- Facts whose source row is gone (or no longer a stay or a closing).
    DELETE FROM jobs_reportapplication f WHERE f.application_id = ANY(ids)
       AND NOT EXISTS (SELECT FROM jobs_application a WHERE a.id = f.application_id);
    DELETE FROM jobs_reportstay f WHERE f.application_id = ANY(ids)
       AND NOT EXISTS (SELECT FROM jobs_stagechange sc WHERE sc.id = f.stage_change_id
                          AND sc.application_id = f.application_id AND sc.to_stage_id IS NOT NULL);
    DELETE FROM jobs_reportclosure f WHERE f.application_id = ANY(ids)
       AND NOT EXISTS (SELECT FROM jobs_outcomechange oc WHERE oc.id = f.outcome_change_id
                          AND oc.application_id = f.application_id AND oc.to_outcome IN ('rejected', 'withdrawn'));
""" + FACTS.format(apps="a.id = ANY(ids)") + """
END $$;
"""

# One function per source table; a trigger per event (a trigger with transition tables has one).
SOURCES = """
CREATE FUNCTION jobs_report_application_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM jobs_report_refresh(ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM jobs_report_refresh(ARRAY(SELECT id FROM old_rows));
    ELSE  -- only what the facts read: a board's "seen" flag or a touched timestamp changes nothing
        PERFORM jobs_report_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.job_id, n.candidate_id, n.stage_id, n.outcome, n.outcome_at, n.source, n.applied_at)
                   IS DISTINCT FROM (o.job_id, o.candidate_id, o.stage_id, o.outcome, o.outcome_at, o.source, o.applied_at)));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION jobs_report_history_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM jobs_report_refresh(ARRAY(SELECT DISTINCT application_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM jobs_report_refresh(ARRAY(SELECT DISTINCT application_id FROM old_rows));
    ELSE
        PERFORM jobs_report_refresh(ARRAY(SELECT application_id FROM new_rows UNION SELECT application_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

-- A reordered pipeline or a stage of another kind moves the furthest points of the job's
-- applications (and the kind of their stays and closings).
CREATE FUNCTION jobs_report_stage_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM jobs_report_refresh(ARRAY(
        SELECT a.id FROM jobs_application a
         WHERE a.job_id IN (SELECT n.job_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                             WHERE (n.position, n.kind, n.job_id) IS DISTINCT FROM (o.position, o.kind, o.job_id))));
    RETURN NULL;
END $$;

-- An application without a source of its own counts under how its candidate was found. A row
-- trigger on the source column only (its WHEN decides before any work): every activity touches the
-- candidate's last_activity_at, and a statement trigger would copy those wide rows twice to find
-- that the source did not change.
CREATE FUNCTION jobs_report_candidate_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM jobs_report_refresh(ARRAY(
        SELECT a.id FROM jobs_application a WHERE a.candidate_id = NEW.id AND a.source = ''));
    RETURN NULL;
END $$;
"""
CANDIDATE_SOURCE_TRIGGER = (
    "CREATE TRIGGER candidates_candidate_report_update AFTER UPDATE OF source ON candidates_candidate "
    "FOR EACH ROW WHEN (OLD.source IS DISTINCT FROM NEW.source) EXECUTE FUNCTION jobs_report_candidate_changed();\n"
)


def _triggers(table: str, function: str, events: tuple[str, ...]) -> str:
    clauses = {"INSERT": "NEW TABLE AS new_rows", "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
               "DELETE": "OLD TABLE AS old_rows"}
    return "".join(
        f"CREATE TRIGGER {table}_report_{event.lower()} AFTER {event} ON {table} REFERENCING {clauses[event]}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {function}();\n"
        for event in events
    )


ALL = ("INSERT", "UPDATE", "DELETE")
TRIGGERED = [
    ("jobs_application", "jobs_report_application_changed", ALL),
    ("jobs_stagechange", "jobs_report_history_changed", ALL),
    ("jobs_outcomechange", "jobs_report_history_changed", ALL),
    ("jobs_stage", "jobs_report_stage_changed", ("UPDATE",)),
    ("jobs_reportapplication", "jobs_report_reach_count", ALL),
    ("jobs_reportclosure", "jobs_report_closure_count", ALL),
    ("candidates_activity", "jobs_report_activity_count", ALL),
]



def _totals(table: str, key: str, groups: str, counts: tuple[str, ...], where: str, rows: str) -> str:
    """Add the counts of `rows` (a sub-select with a `sign` column: +1 added, -1 removed) that match
    `where` to the totals, grouped by `groups` (the values of `key`). One statement, its keys in
    order: two transactions moving applications between the same totals lock them in the same
    order (no deadlock), and totals left as they were are not touched."""
    updates = ", ".join(f"{column} = r.{column} + EXCLUDED.{column}" for column in TOTALS[table])
    group_numbers = ", ".join(str(n) for n in range(1, len(key.split(", ")) + 1))
    changed = " OR ".join(f"{count} <> 0" for count in counts)
    return f"""
        INSERT INTO {table} AS r ({key}, {', '.join(TOTALS[table])})
        SELECT {groups}, {', '.join(counts)} FROM {rows} WHERE {where} GROUP BY {group_numbers}
        HAVING {changed} ORDER BY {group_numbers}
        ON CONFLICT ({key}) DO UPDATE SET {updates};"""


def _totals_function(name: str, *spec: Any) -> str:
    """A trigger function on a table the totals are counted from: new rows count +1, old rows -1
    (an update is both, in one statement)."""
    added, removed = "SELECT *, 1 AS sign FROM new_rows", "SELECT *, -1 AS sign FROM old_rows"
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN{_totals(*spec, f"({added}) d")}
    ELSIF TG_OP = 'DELETE' THEN{_totals(*spec, f"({removed}) d")}
    ELSE{_totals(*spec, f"({added} UNION ALL {removed}) d")}
    END IF;
    RETURN NULL;
END $$;
"""


# Each table of totals: its counted columns, and how it groups what it counts (hours and days in
# UTC, whatever the session's time zone).
TOTALS = {
    "jobs_reportreachhour": ("applications", "hired"),
    "jobs_reportclosureday": ("closures",),
    "jobs_reportactivityhour": ("actions",),
}
UTC_HOUR = "date_trunc('hour', {} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
# Applications per hour applied, source and furthest rank, from the per-application facts.
REACH = ("jobs_reportreachhour", "hour, source, furthest_rank", f"{UTC_HOUR.format('applied_at')}, source, furthest_rank",
         ("sum(sign)", "COALESCE(sum(sign) FILTER (WHERE hired), 0)"), "TRUE")
# Closings per UTC day, stage-kind rank (0: none), outcome, managed reason (0: none) and note.
CLOSURES = ("jobs_reportclosureday", "day, rank, outcome, rejection_reason_id, note",
            "(changed_at AT TIME ZONE 'UTC')::date, COALESCE(rank, 0), outcome, COALESCE(rejection_reason_id, 0),"
            " COALESCE(note, '')", ("sum(sign)",), "TRUE")
# Activity entries with an actor, per hour, job (0: none), actor and verb; removed or changed entries
# (an erasure's scrub, a deleted user) count -1 where they were.
ACTIVITY = ("jobs_reportactivityhour", "hour, job_id, actor_id, verb",
            f"{UTC_HOUR.format('created_at')}, COALESCE(job_id, 0), actor_id, verb", ("sum(sign)",), "actor_id IS NOT NULL")

TRIGGERS = (
    KIND_RANK + REFRESH + SOURCES + _totals_function("jobs_report_reach_count", *REACH)
    + _totals_function("jobs_report_closure_count", *CLOSURES) + _totals_function("jobs_report_activity_count", *ACTIVITY)
    + "".join(_triggers(*spec) for spec in TRIGGERED) + CANDIDATE_SOURCE_TRIGGER
)
# Every application's facts (the hourly totals follow through the facts' own trigger).
BACKFILL = FACTS.format(apps="TRUE") + _totals(*ACTIVITY, "(SELECT *, 1 AS sign FROM candidates_activity) d")
DROP = "".join(
    f"DROP TRIGGER {table}_report_{event.lower()} ON {table};\n" for table, _, events in TRIGGERED for event in events
) + "DROP TRIGGER candidates_candidate_report_update ON candidates_candidate;\n" + """
DROP FUNCTION jobs_report_activity_count();
DROP FUNCTION jobs_report_closure_count();
DROP FUNCTION jobs_report_reach_count();
DROP FUNCTION jobs_report_candidate_changed();
DROP FUNCTION jobs_report_stage_changed();
DROP FUNCTION jobs_report_history_changed();
DROP FUNCTION jobs_report_application_changed();
DROP FUNCTION jobs_report_refresh(bigint[]);
DROP FUNCTION jobs_stage_kind_rank(text);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0010_rejection_reasons_and_stage_emails'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportApplication',
            fields=[
                ('application_id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('job_id', models.BigIntegerField()),
                ('applied_at', models.DateTimeField()),
                ('source', models.CharField(max_length=50)),
                ('furthest_position', models.SmallIntegerField()),
                ('furthest_rank', models.SmallIntegerField()),
                ('hired', models.BooleanField()),
            ],
        ),
        migrations.CreateModel(
            name='ReportClosure',
            fields=[
                ('outcome_change_id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('application_id', models.BigIntegerField()),
                ('job_id', models.BigIntegerField()),
                ('changed_at', models.DateTimeField()),
                ('outcome', models.CharField(max_length=10)),
                ('rejection_reason_id', models.BigIntegerField(null=True)),
                ('note', models.CharField(max_length=300, null=True)),
                ('stage_id', models.BigIntegerField(null=True)),
                ('stage_name', models.CharField(max_length=60, null=True)),
                ('rank', models.SmallIntegerField(null=True)),
            ],
        ),
        migrations.CreateModel(
            name='ReportReachHour',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hour', models.DateTimeField()),
                ('source', models.CharField(max_length=50)),
                ('furthest_rank', models.SmallIntegerField()),
                ('applications', models.IntegerField()),
                ('hired', models.IntegerField()),
            ],
        ),
        migrations.CreateModel(
            name='ReportStay',
            fields=[
                ('stage_change_id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('application_id', models.BigIntegerField()),
                ('job_id', models.BigIntegerField()),
                ('stage_id', models.BigIntegerField()),
                ('rank', models.SmallIntegerField(null=True)),
                ('entered_at', models.DateTimeField()),
                ('seconds', models.FloatField(null=True)),
            ],
        ),
        migrations.CreateModel(
            name='ReportClosureDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField()),
                ('rank', models.SmallIntegerField()),
                ('outcome', models.CharField(max_length=10)),
                ('rejection_reason_id', models.BigIntegerField()),
                ('note', models.CharField(max_length=300)),
                ('closures', models.IntegerField()),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('day', 'rank', 'outcome', 'rejection_reason_id', 'note'), name='reportclosureday_key')],
            },
        ),
        migrations.CreateModel(
            name='ReportActivityHour',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hour', models.DateTimeField()),
                ('job_id', models.BigIntegerField()),
                ('actor_id', models.BigIntegerField()),
                ('verb', models.CharField(max_length=40)),
                ('actions', models.IntegerField()),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('hour', 'job_id', 'actor_id', 'verb'), name='reportactivityhour_key')],
            },
        ),
        migrations.AddConstraint(
            model_name='reportreachhour',
            constraint=models.UniqueConstraint(fields=('hour', 'source', 'furthest_rank'), name='reportreachhour_key'),
        ),
        migrations.RunSQL(TRIGGERS + BACKFILL, reverse_sql=DROP),
        migrations.AddIndex(
            model_name='outcomechange',
            index=models.Index(condition=models.Q(('to_outcome', 'hired')), fields=['changed_at'], name='outcomechange_hired'),
        ),
        migrations.AddIndex(
            model_name='reportapplication',
            index=models.Index(fields=['job_id', 'applied_at'], include=('source', 'furthest_position', 'furthest_rank', 'hired'), name='reportapplication_job'),
        ),
        migrations.AddIndex(
            model_name='reportclosure',
            index=models.Index(fields=['application_id'], name='reportclosure_application'),
        ),
        migrations.AddIndex(
            model_name='reportclosure',
            index=models.Index(fields=['job_id', 'changed_at'], include=('outcome', 'rejection_reason_id', 'note', 'stage_id', 'stage_name', 'rank'), name='reportclosure_job'),
        ),
        migrations.AddIndex(
            model_name='reportclosure',
            index=models.Index(fields=['changed_at'], include=('outcome', 'rejection_reason_id', 'note', 'rank'), name='reportclosure_time'),
        ),
        migrations.AddIndex(
            model_name='reportstay',
            index=models.Index(fields=['application_id'], name='reportstay_application'),
        ),
        migrations.AddIndex(
            model_name='reportstay',
            index=models.Index(fields=['job_id', 'entered_at'], include=('stage_id', 'rank', 'seconds'), name='reportstay_job'),
        ),
        migrations.AddIndex(
            model_name='reportstay',
            index=models.Index(condition=models.Q(('seconds__isnull', False)), fields=['entered_at'], include=('rank', 'seconds'), name='reportstay_done'),
        ),
        migrations.AddIndex(
            model_name='reportstay',
            index=models.Index(condition=models.Q(('seconds__isnull', False)), fields=['rank', 'seconds'], include=('entered_at',), name='reportstay_lengths'),
        ),
    ]
