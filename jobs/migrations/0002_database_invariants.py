"""Invariants Django cannot declare: an application's stage belongs to its job, history is append-only."""
from django.db import migrations

APPLICATION_STAGE_IN_JOB = """
ALTER TABLE jobs_application
    ADD CONSTRAINT application_stage_in_job
    FOREIGN KEY (stage_id, job_id) REFERENCES jobs_stage (id, job_id)
    DEFERRABLE INITIALLY DEFERRED;
"""

STAGE_HISTORY_APPEND_ONLY = """
CREATE FUNCTION jobs_stagechange_append_only() RETURNS trigger AS $$
BEGIN
    -- The only updates allowed are the SET NULLs that deleting a stage or a user cascades into.
    IF NEW.id = OLD.id
       AND NEW.application_id = OLD.application_id
       AND NEW.changed_at = OLD.changed_at
       AND NEW.from_stage_name = OLD.from_stage_name
       AND NEW.to_stage_name = OLD.to_stage_name
       AND (NEW.from_stage_id IS NOT DISTINCT FROM OLD.from_stage_id OR NEW.from_stage_id IS NULL)
       AND (NEW.to_stage_id IS NOT DISTINCT FROM OLD.to_stage_id OR NEW.to_stage_id IS NULL)
       AND (NEW.changed_by_id IS NOT DISTINCT FROM OLD.changed_by_id OR NEW.changed_by_id IS NULL)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'stage history is append-only (jobs_stagechange %)', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER jobs_stagechange_append_only
    BEFORE UPDATE ON jobs_stagechange
    FOR EACH ROW EXECUTE FUNCTION jobs_stagechange_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [
        migrations.RunSQL(
            APPLICATION_STAGE_IN_JOB,
            reverse_sql="ALTER TABLE jobs_application DROP CONSTRAINT application_stage_in_job;",
        ),
        migrations.RunSQL(
            STAGE_HISTORY_APPEND_ONLY,
            reverse_sql=(
                "DROP TRIGGER jobs_stagechange_append_only ON jobs_stagechange;"
                "DROP FUNCTION jobs_stagechange_append_only();"
            ),
        ),
    ]
