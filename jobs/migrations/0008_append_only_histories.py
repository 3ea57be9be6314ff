"""Stage, outcome and job-status histories under the one append-only guard (ats.core.history),
which refuses DELETE too; it replaces the UPDATE-only trigger of migration 0002."""
from django.db import migrations

from ats.core.history import append_only_sql, drop_append_only_sql

OLD_STAGECHANGE_TRIGGER = (
    "DROP TRIGGER IF EXISTS jobs_stagechange_append_only ON jobs_stagechange;"
    "DROP FUNCTION IF EXISTS jobs_stagechange_append_only();"
)
HISTORIES = {
    "jobs_stagechange": ("from_stage_id", "to_stage_id", "changed_by_id"),
    "jobs_outcomechange": ("changed_by_id",),
    "jobs_jobstatuschange": ("changed_by_id",),
}


class Migration(migrations.Migration):

    dependencies = [
        ("jobs", "0007_status_and_outcome_history"),
        ("core", "0002_append_only"),
    ]

    operations = [
        # The old trigger's name is the new one's (table + "_append_only"): drop it and its function first.
        migrations.RunSQL(OLD_STAGECHANGE_TRIGGER, reverse_sql=migrations.RunSQL.noop),
        *(
            migrations.RunSQL(append_only_sql(table, *nullable), reverse_sql=drop_append_only_sql(table))
            for table, nullable in HISTORIES.items()
        ),
    ]
