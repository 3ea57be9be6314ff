"""The append-only guard for history tables (ats.core.history), and the activity log under it.

Before, only jobs_stagechange refused UPDATEs, and no history table refused a DELETE.
"""
from django.db import migrations

from ats.core.history import APPEND_ONLY_FUNCTION, append_only_sql, drop_append_only_sql


class Migration(migrations.Migration):

    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunSQL(APPEND_ONLY_FUNCTION, reverse_sql="DROP FUNCTION IF EXISTS ats_append_only() CASCADE;"),
        # Only the actor may become NULL (a deleted user); candidate, job and application cascade.
        migrations.RunSQL(
            append_only_sql("candidates_activity", "actor_id"), reverse_sql=drop_append_only_sql("candidates_activity")
        ),
    ]
