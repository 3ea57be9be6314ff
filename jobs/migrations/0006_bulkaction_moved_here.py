"""BulkAction moved here from candidates (the one bulk engine is jobs.bulk): state only, the
table is candidates_bulkaction."""
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from ats.core.migrations._content_types import move_content_type


class Migration(migrations.Migration):

    dependencies = [
        ("jobs", "0005_application_waiting_index"),
        ("candidates", "0005_activity_and_bulkaction_moved_out"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='BulkAction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('tag', 'Tag'), ('add_to_job', 'Add to job'), ('move', 'Move'), ('reject', 'Reject')], max_length=20)),
                        ('payload', models.JSONField(default=dict)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('undone_at', models.DateTimeField(blank=True, null=True)),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'candidates_bulkaction',
                        'ordering': ['-created_at'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(*move_content_type("bulkaction", "candidates", "jobs")),
    ]
