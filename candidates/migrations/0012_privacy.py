"""Privacy: erasure requests (a recruiter decides) and subject access exports (an RQ job builds the zip)."""

import candidates.privacy.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('candidates', '0011_erasure_and_retention'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ErasureRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('candidate_ref', models.PositiveIntegerField()),
                ('source', models.CharField(choices=[('self_service', 'The candidate, on their privacy page'), ('recruiter', "A recruiter, on the candidate's behalf")], max_length=20)),
                ('state', models.CharField(choices=[('pending', 'Pending'), ('approved', 'Approved (erased)'), ('declined', 'Declined')], default='pending', max_length=10)),
                ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decline_reason', models.TextField(blank=True, max_length=2000)),
                ('candidate', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='erasure_requests', to='candidates.candidate')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-requested_at', '-id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('state', 'pending')), fields=('candidate',), name='erasure_one_pending_per_candidate'), models.CheckConstraint(condition=models.Q(models.Q(('state', 'declined'), _negated=True), models.Q(('decline_reason', ''), _negated=True), _connector='OR'), name='erasure_decline_has_reason')],
            },
        ),
        migrations.CreateModel(
            name='SubjectExport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('for_subject', models.BooleanField(default=False)),
                ('state', models.CharField(choices=[('queued', 'Queued'), ('running', 'Building'), ('done', 'Ready'), ('failed', 'Failed'), ('expired', 'Expired')], default='queued', max_length=10)),
                ('steps_done', models.PositiveSmallIntegerField(default=0)),
                ('steps_total', models.PositiveSmallIntegerField(default=0)),
                ('file', models.FileField(blank=True, max_length=200, storage=candidates.privacy.models._export_storage, upload_to=candidates.privacy.models.export_upload_to)),
                ('size', models.PositiveBigIntegerField(default=0)),
                ('failure_reason', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('expires_at', models.DateTimeField(blank=True, null=True)),
                ('candidate', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='subject_exports', to='candidates.candidate')),
                ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['candidate', '-created_at'], name='subject_export_recent')],
            },
        ),
    ]
