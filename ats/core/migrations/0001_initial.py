"""The activity log, moved here from candidates: state only, the table is candidates_activity."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from ats.core.migrations._content_types import move_content_type


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('candidates', '0005_activity_and_bulkaction_moved_out'),
        ('jobs', '0005_application_waiting_index'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Activity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('verb', models.CharField(choices=[('candidate_created', 'created the candidate'), ('candidate_edited', 'edited the profile'), ('candidate_deleted', 'deleted a candidate'), ('candidates_merged', 'merged candidates'), ('merge_undone', 'undid a merge'), ('bulk_undone', 'undid a bulk change'), ('resume_uploaded', 'uploaded a résumé'), ('resume_parsed', 'résumé parsed'), ('resume_failed', 'résumé could not be parsed'), ('resume_reparse', 'asked for a re-parse'), ('job_created', 'created the job'), ('job_edited', 'edited the job'), ('job_status', 'changed the job status'), ('application_created', 'added to a job'), ('stage_moved', 'moved to a stage'), ('outcome_set', 'set the outcome'), ('note_added', 'added a note'), ('tags_changed', 'changed tags'), ('lists_changed', 'changed a candidate list'), ('search_saved', 'saved a search'), ('search_deleted', 'deleted a saved search'), ('review_requested', 'asked for a review'), ('review_submitted', 'submitted a review'), ('notifications_changed', 'changed notification settings')], max_length=40)),
                        ('data', models.JSONField(blank=True, default=dict)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('application', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='activities', to='jobs.application')),
                        ('candidate', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='activities', to='candidates.candidate')),
                        ('job', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='activities', to='jobs.job')),
                    ],
                    options={
                        'verbose_name_plural': 'activities',
                        'db_table': 'candidates_activity',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['candidate', '-created_at'], name='activity_candidate_recent'), models.Index(fields=['job', '-created_at'], name='activity_job_recent')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(*move_content_type("activity", "candidates", "core")),
    ]
