"""Partial index for the dashboard's "waiting too long" list.

That query takes active applications older than a cut-off, oldest first, LIMIT 10. With this index
PostgreSQL walks the oldest active applications in order and stops after ten matches, instead of
reading and sorting every active application. Built concurrently so writes to applications are not
blocked while it builds on a large table (hence non-atomic).
"""
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("jobs", "0004_roles"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="application",
            index=models.Index(
                condition=models.Q(outcome="active"), fields=["stage_entered_at"], name="application_waiting"
            ),
        ),
    ]
