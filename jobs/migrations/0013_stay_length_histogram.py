"""Time in stage across every job without reading every stay: a length bucket on each stay and the
completed stays per UTC day, stage-kind rank and bucket (ReportStayDay), kept by a statement-level
trigger on the stays as jobs 0011 keeps the other totals. The report adds up one period's totals to
find the bucket that holds each percentile, then reads that bucket's stays alone for the exact value
(jobs.reports.selectors.time_in_stage): 240,000 stays at a million candidates were sorted per page."""

from django.db import migrations, models
from django.db.models import F, Func, Q

# Bucket edges in whole seconds, each about 10% above the last, from a minute to over five years:
# stays shorter than a minute are bucket 0, longer than the last edge the last bucket. With lengths
# spread over hours to weeks a bucket holds a few per cent of a period's stays (1,500 of 237,000 at
# a million candidates). width_bucket compares with the edges themselves, so the buckets are in
# exactly the order of the lengths.
EDGES = []
_edge = 60.0
while _edge < 5.2 * 365 * 86400:
    if not EDGES or round(_edge) > EDGES[-1]:
        EDGES.append(round(_edge))
    _edge *= 1.1

BUCKET = f"""
CREATE FUNCTION jobs_stay_bucket(seconds float8) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT width_bucket(seconds, '{{{','.join(str(edge) for edge in EDGES)}}}'::float8[])::smallint
$$;
"""


def _count(rows: str) -> str:
    """Add the completed stays of `rows` (with a `sign`: +1 added, -1 removed) to the day totals, in
    key order, as jobs 0011's totals do (two writers lock the same totals in the same order)."""
    return f"""
        INSERT INTO jobs_reportstayday AS r (day, rank, bucket, stays)
        SELECT (entered_at AT TIME ZONE 'UTC')::date, rank, bucket, sum(sign) FROM {rows}
         WHERE seconds IS NOT NULL AND rank IS NOT NULL
         GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (day, rank, bucket) DO UPDATE SET stays = r.stays + EXCLUDED.stays;"""


ADDED, REMOVED = "SELECT *, 1 AS sign FROM new_rows", "SELECT *, -1 AS sign FROM old_rows"
TRIGGERS = f"""
CREATE FUNCTION jobs_report_stay_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN{_count(f"({ADDED}) d")}
    ELSIF TG_OP = 'DELETE' THEN{_count(f"({REMOVED}) d")}
    ELSE{_count(f"({ADDED} UNION ALL {REMOVED}) d")}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER jobs_reportstay_report_insert AFTER INSERT ON jobs_reportstay REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_report_stay_count();
CREATE TRIGGER jobs_reportstay_report_update AFTER UPDATE ON jobs_reportstay
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION jobs_report_stay_count();
CREATE TRIGGER jobs_reportstay_report_delete AFTER DELETE ON jobs_reportstay REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_report_stay_count();
"""
BACKFILL = _count("(SELECT *, 1 AS sign FROM jobs_reportstay) d")
DROP = """
DROP TRIGGER jobs_reportstay_report_insert ON jobs_reportstay;
DROP TRIGGER jobs_reportstay_report_update ON jobs_reportstay;
DROP TRIGGER jobs_reportstay_report_delete ON jobs_reportstay;
DROP FUNCTION jobs_report_stay_count();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("jobs", "0012_merge_privacy_and_rollups"),
    ]

    operations = [
        migrations.RunSQL(BUCKET, reverse_sql="DROP FUNCTION jobs_stay_bucket(float8);"),
        migrations.RemoveIndex(model_name="reportstay", name="reportstay_done"),
        migrations.RemoveIndex(model_name="reportstay", name="reportstay_lengths"),
        migrations.AddField(
            model_name="reportstay",
            name="bucket",
            field=models.GeneratedField(
                db_persist=True,
                expression=Func(F("seconds"), function="jobs_stay_bucket", output_field=models.SmallIntegerField()),
                output_field=models.SmallIntegerField(),
            ),
        ),
        migrations.CreateModel(
            name="ReportStayDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
                ("rank", models.SmallIntegerField()),
                ("bucket", models.SmallIntegerField()),
                ("stays", models.IntegerField()),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("day", "rank", "bucket"), name="reportstayday_key")],
            },
        ),
        migrations.RunSQL(BACKFILL + TRIGGERS, reverse_sql=DROP),
        migrations.AddIndex(
            model_name="reportstay",
            index=models.Index(condition=Q(("seconds__isnull", False)), fields=["entered_at"], include=("rank", "bucket"),
                               name="reportstay_done"),
        ),
        migrations.AddIndex(
            model_name="reportstay",
            index=models.Index(condition=Q(("seconds__isnull", False)), fields=["rank", "bucket", "entered_at"],
                               include=("seconds",), name="reportstay_bucket"),
        ),
    ]
