"""Job status and application outcome histories, filled from the activity log for what came before.

Before this, a status change or an outcome was known only from its activity row (verb job_status
with data from/to; verb outcome_set with data outcome/reason); applications bulk-inserted by
seed_demo have no such row, so their current outcome is recorded as one change from active.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


BACKFILL = """
INSERT INTO jobs_jobstatuschange (job_id, from_status, to_status, changed_by_id, changed_at)
SELECT j.id, '',
       COALESCE((SELECT a.data->>'from' FROM candidates_activity a
                  WHERE a.job_id = j.id AND a.verb = 'job_status' AND a.data->>'from' IS NOT NULL
                  ORDER BY a.created_at, a.id LIMIT 1), j.status),
       (SELECT a.actor_id FROM candidates_activity a WHERE a.job_id = j.id AND a.verb = 'job_created' LIMIT 1),
       j.created_at
  FROM jobs_job j;

INSERT INTO jobs_jobstatuschange (job_id, from_status, to_status, changed_by_id, changed_at)
SELECT a.job_id, a.data->>'from', a.data->>'to', a.actor_id, a.created_at
  FROM candidates_activity a
 WHERE a.verb = 'job_status' AND a.job_id IS NOT NULL
   AND a.data->>'to' IS NOT NULL AND a.data->>'from' IS DISTINCT FROM a.data->>'to';

INSERT INTO jobs_outcomechange (application_id, from_outcome, to_outcome, reason, changed_by_id, changed_at)
SELECT application_id, previous, outcome, left(reason, 300), actor_id, created_at FROM (
    SELECT a.application_id, a.data->>'outcome' AS outcome, COALESCE(a.data->>'reason', '') AS reason,
           a.actor_id, a.created_at,
           COALESCE(lag(a.data->>'outcome') OVER (PARTITION BY a.application_id ORDER BY a.created_at, a.id), 'active')
               AS previous
      FROM candidates_activity a
     WHERE a.verb = 'outcome_set' AND a.application_id IS NOT NULL
) changes
 WHERE outcome IS NOT NULL AND previous <> outcome;

INSERT INTO jobs_outcomechange (application_id, from_outcome, to_outcome, reason, changed_by_id, changed_at)
SELECT app.id, 'active', app.outcome, app.outcome_reason, NULL, COALESCE(app.outcome_at, app.updated_at)
  FROM jobs_application app
 WHERE app.outcome <> 'active'
   AND NOT EXISTS (SELECT 1 FROM candidates_activity a WHERE a.application_id = app.id AND a.verb = 'outcome_set');
"""


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0006_bulkaction_moved_here'),
        ('core', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='JobStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(blank=True, choices=[('draft', 'Draft'), ('open', 'Open'), ('on_hold', 'On hold'), ('closed', 'Closed')], max_length=10)),
                ('to_status', models.CharField(choices=[('draft', 'Draft'), ('open', 'Open'), ('on_hold', 'On hold'), ('closed', 'Closed')], max_length=10)),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('job', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='jobs.job')),
            ],
            options={
                'ordering': ['job', 'changed_at', 'id'],
                'indexes': [models.Index(fields=['job', 'changed_at'], name='jobstatuschange_history')],
                'constraints': [models.CheckConstraint(condition=models.Q(('from_status', models.F('to_status')), _negated=True), name='jobstatuschange_changes')],
            },
        ),
        migrations.CreateModel(
            name='OutcomeChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_outcome', models.CharField(choices=[('active', 'Active'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn'), ('hired', 'Hired')], max_length=10)),
                ('to_outcome', models.CharField(choices=[('active', 'Active'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn'), ('hired', 'Hired')], max_length=10)),
                ('reason', models.CharField(blank=True, max_length=300)),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='outcome_changes', to='jobs.application')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['application', 'changed_at', 'id'],
                'indexes': [models.Index(fields=['application', 'changed_at'], name='outcomechange_history')],
                'constraints': [models.CheckConstraint(condition=models.Q(('from_outcome', models.F('to_outcome')), _negated=True), name='outcomechange_changes')],
            },
        ),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
