"""Each spelling of a candidate name once, with its number of holders (candidates.search.models.
DistinctName), kept by statement-level triggers on the name table (0009) as jobs 0011 keeps the
reports' totals: keys in order, one statement per write, a spelling gone with its last holder (an
erasure leaves no name behind). Fuzzy matches rank spellings there and read each spelling's holders
by index, instead of rechecking and ranking every holder of a common name."""
import django.contrib.postgres.indexes
from django.db import migrations, models


def _count(rows: str, *, removing: bool) -> str:
    """Add the names of `rows` (with a `sign`: +1 added, -1 removed) to the spellings' holders;
    when some were removed, drop the spellings nobody holds any more."""
    count = f"""
        INSERT INTO candidates_distinctname AS d (full_name, holders)
        SELECT full_name, sum(sign) FROM {rows} GROUP BY 1 HAVING sum(sign) <> 0 ORDER BY 1
        ON CONFLICT (full_name) DO UPDATE SET holders = d.holders + EXCLUDED.holders;"""
    return count + (f"""
        DELETE FROM candidates_distinctname d
         WHERE d.holders = 0 AND d.full_name IN (SELECT full_name FROM {rows} WHERE sign < 0);""" if removing else "")


ADDED, REMOVED = "SELECT full_name, 1 AS sign FROM new_rows", "SELECT full_name, -1 AS sign FROM old_rows"
TRIGGERS = f"""
CREATE FUNCTION candidates_distinct_name_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN{_count(f"({ADDED}) d", removing=False)}
    ELSIF TG_OP = 'DELETE' THEN{_count(f"({REMOVED}) d", removing=True)}
    ELSE{_count(f"({ADDED} UNION ALL {REMOVED}) d", removing=True)}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER candidates_distinct_name_insert AFTER INSERT ON candidates_candidatename
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION candidates_distinct_name_count();
CREATE TRIGGER candidates_distinct_name_update AFTER UPDATE ON candidates_candidatename
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION candidates_distinct_name_count();
CREATE TRIGGER candidates_distinct_name_delete AFTER DELETE ON candidates_candidatename
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION candidates_distinct_name_count();
"""
BACKFILL = """
INSERT INTO candidates_distinctname (full_name, holders)
SELECT full_name, count(*) FROM candidates_candidatename GROUP BY full_name ORDER BY full_name;
"""
DROP = """
DROP TRIGGER candidates_distinct_name_insert ON candidates_candidatename;
DROP TRIGGER candidates_distinct_name_update ON candidates_candidatename;
DROP TRIGGER candidates_distinct_name_delete ON candidates_candidatename;
DROP FUNCTION candidates_distinct_name_count();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("candidates", "0012_privacy"),
    ]

    operations = [
        migrations.CreateModel(
            name="DistinctName",
            fields=[
                ("full_name", models.CharField(max_length=200, primary_key=True, serialize=False)),
                ("holders", models.IntegerField()),
            ],
        ),
        # Filled before its trigram index is built: one sort instead of an insertion per spelling.
        migrations.RunSQL(BACKFILL + TRIGGERS, reverse_sql=DROP + "DELETE FROM candidates_distinctname;"),
        migrations.AddIndex(
            model_name="distinctname",
            index=django.contrib.postgres.indexes.GinIndex(fields=["full_name"], gin_pending_list_limit=256,
                                                           name="distinctname_trgm", opclasses=["gin_trgm_ops"]),
        ),
        migrations.AddIndex(
            model_name="candidatename",
            index=models.Index(fields=["full_name", "candidate"], name="candidatename_holders"),
        ),
        migrations.RemoveIndex(model_name="candidatename", name="candidatename_trgm"),
    ]
