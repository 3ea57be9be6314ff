"""Candidate names in a narrow table of their own for the misspelled-name match (see
candidates.search.models.CandidateName), kept by statement-level triggers so bulk inserts and
updates pay one extra statement, not one per row."""
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models

TRIGGERS = """
CREATE FUNCTION candidates_name_copy_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO candidates_candidatename (candidate_id, full_name) SELECT id, full_name FROM new_rows;
    RETURN NULL;
END $$;
CREATE TRIGGER candidates_name_copy_insert AFTER INSERT ON candidates_candidate
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION candidates_name_copy_insert();

CREATE FUNCTION candidates_name_copy_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE candidates_candidatename AS n SET full_name = new_rows.full_name
      FROM new_rows JOIN old_rows ON old_rows.id = new_rows.id
     WHERE n.candidate_id = new_rows.id AND new_rows.full_name IS DISTINCT FROM old_rows.full_name;
    RETURN NULL;
END $$;
CREATE TRIGGER candidates_name_copy_update AFTER UPDATE ON candidates_candidate
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION candidates_name_copy_update();

CREATE FUNCTION candidates_name_copy_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM candidates_candidatename AS n USING old_rows WHERE n.candidate_id = old_rows.id;
    RETURN NULL;
END $$;
CREATE TRIGGER candidates_name_copy_delete AFTER DELETE ON candidates_candidate
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION candidates_name_copy_delete();

INSERT INTO candidates_candidatename (candidate_id, full_name) SELECT id, full_name FROM candidates_candidate;
"""
DROP_TRIGGERS = """
DROP TRIGGER candidates_name_copy_insert ON candidates_candidate;
DROP TRIGGER candidates_name_copy_update ON candidates_candidate;
DROP TRIGGER candidates_name_copy_delete ON candidates_candidate;
DROP FUNCTION candidates_name_copy_insert();
DROP FUNCTION candidates_name_copy_update();
DROP FUNCTION candidates_name_copy_delete();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("candidates", "0008_resume_claimed_by"),
    ]

    operations = [
        migrations.CreateModel(
            name="CandidateName",
            fields=[
                ("candidate", models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING,
                                                   primary_key=True, related_name="+", serialize=False,
                                                   to="candidates.candidate")),
                ("full_name", models.CharField(max_length=200)),
            ],
        ),
        # Filled before the index is built: one sort instead of 500,000 index insertions.
        migrations.RunSQL(TRIGGERS, reverse_sql=DROP_TRIGGERS),
        migrations.AddIndex(
            model_name="candidatename",
            index=django.contrib.postgres.indexes.GinIndex(fields=["full_name"], name="candidatename_trgm",
                                                           opclasses=["gin_trgm_ops"]),
        ),
        migrations.RemoveIndex(model_name="candidate", name="candidate_name_trgm"),
    ]
