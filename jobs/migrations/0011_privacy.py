"""Consent becomes a per-candidate, append-only record: source, lawful basis, who recorded it and
when, a note, and withdrawals as rows of their own (kind). Existing rows are careers-form consents
(the defaults) recorded when they were given."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from ats.core.history import append_only_sql, drop_append_only_sql


class Migration(migrations.Migration):

    dependencies = [
        ('jobs', '0010_rejection_reasons_and_stage_emails'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("core", "0002_append_only"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='consent',
            options={'ordering': ['candidate', '-recorded_at', '-id']},
        ),
        migrations.AddField(
            model_name='consent',
            name='kind',
            field=models.CharField(choices=[('given', 'Consent given'), ('withdrawn', 'Consent withdrawn')], default='given', max_length=10),
        ),
        migrations.AddField(
            model_name='consent',
            name='lawful_basis',
            field=models.CharField(choices=[('consent', 'Consent'), ('legitimate_interest', 'Legitimate interest')], default='consent', max_length=20),
        ),
        migrations.AddField(
            model_name='consent',
            name='note',
            field=models.TextField(blank=True, max_length=2000),
        ),
        migrations.AddField(
            model_name='consent',
            name='recorded_at',
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name='consent',
            name='recorded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='consent',
            name='source',
            field=models.CharField(choices=[('careers_form', 'Careers form'), ('phone', 'Told by phone'), ('email', 'By e-mail'), ('sourced', 'Sourced (e.g. LinkedIn), legitimate interest'), ('import', 'Import'), ('self_service', "The candidate's own privacy page"), ('other', 'Other')], default='careers_form', max_length=20),
        ),
        migrations.AlterField(
            model_name='consent',
            name='email',
            field=models.EmailField(blank=True, max_length=254),
        ),
        migrations.RunSQL("UPDATE jobs_consent SET recorded_at = given_at", reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL(
            append_only_sql("jobs_consent", "application_id", "recorded_by_id"),
            reverse_sql=drop_append_only_sql("jobs_consent"),
        ),
    ]
